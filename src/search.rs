//! Full-text search: every canonical page is indexed in-process by Pagefind (the `pagefind`
//! crate's `api` module, whose `extended` feature segments Chinese), and the index is written
//! into the output under `pagefind/` like any other generated file. The browser loads it only
//! on the search page (`static/search.js`), so other pages carry no script.
//!
//! Pagefind reads the pages from disk (`add_directory`): a build indexes the pages it has just
//! written into its staging folder ([`Plan::index_dir`]), so no copy of the site is held in
//! memory; the preview, whose pages live in memory, writes them into a private folder first
//! ([`Plan::index`]). Either way Pagefind is given the pages to index (hard links where it
//! can) one at a time in path order, each in a private tree under the base URL's path (so
//! result URLs work on a site hosted under a sub-path): only the pages [`Plan::indexes`] takes.
//! Pagefind numbers pages in the order it reads them, so the index is the same whichever
//! thread rendered which page first and whatever order a file system lists a folder in.
//! Each language is indexed in a run of its own, and the runs are merged.
//! The title of a page's report, shown under each result, comes from the page itself
//! (`data-pagefind-meta="report[content]"` in `partials/head.html`).

use crate::content::Site;
use crate::error::{Error, Result};
use crate::render::paths::Paths;
use crate::render::OutputFile;
use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;
use tree::Tree;

mod merge;
mod tree;

/// Folder of the index in the output.
pub const DIR: &str = "pagefind";

/// How the names of the private folders Pagefind reads pages from begin.
pub const TREE_PREFIX: &str = ".yanbao-search-";

/// Site path of the search page in a language (`search/`, `en/search/`).
pub fn page_path(paths: &Paths, lang: &str) -> String {
    format!("{}search/", paths.prefix(lang))
}

/// What is left out of the index: the chrome of every page (header, navigation, footer, the
/// report-title kicker over each chapter, download links, the cite block), so a query does not
/// match every page through it; and the landing page's restatements of its chapters (key
/// takeaways, headline figures, contents), so a query leads to the chapter that discusses it.
const EXCLUDED: &[&str] = &[
    "header.site-header",
    "footer.site-footer",
    "nav",
    ".kicker",
    ".chart-downloads",
    ".cite",
    ".skip-link",
    ".takeaways",
    ".headline-figures",
    ".contents",
];

/// Pagefind's browser files this site does not use (its prebuilt UIs).
fn unused(name: &str) -> bool {
    [
        "pagefind-ui",
        "pagefind-modular-ui",
        "pagefind-component-ui",
        "pagefind-highlight",
    ]
    .iter()
    .any(|p| name.starts_with(p))
}

/// What indexing needs to know about a site, owned, so that it can run on another thread
/// after the build (the preview indexes on demand, see `serve::index`).
#[derive(Debug, Clone)]
pub struct Plan {
    /// `search: false` in site.yaml: nothing is indexed and no index is written.
    enabled: bool,
    skip: BTreeSet<String>,
    /// The base URL's path (`/research/`), which result URLs start with.
    base: String,
    /// Where the pages of each language but the default one are (`en/`).
    prefixes: Vec<String>,
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
            prefixes: site
                .config
                .language_keys
                .iter()
                .map(|l| paths.prefix(l))
                .filter(|p| !p.is_empty())
                .collect(),
        }
    }

    /// Whether the file at `path` is indexed.
    pub fn indexes(&self, path: &str) -> bool {
        self.enabled && path.ends_with(".html") && !self.skip.contains(path)
    }

    /// Indexes the pages among `paths` (site paths, any order; only those [`Plan::indexes`]
    /// takes are read) of the site written in folder `dir`, into output files under [`DIR`].
    /// The pages are hard-linked into private folders beside `dir` (in `<dir>.search`), removed
    /// afterwards.
    pub fn index_dir<'p>(
        &self,
        dir: &Path,
        paths: impl IntoIterator<Item = &'p str>,
    ) -> Result<Vec<OutputFile>> {
        if !self.enabled {
            return Ok(Vec::new());
        }
        let mut pages: Vec<&str> = paths.into_iter().filter(|p| self.indexes(p)).collect();
        pages.sort_unstable();
        pages.dedup();
        let trees = crate::output::search_dir(dir);
        // A build clears a killed build's folder before it starts (see `output::Staging::begin`).
        crate::fsx::remove_dir_all(&trees)?;
        crate::fsx::create_dir_all(&trees)?;
        let add = |tree: &Tree, path: &str| tree.link(path, &dir.join(path));
        let files = self.by_language(&pages, &trees, &add, &|| false);
        crate::fsx::remove_dir_all(&trees)?;
        Ok(files?.unwrap_or_default())
    }

    /// Indexes `pages` (site path, HTML; any order, only those [`Plan::indexes`] takes are
    /// read) into output files under [`DIR`], writing them into private temporary folders
    /// first. The result depends only on the set of pages, and is what [`Plan::index_dir`]
    /// gives for the same pages on disk. `stop` is asked between steps; once it says yes,
    /// indexing ends with `None`.
    pub fn index<'p>(
        &self,
        pages: impl IntoIterator<Item = (&'p str, &'p [u8])>,
        stop: &dyn Fn() -> bool,
    ) -> Result<Option<Vec<OutputFile>>> {
        if !self.enabled {
            return Ok(Some(Vec::new()));
        }
        let pages: BTreeMap<&str, &[u8]> =
            pages.into_iter().filter(|(p, _)| self.indexes(p)).collect();
        let paths: Vec<&str> = pages.keys().copied().collect();
        let add = |tree: &Tree, path: &str| tree.write(path, pages[path]);
        self.by_language(&paths, &std::env::temp_dir(), &add, stop)
    }

    /// Indexes each language's pages (`pages`, sorted) in a run of its own, in a tree inside
    /// `parent` that `add` puts them into, and puts the indexes together. Pagefind indexes each
    /// language on its own anyway, but holds every page it has read until the end: one
    /// language at a time needs a fraction of the memory of all at once, for the same files.
    fn by_language(
        &self,
        pages: &[&str],
        parent: &Path,
        add: &dyn Fn(&Tree, &str) -> Result<()>,
        stop: &dyn Fn() -> bool,
    ) -> Result<Option<Vec<OutputFile>>> {
        let mut groups: BTreeMap<&str, Vec<&str>> = BTreeMap::new();
        for page in pages {
            let prefix = self.prefixes.iter().find(|p| page.starts_with(p.as_str()));
            groups
                .entry(prefix.map_or("", String::as_str))
                .or_default()
                .push(page);
        }
        // With no page at all, one empty run still gives Pagefind's script and an empty entry.
        if groups.is_empty() {
            groups.insert("", Vec::new());
        }
        let mut parts = Vec::new();
        for group in groups.into_values() {
            match self.pagefind(&group, parent, add, stop)? {
                Some(files) => parts.push(files),
                None => return Ok(None),
            }
        }
        merge::merge(parts).map(Some)
    }

    /// One Pagefind run over `pages` (sorted), each put into a tree of its own inside `parent`
    /// by `add` and read alone, in that order. Pagefind numbers pages in the order it reads
    /// them, and the numbers are in the index's bytes; a folder of many pages would be read in
    /// the order the file system lists it (a hash of each name on ext4), so the same site
    /// would give another index on another disk. Reading one page at a time costs the parallel
    /// reading Pagefind would do in a folder of many.
    fn pagefind(
        &self,
        pages: &[&str],
        parent: &Path,
        add: &dyn Fn(&Tree, &str) -> Result<()>,
        stop: &dyn Fn() -> bool,
    ) -> Result<Option<Vec<OutputFile>>> {
        let runtime = tokio::runtime::Builder::new_current_thread()
            .build()
            .map_err(|e| Error::io("start the search indexer for", Path::new(DIR), e))?;
        let files = runtime.block_on(async {
            let options = pagefind::options::PagefindServiceConfig::builder()
                .exclude_selectors(EXCLUDED.iter().map(|s| s.to_string()).collect())
                .build();
            let mut index = pagefind::api::PagefindIndex::new(Some(options)).map_err(fail)?;
            for path in pages {
                if stop() {
                    return Ok(None);
                }
                let tree = Tree::new(parent, &self.base)?;
                add(&tree, path)?;
                let root = tree.dir.path().to_string_lossy().into_owned();
                let read = index.add_directory(root, None).await.map_err(fail)?;
                // Pagefind only warns about a page it cannot read; a page left out is an error.
                if read != 1 {
                    return Err(fail(format!("Pagefind could not read the page {path}")));
                }
            }
            if stop() {
                return Ok(None);
            }
            index.get_files().await.map(Some).map_err(fail)
        })?;
        Ok(files.map(|files| {
            files
                .into_iter()
                .filter_map(|f| {
                    let name = f.filename.to_string_lossy().replace('\\', "/");
                    (!unused(&name)).then(|| OutputFile {
                        path: format!("{DIR}/{name}"),
                        bytes: f.contents,
                    })
                })
                .collect()
        }))
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
    /// Builds the index, as output files under [`DIR`], unless `stop` says to give up first.
    pub fn run(&self, stop: &dyn Fn() -> bool) -> Result<Option<Vec<OutputFile>>> {
        self.plan.index(
            self.files
                .iter()
                .map(|f| (f.path.as_str(), f.bytes.as_slice())),
            stop,
        )
    }
}

/// Pagefind's error (an `anyhow` chain, printed whole) as a build error.
fn fail(e: impl std::fmt::Display) -> Error {
    Error::io(
        "build the search index in",
        Path::new(DIR),
        std::io::Error::other(format!("{e:#}")),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn indexing_one_language_at_a_time_gives_the_files_of_one_run() {
        let opts = crate::BuildOptions {
            root: Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/mini"),
            ..Default::default()
        };
        let built = crate::build_in_memory(&opts).unwrap();
        let pages = || {
            built
                .files
                .iter()
                .map(|f| (f.path.as_str(), f.bytes.as_slice()))
        };
        let plan = Plan::new(&built.site);
        assert_eq!(plan.prefixes, ["en/"]);
        let split = plan.index(pages(), &|| false).unwrap().unwrap();
        let whole = Plan {
            prefixes: Vec::new(),
            ..plan
        };
        let one_run = whole.index(pages(), &|| false).unwrap().unwrap();
        let entry = split
            .iter()
            .find(|f| f.path.ends_with("pagefind-entry.json"));
        let entry = String::from_utf8_lossy(&entry.unwrap().bytes).into_owned();
        assert!(
            entry.contains("\"en\"") && entry.contains("\"zh-cn\""),
            "{entry}"
        );
        assert_eq!(split.len(), one_run.len());
        let mut one_run = one_run;
        one_run.sort_by(|a, b| a.path.cmp(&b.path));
        for (a, b) in split.iter().zip(&one_run) {
            assert!(a == b, "{} differs from {}", a.path, b.path);
        }
    }
}
