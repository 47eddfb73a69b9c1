//! Full-text search: every canonical page is indexed in-process by Pagefind (the `pagefind`
//! crate's `api` module, whose `extended` feature segments Chinese), and the index is written
//! into the output under `pagefind/` like any other generated file. The browser loads it only
//! on the search page (`static/search.js`), so other pages carry no script.
//!
//! Pages reach the indexer through [`Indexing`], a [`Sink`] placed in front of the build's own
//! sink: it keeps a copy of each page as it passes, and [`Indexing::finish`] indexes them in path
//! order, so the index is the same whatever order the threads rendered the pages in. The preview
//! indexes a [`Pending`] (the pages of a build, shared, not copied) on a thread of its own, so
//! that an edit is served before the index, the slowest part of a rebuild, is made again.

use crate::content::Site;
use crate::error::{Error, Result};
use crate::render::paths::Paths;
use crate::render::{OutputFile, Sink};
use std::collections::BTreeSet;
use std::path::Path;
use std::sync::Mutex;

/// Folder of the index in the output.
pub const DIR: &str = "pagefind";

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
/// after the build (the preview indexes in the background).
#[derive(Debug, Clone)]
pub struct Plan {
    /// `search: false` in site.yaml: nothing is indexed and no index is written.
    enabled: bool,
    config: crate::config::Config,
    skip: BTreeSet<String>,
    /// Each report's folder in each language, with its title there, for the results' metadata.
    reports: Vec<(String, String)>,
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
        let reports = site
            .reports
            .iter()
            .flat_map(|r| {
                site.config.language_keys.iter().map(move |l| {
                    (
                        paths.report(l, &r.slug),
                        r.manifest.title.text(l).to_string(),
                    )
                })
            })
            .collect();
        Plan {
            enabled: site.config.site.search,
            config: site.config.clone(),
            skip,
            reports,
        }
    }

    /// Whether the file at `path` is indexed.
    pub fn indexes(&self, path: &str) -> bool {
        self.enabled && path.ends_with(".html") && !self.skip.contains(path)
    }

    /// The page as given to the indexer: with the title of its report as Pagefind metadata
    /// (`report`), which results show under the page title. The page written is unchanged.
    fn with_report_meta(&self, path: &str, html: String) -> String {
        let Some((_, title)) = self.reports.iter().find(|(dir, _)| path.starts_with(dir)) else {
            return html;
        };
        let meta = format!(
            "<head><meta data-pagefind-meta=\"report[content]\" content=\"{}\">",
            crate::escape::html(title)
        );
        html.replacen("<head>", &meta, 1)
    }

    /// Indexes `pages` (site path, HTML; any order, only those [`Plan::indexes`] takes are
    /// read) into output files under [`DIR`]. The result depends only on the set of pages.
    /// `stop` is asked between pages; once it says yes, indexing ends with `None`.
    pub fn index<'p>(
        &self,
        pages: impl IntoIterator<Item = (&'p str, &'p [u8])>,
        stop: &dyn Fn() -> bool,
    ) -> Result<Option<Vec<OutputFile>>> {
        if !self.enabled {
            return Ok(Some(Vec::new()));
        }
        let mut pages: Vec<(&str, &[u8])> =
            pages.into_iter().filter(|(p, _)| self.indexes(p)).collect();
        pages.sort();
        let paths = Paths::new(&self.config);
        let runtime = tokio::runtime::Builder::new_current_thread()
            .build()
            .map_err(|e| Error::io("start the search indexer for", Path::new(DIR), e))?;
        let files = runtime.block_on(async {
            let options = pagefind::options::PagefindServiceConfig::builder()
                .exclude_selectors(EXCLUDED.iter().map(|s| s.to_string()).collect())
                .build();
            let mut index = pagefind::api::PagefindIndex::new(Some(options)).map_err(fail)?;
            for (path, html) in pages {
                if stop() {
                    return Ok(None);
                }
                let dir = path.strip_suffix("index.html").unwrap_or(path);
                let html = self.with_report_meta(path, String::from_utf8_lossy(html).into_owned());
                index
                    .add_html_file(None, Some(paths.href(dir)), html)
                    .await
                    .map_err(fail)?;
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

/// A sink that passes every file on and keeps the pages to index.
pub struct Indexing<'a> {
    inner: &'a dyn Sink,
    plan: Plan,
    pages: Mutex<Vec<(String, Vec<u8>)>>,
}

impl<'a> Indexing<'a> {
    /// Wraps `inner` for `site` (see [`Plan::new`] for what is indexed).
    pub fn new(site: &Site, inner: &'a dyn Sink) -> Indexing<'a> {
        Indexing {
            inner,
            plan: Plan::new(site),
            pages: Mutex::new(Vec::new()),
        }
    }

    /// Builds the index of the pages seen, as output files under [`DIR`].
    pub fn finish(self) -> Result<Vec<OutputFile>> {
        let pages = self.pages.into_inner().unwrap_or_else(|e| e.into_inner());
        let files = self.plan.index(
            pages.iter().map(|(p, h)| (p.as_str(), h.as_slice())),
            &|| false,
        )?;
        Ok(files.unwrap_or_default())
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

impl Sink for Indexing<'_> {
    fn put(&self, file: OutputFile) -> Result<()> {
        if self.plan.indexes(&file.path) {
            let mut pages = self.pages.lock().unwrap_or_else(|e| e.into_inner());
            pages.push((file.path.clone(), file.bytes.clone()));
        }
        self.inner.put(file)
    }
}
