//! How text is cut into search terms (`docs/search-index.md`, "Terms"): words of letters and
//! digits, lowercased and folded for plurals, and Chinese, Japanese or Korean text as pairs of
//! neighbouring characters. The browser cuts queries by the same rules (`static/search-index.js`);
//! `tests/fixtures/search-terms.json` holds the cases both sides are tested against.
//!
//! Pairs (bigrams) rather than dictionary words: any two or more characters of a phrase find it,
//! whatever a segmenter would have made of the phrase, and no dictionary is needed.

/// Whether `c` is written without spaces between words: Han, kana or Hangul syllables.
pub fn is_cjk(c: char) -> bool {
    matches!(c,
        '\u{3400}'..='\u{4DBF}'
        | '\u{4E00}'..='\u{9FFF}'
        | '\u{F900}'..='\u{FAFF}'
        | '\u{20000}'..='\u{323AF}'
        | '\u{3040}'..='\u{30FF}'
        | '\u{AC00}'..='\u{D7AF}')
}

fn is_word(c: char) -> bool {
    c.is_alphanumeric() && !is_cjk(c)
}

/// A piece of text: a word or a run of CJK characters.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Run<'a> {
    Word(&'a str),
    Cjk(&'a str),
}

/// The words and CJK runs of `text`, in order.
fn runs(text: &str) -> impl Iterator<Item = Run<'_>> {
    let mut rest = text;
    std::iter::from_fn(move || loop {
        let mut chars = rest.char_indices();
        let (start, first) = chars.next()?;
        debug_assert_eq!(start, 0);
        let cjk = is_cjk(first);
        if !cjk && !is_word(first) {
            rest = &rest[first.len_utf8()..];
            continue;
        }
        let mut end = rest.len();
        let mut prev = first;
        for (i, c) in chars {
            let joins = if cjk {
                is_cjk(c)
            } else {
                is_word(c) || (c == '.' && prev.is_ascii_digit() && next_is_digit(&rest[i + 1..]))
            };
            if !joins {
                end = i;
                break;
            }
            prev = c;
        }
        let (run, after) = rest.split_at(end);
        rest = after;
        return Some(if cjk { Run::Cjk(run) } else { Run::Word(run) });
    })
}

fn next_is_digit(s: &str) -> bool {
    s.chars().next().is_some_and(|c| c.is_ascii_digit())
}

/// A word's term: lowercased, with the plural fold of the contract.
fn fold(word: &str, out: &mut String) {
    out.clear();
    // Most words are ASCII, where lowercasing is per byte and the length is the byte count.
    let len = if word.is_ascii() {
        out.push_str(word);
        out.make_ascii_lowercase();
        out.len()
    } else {
        out.extend(word.chars().flat_map(char::to_lowercase));
        out.chars().count()
    };
    if len <= 3 {
        return;
    }
    if out.ends_with("ies") {
        out.truncate(out.len() - 3);
        out.push('y');
    } else if out.ends_with('s') && !["ss", "us", "is"].iter().any(|e| out.ends_with(e)) {
        out.pop();
    }
}

/// Calls `f` with each term `text` is indexed under, in order, duplicates included.
pub fn index_terms(text: &str, mut f: impl FnMut(&str)) {
    let mut term = String::new();
    for run in runs(text) {
        match run {
            Run::Word(w) => {
                fold(w, &mut term);
                f(&term);
            }
            Run::Cjk(r) => {
                let mut chars = r.char_indices().peekable();
                while let Some((i, c)) = chars.next() {
                    match chars.peek() {
                        Some(&(j, n)) => f(&r[i..j + n.len_utf8()]),
                        None => f(&r[i..i + c.len_utf8()]),
                    }
                }
            }
        }
    }
}

/// The terms of a query: `(term, is a prefix)`. The browser cuts queries itself
/// (`static/search-index.js`); this is the reference the tests hold both sides to.
pub fn query_terms(text: &str) -> Vec<(String, bool)> {
    let mut out = Vec::new();
    let mut term = String::new();
    for run in runs(text) {
        match run {
            Run::Word(w) => {
                fold(w, &mut term);
                out.push((term.clone(), true));
            }
            Run::Cjk(r) if r.chars().count() == 1 => out.push((r.to_string(), true)),
            Run::Cjk(r) => {
                let chars: Vec<char> = r.chars().collect();
                out.extend(chars.windows(2).map(|w| (w.iter().collect(), false)));
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn indexed(text: &str) -> Vec<String> {
        let mut out = Vec::new();
        index_terms(text, |t| out.push(t.to_string()));
        out
    }

    /// The cases the browser's tokenizer is tested against too.
    #[test]
    fn cuts_the_shared_cases_as_the_contract_says() {
        let path = concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/tests/fixtures/search-terms.json"
        );
        let cases: Vec<serde_json::Value> =
            serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap();
        assert!(cases.len() >= 10);
        for case in cases {
            let text = case["text"].as_str().unwrap();
            let index: Vec<String> = serde_json::from_value(case["index"].clone()).unwrap();
            let query: Vec<(String, bool)> = serde_json::from_value(case["query"].clone()).unwrap();
            assert_eq!(indexed(text), index, "index terms of {text:?}");
            assert_eq!(query_terms(text), query, "query terms of {text:?}");
        }
    }

    #[test]
    fn every_character_of_a_cjk_run_starts_a_term() {
        for text in ["多模态大模型", "应用", "一"] {
            let terms = indexed(text);
            for c in text.chars() {
                assert!(terms.iter().any(|t| t.starts_with(c)), "{c} in {terms:?}");
            }
        }
    }

    #[test]
    fn a_dot_joins_digits_only() {
        assert_eq!(indexed("3.5 a.b 7. .8"), ["3.5", "a", "b", "7", "8"]);
    }
}

#[cfg(test)]
mod props {
    use super::*;
    use proptest::prelude::*;

    /// Text mixing the classes the cutter tells apart: ASCII, digits and dots, CJK (including
    /// beyond the BMP), kana, Greek, punctuation and spaces.
    fn mixed() -> impl Strategy<Value = String> {
        proptest::collection::vec(
            prop_oneof![
                Just('a'),
                Just('S'),
                Just('s'),
                Just('1'),
                Just('.'),
                Just(' '),
                Just('-'),
                Just('多'),
                Just('模'),
                Just('态'),
                Just('\u{20000}'),
                Just('カ'),
                Just('Σ'),
                Just('，'),
                Just('\u{a0}'),
                any::<char>(),
            ],
            0..40,
        )
        .prop_map(|cs| cs.into_iter().collect())
    }

    proptest! {
        #![proptest_config(ProptestConfig { cases: 512, ..ProptestConfig::default() })]

        #[test]
        fn terms_are_non_empty_lowercase_and_cover_every_cjk_character(text in mixed()) {
            let mut terms = Vec::new();
            index_terms(&text, |t| terms.push(t.to_string()));
            for t in &terms {
                prop_assert!(!t.is_empty());
                prop_assert!(!t.chars().any(char::is_whitespace), "{t:?}");
            }
            for c in text.chars().filter(|&c| is_cjk(c)) {
                prop_assert!(terms.iter().any(|t| t.starts_with(c)), "{c} in {terms:?}");
            }
            // A query of the same text finds it: every query term is an index term or a
            // prefix of one.
            for (q, prefix) in query_terms(&text) {
                prop_assert!(
                    terms.iter().any(|t| if prefix { t.starts_with(&q) } else { *t == q }),
                    "{q:?} not found in {terms:?}"
                );
            }
        }
    }
}
