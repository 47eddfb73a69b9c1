//! The Markdown pass on hostile chapters, through real builds of the small fixture site.

mod common;

use common::TestSite;

const ONE_EN: &str = "content/reports/alpha/chapters/one.en.md";

#[test]
fn figure_label_is_escaped_in_references() {
    let site = TestSite::mini();
    let en = site.read("content/i18n/en.yaml");
    let line = en
        .lines()
        .find(|l| l.starts_with("figure_label:"))
        .expect("a figure label")
        .to_string();
    site.edit(
        "content/i18n/en.yaml",
        &line,
        "figure_label: \"<b>Fig</b> & {n}\"",
    );
    site.build_ok(&[]);
    let page = site.out("en/alpha/one/index.html");
    assert!(
        page.contains("class=\"figure-ref\" href=\"/alpha/one/#figure-sizes\">&lt;b&gt;Fig&lt;/b&gt; &amp; 1</a>")
            || page.contains("&lt;b&gt;Fig&lt;/b&gt; &amp; 1</a>"),
        "{page}"
    );
    assert!(
        !page.contains("<b>Fig</b>"),
        "the label reached the page raw"
    );
}

#[test]
fn forged_placeholders_neither_panic_nor_duplicate_figures() {
    let site = TestSite::mini();
    site.edit(
        ONE_EN,
        "## Deployment",
        "## Deployment\n\nForged \u{F8F0}0\u{F8F1} and \u{F8F0}1\u{F8F1} and \u{F8F0}99\u{F8F1}.",
    );
    site.build_ok(&[]);
    let page = site.out("en/alpha/one/index.html");
    assert_eq!(page.matches("id=\"figure-sizes\"").count(), 1, "{page}");
    assert!(page.contains("Forged \u{F8F0}0\u{F8F1} and"), "{page}");
}

#[test]
fn embeds_in_code_and_html_stay_text() {
    let site = TestSite::mini();
    site.edit(
        ONE_EN,
        "## Deployment",
        "## Deployment\n\n    {{ chart(id=\"sizes\") }}\n\n> ```\n> {{ chart(id=\"sizes\") }}\n> ```\n\n<!-- {{ chart(id=\"nope\") }} -->\n",
    );
    site.build_ok(&[]);
    let page = site.out("en/alpha/one/index.html");
    assert_eq!(page.matches("id=\"figure-sizes\"").count(), 1);
    assert_eq!(
        page.matches("{{ chart(id=&quot;sizes&quot;) }}").count()
            + page.matches("{{ chart(id=\"sizes\") }}").count(),
        2,
        "{page}"
    );
}

#[test]
fn script_links_fail_the_build_with_file_and_line() {
    let site = TestSite::mini();
    site.edit(
        ONE_EN,
        "See {{ ref",
        "[x](JavaScript:alert(1)) ![y](data:image/svg+xml,<svg>)\n\nSee {{ ref",
    );
    let err = site.build_err(&[]);
    assert!(
        err.contains("link to a `javascript:` URL is not allowed"),
        "{err}"
    );
    assert!(
        err.contains("link to a `data:` URL is not allowed"),
        "{err}"
    );
    assert!(
        err.contains("content/reports/alpha/chapters/one.en.md:13"),
        "{err}"
    );
}

#[test]
fn chart_inside_a_paragraph_is_an_error_at_its_place() {
    let site = TestSite::mini();
    site.edit(
        ONE_EN,
        "\n{{ chart(id=\"sizes\") }}",
        "Lead-in line\n{{ chart(id=\"sizes\") }}",
    );
    let err = site.build_err(&[]);
    assert!(
        err.contains("chart `sizes` must be a paragraph of its own"),
        "{err}"
    );
    assert!(err.contains("one.en.md:11:1"), "{err}");
}

#[test]
fn emphasis_repair_leaves_no_trace_and_nul_is_replaced() {
    let site = TestSite::mini();
    site.edit(
        ONE_EN,
        "## Deployment",
        "## Deployment\n\nCode `中**。\n**文` and [link](/中**。x.txt) and an author's \u{2E3B} dash; nul \0 here.\n\n<div title=\"中**。a\">\n\n</div>\n\n**要点。**正文",
    );
    site.write("static/中**。x.txt", "");
    site.build_ok(&[]);
    let page = site.out("en/alpha/one/index.html");
    assert!(page.contains("<code>中**。 **文</code>"), "{page}");
    assert!(!page.contains("%E2%B8%BB"), "sentinel in a URL");
    assert!(page.contains("<div title=\"中**。a\">"), "{page}");
    assert!(page.contains("an author's \u{2E3B} dash"), "{page}");
    assert!(
        page.contains(
            "<strong><span lang=\"zh-CN\">要点。</span></strong><span lang=\"zh-CN\">正文</span>"
        ),
        "{page}"
    );
    assert_eq!(page.matches('\u{2E3B}').count(), 1, "{page}");
    assert!(
        page.contains("nul \u{FFFD} here") && !page.contains('\0'),
        "{page}"
    );
}
