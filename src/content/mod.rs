//! Loading `content/` into an immutable site model: configuration, interface strings, reports,
//! chapters and charts. Every problem found is reported at once.

pub mod chapter;
mod chapters;
pub mod dates;
pub mod discover;
pub mod files;
pub mod pages;
pub mod report;
mod strings;

pub use chapter::{ChapterSource, FrontMatter};
pub use report::Manifest;
pub use strings::Strings;

use chapters::load_chapters;
pub use discover::valid_slug;
use discover::{case_collisions, list_static, slug_problem, sorted_dir};

use crate::charts::ChartSpec;
use crate::config::Config;
use crate::error::{Diagnostic, Diagnostics, Location, Result};
use rayon::prelude::*;
use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::path::{Path, PathBuf};

/// Slugs a chapter may not take because the report's own pages use them.
pub const RESERVED_SLUGS: &[&str] = &[
    "analysts",
    "related",
    "disclosures",
    "charts",
    "index",
    "all",
    "files",
];

/// The whole site, loaded and validated.
#[derive(Debug, Clone)]
pub struct Site {
    /// Validated configuration.
    pub config: Config,
    /// Interface strings per language.
    pub strings: Strings,
    /// Reports, newest first.
    pub reports: Vec<Report>,
    /// Standalone pages (`content/pages/`), by navigation weight then slug.
    pub pages: Vec<pages::Page>,
    /// Index in `reports` of each report's slug, for links between reports.
    by_slug: std::collections::HashMap<String, usize>,
    /// Files under `static/`, as `/`-separated paths relative to it.
    pub static_files: BTreeSet<String>,
}

/// One report: manifest, chapters in order, charts by id.
#[derive(Debug, Clone)]
pub struct Report {
    /// URL slug (the folder name).
    pub slug: String,
    /// Folder relative to the site root.
    pub dir: PathBuf,
    /// The manifest.
    pub manifest: Manifest,
    /// Chapters ordered by `order`.
    pub chapters: Vec<Chapter>,
    /// Charts, sorted by id.
    pub charts: BTreeMap<String, ChartSpec>,
    /// Keys of the languages the report is published in, in the site's order.
    pub languages: Vec<String>,
    /// Files beside the chapters, by path relative to `chapters/`.
    pub files: BTreeMap<String, files::Attachment>,
}

impl Report {
    /// Whether the report is published in `lang`.
    pub fn has_language(&self, lang: &str) -> bool {
        self.languages.iter().any(|l| l == lang)
    }

    /// The language a reader of `lang` is shown the report in: `lang` itself when the report
    /// has it, else the site's default language when it has that, else its first language.
    pub fn shown_in<'a>(&'a self, lang: &'a str, default: &'a str) -> &'a str {
        if self.has_language(lang) {
            lang
        } else if self.has_language(default) {
            default
        } else {
            self.languages.first().map_or(lang, String::as_str)
        }
    }
}

impl Site {
    /// The report with folder name `slug`.
    pub fn report(&self, slug: &str) -> Option<&Report> {
        self.by_slug.get(slug).map(|&i| &self.reports[i])
    }

    /// Whether the home page is the library rather than the only report's landing page: with
    /// one report that lacks a language, that language's home would have nothing to show.
    pub fn library_home(&self) -> bool {
        let partial = self
            .reports
            .iter()
            .any(|r| r.languages.len() < self.config.language_keys.len());
        partial || self.config.library_home(self.reports.len())
    }
}

/// A chapter in all its languages.
#[derive(Debug, Clone)]
pub struct Chapter {
    /// URL slug (the file stem without language).
    pub slug: String,
    /// Position in the report.
    pub order: i64,
    /// The chapter per language key.
    pub sources: BTreeMap<String, ChapterSource>,
}

/// Loads the site under `root`.
pub fn load(root: &Path, config: Config) -> Result<Site> {
    let strings = Strings::load(root, &config.site.languages);
    assemble(root, config, strings, None, HashMap::new())
}

/// Loads the site under `root` again after only files inside the report folders named by
/// `changed` (slugs) changed since `previous` was loaded: the other reports, the configuration,
/// the interface strings and the list of static files are taken over, not read again. The
/// checks across reports run as in [`load`], so the result is the same as a fresh load's.
pub fn reload(root: &Path, previous: Site, changed: &BTreeSet<String>) -> Result<Site> {
    let kept = previous
        .reports
        .into_iter()
        .filter(|r| !changed.contains(&r.slug))
        .map(|r| (r.dir.clone(), r))
        .collect();
    assemble(
        root,
        previous.config,
        Ok(previous.strings),
        Some(previous.static_files),
        kept,
    )
}

/// Loads the reports (taking those in `kept`, by folder, as they are), checks them together and
/// makes the site.
fn assemble(
    root: &Path,
    config: Config,
    strings: Result<Strings>,
    static_files: Option<BTreeSet<String>>,
    mut kept: HashMap<PathBuf, Report>,
) -> Result<Site> {
    let mut diags = Diagnostics::default();
    let strings = diags.take(strings);
    let reports_dir = root.join("content/reports");
    let dirs: Vec<PathBuf> = sorted_dir(&reports_dir, Path::new("content/reports"), &mut diags)
        .into_iter()
        .filter(|e| e.is_dir)
        .map(|e| e.rel)
        .collect();
    // Reports load in parallel; their results are taken in folder order, so messages and the
    // site are the same on any number of threads.
    let work: Vec<(PathBuf, Option<Report>)> = dirs
        .into_iter()
        .map(|rel| {
            let report = kept.remove(&rel);
            (rel, report)
        })
        .collect();
    let loaded: Vec<Result<Report>> = work
        .into_par_iter()
        .map(|(rel, report)| report.map_or_else(|| load_report(root, &rel, &config), Ok))
        .collect();
    let mut reports = Vec::new();
    for r in loaded {
        if let Some(r) = diags.take(r) {
            reports.push(r);
        }
    }
    if reports.is_empty() && !diags.has_errors() {
        diags.push(
            Diagnostic::error(Location::file("content/reports"), "the site has no report")
                .with_help("add a folder content/reports/<slug>/ with report.yaml and chapters/ (see docs/content-model.md)"),
        );
    }
    for d in case_collisions(
        reports.iter().map(|r| (r.slug.as_str(), r.dir.as_path())),
        "reports",
    ) {
        diags.push(d);
    }
    check_related(root, &reports, &mut diags);
    let slugs: Vec<&str> = reports.iter().map(|r| r.slug.as_str()).collect();
    let pages = pages::load_pages(root, &config, &slugs, &mut diags);
    let static_files = static_files.unwrap_or_else(|| list_static(root, &mut diags));
    diags.finish()?;
    reports.sort_by(|a, b| {
        b.manifest
            .date
            .cmp(&a.manifest.date)
            .then(a.slug.cmp(&b.slug))
    });
    let by_slug = reports
        .iter()
        .enumerate()
        .map(|(i, r)| (r.slug.clone(), i))
        .collect();
    Ok(Site {
        by_slug,
        config,
        strings: strings.unwrap_or_default(),
        reports,
        pages,
        static_files,
    })
}

/// A related-research entry that names a report of this site (`report: slug`) must name one.
fn check_related(root: &Path, reports: &[Report], diags: &mut Diagnostics) {
    let slugs: BTreeSet<&str> = reports.iter().map(|r| r.slug.as_str()).collect();
    for r in reports {
        for (i, rel) in r.manifest.related.iter().enumerate() {
            let Some(slug) = rel.report.as_deref().filter(|s| !slugs.contains(s)) else {
                continue;
            };
            let file = r.dir.join("report.yaml");
            let line = crate::fsx::read_text(root, &file).ok().and_then(|src| {
                let path = [
                    crate::yamlx::PathSeg::Key("related".into()),
                    crate::yamlx::PathSeg::Index(i),
                    crate::yamlx::PathSeg::Key("report".into()),
                ];
                crate::yamlx::line_of(&src, &path)
            });
            let at = line.map_or_else(|| Location::file(&file), |l| Location::at(&file, l, None));
            diags.push(
                Diagnostic::error(at, format!("related report `{slug}` is not a report of this site"))
                    .with_help(format!(
                        "use the folder name of a report under content/reports/ ({}), or give a `url` instead",
                        slugs.iter().copied().collect::<Vec<_>>().join(", ")
                    )),
            );
        }
    }
}

fn load_report(root: &Path, rel: &Path, config: &Config) -> Result<Report> {
    let slug = rel
        .file_name()
        .and_then(|n| n.to_str())
        .unwrap_or_default()
        .to_string();
    let is_language = config
        .language_keys
        .iter()
        .any(|k| k.eq_ignore_ascii_case(&slug));
    if !valid_slug(&slug) || is_language {
        let d = if valid_slug(&slug) {
            Diagnostic::error(
                Location::file(rel),
                format!("report folder `{slug}` has the name of a language"),
            )
            .with_help(
                "rename the folder; language keys are reserved for language prefixes in URLs",
            )
        } else {
            slug_problem(rel, &slug)
        };
        return Err(d.into());
    }
    if crate::render::library::LIBRARY_FOLDERS.contains(&slug.to_lowercase().as_str()) {
        return Err(Diagnostic::error(
            Location::file(rel),
            format!("report folder `{slug}` has the name of a folder of the library"),
        )
        .with_help(format!(
            "rename the folder; these names hold the library's own pages: {}",
            crate::render::library::LIBRARY_FOLDERS.join(", ")
        ))
        .into());
    }
    let mut diags = Diagnostics::default();
    let manifest_rel = rel.join("report.yaml");
    let manifest = diags.take(load_manifest(root, &manifest_rel, config));
    let languages = match &manifest {
        Some((m, _)) => m.languages.clone(),
        None => declared_languages(root, &manifest_rel, config),
    }
    .unwrap_or_else(|| config.language_keys.clone());
    let chapters = load_chapters(root, &rel.join("chapters"), config, &languages, &mut diags);
    let charts = load_charts(root, &rel.join("charts"), config, &languages, &mut diags);
    let files = files::load_files(root, &rel.join("chapters"), &mut diags);
    // Only once the charts loaded, so that a broken chart file is not reported twice.
    if let (Some((m, source)), false) = (&manifest, diags.has_errors()) {
        check_headline_charts(m, source, &manifest_rel, &charts, &mut diags);
    }
    diags.finish()?;
    Ok(Report {
        slug,
        dir: rel.to_path_buf(),
        manifest: manifest.expect("manifest loaded when no errors").0,
        chapters,
        charts,
        languages,
        files,
    })
}

/// Headline figure cards may link to a chart; the chart must exist.
fn check_headline_charts(
    m: &Manifest,
    source: &str,
    rel: &Path,
    charts: &BTreeMap<String, ChartSpec>,
    diags: &mut Diagnostics,
) {
    use crate::yamlx::PathSeg;
    for (i, h) in m.headline_figures.iter().enumerate() {
        let Some(id) = &h.chart else { continue };
        if !charts.contains_key(id) {
            let path = [
                PathSeg::Key("headline_figures".into()),
                PathSeg::Index(i),
                PathSeg::Key("chart".into()),
            ];
            let loc = crate::yamlx::line_of(source, &path)
                .map(|l| Location::at(rel, l, None))
                .unwrap_or_else(|| Location::file(rel));
            let known: Vec<&str> = charts.keys().map(String::as_str).collect();
            diags.push(
                Diagnostic::error(
                    loc,
                    format!("headline figure links to unknown chart `{id}`"),
                )
                .with_help(format!("use one of: {}", known.join(", "))),
            );
        }
    }
}

/// Links in the manifest's Markdown texts (key takeaways, disclosures) with a refused scheme
/// (`javascript:`, `data:`, `vbscript:`), as located errors, like links in chapters.
fn markdown_field_links(m: &Manifest, source: &str, rel: &Path) -> Vec<Diagnostic> {
    use crate::yamlx::PathSeg;
    let fields = m
        .key_takeaways
        .iter()
        .enumerate()
        .map(|(i, k)| (PathSeg::Key("key_takeaways".into()), i, "text", &k.text))
        .chain(
            m.disclosures
                .iter()
                .enumerate()
                .map(|(i, d)| (PathSeg::Key("disclosures".into()), i, "body", &d.body)),
        );
    let mut out = Vec::new();
    for (list, i, key, text) in fields {
        let texts: Vec<&str> = match text {
            crate::localized::Localized::Same(s) => vec![s.as_str()],
            crate::localized::Localized::PerLanguage(m) => m.values().map(String::as_str).collect(),
        };
        for t in texts {
            for event in pulldown_cmark::Parser::new(t) {
                let dest = match &event {
                    pulldown_cmark::Event::Start(pulldown_cmark::Tag::Link {
                        dest_url, ..
                    })
                    | pulldown_cmark::Event::Start(pulldown_cmark::Tag::Image {
                        dest_url, ..
                    }) => dest_url,
                    _ => continue,
                };
                if let Some(scheme) = crate::markdown::links::refused_scheme(dest) {
                    let path = [list.clone(), PathSeg::Index(i), PathSeg::Key(key.into())];
                    let at = crate::yamlx::line_of(source, &path)
                        .map_or_else(|| Location::file(rel), |l| Location::at(rel, l, None));
                    out.push(
                        Diagnostic::error(at, format!("link to a `{scheme}:` URL is not allowed"))
                            .with_help("links may be http:, https:, mailto: or a path on the site"),
                    );
                }
            }
        }
    }
    out
}

fn load_manifest(root: &Path, rel: &Path, config: &Config) -> Result<(Manifest, String)> {
    let abs = root.join(rel);
    if !abs.is_file() {
        return Err(Diagnostic::error(Location::file(rel), "report has no manifest")
            .with_help("create report.yaml with title, date, sector, summary and analysts (see docs/content-model.md)")
            .into());
    }
    let source = crate::fsx::read_text(root, rel)?;
    let mut manifest: Manifest = crate::yamlx::parse(&source, rel, 0)?;
    let mut problems = Vec::new();
    if let Some(langs) = &mut manifest.languages {
        problems.extend(check_languages(langs, &source, rel, config));
        // In the site's order, so twins and switchers list them as everywhere else.
        let listed = std::mem::take(langs);
        langs.extend(
            config
                .language_keys
                .iter()
                .filter(|k| listed.contains(k))
                .cloned(),
        );
    }
    let langs = manifest
        .languages
        .clone()
        .unwrap_or_else(|| config.language_keys.clone());
    problems.extend(crate::yamlx::check_translations_among(
        &source,
        rel,
        0,
        &config.language_keys,
        &langs,
    ));
    let texts = manifest.texts();
    let texts = crate::yamlx::check_texts(&source, rel, &langs, texts, &problems);
    problems.extend(texts);
    problems.extend(markdown_field_links(&manifest, &source, rel));
    problems.extend(manifest_dates(&manifest, &source, rel));
    if manifest.analysts.is_empty() {
        problems.push(
            Diagnostic::error(Location::file(rel), "a report needs at least one analyst")
                .with_help("list the authors under `analysts:` with name and role"),
        );
    }
    if problems.is_empty() {
        Ok((manifest, source))
    } else {
        Err(problems.into())
    }
}

/// The manifest's dates that are not days of the calendar: the templates' `date` filter would
/// fail on them while formatting a page.
fn manifest_dates(manifest: &Manifest, source: &str, rel: &Path) -> Vec<Diagnostic> {
    use crate::yamlx::PathSeg;
    let key = |k: &str| PathSeg::Key(k.into());
    let own = dates::diagnostic(&manifest.date, "date", source, &[key("date")], rel);
    let related = manifest.related.iter().enumerate().filter_map(|(i, r)| {
        let path = [key("related"), PathSeg::Index(i), key("date")];
        dates::diagnostic(&r.date, "related report date", source, &path, rel)
    });
    own.into_iter().chain(related).collect()
}

/// The `languages:` of a manifest that did not load, so that its chapters are not reported
/// missing in languages the report is not published in.
fn declared_languages(root: &Path, rel: &Path, config: &Config) -> Option<Vec<String>> {
    #[derive(serde::Deserialize)]
    struct Declared {
        languages: Option<Vec<String>>,
    }
    let source = crate::fsx::read_text(root, rel).ok()?;
    let declared: Declared = crate::yamlx::parse(&source, rel, 0).ok()?;
    let listed = declared.languages?;
    Some(
        config
            .language_keys
            .iter()
            .filter(|k| listed.contains(k))
            .cloned()
            .collect(),
    )
}

/// `languages:` in a manifest must list site languages, at least one, each once.
fn check_languages(langs: &[String], source: &str, rel: &Path, config: &Config) -> Vec<Diagnostic> {
    let line = crate::yamlx::line_of(source, &[crate::yamlx::PathSeg::Key("languages".into())]);
    let at = line.map_or_else(|| Location::file(rel), |l| Location::at(rel, l, None));
    let known = config.language_keys.join(", ");
    let mut out = Vec::new();
    if langs.is_empty() {
        out.push(
            Diagnostic::error(at.clone(), "`languages` lists no language")
                .with_help(format!("list the languages the report is published in, among: {known}; or remove the key to publish it in all of them")),
        );
    }
    for (i, l) in langs.iter().enumerate() {
        if !config.language_keys.contains(l) {
            out.push(
                Diagnostic::error(at.clone(), format!("`{l}` is not a language of this site"))
                    .with_help(format!("use some of: {known}")),
            );
        } else if langs[..i].contains(l) {
            out.push(Diagnostic::error(
                at.clone(),
                format!("`{l}` is listed twice"),
            ));
        }
    }
    out
}

fn load_charts(
    root: &Path,
    rel: &Path,
    config: &Config,
    langs: &[String],
    diags: &mut Diagnostics,
) -> BTreeMap<String, ChartSpec> {
    let mut charts = BTreeMap::new();
    for entry in sorted_dir(&root.join(rel), rel, diags) {
        let Some(id) = entry
            .name
            .strip_suffix(".yaml")
            .or_else(|| entry.name.strip_suffix(".yml"))
        else {
            continue;
        };
        if entry.is_dir {
            continue;
        }
        if !valid_slug(id) {
            diags.push(slug_problem(&entry.rel, id));
            continue;
        }
        let Some(text) = diags.take(crate::fsx::read_text(root, &entry.rel)) else {
            continue;
        };
        match crate::charts::load_among(id, &entry.rel, &text, &config.language_keys, langs) {
            Ok(spec) => {
                charts.insert(id.to_string(), spec);
            }
            Err(ds) => ds.into_iter().for_each(|d| diags.push(d)),
        }
    }
    charts
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slugs_cannot_escape() {
        assert!(valid_slug("aigc-2024"));
        assert!(valid_slug("报告 一"));
        for bad in ["..", ".hidden", "a/b", "a\\b", "", "x\u{0}y", "c:d"] {
            assert!(!valid_slug(bad), "{bad:?} accepted");
        }
    }
}
