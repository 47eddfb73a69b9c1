//! Chinese text in CommonMark: which characters are CJK, line breaks between Chinese characters,
//! and reading time. Emphasis next to Chinese punctuation is in [`super::emphasis`].

/// Whether `c` is a Chinese, Japanese or Korean character or full-width form.
pub fn is_cjk(c: char) -> bool {
    // Most characters of a page are ASCII: answer them without the range table.
    !c.is_ascii()
        && matches!(c as u32,
        0x1100..=0x11FF | 0x2E80..=0x2FDF | 0x3000..=0x303F | 0x3040..=0x30FF | 0x3100..=0x312F
        | 0x3130..=0x318F | 0x31A0..=0x31FF | 0x3200..=0x33FF | 0x3400..=0x4DBF | 0x4E00..=0x9FFF
        | 0xA960..=0xA97F | 0xAC00..=0xD7AF | 0xF900..=0xFAFF | 0xFE30..=0xFE4F | 0xFF00..=0xFFEF
        | 0x20000..=0x2FFFF)
}

/// Whether `c` is punctuation (ASCII or CJK) for the emphasis rules and word counts.
pub fn is_punct(c: char) -> bool {
    c.is_ascii_punctuation()
        || matches!(c as u32, 0x2000..=0x206F | 0x3000..=0x303F | 0xFE30..=0xFE4F | 0xFF01..=0xFF0F
            | 0xFF1A..=0xFF20 | 0xFF3B..=0xFF40 | 0xFF5B..=0xFF65)
}

/// Whether `code` (a BCP 47 language code) is Chinese, Japanese or Korean.
pub fn is_cjk_language(code: &str) -> bool {
    ["zh", "ja", "ko"]
        .iter()
        .any(|p| code == *p || code.starts_with(&format!("{p}-")))
}

/// Whether `c` is a Han character (an ideograph), the characters the Han–Latin spacing rule is
/// about; kana, hangul and punctuation are not.
pub fn is_han(c: char) -> bool {
    matches!(c as u32, 0x3400..=0x4DBF | 0x4E00..=0x9FFF | 0xF900..=0xFAFF | 0x20000..=0x2FFFF)
}

/// Whether `c` is full-width CJK punctuation (。，《 …), which carries its own spacing.
pub fn is_full_width_punct(c: char) -> bool {
    is_cjk(c) && is_punct(c)
}

fn is_latin_or_digit(c: char) -> bool {
    c.is_ascii_alphanumeric() || (matches!(c, '\u{C0}'..='\u{24F}') && c.is_alphabetic())
}

/// Whether a soft line break between `before` and `after` should vanish rather than become a
/// space: between two CJK characters, next to full-width punctuation (clreq: no space ever
/// follows 。，》 or precedes 《), and on Chinese pages (`chinese`) between Han and Latin letters or
/// digits as well (see [`drops_typed_space`]).
pub fn joins_without_space(before: Option<char>, after: Option<char>, chinese: bool) -> bool {
    match (before, after) {
        (Some(b), Some(a)) => (is_cjk(b) && is_cjk(a)) || drops_typed_space(b, a, chinese),
        _ => false,
    }
}

/// Whether spaces typed between `before` and `after` are dropped. Next to full-width punctuation
/// always; on Chinese pages (`chinese`) also between a Han character and a Latin letter or digit,
/// where the stylesheet's `text-autospace` adds a 1/8-em gap instead (docs/typography.md), so that
/// `AIGC 行业` and `中国AIGC应用` are set alike whatever the author typed.
pub fn drops_typed_space(before: char, after: char, chinese: bool) -> bool {
    is_full_width_punct(before)
        || is_full_width_punct(after)
        || (chinese
            && ((is_han(before) && is_latin_or_digit(after))
                || (is_latin_or_digit(before) && is_han(after))))
}

/// `text` without the runs of ASCII spaces that [`drops_typed_space`] drops. No-break spaces are
/// deliberate (`图\u{A0}1`) and stay.
pub fn tighten(text: &str, chinese: bool) -> std::borrow::Cow<'_, str> {
    let bytes = text.as_bytes();
    let mut cut: Vec<std::ops::Range<usize>> = Vec::new();
    let mut from = 0;
    // Runs of spaces with a character on each side; most texts have few, so scan for them.
    while let Some(off) = bytes[from..].iter().position(|&b| b == b' ') {
        let start = from + off;
        let end = start + bytes[start..].iter().take_while(|&&b| b == b' ').count();
        from = end;
        // A run that opens the text follows an inline element (`**A**  ，`): its first space
        // stays, to part the two, and the rest is weighed as if that space came before it.
        let (start, before) = match start {
            0 => (1, Some(' ')),
            _ => (start, text[..start].chars().next_back()),
        };
        let after = text[end..].chars().next();
        if let (Some(b), Some(a), true) = (before, after, start < end) {
            if drops_typed_space(b, a, chinese) {
                cut.push(start..end);
            }
        }
    }
    if cut.is_empty() {
        return std::borrow::Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len());
    let mut from = 0;
    for r in cut {
        out.push_str(&text[from..r.start]);
        from = r.end;
    }
    out.push_str(&text[from..]);
    std::borrow::Cow::Owned(out)
}

/// Counts CJK characters and other words, for reading time.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct TextCount {
    /// CJK characters (punctuation excluded).
    pub cjk_chars: usize,
    /// Whitespace-separated runs of non-CJK letters or digits.
    pub words: usize,
}

impl TextCount {
    /// Adds the characters and words of `text`.
    pub fn add(&mut self, text: &str) {
        let mut in_word = false;
        for c in text.chars() {
            if c.is_ascii() {
                let letter = c.is_ascii_alphanumeric();
                self.words += usize::from(letter && !in_word);
                in_word = letter;
            } else if is_cjk(c) {
                if !is_punct(c) {
                    self.cjk_chars += 1;
                }
                in_word = false;
            } else if c.is_alphanumeric() {
                if !in_word {
                    self.words += 1;
                }
                in_word = true;
            } else {
                in_word = false;
            }
        }
    }

    /// Minutes to read: about 400 CJK characters or 220 words a minute; at least one.
    pub fn minutes(&self) -> usize {
        let m = self.cjk_chars as f64 / 400.0 + self.words as f64 / 220.0;
        (m.ceil() as usize).max(1)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_cjk_and_words() {
        let mut c = TextCount::default();
        c.add("多模态是大势所趋。AIGC market 2024");
        assert_eq!(c.cjk_chars, 8);
        assert_eq!(c.words, 3);
        assert_eq!(c.minutes(), 1);
        let mut long = TextCount::default();
        long.add(&"字".repeat(1200));
        assert_eq!(long.minutes(), 3);
    }

    #[test]
    fn soft_break_rule() {
        assert!(joins_without_space(Some('文'), Some('字'), false));
        assert!(!joins_without_space(Some('a'), Some('字'), false));
        assert!(joins_without_space(Some('a'), Some('字'), true));
        assert!(joins_without_space(Some('。'), Some('b'), false));
        assert!(joins_without_space(Some('，'), Some('A'), false));
        assert!(joins_without_space(Some('a'), Some('《'), false));
        assert!(!joins_without_space(Some('a'), Some('b'), true));
        assert!(!joins_without_space(Some('“'), Some('b'), true));
        assert!(!joins_without_space(None, Some('字'), true));
    }

    #[test]
    fn typed_spaces_rule() {
        assert_eq!(tighten("全部 AIGC  产品", true), "全部AIGC产品");
        assert_eq!(tighten("全部 AIGC 产品", false), "全部 AIGC 产品");
        assert_eq!(
            tighten("《报告》， AIGC 与 （B端）", false),
            "《报告》，AIGC 与（B端）"
        );
        assert_eq!(tighten("Llama 3 与 8B", true), "Llama 3与8B");
        assert_eq!(tighten("the 中国 market", false), "the 中国 market");
        assert_eq!(tighten("图\u{A0}1 ", true), "图\u{A0}1 ");
        assert_eq!(tighten(" 中 ", true), " 中 ");
        assert!(matches!(
            tighten("plain text", true),
            std::borrow::Cow::Borrowed(_)
        ));
    }
}
