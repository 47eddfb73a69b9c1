//! The links and ids of a rendered page, read once with a real HTML tokenizer (html5gum, which
//! passes html5lib's tokenizer tests), so that quoting styles, entities and markup inside
//! `<script>` or comments are read as a browser reads them. Build, `check` and the tests all use
//! this one index.

use html5gum::emitters::callback::{CallbackEmitter, CallbackEvent};
use html5gum::{Emitter, ForwardingEmitter, Span, Tokenizer};

/// An emitter without parse-error reporting: the index never reads those errors, and
/// validating every character for them was a third of the tokenizer's time.
pub(crate) struct Quiet<E>(pub E);

impl<E: Emitter> ForwardingEmitter for Quiet<E> {
    type Token = E::Token;

    fn inner(&mut self) -> &mut impl Emitter<Token = Self::Token> {
        &mut self.0
    }

    fn should_emit_errors(&mut self) -> bool {
        false
    }
}

/// A link found in a page.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Link {
    /// `href` or `src`.
    pub attr: &'static str,
    /// The URL, entities decoded.
    pub url: String,
}

/// Every element id and every `href`/`src` of one page, in document order.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct PageIndex {
    /// Element ids, duplicates included.
    pub ids: Vec<String>,
    /// Links and sources.
    pub links: Vec<Link>,
}

impl PageIndex {
    /// Reads `html`.
    pub fn of(html: &str) -> PageIndex {
        PageIndex::of_bytes(html.as_bytes())
    }

    /// Reads `html` given as bytes (UTF-8; anything else is read leniently).
    pub fn of_bytes(html: &[u8]) -> PageIndex {
        let mut index = PageIndex::default();
        let mut attr: Option<&'static str> = None;
        let mut emitter = CallbackEmitter::new(|event: CallbackEvent<'_>, _: Span<()>| {
            match event {
                CallbackEvent::AttributeName { name } => {
                    attr = match name {
                        b"id" => Some("id"),
                        b"href" => Some("href"),
                        b"src" => Some("src"),
                        _ => None,
                    }
                }
                CallbackEvent::AttributeValue { value } => {
                    let value = String::from_utf8_lossy(value).into_owned();
                    match attr.take() {
                        Some("id") => index.ids.push(value),
                        Some(a) => index.links.push(Link {
                            attr: a,
                            url: value,
                        }),
                        None => {}
                    }
                }
                CallbackEvent::OpenStartTag { .. } | CallbackEvent::CloseStartTag { .. } => {
                    attr = None
                }
                _ => {}
            }
            None::<()>
        });
        emitter.naively_switch_states(true);
        for _ in Tokenizer::new_with_emitter(html, Quiet(emitter)) {}
        index
    }

    /// Ids that more than one element of the page has, each once, sorted.
    pub fn duplicate_ids(&self) -> Vec<&str> {
        let mut sorted: Vec<&str> = self.ids.iter().map(String::as_str).collect();
        sorted.sort_unstable();
        let mut dups: Vec<&str> = sorted
            .windows(2)
            .filter(|w| w[0] == w[1])
            .map(|w| w[0])
            .collect();
        dups.dedup();
        dups
    }

    /// Whether the page has an element with id `id`.
    pub fn has_id(&self, id: &str) -> bool {
        self.ids.iter().any(|i| i == id)
    }

    /// Values of links with attribute `attr`.
    pub fn urls<'a>(&'a self, attr: &'a str) -> impl Iterator<Item = &'a str> {
        self.links
            .iter()
            .filter(move |l| l.attr == attr)
            .map(|l| l.url.as_str())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_every_quoting_style_and_decodes_entities() {
        let html = r#"<a href='/a?x=1&amp;y=2'>x</a><a href=/b>b</a><h2 id="多模态">t</h2><img src="c.svg"><p ID=up>"#;
        let idx = PageIndex::of(html);
        assert_eq!(idx.urls("href").collect::<Vec<_>>(), ["/a?x=1&y=2", "/b"]);
        assert_eq!(idx.urls("src").collect::<Vec<_>>(), ["c.svg"]);
        assert_eq!(idx.ids, ["多模态", "up"]);
    }

    #[test]
    fn ignores_lookalikes_in_text_comments_and_scripts() {
        let html = r#"<p>write id="x" or href="/y"</p><!-- <a href="/z" id="c"> --><script>var s = '<a href="/s" id="s">';</script><pre>&lt;a href="/q"&gt;</pre>"#;
        let idx = PageIndex::of(html);
        assert!(idx.ids.is_empty(), "{idx:?}");
        assert!(idx.links.is_empty(), "{idx:?}");
    }

    #[test]
    fn finds_duplicate_ids() {
        let idx =
            PageIndex::of(r#"<h2 id="toc-h">a</h2><nav><h2 id='toc-h'>b</h2></nav><p id="x">"#);
        assert_eq!(idx.duplicate_ids(), ["toc-h"]);
        assert!(idx.has_id("x") && !idx.has_id("y"));
    }
}
