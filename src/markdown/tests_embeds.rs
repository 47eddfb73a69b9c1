//! Tests of images beside the chapter and shortcode bodies in the Markdown pass.

use super::embeds::Kind;
use super::splice::Mark;
use super::*;

fn md(text: &str) -> Rendered {
    let links = |d: &str, _line: usize| -> Result<String, String> { Ok(format!("/r/{d}")) };
    let ctx = Context {
        file: Path::new("c/a.zh.md"),
        first_line: 1,
        links: &links,
        reserved_ids: &[],
        cjk_lang: None,
        chinese: false,
    };
    render(text, &ctx)
}

/// The HTML with bodies wrapped as `[name|body|]` and other embeds as `[name]`.
fn spliced(r: &Rendered) -> String {
    let mark = |s: &stream::Slot| match r.embeds[s.embed].kind {
        Kind::Open => Mark::Open,
        Kind::Close => Mark::Close,
        _ => Mark::Plain,
    };
    embeds::splice_bodies(&r.html, &r.slots, mark, |s, body| {
        let e = &r.embeds[s.embed];
        match body {
            Some(b) => format!("[{}|{b}|]", e.name),
            None => format!("[{}]", e.name),
        }
    })
}

#[test]
fn a_body_on_the_lines_of_its_paragraph_takes_them() {
    let r = md("{% callout(kind=\"note\") %}\n正文 **重点**。\n{% end %}\n");
    assert!(r.diagnostics.is_empty(), "{:?}", r.diagnostics);
    assert_eq!(
        spliced(&r),
        "[callout|\n<p>正文 <strong>重点</strong>。</p>\n|]\n"
    );
}

#[test]
fn a_body_ending_in_a_list_and_starting_before_repaired_emphasis() {
    let r =
        md("{% callout(kind=\"warning\") %}\n风险提示：**仅为测试**。\n\n- 第一条\n\n{% end %}\n");
    assert!(r.diagnostics.is_empty(), "{:?}", r.diagnostics);
    assert_eq!(
        spliced(&r),
        "[callout|\n<p>风险提示：<strong>仅为测试</strong>。</p>\n<ul>\n<li>第一条</li>\n</ul>\n|]\n"
    );
}

#[test]
fn bodies_nest_and_hold_embeds() {
    let r = md("{% a() %}\n\n{% b() %}\nx {{ ref(id=\"f\") }}\n{% end %}\n\n{% end %}\n");
    assert!(r.diagnostics.is_empty(), "{:?}", r.diagnostics);
    assert_eq!(spliced(&r), "[a|\n[b|\n<p>x [ref]</p>\n|]\n|]\n");
}

#[test]
fn misplaced_markers_are_located_errors() {
    for (text, line, col, words) in [
        ("- a\n{% end %}\n", 2, 1, "blank line"),
        ("x {% a() %} y\n", 1, 3, "line of their own"),
        ("{% end %}\n", 1, 1, "closes no shortcode"),
        ("{% a() %}\n\nbody\n", 1, 1, "not closed"),
        ("> {% a() %}\n\n{% end %}\n", 3, 1, "not at the level"),
        ("{% a() %\n", 1, 1, "not closed with `%}`"),
    ] {
        let r = md(text);
        let d = r.diagnostics.first().unwrap_or_else(|| panic!("{text:?}"));
        assert_eq!(d.location.line, Some(line), "{text:?}");
        assert_eq!(d.location.column, Some(col), "{text:?}");
        assert!(d.message.contains(words), "{text:?}: {}", d.message);
    }
}

#[test]
fn braces_in_code_stay_text() {
    let r = md("`{{ a() }}` and\n\n```\n{% b() %}\n{{ c() }}\n```\n");
    assert!(r.embeds.is_empty() && r.diagnostics.is_empty());
    assert!(r.html.contains("<code>{{ a() }}</code>"), "{}", r.html);
}

#[test]
fn local_images_become_embeds_with_their_alt_text() {
    let r =
        md("![图 *一*](fig-1.png \"标题\")\n\n文中 ![小](a/b.png) 与 ![外](https://x.org/a.png)\n");
    assert_eq!(r.embeds.len(), 2, "{}", r.html);
    let (fig, inline) = (&r.embeds[0], &r.embeds[1]);
    assert_eq!(
        (fig.kind, fig.block, fig.line, fig.column),
        (Kind::Image, true, 1, 1)
    );
    assert_eq!(fig.str_arg("alt"), Some("图 一"));
    assert_eq!(fig.str_arg("title"), Some("标题"));
    assert_eq!(fig.str_arg("src"), Some("fig-1.png"));
    assert_eq!((inline.block, inline.line, inline.column), (false, 3, 4));
    assert_eq!(spliced(&r).lines().next(), Some("[image]"));
    assert!(
        spliced(&r)
            .contains("<p>文中 [image] 与 <img src=\"https://x.org/a.png\" alt=\"外\" /></p>"),
        "{}",
        spliced(&r)
    );
}

#[test]
fn an_image_after_text_in_its_paragraph_is_inline() {
    let r = md("文字\n![a](x.png)\n");
    assert!(!r.embeds[0].block);
    assert_eq!(spliced(&r), "<p>文字\n[image]</p>\n");
}

#[test]
fn alt_text_of_a_local_image_keeps_braces_as_text() {
    let r = md("![{{ ref(id=\"a\") }}](i.png)\n");
    assert_eq!(r.embeds.len(), 1);
    assert_eq!(r.embeds[0].str_arg("alt"), Some("{{ ref(id=\"a\") }}"));
}

#[test]
fn an_escaped_brace_shows_a_marker_literally() {
    let r = md("&#123;% a() %} 与 &#123;&#123; b() }}\n");
    assert!(r.embeds.is_empty() && r.diagnostics.is_empty());
    assert!(r.html.contains("{% a() %}"), "{}", r.html);
}

#[test]
fn script_images_are_refused_not_taken_as_files() {
    let r = md("![x](javascript:alert(1))\n");
    assert!(r.embeds.is_empty());
    assert_eq!(r.diagnostics.len(), 1);
}

#[test]
fn arguments_holding_markdown_inline_syntax_are_read_as_written() {
    let cases: &[(&str, &str, &str, &str)] = &[
        ("{{ chart(id=\"a_b_c\") }}\n", "chart", "id", "a_b_c"),
        ("{{ chart(id=\"a*b*c\") }}\n", "chart", "id", "a*b*c"),
        (
            "{{ chart(id=\"x\", caption=\"*重点* and **more**\") }}\n",
            "chart",
            "caption",
            "*重点* and **more**",
        ),
        ("{{ ref(id=\"_x_\") }}\n", "ref", "id", "_x_"),
        (
            "见 {{ ref(id=\"a_b\", text=\"`code` here\") }} 一\n",
            "ref",
            "text",
            "`code` here",
        ),
        (
            "{{ figure(caption=\"[link](https://x.org) <b>x</b>\") }}\n",
            "figure",
            "caption",
            "[link](https://x.org) <b>x</b>",
        ),
        (
            "{{ figure(caption=\"a ~~b~~ c\\\\* d\") }}\n",
            "figure",
            "caption",
            "a ~~b~~ c\\\\* d",
        ),
        (
            "{% callout(title=\"*注意* `x`\") %}\n正文。\n{% end %}\n",
            "callout",
            "title",
            "*注意* `x`",
        ),
        (
            "{{ chart(id=\"x\",\n  caption=\"two *lines*\") }}\n",
            "chart",
            "caption",
            "two *lines*",
        ),
    ];
    for (text, name, key, value) in cases {
        let r = md(text);
        assert!(r.diagnostics.is_empty(), "{text:?}: {:?}", r.diagnostics);
        let e = r.embeds.iter().find(|e| e.name == *name);
        let e = e.unwrap_or_else(|| panic!("{text:?}: no {name} in {:?}", r.embeds));
        assert_eq!(e.str_arg(key), Some(*value), "{text:?}");
        assert!(
            !r.html.contains("<em>") && !r.html.contains("<code>"),
            "{text:?}: {}",
            r.html
        );
    }
    // Numbers and true/false beside text holding emphasis.
    let r = md("{{ chart(id=\"a*b*\", height=3.5, table=true) }}\n");
    assert!(r.diagnostics.is_empty(), "{:?}", r.diagnostics);
    let e = &r.embeds[0];
    assert_eq!(e.args.get("height"), Some(&embeds::Arg::Num(3.5)));
    assert_eq!(e.args.get("table"), Some(&embeds::Arg::Bool(true)));
    // The text around the embed keeps its Markdown.
    let r = md("*a* {{ ref(id=\"b*c\") }} *d*\n");
    assert!(r.diagnostics.is_empty(), "{:?}", r.diagnostics);
    assert_eq!(spliced(&r), "<p><em>a</em> [ref] <em>d</em></p>\n");
}

#[test]
fn markdown_that_pairs_across_an_embeds_braces_is_a_located_error_that_says_so() {
    for (text, line, col) in [
        ("*a {{ ref(id=\"b*\") }}\n", 1, 4),
        ("{{ ref(t=\"`a\") }} b`\n", 1, 1),
    ] {
        let r = md(text);
        let d = r.diagnostics.first().unwrap_or_else(|| panic!("{text:?}"));
        assert_eq!(
            (d.location.line, d.location.column),
            (Some(line), Some(col)),
            "{text:?}"
        );
        assert!(d.message.contains("Markdown"), "{text:?}: {}", d.message);
        assert!(!d.message.contains("not closed"), "{text:?}: {}", d.message);
    }
}

#[test]
fn literal_braces_show_their_markdown_as_written() {
    let r = md("{{/* chart(id=\"*a*\") 中文**「引号」**中文 */}}\n");
    assert!(r.diagnostics.is_empty(), "{:?}", r.diagnostics);
    assert_eq!(
        r.html,
        "<p>{{ chart(id=\"*a*\") 中文**「引号」**中文 }}</p>\n"
    );
}

#[test]
fn braces_that_are_no_embed_keep_no_emphasis_sentinel() {
    // The emphasis repair puts a sentinel before `*` next to Chinese text; text the run took
    // in must lose it like any other text (found by the never-adds-a-marker property test).
    for text in [
        "\n{{&amp;中文*> }}",
        "{{ 中文*x }} 和 {{ chart(id=\"a\") }}",
    ] {
        let r = md(text);
        assert!(
            !r.html.contains(emphasis::SENTINEL),
            "{text:?} -> {:?}",
            r.html
        );
        assert!(r.html.contains("中文*"), "{:?}", r.html);
    }
}

#[test]
fn an_argument_on_several_lines_of_a_quote_or_list_leaves_out_their_markers() {
    // Each later line of a quote or list item starts with Markdown's `>` or indentation, which
    // the reader must not see in the argument (it was `Quoted\n> label`).
    let cases: &[(&str, &str, &str)] = &[
        (
            "> {{ key_figure(value=\"2\", label=\"Quoted\n> label\") }}\n",
            "key_figure",
            "Quoted\nlabel",
        ),
        (
            "> > {{ key_figure(label=\"one\n> > *two*\n> > three\") }}\n",
            "key_figure",
            "one\n*two*\nthree",
        ),
        (
            "- a\n\n- {{ key_figure(label=\"Market\n  size\") }}\n",
            "key_figure",
            "Market\nsize",
        ),
        (
            "> {% callout(title=\"Quoted\n> title\") %}\n> body\n>\n> {% end %}\n",
            "callout",
            "Quoted\ntitle",
        ),
        // Outside any container, continuation lines lose the indentation Markdown drops.
        ("{{ ref(id=\"a\", text=\"x\n   y\") }}\n", "ref", "x\ny"),
    ];
    for (text, name, label) in cases {
        let r = md(text);
        assert!(r.diagnostics.is_empty(), "{text:?}: {:?}", r.diagnostics);
        let e = r.embeds.iter().find(|e| e.name == *name);
        let e = e.unwrap_or_else(|| panic!("{text:?}: no {name} in {:?}", r.embeds));
        let key = if *name == "callout" {
            "title"
        } else if *name == "ref" {
            "text"
        } else {
            "label"
        };
        assert_eq!(e.str_arg(key), Some(*label), "{text:?}");
    }
    // Literal braces over two lines of a quote show the text without the second `>`.
    let r = md("> {{/* chart(id=\"a\",\n> x=1) */}}\n");
    assert!(r.diagnostics.is_empty(), "{:?}", r.diagnostics);
    assert!(!r.html.contains("&gt; x=1"), "{}", r.html);
    assert!(r.html.contains("x=1) }}"), "{}", r.html);
}
