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

/// `s` as the inside of a double-quoted CSS string in a `<style>` element: quotes, backslashes and
/// line breaks escaped, and `<` written as `\3c ` so the text can never close the element.
pub fn css_string(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 8);
    for c in s.chars() {
        match c {
            '"' | '\\' => {
                out.push('\\');
                out.push(c);
            }
            '<' => out.push_str("\\3c "),
            '>' => out.push_str("\\3e "),
            '&' => out.push_str("\\26 "),
            c if c.is_control() => out.push_str(&format!("\\{:x} ", c as u32)),
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_markup_and_both_quotes() {
        assert_eq!(html(r#"a"b'c<d>&"#), "a&quot;b&#39;c&lt;d&gt;&amp;");
        assert!(matches!(html("多模态 plain"), Cow::Borrowed(_)));
    }

    #[test]
    fn css_strings_cannot_end_the_string_or_the_style_element() {
        assert_eq!(
            css_string("a\"b\\c</style>\nd"),
            "a\\\"b\\\\c\\3c /style\\3e \\a d"
        );
        assert_eq!(css_string("AIGC 行业趋势"), "AIGC 行业趋势");
    }
}
