//! Site + templates → output files, handed to a [`Sink`] as they are made; nothing here touches
//! the disk itself.
//!
//! Chapters are rendered in two passes: Markdown first (collecting embeds, heading ids and links),
//! then figures are numbered per report and language, spliced in, and pages are rendered. Every
//! page is indexed as it is emitted, and the indexes are checked once the whole site is made.

mod card;
mod chapters;
pub mod cite;
pub mod discovery;
mod feeds;
mod figures;
pub mod library;
mod pages;
pub mod paths;
mod report_card;
mod reuse;

pub use reuse::{site_incremental, Changed, UnitCache};
mod social;
mod titles;
mod whole;

use crate::check::PageSource;
use crate::content::{Report, Site};
use crate::error::{Diagnostic, Diagnostics, Location, Result};
use crate::pageindex::PageIndex;
use crate::templates::Templates;
use paths::Paths;
use rayon::prelude::*;
use std::collections::{BTreeSet, HashMap, HashSet};

/// One file of the built site.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OutputFile {
    /// Site path, `/`-separated, relative to the output folder (`en/aigc-2024/index.html`).
    pub path: String,
    /// Contents.
    pub bytes: Vec<u8>,
}

/// How to render.
#[derive(Debug, Clone, Default)]
pub struct RenderOptions {
    /// Inject the live-reload script (serve mode only).
    pub live_reload: bool,
    /// Rasterises charts and the social card to PNG; `None` (the preview, `check`) makes none.
    pub raster: Option<crate::charts::raster::Raster>,
}

/// Where rendered files go as soon as they are made: the staging folder of a build, or memory
/// for `serve` and `check`. Called from several threads at once.
pub trait Sink: Sync {
    /// Takes one finished file.
    fn put(&self, file: OutputFile) -> Result<()>;
}

/// A sink that keeps every file in memory.
#[derive(Debug, Default)]
pub struct Collect(std::sync::Mutex<Vec<OutputFile>>);

impl Collect {
    /// The files collected, sorted by path.
    pub fn into_files(self) -> Vec<OutputFile> {
        let mut files = self.0.into_inner().unwrap_or_else(|e| e.into_inner());
        files.sort_by(|a, b| a.path.cmp(&b.path));
        files
    }
}

impl Sink for Collect {
    fn put(&self, file: OutputFile) -> Result<()> {
        self.0.lock().unwrap_or_else(|e| e.into_inner()).push(file);
        Ok(())
    }
}

/// What rendering the site produced, beside the files handed to the sink.
#[derive(Debug, Clone, Default)]
pub struct RenderedSite {
    /// Site path of every generated file, sorted.
    pub paths: Vec<String>,
    /// Number of HTML pages.
    pub pages: usize,
    /// Number of charts (per language).
    pub charts: usize,
    /// Problems that did not stop the build.
    pub warnings: Vec<Diagnostic>,
    /// Reports (per language) rendered by this build; the rest were reused from the last one.
    pub units_rendered: usize,
    /// Reports (per language) in the site.
    pub units: usize,
}

/// What one unit of work (a report in one language, or the site-wide pages) leaves behind once
/// its files are in the sink: their paths, each page's links and ids, and its problems. A unit
/// rendered for the preview's cache keeps its files instead of handing them on.
#[derive(Default)]
struct Unit {
    written: Vec<(String, Option<PageIndex>)>,
    charts: usize,
    site_links: Vec<(String, Location)>,
    diags: Diagnostics,
    kept: Option<Vec<std::sync::Arc<OutputFile>>>,
}

impl Unit {
    /// A unit that keeps its files (for the preview's cache) rather than handing them on.
    fn keeping() -> Unit {
        Unit {
            kept: Some(Vec::new()),
            ..Unit::default()
        }
    }

    /// Indexes a page, hands the file to the sink (or keeps it) and records its path.
    fn emit(&mut self, sink: &dyn Sink, file: OutputFile) {
        let index = file
            .path
            .ends_with(".html")
            .then(|| PageIndex::of_bytes(&file.bytes));
        let path = file.path.clone();
        let stored = match &mut self.kept {
            Some(kept) => {
                kept.push(std::sync::Arc::new(file));
                Ok(())
            }
            None => sink.put(file),
        };
        if self.diags.take(stored).is_some() {
            self.written.push((path, index));
        }
    }
}

/// Every unit of report work: each report in each language, in a fixed order.
fn jobs(site: &Site) -> Vec<(&Report, &String)> {
    site.reports
        .iter()
        .flat_map(|r| site.config.language_keys.iter().map(move |l| (r, l)))
        .collect()
}

/// Renders the whole site into `sink`. Reports render in parallel, one unit per report and
/// language; their results merge in a fixed order, so the output is the same on any number of
/// threads.
pub fn site(
    site: &Site,
    templates: &Templates,
    opts: &RenderOptions,
    sink: &dyn Sink,
) -> Result<RenderedSite> {
    let (out, indexing) = (sink, crate::search::Indexing::new(site, sink));
    let sink: &dyn Sink = &indexing;
    let index = paths::ChapterIndex::new(site);
    let units: Vec<Unit> = jobs(site)
        .par_iter()
        .map(|(report, lang)| {
            report_unit(
                site,
                &index,
                report,
                lang,
                templates,
                opts,
                sink,
                Unit::default(),
            )
        })
        .collect();
    let n = units.len();
    let mut rendered = finish(site, templates, opts, sink, units)?;
    (rendered.units, rendered.units_rendered) = (n, n);
    for f in indexing.finish(site)? {
        rendered.paths.push(f.path.clone());
        out.put(f)?;
    }
    rendered.paths.sort();
    Ok(rendered)
}

/// The site-wide part of a render once the report units are done: home and 404 pages, the
/// checks across pages, the sitemap.
fn finish(
    site: &Site,
    templates: &Templates,
    opts: &RenderOptions,
    sink: &dyn Sink,
    units: Vec<Unit>,
) -> Result<RenderedSite> {
    let paths = Paths::new(&site.config);
    let mut all = site_unit(site, templates, opts, sink);
    for u in units {
        all.written.extend(u.written);
        all.charts += u.charts;
        all.site_links.extend(u.site_links);
        all.diags.merge(u.diags);
    }
    all.written.sort_by(|a, b| a.0.cmp(&b.0));
    let mut diags = all.diags;
    check_site_links(
        &all.written,
        &all.site_links,
        &site.static_files,
        &mut diags,
    );
    let sources = page_sources(site, &paths);
    let pages: Vec<(&str, &PageIndex)> = all
        .written
        .iter()
        .filter_map(|(p, i)| Some((p.as_str(), i.as_ref()?)))
        .collect();
    for d in crate::check::rendered_pages(&crate::check::Pages {
        pages: &pages,
        files: &all.written.iter().map(|(p, _)| p.as_str()).collect(),
        static_files: &site.static_files,
        base: site.config.base.path(),
        sources: &sources,
    }) {
        diags.push(d);
    }
    let warnings = diags.finish()?;
    let mut paths_out: Vec<String> = all.written.into_iter().map(|(p, _)| p).collect();
    let map = feeds::sitemap(site, &paths_out);
    paths_out.push(map.path.clone());
    sink.put(map)?;
    paths_out.sort();
    Ok(RenderedSite {
        pages: paths_out.iter().filter(|p| p.ends_with(".html")).count(),
        paths: paths_out,
        charts: all.charts,
        warnings,
        units_rendered: 0,
        units: 0,
    })
}

/// One report in one language: its charts and every page.
#[allow(clippy::too_many_arguments)]
fn report_unit(
    site: &Site,
    index: &paths::ChapterIndex,
    report: &Report,
    lang: &str,
    templates: &Templates,
    opts: &RenderOptions,
    sink: &dyn Sink,
    mut u: Unit,
) -> Unit {
    let drafts = chapters::draft(site, index, report, lang, &mut u.diags);
    let raster = opts.raster.as_ref();
    let figs = figures::number(site, report, lang, &drafts, templates, raster, &mut u.diags);
    let Some(figs) = figs else { return u };
    u.charts = figs.placed.len();
    for f in &figs.files {
        u.emit(sink, f.clone());
    }
    if let Some(raster) = raster {
        match report_card::file(site, report, lang, raster) {
            Ok(f) => u.emit(sink, f),
            Err(d) => u.diags.push(d),
        }
    }
    let bodies = chapters::finish(&drafts, &figs, site, report, lang, &mut u.diags);
    u.site_links = chapters::site_links(&drafts)
        .map(|(p, l)| (p.to_string(), l))
        .collect();
    let rendered = pages::report_pages(site, report, lang, &bodies, &figs, templates, opts);
    for f in u.diags.take(rendered).unwrap_or_default() {
        u.emit(sink, f);
    }
    let all = whole::page(site, report, lang, &drafts, &bodies, &figs, templates, opts);
    if let Some(f) = u.diags.take(all) {
        u.emit(sink, f);
    }
    for f in cite::files(site, report, lang) {
        u.emit(sink, f);
    }
    u
}

/// The pages that belong to the site rather than a report: home pages and 404.
fn site_unit(site: &Site, templates: &Templates, opts: &RenderOptions, sink: &dyn Sink) -> Unit {
    let mut u = Unit::default();
    if site.config.library_home(site.reports.len()) {
        for lang in &site.config.language_keys {
            for f in u
                .diags
                .take(library::pages(site, lang, templates, opts))
                .unwrap_or_default()
            {
                u.emit(sink, f);
            }
        }
    }
    for lang in &site.config.language_keys {
        if let Some(f) = u.diags.take(pages::search(site, lang, templates, opts)) {
            u.emit(sink, f);
        }
    }
    if let Some(f) = u.diags.take(pages::not_found(site, templates, opts)) {
        u.emit(sink, f);
    }
    for f in u
        .diags
        .take(discovery::site_files(site))
        .unwrap_or_default()
    {
        u.emit(sink, f);
    }
    u
}

/// The Markdown behind every chapter page, so problems found in a page point at their source.
fn page_sources<'a>(site: &'a Site, paths: &Paths) -> HashMap<String, PageSource<'a>> {
    let mut out = HashMap::new();
    for report in &site.reports {
        for chapter in &report.chapters {
            for (lang, src) in &chapter.sources {
                out.insert(
                    format!("{}index.html", paths.sub(lang, &report.slug, &chapter.slug)),
                    PageSource {
                        file: src.file.clone(),
                        body: &src.body,
                        first_line: src.body_line,
                    },
                );
            }
        }
    }
    out
}

/// Checks that links to site paths written in chapters lead to a generated page or a static file.
fn check_site_links(
    written: &[(String, Option<PageIndex>)],
    links: &[(String, Location)],
    static_files: &BTreeSet<String>,
    diags: &mut Diagnostics,
) {
    let known: HashSet<&str> = written.iter().map(|(p, _)| p.as_str()).collect();
    for (path, loc) in links {
        let page = format!(
            "{}index.html",
            if path.is_empty() || path.ends_with('/') {
                path.clone()
            } else {
                format!("{path}/")
            }
        );
        if !known.contains(path.as_str())
            && !known.contains(page.as_str())
            && !static_files.contains(path)
        {
            diags.push(Diagnostic::error(loc.clone(), format!("link to `/{path}`: no page or static file has that path"))
                .with_help("check the spelling; site paths look like /aigc-2024/related/ (without the base URL)"));
        }
    }
}
