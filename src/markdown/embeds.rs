//! Embeds: `{{ name(key="value") }}` in Markdown, replaced by placeholders before rendering and
//! spliced back with their HTML afterwards. `{{/* … */}}` writes the literal text.

use std::collections::BTreeMap;

/// Marks placeholder boundaries; private-use characters Markdown leaves alone.
const OPEN: char = '\u{F8F0}';
const CLOSE: char = '\u{F8F1}';

/// One embed found in a chapter.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Embed {
    /// Component name (`chart`, `ref`).
    pub name: String,
    /// Arguments, by name.
    pub args: BTreeMap<String, String>,
    /// 1-based line within the text scanned.
    pub line: usize,
    /// 1-based column (in characters).
    pub column: usize,
    /// Whether the embed stands alone on its line.
    pub block: bool,
}

/// A malformed embed and where it is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EmbedError {
    /// 1-based line.
    pub line: usize,
    /// 1-based column.
    pub column: usize,
    /// What is wrong.
    pub message: String,
}

/// Placeholder text for the embed with index `i`.
pub fn placeholder(i: usize) -> String {
    format!("{OPEN}{i}{CLOSE}")
}

/// Replaces embeds in one line of prose (code spans already excluded by the caller) and
/// returns the new text; embeds are appended to `found`.
pub fn extract_line(
    text: &str,
    line: usize,
    col_offset: usize,
    whole_line: &str,
    found: &mut Vec<Embed>,
    errors: &mut Vec<EmbedError>,
) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    let mut consumed_chars = 0;
    while let Some(pos) = rest.find("{{") {
        out.push_str(&rest[..pos]);
        let column = col_offset + consumed_chars + rest[..pos].chars().count() + 1;
        let after = &rest[pos + 2..];
        let Some(end) = after.find("}}") else {
            errors.push(EmbedError {
                line,
                column,
                message: "embed is not closed with `}}`".into(),
            });
            out.push_str(&rest[pos..]);
            return out;
        };
        let inner = &after[..end];
        let raw = &rest[pos..pos + 2 + end + 2];
        if let Some(lit) = inner.strip_prefix("/*").and_then(|s| s.strip_suffix("*/")) {
            out.push_str(&format!("{{{{{lit}}}}}"));
        } else {
            match parse_call(inner.trim()) {
                Ok((name, args)) => {
                    let block = whole_line.trim() == raw.trim();
                    out.push_str(&placeholder(found.len()));
                    found.push(Embed {
                        name,
                        args,
                        line,
                        column,
                        block,
                    });
                }
                Err(message) => {
                    errors.push(EmbedError {
                        line,
                        column,
                        message,
                    });
                    out.push_str(raw);
                }
            }
        }
        consumed_chars += rest[..pos + 2 + end + 2].chars().count();
        rest = &rest[pos + 2 + end + 2..];
    }
    out.push_str(rest);
    out
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

/// Replaces every placeholder in `html` with the HTML `render` gives for its embed index; a block
/// embed that Markdown wrapped in a paragraph replaces the paragraph.
pub fn splice(html: &str, mut render: impl FnMut(usize) -> (String, bool)) -> String {
    let mut out = String::with_capacity(html.len());
    let mut rest = html;
    while let Some(pos) = rest.find(OPEN) {
        let after = &rest[pos + OPEN.len_utf8()..];
        let Some(end) = after.find(CLOSE) else { break };
        let Ok(i) = after[..end].parse::<usize>() else {
            break;
        };
        let (content, block) = render(i);
        let before = &rest[..pos];
        let tail = &after[end + CLOSE.len_utf8()..];
        if block && before.ends_with("<p>") && tail.starts_with("</p>") {
            out.push_str(&before[..before.len() - 3]);
            out.push_str(&content);
            rest = &tail[4..];
        } else if block
            && before
                .rfind("<p>")
                .is_some_and(|p| !before[p..].contains("</p>"))
        {
            out.push_str(before);
            out.push_str("</p>");
            out.push_str(&content);
            out.push_str("<p>");
            rest = tail;
        } else {
            out.push_str(before);
            out.push_str(&content);
            rest = tail;
        }
    }
    out.push_str(rest);
    out.replace("<p></p>", "").replace("<p>\n</p>", "")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn run(line: &str) -> (String, Vec<Embed>, Vec<EmbedError>) {
        let (mut f, mut e) = (Vec::new(), Vec::new());
        let out = extract_line(line, 7, 0, line, &mut f, &mut e);
        (out, f, e)
    }

    #[test]
    fn parses_block_embed() {
        let (out, f, e) = run("{{ chart(id=\"market-size\") }}");
        assert!(e.is_empty());
        assert_eq!(out, placeholder(0));
        assert_eq!(f[0].name, "chart");
        assert_eq!(f[0].args["id"], "market-size");
        assert!(f[0].block);
        assert_eq!((f[0].line, f[0].column), (7, 1));
    }

    #[test]
    fn inline_embed_and_escape() {
        let (out, f, _) = run("见{{ ref(id='a') }}，写作 {{/* chart(id=\"x\") */}}。");
        assert!(!f[0].block);
        assert_eq!(f[0].column, 2);
        assert!(out.contains("{{ chart(id=\"x\") }}"));
    }

    #[test]
    fn malformed_embeds_are_errors() {
        for bad in [
            "{{ chart }}",
            "{{ chart(id=x) }}",
            "{{ chart(id=\"x\" }}",
            "{{ chart(id=\"x\")",
        ] {
            let (_, _, e) = run(bad);
            assert_eq!(e.len(), 1, "{bad}");
        }
    }

    #[test]
    fn splice_replaces_paragraph_for_blocks() {
        let html = format!("<p>{}</p>\n<p>a {} b</p>", placeholder(0), placeholder(1));
        let out = splice(&html, |i| {
            if i == 0 {
                ("<figure></figure>".into(), true)
            } else {
                ("<a>1</a>".into(), false)
            }
        });
        assert_eq!(out, "<figure></figure>\n<p>a <a>1</a> b</p>");
    }
}
