//! Site + templates → output files. Pure: nothing here touches the disk.
//!
//! Chapters are rendered in two passes: Markdown first (collecting embeds, heading ids and links),
//! then figures are numbered per report and language, spliced in, and pages are rendered.

mod chapters;
mod figures;
mod pages;
pub mod paths;

use crate::content::Site;
use crate::error::{Diagnostic, Diagnostics, Location, Result};
use crate::templates::Templates;
use paths::Paths;
use std::collections::BTreeSet;

/// One file of the built site.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OutputFile {
    /// Site path, `/`-separated, relative to the output folder (`en/aigc-2024/index.html`).
    pub path: String,
    /// Contents.
    pub bytes: Vec<u8>,
}

/// How to render.
#[derive(Debug, Clone, Default)]
pub struct RenderOptions {
    /// Inject the live-reload script (serve mode only).
    pub live_reload: bool,
}

/// The rendered site.
#[derive(Debug, Clone, Default)]
pub struct RenderedSite {
    /// Every generated file, sorted by path.
    pub files: Vec<OutputFile>,
    /// Number of HTML pages.
    pub pages: usize,
    /// Number of charts (per language).
    pub charts: usize,
    /// Problems that did not stop the build.
    pub warnings: Vec<Diagnostic>,
}

/// Renders the whole site.
pub fn site(site: &Site, templates: &Templates, opts: &RenderOptions) -> Result<RenderedSite> {
    let paths = Paths::new(&site.config);
    let mut diags = Diagnostics::default();
    let mut out = RenderedSite::default();
    let mut site_links = Vec::new();
    let index = paths::ChapterIndex::new(site);
    for report in &site.reports {
        for lang in &site.config.language_keys {
            let drafts = chapters::draft(site, &index, report, lang, &mut diags);
            let figs = figures::number(site, report, lang, &drafts, templates, &mut diags);
            let Some(figs) = figs else { continue };
            out.charts += figs.files.len() / 2;
            out.files.extend(figs.files.iter().cloned());
            let bodies = chapters::finish(&drafts, &figs, site, report, lang, &mut diags);
            site_links.extend(chapters::site_links(&drafts).map(|(p, l)| (p.to_string(), l)));
            let rendered = pages::report_pages(site, report, lang, &bodies, &figs, templates, opts);
            if let Some(files) = diags.take(rendered) {
                out.files.extend(files);
            }
        }
    }
    for lang in &site.config.language_keys {
        if site.reports.len() > 1 {
            if let Some(f) = diags.take(pages::home(site, lang, templates, opts)) {
                out.files.push(f);
            }
        }
    }
    if let Some(f) = diags.take(pages::not_found(site, templates, opts)) {
        out.files.push(f);
    }
    check_site_links(&out.files, &site_links, &site.static_files, &mut diags);
    out.warnings = diags.finish()?;
    out.files.push(sitemap(site, &out.files, &paths));
    out.files.sort_by(|a, b| a.path.cmp(&b.path));
    out.pages = out
        .files
        .iter()
        .filter(|f| f.path.ends_with(".html"))
        .count();
    Ok(out)
}

/// Checks that links to site paths written in chapters lead to a generated page or a static file.
fn check_site_links(
    files: &[OutputFile],
    links: &[(String, Location)],
    static_files: &BTreeSet<String>,
    diags: &mut Diagnostics,
) {
    let known: BTreeSet<&str> = files.iter().map(|f| f.path.as_str()).collect();
    for (path, loc) in links {
        let page = format!(
            "{}index.html",
            if path.is_empty() || path.ends_with('/') {
                path.clone()
            } else {
                format!("{path}/")
            }
        );
        if !known.contains(path.as_str())
            && !known.contains(page.as_str())
            && !static_files.contains(path)
        {
            diags.push(Diagnostic::error(loc.clone(), format!("link to `/{path}`: no page or static file has that path"))
                .with_help("check the spelling; site paths look like /aigc-2024/related/ (without the base URL)"));
        }
    }
}

/// `sitemap.xml` listing every page in every language, each with its `hreflang` alternates.
fn sitemap(site: &Site, files: &[OutputFile], paths: &Paths) -> OutputFile {
    let langs = &site.config.site.languages;
    let mut xml = String::from("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\" xmlns:xhtml=\"http://www.w3.org/1999/xhtml\">\n");
    for f in files {
        let Some(dir) = f.path.strip_suffix("index.html") else {
            continue;
        };
        let neutral = langs
            .iter()
            .map(|l| paths.prefix(&l.key))
            .find(|p| !p.is_empty() && dir.starts_with(p.as_str()))
            .map_or(dir, |p| &dir[p.len()..]);
        xml.push_str(&format!(
            "  <url>\n    <loc>{}</loc>\n",
            escape_xml(&paths.absolute(dir))
        ));
        for l in langs.iter().filter(|_| langs.len() > 1) {
            let href = paths.absolute(&format!("{}{neutral}", paths.prefix(&l.key)));
            xml.push_str(&format!(
                "    <xhtml:link rel=\"alternate\" hreflang=\"{}\" href=\"{}\"/>\n",
                escape_xml(&l.code),
                escape_xml(&href)
            ));
        }
        xml.push_str("  </url>\n");
    }
    xml.push_str("</urlset>\n");
    OutputFile {
        path: "sitemap.xml".into(),
        bytes: xml.into_bytes(),
    }
}

fn escape_xml(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
}
