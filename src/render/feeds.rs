//! Files for crawlers and feed readers: an Atom feed of reports per language, `robots.txt`
//! naming the sitemap, and `sitemap.xml` listing every canonical page with its language
//! alternates (an `x-default` among them) and the date of the report it belongs to.

use super::discovery::FeedLink;
use super::paths::Paths;
use super::OutputFile;
use crate::content::{Report, Site};
use crate::escape::html as esc;
use std::collections::HashMap;

/// Site path of the feed in `lang`.
pub fn feed_path(paths: &Paths, lang: &str) -> String {
    format!("{}feed.xml", paths.prefix(lang))
}

/// The feeds to link from a page in `lang`, its own language first.
pub fn links(site: &Site, lang: &str) -> Vec<FeedLink> {
    if site.reports.is_empty() {
        return Vec::new();
    }
    let paths = Paths::new(&site.config);
    let mut langs: Vec<_> = site.config.site.languages.iter().collect();
    langs.sort_by_key(|l| l.key != lang);
    langs
        .into_iter()
        .map(|l| FeedLink {
            href: paths.href(&feed_path(&paths, &l.key)),
            title: format!(
                "{} ({})",
                site.config.site.title.text(&l.key),
                site.strings.get(&l.key, "feed")
            ),
        })
        .collect()
}

/// An Atom timestamp for an ISO date (validated as `YYYY-MM-DD` when the manifest loaded).
fn stamp(date: &str) -> String {
    format!("{date}T00:00:00Z")
}

/// The Atom feed of every report in `lang`, newest first; `None` for a site without reports.
pub fn atom(site: &Site, lang: &str) -> Option<OutputFile> {
    let newest = site.reports.iter().map(|r| &r.manifest.date).max()?;
    let paths = Paths::new(&site.config);
    let cfg = &site.config.site;
    let self_url = paths.absolute(&feed_path(&paths, lang));
    let mut xml = format!(
        "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<feed xmlns=\"http://www.w3.org/2005/Atom\" xml:lang=\"{}\">\n  <title>{}</title>\n",
        esc(&site.config.language(lang).code),
        esc(cfg.title.text(lang))
    );
    if let Some(d) = &cfg.description {
        xml.push_str(&format!("  <subtitle>{}</subtitle>\n", esc(d.text(lang))));
    }
    xml.push_str(&format!(
        "  <id>{0}</id>\n  <link rel=\"self\" type=\"application/atom+xml\" href=\"{0}\"/>\n  <link rel=\"alternate\" type=\"text/html\" href=\"{1}\"/>\n  <updated>{2}</updated>\n  <author><name>{3}</name></author>\n",
        esc(&self_url),
        esc(&paths.absolute(&paths.home(lang))),
        stamp(newest),
        esc(cfg.publisher.name.text(lang))
    ));
    let mut reports: Vec<&Report> = site.reports.iter().collect();
    reports.sort_by(|a, b| b.manifest.date.cmp(&a.manifest.date));
    // A feed in one language lists the reports published in it.
    for r in reports.into_iter().filter(|r| r.has_language(lang)) {
        xml.push_str(&entry(site, r, lang));
    }
    xml.push_str("</feed>\n");
    Some(OutputFile {
        path: feed_path(&paths, lang),
        bytes: xml.into_bytes(),
    })
}

fn entry(site: &Site, report: &Report, lang: &str) -> String {
    let paths = Paths::new(&site.config);
    let m = &report.manifest;
    let url = esc(&paths.absolute(&paths.report(lang, &report.slug))).into_owned();
    let authors: String = m
        .analysts
        .iter()
        .map(|a| {
            format!(
                "    <author><name>{}</name></author>\n",
                esc(a.name.text(lang))
            )
        })
        .collect();
    format!(
        "  <entry>\n    <title>{}</title>\n    <id>{url}</id>\n    <link rel=\"alternate\" type=\"text/html\" href=\"{url}\"/>\n    <published>{2}</published>\n    <updated>{2}</updated>\n{authors}    <summary>{}</summary>\n  </entry>\n",
        esc(m.title.text(lang)),
        esc(m.summary.text(lang)),
        stamp(&m.date),
    )
}

/// `robots.txt` allowing everything and naming the sitemap.
pub fn robots(site: &Site) -> OutputFile {
    let paths = Paths::new(&site.config);
    OutputFile {
        path: "robots.txt".into(),
        bytes: format!(
            "User-agent: *\nAllow: /\n\nSitemap: {}\n",
            paths.absolute("sitemap.xml")
        )
        .into_bytes(),
    }
}

/// The report a page at `dir` belongs to, if any.
fn report_of<'a>(reports: &ReportDirs<'a>, dir: &str) -> Option<&'a Report> {
    reports.prefixes.iter().find_map(|prefix| {
        let rest = dir.strip_prefix(prefix.as_str())?;
        let (slug, _) = rest.split_once('/')?;
        reports.by_slug.get(slug).copied()
    })
}

/// The reports by slug, and the language prefixes their folders sit under (in language order),
/// so that a page's report is found with one lookup per language, whatever the site's size.
struct ReportDirs<'a> {
    prefixes: Vec<String>,
    by_slug: HashMap<&'a str, &'a Report>,
}

impl<'a> ReportDirs<'a> {
    fn new(site: &'a Site, paths: &Paths) -> Self {
        ReportDirs {
            prefixes: site
                .config
                .language_keys
                .iter()
                .map(|l| paths.prefix(l))
                .collect(),
            by_slug: site.reports.iter().map(|r| (r.slug.as_str(), r)).collect(),
        }
    }
}

/// Site path of the sitemap.
pub const SITEMAP: &str = "sitemap.xml";

/// `sitemap.xml`: every page whose canonical URL is its own, with `hreflang` alternates, an
/// `x-default` (the default language) and `lastmod` (its report's date, or the newest report's
/// for a home page). With one report, the home pages are copies whose canonical is the report's
/// landing page, so they are left out.
pub fn sitemap(site: &Site, files: &[String]) -> OutputFile {
    let paths = Paths::new(&site.config);
    let langs = &site.config.site.languages;
    let newest = site.reports.iter().map(|r| r.manifest.date.as_str()).max();
    let built: std::collections::HashSet<&str> = files.iter().map(String::as_str).collect();
    let reports = ReportDirs::new(site, &paths);
    let mut xml = String::from("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\" xmlns:xhtml=\"http://www.w3.org/1999/xhtml\">\n");
    for f in files {
        let Some(dir) = f.strip_suffix("index.html") else {
            continue;
        };
        let is_home = langs.iter().any(|l| paths.home(&l.key) == dir);
        let is_search = langs
            .iter()
            .any(|l| crate::search::page_path(&paths, &l.key) == dir);
        if is_search || is_home && site.reports.len() == 1 {
            continue;
        }
        let neutral = langs
            .iter()
            .map(|l| paths.prefix(&l.key))
            .find(|p| !p.is_empty() && dir.starts_with(p.as_str()))
            .map_or(dir, |p| &dir[p.len()..]);
        xml.push_str(&format!(
            "  <url>\n    <loc>{}</loc>\n",
            esc(&paths.absolute(dir))
        ));
        let lastmod = report_of(&reports, dir)
            .map(|r| r.manifest.date.as_str())
            .or(newest.filter(|_| is_home));
        if let Some(d) = lastmod {
            xml.push_str(&format!("    <lastmod>{}</lastmod>\n", esc(d)));
        }
        let default = site.config.site.default_language.as_str();
        let alternates = langs
            .iter()
            .map(|l| (l.code.as_str(), l.key.as_str()))
            .chain([("x-default", default)]);
        // A page that exists in some languages only (a standalone page, a report published in
        // one language) names only the versions that exist.
        let exists = |key: &str| {
            built.contains(format!("{}{neutral}index.html", paths.prefix(key)).as_str())
        };
        let twins = langs.iter().filter(|l| exists(&l.key)).count();
        for (code, key) in alternates.filter(|(_, k)| twins > 1 && exists(k)) {
            let href = paths.absolute(&format!("{}{neutral}", paths.prefix(key)));
            xml.push_str(&format!(
                "    <xhtml:link rel=\"alternate\" hreflang=\"{}\" href=\"{}\"/>\n",
                esc(code),
                esc(&href)
            ));
        }
        xml.push_str("  </url>\n");
    }
    xml.push_str("</urlset>\n");
    OutputFile {
        path: SITEMAP.into(),
        bytes: xml.into_bytes(),
    }
}
