//! Embeds: `{{ name(key="value") }}` in Markdown text, the body form of shortcodes
//! (`{% name(…) %}` … `{% end %}`, each marker on a line of its own at the start or end of a
//! paragraph) and images beside the chapter (`![alt](fig.png)`). They are found in pulldown-cmark's
//! text and image events (so never in code, HTML, comments or attributes), leave a slot in the
//! event stream, and their HTML is spliced in by position once every chapter is rendered.
//! `{{/* … */}}` writes the literal text `{{ … }}`. An embed's arguments are its source text:
//! Markdown syntax in them (`*`, `_`, backticks, links, HTML) is not read as Markdown (see
//! [`inline`]).

pub use super::calls::{parse_call, Arg, Args};
use super::lines::{Cursor, Locator};
pub use super::splice::{splice, splice_bodies};
use super::stream::{Node, Stage};
use pulldown_cmark::{CowStr, Event, Tag, TagEnd};
use std::collections::VecDeque;
use std::ops::Range;

mod images;
mod inline;
mod scan;
use images::is_local;
use scan::{next_open, Piece};

/// What an embed is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// `{{ name(…) }}`.
    Call,
    /// `{% name(…) %}`, the start of a shortcode with a body.
    Open,
    /// `{% end %}`, the end of the body opened last.
    Close,
    /// `![alt](path)` with a relative path: a file beside the chapter (args `src`, `alt`,
    /// `title`).
    Image,
}

/// One embed found in a chapter.
#[derive(Debug, Clone, PartialEq)]
pub struct Embed {
    /// Component name (`chart`, `ref`, a shortcode; `image` for images, `end` for `{% end %}`).
    pub name: String,
    /// What it is.
    pub kind: Kind,
    /// Arguments, by name.
    pub args: Args,
    /// 1-based line of the file.
    pub line: usize,
    /// 1-based column (in characters).
    pub column: usize,
    /// Whether the embed is a paragraph of its own.
    pub block: bool,
    /// Whether the embed is in a link's text, where it must not make a link of its own.
    pub in_link: bool,
}

impl Embed {
    /// The text of argument `key`, if it is given as text.
    pub fn str_arg(&self, key: &str) -> Option<&str> {
        self.args.get(key).and_then(Arg::as_str)
    }
}

/// A malformed embed and where it is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EmbedError {
    /// 1-based line of the file.
    pub line: usize,
    /// 1-based column.
    pub column: usize,
    /// What is wrong.
    pub message: String,
}

/// Finds embeds in runs of text events outside code blocks and images, replacing each with a
/// [`Node::Embed`]; an embed that is all of its paragraph replaces the paragraph.
pub struct Extract<'a, 'b> {
    src: &'a str,
    loc: &'b Locator<'b>,
    found: &'b mut Vec<Embed>,
    errors: &'b mut Vec<EmbedError>,
    /// Depth inside code blocks and images, where text stays text.
    literal: usize,
    /// A paragraph start held back until we know whether an embed replaces the paragraph.
    para: Option<Node<'a>>,
    /// Consecutive text events whose source is contiguous and verbatim.
    run: Vec<Node<'a>>,
    /// Where the last column was counted.
    cursor: Cursor,
    /// A line break inside a paragraph, held back in case a `{% end %}` line follows it.
    brk: Option<Node<'a>>,
    /// An image being read: its alt text is gathered until it ends.
    image: Option<Capture<'a>>,
    /// An image just read, placed once the next node shows whether it was all of its paragraph.
    placed: Option<(usize, Option<Node<'a>>)>,
    /// Nesting depth of block and inline elements, and that of each open shortcode body.
    depth: usize,
    bodies: Vec<(usize, usize)>,
    /// Depth inside links.
    links: usize,
    /// The source of an embed the run opens and does not yet close, once looked for (see
    /// [`inline`]); cleared when the run grows past it or is flushed.
    pending: Option<Option<Range<usize>>>,
    /// The source the run covers, kept as it grows: asked for at every event.
    span: Option<Range<usize>>,
    /// Where the look for an unclosed embed resumes: the run's embeds before it are closed, so
    /// a paragraph of many embeds is read once, not once per event (see [`inline::unclosed`]).
    scanned: usize,
}

/// An image being read.
struct Capture<'a> {
    index: usize,
    para: Option<Node<'a>>,
    nested: usize,
}

impl<'a, 'b> Extract<'a, 'b> {
    /// A stage over text `src` that appends to `found` and `errors`.
    pub fn new(
        src: &'a str,
        loc: &'b Locator<'b>,
        found: &'b mut Vec<Embed>,
        errors: &'b mut Vec<EmbedError>,
    ) -> Self {
        Extract {
            src,
            loc,
            found,
            errors,
            literal: 0,
            para: None,
            run: Vec::new(),
            cursor: Cursor::default(),
            brk: None,
            image: None,
            placed: None,
            depth: 0,
            bodies: Vec::new(),
            links: 0,
            pending: None,
            span: None,
            scanned: 0,
        }
    }

    fn run_range(&self) -> Option<Range<usize>> {
        self.span.clone()
    }

    /// Adds `node` to the run of text.
    fn push_run(&mut self, node: Node<'a>) {
        if let Node::Event(_, r) = &node {
            self.span = Some(match self.span.take() {
                Some(s) => s.start.min(r.start)..s.end.max(r.end),
                None => r.clone(),
            });
        }
        self.run.push(node);
    }

    /// Empties the run, giving its nodes.
    fn take_run(&mut self) -> std::vec::Drain<'_, Node<'a>> {
        (self.span, self.scanned) = (None, 0);
        self.run.drain(..)
    }

    /// Whether the node at source `r` lies wholly inside an embed the run has opened, so that
    /// it is part of the embed's text rather than Markdown of its own.
    fn absorbs(&mut self, r: &Range<usize>) -> bool {
        let Some(run) = self.run_range() else {
            return false;
        };
        let (src, scanned) = (self.src, &mut self.scanned);
        let pending = self
            .pending
            .get_or_insert_with(|| inline::unclosed(src, run, scanned));
        pending
            .as_ref()
            .is_some_and(|e| r.start >= e.start && r.end <= e.end)
    }

    /// Whether `node` is a text event that shows its source verbatim (not an entity or escape).
    fn verbatim(&self, node: &Node) -> bool {
        matches!(node, Node::Event(Event::Text(t), r) if self.src.get(r.clone()) == Some(&**t))
    }

    /// Emits the held paragraph and line break, then the run; returns whether `next` must be
    /// dropped (the run was an embed that replaced its paragraph, or a body marker whose line
    /// break or paragraph end it took over).
    fn flush(&mut self, next: Option<&Node>, out: &mut VecDeque<Node<'a>>) -> bool {
        let Some(range) = self.run_range() else {
            out.extend(self.para.take());
            out.extend(self.brk.take());
            return false;
        };
        if !has_open(&self.src[range.clone()]) {
            out.extend(self.para.take());
            out.extend(self.brk.take());
            let run = self.take_run().collect::<Vec<_>>();
            out.extend(run);
            return false;
        }
        let events: Vec<Range<usize>> = self
            .take_run()
            .filter_map(|n| match n {
                Node::Event(_, r) => Some(r),
                _ => None,
            })
            .collect();
        let skip = inline::skips(self.src, self.loc.inserted, range.clone(), events);
        self.pending = None;
        let pieces = self.scan(range.clone(), &skip);
        let single = match pieces.as_slice() {
            [Piece::Embed(i)] => Some((*i, self.found[*i].kind)),
            _ => None,
        };
        let ends_para = matches!(next, Some(Node::Event(Event::End(TagEnd::Paragraph), _)));
        let breaks = matches!(next, Some(Node::Event(Event::SoftBreak, _)));
        match (single, self.para.is_some(), self.brk.is_some()) {
            // All of its paragraph: the embed replaces it.
            (Some((i, _)), true, _) if ends_para => {
                self.para = None;
                return self.place_block(i, None, out);
            }
            // `{% name(…) %}` on the first line of a paragraph: the rest is a paragraph of its own.
            (Some((i, Kind::Open)), true, _) if breaks => {
                let para = self.para.take();
                self.place_block(i, None, out);
                self.para = para;
                return true;
            }
            // `{% end %}` on the last line of a paragraph: the paragraph ends before it.
            (Some((i, Kind::Close)), false, true) if ends_para => {
                self.brk = None;
                let end = Node::Event(Event::End(TagEnd::Paragraph), range.start..range.start);
                return self.place_block(i, Some(end), out);
            }
            _ => {}
        }
        out.extend(self.para.take());
        out.extend(self.brk.take());
        for p in pieces {
            out.push_back(match p {
                Piece::Text(r) => {
                    Node::Event(Event::Text(CowStr::Borrowed(&self.src[r.clone()])), r)
                }
                Piece::Owned(text, r) => Node::Event(Event::Text(text.into()), r),
                Piece::Embed(index) => {
                    let e = &self.found[index];
                    let (line, column, kind) = (e.line, e.column, e.kind);
                    if kind == Kind::Close && single.is_some() && !ends_para {
                        self.error(line, column, "`{% end %}` continues the list or quote above it: put a blank line before it".into());
                    } else if matches!(kind, Kind::Open | Kind::Close) {
                        self.error(line, column, "a shortcode's `{% … %}` and `{% end %}` must each be on a line of their own, at the start and the end of a paragraph".into());
                    }
                    Node::Embed {
                        index,
                        block: false,
                    }
                }
            });
        }
        false
    }

    /// Emits embed `i` as a block (after `before`), checking that body markers pair up at the
    /// same depth; returns true (the node that follows is dropped).
    fn place_block(
        &mut self,
        i: usize,
        before: Option<Node<'a>>,
        out: &mut VecDeque<Node<'a>>,
    ) -> bool {
        self.found[i].block = true;
        // The paragraph of the marker is still open in `depth`.
        let depth = self.depth.saturating_sub(1);
        let e = &self.found[i];
        let (line, column) = (e.line, e.column);
        match e.kind {
            Kind::Open => self.bodies.push((i, depth)),
            Kind::Close => match self.bodies.pop() {
                None => self.error(line, column, "`{% end %}` closes no shortcode: there is no `{% name(…) %}` before it".into()),
                Some((_, d)) if d != depth => self.error(line, column, "`{% end %}` is not at the level of its `{% … %}` (inside a list or quote it opened outside, or the reverse): put a blank line before it".into()),
                Some(_) => {}
            },
            _ => {}
        }
        out.extend(before);
        out.push_back(Node::Embed {
            index: i,
            block: true,
        });
        true
    }
}

/// Whether `text` may hold the start of an embed or body marker.
fn has_open(text: &str) -> bool {
    text.contains("{{") || text.contains("{%")
}

impl<'a> Stage<'a> for Extract<'a, '_> {
    fn feed(&mut self, node: Option<Node<'a>>, out: &mut VecDeque<Node<'a>>) {
        if self.image.is_some() {
            return node.into_iter().for_each(|n| self.read_image(n));
        }
        if let Some((index, para)) = self.placed.take() {
            let ends_para = matches!(node, Some(Node::Event(Event::End(TagEnd::Paragraph), _)));
            if para.is_some() && ends_para {
                self.depth = self.depth.saturating_sub(1);
                self.found[index].block = true;
                return out.push_back(Node::Embed { index, block: true });
            }
            out.extend(para);
            out.push_back(Node::Embed {
                index,
                block: false,
            });
        }
        if let Some(n @ Node::Event(_, r)) = &node {
            if self.literal == 0 && self.absorbs(r) {
                return self.push_run(n.clone());
            }
        }
        let node = match node {
            Some(n @ Node::Event(_, _)) if self.literal == 0 && self.verbatim(&n) => {
                let Node::Event(_, r) = &n else { return };
                // Most text holds no embed: pass it on without buffering.
                let text = &self.src[r.clone()];
                if self.run.is_empty() && !has_open(text) && !text.ends_with('{') {
                    out.extend(self.para.take());
                    out.extend(self.brk.take());
                    return out.push_back(n);
                }
                if self.run_range().is_some_and(|run| run.end != r.start) {
                    self.flush(None, out);
                }
                self.pending = None;
                return self.push_run(n);
            }
            Some(ref n @ Node::Event(Event::Start(Tag::Image { ref dest_url, .. }), _))
                if self.literal == 0 && is_local(dest_url) =>
            {
                return self.begin_image(n, out);
            }
            other => other,
        };
        let replaced = self.flush(node.as_ref(), out);
        let Some(node) = node else {
            if let Some(&(i, _)) = self.bodies.last() {
                let (line, column) = (self.found[i].line, self.found[i].column);
                self.error(line, column, format!("`{{% {}(…) %}}` is not closed: add `{{% end %}}` on a line of its own after its body", self.found[i].name));
            }
            return;
        };
        if let Node::Event(e, _) = &node {
            match e {
                Event::Start(_) => self.depth += 1,
                Event::End(_) => self.depth = self.depth.saturating_sub(1),
                _ => {}
            }
            match e {
                Event::Start(Tag::Link { .. }) => self.links += 1,
                Event::End(TagEnd::Link) => self.links = self.links.saturating_sub(1),
                _ => {}
            }
            match e {
                Event::Start(Tag::CodeBlock(_) | Tag::Image { .. }) => self.literal += 1,
                Event::End(TagEnd::CodeBlock | TagEnd::Image) => {
                    self.literal = self.literal.saturating_sub(1)
                }
                Event::Start(Tag::Paragraph) => return self.para = Some(node),
                Event::SoftBreak if !replaced && self.literal == 0 => return self.brk = Some(node),
                _ => {}
            }
        }
        if !replaced {
            out.push_back(node);
        }
    }
}
