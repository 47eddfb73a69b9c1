//! Embeds: `{{ name(key="value") }}` in Markdown text. They are found in pulldown-cmark's text
//! events (so never in code, HTML, comments or attributes), leave a slot in the event stream, and
//! their HTML is spliced in by position once every chapter is rendered. `{{/* … */}}` writes the
//! literal text `{{ … }}`.

use super::lines::{Cursor, Locator};
use super::stream::{Node, Slot, Stage};
use pulldown_cmark::{CowStr, Event, Tag, TagEnd};
use std::collections::{BTreeMap, VecDeque};
use std::ops::Range;

/// One embed found in a chapter.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Embed {
    /// Component name (`chart`, `ref`).
    pub name: String,
    /// Arguments, by name.
    pub args: BTreeMap<String, String>,
    /// 1-based line of the file.
    pub line: usize,
    /// 1-based column (in characters).
    pub column: usize,
    /// Whether the embed is a paragraph of its own.
    pub block: bool,
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
        }
    }

    fn run_range(&self) -> Option<Range<usize>> {
        match (self.run.first(), self.run.last()) {
            (Some(Node::Event(_, a)), Some(Node::Event(_, b))) => Some(a.start..b.end),
            _ => None,
        }
    }

    /// Whether `node` is a text event that shows its source verbatim (not an entity or escape).
    fn verbatim(&self, node: &Node) -> bool {
        matches!(node, Node::Event(Event::Text(t), r) if self.src.get(r.clone()) == Some(&**t))
    }

    /// Emits the held paragraph and the run; returns whether the run was an embed that replaced
    /// the paragraph (so the paragraph's end, `next`, must be dropped).
    fn flush(&mut self, next: Option<&Node>, out: &mut VecDeque<Node<'a>>) -> bool {
        let para = self.para.take();
        let Some(range) = self.run_range() else {
            out.extend(para);
            return false;
        };
        if !self.src[range.clone()].contains("{{") {
            out.extend(para);
            out.extend(self.run.drain(..));
            return false;
        }
        self.run.clear();
        let pieces = self.scan(range);
        let ends_para = matches!(next, Some(Node::Event(Event::End(TagEnd::Paragraph), _)));
        if let (Some(_), true, [Piece::Embed(i)]) = (&para, ends_para, pieces.as_slice()) {
            self.found[*i].block = true;
            out.push_back(Node::Embed {
                index: *i,
                block: true,
            });
            return true;
        }
        out.extend(para);
        for p in pieces {
            out.push_back(match p {
                Piece::Text(r) => {
                    Node::Event(Event::Text(CowStr::Borrowed(&self.src[r.clone()])), r)
                }
                Piece::Embed(index) => Node::Embed {
                    index,
                    block: false,
                },
            });
        }
        false
    }
}

impl<'a> Stage<'a> for Extract<'a, '_> {
    fn feed(&mut self, node: Option<Node<'a>>, out: &mut VecDeque<Node<'a>>) {
        let node = match node {
            Some(n @ Node::Event(_, _)) if self.literal == 0 && self.verbatim(&n) => {
                let Node::Event(_, r) = &n else { return };
                // Most text holds no embed: pass it on without buffering.
                let text = &self.src[r.clone()];
                if self.run.is_empty() && !text.contains("{{") && !text.ends_with('{') {
                    out.extend(self.para.take());
                    return out.push_back(n);
                }
                if self.run_range().is_some_and(|run| run.end != r.start) {
                    self.flush(None, out);
                }
                return self.run.push(n);
            }
            other => other,
        };
        let replaced = self.flush(node.as_ref(), out);
        let Some(node) = node else { return };
        if let Node::Event(e, _) = &node {
            match e {
                Event::Start(Tag::CodeBlock(_) | Tag::Image { .. }) => self.literal += 1,
                Event::End(TagEnd::CodeBlock | TagEnd::Image) => {
                    self.literal = self.literal.saturating_sub(1)
                }
                Event::Start(Tag::Paragraph) => return self.para = Some(node),
                _ => {}
            }
        }
        if !replaced {
            out.push_back(node);
        }
    }
}

/// A piece of a scanned run of text.
enum Piece {
    Text(Range<usize>),
    Embed(usize),
}

impl Extract<'_, '_> {
    /// Splits the source `range` into text and embeds, recording embeds and errors.
    fn scan(&mut self, range: Range<usize>) -> Vec<Piece> {
        let src = self.src;
        let mut pieces = Vec::new();
        let text = |pieces: &mut Vec<Piece>, r: Range<usize>| {
            if !r.is_empty() {
                pieces.push(Piece::Text(r));
            }
        };
        let mut pos = range.start;
        while let Some(open) = src[pos..range.end].find("{{").map(|i| pos + i) {
            text(&mut pieces, pos..open);
            let (line, column) = self.loc.line_col(src, open, &mut self.cursor);
            let Some(close) = src[open + 2..range.end].find("}}").map(|i| open + 2 + i) else {
                self.error(line, column, "embed is not closed with `}}`".into());
                pos = open;
                break;
            };
            let inner = &src[open + 2..close];
            pos = close + 2;
            if inner.starts_with("/*") && inner.ends_with("*/") && inner.len() >= 4 {
                text(&mut pieces, open..open + 2);
                text(&mut pieces, open + 4..close - 2);
                text(&mut pieces, close..close + 2);
                continue;
            }
            match parse_call(inner.trim()) {
                Ok((name, args)) => {
                    pieces.push(Piece::Embed(self.found.len()));
                    self.found.push(Embed {
                        name,
                        args,
                        line,
                        column,
                        block: false,
                    });
                }
                Err(message) => {
                    self.error(line, column, message);
                    text(&mut pieces, open..pos);
                }
            }
        }
        text(&mut pieces, pos..range.end);
        pieces
    }

    fn error(&mut self, line: usize, column: usize, message: String) {
        self.errors.push(EmbedError {
            line,
            column,
            message,
        });
    }
}

/// Parses `name(key="value", other='v')`.
fn parse_call(s: &str) -> Result<(String, BTreeMap<String, String>), String> {
    let help = "write an embed as {{ chart(id=\"market-size\") }}; to show the braces literally write {{/* … */}}";
    let open = s
        .find('(')
        .ok_or_else(|| format!("malformed embed `{{{{ {s} }}}}`: expected `name(...)`; {help}"))?;
    let name = s[..open].trim();
    if name.is_empty() || !name.chars().all(|c| c.is_ascii_alphanumeric() || c == '_') {
        return Err(format!(
            "malformed embed `{{{{ {s} }}}}`: `{name}` is not an embed name; {help}"
        ));
    }
    let body = s[open + 1..]
        .strip_suffix(')')
        .ok_or_else(|| format!("malformed embed `{{{{ {s} }}}}`: missing `)`; {help}"))?;
    let mut args = BTreeMap::new();
    let mut rest = body.trim();
    while !rest.is_empty() {
        let eq = rest.find('=').ok_or_else(|| {
            format!("malformed argument `{rest}`: expected key=\"value\"; {help}")
        })?;
        let key = rest[..eq].trim().to_string();
        let v = rest[eq + 1..].trim_start();
        let quote = v
            .chars()
            .next()
            .filter(|c| *c == '"' || *c == '\'')
            .ok_or_else(|| format!("argument `{key}` needs a quoted value, e.g. {key}=\"…\""))?;
        let close = v[1..]
            .find(quote)
            .ok_or_else(|| format!("argument `{key}` has an unclosed quote"))?;
        if args
            .insert(key.clone(), v[1..1 + close].to_string())
            .is_some()
        {
            return Err(format!("argument `{key}` is given twice"));
        }
        rest = v[close + 2..].trim_start();
        rest = rest.strip_prefix(',').unwrap_or(rest).trim_start();
    }
    Ok((name.to_string(), args))
}

/// Builds the final HTML: `html` with `render(slot)` inserted at every slot, in one pass.
pub fn splice(html: &str, slots: &[Slot], mut render: impl FnMut(&Slot) -> String) -> String {
    let extra: usize = slots.len() * 64;
    let mut out = String::with_capacity(html.len() + extra);
    let mut last = 0;
    for s in slots {
        let Some(part) = html.get(last..s.at) else {
            continue;
        };
        out.push_str(part);
        if s.newline_before {
            out.push('\n');
        }
        out.push_str(&render(s));
        last = s.at;
    }
    out.push_str(html.get(last..).unwrap_or_default());
    out
}

#[cfg(test)]
mod tests {
    use super::parse_call;

    #[test]
    fn parses_calls() {
        let (name, args) = parse_call("chart(id=\"market-size\", b='中文')").unwrap();
        assert_eq!(name, "chart");
        assert_eq!(
            (args["id"].as_str(), args["b"].as_str()),
            ("market-size", "中文")
        );
    }

    #[test]
    fn malformed_calls_are_errors() {
        for bad in [
            "chart",
            "chart(id=x)",
            "chart(id=\"x\"",
            "(id=\"x\")",
            "a b(c=\"d\")",
            "c(a=\"1\", a=\"2\")",
        ] {
            assert!(parse_call(bad).is_err(), "{bad}");
        }
    }
}
