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
use crate::pageindex::PageIndex;
use crate::render::paths::Paths;
use crate::render::OutputFile;
use rayon::prelude::*;
use std::collections::BTreeSet;
use std::path::Path;
use std::sync::Arc;

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

/// The links and ids of each page read, by site path: a build has the search read them, in the
/// same pass of the tokenizer, rather than the render ([`Plan::index_dir_and_pages`]).
pub type PageIndexes = Vec<(String, PageIndex)>;

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
        Ok(self.index_dir_and_pages(dir, paths, put)?.0)
    }

    /// [`Plan::index_dir`], also giving the links and ids of the pages it read (those
    /// [`Plan::indexes`] takes), read in the same pass.
    pub fn index_dir_and_pages<'p>(
        &self,
        dir: &Path,
        paths: impl IntoIterator<Item = &'p str>,
        put: &Put<'_>,
    ) -> Result<(Vec<String>, PageIndexes)> {
        let pages: Vec<&str> = paths.into_iter().collect();
        let read = |path: &str| {
            let file = dir.join(path);
            std::fs::read(&file)
                .map(std::borrow::Cow::Owned)
                .map_err(|e| Error::io("read the page to index", &file, e))
        };
        let want = Want {
            page_files: true,
            page_indexes: true,
        };
        let ran = self.run(&pages, &read, put, want, &|| false)?;
        Ok(ran.unwrap_or_default())
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
        let files: Vec<&OutputFile> = files.into_iter().collect();
        self.index_from(&files, true, stop)
    }

    /// [`Plan::index`], the page files left out unless `page_files`.
    fn index_from(
        &self,
        files: &[&OutputFile],
        page_files: bool,
        stop: &dyn Fn() -> bool,
    ) -> Result<Option<Vec<OutputFile>>> {
        let pages: std::collections::HashMap<&str, &OutputFile> =
            files.iter().map(|f| (f.path.as_str(), *f)).collect();
        let paths: Vec<&str> = pages.keys().copied().collect();
        let read = |path: &str| Ok(pages[path].contents());
        let files = std::sync::Mutex::new(Vec::new());
        let put = |f: OutputFile| {
            files.lock().unwrap_or_else(|e| e.into_inner()).push(f);
            Ok(())
        };
        let want = Want {
            page_files,
            page_indexes: false,
        };
        if self.run(&paths, &read, &put, want, stop)?.is_none() {
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

    /// The pages among `pages` that the plan takes, numbered: for each language, its index's
    /// folder and its pages in path order (page file `N` is the `N`th). Every language is
    /// there, if only with no pages, so that its search page finds a `meta.json`.
    fn numbered<'p>(&self, pages: &[&'p str]) -> Vec<(String, Vec<&'p str>)> {
        if !self.enabled {
            return Vec::new();
        }
        let mut by_language: Vec<Vec<&str>> = vec![Vec::new(); self.languages.len()];
        for &page in pages.iter().filter(|p| self.indexes(p)) {
            by_language[self.language_of(page)].push(page);
        }
        let folders = self.languages.iter().map(|(lang, _)| bundle_path(lang));
        folders
            .zip(by_language)
            .map(|(folder, mut group)| {
                group.sort_unstable();
                group.dedup();
                (folder, group)
            })
            .collect()
    }

    /// The page file of `page` (its site path and bytes, packed or not), page `n` of the index
    /// in `folder`.
    fn page_file(&self, folder: &str, n: usize, page: &OutputFile) -> OutputFile {
        index::page_file(
            folder,
            n,
            &self.url(&page.path),
            &extract::read(&page.contents()),
        )
    }

    /// Indexes the pages among `pages` that the plan takes, each language in an index of its
    /// own (see [`Plan::numbered`]).
    /// Returns the paths of the files put and, if wanted, the pages' links and ids.
    fn run(
        &self,
        pages: &[&str],
        read: &Read<'_>,
        put: &Put<'_>,
        want: Want,
        stop: &dyn Fn() -> bool,
    ) -> Result<Option<(Vec<String>, PageIndexes)>> {
        let mut written = Vec::new();
        let mut indexes = Vec::new();
        for (folder, group) in self.numbered(pages) {
            let mut builder = index::Builder::new(folder.clone());
            // Reading a batch (parallel) overlaps adding the previous one's terms (one thread).
            let mut read_so_far: Vec<index::PageTerms> = Vec::new();
            for (b, batch) in group.chunks(BATCH).enumerate() {
                if stop() {
                    return Ok(None);
                }
                let (pages, ()) = rayon::join(
                    || self.read_batch(batch, b * BATCH, &folder, read, put, want),
                    || read_so_far.drain(..).for_each(|p| builder.add(p)),
                );
                for (page, read) in batch.iter().zip(pages?) {
                    written.extend(read.file);
                    read_so_far.push(read.terms);
                    indexes.extend(read.index.map(|i| (page.to_string(), i)));
                }
            }
            read_so_far.into_iter().for_each(|p| builder.add(p));
            for file in builder.finish() {
                written.push(file.path.clone());
                put(file)?;
            }
        }
        Ok(Some((written, indexes)))
    }

    /// Reads the pages of `batch`, numbered from `first`, in parallel: puts each one's page
    /// file (if wanted) and returns, in order, what it read of each.
    fn read_batch(
        &self,
        batch: &[&str],
        first: usize,
        folder: &str,
        read: &Read<'_>,
        put: &Put<'_>,
        want: Want,
    ) -> Result<Vec<PageRead>> {
        batch
            .par_iter()
            .enumerate()
            .map(|(i, page)| {
                let bytes = read(page)?;
                let (doc, index) = match want.page_indexes {
                    true => {
                        let (doc, index) = extract::read_with_index(&bytes);
                        (doc, Some(index))
                    }
                    false => (extract::read(&bytes), None),
                };
                let file = match want.page_files {
                    true => {
                        let file = index::page_file(folder, first + i, &self.url(page), &doc);
                        let path = file.path.clone();
                        put(file)?;
                        Some(path)
                    }
                    false => None,
                };
                let terms = index::PageTerms::of(&doc);
                Ok(PageRead { file, terms, index })
            })
            .collect()
    }
}

/// What an index run makes besides the dictionary.
#[derive(Debug, Clone, Copy)]
struct Want {
    /// The page files (the preview makes them on request instead, [`Held`]).
    page_files: bool,
    /// Each page's links and ids, read in the same pass.
    page_indexes: bool,
}

/// What was read of one page.
struct PageRead {
    /// The path of its page file, if one was put.
    file: Option<String>,
    terms: index::PageTerms,
    index: Option<PageIndex>,
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
    /// Builds the index as the preview holds it, unless `stop` says to give up first.
    pub fn run(&self, stop: &dyn Fn() -> bool) -> Result<Option<Held>> {
        let files: Vec<&OutputFile> = self.files.iter().map(Arc::as_ref).collect();
        let Some(made) = self.plan.index_from(&files, false, stop)? else {
            return Ok(None);
        };
        let by_path: std::collections::HashMap<&str, &Arc<OutputFile>> =
            self.files.iter().map(|f| (f.path.as_str(), f)).collect();
        let paths: Vec<&str> = by_path.keys().copied().collect();
        let pages = self
            .plan
            .numbered(&paths)
            .into_iter()
            .map(|(folder, group)| (folder, group.iter().map(|p| by_path[p].clone()).collect()))
            .collect();
        Ok(Some(Held {
            files: made.into_iter().map(Arc::new).collect(),
            plan: Some(self.plan.clone()),
            pages,
        }))
    }
}

/// The search index of one build as the preview holds it: `meta.json` and the dictionary's
/// chunks as files, and each page file made when it is asked for, from the page it indexed. The
/// page files were four fifths of the index (≈35 MB even gzipped at 10,000 pages) and a search
/// reads a few of them.
#[derive(Debug, Clone, Default)]
pub struct Held {
    /// Sorted by path.
    files: Vec<Arc<OutputFile>>,
    plan: Option<Plan>,
    /// Each language's folder and its pages, page file `N` being the `N`th.
    pages: Vec<(String, Vec<Arc<OutputFile>>)>,
}

impl Held {
    /// The index's file at site path `path` (a page file is made now), if there is one.
    pub fn get(&self, path: &str) -> Option<Arc<OutputFile>> {
        if let Ok(i) = self.files.binary_search_by(|f| f.path.as_str().cmp(path)) {
            return Some(self.files[i].clone());
        }
        let plan = self.plan.as_ref()?;
        self.pages.iter().find_map(|(folder, pages)| {
            let digits = path.strip_prefix(folder.as_str())?.strip_prefix("p/")?;
            let digits = digits.strip_suffix(".json")?;
            let n: usize = digits
                .parse()
                .ok()
                .filter(|n: &usize| n.to_string() == digits)?;
            Some(Arc::new(plan.page_file(folder, n, pages.get(n)?)))
        })
    }

    /// Every file of the index, page files made now, in no particular order (the preview asks
    /// for them one by one; this is for comparing with a build's).
    pub fn files(&self) -> Vec<Arc<OutputFile>> {
        let made = self.pages.iter().flat_map(|(folder, pages)| {
            let n = 0..pages.len();
            n.filter_map(move |n| self.get(&format!("{folder}p/{n}.json")))
        });
        self.files.iter().cloned().chain(made).collect()
    }

    /// How many files the index has, page files included.
    pub fn len(&self) -> usize {
        self.files.len() + self.pages.iter().map(|(_, p)| p.len()).sum::<usize>()
    }

    /// Whether the index has no files.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
}
