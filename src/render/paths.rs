//! Where each page lives: site paths (unencoded, `/`-separated, relative to the base URL) for every
//! page kind and language, and the resolution of links written in Markdown.

use crate::config::Config;
use crate::content::{Report, Site};
use std::collections::{HashMap, HashSet};

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

    /// A file beside a report's chapters (`key` relative to `chapters/`): published once per
    /// report, outside the language prefixes, so every language's pages link to the same copy.
    pub fn attachment(&self, report: &str, key: &str) -> String {
        format!("{report}/files/{key}")
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
    /// A file beside the chapters of a report, by its path relative to `chapters/`.
    File {
        /// Report slug.
        report: String,
        /// Path relative to the report's `chapters/` folder.
        key: String,
        /// Fragment, if any (such as `page=2` for a PDF).
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
    reports: HashMap<&'s str, &'s Report>,
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
        let reports = site.reports.iter().map(|r| (r.slug.as_str(), r)).collect();
        ChapterIndex {
            site,
            chapters,
            reports,
        }
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
        let Some(r) = index.reports.get(report) else {
            return Err(format!("link `{dest}`: unknown report `{report}`"));
        };
        return Ok(LinkTarget::File {
            report: r.slug.clone(),
            key: colocated(r, path).map_err(|e| format!("link `{dest}`: {e}"))?,
            fragment,
        });
    }
    // `市场%20展望.zh.md` names the file `市场 展望.zh.md`, as for files beside the chapters.
    let decoded = percent_encoding::percent_decode_str(path).decode_utf8_lossy();
    let mut parts: Vec<&str> = vec!["reports", report, "chapters"];
    for seg in decoded.split('/') {
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

/// The key (path relative to `chapters/`) of the co-located file that `path`, written in a chapter
/// of `report`, names; or why there is none. `%`-escapes are decoded, as a browser would.
pub fn colocated(report: &Report, path: &str) -> Result<String, String> {
    let decoded = percent_encoding::percent_decode_str(path).decode_utf8_lossy();
    let mut parts: Vec<&str> = Vec::new();
    for seg in decoded.split('/') {
        match seg {
            "" | "." => {}
            ".." => {
                if parts.pop().is_none() {
                    return Err(format!(
                        "`{path}` leaves the report's chapters/ folder; files a chapter shows or links to must be inside {}/chapters/",
                        report.dir.display()
                    ));
                }
            }
            s => parts.push(s),
        }
    }
    let key = parts.join("/");
    if report.files.contains_key(&key) {
        return Ok(key);
    }
    let best = report
        .files
        .keys()
        .map(|k| (strsim::jaro_winkler(&key, k), k))
        .filter(|(s, _)| *s > 0.7)
        .max_by(|a, b| a.0.total_cmp(&b.0));
    let hint = match best {
        Some((_, k)) => format!("; did you mean `{k}`?"),
        None if report.files.is_empty() => "; there are no files beside the chapters".into(),
        None => String::new(),
    };
    Err(format!(
        "no file `{key}` in {}/chapters/{hint}",
        report.dir.display()
    ))
}
