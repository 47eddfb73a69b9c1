//! The library: the home page of a site with many reports, newest first, with a page per sector
//! and per series (static pages, like Zola's taxonomies, so narrowing needs no JavaScript), each
//! paginated past `library.per_page` reports.

use super::pages::{context, page_file};
use super::paths::Paths;
use super::{OutputFile, RenderOptions};
use crate::content::{Report, Site};
use crate::error::Result;
use crate::localized::Localized;
use crate::templates::Templates;
use crate::views::{FacetLink, LibraryView, ReportCard};
use std::collections::BTreeMap;

/// Folders of the library's own pages, which no report may take as its slug.
pub const LIBRARY_FOLDERS: [&str; 3] = ["sectors", "series", "page"];

/// A sector or series: its slug, its name per report language, and its reports (indices).
struct Facet<'a> {
    name: &'a Localized,
    reports: Vec<usize>,
}

/// The URL slug of a sector or series: the first of the site's languages whose name gives a
/// non-empty ASCII slug (`Internet` → `internet`), else the default language's name as written.
pub fn facet_slug(name: &Localized, langs: &[String]) -> String {
    langs
        .iter()
        .map(|l| ascii_slug(name.text(l)))
        .find(|s| !s.is_empty())
        .unwrap_or_else(|| {
            // Chinese names stay Chinese (percent-encoded in URLs); separators become hyphens.
            let kept: String = name
                .text(&langs[0])
                .chars()
                .map(|c| if c.is_alphanumeric() { c } else { '-' })
                .collect();
            kept.split('-')
                .filter(|p| !p.is_empty())
                .collect::<Vec<_>>()
                .join("-")
        })
}

/// A sector or series name in `lang`, or (named only by reports in other languages) in the
/// first site language that names it.
fn facet_text(name: &Localized, lang: &str, langs: &[String]) -> String {
    std::iter::once(lang)
        .chain(langs.iter().map(String::as_str))
        .map(|l| name.text(l))
        .find(|t| !t.is_empty())
        .unwrap_or_default()
        .to_string()
}

fn ascii_slug(text: &str) -> String {
    let mut out = String::new();
    for c in text.chars() {
        if c.is_ascii_alphanumeric() {
            out.push(c.to_ascii_lowercase());
        } else if !out.is_empty() && !out.ends_with('-') {
            out.push('-');
        } else if !c.is_ascii() {
            return String::new(); // a name that is not all ASCII keeps its own words
        }
    }
    out.trim_end_matches('-').to_string()
}

fn facets<'a>(
    site: &'a Site,
    of: impl Fn(&'a Report) -> Option<&'a Localized>,
) -> BTreeMap<String, Facet<'a>> {
    let mut out: BTreeMap<String, Facet> = BTreeMap::new();
    for (i, r) in site.reports.iter().enumerate() {
        if let Some(name) = of(r) {
            let slug = facet_slug(name, &site.config.language_keys);
            out.entry(slug)
                .or_insert(Facet {
                    name,
                    reports: Vec::new(),
                })
                .reports
                .push(i);
        }
    }
    out
}

/// Every library page in `lang`: the whole library and each sector and series, paginated.
pub fn pages(
    site: &Site,
    lang: &str,
    templates: &Templates,
    opts: &RenderOptions,
) -> Result<Vec<OutputFile>> {
    let paths = Paths::new(&site.config);
    let sectors = facets(site, |r| Some(&r.manifest.sector));
    let series = facets(site, |r| r.manifest.series.as_ref());
    let cards: Vec<ReportCard> = site
        .reports
        .iter()
        .map(|r| card(site, r, lang, &paths))
        .collect();
    let links =
        |kind: &str, all: &BTreeMap<String, Facet>, current: Option<&str>| -> Vec<FacetLink> {
            all.iter()
                .map(|(slug, f)| FacetLink {
                    name: facet_text(f.name, lang, &site.config.language_keys),
                    href: paths.href(&format!("{}{kind}/{slug}/", paths.prefix(lang))),
                    count: f.reports.len(),
                    current: Some(slug.as_str()) == current,
                })
                .collect()
        };
    let mut lists: Vec<(String, String, &str, Vec<usize>, LibraryView)> = vec![(
        paths.home(lang),
        site.config.site.title.text(lang).to_string(),
        "",
        (0..site.reports.len()).collect(),
        LibraryView {
            sectors: links("sectors", &sectors, None),
            series: links("series", &series, None),
            ..LibraryView::default()
        },
    )];
    for (kind, all) in [("sectors", &sectors), ("series", &series)] {
        for (slug, f) in all.iter() {
            lists.push((
                format!("{}{kind}/{slug}/", paths.prefix(lang)),
                facet_text(f.name, lang, &site.config.language_keys),
                if kind == "sectors" {
                    "sector"
                } else {
                    "series"
                },
                f.reports.clone(),
                LibraryView {
                    sectors: links("sectors", &sectors, (kind == "sectors").then_some(slug)),
                    series: links("series", &series, (kind == "series").then_some(slug)),
                    ..LibraryView::default()
                },
            ));
        }
    }
    let mut files = Vec::new();
    for (base, heading, facet, members, view) in lists {
        let view = LibraryView {
            heading,
            facet: facet.to_string(),
            ..view
        };
        files.extend(paginate(
            site, lang, templates, opts, &paths, &base, &members, &cards, view,
        )?);
    }
    Ok(files)
}

/// The pages of one list: `base` for the first, `base/page/N/` for the others.
#[allow(clippy::too_many_arguments)]
fn paginate(
    site: &Site,
    lang: &str,
    templates: &Templates,
    opts: &RenderOptions,
    paths: &Paths,
    base: &str,
    members: &[usize],
    cards: &[ReportCard],
    view: LibraryView,
) -> Result<Vec<OutputFile>> {
    let per = site.config.site.library.per_page.max(1);
    let pages = members.len().div_ceil(per).max(1);
    let at = |n: usize| {
        if n == 1 {
            base.to_string()
        } else {
            format!("{base}page/{n}/")
        }
    };
    let mut out = Vec::new();
    for n in 1..=pages {
        let listed = members.iter().skip((n - 1) * per).take(per);
        let title = if view.facet.is_empty() {
            view.heading.clone()
        } else {
            format!("{} · {}", view.heading, site.config.site.title.text(lang))
        };
        let desc = site
            .config
            .site
            .description
            .as_ref()
            .map(|d| d.text(lang).to_string())
            .unwrap_or_default();
        // The same list in another language lives at the same place under that language's prefix.
        let here = at(n);
        let neutral = here
            .strip_prefix(&paths.prefix(lang))
            .unwrap_or(&here)
            .to_string();
        let mut ctx = context(
            site,
            lang,
            "home",
            title,
            desc,
            &|l| format!("{}{neutral}", paths.prefix(l)),
            opts,
        );
        ctx.reports = listed.map(|&i| cards[i].clone()).collect();
        super::discovery::decorate(site, None, &mut ctx);
        ctx.library = Some(LibraryView {
            page: n,
            pages,
            prev_href: if n > 1 {
                paths.href(&at(n - 1))
            } else {
                String::new()
            },
            next_href: if n < pages {
                paths.href(&at(n + 1))
            } else {
                String::new()
            },
            ..view.clone()
        });
        out.push(page_file(&here, templates.render("home.html", &ctx)?));
    }
    Ok(out)
}

/// A report as the library lists it.
pub fn card(site: &Site, r: &Report, lang: &str, paths: &Paths) -> ReportCard {
    let m = &r.manifest;
    // A report not published in `lang` is listed in a language it has, and says so.
    let shown = r.shown_in(lang, &site.config.site.default_language);
    let (lang_code, available_in) = if shown == lang {
        (String::new(), String::new())
    } else {
        let l = site.config.language(shown);
        let note = site
            .strings
            .get(lang, "available_in")
            .replace("{language}", &l.name);
        (l.code.clone(), note)
    };
    let text = |l: &Option<Localized>| {
        l.as_ref()
            .map(|x| x.text(shown).to_string())
            .unwrap_or_default()
    };
    // Sectors and series name the library's own pages: in the page's language when named in it.
    let facet_name = |x: &Localized| {
        Some(x.text(lang))
            .filter(|t| !t.is_empty())
            .unwrap_or(x.text(shown))
            .to_string()
    };
    let facet_href = |kind: &str, name: &Localized| {
        let slug = facet_slug(name, &site.config.language_keys);
        paths.href(&format!("{}{kind}/{slug}/", paths.prefix(lang)))
    };
    ReportCard {
        title: m.title.text(shown).to_string(),
        subtitle: text(&m.subtitle),
        date: m.date.clone(),
        sector: facet_name(&m.sector),
        sector_href: facet_href("sectors", &m.sector),
        series: m.series.as_ref().map(facet_name).unwrap_or_default(),
        series_href: m
            .series
            .as_ref()
            .map(|s| facet_href("series", s))
            .unwrap_or_default(),
        rating: text(&m.rating),
        authors: m
            .analysts
            .iter()
            .map(|a| a.name.text(shown).to_string())
            .collect(),
        summary: m.summary.text(shown).to_string(),
        href: paths.href(&paths.report(shown, &r.slug)),
        lang_code,
        available_in,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn facet_slugs_prefer_an_ascii_name() {
        let langs = vec!["zh".to_string(), "en".to_string()];
        let both = Localized::PerLanguage(
            [
                ("zh".into(), "互联网".into()),
                ("en".into(), "Internet & Media".into()),
            ]
            .into(),
        );
        assert_eq!(facet_slug(&both, &langs), "internet-media");
        let zh_only = Localized::Same("行业趋势".into());
        assert_eq!(facet_slug(&zh_only, &langs), "行业趋势");
        let odd = Localized::Same("科技/互联网 ".into());
        assert_eq!(facet_slug(&odd, &langs), "科技-互联网");
    }
}
