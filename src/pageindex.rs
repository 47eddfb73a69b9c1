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
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Link<'a> {
    /// `href` or `src`.
    pub attr: &'static str,
    /// The URL, entities decoded.
    pub url: &'a str,
}

/// What a value of the index is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    Id,
    Href,
    Src,
}

/// Every element id and every `href`/`src` of one page, in document order.
///
/// A build holds the index of every page until the checks at its end, so the values share one
/// string and each is an end offset into it: a `String` apiece was two thirds of the index's
/// memory (≈5 KB of a chapter page's 7 KB).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct PageIndex {
    text: String,
    values: Vec<(u32, Kind)>,
}

impl PageIndex {
    /// Reads `html`.
    pub fn of(html: &str) -> PageIndex {
        PageIndex::of_bytes(html.as_bytes())
    }

    /// Reads `html` given as bytes (UTF-8; anything else is read leniently).
    pub fn of_bytes(html: &[u8]) -> PageIndex {
        let mut reader = Reader::default();
        tokenize(html, |event| reader.event(&event));
        reader.finish()
    }

    fn push(&mut self, kind: Kind, value: &str) {
        self.text.push_str(value);
        // A page is far below 4 GiB; past it, values would only be cut short, never misread.
        let end = u32::try_from(self.text.len()).unwrap_or(u32::MAX);
        self.values.push((end, kind));
    }

    /// Every value with its kind, in document order.
    fn values(&self) -> impl Iterator<Item = (Kind, &str)> {
        let starts = std::iter::once(0).chain(self.values.iter().map(|v| v.0));
        starts.zip(&self.values).map(|(start, &(end, kind))| {
            let text = self.text.get(start as usize..end as usize).unwrap_or("");
            (kind, text)
        })
    }

    /// Element ids, duplicates included, in document order.
    pub fn ids(&self) -> impl Iterator<Item = &str> {
        self.values()
            .filter(|(k, _)| *k == Kind::Id)
            .map(|(_, v)| v)
    }

    /// Links and sources, in document order.
    pub fn links(&self) -> impl Iterator<Item = Link<'_>> {
        self.values().filter_map(|(k, url)| match k {
            Kind::Id => None,
            Kind::Href => Some(Link { attr: "href", url }),
            Kind::Src => Some(Link { attr: "src", url }),
        })
    }

    /// Ids that more than one element of the page has, each once, sorted.
    pub fn duplicate_ids(&self) -> Vec<&str> {
        let mut sorted: Vec<&str> = self.ids().collect();
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
        self.ids().any(|i| i == id)
    }

    /// Values of links with attribute `attr`.
    pub fn urls<'a>(&'a self, attr: &'a str) -> impl Iterator<Item = &'a str> {
        self.links().filter(move |l| l.attr == attr).map(|l| l.url)
    }
}

/// `bytes` from the tokenizer as text: borrowed when valid UTF-8, as the pages yanbao writes
/// are (`str::from_utf8` checks that faster than `String::from_utf8_lossy`, which is kept for
/// the rest).
pub(crate) fn text(bytes: &[u8]) -> std::borrow::Cow<'_, str> {
    match std::str::from_utf8(bytes) {
        Ok(s) => std::borrow::Cow::Borrowed(s),
        Err(_) => String::from_utf8_lossy(bytes),
    }
}

/// Tokenizes `html` as a browser would, handing each event to `each`: what every reader of
/// pages here shares, so that two readers can share one pass ([`Reader`]).
pub(crate) fn tokenize(html: &[u8], mut each: impl FnMut(CallbackEvent<'_>)) {
    let mut emitter = CallbackEmitter::new(|event: CallbackEvent<'_>, _: Span<()>| {
        each(event);
        None::<()>
    });
    emitter.naively_switch_states(true);
    for _ in Tokenizer::new_with_emitter(html, Quiet(emitter)) {}
}

/// A [`PageIndex`] being read from tokenizer events.
#[derive(Debug, Default)]
pub(crate) struct Reader {
    index: PageIndex,
    attr: Option<Kind>,
}

impl Reader {
    /// Takes the next event of the page.
    pub(crate) fn event(&mut self, event: &CallbackEvent<'_>) {
        match *event {
            CallbackEvent::AttributeName { name } => {
                self.attr = match name {
                    b"id" => Some(Kind::Id),
                    b"href" => Some(Kind::Href),
                    b"src" => Some(Kind::Src),
                    _ => None,
                }
            }
            CallbackEvent::AttributeValue { value } => {
                if let Some(kind) = self.attr.take() {
                    self.index.push(kind, &text(value));
                }
            }
            CallbackEvent::OpenStartTag { .. } | CallbackEvent::CloseStartTag { .. } => {
                self.attr = None
            }
            _ => {}
        }
    }

    /// The index of the page read.
    pub(crate) fn finish(mut self) -> PageIndex {
        self.index.text.shrink_to_fit();
        self.index.values.shrink_to_fit();
        self.index
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
        assert_eq!(idx.ids().collect::<Vec<_>>(), ["多模态", "up"]);
    }

    #[test]
    fn ignores_lookalikes_in_text_comments_and_scripts() {
        let html = r#"<p>write id="x" or href="/y"</p><!-- <a href="/z" id="c"> --><script>var s = '<a href="/s" id="s">';</script><pre>&lt;a href="/q"&gt;</pre>"#;
        let idx = PageIndex::of(html);
        assert!(idx.ids().next().is_none(), "{idx:?}");
        assert!(idx.links().next().is_none(), "{idx:?}");
    }

    #[test]
    fn keeps_each_value_whole_with_its_kind_in_document_order() {
        let html = r##"<a id="a" href="/x">a</a><img src="i.png"><p id="中"><a href="#中">b</a>"##;
        let idx = PageIndex::of(html);
        let links: Vec<(&str, &str)> = idx.links().map(|l| (l.attr, l.url)).collect();
        assert_eq!(links, [("href", "/x"), ("src", "i.png"), ("href", "#中")]);
        assert_eq!(idx.ids().collect::<Vec<_>>(), ["a", "中"]);
        assert!(idx.has_id("中") && !idx.has_id("/x") && !idx.has_id("i.png"));
    }

    #[test]
    fn finds_duplicate_ids() {
        let idx =
            PageIndex::of(r#"<h2 id="toc-h">a</h2><nav><h2 id='toc-h'>b</h2></nav><p id="x">"#);
        assert_eq!(idx.duplicate_ids(), ["toc-h"]);
        assert!(idx.has_id("x") && !idx.has_id("y"));
    }
}
