//! What a page tells search engines, social networks, feed readers and reference managers: the
//! full `<title>`, OpenGraph and Twitter card data, JSON-LD, Google Scholar `citation_*` tags and
//! feed links. Everything is computed from the page context and the report's manifest in one
//! call, [`decorate`], made just before a page is rendered.

use super::paths::Paths;
use super::social;
use crate::content::{Report, Site};
use crate::views::PageContext;
use serde::Serialize;

/// The discovery layer of one page, as templates see it.
#[derive(Debug, Clone, Default, Serialize)]
pub struct DiscoveryView {
    /// `<title>`: the page title with the site name, per the `page_title` interface string.
    pub title: String,
    /// Whether the page has a canonical URL (every page but `404.html`).
    pub canonical: bool,
    /// `og:type`: `article` for chapters, `website` otherwise.
    pub og_type: String,
    /// `og:locale` (`zh_CN`).
    pub og_locale: String,
    /// `og:locale:alternate`, the other languages.
    pub og_locale_alternates: Vec<String>,
    /// The sharing image.
    pub image: ImageView,
    /// Schema.org JSON-LD, escaped for a `<script>` element; empty when the page has none.
    pub json_ld: String,
    /// Google Scholar `citation_*` meta tags (report landing pages only).
    pub citation: Vec<MetaTag>,
    /// Atom feeds, one per language.
    pub feeds: Vec<FeedLink>,
    /// Absolute URL of the page in the default language, for `hreflang="x-default"`.
    pub x_default: String,
    /// "Cite this report", on a report's landing page and its chapters.
    pub cite: Option<super::cite::CiteView>,
    /// URL of the search page in the page's language.
    pub search_href: String,
    /// URL of the search index's folder for the page's language (`docs/search-index.md`).
    pub search_bundle: String,
    /// Whether search engines should leave the page out (the search page).
    pub noindex: bool,
    /// Title of the page's report, which search results show under the page title (read by the
    /// indexer from `<meta name="yanbao:report">`); empty when search is off or the page is in no report.
    pub search_report: String,
}

/// An image for social cards.
#[derive(Debug, Clone, Default, Serialize)]
pub struct ImageView {
    /// Absolute URL.
    pub url: String,
    /// Width in pixels.
    pub width: u32,
    /// Height in pixels.
    pub height: u32,
    /// Alternative text.
    pub alt: String,
}

/// A `<meta name content>` pair.
#[derive(Debug, Clone, Serialize)]
pub struct MetaTag {
    /// `name`.
    pub name: String,
    /// `content`.
    pub content: String,
}

/// A feed for `<link rel=alternate type=application/atom+xml>`.
#[derive(Debug, Clone, Serialize)]
pub struct FeedLink {
    /// Root-relative URL.
    pub href: String,
    /// Feed title, naming its language.
    pub title: String,
}

/// Fills `ctx.discovery` for a page; `report` is the report the page belongs to, if any.
pub fn decorate(site: &Site, report: Option<&Report>, ctx: &mut PageContext) {
    fill_view(site, report, ctx);
    // A report published in some languages only has no page in the others.
    if let Some(r) = report.filter(|r| r.languages.len() < site.config.language_keys.len()) {
        super::standalone::only_languages(site, ctx, |k| r.has_language(k));
    }
}

fn fill_view(site: &Site, report: Option<&Report>, ctx: &mut PageContext) {
    let paths = Paths::new(&site.config);
    let lang = ctx.lang.key.clone();
    let kind = ctx.page.kind.as_str();
    let pattern = site.strings.get(&lang, "page_title");
    let title = if ctx.page.title == ctx.site.title {
        ctx.page.title.clone()
    } else {
        fill(
            pattern,
            &[("page", &ctx.page.title), ("site", &ctx.site.title)],
        )
    };
    let others = site.config.site.languages.iter().filter(|l| l.key != lang);
    let view = DiscoveryView {
        title,
        canonical: kind != "404",
        og_type: if kind == "chapter" {
            "article"
        } else {
            "website"
        }
        .into(),
        og_locale: social::og_locale(&ctx.lang.code),
        og_locale_alternates: others.map(|l| social::og_locale(&l.code)).collect(),
        image: image(site, report, ctx),
        json_ld: report
            .map(|r| social::json_ld(site, r, ctx))
            .unwrap_or_default(),
        citation: match report {
            Some(r) if kind == "landing" => social::scholar_tags(site, r, &lang, ctx),
            _ => Vec::new(),
        },
        feeds: super::feeds::links(site, &lang),
        x_default: ctx
            .page
            .alternates
            .iter()
            .zip(&site.config.site.languages)
            .find(|(_, l)| l.key == site.config.site.default_language)
            .map(|(a, _)| a.absolute.clone())
            .unwrap_or_default(),
        cite: report
            .filter(|_| matches!(kind, "landing" | "home" | "chapter"))
            .map(|r| super::cite::view(site, r, &lang)),
        search_href: if site.config.site.search {
            paths.href(&crate::search::page_path(&paths, &lang))
        } else {
            String::new()
        },
        search_bundle: if site.config.site.search {
            paths.href(&crate::search::bundle_path(&lang))
        } else {
            String::new()
        },
        noindex: kind == "search",
        search_report: report
            .filter(|_| site.config.site.search)
            .map(|r| r.manifest.title.text(&lang).to_string())
            .unwrap_or_default(),
    };
    ctx.discovery = view;
}

/// The sharing image of a page: its report's own card when the build makes PNGs, else the
/// site's card.
pub fn image(site: &Site, report: Option<&Report>, ctx: &PageContext) -> ImageView {
    let paths = Paths::new(&site.config);
    let lang = ctx.lang.key.as_str();
    match report.filter(|_| ctx.png) {
        Some(r) => {
            let m = &r.manifest;
            let alt = fill(
                site.strings.get(lang, "report_card_alt"),
                &[
                    ("title", m.title.text(lang)),
                    ("publisher", site.config.site.publisher.name.text(lang)),
                    ("date", &m.date),
                ],
            );
            ImageView {
                url: paths.absolute(&super::report_card::path(site, r, lang)),
                width: super::report_card::WIDTH,
                height: super::report_card::HEIGHT,
                alt,
            }
        }
        None => ImageView {
            url: paths.absolute(super::card::PATH),
            width: super::card::WIDTH,
            height: super::card::HEIGHT,
            alt: fill(
                site.strings.get(lang, "social_card_alt"),
                &[("site", &ctx.site.title)],
            ),
        },
    }
}

/// Files for the whole site beside its pages: the social card, an Atom feed per language and
/// `robots.txt`; any of them the author put in `static/` is left to that file.
pub fn site_files(site: &Site) -> crate::error::Result<Vec<super::OutputFile>> {
    let mut files = vec![super::card::file()?, super::feeds::robots(site)];
    for lang in &site.config.language_keys {
        files.extend(super::feeds::atom(site, lang));
    }
    files.retain(|f| !site.static_files.contains(&f.path));
    Ok(files)
}

/// Replaces each `{name}` of `pattern` by its value in one pass, so a value that itself contains
/// `{site}` is left alone; unknown placeholders stay as written.
pub fn fill(pattern: &str, values: &[(&str, &str)]) -> String {
    let mut out = String::with_capacity(pattern.len() + 64);
    let mut rest = pattern;
    while let Some(open) = rest.find('{') {
        out.push_str(&rest[..open]);
        let after = &rest[open + 1..];
        let found = after.find('}').and_then(|close| {
            let name = &after[..close];
            values
                .iter()
                .find(|(n, _)| *n == name)
                .map(|(_, v)| (close, *v))
        });
        match found {
            Some((close, v)) => {
                out.push_str(v);
                rest = &after[close + 1..];
            }
            None => {
                out.push('{');
                rest = after;
            }
        }
    }
    out.push_str(rest);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fill_replaces_known_names_once() {
        assert_eq!(
            fill("{page} — {site}", &[("page", "A {site}"), ("site", "S")]),
            "A {site} — S"
        );
        assert_eq!(fill("{x} {", &[("page", "p")]), "{x} {");
    }
}
