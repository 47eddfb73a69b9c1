//! Chapter titles as readers see them: inline Markdown in a front-matter title shown as its text
//! (no literal backticks in the sidebar, pager or `<title>`), and a body that opens with the same
//! `# Title` as the page heading folded into it, so the title is not shown twice.

use pulldown_cmark::{Event, Parser};

/// The text of an inline Markdown title: code spans, emphasis and links reduced to their words.
pub fn plain(title: &str) -> String {
    let mut out = String::new();
    for event in Parser::new(title) {
        match event {
            Event::Text(t) | Event::Code(t) | Event::InlineMath(t) | Event::DisplayMath(t) => {
                out.push_str(&t)
            }
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
    if close < open_end || text_of(&rest[open_end + 1..close]) != plain(title) {
        return body.to_string();
    }
    let anchor = id_attr(&rest[..open_end])
        .map(|id| format!("<span id=\"{id}\"></span>"))
        .unwrap_or_default();
    format!("{anchor}{}", &rest[close + "</h1>".len()..])
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
    fn a_leading_heading_equal_to_the_title_is_folded() {
        let body = "\n<h1 id=\"the-yanbao-build\">The <code>yanbao</code> build</h1>\n<p>Text</p>";
        assert_eq!(
            fold(body, "The `yanbao` build"),
            "<span id=\"the-yanbao-build\"></span>\n<p>Text</p>"
        );
    }

    #[test]
    fn other_headings_and_bodies_stay() {
        let body = "<h1 id=\"x\">Another title</h1><p>Text</p>";
        assert_eq!(fold(body, "Title"), body);
        let body = "<p>Intro</p><h1 id=\"t\">Title</h1>";
        assert_eq!(fold(body, "Title"), body);
        assert_eq!(fold("<h1>A &amp; B</h1>x", "A & B"), "x");
    }
}
