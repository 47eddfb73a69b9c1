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

/// Whether a soft line break between `before` and `after` should vanish rather than become a space.
pub fn joins_without_space(before: Option<char>, after: Option<char>) -> bool {
    matches!((before, after), (Some(b), Some(a)) if is_cjk(b) && is_cjk(a))
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
        assert!(joins_without_space(Some('文'), Some('字')));
        assert!(!joins_without_space(Some('a'), Some('字')));
        assert!(!joins_without_space(Some('。'), Some('b')));
    }
}
