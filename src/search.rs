//! Full-text search: every canonical page is indexed in-process into yanbao's own static index
//! (`docs/search-index.md`), written into the output under `search-index/LANG/` like any other
//! generated file. The browser loads it only on the search page (`static/search.js`), so other
//! pages carry no script.
//!
//! Each language has an index of its own. Its pages are numbered in path order and read in
//! parallel in batches, each page leaving its page file at once and its term counts to the
//! language's [`index::Builder`], so the index is the same whichever thread read which page, and
//! memory holds the postings rather than the pages.
//!
//! A build indexes the pages it has just written into its staging folder ([`Plan::index_dir`]);
//! the preview, whose pages live in memory, indexes those ([`Plan::index`]).
//! The title of a page's report, shown under each result, comes from the page itself
//! (`<meta name="yanbao:report">` in `partials/head.html`).

use crate::content::Site;
use crate::error::{Error, Result};
use crate::render::paths::Paths;
use crate::render::OutputFile;
use rayon::prelude::*;
use std::collections::BTreeSet;
use std::path::Path;

mod extract;
mod index;
pub mod terms;

/// Folder of the index in the output.
pub const DIR: &str = "search-index";

/// Pages read in parallel at a time: enough to keep every core busy, few enough that their
/// bytes are a small part of a build's memory.
const BATCH: usize = 256;

/// Site path of the search page in a language (`search/`, `en/search/`).
pub fn page_path(paths: &Paths, lang: &str) -> String {
    format!("{}search/", paths.prefix(lang))
}

/// Site path of a language's index folder (`search-index/en/`), which the search page is given.
pub fn bundle_path(lang: &str) -> String {
    format!("{DIR}/{lang}/")
}

/// Where a page's bytes come from: read from disk, or held in memory.
type Read<'a> = dyn Fn(&str) -> Result<std::borrow::Cow<'a, [u8]>> + Sync + 'a;

/// Where an index file goes.
type Put<'a> = dyn Fn(OutputFile) -> Result<()> + Sync + 'a;

/// What indexing needs to know about a site, owned, so that it can run on another thread
/// after the build (the preview indexes on demand, see `serve::index`).
#[derive(Debug, Clone)]
pub struct Plan {
    /// `search: false` in site.yaml: nothing is indexed and no index is written.
    enabled: bool,
    skip: BTreeSet<String>,
    /// The base URL's path (`/research/`), which result URLs start with.
    base: String,
    /// Each language's key and where its pages are (`("en", "en/")`; the default language's
    /// pages are everywhere else), default language first.
    languages: Vec<(String, String)>,
}

impl Plan {
    /// The plan for `site`. Left out: `404.html`, the search pages, each report's one-page
    /// view (its chapters are indexed themselves), and the home pages when they are copies of
    /// the only report's landing page (their canonical URL is the report's).
    pub fn new(site: &Site) -> Plan {
        let paths = Paths::new(&site.config);
        let mut skip: BTreeSet<String> = ["404.html".to_string()].into();
        for lang in &site.config.language_keys {
            skip.insert(format!("{}index.html", page_path(&paths, lang)));
            // The one-page view repeats its chapters; a result should lead to the chapter.
            for r in &site.reports {
                skip.insert(format!("{}index.html", paths.sub(lang, &r.slug, "all")));
            }
            if !site.library_home() {
                skip.insert(format!("{}index.html", paths.home(lang)));
            }
        }
        Plan {
            enabled: site.config.site.search,
            skip,
            base: site.config.base.path().to_string(),
            languages: site
                .config
                .language_keys
                .iter()
                .map(|l| (l.clone(), paths.prefix(l)))
                .collect(),
        }
    }

    /// Whether the file at `path` is indexed.
    pub fn indexes(&self, path: &str) -> bool {
        self.enabled && path.ends_with(".html") && !self.skip.contains(path)
    }

    /// Indexes the pages among `paths` (site paths, any order; only those [`Plan::indexes`]
    /// takes are read) of the site written in folder `dir`, handing each index file to `put`
    /// as soon as it is made; returns the paths of the files it put.
    pub fn index_dir<'p>(
        &self,
        dir: &Path,
        paths: impl IntoIterator<Item = &'p str>,
        put: &Put<'_>,
    ) -> Result<Vec<String>> {
        let pages: Vec<&str> = paths.into_iter().collect();
        let read = |path: &str| {
            let file = dir.join(path);
            std::fs::read(&file)
                .map(std::borrow::Cow::Owned)
                .map_err(|e| Error::io("read the page to index", &file, e))
        };
        Ok(self.run(&pages, &read, put, &|| false)?.unwrap_or_default())
    }

    /// Indexes `files` (any order, only those [`Plan::indexes`] takes are read, unpacked if
    /// packed) into output files under [`DIR`]. The result depends only on the set of pages,
    /// and is what [`Plan::index_dir`] gives for the same pages on disk. `stop` is asked between
    /// steps; once it says yes, indexing ends with `None`.
    pub fn index<'p>(
        &self,
        files: impl IntoIterator<Item = &'p OutputFile>,
        stop: &dyn Fn() -> bool,
    ) -> Result<Option<Vec<OutputFile>>> {
        self.index_kept(files, stop, &|f| f)
    }

    /// Like [`Plan::index`], with each index file passed through `keep` as soon as it is made
    /// (the preview packs them, so that the whole index is never held unpacked).
    pub fn index_kept<'p>(
        &self,
        files: impl IntoIterator<Item = &'p OutputFile>,
        stop: &dyn Fn() -> bool,
        keep: &(dyn Fn(OutputFile) -> OutputFile + Sync),
    ) -> Result<Option<Vec<OutputFile>>> {
        let pages: std::collections::HashMap<&str, &OutputFile> =
            files.into_iter().map(|f| (f.path.as_str(), f)).collect();
        let paths: Vec<&str> = pages.keys().copied().collect();
        let read = |path: &str| Ok(pages[path].contents());
        let files = std::sync::Mutex::new(Vec::new());
        let put = |f: OutputFile| {
            let f = keep(f);
            files.lock().unwrap_or_else(|e| e.into_inner()).push(f);
            Ok(())
        };
        if self.run(&paths, &read, &put, stop)?.is_none() {
            return Ok(None);
        }
        let mut files = files.into_inner().unwrap_or_else(|e| e.into_inner());
        files.sort_by(|a, b| a.path.cmp(&b.path));
        Ok(Some(files))
    }

    /// The language of the page at `path`: the one with the longest prefix it starts with.
    fn language_of(&self, path: &str) -> usize {
        (0..self.languages.len())
            .filter(|&i| path.starts_with(&self.languages[i].1))
            .max_by_key(|&i| self.languages[i].1.len())
            .unwrap_or(0)
    }

    /// The URL a page is found at: the base path, then its site path without `index.html`.
    fn url(&self, path: &str) -> String {
        format!(
            "{}{}",
            self.base,
            path.strip_suffix("index.html").unwrap_or(path)
        )
    }

    /// Indexes the pages among `pages` that the plan takes, each language in an index of its
    /// own (every language gets one, if only empty, so that its search page finds a `meta.json`).
    fn run(
        &self,
        pages: &[&str],
        read: &Read<'_>,
        put: &Put<'_>,
        stop: &dyn Fn() -> bool,
    ) -> Result<Option<Vec<String>>> {
        if !self.enabled {
            return Ok(Some(Vec::new()));
        }
        let mut by_language: Vec<Vec<&str>> = vec![Vec::new(); self.languages.len()];
        for &page in pages.iter().filter(|p| self.indexes(p)) {
            by_language[self.language_of(page)].push(page);
        }
        let mut written = Vec::new();
        for ((lang, _), mut group) in self.languages.iter().zip(by_language) {
            group.sort_unstable();
            group.dedup();
            let folder = bundle_path(lang);
            let mut builder = index::Builder::new(folder.clone());
            // Reading a batch (parallel) overlaps adding the previous one's terms (one thread).
            let mut read_so_far: Vec<index::PageTerms> = Vec::new();
            for (b, batch) in group.chunks(BATCH).enumerate() {
                if stop() {
                    return Ok(None);
                }
                let (pages, ()) = rayon::join(
                    || self.read_batch(batch, b * BATCH, &folder, read, put),
                    || read_so_far.drain(..).for_each(|p| builder.add(p)),
                );
                for (path, terms) in pages? {
                    written.push(path);
                    read_so_far.push(terms);
                }
            }
            read_so_far.into_iter().for_each(|p| builder.add(p));
            for file in builder.finish() {
                written.push(file.path.clone());
                put(file)?;
            }
        }
        Ok(Some(written))
    }

    /// Reads the pages of `batch`, numbered from `first`, in parallel: puts each one's page
    /// file and returns, in order, its path and its terms.
    fn read_batch(
        &self,
        batch: &[&str],
        first: usize,
        folder: &str,
        read: &Read<'_>,
        put: &Put<'_>,
    ) -> Result<Vec<(String, index::PageTerms)>> {
        batch
            .par_iter()
            .enumerate()
            .map(|(i, page)| {
                let doc = extract::read(&read(page)?);
                let file = index::page_file(folder, first + i, &self.url(page), &doc);
                let path = file.path.clone();
                put(file)?;
                Ok((path, index::PageTerms::of(&doc)))
            })
            .collect()
    }
}

/// The pages of one build, waiting to be indexed.
#[derive(Debug, Clone)]
pub struct Pending {
    /// What to index and how.
    pub plan: Plan,
    /// The build's files (those the plan does not index are skipped).
    pub files: Vec<std::sync::Arc<OutputFile>>,
}

impl Pending {
    /// Builds the index, as output files under [`DIR`] held as the pages are (packed: see
    /// `render::packed`), unless `stop` says to give up first.
    pub fn run(&self, stop: &dyn Fn() -> bool) -> Result<Option<Vec<OutputFile>>> {
        self.plan.index_kept(
            self.files.iter().map(std::sync::Arc::as_ref),
            stop,
            &OutputFile::packed,
        )
    }
}
