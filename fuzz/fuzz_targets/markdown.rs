//! The Markdown pass on arbitrary text: no panic, no marker character the input did not have,
//! every slot spliced, and the same for snippets.
#![no_main]

use libfuzzer_sys::fuzz_target;
use std::path::Path;
use yanbao::markdown::{embeds, render, render_snippet, Context};

fn markers(s: &str) -> usize {
    s.chars()
        .filter(|c| matches!(c, '\u{2E3B}' | '\u{F8F0}' | '\u{F8F1}' | '\0'))
        .count()
}

fuzz_target!(|text: &str| {
    let links = |d: &str, _: usize| -> Result<String, String> {
        if d.len() % 2 == 0 {
            Ok(format!("/{d}"))
        } else {
            Err("no".into())
        }
    };
    let ctx = Context {
        file: Path::new("f.md"),
        first_line: 1,
        links: &links,
        reserved_ids: &["main".to_string()],
        cjk_lang: Some("zh-CN"),
        chinese: false,
    };
    let r = render(text, &ctx);
    assert!(markers(&r.html) <= markers(text), "{text:?} -> {:?}", r.html);
    let html = embeds::splice(&r.html, &r.slots, |_| "<x>".into());
    assert_eq!(html.matches("<x>").count() - r.html.matches("<x>").count(), r.slots.len());
    let snippet = render_snippet(text, true, true);
    assert!(markers(&snippet) <= markers(text));
});
