//! Standalone pages (`content/pages/<slug>.<lang>.md`): rendered with `page.html` at
//! `/<lang prefix><slug>/`, linked from the header navigation when their front matter says
//! `nav: true`, with the language switcher and hreflang limited to the languages they exist in.

use super::pages::{context, page_file};
use super::paths::Paths;
use super::{OutputFile, RenderOptions};
use crate::content::pages::{Page, PageSource};
use crate::content::Site;
use crate::error::{Diagnostic, Diagnostics, Location};
use crate::markdown;
use crate::markdown::embeds::{self, Kind};
use crate::markdown::splice::Mark;
use crate::markdown::stream::Slot;
use crate::templates::Templates;
use crate::views::{Link, PageContext, StandaloneView};

/// Ids the page templates use, which headings must not take.
const TEMPLATE_IDS: &[&str] = &[
    "main",
    "content",
    "toc",
    "toc-h",
    "site-header",
    "site-footer",
    "footnotes",
];

/// The site path of page `slug` in `lang`.
pub fn path(paths: &Paths, lang: &str, slug: &str) -> String {
    format!("{}{slug}/", paths.prefix(lang))
}

/// Navigation links to the pages that ask for one and exist in `lang`, in weight order.
pub fn nav<'a>(site: &'a Site, lang: &'a str, paths: &'a Paths) -> impl Iterator<Item = Link> + 'a {
    site.pages.iter().filter_map(move |p| {
        let src = p.sources.get(lang).filter(|s| s.front.nav)?;
        Some(Link {
            title: src.front.title.clone(),
            href: paths.href(&path(paths, lang, &p.slug)),
        })
    })
}

/// What rendering the standalone pages left: files, site paths they link to (checked once the
/// whole site is made), and problems.
#[derive(Default)]
pub struct Rendered {
    /// The pages, one per page and language.
    pub files: Vec<OutputFile>,
    /// Site paths linked from the pages, with where each link is written.
    pub site_links: Vec<(String, Location)>,
    /// Problems found.
    pub diags: Diagnostics,
}

/// Every standalone page in every language it exists in.
pub fn render(site: &Site, templates: &Templates, opts: &RenderOptions) -> Rendered {
    let paths = Paths::new(&site.config);
    let mut out = Rendered::default();
    for page in &site.pages {
        for (lang, src) in &page.sources {
            let (body, links) = body(site, templates, lang, src, &mut out.diags);
            out.site_links.extend(links);
            let ctx = page_context(site, page, lang, src, body, &paths, opts);
            if let Some(html) = out.diags.take(templates.render("page.html", &ctx)) {
                out.files
                    .push(page_file(&path(&paths, lang, &page.slug), html));
            }
        }
    }
    out
}

fn page_context(
    site: &Site,
    page: &Page,
    lang: &str,
    src: &PageSource,
    body: markdown::Rendered,
    paths: &Paths,
    opts: &RenderOptions,
) -> PageContext {
    let desc = src.front.description.clone().unwrap_or_default();
    let mut ctx = context(
        site,
        lang,
        "standalone",
        src.front.title.clone(),
        desc,
        &|l| path(paths, l, &page.slug),
        opts,
    );
    super::discovery::decorate(site, None, &mut ctx);
    only_languages(site, &mut ctx, |key| page.sources.contains_key(key));
    ctx.standalone = Some(StandaloneView {
        slug: page.slug.clone(),
        title: src.front.title.clone(),
        body_html: body.html,
        toc: body.toc,
    });
    ctx
}

/// Keeps in the switcher, hreflang links and `og:locale:alternate` only the languages `has`
/// says the page exists in, so no alternate leads to a missing page.
pub fn only_languages(site: &Site, ctx: &mut PageContext, has: impl Fn(&str) -> bool) {
    let langs = &site.config.site.languages;
    let key_of = |code: &str| {
        langs
            .iter()
            .find(|l| l.code == code)
            .map(|l| l.key.clone())
            .unwrap_or_default()
    };
    ctx.page.alternates.retain(|a| has(&key_of(&a.code)));
    let kept: Vec<String> = langs
        .iter()
        .filter(|l| l.key != ctx.lang.key && has(&l.key))
        .map(|l| super::social::og_locale(&l.code))
        .collect();
    ctx.discovery.og_locale_alternates = kept;
    let default = &site.config.site.default_language;
    if !has(default) {
        ctx.discovery.x_default.clear();
    }
}

/// The page's Markdown rendered, with its shortcodes; its links may be site paths (`/aigc-2024/`) or other pages'
/// files (`methodology.md`, `about.en.md`).
fn body(
    site: &Site,
    templates: &Templates,
    lang: &str,
    src: &PageSource,
    diags: &mut Diagnostics,
) -> (markdown::Rendered, Vec<(String, Location)>) {
    let paths = Paths::new(&site.config);
    let resolve = |dest: &str| resolve_link(site, &paths, lang, dest);
    let links = |dest: &str, _line: usize| resolve(dest).map(|(url, _)| url);
    let reserved: Vec<String> = TEMPLATE_IDS.iter().map(|s| s.to_string()).collect();
    let cjk = super::chapters::cjk_lang_for(site, lang);
    let ctx = markdown::Context {
        file: &src.file,
        first_line: src.body_line,
        links: &links,
        reserved_ids: &reserved,
        cjk_lang: cjk.as_deref(),
        chinese: markdown::cjk::is_cjk_language(&site.config.language(lang).code),
    };
    let mut md = markdown::render(&src.body, &ctx);
    md.diagnostics.iter().cloned().for_each(|d| diags.push(d));
    if !md.embeds.is_empty() {
        md.html = shortcodes(site, templates, lang, src, &md, diags);
    }
    let site_links = md
        .links
        .iter()
        .filter_map(|(dest, line)| {
            let (_, site_path) = resolve(dest).ok()?;
            Some((site_path?, Location::at(&src.file, *line, None)))
        })
        .collect();
    (md, site_links)
}

/// The page's HTML with its shortcodes rendered. Charts, figure references and images beside
/// the file belong in a report's chapters, where figures are numbered: here they are errors.
fn shortcodes(
    site: &Site,
    templates: &Templates,
    lang: &str,
    src: &PageSource,
    md: &markdown::Rendered,
    diags: &mut Diagnostics,
) -> String {
    let known = super::shortcodes::known(templates);
    for e in &md.embeds {
        let at = Location::at(&src.file, e.line, Some(e.column));
        let problem = match (e.kind, e.name.as_str()) {
            (Kind::Close, _) => None,
            (Kind::Image, _) => Some(
                Diagnostic::error(at, "an image beside the file cannot be shown in a page")
                    .with_help("put the image in static/ and link it by its site path (`/images/x.png`), or show it in a chapter"),
            ),
            (_, name) if super::figures::EMBED_NAMES.contains(&name) => Some(
                Diagnostic::error(at, format!("`{name}` cannot be embedded in a page"))
                    .with_help("charts and figure references belong in a report's chapters; link to the chapter instead"),
            ),
            _ => super::shortcodes::check(&known, &src.file, e).err(),
        };
        if let Some(d) = problem {
            diags.push(d);
        }
    }
    let t = site.strings.for_lang(lang);
    let mark = |slot: &Slot| Mark::of(&md.embeds, slot);
    embeds::splice_bodies(&md.html, &md.slots, mark, |slot, body| {
        match md.embeds.get(slot.embed) {
            Some(e) if matches!(e.kind, Kind::Call | Kind::Open) => {
                let r = super::shortcodes::render(templates, lang, &t, &src.file, e, body);
                diags.take(r.map_err(Into::into)).unwrap_or_default()
            }
            _ => String::new(),
        }
    })
}

/// A link written in a page: its URL, and the site path to check when it is one.
fn resolve_link(
    site: &Site,
    paths: &Paths,
    lang: &str,
    dest: &str,
) -> Result<(String, Option<String>), String> {
    let (target, fragment) = match dest.split_once('#') {
        Some((p, f)) => (p, Some(f)),
        None => (dest, None),
    };
    let with_fragment = |url: String| match fragment {
        Some(f) => format!("{url}#{}", crate::urls::encode_fragment(f)),
        None => url,
    };
    if let Some(abs) = target.strip_prefix('/') {
        if abs.split('/').any(|s| s == "..") {
            return Err(format!("link `{dest}` leaves the site"));
        }
        return Ok((with_fragment(paths.href(abs)), Some(abs.to_string())));
    }
    let Some(stem) = target.strip_suffix(".md") else {
        return Err(format!(
            "link `{dest}` is neither a page file (.md) nor a site path starting with `/`"
        ));
    };
    let (slug, link_lang) = match stem.rsplit_once('.') {
        Some((s, l)) if site.config.language_keys.iter().any(|k| k == l) => (s, l),
        _ => (stem, lang),
    };
    let known = site
        .pages
        .iter()
        .find(|p| p.slug == slug)
        .ok_or_else(|| format!("link `{dest}`: there is no page `{slug}` in content/pages/"))?;
    if !known.sources.contains_key(link_lang) {
        return Err(format!(
            "link `{dest}`: page `{slug}` has no `{link_lang}` version"
        ));
    }
    let url = paths.href(&path(paths, link_lang, slug));
    Ok((with_fragment(url), None))
}
