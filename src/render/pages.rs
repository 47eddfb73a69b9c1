//! Page contexts and page rendering: home, report landing, chapters, analysts, related research,
//! disclosures and 404.

use super::chapters::Body;
use super::figures::{element_id, Figures};
use super::memo::{KeptPage, Reuse};
use super::paths::Paths;
use super::{OutputFile, RenderOptions};
use crate::content::{Report, Site};
use crate::error::Result;
use crate::localized::Localized;
use crate::markdown::{headings::slugify, render_snippet};
use crate::templates::Templates;
use crate::views::*;

/// Builds the context shared by every page; `path_in` gives this page's site path per language.
pub(super) fn context(
    site: &Site,
    lang: &str,
    kind: &str,
    title: String,
    description: String,
    path_in: &dyn Fn(&str) -> String,
    opts: &RenderOptions,
) -> PageContext {
    let mut ctx = context_without_strings(site, lang, kind, title, description, path_in, opts);
    ctx.t = site.strings.for_lang(lang);
    ctx
}

/// [`context`] with no interface strings, for pages rendered with them prepared once.
pub(super) fn context_without_strings(
    site: &Site,
    lang: &str,
    kind: &str,
    title: String,
    description: String,
    path_in: &dyn Fn(&str) -> String,
    opts: &RenderOptions,
) -> PageContext {
    let paths = Paths::new(&site.config);
    let cfg = &site.config.site;
    let l = site.config.language(lang);
    let alternates = cfg
        .languages
        .iter()
        .map(|other| Alternate {
            code: other.code.clone(),
            name: other.name.clone(),
            href: paths.href(&path_in(&other.key)),
            absolute: paths.absolute(&path_in(&other.key)),
            current: other.key == lang,
        })
        .collect();
    let text = |l10n: &Option<Localized>| {
        l10n.as_ref()
            .map(|x| x.text(lang).to_string())
            .unwrap_or_default()
    };
    PageContext {
        lang: LangView {
            key: l.key.clone(),
            code: l.code.clone(),
            name: l.name.clone(),
        },
        site: SiteView {
            title: cfg.title.text(lang).to_string(),
            description: text(&cfg.description),
            publisher: cfg.publisher.name.text(lang).to_string(),
            publisher_address: text(&cfg.publisher.address),
            publisher_website: cfg
                .publisher
                .website
                .as_ref()
                .map(|u| u.as_str().to_string())
                .unwrap_or_default(),
            home_href: paths.href(&paths.home(lang)),
            base_path: site.config.base.path().to_string(),
            nav: cfg
                .nav
                .iter()
                .map(|n| Link {
                    title: n.title.text(lang).to_string(),
                    href: nav_href(&paths, n.url.as_str()),
                })
                .chain(super::standalone::nav(site, lang, &paths))
                .collect(),
        },
        t: Default::default(),
        page: PageMeta {
            kind: kind.to_string(),
            title,
            description,
            href: paths.href(&path_in(lang)),
            canonical: paths.absolute(&path_in(lang)),
            alternates,
        },
        report: None,
        chapter: None,
        reports: Vec::new(),
        library: None,
        standalone: None,
        live_reload: opts.live_reload,
        png: opts.raster.is_some(),
        discovery: Default::default(),
    }
}

fn nav_href(paths: &Paths, url: &str) -> String {
    match url.strip_prefix('/') {
        Some(p) => paths.href(p),
        None => url.to_string(),
    }
}

pub(super) fn page_file(site_path: &str, html: String) -> OutputFile {
    OutputFile {
        path: format!("{site_path}index.html"),
        bytes: html.into_bytes(),
    }
}

/// A page of a report: made now, or the last build's, which would come out the same.
pub(super) enum Page {
    Made(OutputFile),
    Kept(KeptPage),
}

/// Every page of one report in one language, given its view ([`report_view`]); `reuse` says
/// which the last build already made.
#[allow(clippy::too_many_arguments)]
pub(super) fn report_pages(
    site: &Site,
    report: &Report,
    lang: &str,
    view: &ReportView,
    bodies: &[Body],
    templates: &Templates,
    opts: &RenderOptions,
    reuse: &Reuse,
    out: &mut dyn FnMut(Page),
) -> Result<()> {
    let paths = Paths::new(&site.config);
    // Report pages are made all at once or not at all: they share one context. Chapter pages
    // go to `out` one by one as they are made: held until the last, the pages of a report of
    // 1,000 chapters were ≈30 MB.
    let report_paths: Vec<String> = std::iter::once(paths.home(lang))
        .filter(|_| !site.library_home())
        .chain([paths.report(lang, &report.slug)])
        .chain(
            super::paths::REPORT_PAGES
                .iter()
                .map(|kind| paths.sub(lang, &report.slug, kind)),
        )
        .map(|p| format!("{p}index.html"))
        .collect();
    let kept: Option<Vec<KeptPage>> = report_paths.iter().map(|p| reuse.page(p, None)).collect();
    match kept {
        Some(kept) => kept.into_iter().map(Page::Kept).for_each(&mut *out),
        None => report_own_pages(site, report, lang, view, templates, opts)?
            .into_iter()
            .map(Page::Made)
            .for_each(&mut *out),
    }
    super::chapter_pages::render(
        site, report, lang, view, bodies, templates, opts, reuse, out,
    )
}

/// The landing page (and the home page of a one-report site) and the other pages of a report
/// that are not chapters.
fn report_own_pages(
    site: &Site,
    report: &Report,
    lang: &str,
    view: &ReportView,
    templates: &Templates,
    opts: &RenderOptions,
) -> Result<Vec<OutputFile>> {
    let paths = Paths::new(&site.config);
    let bare = ReportView {
        chapters: Vec::new(),
        ..view.clone()
    };
    let mut files = Vec::new();
    let slug = &report.slug;
    let mut ctx = context(
        site,
        lang,
        "landing",
        view.title.clone(),
        view.summary.clone(),
        &|l| paths.report(l, slug),
        opts,
    );
    ctx.report = Some(view.clone());
    super::discovery::decorate(site, Some(report), &mut ctx);
    let landing = templates.render("landing.html", &ctx)?;
    if !site.library_home() {
        // The only report is the home page too; its canonical URL stays the report's own.
        let mut home = ctx.clone();
        home.page.kind = "home".into();
        home.page.href = paths.href(&paths.home(lang));
        home.page
            .alternates
            .iter_mut()
            .zip(&site.config.site.languages)
            .for_each(|(a, l)| {
                a.href = paths.href(&paths.home(&l.key));
            });
        files.push(page_file(
            &paths.home(lang),
            templates.render("landing.html", &home)?,
        ));
    }
    files.push(page_file(&paths.report(lang, slug), landing));
    for kind in super::paths::REPORT_PAGES {
        let title = format!(
            "{} — {}",
            site.strings.get(lang, &format!("{kind}_title")),
            view.title
        );
        let mut ctx = context(
            site,
            lang,
            kind,
            title,
            view.summary.clone(),
            &|l| paths.sub(l, slug, kind),
            opts,
        );
        ctx.report = Some(nav_view(view, &bare, None));
        super::discovery::decorate(site, Some(report), &mut ctx);
        files.push(page_file(
            &paths.sub(lang, slug, kind),
            templates.render(&format!("{kind}.html"), &ctx)?,
        ));
    }
    Ok(files)
}

/// Reports up to this many chapters list them all in every page's navigation.
const NAV_ALL_UP_TO: usize = 30;
/// Beyond that, a page lists this many chapters on each side of its own, and links to the
/// full contents on the landing page, so a page costs the same however long the report is.
const NAV_WINDOW: usize = 7;

/// The report as the navigation of one of its pages sees it: `current` marks chapter `current`
/// (0-based), and long reports show a window of chapters around it. `bare` is the view without
/// its chapter list, made once per report so that each page copies only what it shows.
fn nav_view(view: &ReportView, bare: &ReportView, current: Option<usize>) -> ReportView {
    let (chapters, chapters_windowed) = nav_chapters(view, current);
    ReportView {
        chapters,
        chapters_windowed,
        ..bare.clone()
    }
}

/// The chapters the navigation of a page lists (see [`nav_view`]), and whether they are a window.
pub(super) fn nav_chapters(view: &ReportView, current: Option<usize>) -> (Vec<ChapterLink>, bool) {
    let n = view.chapters.len();
    let (from, to) = if n <= NAV_ALL_UP_TO {
        (0, n)
    } else {
        let at = current.unwrap_or(0);
        let from = at.saturating_sub(NAV_WINDOW);
        (from, (at + NAV_WINDOW + 1).min(n))
    };
    let mut chapters = view.chapters[from..to].to_vec();
    for c in &mut chapters {
        c.current = Some(c.number - 1) == current;
    }
    (chapters, n > NAV_ALL_UP_TO)
}

/// The report as templates see it, in `lang`.
pub(super) fn report_view(
    site: &Site,
    report: &Report,
    lang: &str,
    bodies: &[Body],
    figs: &Figures,
) -> ReportView {
    let paths = Paths::new(&site.config);
    let m = &report.manifest;
    let chinese = crate::markdown::cjk::is_cjk_language(&site.config.language(lang).code);
    let tx = |l: &Localized| l.text(lang).to_string();
    let opt = |l: &Option<Localized>| {
        l.as_ref()
            .map(|x| x.text(lang).to_string())
            .unwrap_or_default()
    };
    let slug = &report.slug;
    let chapters = report
        .chapters
        .iter()
        .enumerate()
        .map(|(i, c)| ChapterLink {
            number: i + 1,
            title: super::titles::plain(&c.sources[lang].front.title),
            summary: c.sources[lang].front.summary.clone().unwrap_or_default(),
            href: paths.href(&paths.sub(lang, slug, &c.slug)),
            current: false,
        })
        .collect();
    let figure_href = |id: &Option<String>| {
        id.as_ref()
            .and_then(|id| {
                figs.placed.get(id).map(|p| {
                    format!(
                        "{}#{}",
                        paths.href(&paths.sub(lang, slug, &p.chapter)),
                        element_id(id)
                    )
                })
            })
            .unwrap_or_default()
    };
    let ratings = |rs: &[crate::content::report::Rating]| {
        rs.iter()
            .map(|r| RatingView {
                rating: tx(&r.rating),
                definition: tx(&r.definition),
            })
            .collect()
    };
    let defs = m.rating_definitions.as_ref();
    ReportView {
        title: tx(&m.title),
        subtitle: opt(&m.subtitle),
        date: m.date.clone(),
        sector: tx(&m.sector),
        series: opt(&m.series),
        summary: tx(&m.summary),
        href: paths.href(&paths.report(lang, slug)),
        analysts_href: paths.href(&paths.sub(lang, slug, "analysts")),
        related_href: paths.href(&paths.sub(lang, slug, "related")),
        disclosures_href: paths.href(&paths.sub(lang, slug, "disclosures")),
        analysts: m
            .analysts
            .iter()
            .map(|a| AnalystView {
                name: tx(&a.name),
                role: tx(&a.role),
                credentials: a.credentials.clone().unwrap_or_default(),
                email: a.email.clone().unwrap_or_default(),
                phone: a.phone.clone().unwrap_or_default(),
                team: opt(&a.team),
            })
            .collect(),
        contacts: m
            .contacts
            .iter()
            .map(|c| ContactView {
                name: tx(&c.name),
                team: tx(&c.team),
                email: c.email.clone().unwrap_or_default(),
                phone: c.phone.clone().unwrap_or_default(),
            })
            .collect(),
        takeaways: m
            .key_takeaways
            .iter()
            .map(|k| TakeawayView {
                title: tx(&k.title),
                text_html: render_snippet(k.text.text(lang), true, chinese),
            })
            .collect(),
        figures: m
            .headline_figures
            .iter()
            .map(|h| HeadlineView {
                value: tx(&h.value),
                label: tx(&h.label),
                source: tx(&h.source),
                href: figure_href(&h.chart),
            })
            .collect(),
        risks: m.risks.iter().map(tx).collect(),
        related: m
            .related
            .iter()
            .map(|r| RelatedView {
                title: tx(&r.title),
                date: r.date.clone(),
                // A report on this site is linked to its landing page in this language.
                url: match (&r.report, &r.url) {
                    (Some(slug), _) => paths.href(&paths.report(
                        site.report(slug).map_or(lang, |other| {
                            other.shown_in(lang, &site.config.site.default_language)
                        }),
                        slug,
                    )),
                    (None, Some(u)) => u.as_str().to_string(),
                    (None, None) => String::new(),
                },
            })
            .collect(),
        stock_ratings: defs.map(|d| ratings(&d.stock)).unwrap_or_default(),
        sector_ratings: defs.map(|d| ratings(&d.sector)).unwrap_or_default(),
        disclosures: m
            .disclosures
            .iter()
            .map(|d| DisclosureView {
                title: tx(&d.title),
                id: slugify(d.title.text(lang)),
                body_html: render_snippet(d.body.text(lang), false, chinese),
            })
            .collect(),
        chapters,
        reading_minutes: bodies.iter().map(|b| b.reading_minutes).sum(),
        chapters_total: report.chapters.len(),
        chapters_windowed: false,
    }
}

/// `404.html` at the output root, in the default language with links home in every language.
pub fn not_found(site: &Site, templates: &Templates, opts: &RenderOptions) -> Result<OutputFile> {
    let paths = Paths::new(&site.config);
    let lang = &site.config.language_keys[0];
    let title = site.strings.get(lang, "not_found_title").to_string();
    let mut ctx = context(
        site,
        lang,
        "404",
        title,
        site.strings.get(lang, "not_found_text").to_string(),
        &|l| paths.home(l),
        opts,
    );
    super::discovery::decorate(site, None, &mut ctx);
    Ok(OutputFile {
        path: "404.html".into(),
        bytes: templates.render("404.html", &ctx)?.into_bytes(),
    })
}

/// The search page in `lang`, answering `?q=` in the browser from the index built with the site.
pub fn search(
    site: &Site,
    lang: &str,
    templates: &Templates,
    opts: &RenderOptions,
) -> Result<OutputFile> {
    let paths = Paths::new(&site.config);
    let title = site.strings.get(lang, "search_title").to_string();
    let desc = site.strings.get(lang, "search_description").to_string();
    let path_in = |l: &str| crate::search::page_path(&paths, l);
    let mut ctx = context(site, lang, "search", title, desc, &path_in, opts);
    super::discovery::decorate(site, None, &mut ctx);
    Ok(page_file(
        &path_in(lang),
        templates.render("search.html", &ctx)?,
    ))
}
