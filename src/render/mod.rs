//! Site + templates → output files, handed to a [`Sink`] as they are made; nothing here touches
//! the disk itself.
//!
//! Chapters are rendered in two passes: Markdown first (collecting embeds, heading ids and links),
//! then figures are numbered per report and language, spliced in, and pages are rendered. Every
//! page's links and ids are indexed as it is emitted (or, for the pages a build's search index
//! reads anyway, by that index: [`Sink::reads_later`]), and checked once the whole site is made.
//! The search index is made by the caller, from the pages written ([`crate::search`]).

mod card;
mod changed;
mod chapter_pages;
mod chapters;
pub mod cite;
mod claims;
pub mod discovery;
mod feeds;
mod figures;
mod images;
pub mod library;
mod memo;
pub mod packed;
mod pages;
pub mod paths;
mod report_card;
mod reuse;
mod shortcodes;

pub use changed::Changed;
pub use reuse::{site_incremental, Incremental, UnitCache};
mod social;
pub mod standalone;
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
use std::path::Path;

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

    /// Whether a later pass reads the links and ids of the page at `path` (the search index of
    /// a build, which tokenizes the page anyway): the render then leaves them to it.
    fn reads_later(&self, _path: &str) -> bool {
        false
    }
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

/// A file a unit made: its site path and, for a page, its links and ids.
type Written = (String, Option<PageIndex>);

/// What one unit of work (a report in one language, or the site-wide pages) leaves behind once
/// its files are in the sink: their paths, each page's links and ids, and its problems. A unit
/// rendered for the preview's cache keeps its files instead of handing them on.
#[derive(Default)]
struct Unit {
    /// Shared with the preview's cache, which keeps it for the next rebuild.
    written: std::sync::Arc<Vec<Written>>,
    charts: usize,
    site_links: Vec<(String, Location)>,
    diags: Diagnostics,
    kept: Option<Vec<std::sync::Arc<OutputFile>>>,
    /// Taken over from a successful build, whose pages had no problems: its pages need checking
    /// again only if what they can link to changed.
    checked: bool,
    /// What a report unit kept for the preview made its pages from (see [`memo`]).
    memo: Option<memo::Memo>,
    /// Its chapters' drafts, when asked to keep them for the next rebuild.
    drafts: Option<Vec<chapters::KeptDraft>>,
    /// Where a report unit's pages and files go (folders ending in `/`, or a page's path): if
    /// the unit fails, links there are not checked, as its errors already say why they break.
    under: Vec<String>,
}

impl Unit {
    /// A unit that keeps its files (for the preview's cache) rather than handing them on.
    fn keeping() -> Unit {
        Unit {
            kept: Some(Vec::new()),
            ..Unit::default()
        }
    }

    /// Indexes a page, hands the file to the sink (or keeps it, a page packed: see [`packed`])
    /// and records its path.
    fn emit(&mut self, sink: &dyn Sink, mut file: OutputFile) {
        let index = (file.path.ends_with(".html") && !sink.reads_later(&file.path))
            .then(|| PageIndex::of_bytes(&file.bytes));
        let path = file.path.clone();
        let stored = match &mut self.kept {
            Some(kept) => {
                if index.is_some() {
                    file.bytes = packed::pack(&file.bytes);
                }
                kept.push(std::sync::Arc::new(file));
                Ok(())
            }
            None => sink.put(file),
        };
        if self.diags.take(stored).is_some() {
            std::sync::Arc::make_mut(&mut self.written).push((path, index));
        }
    }

    /// Emits a page of the last build as it was, with its index.
    fn emit_page(&mut self, sink: &dyn Sink, page: pages::Page) {
        let (file, index) = match page {
            pages::Page::Made(file) => return self.emit(sink, file),
            pages::Page::Kept(kept) => kept,
        };
        let path = file.path.clone();
        let stored = match &mut self.kept {
            Some(kept) => {
                kept.push(file);
                Ok(())
            }
            None => sink.put(std::sync::Arc::unwrap_or_clone(file)),
        };
        if self.diags.take(stored).is_some() {
            std::sync::Arc::make_mut(&mut self.written).push((path, index));
        }
    }
}

/// Every unit of report work: each report in each of its languages, in a fixed order.
fn jobs(site: &Site) -> Vec<(&Report, &String)> {
    site.reports
        .iter()
        .flat_map(|r| {
            site.config
                .language_keys
                .iter()
                .filter(|l| r.has_language(l))
                .map(move |l| (r, l))
        })
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
    site_then(site, templates, opts, sink, &mut |_| Ok(Vec::new()))
}

/// Reads the links and ids of the pages the sink said it would read later
/// ([`Sink::reads_later`]), given every path written; called once all pages are written and
/// before they are checked.
pub type Later<'a> = dyn FnMut(&[&str]) -> Result<crate::search::PageIndexes> + 'a;

/// [`site`], with the links and ids of the pages the sink reads later given by `later`.
pub fn site_then(
    site: &Site,
    templates: &Templates,
    opts: &RenderOptions,
    sink: &dyn Sink,
    later: &mut Later<'_>,
) -> Result<RenderedSite> {
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
                None,
                false,
            )
        })
        .collect();
    let n = units.len();
    let (mut own, mut units) = (
        site_unit(site, templates, opts, sink, Unit::default()),
        units,
    );
    read_later(site, &mut own, &mut units, later)?;
    let (mut rendered, _) = finish(site, sink, &mut own, &mut units, None, &mut feeds::sitemap)?;
    (rendered.units, rendered.units_rendered) = (n, n);
    Ok(rendered)
}

/// The problems of the paths the render wrote, with the sitemap and the search index: two
/// producers of one path, or of a file and a folder of one name (see [`claims`]).
fn claim_problems<'a>(site: &Site, written: impl Iterator<Item = &'a str>) -> Vec<Diagnostic> {
    let mut claimed: Vec<&str> = written.collect();
    claimed.push(feeds::SITEMAP);
    claimed.sort_unstable();
    let later: &[&str] = if site.config.site.search {
        &[crate::search::DIR]
    } else {
        &[]
    };
    claims::check(site, &claimed, later)
}

/// Fills in the links and ids of the pages written without them (see [`Later`]). Not when a
/// unit failed or two producers claim a path: those problems are what the build reports, and
/// `later` may not find the pages they left unwritten.
fn read_later(
    site: &Site,
    own: &mut Unit,
    units: &mut [Unit],
    later: &mut Later<'_>,
) -> Result<()> {
    let all = || std::iter::once(&*own).chain(&*units);
    let paths: Vec<&str> = all()
        .flat_map(|u| u.written.iter().map(|(p, _)| p.as_str()))
        .collect();
    if all().any(|u| u.diags.has_errors())
        || !claim_problems(site, paths.iter().copied()).is_empty()
    {
        return Ok(());
    }
    let mut read: HashMap<String, PageIndex> = later(&paths)?.into_iter().collect();
    if read.is_empty() {
        return Ok(());
    }
    for u in std::iter::once(own).chain(units) {
        for (path, index) in std::sync::Arc::make_mut(&mut u.written) {
            if index.is_none() {
                *index = read.remove(path.as_str());
            }
            // A page left unread would go unchecked: the sink and `later` must agree.
            if index.is_none() && path.ends_with(".html") {
                let missed = std::io::Error::other("the search index did not read its links");
                return Err(crate::error::Error::io("check", Path::new(path), missed));
            }
        }
    }
    Ok(())
}

/// What links can reach in a unit: its files and the ids of its pages.
type Surface = Vec<(String, Option<Vec<String>>)>;

/// The surface of the pages in `written`.
fn surface(written: &[Written]) -> Surface {
    written
        .iter()
        .map(|(p, i)| {
            (
                p.clone(),
                i.as_ref().map(|i| i.ids().map(String::from).collect()),
            )
        })
        .collect()
}

/// The site-wide part of a render once the report units are done, given the site-wide pages
/// (`own`, from [`site_unit`]): the checks across pages and the sitemap (made by `sitemap`). Pages of units taken over from the last build are checked
/// again only if the site-wide pages' surface differs from `previous` (the caller has made sure
/// the report units' surfaces did not change). Returns the site-wide pages' surface too.
fn finish(
    site: &Site,
    sink: &dyn Sink,
    own: &mut Unit,
    units: &mut [Unit],
    previous: Option<&Surface>,
    sitemap: &mut dyn FnMut(&Site, &[String]) -> OutputFile,
) -> Result<(RenderedSite, Surface)> {
    let paths = Paths::new(&site.config);
    let site_surface = surface(&own.written);
    let trust_checked = previous == Some(&site_surface);
    let mut diags = Diagnostics::default();
    let mut unrendered: Vec<String> = Vec::new();
    for u in std::iter::once(&mut *own).chain(units.iter_mut()) {
        if u.diags.has_errors() {
            unrendered.extend(u.under.iter().cloned());
        }
        diags.merge(std::mem::take(&mut u.diags));
    }
    let (mut charts, mut site_links) = (0, Vec::new());
    // Every page problem is an error, so a unit of a successful build had none: when what its
    // pages can link to is the same, only the other units' pages are checked.
    let mut to_check: HashSet<&str> = HashSet::new();
    let mut written: Vec<&Written> = Vec::new();
    for u in std::iter::once(&*own).chain(&*units) {
        if trust_checked && !u.checked {
            to_check.extend(u.written.iter().map(|(p, _)| p.as_str()));
        }
        written.extend(u.written.iter());
        charts += u.charts;
        site_links.extend(u.site_links.iter());
    }
    written.sort_by(|a, b| a.0.cmp(&b.0));
    let files: HashSet<&str> = written.iter().map(|(p, _)| p.as_str()).collect();
    let site_links: Vec<_> = site_links
        .into_iter()
        .filter(|(p, _)| !crate::check::under_any(p, &unrendered))
        .collect();
    check_site_links(&files, &site_links, &site.static_files, &mut diags);
    for d in claim_problems(site, written.iter().map(|(p, _)| p.as_str())) {
        diags.push(d);
    }
    // Where a page's Markdown is matters only for a problem found in it: made for the first.
    let sources = std::sync::OnceLock::new();
    let source_of = |page: &str| {
        sources
            .get_or_init(|| page_sources(site, &paths))
            .get(page)
            .cloned()
    };
    let pages: Vec<(&str, &PageIndex)> = written
        .iter()
        .filter_map(|(p, i)| Some((p.as_str(), i.as_ref()?)))
        .collect();
    let checks = crate::check::Pages {
        pages: &pages,
        files: &files,
        static_files: &site.static_files,
        base: site.config.base.path(),
        sources: &source_of,
        unrendered: &unrendered,
    };
    let which = |p: &str| !trust_checked || to_check.contains(p);
    for d in crate::check::rendered_pages_among(&checks, &which) {
        diags.push(d);
    }
    let warnings = diags.finish()?;
    let mut paths_out: Vec<String> = written.iter().map(|(p, _)| p.clone()).collect();
    let map = sitemap(site, &paths_out);
    paths_out.push(map.path.clone());
    sink.put(map)?;
    paths_out.sort();
    let rendered = RenderedSite {
        pages: paths_out.iter().filter(|p| p.ends_with(".html")).count(),
        paths: paths_out,
        charts,
        warnings,
        units_rendered: 0,
        units: 0,
    };
    Ok((rendered, site_surface))
}

/// One report in one language: its charts and every page. `prior` is the last build of the unit
/// when only its chapters' text changed since: the pages that come out the same are taken from it.
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
    prior: Option<&memo::Prior>,
    keep_drafts: bool,
) -> Unit {
    u.under = unit_paths(site, report, lang);
    let kept = prior.map_or(&[][..], |p| p.drafts);
    let drafts = chapters::draft(site, index, report, lang, kept, &mut u.diags);
    let raster = opts.raster.as_ref();
    let figs = figures::number(site, report, lang, &drafts, templates, raster, &mut u.diags);
    let Some(figs) = figs else { return u };
    u.charts = figs.placed.len();
    for f in &figs.files {
        u.emit(sink, f.clone());
    }
    // Files beside the chapters are published once per report, by the unit of its first language.
    if report.languages.first().map(String::as_str) == Some(lang) {
        let paths = Paths::new(&site.config);
        for (key, a) in &report.files {
            u.emit(
                sink,
                OutputFile {
                    path: paths.attachment(&report.slug, key),
                    bytes: a.bytes.to_vec(),
                },
            );
        }
    }
    if let Some(raster) = raster {
        match report_card::file(site, report, lang, raster) {
            Ok(f) => u.emit(sink, f),
            Err(d) => u.diags.push(d),
        }
    }
    let bodies = chapters::finish(&drafts, &figs, site, report, lang, templates, &mut u.diags);
    u.site_links = chapters::site_links(&drafts)
        .map(|(p, l)| (p.to_string(), l))
        .collect();
    let view = pages::report_view(site, report, lang, &bodies, &figs);
    // Only the preview keeps files, and only it can reuse them.
    let now = u.kept.is_some().then(|| memo::Memo::of(&view, &bodies));
    let reuse = memo::Reuse::new(prior.filter(|_| now.is_some()), now.as_ref());
    let mut emit = |page| u.emit_page(sink, page);
    let rendered = pages::report_pages(
        site, report, lang, &view, &bodies, templates, opts, &reuse, &mut emit,
    );
    u.diags.take(rendered);
    u.memo = now;
    let all = whole::page(site, report, lang, &drafts, &bodies, &figs, templates, opts);
    if let Some(f) = u.diags.take(all) {
        u.emit(sink, f);
    }
    for f in cite::files(site, report, lang) {
        u.emit(sink, f);
    }
    if keep_drafts {
        u.drafts = Some(drafts.into_iter().map(chapters::Draft::keep).collect());
    }
    u
}

/// Where the pages and files of one report in one language go (see [`Unit::under`]).
fn unit_paths(site: &Site, report: &Report, lang: &str) -> Vec<String> {
    let paths = Paths::new(&site.config);
    let mut under = vec![paths.report(lang, &report.slug)];
    if !site.library_home() {
        under.push(format!("{}index.html", paths.home(lang)));
    }
    if report.languages.first().map(String::as_str) == Some(lang) {
        under.push(paths.attachment(&report.slug, ""));
    }
    under
}

/// The pages that belong to the site rather than a report: home pages, standalone pages, search
/// and 404.
/// `u` is the unit to fill: [`Unit::default`] hands the files to `sink`, [`Unit::keeping`] keeps them.
fn site_unit(
    site: &Site,
    templates: &Templates,
    opts: &RenderOptions,
    sink: &dyn Sink,
    mut u: Unit,
) -> Unit {
    if site.library_home() {
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
    let standalone = standalone::render(site, templates, opts);
    u.diags.merge(standalone.diags);
    u.site_links.extend(standalone.site_links);
    for f in standalone.files {
        u.emit(sink, f);
    }
    let search_langs = site
        .config
        .language_keys
        .iter()
        .filter(|_| site.config.site.search);
    for lang in search_langs {
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
    for page in &site.pages {
        for (lang, src) in &page.sources {
            out.insert(
                format!("{}index.html", standalone::path(paths, lang, &page.slug)),
                PageSource {
                    file: src.file.clone(),
                    body: &src.body,
                    first_line: src.body_line,
                },
            );
        }
    }
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
    known: &HashSet<&str>,
    links: &[&(String, Location)],
    static_files: &BTreeSet<String>,
    diags: &mut Diagnostics,
) {
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
