//! Heading ids that stay stable and readable for Chinese and Latin headings, and the table of
//! contents built from them.

use serde::Serialize;
use std::collections::BTreeSet;

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

/// Hands out unique ids within one page.
#[derive(Debug, Default)]
pub struct IdSet(BTreeSet<String>);

impl IdSet {
    /// Reserves ids the page already uses (e.g. figure ids).
    pub fn reserve(&mut self, id: &str) {
        self.0.insert(id.to_string());
    }

    /// Every id taken so far, sorted.
    pub fn all(&self) -> Vec<String> {
        self.0.iter().cloned().collect()
    }

    /// Returns `base`, or `base-2`, `base-3`… if taken.
    pub fn unique(&mut self, base: &str) -> String {
        let mut id = base.to_string();
        let mut n = 2;
        while self.0.contains(&id) {
            id = format!("{base}-{n}");
            n += 1;
        }
        self.0.insert(id.clone());
        id
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
    }
}
