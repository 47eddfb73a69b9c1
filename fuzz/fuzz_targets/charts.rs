//! Chart specs from arbitrary YAML text: loading either fails with diagnostics or yields a spec
//! that renders in every language to well-formed output, without panicking or hanging.
#![no_main]

use libfuzzer_sys::fuzz_target;
use std::collections::BTreeMap;
use std::path::Path;
use yanbao::charts::{load, render, Words};

fn words(text: &str) -> Words {
    Words::from(serde_yaml::from_str::<BTreeMap<String, String>>(text).unwrap_or_default())
}

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let langs = vec!["zh".to_string(), "en".to_string()];
    let Ok(chart) = load("fuzz", Path::new("charts/fuzz.yaml"), text, &langs) else {
        return;
    };
    for (lang, file) in [
        ("zh", include_str!("../../content/i18n/zh.yaml")),
        ("en", include_str!("../../content/i18n/en.yaml")),
    ] {
        let figure = render(&chart, lang, &words(file)).expect("a loaded chart renders");
        if let Err(e) = roxmltree::Document::parse(&figure.svg_file) {
            panic!("not well-formed XML: {e}");
        }
        assert!(figure.csv.starts_with('\u{feff}'));
    }
});
