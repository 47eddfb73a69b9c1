//! Property test: splitting and parsing a chapter's front matter never panics, and a chapter
//! that parses reports a body line inside the file.

use proptest::prelude::*;
use std::path::Path;
use yanbao::content::chapter::parse;

fn chapterish() -> impl Strategy<Value = String> {
    let piece = prop::sample::select(vec![
        "---",
        "---\n",
        "\n",
        "\r\n",
        "title: ",
        "order: ",
        "1",
        "\"",
        "'",
        "中文",
        ": ",
        "- ",
        "{",
        "}",
        "[",
        "]",
        "&a",
        "*a",
        "!!str ",
        "#",
        "\u{feff}",
        "\0",
        "summary: x\n",
        "  ",
        "extra: 1\n",
        "---x",
        "...",
    ]);
    prop::collection::vec(piece, 0..30).prop_map(|v| v.concat())
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 512, ..ProptestConfig::default() })]

    #[test]
    fn front_matter_never_panics(text in chapterish()) {
        if let Ok(chapter) = parse(&text, Path::new("c.zh.md")) {
            prop_assert!(chapter.body_line >= 3);
            prop_assert!(chapter.body_line <= text.lines().count() + 2);
        }
    }

    #[test]
    fn valid_front_matter_keeps_the_body(title in "[a-z中文 ]{1,10}", body in "[a-z\n中]{0,40}") {
        let text = format!("---\ntitle: \"{title}\"\norder: 2\n---\n{body}");
        let chapter = parse(&text, Path::new("c.zh.md")).unwrap();
        prop_assert_eq!(chapter.body, body);
        prop_assert_eq!(chapter.body_line, 5);
    }
}
