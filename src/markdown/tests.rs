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
        chinese: false,
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
    assert!(!r.html.contains(emphasis::SENTINEL));
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

fn md_zh(text: &str) -> String {
    let links = |d: &str, _line: usize| -> Result<String, String> { Ok(d.to_string()) };
    let ctx = Context {
        file: Path::new("c/a.zh.md"),
        first_line: 1,
        links: &links,
        reserved_ids: &[],
        cjk_lang: None,
        chinese: true,
    };
    render(text, &ctx).html
}

#[test]
fn soft_break_next_to_full_width_punctuation_adds_no_space() {
    let r = md("《报告》，\nAIGC 与 B\n（注）\n");
    assert!(r.html.contains("《报告》，AIGC 与 B（注）"), "{}", r.html);
}

#[test]
fn chinese_pages_drop_spaces_typed_between_han_and_latin() {
    let html =
        md_zh("全部 AIGC 产品，\n**2024** 年的 *B端*和\n[OpenAI](x) 官网\n\n用 `cargo` 命令\n");
    assert!(
        html.contains(
            "全部AIGC产品，<strong>2024</strong>年的<em>B端</em>和<a href=\"x\">OpenAI</a>官网"
        ),
        "{html}"
    );
    // Inline code keeps the spaces around it; code blocks are verbatim.
    assert!(html.contains("用 <code>cargo</code> 命令"), "{html}");
    let block = md_zh("```\n全部 AIGC\n```\n");
    assert!(block.contains("全部 AIGC"), "{block}");
    // Pages in other languages keep them ("the 中国 market").
    assert!(md("the 中国 market").html.contains("the 中国 market"));
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
    assert!(r.html.contains("<div class=\"table-wrap\"><table>"));
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
        render_snippet("**要点。**正文", true, true),
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
        chinese: false,
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
        let _ = embeds::splice(&r.html, &r.slots, |_| String::from("<x>"));
        let sentinels = |s: &str| s.matches(emphasis::SENTINEL).count();
        assert_eq!(sentinels(&r.html), sentinels(text), "{text:?}");
    }
}

/// The HTML with every embed spliced in as `[name:id]`.
fn spliced(r: &Rendered) -> String {
    embeds::splice(&r.html, &r.slots, |s| {
        let e = &r.embeds[s.embed];
        format!("[{}:{}]", e.name, e.args["id"])
    })
}

#[test]
fn forged_placeholder_characters_are_just_text() {
    let r = md("a \u{F8F0}0\u{F8F1} b {{ ref(id=\"x\") }} \u{F8F0}7\u{F8F1}\n");
    assert_eq!(r.embeds.len(), 1);
    assert_eq!(
        spliced(&r),
        "<p>a \u{F8F0}0\u{F8F1} b [ref:x] \u{F8F0}7\u{F8F1}</p>\n"
    );
}

#[test]
fn block_embed_replaces_its_paragraph() {
    let r = md("a\n\n{{ chart(id=\"m\") }}\n\nb {{ ref(id=\"m\") }}\n\n{{ ref(id=\"m\") }}\n");
    assert_eq!(
        r.embeds.iter().map(|e| e.block).collect::<Vec<_>>(),
        [true, false, true]
    );
    assert_eq!(
        spliced(&r),
        "<p>a</p>\n[chart:m]\n<p>b [ref:m]</p>\n[ref:m]\n"
    );
    let inside = md("text\n{{ chart(id=\"m\") }}\n");
    assert!(!inside.embeds[0].block, "a line of a longer paragraph");
}

#[test]
fn embeds_only_in_text_outside_code() {
    let cases = [
        "    {{ chart(id=\"a\") }}\n",
        "> ```\n> {{ chart(id=\"a\") }}\n> ```\n",
        "<!-- {{ chart(id=\"a\") }} -->\n",
        "<div title='{{ chart(id=\"a\") }}'>x</div>\n",
        "x <span title='{{ ref(id=\"a\") }}'>y</span>\n",
        "`{{ ref(id=\"a\") }}`\n",
        "![{{ ref(id=\"a\") }}](https://x.org/i.png)\n",
    ];
    for text in cases {
        let r = md(text);
        assert!(r.embeds.is_empty() && r.diagnostics.is_empty(), "{text:?}");
        assert!(r.html.contains("{{"), "{text:?}: {}", r.html);
    }
    // Not a fence: an info string with a backtick. The line and the next are a paragraph.
    let r = md("``` a`b\n{{ ref(id=\"a\") }}\n");
    assert_eq!(r.embeds.len(), 1, "{}", r.html);
}

#[test]
fn embed_escape_and_errors_keep_their_place() {
    let r = md("见 {{/* chart(id=\"x\") */}} 与 **粗体。**{{ bad }}\n");
    assert!(r.html.contains("见 {{ chart(id=\"x\") }} 与"), "{}", r.html);
    assert_eq!(r.diagnostics.len(), 1);
    let loc = &r.diagnostics[0].location;
    // Line 5 of the file; the column counts the author's characters, not inserted ones.
    assert_eq!((loc.line, loc.column), (Some(5), Some(36)));
    let r = md("a\n\nx {{ chart(id=\"m\")\n");
    assert_eq!(r.diagnostics[0].location.line, Some(7));
    assert!(r.diagnostics[0].message.contains("not closed"));
}

#[test]
fn emphasis_sentinel_never_leaks_and_author_copies_stay() {
    let cases = [
        "`中**。\n**文`",
        "<div title=\"中**。a\">\n中**。a\n</div>\n",
        "x <span title=\"中**。a\">y</span>",
        "[a](x中**。y) ![b](中**。z.png)",
        "<https://x.org/中**。a>",
        "\u{2E3B} a\u{2E3B}b **中。**\u{2E3B}文",
    ];
    for text in cases {
        let r = md(text);
        let count = |s: &str| s.matches(emphasis::SENTINEL).count();
        assert_eq!(count(&r.html), count(text), "{text:?}: {}", r.html);
        assert!(!r.html.contains("%E2%B8%BB"), "{text:?}: {}", r.html);
    }
    let r = md("`中**。\n**文`");
    assert!(r.html.contains("<code>中**。 **文</code>"), "{}", r.html);
    let r = md("\u{2E3B}**中。**文");
    assert!(
        r.html.contains("\u{2E3B}<strong>中。</strong>文"),
        "{}",
        r.html
    );
    let takeaway = render_snippet("`中**。\n**文` 与 **要点。**正文", true, true);
    assert_eq!(
        takeaway,
        "<code>中**。 **文</code> 与 <strong>要点。</strong>正文"
    );
}

#[test]
fn nul_becomes_replacement_character() {
    let r = md("a\0b\n\n`c\0`\n");
    assert!(!r.html.contains('\0'));
    assert!(
        r.html.contains("a\u{FFFD}b") && r.html.contains("c\u{FFFD}"),
        "{}",
        r.html
    );
    assert!(!render_snippet("x\0", true, false).contains('\0'));
}

#[test]
fn script_and_data_links_are_errors_with_lines() {
    let r = md("[a](javascript:alert(1))\n\n[b](JAVA&#x53;cript:x) ![c](data:image/png;base64,AA)\n\n[d][r]\n\n[r]: <\u{1}vbscript:x>\n\n<javascript:x>\n");
    let lines: Vec<Option<usize>> = r.diagnostics.iter().map(|d| d.location.line).collect();
    assert_eq!(
        lines,
        [Some(5), Some(7), Some(7), Some(9), Some(13)],
        "{:?}",
        r.diagnostics
    );
    assert_eq!(r.html.matches("href=\"\"").count(), 4, "{}", r.html);
    assert!(r.html.contains("<img src=\"\""), "{}", r.html);
    let raw = md("<a href=\"javascript:x\">raw HTML is the author's</a>\n");
    assert!(raw.diagnostics.is_empty());
    let snippet = render_snippet("[a](javascript:x)", true, false);
    assert_eq!(snippet, "<a href=\"\">a</a>");
}

#[test]
fn lang_code_is_escaped() {
    let links = |_: &str, _: usize| -> Result<String, String> { Ok(String::new()) };
    let ctx = Context {
        file: Path::new("a.en.md"),
        first_line: 1,
        links: &links,
        reserved_ids: &[],
        cjk_lang: Some("zh\"><script>"),
        chinese: false,
    };
    let r = render("中文\n", &ctx);
    assert!(
        r.html
            .contains("<span lang=\"zh&quot;&gt;&lt;script&gt;\">中文</span>"),
        "{}",
        r.html
    );
}

#[test]
fn a_large_chapter_renders_with_right_lines() {
    // 40,000 lines with a link, a repeated heading and Chinese soft breaks on each block: this
    // took minutes with per-link line counting and restarting id searches.
    let block = "## 同名\n\n中文[链接](missing.md)\n继续\n\n";
    let text = block.repeat(8_000);
    let r = md(&text);
    assert_eq!(r.diagnostics.len(), 8_000);
    assert_eq!(r.diagnostics[7_999].location.line, Some(5 + 5 * 7_999 + 2));
    assert_eq!(r.toc.last().map(|t| t.id.as_str()), Some("同名-8000"));
    assert!(r.html.contains("中文<a href=\"missing.md\">链接</a>继续"));
}

#[test]
fn links_of_the_kept_rendering_only() {
    // The sentinel before `**` lands in the link destination, so the text is rendered twice;
    // only the second rendering's link is reported, without the sentinel.
    let r = md("[l](中**。x.md) and **要点。**正文\n");
    assert_eq!(r.links, [("中**。x.md".to_string(), 5)]);
    assert!(
        r.html
            .contains("href=\"/resolved/%E4%B8%AD**%E3%80%82x.md\""),
        "{}",
        r.html
    );
    assert!(r.html.contains("<strong>要点。</strong>正文"), "{}", r.html);
}

#[test]
fn embeds_across_split_text_events() {
    // pulldown-cmark splits text at `_`, `*` and `[`; the embed is found across the pieces.
    let r = md("见{{ ref(id=\"a_b*c[d\") }}。\n");
    assert_eq!(r.embeds.len(), 1, "{:?}", r.diagnostics);
    assert_eq!(r.embeds[0].args["id"], "a_b*c[d");
    assert_eq!(spliced(&r), "<p>见[ref:a_b*c[d]。</p>\n");
    // An embed's arguments are its source text: an entity in them is not decoded.
    let r = md("{{ ref(id=\"a&amp;b\") }}\n");
    assert!(r.diagnostics.is_empty(), "{:?}", r.diagnostics);
    assert_eq!(r.embeds[0].args["id"], "a&amp;b");
}

#[test]
fn many_embeds_on_one_long_line_get_columns() {
    let line = "x {{ ref(id=\"a\") }}".repeat(2_000);
    let r = md(&line);
    assert_eq!(r.embeds.len(), 2_000);
    assert_eq!(r.embeds[1_999].column, 1 + 19 * 1_999 + 2);
}

#[test]
fn entity_spelled_script_links_are_refused() {
    for text in [
        "[a](java&Tab;script:x)",
        "[a](javascript&colon;x)",
        "[a](<&#x20;javascript:x>)",
        "[a](<&#x1;JAVASCRIPT:x>)",
    ] {
        let r = md(text);
        assert_eq!(r.diagnostics.len(), 1, "{text}: {}", r.html);
        assert!(r.html.contains("href=\"\""), "{text}: {}", r.html);
    }
}

#[test]
fn ids_are_complete_without_raw_html_or_footnotes() {
    let r = md("# A\n\n## B {#b}\n\ntext and *emphasis*\n");
    assert!(r.ids_complete);
    assert_eq!(r.ids.len(), 2, "{:?}", r.ids);
    assert!(r.ids.contains(&"b".to_string()));
    for text in [
        "# A\n\ntext[^1]\n\n[^1]: a note\n",
        "# A\n\n<span id=\"x\">y</span>\n",
        "# A\n\n<div id=\"x\">\n\ny\n\n</div>\n",
    ] {
        assert!(!md(text).ids_complete, "{text}");
    }
}

#[test]
fn an_inline_snippet_opens_no_block() {
    // A takeaway starting like a heading or a list item gave an `<h1>` or a `<ul>` in a list item.
    for (text, chinese, html) in [
        ("# Edit the key", false, "# Edit the key"),
        ("- 在场景中落地", true, "- 在场景中落地"),
        ("2024. A year", false, "2024. A year"),
        ("> not a quote", false, "&gt; not a quote"),
        ("_x_ and **y**", false, "<em>x</em> and <strong>y</strong>"),
        ("中文\n继续", true, "中文继续"),
        ("one\n\n- two", false, "one\n- two"),
        ("a | b\n--- | ---", false, "a | b\n--- | ---"),
        ("`a\nb` c", false, "<code>a b</code> c"),
        ("<div>x</div>", false, "<div>x</div>"),
    ] {
        assert_eq!(render_snippet(text, true, chinese), html, "{text:?}");
    }
}

#[test]
fn footnotes_get_valid_ids_apart_from_the_headings() {
    // `[^a b]` was written as id="a b", and `[^1]` took the id of a heading `## 1`.
    let r = md("## 1\n\nx[^1] y[^a b] z[^1]\n\n[^1]: one\n[^a b]: two\n");
    assert!(r.html.contains("<h2 id=\"1\">"), "{}", r.html);
    assert_eq!(r.html.matches("href=\"#fn-1\"").count(), 2, "{}", r.html);
    assert!(r.html.contains("href=\"#fn-a-b\""), "{}", r.html);
    assert!(r.html.contains("id=\"fn-1\"") && r.html.contains("id=\"fn-a-b\""));
    assert!(!r.html.contains("id=\"a b\""), "{}", r.html);
    // A heading written after may not take a footnote's id.
    let r = md("x[^n]\n\n## fn n\n\n[^n]: note\n");
    assert!(r.html.contains("<h2 id=\"fn-n-2\">"), "{}", r.html);
}

#[test]
fn an_id_the_author_wrote_is_kept_as_written() {
    // It was renamed to `main-2` when the template had `main`, and links to `#main` went to the
    // template's element: now it stays, and the page check reports the clash at the heading.
    let links = |d: &str, _line: usize| -> Result<String, String> { Ok(format!("/r/{d}")) };
    let reserved = ["main".to_string()];
    let ctx = Context {
        file: Path::new("c/a.en.md"),
        first_line: 1,
        links: &links,
        reserved_ids: &reserved,
        cjk_lang: None,
        chinese: false,
    };
    let r = render("## C {#main}\n\n## Main\n\n## C {#c}\n\n## C\n", &ctx);
    assert!(r.html.contains("<h2 id=\"main\">C</h2>"), "{}", r.html);
    assert!(r.html.contains("<h2 id=\"main-2\">Main</h2>"), "{}", r.html);
    assert!(r.html.contains("<h2 id=\"c\">C</h2>"), "{}", r.html);
    assert!(r.html.contains("<h2 id=\"c-2\">C</h2>"), "{}", r.html);
}
