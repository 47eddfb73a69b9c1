//! Chinese spacing in the event stream: soft line breaks and typed spaces that Chinese
//! typography wants gone (the rules are in [`cjk::joins_without_space`] and
//! [`cjk::drops_typed_space`]; docs/typography.md explains them).

use super::cjk;
use super::stream::{Node, Stage};
use pulldown_cmark::{CowStr, Event, Tag, TagEnd};
use std::collections::VecDeque;

/// Drops soft breaks and typed spaces between characters that join without a space. Code is
/// left alone: code blocks entirely, and inline code keeps the spaces around it. A soft break,
/// or a text ending in spaces, waits (with the inline markup after it) until the next text shows
/// the character after the gap.
#[derive(Default)]
pub struct JoinCjkLines<'a> {
    /// Whether the page is in a CJK language: spaces between Han and Latin are dropped too.
    pub chinese: bool,
    /// The last character shown before the gap, if only inline markup followed it.
    last: Option<char>,
    /// The gap: a text ending in spaces and/or a soft break, and the inline markup after them.
    pending: Vec<Node<'a>>,
    /// Whether `last` ends inline code or an embed, whose spaces after it stay.
    last_opaque: bool,
    /// Whether the stream is inside a code block.
    in_code: bool,
}

/// What a node is for spacing.
enum Kind {
    /// Prose text, which may be tightened.
    Text,
    /// Shown text that is not touched (inline code, an embed): the first and last characters.
    Opaque(Option<char>, Option<char>),
    SoftBreak,
    /// Markup inside a line (emphasis, links), which a gap may span.
    Inline,
    /// Anything else ends the line: blocks, hard breaks, HTML.
    Other,
}

fn kind(node: &Node) -> Kind {
    match node {
        // An embed counts as non-CJK text.
        Node::Embed { .. } => Kind::Opaque(Some('\u{FFFC}'), Some('\u{FFFC}')),
        Node::Event(e, _) => match e {
            Event::Text(_) => Kind::Text,
            Event::Code(t) => Kind::Opaque(t.chars().next(), t.chars().next_back()),
            Event::SoftBreak => Kind::SoftBreak,
            Event::Start(Tag::Emphasis | Tag::Strong | Tag::Strikethrough | Tag::Link { .. })
            | Event::End(
                TagEnd::Emphasis | TagEnd::Strong | TagEnd::Strikethrough | TagEnd::Link,
            )
            | Event::InlineHtml(_) => Kind::Inline,
            _ => Kind::Other,
        },
    }
}

impl<'a> JoinCjkLines<'a> {
    /// A stage for a page in a CJK language (`chinese`) or another language.
    pub fn new(chinese: bool) -> Self {
        JoinCjkLines {
            chinese,
            ..Self::default()
        }
    }

    /// Closes the gap before a shown character `after` (`typed`: whether typed spaces before it
    /// may go, which inline code does not allow).
    fn close(&mut self, after: Option<char>, typed: bool, out: &mut VecDeque<Node<'a>>) {
        let soft = cjk::joins_without_space(self.last, after, self.chinese);
        let space = typed
            && matches!((self.last, after), (Some(b), Some(a)) if cjk::drops_typed_space(b, a, self.chinese));
        for node in self.pending.drain(..) {
            match node {
                Node::Event(Event::SoftBreak, _) if soft => {}
                Node::Event(Event::Text(t), r) if space => {
                    let kept = t.trim_end_matches(' ').to_string();
                    out.push_back(Node::Event(Event::Text(CowStr::from(kept)), r));
                }
                n => out.push_back(n),
            }
        }
    }

    fn text(&mut self, t: &str, r: std::ops::Range<usize>, out: &mut VecDeque<Node<'a>>) {
        let mut t = cjk::tighten(t, self.chinese).into_owned();
        let first = t.trim_start_matches(' ').chars().next();
        let leading = t.len() - t.trim_start_matches(' ').len();
        let after_gap = if leading > 0 { None } else { first };
        self.close(after_gap, true, out);
        // Spaces at the start of a text follow the text or code before it.
        if leading > 0 && !self.last_opaque {
            let drop = matches!((self.last, first), (Some(b), Some(a)) if cjk::drops_typed_space(b, a, self.chinese));
            if drop {
                t.drain(..leading);
            }
        }
        let body = t.trim_end_matches(' ');
        let trailing = body.len() < t.len() && !body.is_empty();
        if let Some(c) = body.chars().next_back() {
            self.last = Some(c);
            self.last_opaque = false;
        }
        let node = Node::Event(Event::Text(CowStr::from(t)), r);
        if trailing {
            self.pending.push(node);
        } else {
            out.push_back(node);
        }
    }
}

impl<'a> Stage<'a> for JoinCjkLines<'a> {
    fn feed(&mut self, node: Option<Node<'a>>, out: &mut VecDeque<Node<'a>>) {
        let Some(node) = node else {
            return out.extend(self.pending.drain(..));
        };
        match &node {
            Node::Event(Event::Start(Tag::CodeBlock(_)), _) => self.in_code = true,
            Node::Event(Event::End(TagEnd::CodeBlock), _) => self.in_code = false,
            _ => {}
        }
        if self.in_code {
            out.extend(self.pending.drain(..));
            self.last = None;
            return out.push_back(node);
        }
        match kind(&node) {
            Kind::Text => {
                if let Node::Event(Event::Text(t), r) = node {
                    self.text(&t, r, out);
                }
            }
            Kind::Opaque(first, last) => {
                self.close(first, false, out);
                out.push_back(node);
                self.last = last;
                self.last_opaque = true;
            }
            Kind::SoftBreak | Kind::Inline if !self.pending.is_empty() => self.pending.push(node),
            Kind::SoftBreak => self.pending.push(node),
            Kind::Inline => out.push_back(node),
            Kind::Other => {
                out.extend(self.pending.drain(..));
                out.push_back(node);
                self.last = None;
            }
        }
    }
}
