//! Emphasis next to Chinese punctuation.
//!
//! CommonMark decides whether `**` can open or close emphasis from the characters around it. Next
//! to Chinese punctuation followed directly by a character (`**要点。**正文`) the rules say "neither",
//! so the asterisks stay literal. We insert a sentinel punctuation character on the far side of such
//! a delimiter run before parsing, which makes it flanking. After parsing, each sentinel is removed
//! by its position from the text event that holds it; the author's own copies of the character are
//! never touched. A sentinel that landed anywhere but plain text (code, HTML, a link destination)
//! cannot be removed there, so the text is parsed again without it (see [`super::render`]).

use super::cjk::{is_cjk, is_punct};
use super::stream::Node;
use pulldown_cmark::{Event, Tag};
use std::borrow::Cow;

/// The character inserted next to emphasis delimiters.
pub const SENTINEL: char = '\u{2E3B}';

fn is_word(c: char) -> bool {
    !c.is_whitespace() && !is_punct(c)
}

/// Byte offsets of `text` where a sentinel makes a `*` run next to CJK punctuation flanking.
pub fn candidates(text: &str) -> Vec<usize> {
    let mut out = Vec::new();
    let mut i = 0;
    while let Some(rel) = text[i..].find('*') {
        let start = i + rel;
        let end = start + text[start..].bytes().take_while(|&b| b == b'*').count();
        i = end;
        let (Some(p), Some(n)) = (
            text[..start].chars().next_back(),
            text[end..].chars().next(),
        ) else {
            continue;
        };
        if !(is_cjk(p) || is_cjk(n)) {
            continue;
        }
        if is_punct(n) && is_word(p) {
            out.push(start);
        }
        if is_punct(p) && is_word(n) {
            out.push(end);
        }
    }
    out
}

/// `text` with a sentinel at each of the sorted offsets `at`, and the sentinels' offsets in it.
pub fn insert<'t>(text: &'t str, at: &[usize]) -> (Cow<'t, str>, Vec<usize>) {
    if at.is_empty() {
        return (Cow::Borrowed(text), Vec::new());
    }
    let mut out = String::with_capacity(text.len() + at.len() * SENTINEL.len_utf8());
    let mut placed = Vec::with_capacity(at.len());
    let mut last = 0;
    for &p in at {
        out.push_str(&text[last..p]);
        placed.push(out.len());
        out.push(SENTINEL);
        last = p;
    }
    out.push_str(&text[last..]);
    (Cow::Owned(out), placed)
}

/// What became of an inserted sentinel.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Fate {
    /// Not found in plain text (it is in code, HTML, a link destination…).
    Left,
    /// Removed from the text event that held it.
    Removed,
    /// Also copied where it cannot be removed (an autolink's destination).
    Stuck,
}

/// Removes the inserted sentinels from the text events that hold them, and records the fate of
/// each.
pub struct StripSentinels<'a, 'b> {
    /// The parsed text.
    pub src: &'a str,
    /// Sorted offsets of the inserted sentinels in `src`.
    pub at: &'b [usize],
    /// One per sentinel, all `Left` at the start.
    pub fate: &'b mut [Fate],
}

impl<'a> StripSentinels<'a, '_> {
    /// The node without the sentinels it holds (`None` for a text that held nothing else).
    pub fn strip(&mut self, node: Node<'a>) -> Option<Node<'a>> {
        if self.at.is_empty() {
            return Some(node);
        }
        let lo = |r: &std::ops::Range<usize>| self.at.partition_point(|&p| p < r.start);
        let hi = |r: &std::ops::Range<usize>| self.at.partition_point(|&p| p < r.end);
        if let Node::Event(
            Event::Start(Tag::Link {
                dest_url: d,
                title: t,
                ..
            }),
            r,
        ) = &node
        {
            if d.contains(SENTINEL) || t.contains(SENTINEL) {
                let (lo, hi) = (lo(r), hi(r));
                self.fate[lo..hi].fill(Fate::Stuck);
            }
        }
        // A text holding an inserted sentinel contains the character (checked first: it is cheap).
        let Node::Event(Event::Text(t), r) = &node else {
            return Some(node);
        };
        if !t.contains(SENTINEL) {
            return Some(node);
        }
        let (lo, hi) = (lo(r), hi(r));
        // Only a text event that is its source verbatim has the sentinel at a known place.
        if lo == hi || self.src.get(r.clone()) != Some(&**t) {
            return Some(node);
        }
        let mut kept = String::with_capacity(t.len());
        let mut last = r.start;
        for (i, &p) in self.at[lo..hi].iter().enumerate() {
            kept.push_str(&self.src[last..p]);
            last = p + SENTINEL.len_utf8();
            if self.fate[lo + i] == Fate::Left {
                self.fate[lo + i] = Fate::Removed;
            }
        }
        kept.push_str(&self.src[last..r.end]);
        let r = r.clone();
        (!kept.is_empty()).then(|| Node::Event(Event::Text(kept.into()), r))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fixed(text: &str) -> String {
        insert(text, &candidates(text)).0.into_owned()
    }

    #[test]
    fn sentinel_goes_outside_closing_run() {
        let s = fixed("**更加关注应用场景落地。**AIGC 产品");
        assert_eq!(s, format!("**更加关注应用场景落地。**{SENTINEL}AIGC 产品"));
    }

    #[test]
    fn sentinel_goes_outside_opening_run() {
        let s = fixed("中文**「引号」**中文");
        assert_eq!(s, format!("中文{SENTINEL}**「引号」**{SENTINEL}中文"));
    }

    #[test]
    fn latin_text_is_untouched() {
        assert_eq!(fixed("a **b.**c and *x*"), "a **b.**c and *x*");
        assert!(candidates("a **b.**c").is_empty());
    }

    #[test]
    fn offsets_of_inserted_sentinels() {
        let (s, at) = insert("ab", &[0, 1, 2]);
        assert_eq!(at.iter().map(|&p| &s[p..p + 3]).collect::<String>(), "⸻⸻⸻");
    }
}
