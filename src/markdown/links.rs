//! Link and image destinations: internal ones are resolved to URLs, script and data URLs are
//! refused, external ones are kept.

use super::lines::{Cursor, Locator};
use super::stream::Node;
use super::Context;
use crate::error::{Diagnostic, Location};
use pulldown_cmark::{CowStr, Event, Tag};

/// Schemes a browser would run or use to load inline content.
const REFUSED_SCHEMES: &[&str] = &["javascript", "vbscript", "data"];

/// Whether a link leaves the site (has a scheme such as `https:` or `mailto:`).
pub fn is_external(dest: &str) -> bool {
    let Some(colon) = dest.find(':') else {
        return false;
    };
    let scheme = &dest[..colon];
    !scheme.is_empty()
        && scheme
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.'))
}

/// The refused scheme `dest` uses, read as a browser reads it (see [`crate::urls::scheme_of`]).
/// (pulldown-cmark has already decoded entities such as `&#106;` in the destination.)
pub fn refused_scheme(dest: &str) -> Option<&'static str> {
    let scheme = crate::urls::scheme_of(dest)?;
    REFUSED_SCHEMES.iter().find(|s| **s == scheme).copied()
}

/// Resolves link and image destinations of a chapter, reporting problems at their line.
pub struct Links<'b> {
    /// Where the text is and how to resolve links.
    pub ctx: &'b Context<'b>,
    /// The text (with sentinels), for columns.
    pub src: &'b str,
    /// Lines of the text.
    pub loc: &'b Locator<'b>,
    /// Where the last column was counted.
    pub cursor: Cursor,
    /// Problems found.
    pub diags: &'b mut Vec<Diagnostic>,
    /// Internal links resolved, with their lines.
    pub resolved: &'b mut Vec<(String, usize)>,
}

impl Links<'_> {
    /// The node with its destination resolved, if it starts a link or image.
    pub fn rewrite<'a>(&mut self, mut node: Node<'a>) -> Node<'a> {
        if let Node::Event(
            Event::Start(Tag::Link { dest_url, .. } | Tag::Image { dest_url, .. }),
            r,
        ) = &mut node
        {
            let (line, column) = self.loc.line_col(self.src, r.start, &mut self.cursor);
            *dest_url = self.resolve(dest_url, line, column);
        }
        node
    }

    fn resolve<'a>(&mut self, dest: &CowStr<'a>, line: usize, column: usize) -> CowStr<'a> {
        let at = Location::at(self.ctx.file, line, Some(column));
        if let Some(scheme) = refused_scheme(dest) {
            self.diags.push(
                Diagnostic::error(at, format!("link to a `{scheme}:` URL is not allowed"))
                    .with_help("links and images in Markdown may not run scripts or carry inline data; link to a page or file instead"),
            );
            return CowStr::Borrowed("");
        }
        if is_external(dest) || dest.starts_with('#') || dest.is_empty() {
            return dest.clone();
        }
        match (self.ctx.links)(dest, line) {
            Ok(url) => {
                self.resolved.push((dest.to_string(), line));
                url.into()
            }
            Err(msg) => {
                self.diags.push(Diagnostic::error(at, msg).with_help(
                    "link to another chapter by its file, e.g. [text](outlook.en.md#heading), to a file beside the chapters, e.g. [data](data.xlsx), or to a site path such as /aigc-2024/related/",
                ));
                dest.clone()
            }
        }
    }
}

/// Replaces a refused destination in a snippet (text from a YAML file, which has no lines to
/// report) with an empty one, so no script URL reaches a page.
pub fn neutralize(mut node: Node<'_>) -> Node<'_> {
    if let Node::Event(Event::Start(Tag::Link { dest_url, .. } | Tag::Image { dest_url, .. }), _) =
        &mut node
    {
        if refused_scheme(dest_url).is_some() {
            *dest_url = CowStr::Borrowed("");
        }
    }
    node
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn refused_schemes_as_browsers_read_them() {
        for bad in [
            "javascript:alert(1)",
            "JavaScript:x",
            " \u{1}javascript:x",
            "java\tscript:x",
            "jav\nascript:x",
            "VBScript:x",
            "data:text/html,<b>",
            "DATA:image/svg+xml;base64,AA",
        ] {
            assert!(refused_scheme(bad).is_some(), "{bad:?}");
        }
        for ok in [
            "https://x.org",
            "mailto:a@b.c",
            "javascript.md",
            "data.md#x",
            "/data/",
            "notjavascript:x",
            "",
        ] {
            assert!(refused_scheme(ok).is_none(), "{ok:?}");
        }
    }
}
