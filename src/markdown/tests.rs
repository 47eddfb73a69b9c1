use super::*;

fn md(text: &str) -> Rendered {
    let links = |d: &str, _line: usize| -> Result<String, String> {
        if d.starts_with("missing") {
            Err(format!("link target `{d}` does not exist"))
        } else {
            Ok(format!("/resolved/{d}"))
        }
    };
    let ctx = Context {
        file: Path::new("c/a.zh.md"),
        first_line: 5,
        links: &links,
        reserved_ids: &[],
        cjk_lang: None,
    };
    render(text, &ctx)
}

#[test]
fn bold_before_chinese_punctuation_and_latin() {
    let r = md(
        "- **更加关注应用场景落地。**AIGC 产品应用落地\n- **B端变现模式更为清晰：**国内现阶段\n",
    );
    assert!(
        r.html
            .contains("<strong>更加关注应用场景落地。</strong>AIGC 产品"),
        "{}",
        r.html
    );
    assert!(
        r.html
            .contains("<strong>B端变现模式更为清晰：</strong>国内"),
        "{}",
        r.html
    );
    assert!(!r.html.contains("**"));
    assert!(!r.html.contains(cjk::SENTINEL));
}

#[test]
fn soft_break_between_chinese_adds_no_space() {
    let r = md("多模态是大势\n所趋。English\nwords\n");
    assert!(
        r.html.contains("多模态是大势所趋。English\nwords"),
        "{}",
        r.html
    );
}

#[test]
fn code_is_left_alone() {
    let r = md("`**中。**文` and\n\n```\n{{ chart(id=\"x\") }}\n**中。**文\n```\n");
    assert!(r.embeds.is_empty());
    assert!(r.html.contains("<code>**中。**文</code>"));
    assert!(
        r.html.contains("{{ chart(id=\"x\") }}\n**中。**文"),
        "{}",
        r.html
    );
}

#[test]
fn headings_get_ids_and_toc() {
    let r = md("## 多模态\n\n### Open source\n\n## 多模态\n\n## Custom {#my-id}\n");
    let ids: Vec<&str> = r.toc.iter().map(|t| t.id.as_str()).collect();
    assert_eq!(ids, ["多模态", "open-source", "多模态-2", "my-id"]);
    assert!(r.html.contains("<h2 id=\"多模态\">多模态</h2>"));
    assert_eq!(r.toc[1].level, 3);
}

#[test]
fn embeds_report_file_lines() {
    let r = md("text\n\n{{ chart(id=\"m\") }}\n\n{{ bad }}\n");
    assert_eq!(r.embeds[0].line, 7);
    assert_eq!(r.diagnostics.len(), 1);
    assert_eq!(r.diagnostics[0].location.line, Some(9));
}

#[test]
fn links_are_rewritten_or_reported_with_line() {
    let r = md("[a](b.en.md)\n\n[x](missing.md) [e](https://x.org) [h](#top)\n");
    assert!(r.html.contains("href=\"/resolved/b.en.md\""));
    assert!(r.html.contains("href=\"https://x.org\""));
    assert!(r.html.contains("href=\"#top\""));
    assert_eq!(r.diagnostics[0].location.line, Some(7));
}

#[test]
fn tables_footnotes_tasks_strikethrough() {
    let r = md("| a | b |\n|---|---|\n| 1 | 2 |\n\nx[^1] ~~old~~\n\n- [x] done\n\n[^1]: note\n");
    assert!(r
        .html
        .contains("<div class=\"table-wrap\" tabindex=\"0\"><table>"));
    assert!(r.html.contains("<del>old</del>"));
    assert!(r.html.contains("checkbox"));
    assert!(r.html.contains("footnote-definition"));
}

#[test]
fn raw_html_is_kept_but_text_is_escaped() {
    let r = md("<span class=\"x\">ok</span> a < b & c\n");
    assert!(r
        .html
        .contains("<span class=\"x\">ok</span> a &lt; b &amp; c"));
}

#[test]
fn snippet_inline() {
    assert_eq!(
        render_snippet("**要点。**正文", true),
        "<strong>要点。</strong>正文"
    );
}

#[test]
fn chinese_runs_in_english_pages_get_a_lang() {
    let links = |_: &str, _: usize| -> Result<String, String> { Ok(String::new()) };
    let ctx = Context {
        file: Path::new("a.en.md"),
        first_line: 1,
        links: &links,
        reserved_ids: &[],
        cjk_lang: Some("zh-CN"),
    };
    let r = render(
        "QbitAI (量子位《中国AIGC报告》) says\n\n```\n中文\n```\n",
        &ctx,
    );
    assert!(
        r.html
            .contains("QbitAI (<span lang=\"zh-CN\">量子位《中国AIGC报告》</span>) says"),
        "{}",
        r.html
    );
    assert!(
        r.html.contains("<code>中文\n</code>"),
        "code is left alone: {}",
        r.html
    );
}

#[test]
fn odd_input_never_panics() {
    let nasty = [
        "",
        "{{",
        "}}",
        "{{}}",
        "{{ }}",
        "{{ (",
        "{{ a(",
        "{{ a(b=\"",
        "{{ a(b=\"中文\") }}",
        "{{ chart(id=\"x\",) }}",
        "{{/*",
        "{{/* */}}",
        "**",
        "*。*",
        "**。**a**",
        "中**",
        "**中",
        "`",
        "``a`",
        "```",
        "~~~\n{{ x }}",
        "# {#}",
        "## 。\n## 。",
        "[a](",
        "[a](#)",
        "[a](.md)",
        "[a](../..)",
        "[a](/)",
        "\u{feff}**中。**文",
        "\u{2E3B}**\u{2E3B}",
        "中\n\n\n文",
        "| a |\n|-|\n| {{ ref(id=\"x\") }} |",
        "- [ ] {{ chart(id=\"y\") }}",
        "[^1]\n\n[^1]: {{ ref(id=\"z\") }}",
        "<div>{{ chart(id=\"w\") }}</div>",
    ];
    for text in nasty {
        let r = md(text);
        let _ = embeds::splice(&r.html, |_| (String::from("<x>"), true));
        assert!(!r.html.contains(cjk::SENTINEL), "{text:?}");
    }
}
