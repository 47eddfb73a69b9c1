//! Markdown to HTML: embeds are cut out, Chinese emphasis is repaired, then pulldown-cmark's
//! events pass through small transforms (heading ids, CJK line breaks, links, tables) before the
//! HTML is written. Embeds are left as placeholders for the caller to splice with [`embeds::splice`].

pub mod cjk;
pub mod embeds;
pub mod headings;
mod prepare;

use crate::error::{Diagnostic, Location};
pub use embeds::Embed;
use headings::{IdSet, TocEntry};
use pulldown_cmark::{CowStr, Event, Options as MdOptions, Parser, Tag, TagEnd};
use std::ops::Range;
use std::path::Path;

/// Resolves a link destination written by the author to a URL, or says why it cannot.
/// It receives the destination and the 1-based line of the file where the link is.
pub type LinkResolver<'a> = dyn Fn(&str, usize) -> Result<String, String> + 'a;

/// What a Markdown text needs to know about where it lives.
pub struct Context<'a> {
    /// The file, relative to the site root, for messages.
    pub file: &'a Path,
    /// 1-based line of the file where the text starts.
    pub first_line: usize,
    /// Rewrites internal link destinations.
    pub links: &'a LinkResolver<'a>,
    /// Ids the page already uses, which headings must not take.
    pub reserved_ids: &'a [String],
    /// On pages in a non-CJK language, the `lang` code given to runs of Chinese text
    /// (e.g. `zh-CN`), so that browsers pick Chinese glyphs and screen readers the right voice.
    pub cjk_lang: Option<&'a str>,
}

/// The result of rendering one Markdown text.
#[derive(Debug, Clone, Default)]
pub struct Rendered {
    /// HTML, with embed placeholders.
    pub html: String,
    /// Headings of level 2 and 3.
    pub toc: Vec<TocEntry>,
    /// Every element id the text defines.
    pub ids: Vec<String>,
    /// Embeds in order of appearance; lines are lines of the file.
    pub embeds: Vec<Embed>,
    /// Estimated minutes to read.
    pub reading_minutes: usize,
    /// Problems found (malformed embeds, unresolved links).
    pub diagnostics: Vec<Diagnostic>,
}

fn options() -> MdOptions {
    MdOptions::ENABLE_TABLES
        | MdOptions::ENABLE_FOOTNOTES
        | MdOptions::ENABLE_STRIKETHROUGH
        | MdOptions::ENABLE_TASKLISTS
        | MdOptions::ENABLE_HEADING_ATTRIBUTES
}

/// Renders a chapter body.
pub fn render(text: &str, ctx: &Context) -> Rendered {
    let prepared = prepare::prepare(text);
    let mut out = Rendered::default();
    for e in &prepared.errors {
        out.diagnostics.push(
            Diagnostic::error(Location::at(ctx.file, ctx.first_line + e.line - 1, Some(e.column)), e.message.clone())
                .with_help("embeds look like {{ chart(id=\"market-size\") }}; write {{/* … */}} for literal braces"),
        );
    }
    out.embeds = prepared
        .embeds
        .into_iter()
        .map(|mut e| {
            e.line += ctx.first_line - 1;
            e
        })
        .collect();
    let line_of = |offset: usize| {
        ctx.first_line
            + prepared.text[..offset.min(prepared.text.len())]
                .matches('\n')
                .count()
    };
    let events: Vec<(Event, Range<usize>)> = Parser::new_ext(&prepared.text, options())
        .into_offset_iter()
        .collect();
    let mut ids = IdSet::default();
    ctx.reserved_ids.iter().for_each(|id| ids.reserve(id));
    let events = strip_sentinels(events);
    let events = join_cjk_lines(events);
    let events = add_heading_ids(events, &mut ids, &mut out.toc);
    let events = rewrite_links(events, ctx, &line_of, &mut out.diagnostics);
    let events = wrap_tables(events);
    let events = match ctx.cjk_lang {
        Some(code) => mark_cjk_runs(events, code),
        None => events,
    };
    let mut count = cjk::TextCount::default();
    for (e, _) in &events {
        if let Event::Text(t) = e {
            count.add(t);
        }
    }
    out.reading_minutes = count.minutes();
    out.ids = ids.into_ids(ctx.reserved_ids);
    pulldown_cmark::html::push_html(&mut out.html, events.into_iter().map(|(e, _)| e));
    out
}

/// Renders a short text (takeaway, disclosure) without embeds or links to other pages.
pub fn render_snippet(text: &str, inline: bool) -> String {
    let fixed = cjk::fix_emphasis(text);
    let events: Vec<(Event, Range<usize>)> = Parser::new_ext(&fixed, options())
        .into_offset_iter()
        .collect();
    let events = join_cjk_lines(strip_sentinels(events));
    let mut html = String::new();
    pulldown_cmark::html::push_html(&mut html, events.into_iter().map(|(e, _)| e));
    let html = html.trim_end().to_string();
    if inline {
        if let Some(inner) = html
            .strip_prefix("<p>")
            .and_then(|h| h.strip_suffix("</p>"))
        {
            if !inner.contains("<p>") {
                return inner.to_string();
            }
        }
    }
    html
}

type Events<'a> = Vec<(Event<'a>, Range<usize>)>;

fn strip_sentinels(events: Events) -> Events {
    events
        .into_iter()
        .filter_map(|(e, r)| match e {
            Event::Text(t) if t.contains(cjk::SENTINEL) => {
                let s = t.replace(cjk::SENTINEL, "");
                (!s.is_empty()).then(|| (Event::Text(s.into()), r))
            }
            other => Some((other, r)),
        })
        .collect()
}

/// Drops soft breaks between two CJK characters, so wrapped Chinese lines join without a space.
fn join_cjk_lines(events: Events) -> Events {
    let mut out: Events = Vec::with_capacity(events.len());
    for i in 0..events.len() {
        if matches!(events[i].0, Event::SoftBreak) {
            let before = out
                .iter()
                .rev()
                .find_map(|(e, _)| text_of(e))
                .and_then(|t| t.chars().last());
            let after = events[i + 1..]
                .iter()
                .find_map(|(e, _)| text_of(e))
                .and_then(|t| t.chars().next());
            if cjk::joins_without_space(before, after) {
                continue;
            }
        }
        out.push(events[i].clone());
    }
    out
}

fn text_of<'a>(e: &'a Event) -> Option<&'a str> {
    match e {
        Event::Text(t) | Event::Code(t) => Some(t),
        _ => None,
    }
}

fn add_heading_ids<'a>(events: Events<'a>, ids: &mut IdSet, toc: &mut Vec<TocEntry>) -> Events<'a> {
    let mut out = events;
    let mut i = 0;
    while i < out.len() {
        if let Event::Start(Tag::Heading { level, id, .. }) = &out[i].0 {
            let level = *level as u8;
            let explicit = id.as_ref().map(|s| s.to_string());
            let end = (i..out.len())
                .find(|&j| matches!(out[j].0, Event::End(TagEnd::Heading(_))))
                .unwrap_or(i);
            let text: String = out[i + 1..end]
                .iter()
                .filter_map(|(e, _)| text_of(e))
                .collect();
            let new_id = ids.unique(&explicit.unwrap_or_else(|| headings::slugify(&text)));
            if let Event::Start(Tag::Heading { id, .. }) = &mut out[i].0 {
                *id = Some(CowStr::from(new_id.clone()));
            }
            if level == 2 || level == 3 {
                toc.push(TocEntry {
                    level,
                    id: new_id,
                    text: text.trim().to_string(),
                });
            }
            i = end;
        }
        i += 1;
    }
    out
}

fn rewrite_links<'a>(
    events: Events<'a>,
    ctx: &Context,
    line_of: &dyn Fn(usize) -> usize,
    diags: &mut Vec<Diagnostic>,
) -> Events<'a> {
    events
        .into_iter()
        .map(|(e, r)| {
            let e = match e {
                Event::Start(Tag::Link {
                    link_type,
                    dest_url,
                    title,
                    id,
                }) => {
                    let dest = resolve(&dest_url, ctx, line_of(r.start), diags);
                    Event::Start(Tag::Link {
                        link_type,
                        dest_url: dest,
                        title,
                        id,
                    })
                }
                Event::Start(Tag::Image {
                    link_type,
                    dest_url,
                    title,
                    id,
                }) => {
                    let dest = resolve(&dest_url, ctx, line_of(r.start), diags);
                    Event::Start(Tag::Image {
                        link_type,
                        dest_url: dest,
                        title,
                        id,
                    })
                }
                other => other,
            };
            (e, r)
        })
        .collect()
}

/// Whether a link leaves the site (has a scheme such as `https:` or `mailto:`).
pub fn is_external(dest: &str) -> bool {
    let Some(colon) = dest.find(':') else {
        return false;
    };
    let scheme = &dest[..colon];
    !scheme.is_empty()
        && scheme
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.'))
}

fn resolve<'a>(
    dest: &CowStr<'a>,
    ctx: &Context,
    line: usize,
    diags: &mut Vec<Diagnostic>,
) -> CowStr<'a> {
    if is_external(dest) || dest.starts_with('#') || dest.is_empty() {
        return dest.clone();
    }
    match (ctx.links)(dest, line) {
        Ok(url) => url.into(),
        Err(msg) => {
            diags.push(Diagnostic::error(Location::at(ctx.file, line, None), msg).with_help(
                "link to another chapter by its file, e.g. [text](outlook.en.md#heading), or to a site path such as /aigc-2024/related/",
            ));
            dest.clone()
        }
    }
}

/// Wraps runs of CJK text (outside code) in `<span lang=…>`.
fn mark_cjk_runs<'a>(events: Events<'a>, code: &str) -> Events<'a> {
    let mut out = Vec::with_capacity(events.len());
    let mut in_code = false;
    for (e, r) in events {
        match &e {
            Event::Start(Tag::CodeBlock(_)) => in_code = true,
            Event::End(TagEnd::CodeBlock) => in_code = false,
            _ => {}
        }
        let Event::Text(t) = &e else {
            out.push((e, r));
            continue;
        };
        if in_code || !t.chars().any(cjk::is_cjk) {
            out.push((e, r));
            continue;
        }
        for (is_cjk, run) in cjk_runs(t) {
            if is_cjk {
                out.push((
                    Event::Html(format!("<span lang=\"{code}\">").into()),
                    r.clone(),
                ));
                out.push((Event::Text(run.into()), r.clone()));
                out.push((Event::Html("</span>".into()), r.clone()));
            } else {
                out.push((Event::Text(run.into()), r.clone()));
            }
        }
    }
    out
}

/// Splits text into runs that are CJK (with the punctuation and spaces between CJK characters)
/// and runs that are not.
fn cjk_runs(text: &str) -> Vec<(bool, String)> {
    let mut runs: Vec<(bool, String)> = Vec::new();
    for c in text.chars() {
        let kind = cjk::is_cjk(c);
        match runs.last_mut() {
            Some((k, s)) if *k == kind => s.push(c),
            _ => runs.push((kind, c.to_string())),
        }
    }
    // Latin letters inside a Chinese name ("中国AIGC应用") belong to the Chinese run.
    let mut merged: Vec<(bool, String)> = Vec::new();
    for (i, (kind, s)) in runs.iter().enumerate() {
        let inner = !kind
            && !s.chars().any(char::is_whitespace)
            && i > 0
            && runs.get(i + 1).is_some_and(|(k, _)| *k);
        match merged.last_mut() {
            Some((true, prev)) if inner || *kind => prev.push_str(s),
            _ => merged.push((*kind, s.clone())),
        }
    }
    merged
}

/// Wraps tables in a focusable container that scrolls sideways on narrow screens.
fn wrap_tables(events: Events) -> Events {
    let mut out = Vec::with_capacity(events.len() + 4);
    for (e, r) in events {
        match &e {
            Event::Start(Tag::Table(_)) => {
                out.push((
                    Event::Html("<div class=\"table-wrap\" tabindex=\"0\">".into()),
                    r.clone(),
                ));
                out.push((e, r));
            }
            Event::End(TagEnd::Table) => {
                out.push((e, r.clone()));
                out.push((Event::Html("</div>".into()), r));
            }
            _ => out.push((e, r)),
        }
    }
    out
}

impl IdSet {
    /// The ids handed out, without the reserved ones.
    fn into_ids(self, reserved: &[String]) -> Vec<String> {
        self.all()
            .into_iter()
            .filter(|id| !reserved.contains(id))
            .collect()
    }
}

#[cfg(test)]
mod tests;
