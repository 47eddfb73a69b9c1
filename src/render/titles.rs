//! Chapter titles as readers see them: inline Markdown in a front-matter title shown as its text
//! (no literal backticks in the sidebar, pager or `<title>`), and a body that opens with the same
//! `# Title` as the page heading folded into it, so the title is not shown twice (with a warning
//! either way, so the author can settle on one title).

use crate::error::{Diagnostic, Location};
use pulldown_cmark::{Event, HeadingLevel, Options, Parser, Tag, TagEnd};
use std::path::Path;

/// The text of an inline Markdown title: code spans, emphasis and links reduced to their words.
/// Read as inline Markdown only: `2024. Outlook` is no list and `- Draft` no list item, and a
/// tag-like `<T>` is text (the title is escaped wherever it is shown).
pub fn plain(title: &str) -> String {
    let mut out = String::new();
    let src = crate::markdown::inline_source(title);
    for event in Parser::new(&src) {
        match event {
            Event::Text(t)
            | Event::Code(t)
            | Event::InlineMath(t)
            | Event::DisplayMath(t)
            | Event::InlineHtml(t)
            | Event::Html(t) => out.push_str(&t),
            Event::SoftBreak | Event::HardBreak => out.push(' '),
            _ => {}
        }
    }
    let text = out.split_whitespace().collect::<Vec<_>>().join(" ");
    if text.is_empty() {
        title.trim().to_string()
    } else {
        text
    }
}

/// `body` without a leading `<h1>` whose text is `title`. The heading's id is kept on an empty
/// anchor, so links to it still land at the top of the chapter.
pub fn fold(body: &str, title: &str) -> String {
    let trimmed = body.trim_start();
    let Some(rest) = trimmed.strip_prefix("<h1") else {
        return body.to_string();
    };
    let Some(open_end) = rest.find('>') else {
        return body.to_string();
    };
    let Some(close) = rest.find("</h1>") else {
        return body.to_string();
    };
    if close < open_end || !same_title(&text_of(&rest[open_end + 1..close]), title) {
        return body.to_string();
    }
    let anchor = id_attr(&rest[..open_end])
        .map(|id| format!("<span id=\"{id}\"></span>"))
        .unwrap_or_default();
    format!("{anchor}{}", &rest[close + "</h1>".len()..])
}

/// Whether a heading's text and a title read the same. Spaces do not count: on Chinese pages the
/// Markdown pass drops those typed between Han and Latin (docs/typography.md), titles keep them.
fn same_title(heading: &str, title: &str) -> bool {
    let squeeze = |s: &str| s.split_whitespace().collect::<String>();
    squeeze(heading) == squeeze(&plain(title))
}

/// A warning when the Markdown `body` of a chapter opens with a level-1 heading: it repeats the
/// front-matter `title` (and is folded into the page heading, see [`fold`]) or differs from it
/// (and the page shows two titles). `first_line` is the file's line where the body starts.
pub fn leading_heading_warning(
    body: &str,
    title: &str,
    file: &Path,
    first_line: usize,
) -> Option<Diagnostic> {
    let mut events = Parser::new_ext(body, Options::ENABLE_HEADING_ATTRIBUTES).into_offset_iter();
    let (first, range) = events.next()?;
    if !matches!(
        first,
        Event::Start(Tag::Heading {
            level: HeadingLevel::H1,
            ..
        })
    ) {
        return None;
    }
    let mut text = String::new();
    for (event, _) in events {
        match event {
            Event::End(TagEnd::Heading(_)) => break,
            Event::Text(t) | Event::Code(t) => text.push_str(&t),
            Event::SoftBreak | Event::HardBreak => text.push(' '),
            _ => {}
        }
    }
    let start = &body[..range.start];
    let line = first_line + start.matches('\n').count();
    let column = start.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
    let at = Location::at(file, line, Some(column));
    let heading = text.split_whitespace().collect::<Vec<_>>().join(" ");
    Some(if same_title(&heading, title) {
        Diagnostic::warning(
            at,
            format!("the chapter opens with `# {heading}`, which repeats its title; the page shows it once"),
        )
        .with_help("delete the heading: the page heading comes from `title:` in the front matter")
    } else {
        Diagnostic::warning(
            at,
            format!(
                "the chapter opens with `# {heading}`, but its title is `{}`; the page shows both",
                plain(title)
            ),
        )
        .with_help("keep one title: set `title:` in the front matter and delete the heading, or make them the same")
    })
}

/// The text of rendered inline HTML, entities decoded and whitespace collapsed.
fn text_of(html: &str) -> String {
    let mut text = String::new();
    let mut in_tag = false;
    for c in html.chars() {
        match c {
            '<' => in_tag = true,
            '>' => in_tag = false,
            _ if !in_tag => text.push(c),
            _ => {}
        }
    }
    let decoded = text
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&#39;", "'")
        .replace("&amp;", "&");
    decoded.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The raw (still escaped) value of a double-quoted `id` attribute in a start tag's attributes.
fn id_attr(attrs: &str) -> Option<&str> {
    let start = attrs.find(" id=\"")? + " id=\"".len();
    let len = attrs[start..].find('"')?;
    Some(&attrs[start..start + len])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn inline_markdown_in_titles_becomes_text() {
        assert_eq!(plain("The `yanbao` *build*"), "The yanbao build");
        assert_eq!(plain("[链接](http://x) 与 **重点**"), "链接 与 重点");
        assert_eq!(plain("A < B & C"), "A < B & C");
        assert_eq!(plain("   "), "");
    }

    #[test]
    fn titles_are_inline_markdown_that_opens_no_block() {
        // Read as blocks, these were an ordered list, a list item, a heading or a quote, and
        // lost their first words (`2024. Outlook` was shown as `Outlook`).
        for (title, shown) in [
            ("2024. Outlook", "2024. Outlook"),
            ("1. 引言", "1. 引言"),
            ("- Draft <T> notes", "- Draft <T> notes"),
            ("# Hash", "# Hash"),
            ("> Quoted", "> Quoted"),
            ("<div>x</div>", "<div>x</div>"),
            ("    indented", "indented"),
            ("_Under_ score", "Under score"),
            ("Two\n- lines", "Two - lines"),
            ("a | b\n--- | ---", "a | b --- | ---"),
        ] {
            assert_eq!(plain(title), shown, "{title:?}");
        }
    }

    #[test]
    fn a_leading_heading_equal_to_the_title_is_folded() {
        let body = "\n<h1 id=\"the-yanbao-build\">The <code>yanbao</code> build</h1>\n<p>Text</p>";
        assert_eq!(
            fold(body, "The `yanbao` build"),
            "<span id=\"the-yanbao-build\"></span>\n<p>Text</p>"
        );
    }

    #[test]
    fn a_leading_heading_is_warned_about_with_its_line() {
        let file = Path::new("c/one.zh.md");
        let same = leading_heading_warning("\n# AIGC 行业 {#top}\n\nText", "AIGC行业", file, 5)
            .expect("a warning");
        assert_eq!(same.location, Location::at(file, 6, Some(1)));
        assert!(
            same.message.contains("repeats its title"),
            "{}",
            same.message
        );
        let other =
            leading_heading_warning("# Intro\nText", "The `x` title", file, 5).expect("a warning");
        assert_eq!(other.location.line, Some(5));
        assert!(
            other.message.contains("its title is `The x title`"),
            "{}",
            other.message
        );
        assert!(leading_heading_warning("Text\n\n# Later", "T", file, 1).is_none());
        assert!(leading_heading_warning("## Sub\n", "T", file, 1).is_none());
        assert!(leading_heading_warning("", "T", file, 1).is_none());
    }

    #[test]
    fn other_headings_and_bodies_stay() {
        let body = "<h1 id=\"x\">Another title</h1><p>Text</p>";
        assert_eq!(fold(body, "Title"), body);
        let body = "<p>Intro</p><h1 id=\"t\">Title</h1>";
        assert_eq!(fold(body, "Title"), body);
        assert_eq!(fold("<h1>A &amp; B</h1>x", "A & B"), "x");
        // The Markdown pass tightened the heading of a Chinese page; the title was typed spaced.
        assert_eq!(fold("<h1>AIGC行业</h1>x", "AIGC 行业"), "x");
    }
}
