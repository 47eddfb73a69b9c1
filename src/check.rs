//! Checks on the rendered pages, read through one [`PageIndex`] per page: every internal link,
//! image or anchor must resolve, and no page may give two elements one id. The build runs these
//! checks (an error stops it) and `yanbao check` reports what the build found, without writing.

use crate::error::{Diagnostic, Error, Location, Result, Severity};
use crate::pageindex::PageIndex;
use rayon::prelude::*;
use std::collections::{BTreeSet, HashMap, HashSet};
use std::path::{Path, PathBuf};

/// The outcome of `yanbao check`.
#[derive(Debug, Default)]
pub struct Report {
    /// Everything found, errors first.
    pub problems: Vec<Diagnostic>,
}

impl Report {
    /// Number of errors.
    pub fn errors(&self) -> usize {
        self.problems
            .iter()
            .filter(|d| d.severity == Severity::Error)
            .count()
    }

    /// Number of warnings.
    pub fn warnings(&self) -> usize {
        self.problems.len() - self.errors()
    }
}

/// Checks the site under `root` by building it in memory; fails only when the site cannot be
/// read at all or a template does not render (reported as the build reports it).
pub fn check(root: &Path) -> Result<Report> {
    let opts = crate::BuildOptions {
        root: root.to_path_buf(),
        base_url: None,
        live_reload: false,
    };
    match crate::build_in_memory(&opts) {
        Ok(built) => {
            let mut problems = built.rendered.warnings;
            problems.sort();
            Ok(Report { problems })
        }
        Err(Error::Content(problems)) => Ok(Report { problems }),
        Err(e) => Err(e),
    }
}

/// The Markdown a page was rendered from, so a problem in the page can be shown at its line.
#[derive(Debug, Clone)]
pub struct PageSource<'a> {
    /// The Markdown file, relative to the site root.
    pub file: PathBuf,
    /// The text after the front matter.
    pub body: &'a str,
    /// The file's line where `body` starts.
    pub first_line: usize,
}

impl PageSource<'_> {
    /// Where `needle` first appears in the Markdown, if it does.
    fn locate(&self, needle: &str) -> Option<Location> {
        let at = self.body.find(needle)?;
        let line = self.first_line + self.body[..at].bytes().filter(|&b| b == b'\n').count();
        Some(Location::at(&self.file, line, None))
    }
}

/// What the checks need to know about the site.
pub struct Pages<'a> {
    /// Every HTML page with its index.
    pub pages: &'a [(&'a str, &'a PageIndex)],
    /// The site path of every generated file.
    pub files: &'a HashSet<&'a str>,
    /// Files copied from `static/`.
    pub static_files: &'a BTreeSet<String>,
    /// The base path (`/` or `/research/aigc/`).
    pub base: &'a str,
    /// The Markdown behind a chapter page, by page path (asked only for a page with a problem).
    pub sources: &'a (dyn Fn(&str) -> Option<PageSource<'a>> + Sync),
    /// Where pages were not made because of errors reported with them (folders ending in `/`,
    /// or pages): links there are not checked, so that one broken chapter does not also show
    /// as a broken link on every page that links to its report.
    pub unrendered: &'a [String],
}

/// Whether the site path `path` lies under one of `places` (folders ending in `/`, or paths).
pub fn under_any(path: &str, places: &[String]) -> bool {
    places.iter().any(|p| {
        if p.ends_with('/') {
            path.starts_with(p.as_str()) || p.strip_suffix('/') == Some(path)
        } else {
            path == p
        }
    })
}

/// Checks every HTML page: links and sources under the base path resolve, fragments name an id
/// of their target, ids are unique within a page.
pub fn rendered_pages(site: &Pages) -> Vec<Diagnostic> {
    rendered_pages_among(site, &|_| true)
}

/// Checks the pages of the site for which `which` holds, against the whole site (see
/// [`rendered_pages`]). A page's problems depend only on it and on the paths and ids of the
/// others, so the preview re-checks only the pages it rendered again when those did not change.
pub fn rendered_pages_among(
    site: &Pages,
    which: &(dyn Fn(&str) -> bool + Sync),
) -> Vec<Diagnostic> {
    // Link targets are looked up by halving the pages sorted by path: the preview checks a few
    // pages of thousands, and a map of them all cost more than the checks.
    let ids: std::borrow::Cow<[(&str, &PageIndex)]> = if site.pages.is_sorted_by_key(|(p, _)| *p) {
        site.pages.into()
    } else {
        let mut sorted = site.pages.to_vec();
        sorted.sort_by_key(|(p, _)| *p);
        sorted.into()
    };
    // Pages are checked in parallel, each thread with its own cache of target ids; sorting
    // the problems makes the result independent of the order they were found in.
    let mut out: Vec<Diagnostic> = site
        .pages
        .par_iter()
        .filter(|(p, _)| which(p))
        .map_init(Seen::default, |seen, (page, index)| {
            page_problems(page, index, site, &ids, seen)
        })
        .flatten_iter()
        .collect();
    out.sort();
    out.dedup();
    out
}

/// What one thread of the checks has learnt so far.
#[derive(Default)]
struct Seen<'a> {
    /// The ids of each page a fragment pointed into, hashed when one first did.
    ids: HashMap<&'a str, HashSet<&'a str>>,
    /// Links with a path that resolved. Most links recur on many pages (the report's contents,
    /// the header), and one with a path resolves alike wherever it is.
    fine: HashSet<&'a str>,
}

/// The problems of one page (see [`rendered_pages`]).
fn page_problems<'a>(
    page: &str,
    index: &'a PageIndex,
    site: &Pages,
    ids: &[(&'a str, &'a PageIndex)],
    seen: &mut Seen<'a>,
) -> Vec<Diagnostic> {
    // In the Markdown if the author wrote it there; otherwise it came from a template.
    let at = |needle: &str| -> Location {
        (site.sources)(page)
            .and_then(|s| s.locate(needle))
            .unwrap_or_else(|| Location::file(Path::new("public").join(page)))
    };
    let mut out = Vec::new();
    for id in index.duplicate_ids() {
        // At the heading that wrote it (`{#main}`) if one did, else where the text first shows.
        let written = (site.sources)(page).and_then(|s| s.locate(&format!("{{#{id}}}")));
        out.push(
            Diagnostic::error(written.unwrap_or_else(|| at(id)), format!("two elements of page `{page}` have the id `{id}`"))
                .with_help("give the heading another id with `{#other-id}`, or rename it; ids must be unique within a page"),
        );
    }
    for link in index.links() {
        // A link without a path resolves against its own page, so only the others are kept.
        let has_path = !link.url.is_empty() && !link.url.starts_with('#');
        if has_path && seen.fine.contains(link.url) {
            continue;
        }
        match link_problem(page, link.url, site, site.files, ids, &mut seen.ids) {
            None if has_path => {
                seen.fine.insert(link.url);
            }
            None => {}
            Some((problem, near)) => {
                // The Markdown has the fragment as the author wrote it: `#背景`, not `#%E8%83%8C…`.
                let needle = link.url.split_once('#').map_or(link.url, |(_, f)| f);
                let decoded = percent_encoding::percent_decode_str(needle).decode_utf8_lossy();
                let at = (site.sources)(page)
                    .and_then(|s| s.locate(&format!("#{decoded}")))
                    .unwrap_or_else(|| at(&format!("#{needle}")));
                let mut help = "fix the link (in the chapter, or in the template if the message names a page in public/), or the heading or figure id it points at".to_string();
                if let Some(near) = near {
                    help = format!("did you mean `#{near}`? {help}");
                }
                out.push(Diagnostic::error(at, problem).with_help(help));
            }
        }
    }
    out
}

/// Why `url` on `page` leads nowhere, with the target's id nearest the fragment it names, or
/// `None` if it resolves (or is not the site's to check).
fn link_problem<'a>(
    page: &str,
    url: &str,
    site: &Pages,
    known: &HashSet<&str>,
    ids: &[(&'a str, &'a PageIndex)],
    sets: &mut HashMap<&'a str, HashSet<&'a str>>,
) -> Option<(String, Option<&'a str>)> {
    let (path, frag) = match url.split_once('#') {
        Some((p, f)) => (p, Some(f)),
        None => (url, None),
    };
    let target = if path.is_empty() {
        page.to_string()
    } else {
        let rel = path.strip_prefix(site.base)?;
        if rel.starts_with("__yanbao/") {
            return None; // the preview server's own endpoints
        }
        let rel = percent_encoding::percent_decode_str(rel)
            .decode_utf8_lossy()
            .into_owned();
        if rel.is_empty() || rel.ends_with('/') {
            format!("{rel}index.html")
        } else {
            rel
        }
    };
    if !known.contains(target.as_str()) && !site.static_files.contains(&target) {
        if under_any(&target, site.unrendered) {
            return None;
        }
        return Some((
            format!("link `{url}` on `{page}` leads nowhere: no page or file `{target}`"),
            None,
        ));
    }
    let id = percent_encoding::percent_decode_str(frag?)
        .decode_utf8_lossy()
        .into_owned();
    let found = ids.binary_search_by(|(p, _)| (*p).cmp(target.as_str()));
    let (key, index) = ids[found.ok()?];
    // Each target's ids are hashed once, when a fragment first points into it.
    let target_ids = sets.entry(key).or_insert_with(|| index.ids().collect());
    (!target_ids.contains(id.as_str())).then(|| {
        let message =
            format!("link `{url}` on `{page}` points at `#{id}`, which `{target}` does not have");
        (message, nearest(&id, target_ids))
    })
}

/// The id in `ids` most like `id`, if one is close (ids such as `1-1市场规模亿元` are hard to
/// guess from their heading).
fn nearest<'a>(id: &str, ids: &HashSet<&'a str>) -> Option<&'a str> {
    ids.iter()
        .map(|c| (strsim::jaro_winkler(id, c), *c))
        .filter(|(score, _)| *score > 0.7)
        .max_by(|a, b| a.0.total_cmp(&b.0).then_with(|| b.1.cmp(a.1)))
        .map(|(_, c)| c)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::render::OutputFile;

    fn file(path: &str, html: &str) -> OutputFile {
        OutputFile {
            path: path.into(),
            bytes: html.as_bytes().to_vec(),
        }
    }

    fn run(files: &[OutputFile], sources: &HashMap<String, PageSource>) -> Vec<Diagnostic> {
        let statics: BTreeSet<String> = ["logo.svg".to_string()].into();
        let indexes: Vec<(&str, PageIndex)> = files
            .iter()
            .map(|f| {
                (
                    f.path.as_str(),
                    PageIndex::of(std::str::from_utf8(&f.bytes).unwrap()),
                )
            })
            .collect();
        let pages: Vec<(&str, &PageIndex)> = indexes.iter().map(|(p, i)| (*p, i)).collect();
        let paths: HashSet<&str> = files.iter().map(|f| f.path.as_str()).collect();
        rendered_pages(&Pages {
            pages: &pages,
            files: &paths,
            static_files: &statics,
            base: "/",
            sources: &|p| sources.get(p).cloned(),
            unrendered: &[],
        })
    }

    #[test]
    fn places_not_rendered_are_folders_or_pages() {
        let places = ["en/alpha/".to_string(), "en/index.html".to_string()];
        for (path, under) in [
            ("en/alpha/one/index.html", true),
            ("en/alpha/charts/sizes.csv", true),
            ("en/alpha", true),
            ("en/index.html", true),
            ("en/alphabet/index.html", false),
            ("en/search/index.html", false),
            ("alpha/index.html", false),
        ] {
            assert_eq!(under_any(path, &places), under, "{path}");
        }
        assert!(!under_any("en/index.html", &[]));
    }

    #[test]
    fn finds_broken_links_and_anchors_in_any_quoting() {
        let files = vec![
            file(
                "index.html",
                r##"<a href="/a/">ok</a><a href='/a/#x'>ok</a><a href="/a/#nope">bad</a><a href=/missing/>bad</a><a href="#top">bad</a><img src="/logo.svg"><a href="https://x.org/">ext</a>"##,
            ),
            file("a/index.html", r#"<h2 id="x">x</h2>"#),
        ];
        let found = run(&files, &HashMap::new());
        let msgs: Vec<&str> = found.iter().map(|d| d.message.as_str()).collect();
        assert_eq!(found.len(), 3, "{msgs:?}");
        assert!(msgs.iter().any(|m| m.contains("#nope")));
        assert!(msgs.iter().any(|m| m.contains("/missing/")));
        assert!(msgs.iter().any(|m| m.contains("#top")));
    }

    #[test]
    fn problems_in_a_chapter_point_at_its_markdown_line() {
        let files = vec![file(
            "a/one/index.html",
            r##"<nav><h2 id="toc-h">Contents</h2></nav><h2 id="toc-h">Contents</h2><a href="#nowhere">x</a>"##,
        )];
        let body = "Intro.\n\n## Contents {#toc-h}\n\nSee [x](#nowhere).\n";
        let sources = HashMap::from([(
            "a/one/index.html".to_string(),
            PageSource {
                file: "content/reports/a/chapters/one.en.md".into(),
                body,
                first_line: 5,
            },
        )]);
        let found = run(&files, &sources);
        assert_eq!(found.len(), 2, "{found:?}");
        let lines: Vec<Option<usize>> = found.iter().map(|d| d.location.line).collect();
        assert!(
            lines.contains(&Some(7)),
            "duplicate id at the heading: {found:?}"
        );
        assert!(
            lines.contains(&Some(9)),
            "broken anchor at the link: {found:?}"
        );
        assert!(found.iter().all(|d| d.location.file.ends_with("one.en.md")));
    }

    #[test]
    fn a_chinese_fragment_points_at_its_markdown_line_with_the_nearest_id() {
        // The page has the fragment percent-encoded; the Markdown has it as written.
        let files = vec![file(
            "a/one/index.html",
            r##"<h2 id="1-1市场规模亿元">1.1 市场规模</h2><a href="#%E5%B8%82%E5%9C%BA%E8%A7%84%E6%A8%A1">x</a>"##,
        )];
        let body = "## 1.1 市场规模（亿元）\n\n见[上文](#市场规模)。\n";
        let sources = HashMap::from([(
            "a/one/index.html".to_string(),
            PageSource {
                file: "content/reports/a/chapters/one.zh.md".into(),
                body,
                first_line: 5,
            },
        )]);
        let found = run(&files, &sources);
        assert_eq!(found.len(), 1, "{found:?}");
        assert_eq!(found[0].location.line, Some(7), "{found:?}");
        let help = found[0].help.as_deref().unwrap_or_default();
        assert!(help.contains("did you mean `#1-1市场规模亿元`?"), "{help}");
    }
}
