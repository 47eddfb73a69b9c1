//! Markdown to HTML in one streaming pass. The text is parsed once by pulldown-cmark; its events
//! (with their source ranges) flow through small stages, each in its own module, and are written
//! once:
//!
//! 1. [`emphasis`]: sentinels that repair emphasis next to Chinese punctuation are removed by
//!    position;
//! 2. [`embeds`]: `{{ … }}` embeds in text become slots (their HTML is spliced in later by
//!    [`embeds::splice`]);
//! 3. [`transforms`]: CJK line joins, heading ids ([`headings`]), table wrappers;
//! 4. [`links`]: link destinations are checked and resolved, lines found with [`lines`];
//! 5. [`transforms`]: `lang` on Chinese runs and the word count; then [`stream::write`].

pub mod calls;
pub mod cjk;
pub mod embeds;
pub mod emphasis;
pub mod headings;
pub mod lines;
pub mod links;
pub mod spacing;
pub mod splice;
pub mod stream;
pub mod transforms;

use crate::error::{Diagnostic, Location};
use cjk::TextCount;
pub use embeds::Embed;
use emphasis::Fate;
use headings::{IdSet, TocEntry};
use lines::{LineTable, Locator};
pub use links::is_external;
use pulldown_cmark::{Event, Options as MdOptions, Parser, Tag};
use spacing::JoinCjkLines;
use std::borrow::Cow;
use std::path::Path;
use stream::{Node, Slot, StageExt};
use transforms::{count_words, CjkSpans, HeadingIds, WrapTables};

/// Resolves a link destination written by the author to a URL, or says why it cannot.
/// It receives the destination and the 1-based line of the file where the link is. It must have
/// no side effects: a text may be rendered more than once (see [`render`]); the links of the
/// rendering that counts are in [`Rendered::links`].
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
    /// Whether the page is in a CJK language, where spaces typed between Han and Latin letters or
    /// digits are dropped (docs/typography.md).
    pub chinese: bool,
}

/// The result of rendering one Markdown text.
#[derive(Debug, Clone, Default)]
pub struct Rendered {
    /// HTML without the embeds; [`embeds::splice`] puts them in at `slots`.
    pub html: String,
    /// Where each embed goes in `html`, in order.
    pub slots: Vec<Slot>,
    /// Headings of level 2 and 3.
    pub toc: Vec<TocEntry>,
    /// Every element id the text defines.
    pub ids: Vec<String>,
    /// Whether `ids` holds every id in `html`: the text has no raw HTML and no footnote, which
    /// bring ids of their own (else only reading `html` finds them all).
    pub ids_complete: bool,
    /// Embeds in order of appearance; lines are lines of the file.
    pub embeds: Vec<Embed>,
    /// Estimated minutes to read.
    pub reading_minutes: usize,
    /// Problems found (malformed embeds, unresolved or refused links).
    pub diagnostics: Vec<Diagnostic>,
    /// Internal links that resolved, with their 1-based file lines.
    pub links: Vec<(String, usize)>,
}

fn options() -> MdOptions {
    MdOptions::ENABLE_TABLES
        | MdOptions::ENABLE_FOOTNOTES
        | MdOptions::ENABLE_STRIKETHROUGH
        | MdOptions::ENABLE_TASKLISTS
        | MdOptions::ENABLE_HEADING_ATTRIBUTES
}

/// CommonMark replaces U+0000 with U+FFFD (pulldown-cmark leaves it in).
fn without_nul(text: &str) -> Cow<'_, str> {
    if text.contains('\0') {
        Cow::Owned(text.replace('\0', "\u{FFFD}"))
    } else {
        Cow::Borrowed(text)
    }
}

/// Runs `pass` on `text` with emphasis sentinels inserted. `pass` gets the text, the sentinels'
/// offsets and their fates to record. A sentinel not removed landed outside plain text, where it
/// cannot be removed: the pass runs again without it (twice at most, then without any sentinel).
fn with_emphasis_repair<T>(text: &str, pass: impl Fn(&str, &[usize], &mut [Fate]) -> T) -> T {
    let mut keep = emphasis::candidates(text);
    let mut attempts = 0;
    loop {
        let (src, at) = emphasis::insert(text, &keep);
        let mut fate = vec![Fate::Left; at.len()];
        let out = pass(&src, &at, &mut fate);
        let removed = |f: &Fate| *f == Fate::Removed;
        if fate.iter().all(removed) {
            return out;
        }
        attempts += 1;
        keep = if attempts < 3 {
            keep.iter()
                .zip(&fate)
                .filter(|(_, f)| removed(f))
                .map(|(p, _)| *p)
                .collect()
        } else {
            Vec::new()
        };
    }
}

/// Renders a chapter body.
pub fn render(text: &str, ctx: &Context) -> Rendered {
    let text = without_nul(text);
    with_emphasis_repair(&text, |src, at, fate| render_pass(src, at, fate, ctx))
}

fn render_pass(src: &str, at: &[usize], fate: &mut [Fate], ctx: &Context) -> Rendered {
    let loc = Locator {
        lines: LineTable::new(src),
        first_line: ctx.first_line,
        inserted: at,
    };
    let mut out = Rendered::default();
    let (mut errors, mut link_diags) = (Vec::new(), Vec::new());
    let mut ids = IdSet::default();
    ctx.reserved_ids.iter().for_each(|id| ids.reserve(id));
    let mut count = TextCount::default();
    let mut strip = emphasis::StripSentinels { src, at, fate };
    let mut links = links::Links {
        ctx,
        src,
        loc: &loc,
        cursor: Default::default(),
        diags: &mut link_diags,
        resolved: &mut out.links,
    };
    // Watched as parsed: the stages below add markup of their own, but no id outside headings.
    let mut markup = false;
    let nodes = Parser::new_ext(src, options())
        .into_offset_iter()
        .filter_map(|(e, r)| strip.strip(Node::Event(e, r)))
        .inspect(|n| markup |= brings_ids(n))
        .stage(embeds::Extract::new(
            src,
            &loc,
            &mut out.embeds,
            &mut errors,
        ))
        .stage(JoinCjkLines::new(ctx.chinese))
        .stage(HeadingIds {
            ids: &mut ids,
            toc: &mut out.toc,
            heading: Vec::new(),
            footnotes: Default::default(),
        })
        .map(|n| links.rewrite(n));
    let nodes = WrapTables::new(nodes);
    // Only pages in a non-CJK language mark Chinese runs.
    let nodes: Box<dyn Iterator<Item = Node>> = match ctx.cjk_lang {
        Some(code) => Box::new(nodes.stage(CjkSpans {
            code: Some(code),
            in_code: false,
        })),
        None => Box::new(nodes),
    };
    let nodes = nodes.inspect(|n| count_words(&mut count, n));
    (out.html, out.slots) = stream::write(nodes);
    out.ids_complete = !markup;
    out.diagnostics = errors.into_iter().map(|e| {
        Diagnostic::error(Location::at(ctx.file, e.line, Some(e.column)), e.message)
            .with_help("embeds look like {{ chart(id=\"market-size\") }}, shortcodes with a body like {% callout(kind=\"note\") %} … {% end %} (each marker on a line of its own); write {{/* … */}} for literal braces")
    }).collect();
    out.diagnostics.extend(link_diags);
    out.reading_minutes = count.minutes();
    out.ids = ids.into_ids(ctx.reserved_ids);
    out
}

/// Whether `node` may put an id in the HTML that no heading has: raw HTML and footnotes.
fn brings_ids(node: &Node) -> bool {
    matches!(
        node,
        Node::Event(
            Event::Html(_)
                | Event::InlineHtml(_)
                | Event::FootnoteReference(_)
                | Event::Start(Tag::HtmlBlock | Tag::FootnoteDefinition(_)),
            _
        )
    )
}

/// Put before a text that must be read as one paragraph of inline Markdown: a no-break space
/// starts no block (`# `, `- `, `2024. `, `>`, `<div>` after it are text), and is whitespace
/// to the emphasis rules, so `_a_` after it still opens emphasis.
pub const INLINE_GUARD: char = '\u{a0}';

/// `text` as the source of one paragraph of inline Markdown, behind [`INLINE_GUARD`], without
/// blank lines. A later line that would open a block (a list item, heading, quote, fence) is
/// indented by four spaces, which makes every line of a paragraph a continuation line; only
/// then, since a code span keeps that indentation.
pub fn inline_source(text: &str) -> String {
    let join = |sep: &str| {
        let mut out = String::with_capacity(text.len() + 8);
        out.push(INLINE_GUARD);
        let lines = text.lines().map(str::trim).filter(|l| !l.is_empty());
        for (i, line) in lines.enumerate() {
            if i > 0 {
                out.push_str(sep);
            }
            out.push_str(line);
        }
        out
    };
    let src = join("\n");
    if one_paragraph(&src) {
        src
    } else {
        join("\n    ")
    }
}

/// Whether Markdown `src` is a single paragraph.
fn one_paragraph(src: &str) -> bool {
    let mut events = Parser::new_ext(src, options());
    if !matches!(events.next(), Some(Event::Start(Tag::Paragraph))) {
        return false;
    }
    let mut depth = 1;
    for e in events {
        if depth == 0 {
            return false;
        }
        match e {
            Event::Start(_) => depth += 1,
            Event::End(_) => depth -= 1,
            _ => {}
        }
    }
    true
}

/// Renders a short text (takeaway, disclosure) without embeds or links to other pages, on a page
/// in a CJK language (`chinese`) or not; `inline` reads it as one paragraph of inline Markdown
/// (see [`inline_source`]) and gives its HTML without the paragraph.
pub fn render_snippet(text: &str, inline: bool, chinese: bool) -> String {
    if inline {
        let html = render_snippet(&inline_source(text), false, chinese);
        let inner = html
            .strip_prefix("<p>")
            .and_then(|h| h.strip_suffix("</p>"))
            .unwrap_or(&html);
        return inner.trim_start_matches(INLINE_GUARD).to_string();
    }
    let text = without_nul(text);
    let html = with_emphasis_repair(&text, |src, at, fate| {
        let mut strip = emphasis::StripSentinels { src, at, fate };
        let nodes = Parser::new_ext(src, options())
            .into_offset_iter()
            .filter_map(|(e, r)| strip.strip(Node::Event(e, r)))
            .stage(JoinCjkLines::new(chinese))
            .map(links::neutralize);
        stream::write(nodes).0
    });
    html.trim_end().to_string()
}

impl IdSet {
    /// The ids handed out, without the reserved ones.
    fn into_ids(self, reserved: &[String]) -> Vec<String> {
        let reserved: std::collections::HashSet<&str> =
            reserved.iter().map(String::as_str).collect();
        self.all()
            .into_iter()
            .filter(|id| !reserved.contains(id.as_str()))
            .collect()
    }
}

#[cfg(test)]
mod proptests;
#[cfg(test)]
mod tests;
#[cfg(test)]
mod tests_embeds;
