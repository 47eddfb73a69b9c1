//! The preview's rebuilds: a report whose files did not change keeps the pages of the previous
//! build instead of being rendered again.
//!
//! A unit (one report in one language) depends on its own report, on everything site-wide
//! (configuration, interface strings, templates, static files) and, through links, on the pages
//! and ids of other reports. So: a site-wide change renders everything; a change inside reports
//! renders those reports (only in the languages of the changed chapter files when nothing else
//! in them changed: [`Changed::narrowed`]), and if any of them now has other pages or ids than
//! before (or a report came or went), every other report too, because a link into it may have
//! broken or healed. The site-wide pages always run; the sitemap is made again only when the
//! site's paths or its reports' dates changed ([`KeptSitemap`]); the checks across pages run on the pages
//! rendered again (all of them when a surface changed, otherwise the kept pages, which had no
//! problem, still have none). The loaded site and templates are kept too, and only the changed
//! reports are read again ([`crate::content::reload`]). The search index is not made here: the
//! caller indexes [`Incremental::search`] when it likes (the preview, when a request needs it).
//! The result is the same as a full build's; `tests/incremental.rs` compares the two after each
//! kind of edit.

use super::chapters::KeptDraft;
use super::memo::{Memo, Prior};
use super::Changed;
use super::{
    finish, jobs, report_unit, OutputFile, RenderOptions, RenderedSite, Sink, Surface, Unit,
};
use crate::content::Site;
use crate::error::{Diagnostic, Location, Result};
use crate::pageindex::PageIndex;
use crate::templates::Templates;
use rayon::prelude::*;
use std::collections::HashMap;
use std::sync::Arc;

/// The most units whose drafts a rebuild keeps for the next.
const KEEP_DRAFTS_OF: usize = 4;

/// A report in one language as the last successful build made it.
struct Kept {
    files: Vec<Arc<OutputFile>>,
    written: Arc<Vec<(String, Option<PageIndex>)>>,
    charts: usize,
    site_links: Vec<(String, Location)>,
    problems: Vec<Diagnostic>,
    memo: Option<Memo>,
}

impl Kept {
    /// The unit again, as the last build left it (moved, not copied: at 10,000 pages copying
    /// every unit's files and links was a tenth of a rebuild).
    fn into_unit(self) -> Unit {
        Unit {
            written: self.written,
            charts: self.charts,
            site_links: self.site_links,
            diags: self.problems.into(),
            kept: Some(self.files),
            checked: true,
            memo: self.memo,
            drafts: None,
            under: Vec::new(),
        }
    }

    /// This build of the unit, for a rebuild after only its chapters' text changed.
    fn prior(&self) -> Option<Prior<'_>> {
        Some(Prior::new(self.memo.as_ref()?, &self.files, &self.written))
    }
}

/// The units of the last successful build, by report slug and language, with what else a
/// rebuild takes over: the surface of the site-wide pages and the loaded site.
#[derive(Default)]
pub struct UnitCache {
    units: HashMap<(String, String), Kept>,
    site_pages: Option<Surface>,
    /// The site-wide pages themselves (see [`site_pages`]).
    site_unit: Option<Kept>,
    sitemap: Option<KeptSitemap>,
    /// The chapter drafts of the units the last rebuild rendered, if it rendered a few.
    drafts: HashMap<Key, Vec<KeptDraft>>,
    /// The site and templates last loaded, with the base URL they were loaded for.
    loaded: Option<(Option<String>, Site, Templates)>,
}

impl UnitCache {
    /// Takes the site and templates last loaded, if they were loaded for `base_url`.
    pub(crate) fn take_loaded(&mut self, base_url: Option<&str>) -> Option<(Site, Templates)> {
        match self.loaded.take() {
            Some((b, site, templates)) if b.as_deref() == base_url => Some((site, templates)),
            _ => None,
        }
    }

    /// Keeps the site and templates loaded for `base_url` for the next rebuild.
    pub(crate) fn keep_loaded(
        &mut self,
        base_url: Option<String>,
        site: Site,
        templates: Templates,
    ) {
        self.loaded = Some((base_url, site, templates));
    }
}

type Key = (String, String);

/// A preview build.
pub struct Incremental {
    /// What rendering found (its paths leave out the search index).
    pub rendered: RenderedSite,
    /// Every file of the site but the search index, sorted by path.
    pub files: Vec<Arc<OutputFile>>,
    /// The pages to index, for the search index files.
    pub search: crate::search::Pending,
}

/// Renders the site like [`super::site`], reusing what `cache` holds for reports `changed` did
/// not touch; returns every file of the site but the search index. The cache is refreshed on
/// success and its units emptied on failure, so the build after a failed one renders them all.
/// `changed` must have been narrowed against `site` ([`Changed::narrowed`], as
/// [`crate::build_incremental`] does): a change straight from [`Changed::of`] may name
/// languages that a report's new shape does not allow to be rendered alone.
pub fn site_incremental(
    site: &Site,
    templates: &Templates,
    opts: &RenderOptions,
    cache: &mut UnitCache,
    changed: &Changed,
) -> Result<Incremental> {
    let jobs = jobs(site);
    let index = super::paths::ChapterIndex::new(site);
    let keys: Vec<Key> = jobs
        .iter()
        .map(|(r, l)| (r.slug.clone(), l.to_string()))
        .collect();
    let drafts = std::mem::take(&mut cache.drafts);
    let stale = |k: &Key| changed.touches(&k.0, &k.1) || !cache.units.contains_key(k);
    // An author edits one chapter many times over: the drafts of the units rendered for the
    // edit are kept for the next, unless there are many (they cost memory to keep).
    let keep_drafts = keys.iter().filter(|k| stale(k)).count() <= KEEP_DRAFTS_OF;
    let render = |wanted: &(dyn Fn(&Key) -> bool + Sync)| -> HashMap<Key, Unit> {
        jobs.par_iter()
            .zip(keys.par_iter())
            .filter(|(_, k)| wanted(k))
            .map(|((r, l), k)| {
                // Pages that come out the same are taken over only when the unit's chapters'
                // text alone changed, and only for the change that touched it (`stale`).
                let prior = cache
                    .units
                    .get(k)
                    .filter(|_| changed.text_only(&k.0) && stale(k))
                    .and_then(Kept::prior)
                    .map(|p| match drafts.get(k) {
                        Some(d) if changed.only_chapter_text() => p.with_drafts(d),
                        _ => p,
                    });
                let keep = keep_drafts && stale(k);
                let u = Unit::keeping();
                let unit = report_unit(
                    site,
                    &index,
                    r,
                    l,
                    templates,
                    opts,
                    &Discard,
                    u,
                    prior.as_ref(),
                    keep,
                );
                (k.clone(), unit)
            })
            .collect()
    };
    let mut fresh = render(&stale);
    let same_reports =
        cache.units.len() == keys.len() && keys.iter().all(|k| cache.units.contains_key(k));
    let same_surface = same_reports
        && fresh.iter().all(|(k, u)| {
            cache
                .units
                .get(k)
                .is_some_and(|c| surface(&c.written) == surface(&u.written))
        });
    if !same_surface {
        fresh.extend(render(&|k: &Key| !stale(k)));
    }
    let rendered_fresh = fresh.len();
    let next_drafts: HashMap<Key, Vec<KeptDraft>> = fresh
        .iter_mut()
        .filter_map(|(k, u)| Some((k.clone(), u.drafts.take()?)))
        .collect();
    // Every key not rendered now is in the cache: `stale` covers the keys it lacks.
    let mut old = std::mem::take(&mut cache.units);
    let mut units: Vec<Unit> = keys
        .iter()
        .map(|k| {
            fresh
                .remove(k)
                .or_else(|| old.remove(k).map(Kept::into_unit))
                .unwrap_or_default()
        })
        .collect();
    drop(old);
    // Checking takes the units' problems: what the cache keeps of them is copied first.
    let problems: Vec<Option<Vec<Diagnostic>>> = units.iter().map(|u| u.diags.copied()).collect();
    let reuse_site_pages = same_surface && changed.only_chapter_text();
    let mut own = site_pages(
        site,
        templates,
        opts,
        cache.site_unit.take(),
        reuse_site_pages,
    );
    let own_problems = own.diags.copied();
    let files: Vec<Arc<OutputFile>> = std::iter::once(&own)
        .chain(&units)
        .flat_map(|u| u.kept.iter().flatten().cloned())
        .collect();
    let site_files = super::Collect::default();
    // The sitemap depends on the configuration only through a site-wide change.
    let mut kept_map = cache
        .sitemap
        .take()
        .filter(|_| changed != &Changed::Everything);
    let result = finish(
        site,
        &site_files,
        &mut own,
        &mut units,
        cache.site_pages.as_ref(),
        &mut |site, paths| KeptSitemap::reuse(&mut kept_map, site, paths),
    );
    cache.sitemap = kept_map;
    let next: Option<HashMap<Key, Kept>> = keys
        .iter()
        .zip(units)
        .zip(problems)
        .map(|((k, u), p)| Some((k.clone(), kept(u, p)?)))
        .collect();
    let (rendered, site_pages) = match (result, next) {
        (Ok(done), Some(next)) => {
            cache.units = next;
            cache.drafts = next_drafts;
            done
        }
        (result, _) => result?,
    };
    cache.site_pages = (!cache.units.is_empty()).then_some(site_pages);
    cache.site_unit = kept(own, own_problems).filter(|_| !cache.units.is_empty());
    finish_incremental(
        site,
        rendered,
        files,
        site_files,
        keys.len(),
        rendered_fresh,
    )
}

/// The site-wide pages (library, standalone, search and 404 pages, feeds): the last build's
/// (`kept`) if `reuse`, else rendered again. They show the reports' manifests and the site's
/// own files, never a chapter, so the caller reuses them when only chapters' text changed and
/// no report's pages or ids did. Reused, they are still checked again (`checked` stays false).
fn site_pages(
    site: &Site,
    templates: &Templates,
    opts: &RenderOptions,
    kept: Option<Kept>,
    reuse: bool,
) -> Unit {
    match kept.filter(|_| reuse) {
        Some(k) => Unit {
            checked: false,
            ..k.into_unit()
        },
        None => super::site_unit(site, templates, opts, &Discard, Unit::keeping()),
    }
}

/// Puts the files of the units and of the site-wide pages together, sorted by path.
fn finish_incremental(
    site: &Site,
    mut rendered: RenderedSite,
    mut files: Vec<Arc<OutputFile>>,
    site_files: super::Collect,
    units: usize,
    units_rendered: usize,
) -> Result<Incremental> {
    (rendered.units, rendered.units_rendered) = (units, units_rendered);
    files.extend(site_files.into_files().into_iter().map(Arc::new));
    files.sort_by(|a, b| a.path.cmp(&b.path));
    let plan = crate::search::Plan::new(site);
    let pages = files
        .iter()
        .filter(|f| plan.indexes(&f.path))
        .cloned()
        .collect();
    Ok(Incremental {
        rendered,
        files,
        search: crate::search::Pending { plan, files: pages },
    })
}

/// What links from elsewhere can reach in a unit: its files and the ids of its pages.
fn surface(written: &[(String, Option<PageIndex>)]) -> Vec<(&str, Option<Vec<&str>>)> {
    written
        .iter()
        .map(|(p, i)| (p.as_str(), i.as_ref().map(|i| i.ids().collect())))
        .collect()
}

/// What the cache keeps of a unit with its `problems` ([`crate::error::Diagnostics::copied`]), if it can (a
/// unit with an I/O or template failure cannot).
fn kept(u: Unit, problems: Option<Vec<Diagnostic>>) -> Option<Kept> {
    Some(Kept {
        files: u.kept?,
        written: u.written,
        charts: u.charts,
        site_links: u.site_links,
        problems: problems?,
        memo: u.memo,
    })
}

/// The last sitemap with what it was made from besides the configuration: the site's paths and
/// each report's slug and date (see [`super::feeds::sitemap`]). At 10,000 pages making it costs
/// a tenth of a rebuild, comparing its inputs a hundredth of that.
struct KeptSitemap {
    paths: Vec<String>,
    reports: Vec<(String, String)>,
    file: OutputFile,
}

impl KeptSitemap {
    /// The sitemap of `site` with `paths`: `kept`'s if made from the same, else made again
    /// and kept.
    fn reuse(kept: &mut Option<KeptSitemap>, site: &Site, paths: &[String]) -> OutputFile {
        let reports: Vec<(String, String)> = site
            .reports
            .iter()
            .map(|r| (r.slug.clone(), r.manifest.date.clone()))
            .collect();
        match kept {
            Some(k) if k.paths == paths && k.reports == reports => k.file.clone(),
            _ => {
                let file = super::feeds::sitemap(site, paths);
                *kept = Some(KeptSitemap {
                    paths: paths.to_vec(),
                    reports,
                    file: file.clone(),
                });
                file
            }
        }
    }
}

/// Units that keep their files never hand them to a sink.
struct Discard;

impl Sink for Discard {
    fn put(&self, _: OutputFile) -> Result<()> {
        Ok(())
    }
}
