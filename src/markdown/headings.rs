//! Heading ids that stay stable and readable for Chinese and Latin headings, and the table of
//! contents built from them.

use serde::Serialize;
use std::collections::{BTreeSet, HashMap};

/// One entry of a chapter's table of contents.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct TocEntry {
    /// Heading level (2 or 3).
    pub level: u8,
    /// The heading's id.
    pub id: String,
    /// The heading's plain text.
    pub text: String,
}

/// Turns heading text into an id: lowercase letters and digits of any script are kept (so
/// Chinese stays Chinese), spaces and dashes become `-`, other punctuation is dropped.
pub fn slugify(text: &str) -> String {
    let mut out = String::new();
    let mut dash = false;
    for c in text.chars() {
        if c.is_alphanumeric() {
            if dash && !out.is_empty() {
                out.push('-');
            }
            dash = false;
            out.extend(c.to_lowercase());
        } else if c.is_whitespace() || matches!(c, '-' | '_' | '/' | '.' | '·' | '—' | '–') {
            dash = true;
        }
    }
    if out.is_empty() {
        "section".to_string()
    } else {
        out
    }
}

/// Hands out unique ids within one page. For each base it remembers the next suffix to try, so
/// that many identical headings take linear, not quadratic, time.
#[derive(Debug, Default)]
pub struct IdSet {
    taken: BTreeSet<String>,
    next_suffix: HashMap<String, usize>,
}

impl IdSet {
    /// Reserves ids the page already uses (e.g. figure ids).
    pub fn reserve(&mut self, id: &str) {
        self.taken.insert(id.to_string());
    }

    /// Every id taken so far, sorted.
    pub fn all(&self) -> Vec<String> {
        self.taken.iter().cloned().collect()
    }

    /// Returns `base`, or `base-2`, `base-3`… if taken.
    pub fn unique(&mut self, base: &str) -> String {
        if self.taken.insert(base.to_string()) {
            return base.to_string();
        }
        // Suffixes below `next` were taken when last tried, and ids are never given back.
        let next = self.next_suffix.entry(base.to_string()).or_insert(2);
        loop {
            let id = format!("{base}-{next}");
            *next += 1;
            if self.taken.insert(id.clone()) {
                return id;
            }
        }
    }

    /// How many suffixed ids were tried for `base` (the suffix search resumes, never restarts).
    pub fn suffixes_tried(&self, base: &str) -> usize {
        self.next_suffix.get(base).map_or(0, |n| n - 2)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn chinese_and_latin_slugs() {
        assert_eq!(slugify("多模态是大势所趋"), "多模态是大势所趋");
        assert_eq!(slugify("B端 vs. C端：变现"), "b端-vs-c端变现");
        assert_eq!(
            slugify("Open-source models & Llama 3"),
            "open-source-models-llama-3"
        );
        assert_eq!(slugify("？！"), "section");
    }

    #[test]
    fn duplicates_get_suffixes() {
        let mut ids = IdSet::default();
        ids.reserve("a");
        assert_eq!(ids.unique("a"), "a-2");
        assert_eq!(ids.unique("a"), "a-3");
        assert_eq!(ids.unique("b"), "b");
        ids.reserve("c-2");
        assert_eq!(ids.unique("c"), "c");
        assert_eq!(ids.unique("c"), "c-3");
        assert_eq!(ids.unique("c-3"), "c-3-2");
    }

    #[test]
    fn many_identical_headings_resume_the_suffix_search() {
        let mut ids = IdSet::default();
        for _ in 0..1000 {
            ids.unique("same");
        }
        assert_eq!(ids.unique("same"), "same-1001");
        // Each suffix was tried once: 1000 in all, where restarting at 2 would try ~500,000.
        assert_eq!(ids.suffixes_tried("same"), 1000);
    }
}
