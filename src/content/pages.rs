//! Standalone pages: `content/pages/<slug>.<lang>.md` (about, methodology, contact, legal), each
//! at `/<slug>/` under its language's prefix. A page may exist in some languages only; its twins
//! share the slug.

use super::chapter::{parse_front, split_file_name};
use super::discover::{case_collisions, slug_problem, sorted_dir, valid_slug};
use crate::config::Config;
use crate::error::{Diagnostic, Diagnostics, Location};
use serde::Deserialize;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

/// Top-level folders the site's own pages and files use, which no page may take as its slug.
pub const RESERVED_PAGE_SLUGS: &[&str] = &[
    "sectors",
    "series",
    "page",
    "search",
    "search-index",
    "__yanbao",
];

/// Front matter of a standalone page.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PageFront {
    /// Page title.
    pub title: String,
    /// One sentence for `<meta description>`.
    #[serde(default)]
    pub description: Option<String>,
    /// Whether the page is linked from the header navigation.
    #[serde(default)]
    pub nav: bool,
    /// Position in the navigation, smallest first (ties by slug).
    #[serde(default)]
    pub weight: i64,
}

/// One language version of a page, read from disk.
#[derive(Debug, Clone)]
pub struct PageSource {
    /// Path relative to the site root, for messages.
    pub file: PathBuf,
    /// Parsed front matter.
    pub front: PageFront,
    /// Markdown after the front matter.
    pub body: String,
    /// 1-based line in the file where `body` starts.
    pub body_line: usize,
}

/// A standalone page in the languages it exists in.
#[derive(Debug, Clone)]
pub struct Page {
    /// URL slug (the file stem without language).
    pub slug: String,
    /// The page per language key; at least one.
    pub sources: BTreeMap<String, PageSource>,
}

impl Page {
    /// The navigation weight: the smallest any language version gives.
    pub fn weight(&self) -> i64 {
        self.sources
            .values()
            .map(|s| s.front.weight)
            .min()
            .unwrap_or(0)
    }
}

/// Loads `content/pages/`, refusing slugs that another page of the site already takes
/// (`taken`: report slugs) or that the site reserves. Pages come sorted by weight, then slug.
pub fn load_pages(
    root: &Path,
    config: &Config,
    taken: &[&str],
    diags: &mut Diagnostics,
) -> Vec<Page> {
    let rel = Path::new("content/pages");
    let mut by_slug: BTreeMap<String, BTreeMap<String, PageSource>> = BTreeMap::new();
    for entry in sorted_dir(&root.join(rel), rel, diags) {
        if entry.is_dir || !entry.name.ends_with(".md") {
            continue;
        }
        let Some((slug, lang)) = split_file_name(&entry.name)
            .filter(|(_, l)| config.language_keys.iter().any(|k| k == l))
        else {
            diags.push(
                Diagnostic::error(
                    Location::file(&entry.rel),
                    "page file name does not end in a language of this site",
                )
                .with_help(format!(
                    "name it <slug>.<lang>.md with lang one of: {}",
                    config.language_keys.join(", ")
                )),
            );
            continue;
        };
        if let Some(d) = slug_refused(&entry.rel, slug, config, taken) {
            diags.push(d);
            continue;
        }
        let Some(text) = diags.take(crate::fsx::read_text(root, &entry.rel)) else {
            continue;
        };
        let help = "start the file with a `---` line, then `title:` (and optionally `nav: true`, `weight:`, `description:`), then another `---` line";
        match parse_front::<PageFront>(&text, &entry.rel, "page", help) {
            Ok((front, body, body_line)) => {
                by_slug.entry(slug.to_string()).or_default().insert(
                    lang.to_string(),
                    PageSource {
                        file: entry.rel.clone(),
                        front,
                        body,
                        body_line,
                    },
                );
            }
            Err(d) => diags.push(d),
        }
    }
    let mut pages: Vec<Page> = by_slug
        .into_iter()
        .map(|(slug, sources)| Page { slug, sources })
        .collect();
    let files = pages
        .iter()
        .filter_map(|p| Some((p.slug.as_str(), p.sources.values().next()?.file.as_path())));
    for d in case_collisions(files, "pages") {
        diags.push(d);
    }
    pages.sort_by(|a, b| a.weight().cmp(&b.weight()).then(a.slug.cmp(&b.slug)));
    pages
}

/// Why `slug` cannot name a page, if it cannot: not a URL segment, a language prefix, a folder
/// the site reserves, or the folder of a report.
fn slug_refused(file: &Path, slug: &str, config: &Config, taken: &[&str]) -> Option<Diagnostic> {
    if !valid_slug(slug) {
        return Some(slug_problem(file, slug));
    }
    let lower = slug.to_lowercase();
    let (what, names): (&str, Vec<String>) = if config
        .language_keys
        .iter()
        .any(|k| k.to_lowercase() == lower)
    {
        ("a language prefix", config.language_keys.clone())
    } else if RESERVED_PAGE_SLUGS.contains(&lower.as_str()) {
        (
            "a folder of the site's own pages",
            RESERVED_PAGE_SLUGS.iter().map(|s| s.to_string()).collect(),
        )
    } else if taken.iter().any(|t| t.to_lowercase() == lower) {
        (
            "a report's folder",
            taken.iter().map(|s| s.to_string()).collect(),
        )
    } else {
        return None;
    };
    Some(
        Diagnostic::error(
            Location::file(file),
            format!("page slug `{slug}` is already {what}"),
        )
        .with_help(format!(
            "rename the file; these names are taken: {}",
            names.join(", ")
        )),
    )
}
