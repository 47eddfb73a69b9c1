//! `yanbao check`: builds in memory and reports every problem at once — build errors, and in the
//! rendered pages every internal link, image or anchor that does not resolve.

use crate::error::{Diagnostic, Error, Location, Result, Severity};
use crate::render::OutputFile;
use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

/// The outcome of a check.
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

/// Checks the site under `root`; fails only when the site cannot be read at all.
pub fn check(root: &Path) -> Result<Report> {
    let opts = crate::BuildOptions {
        root: root.to_path_buf(),
        base_url: None,
        live_reload: false,
    };
    match crate::build_in_memory(&opts) {
        Ok(built) => {
            let mut problems = built.rendered.warnings.clone();
            let base = built.site.config.base.path().to_string();
            problems.extend(check_links(
                &built.rendered.files,
                &built.site.static_files,
                &base,
            ));
            problems.sort();
            Ok(Report { problems })
        }
        Err(Error::Content(problems)) => Ok(Report { problems }),
        Err(Error::Template(msg)) => Ok(Report {
            problems: vec![Diagnostic::error(Location::file("templates"), msg)],
        }),
        Err(e) => Err(e),
    }
}

/// Every `href`/`src` under the base path must name a generated or static file, and every
/// fragment an id of the target page.
pub fn check_links(
    files: &[OutputFile],
    static_files: &BTreeSet<String>,
    base: &str,
) -> Vec<Diagnostic> {
    let pages: BTreeMap<&str, String> = files
        .iter()
        .filter(|f| f.path.ends_with(".html"))
        .map(|f| {
            (
                f.path.as_str(),
                String::from_utf8_lossy(&f.bytes).into_owned(),
            )
        })
        .collect();
    let known: BTreeSet<&str> = files.iter().map(|f| f.path.as_str()).collect();
    let ids: BTreeMap<&str, BTreeSet<String>> = pages
        .iter()
        .map(|(p, html)| (*p, attr_values(html, "id").into_iter().collect()))
        .collect();
    let mut out = Vec::new();
    for (page, html) in &pages {
        let mut urls = attr_values(html, "href");
        urls.extend(attr_values(html, "src"));
        for url in urls {
            let (path, frag) = match url.split_once('#') {
                Some((p, f)) => (p.to_string(), Some(f.to_string())),
                None => (url.clone(), None),
            };
            let target = if path.is_empty() {
                page.to_string()
            } else if let Some(rel) = path.strip_prefix(base) {
                let rel = percent_encoding::percent_decode_str(rel)
                    .decode_utf8_lossy()
                    .into_owned();
                if rel.is_empty() || rel.ends_with('/') {
                    format!("{rel}index.html")
                } else {
                    rel
                }
            } else {
                continue;
            };
            let shown = Path::new("public").join(page);
            if !known.contains(target.as_str()) && !static_files.contains(&target) {
                out.push(
                    Diagnostic::error(
                        Location::file(&shown),
                        format!("link `{url}` leads nowhere: no page or file `{target}`"),
                    )
                    .with_help("fix the link in the content or template that produces this page"),
                );
                continue;
            }
            if let (Some(f), Some(target_ids)) = (frag, ids.get(target.as_str())) {
                let id = percent_encoding::percent_decode_str(&f)
                    .decode_utf8_lossy()
                    .into_owned();
                if !target_ids.contains(&id) {
                    out.push(
                        Diagnostic::error(
                            Location::file(&shown),
                            format!(
                                "link `{url}` points at `#{id}`, which `{target}` does not have"
                            ),
                        )
                        .with_help("check the heading or figure id"),
                    );
                }
            }
        }
    }
    out.sort();
    out.dedup();
    out
}

fn attr_values(html: &str, attr: &str) -> Vec<String> {
    let needle = format!(" {attr}=\"");
    html.match_indices(&needle)
        .filter_map(|(i, _)| {
            let rest = &html[i + needle.len()..];
            rest.find('"').map(|end| rest[..end].replace("&amp;", "&"))
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn file(path: &str, html: &str) -> OutputFile {
        OutputFile {
            path: path.into(),
            bytes: html.as_bytes().to_vec(),
        }
    }

    #[test]
    fn finds_broken_links_and_anchors() {
        let files = vec![
            file(
                "index.html",
                r##"<a href="/a/">ok</a><a href="/a/#x">ok</a><a href="/a/#nope">bad</a><a href="/missing/">bad</a><a href="#top">bad</a><img src="/logo.svg"><a href="https://x.org/">ext</a>"##,
            ),
            file("a/index.html", r#"<h2 id="x">x</h2>"#),
        ];
        let statics: BTreeSet<String> = ["logo.svg".to_string()].into();
        let found = check_links(&files, &statics, "/");
        let msgs: Vec<&str> = found.iter().map(|d| d.message.as_str()).collect();
        assert_eq!(found.len(), 3, "{msgs:?}");
        assert!(msgs.iter().any(|m| m.contains("#nope")));
        assert!(msgs.iter().any(|m| m.contains("/missing/")));
        assert!(msgs.iter().any(|m| m.contains("#top")));
    }
}
