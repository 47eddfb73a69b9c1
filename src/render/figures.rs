//! Figures: the charts a report's chapters embed, numbered in reading order per language, rendered
//! through the figure partial, with their SVG and CSV files.

use super::chapters::Draft;
use super::paths::Paths;
use super::OutputFile;
use crate::charts::raster::Raster;
use crate::content::{Report, Site};
use crate::error::{Diagnostic, Diagnostics, Location};
use crate::markdown::{embeds::Kind, Embed};
use crate::templates::Templates;
use crate::views::FigureContext;
use std::collections::{BTreeMap, HashMap};
use std::path::Path;

/// Embed names authors may use.
pub const EMBED_NAMES: &[&str] = &["chart", "ref"];

/// A chart placed in a chapter.
pub struct Placed {
    /// Chapter slug where it is shown.
    pub chapter: String,
    /// "图 2" / "Figure 2".
    pub label: String,
    /// The figure's HTML.
    pub html: String,
}

/// All figures of one report in one language.
pub struct Figures {
    /// By chart id.
    pub placed: BTreeMap<String, Placed>,
    /// SVG, CSV and PNG files.
    pub files: Vec<OutputFile>,
}

/// The HTML id of a chart's figure.
pub fn element_id(chart_id: &str) -> String {
    format!("figure-{chart_id}")
}

fn at(file: &Path, e: &Embed) -> Location {
    Location::at(file, e.line, Some(e.column))
}

/// What a numbered figure shows.
enum Shown<'d> {
    /// A chart, by id, and whether a table just before it gives the same facts (printed once).
    Chart(String, bool),
    /// A co-located image: its figure id and embed.
    Image(String, &'d Embed),
}

impl Shown<'_> {
    fn id(&self) -> &str {
        match self {
            Shown::Chart(id, _) | Shown::Image(id, _) => id,
        }
    }
}

/// Validates embeds (charts, references, images, shortcodes), numbers the figures (charts and
/// images that are paragraphs of their own, in reading order) and renders them.
pub fn number(
    site: &Site,
    report: &Report,
    lang: &str,
    drafts: &[Draft],
    templates: &Templates,
    raster: Option<&Raster>,
    diags: &mut Diagnostics,
) -> Option<Figures> {
    let mut order: Vec<(Shown, String)> = Vec::new();
    // Chapter showing each figure, so that checks are lookups rather than scans of `order`.
    let mut placed: HashMap<String, String> = HashMap::new();
    let mut refs: Vec<(&Path, &Embed)> = Vec::new();
    let shortcodes = super::shortcodes::known(templates);
    let mut ok = true;
    for d in drafts {
        let file = d.source.file.as_path();
        for e in &d.md.embeds {
            let checked = match e.kind {
                Kind::Image => {
                    super::images::check(report, file, e).map(|f| f.map(|f| Shown::Image(f.id, e)))
                }
                Kind::Close => Ok(None),
                _ if EMBED_NAMES.contains(&e.name.as_str()) => check_embed(report, d, e)
                    .map(|id| id.map(|id| Shown::Chart(id, e.args.contains_key("repeats")))),
                _ => super::shortcodes::check(&shortcodes, file, e).map(|_| None),
            };
            match checked {
                Ok(Some(shown)) => match placed.get(shown.id()) {
                    Some(chapter) => {
                        ok = false;
                        diags.push(shown_twice(file, e, shown.id(), chapter));
                    }
                    None => {
                        placed.insert(shown.id().to_string(), d.chapter.slug.clone());
                        order.push((shown, d.chapter.slug.clone()));
                    }
                },
                Ok(None) if e.name == "ref" && e.kind == Kind::Call => refs.push((file, e)),
                Ok(None) => {}
                Err(diag) => {
                    ok = false;
                    diags.push(diag);
                }
            }
        }
    }
    for (file, e) in refs {
        let id = e.str_arg("id").unwrap_or_default();
        if !placed.contains_key(id) {
            ok = false;
            let help = if report.charts.contains_key(id) {
                format!("chart `{id}` exists but no chapter shows it: add {{{{ chart(id=\"{id}\") }}}} where it belongs")
            } else {
                let known: Vec<String> = report
                    .charts
                    .keys()
                    .cloned()
                    .chain(placed.keys().cloned())
                    .collect::<std::collections::BTreeSet<_>>()
                    .into_iter()
                    .collect();
                suggest(id, known.iter())
            };
            diags.push(
                Diagnostic::error(at(file, e), format!("reference to unknown figure `{id}`"))
                    .with_help(help),
            );
        }
    }
    for (id, spec) in &report.charts {
        if lang == site.config.language_keys[0] && !placed.contains_key(id) {
            diags.push(
                Diagnostic::warning(
                    Location::file(&spec.file),
                    format!("chart `{id}` is not shown in any chapter"),
                )
                .with_help(format!(
                    "embed it with {{{{ chart(id=\"{id}\") }}}} or delete the file"
                )),
            );
        }
    }
    if !ok {
        return None;
    }
    let mut figs = render_all(
        site,
        report,
        lang,
        &order,
        templates,
        raster.is_some(),
        diags,
    )?;
    if let Some(raster) = raster {
        figs.files.extend(rasterise(raster, &figs.files, diags));
    }
    Some(figs)
}

/// The PNG of every SVG among `files`, rasterised in parallel (in the order of `files`).
fn rasterise(raster: &Raster, files: &[OutputFile], diags: &mut Diagnostics) -> Vec<OutputFile> {
    use rayon::prelude::*;
    let made: Vec<Result<OutputFile, Diagnostic>> = files
        .par_iter()
        .filter_map(|f| Some((f, f.path.strip_suffix(".svg")?)))
        .map(|(f, stem)| {
            let path = format!("{stem}.png");
            let svg = std::str::from_utf8(&f.bytes).unwrap_or_default();
            raster
                .png_reusing(svg, &f.path, &path)
                .map(|bytes| OutputFile { path, bytes })
                .map_err(|e| Diagnostic::error(Location::file(&f.path), e))
        })
        .collect();
    let mut out = Vec::new();
    for r in made {
        match r {
            Ok(f) => out.push(f),
            Err(d) => diags.push(d),
        }
    }
    out
}

/// A figure shown a second time.
fn shown_twice(file: &Path, e: &Embed, id: &str, chapter: &str) -> Diagnostic {
    let what = if e.kind == Kind::Image {
        "image figure"
    } else {
        "chart"
    };
    Diagnostic::error(
        at(file, e),
        format!("{what} `{id}` is already shown in chapter `{chapter}` (figure ids are shared by charts and images)"),
    )
    .with_help(format!(
        "show each figure once; refer to it elsewhere with {{{{ ref(id=\"{id}\") }}}}"
    ))
}

/// Checks a `chart` or `ref` embed; returns the chart id for a `chart`, `None` for a `ref`.
fn check_embed(report: &Report, d: &Draft, e: &Embed) -> Result<Option<String>, Diagnostic> {
    let file = &d.source.file;
    if e.kind == Kind::Open {
        return Err(
            Diagnostic::error(at(file, e), format!("`{}` has no body form", e.name))
                .with_help(format!("write {{{{ {}(id=\"…\") }}}}", e.name)),
        );
    }
    let takes = |k: &str| k == "id" || (e.name == "chart" && k == "repeats");
    let extra: Vec<&String> = e.args.keys().filter(|k| !takes(k)).collect();
    if let Some(k) = extra.first() {
        return Err(Diagnostic::error(
            at(file, e),
            format!("embed `{}` takes no argument `{k}`", e.name),
        )
        .with_help(format!("write {{{{ {}(id=\"…\") }}}}", e.name)));
    }
    let Some(id) = e.str_arg("id") else {
        return Err(Diagnostic::error(at(file, e), format!("embed `{}` needs an id (in quotes)", e.name))
            .with_help(format!("write {{{{ {}(id=\"market-size\") }}}} with the file name of a chart in {}/charts/ (or of an image beside the chapters, for ref)", e.name, report.dir.display())));
    };
    if e.name == "ref" {
        return Ok(None);
    }
    if let Some(v) = e
        .args
        .get("repeats")
        .filter(|v| v.as_str() != Some("table"))
    {
        return Err(Diagnostic::error(
            at(file, e),
            format!("`repeats` of chart `{id}` must be \"table\", not \"{v}\""),
        )
        .with_help(format!("write {{{{ chart(id=\"{id}\", repeats=\"table\") }}}} right after a table that gives the chart's facts: print then leaves the table out")));
    }
    if !report.charts.contains_key(id) {
        return Err(
            Diagnostic::error(at(file, e), format!("unknown chart id `{id}`"))
                .with_help(suggest(id, report.charts.keys())),
        );
    }
    if !e.block {
        return Err(Diagnostic::error(at(file, e), format!("chart `{id}` must be a paragraph of its own"))
            .with_help(format!("put {{{{ chart(id=\"{id}\") }}}} on a line of its own with a blank line before and after; use {{{{ ref(id=\"{id}\") }}}} inside a sentence")));
    }
    Ok(Some(id.to_string()))
}

fn suggest<'a>(id: &str, known: impl Iterator<Item = &'a String>) -> String {
    let known: Vec<&String> = known.collect();
    let best = known
        .iter()
        .map(|k| (strsim::jaro_winkler(id, k), *k))
        .filter(|(s, _)| *s > 0.8)
        .max_by(|a, b| a.0.total_cmp(&b.0));
    let list = known
        .iter()
        .map(|k| k.as_str())
        .collect::<Vec<_>>()
        .join(", ");
    match best {
        Some((_, k)) => format!("did you mean `{k}`? Charts of this report: {list}"),
        None if known.is_empty() => "this report has no charts: add one as charts/<id>.yaml".into(),
        None => format!("charts of this report: {list}"),
    }
}

fn render_all(
    site: &Site,
    report: &Report,
    lang: &str,
    order: &[(Shown, String)],
    templates: &Templates,
    png: bool,
    diags: &mut Diagnostics,
) -> Option<Figures> {
    let paths = Paths::new(&site.config);
    let t = site.strings.for_lang(lang);
    let words = crate::charts::Words::from(t.clone());
    let mut figs = Figures {
        placed: BTreeMap::new(),
        files: Vec::new(),
    };
    for (i, (shown, chapter)) in order.iter().enumerate() {
        let label = site
            .strings
            .get(lang, "figure_label")
            .replace("{n}", &(i + 1).to_string());
        let html = match shown {
            Shown::Chart(id, repeats_table) => {
                let Some(ctx) = chart_context(
                    report,
                    lang,
                    (id, *repeats_table, png),
                    &paths,
                    &words,
                    &t,
                    &label,
                    &mut figs,
                    diags,
                ) else {
                    continue;
                };
                templates.render("partials/figure.html", &ctx)
            }
            Shown::Image(id, e) => templates.render(
                "partials/image-figure.html",
                &super::images::ImageFigureContext {
                    id: element_id(id),
                    label: label.clone(),
                    img: super::images::img_tag(&paths, report, e),
                    caption: super::images::caption(e),
                },
            ),
        };
        if let Some(html) = diags.take(html) {
            figs.placed.insert(
                shown.id().to_string(),
                Placed {
                    chapter: chapter.clone(),
                    label,
                    html,
                },
            );
        }
    }
    Some(figs)
}

/// Renders chart `id`, adds its SVG and CSV files to `figs`, and returns its partial's context.
#[allow(clippy::too_many_arguments)]
fn chart_context(
    report: &Report,
    lang: &str,
    (id, repeats_table, png): (&str, bool, bool),
    paths: &Paths,
    words: &crate::charts::Words,
    t: &BTreeMap<String, String>,
    label: &str,
    figs: &mut Figures,
    diags: &mut Diagnostics,
) -> Option<FigureContext> {
    let spec = &report.charts[id];
    let figure = diags.take(crate::charts::render(spec, lang, words).map_err(Into::into))?;
    let svg_path = paths.chart_file(lang, &report.slug, id, "svg");
    let csv_path = paths.chart_file(lang, &report.slug, id, "csv");
    figs.files.push(OutputFile {
        path: svg_path.clone(),
        bytes: figure.svg_file.clone().into_bytes(),
    });
    figs.files.push(OutputFile {
        path: csv_path.clone(),
        bytes: figure.csv.clone().into_bytes(),
    });
    Some(FigureContext {
        t: t.clone(),
        id: element_id(id),
        label: label.to_string(),
        csv_href: paths.href(&csv_path),
        svg_href: paths.href(&svg_path),
        png_href: png.then(|| paths.href(&paths.chart_file(lang, &report.slug, id, "png"))),
        csv_name: format!("{id}.{lang}.csv"),
        repeats_table,
        figure,
    })
}
