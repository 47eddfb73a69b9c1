//! Front matter split and parse on arbitrary text: no panic, and a parsed chapter's body line is
//! within the file.
#![no_main]

use libfuzzer_sys::fuzz_target;
use std::path::Path;
use yanbao::content::chapter::parse;

fuzz_target!(|text: &str| {
    if let Ok(c) = parse(text, Path::new("f.zh.md")) {
        assert!(c.body_line >= 3 && c.body_line <= text.split('\n').count() + 1);
    }
});
