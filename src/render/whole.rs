//! The whole report on one page (`/<report>/all/`), for reading straight through and for print:
//! every chapter in order with its figures numbered as on the chapter pages. Chapter bodies are
//! rewritten so that the page stays valid: ids the chapter text defines get the chapter's prefix
//! (two chapters may both have a "小结"), links to chapters of this report become links to anchors
//! on this page, and headings move one level down under the chapter headings.

use super::chapters::{Body, Draft};
use super::figures::{element_id, Figures};
use super::paths::Paths;
use super::{OutputFile, RenderOptions};
use crate::content::{Report, Site};
use crate::error::Result;
use crate::escape;
use crate::pageindex::PageIndex;
use crate::templates::Templates;
use crate::urls::encode_fragment;
use crate::views::PageContext;
use html5gum::emitters::callback::{CallbackEmitter, CallbackEvent};
use html5gum::{Span, Tokenizer};
use serde::Serialize;
use std::collections::{HashMap, HashSet};

/// The page's name under the report (`/<report>/all/`); a reserved chapter name.
pub const PAGE: &str = "all";

/// One chapter on the one-page view.
#[derive(Debug, Clone, Serialize)]
struct Part {
    /// Position (1-based).
    number: usize,
    /// Id of the chapter's section (`chapter-<slug>`).
    id: String,
    /// Title as text.
    title: String,
    /// Summary.
    summary: String,
    /// The rewritten body.
    body_html: String,
}

/// The template context: a page context plus the chapters.
#[derive(Debug, Clone, Serialize)]
struct WholeContext {
    #[serde(flatten)]
    page: PageContext,
    parts: Vec<Part>,
}

/// What links of a chapter body can lead to on the one-page view.
struct Anchors<'a> {
    /// Chapters of this report by the URL of their page.
    chapters: HashMap<&'a str, &'a Target<'a>>,
    /// Element ids of the report's figures, unique in the report.
    figures: HashSet<String>,
}

/// A chapter as the rewriting sees it: where its page is and which ids its text defines.
struct Target<'a> {
    slug: &'a str,
    href: String,
    ids: HashSet<String>,
}

/// The one-page view of `report` in `lang`.
#[allow(clippy::too_many_arguments)]
pub fn page(
    site: &Site,
    report: &Report,
    lang: &str,
    drafts: &[Draft],
    bodies: &[Body],
    figs: &Figures,
    templates: &Templates,
    opts: &RenderOptions,
) -> Result<OutputFile> {
    let paths = Paths::new(&site.config);
    let slug = &report.slug;
    let view = super::pages::report_view(site, report, lang, bodies, figs);
    let targets: Vec<Target> = drafts
        .iter()
        .map(|d| Target {
            slug: &d.chapter.slug,
            href: paths.href(&paths.sub(lang, slug, &d.chapter.slug)),
            // The text's own ids (before figures are spliced in): its headings' when they are
            // all, else read from its HTML, to find footnotes and ids written in raw HTML too.
            ids: if d.md.ids_complete {
                d.md.ids.iter().cloned().collect()
            } else {
                PageIndex::of(&d.md.html).ids().map(String::from).collect()
            },
        })
        .collect();
    let anchors = Anchors {
        chapters: targets.iter().map(|t| (t.href.as_str(), t)).collect(),
        figures: figs.placed.keys().map(|id| element_id(id)).collect(),
    };
    let parts = drafts
        .iter()
        .zip(bodies)
        .zip(&targets)
        .enumerate()
        .map(|(i, ((d, body), own))| {
            let title = super::titles::plain(&d.source.front.title);
            let folded = super::titles::fold(&body.html, &title);
            Part {
                number: i + 1,
                id: section_id(own.slug),
                summary: d.source.front.summary.clone().unwrap_or_default(),
                body_html: rewrite(&folded, own, &anchors),
                title,
            }
        })
        .collect();
    let title = format!("{} · {}", site.strings.get(lang, "full_report"), view.title);
    let mut ctx = super::pages::context(
        site,
        lang,
        "whole",
        title,
        view.summary.clone(),
        &|l| paths.sub(l, slug, PAGE),
        opts,
    );
    ctx.report = Some(view);
    super::discovery::decorate(site, Some(report), &mut ctx);
    // As bytes: the page is a third of the site's HTML, and a String would be checked again.
    let bytes = templates.render_with("whole.html", &WholeContext { page: ctx, parts }, &[])?;
    Ok(OutputFile {
        path: format!("{}index.html", paths.sub(lang, slug, PAGE)),
        bytes,
    })
}

/// Id of a chapter's section on the one-page view.
fn section_id(slug: &str) -> String {
    format!("chapter-{slug}")
}

/// Id on the one-page view of id `id` defined by the text of chapter `slug`.
fn chapter_id(slug: &str, id: &str) -> String {
    format!("{slug}--{id}")
}

/// One replacement: the byte range of the body and what goes there.
type Edit = (std::ops::Range<usize>, String);

/// Rewrites ids, links and heading levels of one chapter body (see the module comment). Works on
/// the byte ranges the HTML tokenizer reports, so text that merely looks like markup is untouched.
fn rewrite(html: &str, own: &Target, anchors: &Anchors) -> String {
    let mut edits: Vec<Edit> = Vec::new();
    let mut attr: Vec<u8> = Vec::new();
    let emitter = CallbackEmitter::new(|event: CallbackEvent<'_>, span: Span<usize>| {
        match event {
            CallbackEvent::OpenStartTag { name } => {
                if let Some(level) = heading_level(name) {
                    // The span starts at `<`; the name follows it.
                    edits.push((span.start + 1..span.start + 3, format!("h{}", level + 1)));
                }
            }
            CallbackEvent::EndTag { name } => {
                if let Some(level) = heading_level(name) {
                    edits.push((span.start + 2..span.start + 4, format!("h{}", level + 1)));
                }
            }
            CallbackEvent::AttributeName { name } => attr = name.to_vec(),
            CallbackEvent::AttributeValue { value } => {
                let value = crate::pageindex::text(value);
                let new = match attr.as_slice() {
                    b"id" => own
                        .ids
                        .contains(value.as_ref())
                        .then(|| chapter_id(own.slug, &value)),
                    b"href" => link(&value, own, anchors),
                    b"aria-labelledby" | b"aria-describedby" => Some(
                        value
                            .split_whitespace()
                            .map(|id| match own.ids.contains(id) {
                                true => chapter_id(own.slug, id),
                                false => id.to_string(),
                            })
                            .collect::<Vec<_>>()
                            .join(" "),
                    ),
                    _ => None,
                };
                if let Some(new) = new.filter(|n| n != value.as_ref()) {
                    edits.push((span.start..span.end, escape::html(&new).into_owned()));
                }
            }
            _ => {}
        }
        None::<()>
    });
    let mut emitter = emitter;
    emitter.naively_switch_states(true);
    for _ in Tokenizer::new_with_emitter(html, crate::pageindex::Quiet(emitter)) {}
    apply(html, edits)
}

/// The level of a heading tag `h1`…`h5` (an `h6` stays: there is no level below it).
fn heading_level(name: &[u8]) -> Option<u8> {
    match name {
        [b'h', d @ b'1'..=b'5'] => Some(d - b'0'),
        _ => None,
    }
}

/// Where a link of chapter `own` leads on the one-page view, if it changes. A fragment that is
/// neither a heading of its chapter nor a figure leads to the chapter: the broken link is reported
/// once, at the chapter's Markdown line, not a second time for this page.
fn link(href: &str, own: &Target, anchors: &Anchors) -> Option<String> {
    let (page, fragment) = match href.split_once('#') {
        Some((p, f)) => (p, Some(f)),
        None => (href, None),
    };
    let target = if page.is_empty() {
        own
    } else {
        anchors.chapters.get(page).copied()?
    };
    let Some(fragment) = fragment.filter(|f| !f.is_empty()) else {
        return Some(format!("#{}", section_id(target.slug)));
    };
    let decoded = percent_encoding::percent_decode_str(fragment).decode_utf8_lossy();
    if target.ids.contains(decoded.as_ref()) {
        Some(format!(
            "#{}",
            encode_fragment(&chapter_id(target.slug, &decoded))
        ))
    } else if anchors.figures.contains(decoded.as_ref()) {
        // A figure: its id is already unique in the report.
        Some(format!("#{fragment}"))
    } else {
        Some(format!("#{}", section_id(target.slug)))
    }
}

/// `html` with `edits` (in document order, not overlapping) applied.
fn apply(html: &str, mut edits: Vec<Edit>) -> String {
    edits.sort_by_key(|(r, _)| r.start);
    let mut out = String::with_capacity(html.len() + edits.len() * 16);
    let mut at = 0;
    for (range, text) in edits {
        if range.start < at || range.end > html.len() {
            continue;
        }
        out.push_str(&html[at..range.start]);
        out.push_str(&text);
        at = range.end;
    }
    out.push_str(&html[at..]);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn target<'a>(slug: &'a str, ids: &[&'a str]) -> Target<'a> {
        Target {
            slug,
            href: format!("/r/{slug}/"),
            ids: ids.iter().map(|s| s.to_string()).collect(),
        }
    }

    fn run(html: &str) -> String {
        let one = target("one", &["小结", "fn"]);
        let two = target("two", &["小结"]);
        let anchors = Anchors {
            chapters: [("/r/one/", &one), ("/r/two/", &two)].into_iter().collect(),
            figures: ["figure-x".to_string()].into_iter().collect(),
        };
        rewrite(html, &one, &anchors)
    }

    #[test]
    fn ids_defined_by_the_text_get_the_chapter_prefix() {
        assert_eq!(
            run(r#"<h2 id="小结">小结</h2><p id="other">x</p>"#),
            r#"<h3 id="one--小结">小结</h3><p id="other">x</p>"#
        );
    }

    #[test]
    fn links_to_chapters_of_the_report_become_anchors() {
        assert_eq!(
            run(r#"<a href="/r/two/">2</a><a href="/r/two/#%E5%B0%8F%E7%BB%93">s</a>"#),
            r##"<a href="#chapter-two">2</a><a href="#two--%E5%B0%8F%E7%BB%93">s</a>"##
        );
        assert_eq!(
            run(
                r##"<a href="/r/one/#figure-x">f</a><a href="#fn">1</a><a href="/r/">home</a><a href="https://x.org/#a">x</a>"##
            ),
            r##"<a href="#figure-x">f</a><a href="#one--fn">1</a><a href="/r/">home</a><a href="https://x.org/#a">x</a>"##
        );
    }

    #[test]
    fn text_that_looks_like_markup_is_untouched() {
        let html = r#"<p>write id="小结" or &lt;h2&gt;</p><pre><code>&lt;a href="/r/two/"&gt;</code></pre>"#;
        assert_eq!(run(html), html);
    }

    #[test]
    fn labels_follow_their_ids() {
        assert_eq!(
            run(r#"<svg aria-labelledby="fn chart-t"></svg>"#),
            r#"<svg aria-labelledby="one--fn chart-t"></svg>"#
        );
    }
}
