//! Small stages over the event stream: heading ids, table wrappers, `lang` on
//! Chinese runs, and the word count for reading time.

use super::cjk::{self, TextCount};
use super::headings::{self, IdSet, TocEntry};
use super::stream::{text_of, Node, Stage};
use crate::escape::html as escape_html;
use pulldown_cmark::{CowStr, Event, Tag, TagEnd};
use std::collections::VecDeque;

/// Gives every heading an id (its explicit `{#id}` as written, or a slug of its text made
/// unique) and every footnote one that is a valid, unique id (`fn-` and a slug of its label),
/// and collects headings of level 2 and 3 for the table of contents.
pub struct HeadingIds<'a, 'b> {
    /// Ids taken on the page.
    pub ids: &'b mut IdSet,
    /// The table of contents.
    pub toc: &'b mut Vec<TocEntry>,
    /// The heading being read, from its start event.
    pub heading: Vec<Node<'a>>,
    /// The id of each footnote label seen.
    pub footnotes: std::collections::HashMap<String, String>,
}

impl<'a> HeadingIds<'a, '_> {
    /// The id of footnote `label`. pulldown-cmark writes the label itself as the id: `[^a b]`
    /// gave `id="a b"` (no valid id) and `[^1]` took the id of a heading `## 1`.
    fn footnote(&mut self, label: &str) -> CowStr<'a> {
        let ids = &mut *self.ids;
        let id = self
            .footnotes
            .entry(label.to_string())
            .or_insert_with(|| ids.unique(&format!("fn-{}", headings::slugify(label))));
        CowStr::from(id.clone())
    }
}

impl<'a> Stage<'a> for HeadingIds<'a, '_> {
    fn feed(&mut self, node: Option<Node<'a>>, out: &mut VecDeque<Node<'a>>) {
        let Some(mut node) = node else {
            return out.extend(self.heading.drain(..));
        };
        match &mut node {
            Node::Event(Event::FootnoteReference(label), _)
            | Node::Event(Event::Start(Tag::FootnoteDefinition(label)), _) => {
                *label = self.footnote(label);
            }
            _ => {}
        }
        let starts = matches!(node, Node::Event(Event::Start(Tag::Heading { .. }), _));
        if self.heading.is_empty() && !starts {
            return out.push_back(node);
        }
        let ends = matches!(node, Node::Event(Event::End(TagEnd::Heading(_)), _));
        self.heading.push(node);
        if !ends {
            return;
        }
        let text: String = self.heading.iter().filter_map(text_of).collect();
        if let Some(Node::Event(Event::Start(Tag::Heading { level, id, .. }), _)) =
            self.heading.first_mut()
        {
            // An id the author wrote stays as written, even if another element has it: the
            // page check then says so at the heading, where renaming it would have sent links
            // to `#main` to the template's <main>.
            let new_id = match id.take() {
                Some(written) => {
                    self.ids.reserve(&written);
                    written.to_string()
                }
                None => self.ids.unique(&headings::slugify(&text)),
            };
            *id = Some(CowStr::from(new_id.clone()));
            if matches!(*level as u8, 2 | 3) {
                let (level, text) = (*level as u8, text.trim().to_string());
                self.toc.push(TocEntry {
                    level,
                    id: new_id,
                    text,
                });
            }
        }
        out.extend(self.heading.drain(..));
    }
}

/// Wraps tables in a container that scrolls sideways on narrow screens; `static/tables.js` gives
/// it a Tab stop only while it scrolls. (A plain adapter with one slot: tables are rare and every
/// other node passes straight through.)
pub struct WrapTables<'a, I> {
    inner: I,
    next: Option<Node<'a>>,
}

impl<'a, I: Iterator<Item = Node<'a>>> WrapTables<'a, I> {
    /// Wraps the tables of `inner`.
    pub fn new(inner: I) -> Self {
        WrapTables { inner, next: None }
    }
}

impl<'a, I: Iterator<Item = Node<'a>>> Iterator for WrapTables<'a, I> {
    type Item = Node<'a>;

    fn next(&mut self) -> Option<Node<'a>> {
        if let Some(n) = self.next.take() {
            return Some(n);
        }
        let node = self.inner.next()?;
        let html = |h: &'static str, r: &std::ops::Range<usize>| {
            Node::Event(Event::Html(h.into()), r.clone())
        };
        match &node {
            Node::Event(Event::Start(Tag::Table(_)), r) => {
                let open = html("<div class=\"table-wrap\">", r);
                self.next = Some(node);
                Some(open)
            }
            Node::Event(Event::End(TagEnd::Table), r) => {
                self.next = Some(html("</div>", r));
                Some(node)
            }
            _ => Some(node),
        }
    }
}

/// Wraps runs of CJK text outside code blocks in `<span lang=…>` (on pages in a non-CJK language).
pub struct CjkSpans<'c> {
    /// The `lang` code, or `None` to leave text alone.
    pub code: Option<&'c str>,
    /// Whether the stream is inside a code block.
    pub in_code: bool,
}

impl<'a> Stage<'a> for CjkSpans<'_> {
    fn feed(&mut self, node: Option<Node<'a>>, out: &mut VecDeque<Node<'a>>) {
        let Some(node) = node else { return };
        match &node {
            Node::Event(Event::Start(Tag::CodeBlock(_)), _) => self.in_code = true,
            Node::Event(Event::End(TagEnd::CodeBlock), _) => self.in_code = false,
            _ => {}
        }
        let (Some(code), false, Node::Event(Event::Text(t), r)) = (self.code, self.in_code, &node)
        else {
            return out.push_back(node);
        };
        if !t.chars().any(cjk::is_cjk) {
            return out.push_back(node);
        }
        for (is_cjk, run) in cjk_runs(t) {
            let text = Node::Event(Event::Text(run.into()), r.clone());
            if is_cjk {
                let open = format!("<span lang=\"{}\">", escape_html(code));
                out.push_back(Node::Event(Event::Html(open.into()), r.clone()));
                out.push_back(text);
                out.push_back(Node::Event(Event::Html("</span>".into()), r.clone()));
            } else {
                out.push_back(text);
            }
        }
    }
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

/// Counts the words of a text event, for reading time.
pub fn count_words(count: &mut TextCount, node: &Node) {
    if let Node::Event(Event::Text(t), _) = node {
        count.add(t);
    }
}
