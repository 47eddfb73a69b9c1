//! The one escaping function for text and attribute values written into HTML, SVG and XML.

use std::borrow::Cow;

/// Escapes `&`, `<`, `>`, `"` and `'`, so the result is safe as element text and inside either
/// kind of quoted attribute; borrows when there is nothing to escape.
pub fn html(s: &str) -> Cow<'_, str> {
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
    use super::*;

    #[test]
    fn escapes_markup_and_both_quotes() {
        assert_eq!(html(r#"a"b'c<d>&"#), "a&quot;b&#39;c&lt;d&gt;&amp;");
        assert!(matches!(html("多模态 plain"), Cow::Borrowed(_)));
    }
}
