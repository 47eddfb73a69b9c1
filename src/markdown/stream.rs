//! The stream the Markdown pass is built from: pulldown-cmark's events with their source ranges,
//! plus embed slots, passed through small stages and written to HTML once.

use pulldown_cmark::Event;
use std::cell::RefCell;
use std::collections::VecDeque;
use std::ops::Range;

/// One item of the stream.
#[derive(Debug, Clone, PartialEq)]
pub enum Node<'a> {
    /// A pulldown-cmark event and the source bytes it came from.
    Event(Event<'a>, Range<usize>),
    /// Where the embed with this index goes; `block` when it replaces a whole paragraph.
    Embed {
        /// Index into the embeds found in the text.
        index: usize,
        /// Whether the embed was the only content of its paragraph (which is left out).
        block: bool,
    },
}

/// A transform of the stream: it is fed each node, then `None` at the end, and pushes what
/// follows to `out` (nothing, the node, or several nodes).
pub trait Stage<'a> {
    /// Handles one node (or the end of the stream).
    fn feed(&mut self, node: Option<Node<'a>>, out: &mut VecDeque<Node<'a>>);
}

/// A stream with a stage applied; see [`StageExt::stage`].
pub struct Staged<'a, I, S> {
    inner: I,
    stage: S,
    queue: VecDeque<Node<'a>>,
    ended: bool,
}

impl<'a, I: Iterator<Item = Node<'a>>, S: Stage<'a>> Iterator for Staged<'a, I, S> {
    type Item = Node<'a>;

    fn next(&mut self) -> Option<Node<'a>> {
        loop {
            if let Some(n) = self.queue.pop_front() {
                return Some(n);
            }
            if self.ended {
                return None;
            }
            let n = self.inner.next();
            self.ended = n.is_none();
            self.stage.feed(n, &mut self.queue);
        }
    }
}

/// Adds [`StageExt::stage`] to every stream of nodes.
pub trait StageExt<'a>: Iterator<Item = Node<'a>> + Sized {
    /// Applies `stage` to the stream.
    fn stage<S: Stage<'a>>(self, stage: S) -> Staged<'a, Self, S> {
        Staged {
            inner: self,
            stage,
            queue: VecDeque::new(),
            ended: false,
        }
    }
}

impl<'a, I: Iterator<Item = Node<'a>>> StageExt<'a> for I {}

/// Where an embed goes in the written HTML.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Slot {
    /// Byte offset in the HTML.
    pub at: usize,
    /// Index of the embed.
    pub embed: usize,
    /// Whether the embed replaces a paragraph.
    pub block: bool,
    /// Whether a line break goes before the embed's HTML (where a paragraph would have started one).
    pub newline_before: bool,
}

/// The text of a `Text` or `Code` event: what headings, line joins and word counts read.
pub fn text_of<'n>(node: &'n Node) -> Option<&'n str> {
    match node {
        Node::Event(Event::Text(t) | Event::Code(t), _) => Some(t),
        _ => None,
    }
}

/// Writes the stream as HTML and returns it with the place of every embed. Positions are taken
/// while pulldown-cmark's writer pulls the next event, when everything before has been written.
pub fn write<'a>(nodes: impl Iterator<Item = Node<'a>>) -> (String, Vec<Slot>) {
    let buf = RefCell::new(String::new());
    let mut slots = Vec::new();
    let events = nodes.filter_map(|n| match n {
        Node::Event(e, _) => Some(e),
        Node::Embed { index, block } => {
            let html = buf.borrow();
            slots.push(Slot {
                at: html.len(),
                embed: index,
                block,
                newline_before: block && !(html.is_empty() || html.ends_with('\n')),
            });
            // A paragraph would have ended with "</p>\n"; keep its line break.
            block.then(|| Event::Html("\n".into()))
        }
    });
    // Writing to a String cannot fail.
    let _ = pulldown_cmark::html::write_html_fmt(Shared(&buf), events);
    (buf.into_inner(), slots)
}

struct Shared<'b>(&'b RefCell<String>);

impl std::fmt::Write for Shared<'_> {
    fn write_str(&mut self, s: &str) -> std::fmt::Result {
        self.0.borrow_mut().push_str(s);
        Ok(())
    }
}
