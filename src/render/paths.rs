//! Where each page lives: site paths (unencoded, `/`-separated, relative to the base URL) for every
//! page kind and language, and the resolution of links written in Markdown.

use crate::config::Config;
use crate::content::Site;
use std::collections::HashSet;

/// Page kinds of a report besides its chapters.
pub const REPORT_PAGES: &[&str] = &["analysts", "related", "disclosures"];

/// Computes site paths for one site.
#[derive(Clone, Copy)]
pub struct Paths<'a> {
    config: &'a Config,
}

impl<'a> Paths<'a> {
    /// Paths for `config`.
    pub fn new(config: &'a Config) -> Self {
        Paths { config }
    }

    /// `""` for the default language, `en/` for the others.
    pub fn prefix(&self, lang: &str) -> String {
        if self.config.is_default(lang) {
            String::new()
        } else {
            format!("{lang}/")
        }
    }

    /// Home page.
    pub fn home(&self, lang: &str) -> String {
        self.prefix(lang)
    }

    /// A report's landing page.
    pub fn report(&self, lang: &str, report: &str) -> String {
        format!("{}{report}/", self.prefix(lang))
    }

    /// A chapter, or one of [`REPORT_PAGES`], of a report.
    pub fn sub(&self, lang: &str, report: &str, page: &str) -> String {
        format!("{}{page}/", self.report(lang, report))
    }

    /// A chart's downloadable file (`svg` or `csv`).
    pub fn chart_file(&self, lang: &str, report: &str, id: &str, ext: &str) -> String {
        format!("{}charts/{id}.{ext}", self.report(lang, report))
    }

    /// Root-relative URL of a site path.
    pub fn href(&self, site_path: &str) -> String {
        self.config.base.href(site_path)
    }

    /// Absolute URL of a site path.
    pub fn absolute(&self, site_path: &str) -> String {
        self.config.base.absolute(site_path)
    }
}

/// Where a Markdown link points, once resolved.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum LinkTarget {
    /// A chapter page, with an optional heading id.
    Chapter {
        /// Report slug.
        report: String,
        /// Chapter slug.
        chapter: String,
        /// Language key.
        lang: String,
        /// Fragment, if any.
        fragment: Option<String>,
    },
    /// A site path (starting after the base path), with an optional fragment.
    SitePath {
        /// The path.
        path: String,
        /// Fragment, if any.
        fragment: Option<String>,
    },
}

/// The chapters of a site by report and chapter slug, built once so that resolving a link is a
/// hash lookup rather than a search through every report.
pub struct ChapterIndex<'s> {
    site: &'s Site,
    chapters: HashSet<(&'s str, &'s str)>,
}

impl<'s> ChapterIndex<'s> {
    /// Indexes the chapters of `site`.
    pub fn new(site: &'s Site) -> Self {
        let chapters = site
            .reports
            .iter()
            .flat_map(|r| {
                r.chapters
                    .iter()
                    .map(|c| (r.slug.as_str(), c.slug.as_str()))
            })
            .collect();
        ChapterIndex { site, chapters }
    }

    /// Whether `report` has a chapter `chapter`.
    pub fn contains(&self, report: &str, chapter: &str) -> bool {
        self.chapters.contains(&(report, chapter))
    }
}

/// Resolves `dest`, written in the chapter file `chapters/<file>` of `report` in `lang`.
pub fn resolve_link(
    index: &ChapterIndex,
    report: &str,
    lang: &str,
    dest: &str,
) -> Result<LinkTarget, String> {
    let (path, fragment) = match dest.split_once('#') {
        Some((p, f)) => (p, Some(f.to_string())),
        None => (dest, None),
    };
    if let Some(abs) = path.strip_prefix('/') {
        if abs.split('/').any(|s| s == "..") {
            return Err(format!("link `{dest}` leaves the site"));
        }
        return Ok(LinkTarget::SitePath {
            path: abs.to_string(),
            fragment,
        });
    }
    if !path.ends_with(".md") {
        return Err(format!(
            "link `{dest}` is neither a chapter file (.md) nor a site path starting with `/`"
        ));
    }
    let mut parts: Vec<&str> = vec!["reports", report, "chapters"];
    for seg in path.split('/') {
        match seg {
            "" | "." => {}
            ".." => {
                if parts.pop().is_none() {
                    return Err(format!("link `{dest}` leaves the content folder"));
                }
            }
            s => parts.push(s),
        }
    }
    let [root, target_report, chapters, file] = parts.as_slice() else {
        return Err(format!("link `{dest}` does not point at a chapter file"));
    };
    if *root != "reports" || *chapters != "chapters" {
        return Err(format!("link `{dest}` does not point at a chapter file"));
    }
    let stem = file.strip_suffix(".md").unwrap_or(file);
    let (slug, link_lang) = match stem.rsplit_once('.') {
        Some((s, l)) if index.site.config.language_keys.iter().any(|k| k == l) => (s, l),
        _ => (stem, lang),
    };
    if !index.contains(target_report, slug) {
        return Err(format!(
            "link `{dest}`: there is no chapter `{slug}` in report `{target_report}`"
        ));
    }
    Ok(LinkTarget::Chapter {
        report: target_report.to_string(),
        chapter: slug.to_string(),
        lang: link_lang.to_string(),
        fragment,
    })
}
