//! The preview's rebuilds: a report whose files did not change keeps the pages of the previous
//! build instead of being rendered again.
//!
//! A unit (one report in one language) depends on its own report, on everything site-wide
//! (configuration, interface strings, templates, static files) and, through links, on the pages
//! and ids of other reports. So: a site-wide change renders everything; a change inside reports
//! renders those reports, and if any of them now has other pages or ids than before (or a report
//! came or went), every other report too, because a link into it may have broken or healed.
//! The site-wide pages, the checks across pages and the sitemap always run. The result is the
//! same as a full build's; `tests/incremental.rs` compares the two after each kind of edit.

use super::{finish, jobs, report_unit, OutputFile, RenderOptions, RenderedSite, Sink, Unit};
use crate::content::Site;
use crate::error::{Diagnostic, Location, Result};
use crate::pageindex::PageIndex;
use crate::templates::Templates;
use rayon::prelude::*;
use std::collections::{BTreeSet, HashMap};
use std::path::{Path, PathBuf};
use std::sync::Arc;

/// What changed since the previous build.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Changed {
    /// Something site-wide (or unknown): render everything.
    Everything,
    /// Only files inside these reports' folders (by slug).
    Reports(BTreeSet<String>),
}

impl Changed {
    /// Classifies changed paths (absolute, under `root`): files inside one report's folder
    /// touch only that report; anything else touches everything.
    pub fn of<'a>(root: &Path, paths: impl IntoIterator<Item = &'a PathBuf>) -> Changed {
        let reports = root.join("content").join("reports");
        let mut slugs = BTreeSet::new();
        for p in paths {
            let slug = p
                .strip_prefix(&reports)
                .ok()
                .and_then(|rest| rest.components().next())
                .and_then(|c| c.as_os_str().to_str());
            match slug {
                Some(s) => slugs.insert(s.to_string()),
                None => return Changed::Everything,
            };
        }
        Changed::Reports(slugs)
    }
}

/// A report in one language as the last successful build made it.
struct Kept {
    files: Vec<Arc<OutputFile>>,
    written: Vec<(String, Option<PageIndex>)>,
    charts: usize,
    site_links: Vec<(String, Location)>,
    problems: Vec<Diagnostic>,
}

impl Kept {
    fn unit(&self) -> Unit {
        Unit {
            written: self.written.clone(),
            charts: self.charts,
            site_links: self.site_links.clone(),
            diags: self.problems.clone().into(),
            kept: Some(self.files.clone()),
        }
    }
}

/// The units of the last successful build, by report slug and language.
#[derive(Default)]
pub struct UnitCache {
    units: HashMap<(String, String), Kept>,
}

type Key = (String, String);

/// Renders the site like [`super::site`], reusing what `cache` holds for reports `changed` did
/// not touch; returns every file of the site. The cache is refreshed on success and emptied on
/// failure, so the build after a failed one starts from scratch.
pub fn site_incremental(
    site: &Site,
    templates: &Templates,
    opts: &RenderOptions,
    cache: &mut UnitCache,
    changed: &Changed,
) -> Result<(RenderedSite, Vec<Arc<OutputFile>>)> {
    let jobs = jobs(site);
    let index = super::paths::ChapterIndex::new(site);
    let keys: Vec<Key> = jobs
        .iter()
        .map(|(r, l)| (r.slug.clone(), l.to_string()))
        .collect();
    let stale = |k: &Key| match changed {
        Changed::Everything => true,
        Changed::Reports(slugs) => slugs.contains(&k.0) || !cache.units.contains_key(k),
    };
    let render = |wanted: &(dyn Fn(&Key) -> bool + Sync)| -> HashMap<Key, Unit> {
        jobs.par_iter()
            .zip(keys.par_iter())
            .filter(|(_, k)| wanted(k))
            .map(|((r, l), k)| {
                (
                    k.clone(),
                    report_unit(
                        site,
                        &index,
                        r,
                        l,
                        templates,
                        opts,
                        &Discard,
                        Unit::keeping(),
                    ),
                )
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
    let units: Vec<Unit> = keys
        .iter()
        .map(|k| fresh.remove(k).unwrap_or_else(|| cache.units[k].unit()))
        .collect();
    let next: Option<HashMap<Key, Kept>> = keys
        .iter()
        .zip(&units)
        .map(|(k, u)| Some((k.clone(), kept(u)?)))
        .collect();
    let mut files: Vec<Arc<OutputFile>> = units
        .iter()
        .flat_map(|u| u.kept.iter().flatten().cloned())
        .collect();
    let site_files = super::Collect::default();
    let result = finish(site, templates, opts, &site_files, units);
    match (&result, next) {
        (Ok(_), Some(next)) => cache.units = next,
        _ => cache.units.clear(),
    }
    let mut rendered = result?;
    (rendered.units, rendered.units_rendered) = (keys.len(), rendered_fresh);
    files.extend(site_files.into_files().into_iter().map(Arc::new));
    // The search index covers every page, reused or not: it is made again from all of them.
    let passed_on = super::Collect::default();
    let indexing = crate::search::Indexing::new(site, &passed_on);
    for f in files.iter().filter(|f| f.path.ends_with(".html")) {
        indexing.put(OutputFile::clone(f))?;
    }
    for f in indexing.finish(site)? {
        rendered.paths.push(f.path.clone());
        files.push(Arc::new(f));
    }
    rendered.paths.sort();
    files.sort_by(|a, b| a.path.cmp(&b.path));
    Ok((rendered, files))
}

/// What links from elsewhere can reach in a unit: its files and the ids of its pages.
fn surface(written: &[(String, Option<PageIndex>)]) -> Vec<(&str, Option<&[String]>)> {
    written
        .iter()
        .map(|(p, i)| (p.as_str(), i.as_ref().map(|i| i.ids.as_slice())))
        .collect()
}

/// What the cache keeps of a unit, if it can (a unit with an I/O or template failure cannot).
fn kept(u: &Unit) -> Option<Kept> {
    Some(Kept {
        files: u.kept.clone()?,
        written: u.written.clone(),
        charts: u.charts,
        site_links: u.site_links.clone(),
        problems: u.diags.copied()?,
    })
}

/// Units that keep their files never hand them to a sink.
struct Discard;

impl Sink for Discard {
    fn put(&self, _: OutputFile) -> Result<()> {
        Ok(())
    }
}
