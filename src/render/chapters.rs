//! Chapter bodies: Markdown rendering (first pass), then figures spliced in and links checked.

use super::figures::Figures;
use super::paths::{resolve_link, ChapterIndex, LinkTarget, Paths};
use super::{images, shortcodes};
use crate::content::{Chapter, ChapterSource, Report, Site};
use crate::error::{Diagnostic, Diagnostics, Location};
use crate::escape::html as escape_html;
use crate::markdown::embeds::Kind;
use crate::markdown::splice::Mark;
use crate::markdown::stream::Slot;
use crate::markdown::{self, embeds, headings::TocEntry};
use crate::templates::Templates;
use crate::urls::encode_fragment;
use std::collections::{HashMap, HashSet};
use std::path::PathBuf;

/// Ids the page templates use, which headings must not take.
const TEMPLATE_IDS: &[&str] = &[
    "main",
    "content",
    "toc",
    "top",
    "site-header",
    "site-footer",
    "footnotes",
];

/// A chapter after the Markdown pass.
pub struct Draft<'a> {
    /// The report.
    pub report: &'a Report,
    /// The chapter.
    pub chapter: &'a Chapter,
    /// Its source in this language.
    pub source: &'a ChapterSource,
    /// Rendered Markdown with embed placeholders.
    pub md: markdown::Rendered,
    /// Links whose targets are checked once every chapter is rendered.
    pending: Vec<PendingLink>,
}

#[derive(Clone)]
struct PendingLink {
    file: PathBuf,
    line: usize,
    target: LinkTarget,
}

/// A finished chapter body.
pub struct Body {
    /// HTML with figures.
    pub html: String,
    /// Table of contents.
    pub toc: Vec<TocEntry>,
    /// Minutes to read.
    pub reading_minutes: usize,
}

/// The Markdown pass of a chapter in an earlier build, to be taken over while the chapter's
/// source is the same and nothing else it depends on changed (see [`super::memo`]).
#[derive(Clone)]
pub struct KeptDraft {
    slug: String,
    file: PathBuf,
    body: String,
    body_line: usize,
    md: markdown::Rendered,
    pending: Vec<PendingLink>,
}

impl KeptDraft {
    /// The rendering of `source` (of chapter `slug`) if this was made from the same.
    fn of(
        &self,
        slug: &str,
        source: &ChapterSource,
    ) -> Option<(markdown::Rendered, Vec<PendingLink>)> {
        let same = self.slug == slug
            && self.body_line == source.body_line
            && self.file == source.file
            && self.body == source.body;
        same.then(|| (self.md.clone(), self.pending.clone()))
    }
}

impl Draft<'_> {
    /// What a later build may take over of this draft.
    pub fn keep(self) -> KeptDraft {
        KeptDraft {
            slug: self.chapter.slug.clone(),
            file: self.source.file.clone(),
            body: self.source.body.clone(),
            body_line: self.source.body_line,
            md: self.md,
            pending: self.pending,
        }
    }
}

/// Renders the Markdown of every chapter of `report` in `lang`; a chapter whose source is what
/// the draft at its place in `kept` was made from takes that draft over.
pub fn draft<'a>(
    site: &Site,
    index: &ChapterIndex,
    report: &'a Report,
    lang: &str,
    kept: &[KeptDraft],
    diags: &mut Diagnostics,
) -> Vec<Draft<'a>> {
    let paths = Paths::new(&site.config);
    let mut reserved: Vec<String> = TEMPLATE_IDS.iter().map(|s| s.to_string()).collect();
    reserved.extend(
        report
            .charts
            .keys()
            .cloned()
            .chain(images::ids(report))
            .map(|id| super::figures::element_id(&id)),
    );
    let mut drafts = Vec::new();
    let cjk_lang = cjk_lang_for(site, lang);
    let lang_code = site.config.language(lang).code.clone();
    for chapter in &report.chapters {
        let Some(source) = chapter.sources.get(lang) else {
            continue;
        };
        let before = kept
            .get(drafts.len())
            .and_then(|k| k.of(&chapter.slug, source));
        let (md, pending) = match before {
            Some(kept) => kept,
            None => {
                let links = |dest: &str, _line: usize| -> Result<String, String> {
                    let target = resolve_link(index, &report.slug, lang, dest)?;
                    Ok(target_url(&paths, &target))
                };
                let ctx = markdown::Context {
                    file: &source.file,
                    first_line: source.body_line,
                    links: &links,
                    reserved_ids: &reserved,
                    cjk_lang: cjk_lang.as_deref(),
                    chinese: markdown::cjk::is_cjk_language(&lang_code),
                };
                let md = markdown::render(&source.body, &ctx);
                let pending = pending_links(index, report, lang, source, &md);
                (md, pending)
            }
        };
        md.diagnostics.iter().cloned().for_each(|d| diags.push(d));
        let title = &source.front.title;
        if let Some(d) = super::titles::leading_heading_warning(
            &source.body,
            title,
            &source.file,
            source.body_line,
        ) {
            diags.push(d);
        }
        drafts.push(Draft {
            report,
            chapter,
            source,
            md,
            pending,
        });
    }
    drafts
}

/// The links of a chapter's rendering whose targets are checked once every chapter is drafted.
fn pending_links(
    index: &ChapterIndex,
    report: &Report,
    lang: &str,
    source: &ChapterSource,
    md: &markdown::Rendered,
) -> Vec<PendingLink> {
    // Resolving is pure; the links of the rendering kept are resolved again for checking.
    md.links
        .iter()
        .filter_map(|(dest, line)| {
            let target = resolve_link(index, &report.slug, lang, dest).ok()?;
            Some(PendingLink {
                file: source.file.clone(),
                line: *line,
                target,
            })
        })
        .collect()
}

/// For a page in a non-CJK language, the code of the site's CJK language (if any), used to mark
/// Chinese passages quoted in the text.
pub(super) fn cjk_lang_for(site: &Site, lang: &str) -> Option<String> {
    let is_cjk = markdown::cjk::is_cjk_language;
    if is_cjk(&site.config.language(lang).code) {
        return None;
    }
    site.config
        .site
        .languages
        .iter()
        .map(|l| l.code.clone())
        .find(|c| is_cjk(c))
}

fn target_url(paths: &Paths, target: &LinkTarget) -> String {
    let (path, fragment) = match target {
        LinkTarget::Chapter {
            report,
            chapter,
            lang,
            fragment,
        } => (paths.sub(lang, report, chapter), fragment),
        LinkTarget::File {
            report,
            key,
            fragment,
        } => (paths.attachment(report, key), fragment),
        LinkTarget::SitePath { path, fragment } => (path.clone(), fragment),
    };
    match fragment {
        Some(f) => format!("{}#{}", paths.href(&path), encode_fragment(f)),
        None => paths.href(&path),
    }
}

/// Splices figures, images and shortcodes into the drafts and checks links to headings of this
/// report's chapters.
pub fn finish(
    drafts: &[Draft],
    figs: &Figures,
    site: &Site,
    report: &Report,
    lang: &str,
    templates: &Templates,
    diags: &mut Diagnostics,
) -> Vec<Body> {
    let paths = Paths::new(&site.config);
    let anchors: HashMap<&str, Anchors> = drafts
        .iter()
        .map(|d| (d.chapter.slug.as_str(), Anchors::of(d)))
        .collect();
    for d in drafts {
        for p in &d.pending {
            check_pending(p, &anchors, report, lang, diags);
        }
    }
    let t = site.strings.for_lang(lang);
    let mut bodies = Vec::new();
    for d in drafts {
        let mark = |slot: &Slot| Mark::of(&d.md.embeds, slot);
        let html = embeds::splice_bodies(&d.md.html, &d.md.slots, mark, |slot, body| {
            let Some(e) = d.md.embeds.get(slot.embed) else {
                return String::new();
            };
            let id = e.str_arg("id").unwrap_or_default();
            match (e.kind, e.name.as_str(), figs.placed.get(id)) {
                (Kind::Image, _, _) => {
                    let fig = e
                        .block
                        .then(|| figs.placed.get(&images::figure_id_of(report, e)));
                    match fig.flatten() {
                        Some(p) => p.html.clone(),
                        None => images::img_tag(&paths, report, e),
                    }
                }
                (Kind::Close, _, _) => String::new(),
                (Kind::Call, "chart", Some(p)) => p.html.clone(),
                // In a link's text the label is text: a link may not hold another.
                (Kind::Call, "ref", Some(p)) if e.in_link => escape_html(&p.label).into_owned(),
                (Kind::Call, "ref", Some(p)) => {
                    let href = format!(
                        "{}#{}",
                        paths.href(&paths.sub(lang, &report.slug, &p.chapter)),
                        super::figures::element_id(id)
                    );
                    let a = format!(
                        "<a class=\"figure-ref\" href=\"{}\">{}</a>",
                        escape_html(&href),
                        escape_html(&p.label)
                    );
                    // A reference that was a paragraph of its own stays one.
                    if slot.block {
                        format!("<p>{a}</p>")
                    } else {
                        a
                    }
                }
                (_, "chart" | "ref", _) => String::new(),
                _ => {
                    let r = shortcodes::render(templates, lang, &t, &d.source.file, e, body);
                    diags.take(r.map_err(Into::into)).unwrap_or_default()
                }
            }
        });
        bodies.push(Body {
            html,
            toc: d.md.toc.clone(),
            reading_minutes: d.md.reading_minutes,
        });
    }
    bodies
}

/// The ids a chapter's links may point at: its headings and its figures.
struct Anchors<'d> {
    draft: &'d Draft<'d>,
    ids: HashSet<String>,
}

impl<'d> Anchors<'d> {
    fn of(draft: &'d Draft<'d>) -> Self {
        let report = draft.report;
        let figures = draft.md.embeds.iter().filter_map(|e| match e.kind {
            Kind::Call if e.name == "chart" => e.str_arg("id").map(super::figures::element_id),
            Kind::Image if e.block => {
                Some(super::figures::element_id(&images::figure_id_of(report, e)))
            }
            _ => None,
        });
        let ids = draft.md.ids.iter().cloned().chain(figures).collect();
        Anchors { draft, ids }
    }
}

fn check_pending(
    p: &PendingLink,
    anchors: &HashMap<&str, Anchors>,
    report: &Report,
    lang: &str,
    diags: &mut Diagnostics,
) {
    let LinkTarget::Chapter {
        report: r,
        chapter,
        lang: l,
        fragment: Some(f),
    } = &p.target
    else {
        return;
    };
    if r != &report.slug || l != lang {
        return;
    }
    let Some(target) = anchors.get(chapter.as_str()) else {
        return;
    };
    if !target.ids.contains(f) {
        let known: Vec<&str> = target.draft.md.ids.iter().map(String::as_str).collect();
        diags.push(Diagnostic::error(Location::at(&p.file, p.line, None),
            format!("link points at `#{f}`, which is not a heading or figure of chapter `{chapter}`"))
            .with_help(format!("use one of: {}", known.join(", "))));
    }
}

/// Site paths that chapters link to, with where each link is written.
pub fn site_links<'a>(drafts: &'a [Draft]) -> impl Iterator<Item = (&'a str, Location)> + 'a {
    drafts.iter().flat_map(|d| {
        d.pending.iter().filter_map(|p| match &p.target {
            LinkTarget::SitePath { path, .. } => {
                Some((path.as_str(), Location::at(&p.file, p.line, None)))
            }
            _ => None,
        })
    })
}
