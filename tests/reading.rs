//! Reading quality of the built default site, checked on the text of the pages as a reader gets it:
//! Chinese punctuation and spacing (W3C clreq), figure references, chapter pages and the one-page
//! view. Geometry (line heights, page breaks) is measured in the browser suite instead.

mod common;

use common::TestSite;
use html5gum::emitters::callback::{CallbackEmitter, CallbackEvent};
use html5gum::{Span, Tokenizer};
use std::sync::OnceLock;

/// The default site, built once for every test here.
fn site() -> &'static TestSite {
    static SITE: OnceLock<TestSite> = OnceLock::new();
    SITE.get_or_init(|| {
        let site = TestSite::default_site();
        site.build_ok(&[]);
        site
    })
}

/// Built pages whose path passes `filter`, with their HTML; never empty.
fn pages(filter: impl Fn(&str) -> bool) -> Vec<(String, String)> {
    let out: Vec<(String, String)> = site()
        .pages()
        .into_iter()
        .filter(|p| filter(p))
        .map(|p| {
            let html = site().out(&p);
            (p, html)
        })
        .collect();
    assert!(!out.is_empty(), "no page matched");
    out
}

fn is_zh(path: &str) -> bool {
    !path.starts_with("en/")
}

/// The text a reader sees, entities decoded, outside the elements named in `skip` (code, SVG).
fn visible_text(html: &str, skip: &[&str]) -> String {
    let mut text = String::new();
    let mut depth = 0usize;
    let mut name = Vec::new();
    let skip: Vec<&[u8]> = skip.iter().map(|s| s.as_bytes()).collect();
    let emitter = CallbackEmitter::new(|event: CallbackEvent<'_>, _: Span<()>| {
        match event {
            CallbackEvent::OpenStartTag { name: n } => name = n.to_vec(),
            CallbackEvent::CloseStartTag { self_closing } if !self_closing => {
                depth += usize::from(skip.contains(&name.as_slice()));
            }
            CallbackEvent::EndTag { name: n } if skip.contains(&n) => {
                depth = depth.saturating_sub(1)
            }
            CallbackEvent::String { value } if depth == 0 => {
                text.push_str(&String::from_utf8_lossy(value))
            }
            _ => {}
        }
        None::<()>
    });
    for _ in Tokenizer::new_with_emitter(html, emitter) {}
    text
}

fn is_han(c: char) -> bool {
    matches!(c as u32, 0x3400..=0x4DBF | 0x4E00..=0x9FFF | 0xF900..=0xFAFF | 0x20000..=0x2FFFF)
}

/// Places in `text` where a space follows closing full-width punctuation or precedes opening
/// full-width punctuation, with a little context.
fn stray_spaces(text: &str) -> Vec<String> {
    const CLOSING: &str = "。，、；：！？》」』）】";
    const OPENING: &str = "《「『（【";
    let chars: Vec<char> = text.chars().collect();
    let mut out = Vec::new();
    for i in 1..chars.len().saturating_sub(1) {
        let (prev, c, next) = (chars[i - 1], chars[i], chars[i + 1]);
        let bad = c == ' '
            && ((CLOSING.contains(prev) && !next.is_whitespace())
                || (OPENING.contains(next) && !prev.is_whitespace()));
        if bad {
            let from = i.saturating_sub(8);
            let to = (i + 8).min(chars.len());
            out.push(chars[from..to].iter().collect());
        }
    }
    out
}

#[test]
fn chinese_pages_have_no_space_around_full_width_punctuation() {
    let mut problems = Vec::new();
    for (path, html) in pages(is_zh) {
        // Chart SVGs carry their own text (the charts' concern); code is verbatim.
        let text = visible_text(&html, &["svg", "pre", "code", "script", "style"]);
        for s in stray_spaces(&text) {
            problems.push(format!("{path}: {s:?}"));
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

#[test]
fn chinese_interface_uses_full_width_colons() {
    let mut problems = Vec::new();
    for (path, html) in pages(is_zh) {
        let text = visible_text(&html, &["svg", "pre", "code", "script", "style"]);
        let chars: Vec<char> = text.chars().collect();
        for w in chars.windows(2) {
            if is_han(w[0]) && (w[1] == ':' || w[1] == ',' || w[1] == ';') {
                problems.push(format!("{path}: half-width {:?} after {:?}", w[1], w[0]));
            }
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

#[test]
fn chinese_interface_strings_follow_the_spacing_rule() {
    // The rule (docs/typography.md): no space is typed between Han and Latin letters or digits, nor
    // after full-width punctuation; figure labels join noun and number with a no-break space.
    let zh = site().read("content/i18n/zh.yaml");
    let strings: std::collections::BTreeMap<String, String> =
        serde_yaml::from_str(&zh).expect("zh.yaml parses");
    let mut problems = Vec::new();
    for (key, value) in &strings {
        let chars: Vec<char> = value.chars().collect();
        for w in chars.windows(3) {
            let latin = |c: char| c.is_ascii_alphanumeric() || c == '{' || c == '}';
            if w[1] == ' ' && ((is_han(w[0]) && latin(w[2])) || (latin(w[0]) && is_han(w[2]))) {
                problems.push(format!("{key}: {value:?}"));
            }
        }
        problems.extend(
            stray_spaces(value)
                .into_iter()
                .map(|s| format!("{key}: {s:?}")),
        );
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

#[test]
fn figure_references_do_not_break_between_noun_and_number() {
    let mut refs = 0;
    let mut problems = Vec::new();
    for (path, html) in pages(|_| true) {
        for part in html.split("class=\"figure-ref\"").skip(1) {
            refs += 1;
            let text = part
                .split_once('>')
                .and_then(|(_, rest)| rest.split_once("</a>"))
                .map_or("", |(t, _)| t);
            if text.contains(' ') || !text.contains('\u{a0}') {
                problems.push(format!("{path}: {text:?}"));
            }
        }
    }
    assert!(
        refs > 0,
        "the default site has no figure references to check"
    );
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

#[test]
fn figure_labels_do_not_break_between_noun_and_number() {
    let mut labels = 0;
    for (path, html) in pages(|_| true) {
        for part in html.split("class=\"chart-label\">").skip(1) {
            labels += 1;
            let text = part.split_once('<').map_or("", |(t, _)| t);
            assert!(
                text.contains('\u{a0}') && !text.contains(' '),
                "{path}: {text:?}"
            );
        }
    }
    assert!(labels > 0, "the default site has no figures");
}

#[test]
fn stray_space_checker_finds_what_it_guards() {
    assert_eq!(stray_spaces("落地。 场景").len(), 1);
    assert_eq!(stray_spaces("报告》， AIGC").len(), 1);
    assert_eq!(stray_spaces("见 《报告》").len(), 1);
    assert!(stray_spaces("落地。场景 AIGC").is_empty());
    let text = visible_text(
        "<p>a。 <code>x。 y</code><svg><text>b， c</text></svg></p>",
        &["code", "svg"],
    );
    assert_eq!(text, "a。 ");
}
