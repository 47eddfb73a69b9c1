//! Escaping of text the pass inserts into HTML itself (attribute values and text).

use std::borrow::Cow;

/// Escapes `&`, `<`, `>`, `"` and `'`, so the result is safe as element text and as a quoted
/// attribute value.
pub fn escape_html(s: &str) -> Cow<'_, str> {
    if !s.contains(['&', '<', '>', '"', '\'']) {
        return Cow::Borrowed(s);
    }
    let mut out = String::with_capacity(s.len() + 16);
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    Cow::Owned(out)
}

#[cfg(test)]
mod tests {
    #[test]
    fn escapes_text_and_both_quotes() {
        assert_eq!(
            super::escape_html("a<b>&\"c'"),
            "a&lt;b&gt;&amp;&quot;c&#39;"
        );
        assert!(matches!(
            super::escape_html("图 1"),
            std::borrow::Cow::Borrowed(_)
        ));
    }
}
