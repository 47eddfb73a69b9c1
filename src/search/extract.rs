//! What a page gives the search index: its title, its report, and its text in sections (one per
//! heading with an `id`, so a result can lead to the section), read with html5gum as a browser
//! would read it, leaving out the chrome every page repeats (`docs/search-index.md`, "Terms").

use html5gum::emitters::callback::CallbackEvent;

/// What is left out, as `(element, class)` (empty: any): the chrome of every page (header,
/// navigation, footer, the report-title kicker over each chapter, download links, the cite
/// block, a chapter's byline and its phone-width list of chapters), so a query does not match
/// every page through it; the landing page's restatements of its chapters (key takeaways,
/// headline figures, contents), so a query leads to the chapter that discusses it; its line of
/// date, sector and series, its list of analysts (the analysts' page still has their names)
/// and its buttons, which would otherwise fill the excerpt of every landing page; and what is
/// not text (a chart's SVG repeats its data table as tick labels).
const EXCLUDED: &[(&str, &str)] = &[
    ("header", "site-header"),
    ("footer", "site-footer"),
    ("nav", ""),
    ("", "kicker"),
    ("", "chart-downloads"),
    ("", "cite"),
    ("", "skip-link"),
    ("", "takeaways"),
    ("", "headline-figures"),
    ("", "contents"),
    ("", "contents-toggle"),
    ("", "chapter-byline"),
    ("", "report-meta"),
    ("", "byline"),
    ("", "actions"),
    ("svg", ""),
    ("script", ""),
    ("style", ""),
    ("template", ""),
    ("head", ""),
    ("title", ""),
];

/// Elements that never have content (no end tag to wait for).
const VOID: &[&[u8]] = &[
    b"area", b"base", b"br", b"col", b"embed", b"hr", b"img", b"input", b"link", b"meta", b"param",
    b"source", b"track", b"wbr",
];

/// Elements inside a line of text: their edges do not separate words.
const INLINE: &[&[u8]] = &[
    b"a", b"abbr", b"b", b"bdi", b"bdo", b"cite", b"code", b"data", b"del", b"dfn", b"em", b"i",
    b"ins", b"kbd", b"mark", b"q", b"ruby", b"rp", b"rt", b"s", b"samp", b"small", b"span",
    b"strong", b"sub", b"sup", b"time", b"u", b"var",
];

/// One section of a page: the text under a heading with an `id`, or before the first one.
#[derive(Debug, Clone, Default, PartialEq, Eq, serde::Serialize)]
pub struct Section {
    /// The heading's `id`; `None` for the text before the first such heading.
    pub id: Option<String>,
    /// The heading's text (the page's title for the first section).
    pub title: String,
    /// The text, whitespace collapsed.
    pub text: String,
}

/// The searchable content of one page.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Doc {
    /// The first `h1`'s text, else the `<title>`'s.
    pub title: String,
    /// `<meta name="yanbao:report" content="…">`.
    pub report: Option<String>,
    /// The sections, in page order; the first is always there.
    pub sections: Vec<Section>,
    /// The text of every heading, which counts more in ranking.
    pub headings: String,
}

/// Text with whitespace collapsed as it is added.
#[derive(Debug, Default)]
struct Text {
    s: String,
    space: bool,
}

impl Text {
    fn push(&mut self, piece: &str) {
        let mut word = 0;
        let mut at = 0;
        while at < piece.len() {
            match whitespace_at(piece, at) {
                0 => at += 1,
                n => {
                    self.word(&piece[word..at]);
                    self.space = true;
                    at += n;
                    word = at;
                }
            }
        }
        self.word(&piece[word..]);
    }

    /// Adds a run without whitespace, after a space if whitespace came before it.
    fn word(&mut self, word: &str) {
        if word.is_empty() {
            return;
        }
        if self.space && !self.s.is_empty() {
            self.s.push(' ');
        }
        self.space = false;
        self.s.push_str(word);
    }
}

/// The length of the whitespace character (as `char::is_whitespace` has it) starting at byte
/// `at` of `s`, or 0 if none starts there. Bytes are read rather than chars decoded, since most
/// bytes are neither whitespace nor the first byte of a non-ASCII whitespace character.
fn whitespace_at(s: &str, at: usize) -> usize {
    match s.as_bytes()[at] {
        b'\t' | b'\n' | 0x0b | 0x0c | b'\r' | b' ' => 1,
        // The lead bytes of U+0085, U+00A0, U+1680, U+2000–U+205F and U+3000.
        0xc2 | 0xe1 | 0xe2 | 0xe3 => s[at..]
            .chars()
            .next()
            .filter(|c| c.is_whitespace())
            .map_or(0, char::len_utf8),
        _ => 0,
    }
}

/// Where text goes at the moment.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Into {
    Body,
    /// The first `h1`: the page's title.
    Title,
    /// A heading with an `id`: the title of the section it starts.
    SectionTitle,
}

/// The start tag being read.
#[derive(Debug, Default)]
struct Tag {
    name: Vec<u8>,
    attr: Vec<u8>,
    id: Option<String>,
    class: String,
    meta_name: String,
    content: Option<String>,
    ignore: bool,
}

#[derive(Debug, Default)]
struct Reader {
    tag: Tag,
    /// Names of the open elements.
    open: Vec<Vec<u8>>,
    /// Depth at which the left-out element began.
    skip_from: Option<usize>,
    /// Depth of the heading being read, and whether it is a section's or the title's.
    heading: Option<(usize, Into)>,
    title: Text,
    fallback_title: Text,
    in_title_element: bool,
    report: Option<String>,
    sections: Vec<(Option<String>, Text, Text)>,
    headings: Text,
}

impl Reader {
    fn attribute(&mut self, value: &[u8]) {
        let value = crate::pageindex::text(value);
        match self.tag.attr.as_slice() {
            b"id" => self.tag.id = Some(value.into_owned()),
            b"class" => {
                self.tag.class.clear();
                self.tag.class.push_str(&value);
            }
            b"name" => self.tag.meta_name = value.into_owned(),
            b"content" => self.tag.content = Some(value.into_owned()),
            _ => {}
        }
    }

    fn start(&mut self, self_closing: bool) {
        // Taken and put back, so that the next tag reuses its buffers.
        let tag = std::mem::take(&mut self.tag);
        self.start_tag(&tag, self_closing);
        self.tag = tag;
    }

    fn start_tag(&mut self, tag: &Tag, self_closing: bool) {
        if tag.name == b"meta" && tag.meta_name == "yanbao:report" {
            self.report = tag.content.clone().filter(|c| !c.trim().is_empty());
        }
        self.in_title_element = tag.name == b"title";
        let inline = INLINE.contains(&tag.name.as_slice());
        if !inline {
            self.boundary();
        }
        if VOID.contains(&tag.name.as_slice()) || self_closing {
            return;
        }
        let depth = self.open.len();
        if self.skip_from.is_none() && (tag.ignore || excluded(tag)) {
            self.skip_from = Some(depth);
        }
        if self.skip_from.is_none() && self.heading.is_none() {
            self.heading = heading(tag, self.title.s.is_empty()).map(|into| (depth, into));
            if let (Some((_, Into::SectionTitle)), Some(id)) = (self.heading, &tag.id) {
                self.sections
                    .push((Some(id.clone()), Text::default(), Text::default()));
            }
        }
        self.open.push(tag.name.clone());
    }

    fn end(&mut self, name: &[u8]) {
        self.in_title_element = false;
        let Some(at) = self.open.iter().rposition(|n| n == name) else {
            return;
        };
        self.open.truncate(at);
        if self.skip_from.is_some_and(|d| d >= at) {
            self.skip_from = None;
        }
        if self.heading.is_some_and(|(d, _)| d >= at) {
            self.heading = None;
            self.headings.space = true;
        }
        if !INLINE.contains(&name) {
            self.boundary();
        }
    }

    fn boundary(&mut self) {
        for t in [&mut self.title, &mut self.headings] {
            t.space = true;
        }
        if let Some((_, title, text)) = self.sections.last_mut() {
            title.space = true;
            text.space = true;
        }
    }

    fn text(&mut self, piece: &str) {
        if self.in_title_element {
            self.fallback_title.push(piece);
        }
        if self.skip_from.is_some() {
            return;
        }
        let (_, title, text) = self.sections.last_mut().expect("a first section");
        match self.heading.map(|(_, into)| into) {
            Some(Into::Title) => self.title.push(piece),
            Some(Into::SectionTitle) => title.push(piece),
            _ => text.push(piece),
        }
        if self.heading.is_some() {
            self.headings.push(piece);
        }
    }
}

impl Tag {
    /// Starts reading the tag `name`, keeping the buffers of the last one.
    fn open(&mut self, name: &[u8]) {
        self.name.clear();
        self.name.extend_from_slice(name);
        self.attr.clear();
        self.id = None;
        self.class.clear();
        self.meta_name.clear();
        self.content = None;
        self.ignore = false;
    }
}

/// Whether `tag` starts a left-out element.
fn excluded(tag: &Tag) -> bool {
    EXCLUDED.iter().any(|&(name, class)| {
        (name.is_empty() || tag.name == name.as_bytes())
            && (class.is_empty() || tag.class.split_ascii_whitespace().any(|c| c == class))
    })
}

/// What a heading element is to the index: the page title (the first `h1`), a section title
/// (`h2`–`h6` with an `id`), or body text that counts more (`None` for any other element).
fn heading(tag: &Tag, no_title_yet: bool) -> Option<Into> {
    match tag.name.as_slice() {
        b"h1" if no_title_yet => Some(Into::Title),
        b"h2" | b"h3" | b"h4" | b"h5" | b"h6"
            if tag.id.as_deref().is_some_and(|i| !i.is_empty()) =>
        {
            Some(Into::SectionTitle)
        }
        b"h1" | b"h2" | b"h3" | b"h4" | b"h5" | b"h6" => Some(Into::Body),
        _ => None,
    }
}

/// Reads the searchable content of `html`.
pub fn read(html: &[u8]) -> Doc {
    let mut r = Reader::new();
    crate::pageindex::tokenize(html, |event| r.event(&event));
    r.finish()
}

/// Reads the searchable content of `html` and its links and ids in one pass of the tokenizer.
pub fn read_with_index(html: &[u8]) -> (Doc, crate::pageindex::PageIndex) {
    let mut r = Reader::new();
    let mut index = crate::pageindex::Reader::default();
    crate::pageindex::tokenize(html, |event| {
        r.event(&event);
        index.event(&event);
    });
    (r.finish(), index.finish())
}

impl Reader {
    fn new() -> Reader {
        Reader {
            sections: vec![(None, Text::default(), Text::default())],
            ..Reader::default()
        }
    }

    /// Takes the next event of the page.
    fn event(&mut self, event: &CallbackEvent<'_>) {
        match *event {
            CallbackEvent::OpenStartTag { name } => self.tag.open(name),
            CallbackEvent::AttributeName { name } => {
                self.tag.ignore |= name == b"data-search-ignore";
                self.tag.attr.clear();
                self.tag.attr.extend_from_slice(name);
            }
            CallbackEvent::AttributeValue { value } => self.attribute(value),
            CallbackEvent::CloseStartTag { self_closing } => self.start(self_closing),
            CallbackEvent::EndTag { name } => self.end(name),
            CallbackEvent::String { value } => self.text(&crate::pageindex::text(value)),
            _ => {}
        }
    }

    /// The content read.
    fn finish(self) -> Doc {
        let title = if self.title.s.is_empty() {
            self.fallback_title.s
        } else {
            self.title.s
        };
        let mut sections: Vec<Section> = self
            .sections
            .into_iter()
            .map(|(id, title, text)| Section {
                id,
                title: title.s,
                text: text.s,
            })
            .collect();
        sections[0].title = title.clone();
        Doc {
            title,
            report: self.report,
            sections,
            headings: self.headings.s,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const PAGE: &str = r##"<!doctype html><html><head><title>T — Site</title>
<meta name="yanbao:report" content="Alpha &amp; report"></head><body>
<header class="site-header"><a href="/">Site</a><form><input name=q></form></header>
<nav class="toc"><h2 id="toc-h">Contents</h2><a href="#a">A</a></nav>
<main><p class="kicker">Alpha report</p><h1>Open <em>source</em> models</h1>
<p>Intro text, <b>bold</b>word &lt;tag&gt;.</p><h3>No id</h3>
<h2 id="a">First&nbsp;part</h2><p>Para one.</p><p>Para two.</p>
<figure><svg><text>99</text></svg><figcaption>Chart title</figcaption></figure>
<table><tr><td>cell1</td><td>cell2</td></tr></table><img src=x alt=y><br>
<h2 id="b">Second</h2><ul><li>item<li>next</ul><div data-search-ignore><p>hidden</p></div>
<section class="cite"><h2 id="cite-this-h">Cite</h2></section><p>after</p></main>
<footer class="site-footer">footer</footer><script>var x = "<p>no</p>";</script></body></html>"##;

    #[test]
    fn reads_title_report_and_sections_without_the_chrome() {
        let doc = read(PAGE.as_bytes());
        assert_eq!(doc.title, "Open source models");
        assert_eq!(doc.report.as_deref(), Some("Alpha & report"));
        let got: Vec<(Option<&str>, &str, &str)> = doc
            .sections
            .iter()
            .map(|s| (s.id.as_deref(), s.title.as_str(), s.text.as_str()))
            .collect();
        assert_eq!(
            got,
            [
                (
                    None,
                    "Open source models",
                    "Intro text, boldword <tag>. No id"
                ),
                (
                    Some("a"),
                    "First part",
                    "Para one. Para two. Chart title cell1 cell2"
                ),
                (Some("b"), "Second", "item next after"),
            ]
        );
        assert_eq!(doc.headings, "Open source models No id First part Second");
    }

    #[test]
    fn whitespace_is_found_as_char_is_whitespace_says_for_every_char() {
        let mut buf = [0u8; 4];
        for c in (0..=char::MAX as u32).filter_map(char::from_u32) {
            let s = c.encode_utf8(&mut buf);
            let expected = if c.is_whitespace() { c.len_utf8() } else { 0 };
            assert_eq!(whitespace_at(s, 0), expected, "{c:?}");
        }
    }

    #[test]
    fn falls_back_to_the_title_element_and_survives_broken_markup() {
        let doc = read(b"<title>Only &lt;title&gt;</title><p>text</div></span><h2 id=x>H");
        assert_eq!(doc.title, "Only <title>");
        assert_eq!(doc.sections.len(), 2);
        assert_eq!(doc.sections[0].text, "text");
        assert_eq!(doc.sections[1].title, "H");
        assert_eq!(read(b"").sections.len(), 1);
    }
}

#[cfg(test)]
mod props {
    use super::*;
    use proptest::prelude::*;

    /// Markup-like text: tags that open, close, nest badly and leave things out.
    fn markup() -> impl Strategy<Value = String> {
        proptest::collection::vec(
            prop_oneof![
                Just("<h1>"),
                Just("</h1>"),
                Just("<h2 id=a>"),
                Just("<h2 id=\"\">"),
                Just("</h2>"),
                Just("<nav>"),
                Just("</nav>"),
                Just("<p>"),
                Just("</p>"),
                Just("<br>"),
                Just("<svg><path/>"),
                Just("</svg>"),
                Just("<div class='cite x'>"),
                Just("</div>"),
                Just("<title>"),
                Just("</title>"),
                Just("<script>"),
                Just("</script>"),
                Just("text "),
                Just("多模态"),
                Just("&amp;"),
                Just("&"),
                Just("<"),
                Just("<!--"),
                Just("<meta name=yanbao:report content=R>"),
                Just("<em>"),
                Just("</em>"),
            ],
            0..30,
        )
        .prop_map(|parts| parts.concat())
    }

    proptest! {
        #![proptest_config(ProptestConfig { cases: 512, ..ProptestConfig::default() })]

        #[test]
        fn any_markup_gives_a_first_section_and_collapsed_text(html in markup()) {
            let doc = read(html.as_bytes());
            prop_assert!(!doc.sections.is_empty());
            prop_assert!(doc.sections[0].id.is_none());
            prop_assert_eq!(&doc.sections[0].title, &doc.title);
            for s in &doc.sections {
                prop_assert!(!s.text.contains("  ") && s.text.trim() == s.text, "{:?}", s.text);
                prop_assert!(s.id.as_deref() != Some(""));
            }
        }

        /// Pieces pushed one after another read as the whole text with each run of whitespace
        /// (Unicode's, as `char::is_whitespace` says) made one space and none at the ends.
        #[test]
        fn text_collapses_whitespace_across_pieces(
            pieces in proptest::collection::vec("[a \\t\\n\\r\\u{b}\\u{c}\\u{85}\\u{a0}\\u{a9}\\u{1680}\\u{1234}\\u{2000}-\\u{200b}\\u{2028}\\u{2029}\\u{202f}\\u{205f}\\u{2014}\\u{3000}\\u{3001}多]{0,6}", 0..6)
        ) {
            let mut text = Text::default();
            for p in &pieces {
                text.push(p);
            }
            let whole = pieces.concat();
            let expected: Vec<&str> = whole.split(char::is_whitespace).filter(|w| !w.is_empty()).collect();
            prop_assert_eq!(text.s, expected.join(" "));
        }
    }
}
