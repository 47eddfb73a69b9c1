//! Files and images beside the chapters, and shortcodes, built end to end from the `bundles`
//! fixture (the mini site with images, a data file, the built-in `callout` and `key_figure`,
//! and a site shortcode `pull_quote`).

mod common;

use common::TestSite;

const TWO: &str = "content/reports/alpha/chapters/two";

fn built() -> TestSite {
    let site = TestSite::fixture("bundles");
    site.build_ok(&[]);
    site
}

#[test]
fn files_are_published_once_and_linked_from_every_language() {
    let site = built();
    let files: Vec<String> = site
        .snapshot()
        .into_iter()
        .map(|(p, _)| p)
        .filter(|p| p.contains("/files/"))
        .collect();
    assert_eq!(
        files,
        [
            "alpha/files/data/table.csv",
            "alpha/files/fig-1.png",
            "alpha/files/img/map 2.png"
        ]
    );
    let png = std::fs::read(
        site.root()
            .join(format!("{}/fig-1.png", TWO.trim_end_matches("/two"))),
    )
    .unwrap();
    assert_eq!(
        std::fs::read(site.root().join("public/alpha/files/fig-1.png")).unwrap(),
        png
    );
    for page in ["alpha/two/index.html", "en/alpha/two/index.html"] {
        let html = site.out(page);
        assert!(
            html.contains("href=\"/alpha/files/data/table.csv\""),
            "{page}"
        );
        assert!(
            html.contains("src=\"/alpha/files/img/map%202.png\""),
            "{page}"
        );
    }
}

#[test]
fn images_get_their_size_and_lazy_loading_and_figures_are_numbered_with_charts() {
    let site = built();
    let en = site.out("en/alpha/two/index.html");
    assert!(en.contains("<img src=\"/alpha/files/fig-1.png\" alt=\"Market size sketch\" title=\"Image title: market size\" width=\"40\" height=\"30\" loading=\"lazy\" decoding=\"async\">"), "{en}");
    // Chapter one shows the chart (Figure 1); the images of chapter two follow.
    assert!(en.contains("<figure class=\"image-figure\" id=\"figure-fig-1\">"));
    assert!(
        en.contains("Figure\u{a0}2</span> <span class=\"image-caption\">Image title: market size")
    );
    assert!(en.contains(
        "<a class=\"figure-ref\" href=\"/en/alpha/two/#figure-img-map-2\">Figure\u{a0}3</a>"
    ));
    // An image inside a sentence stays inline and unnumbered.
    assert!(en.contains("Inline icon <img src=\"/alpha/files/img/map%202.png\" alt=\"small\" width=\"16\" height=\"9\""));
    let zh = site.out("alpha/two/index.html");
    assert!(zh.contains("图\u{a0}2</span>"), "{zh}");
}

#[test]
fn shortcodes_render_their_templates_escaped_with_bodies_as_markdown() {
    let site = built();
    let en = site.out("en/alpha/two/index.html");
    assert!(en.contains("<div class=\"callout callout-warning\" role=\"note\">\n<p class=\"callout-title\">Warning</p>"), "{en}");
    assert!(en.contains("<p>Risk: <strong>test only</strong>.</p>\n<ul>\n<li>First item</li>\n</ul>\n<p>Last line.</p>\n\n</div>"), "{en}");
    assert!(en.contains("<p class=\"card-value\">RMB100bn</p>"));
    assert!(en.contains("<p class=\"card-source\">Source: Test data</p>"));
    // The site's own shortcode, with a number argument and its text escaped.
    assert!(en.contains("<blockquote class=\"pull-quote\" data-size=\"2\"><p>Quote 1 &lt; 2 &amp; &#39;3&#39;</p></blockquote>"), "{en}");
    assert!(
        en.contains("<code>{{ key_figure(value=\"1\") }}</code>"),
        "{en}"
    );
    let zh = site.out("alpha/two/index.html");
    assert!(zh.contains("<p class=\"callout-title\">警示</p>"));
}

#[test]
fn output_is_deterministic_and_works_under_a_sub_path() {
    let site = built();
    let first = site.snapshot();
    site.build_ok(&[]);
    assert!(first == site.snapshot(), "two builds differ");
    site.build_ok(&["--base-url", "https://example.org/research/"]);
    let en = site.out("en/alpha/two/index.html");
    assert!(en.contains("src=\"/research/alpha/files/fig-1.png\""));
    assert!(en.contains("href=\"/research/alpha/files/data/table.csv\""));
    assert!(en.contains("href=\"/research/en/alpha/two/#figure-fig-1\""));
}

/// Builds after replacing `from` with `to` in the Chinese chapter two; returns the errors.
fn error_after(from: &str, to: &str) -> String {
    let site = TestSite::fixture("bundles");
    site.edit(&format!("{TWO}.zh.md"), from, to);
    site.build_err(&[])
}

#[test]
fn a_missing_file_is_a_located_error_with_a_near_match() {
    let err = error_after("](fig-1.png ", "](fig-l.png ");
    assert!(err.contains("two.zh.md:10:1"), "{err}");
    assert!(
        err.contains("no file `fig-l.png`") && err.contains("did you mean `fig-1.png`"),
        "{err}"
    );
    let err = error_after("](data/table.csv)", "](data/tabel.csv)");
    assert!(err.contains("two.zh.md:12:"), "{err}");
    assert!(err.contains("did you mean `data/table.csv`"), "{err}");
}

#[test]
fn paths_may_not_leave_the_chapters_folder() {
    for dest in [
        "../../../site.yaml",
        "../report.yaml",
        "../../../../../etc/hostname",
    ] {
        let err = error_after("](data/table.csv)", &format!("]({dest})"));
        assert!(err.contains("two.zh.md:12:"), "{dest}: {err}");
        assert!(err.contains("chapters/"), "{dest}: {err}");
    }
    let err = error_after("](fig-1.png ", "](../charts/sizes.yaml ");
    assert!(err.contains("two.zh.md:10:1"), "{err}");
}

#[cfg(unix)]
#[test]
fn a_symbolic_link_out_of_the_site_is_refused() {
    let site = TestSite::fixture("bundles");
    let chapters = site.root().join("content/reports/alpha/chapters");
    std::os::unix::fs::symlink("/etc/hostname", chapters.join("host.txt")).unwrap();
    let err = site.build_err(&[]);
    assert!(
        err.contains("chapters/host.txt") && err.contains("symbolic link"),
        "{err}"
    );
}

#[test]
fn unknown_shortcodes_and_bad_arguments_are_located_errors() {
    let err = error_after("{{ key_figure(", "{{ key_figur(");
    assert!(err.contains("two.zh.md:16:1"), "{err}");
    assert!(
        err.contains("unknown embed `key_figur`") && err.contains("did you mean `key_figure`"),
        "{err}"
    );
    assert!(
        err.contains("chart, ref, callout, key_figure, pull_quote"),
        "{err}"
    );
    let err = error_after("kind=\"warning\"", "kind=\"danger\"");
    assert!(
        err.contains("two.zh.md:18:1") && err.contains("\"note\", \"warning\""),
        "{err}"
    );
    let err = error_after("label=\"示例规模\", ", "");
    assert!(err.contains("needs the argument `label`"), "{err}");
    let err = error_after("source=\"测试数据\"", "sorce=\"测试数据\"");
    assert!(
        err.contains("no argument `sorce`") && err.contains("did you mean `source`"),
        "{err}"
    );
    let err = error_after("size=2", "size=big");
    assert!(
        err.contains("two.zh.md:27:") && err.contains("`size`"),
        "{err}"
    );
}

#[test]
fn a_template_error_names_the_shortcode_file_and_the_markdown_line() {
    let site = TestSite::fixture("bundles");
    site.write(
        "templates/shortcodes/pull_quote.html",
        "<p>{{ text }}{{ missing.field }}</p>",
    );
    let err = site.build_err(&[]);
    assert!(
        err.contains("templates/shortcodes/pull_quote.html"),
        "{err}"
    );
    assert!(err.contains("two.zh.md:27:1"), "{err}");
}

#[test]
fn a_site_template_takes_the_place_of_a_built_in_shortcode() {
    let site = TestSite::fixture("bundles");
    site.write(
        "templates/shortcodes/key_figure.html",
        "{# args: value, label, source #}<p class=\"mine\">{{ value }}</p>",
    );
    site.build_ok(&[]);
    assert!(site
        .out("alpha/two/index.html")
        .contains("<p class=\"mine\">1,000 亿元</p>"));
}

#[test]
fn shortcode_arguments_holding_markdown_syntax_are_shown_as_written() {
    let site = TestSite::fixture("bundles");
    let file = format!("{TWO}.en.md");
    let text = site.read(&file);
    site.write(
        &file,
        &format!(
            "{text}\n{{{{ key_figure(value=\"*RMB* 1`0`0bn\", label=\"_Sample_ **size** [x](y)\", source=\"<b>Test</b> ~~data~~\") }}}}\n\n\
             {{% callout(kind=\"note\", title=\"*Note* `code`\") %}}\nBody *em*.\n{{% end %}}\n\n\
             See {{{{ ref(id=\"fig-1\") }}}} again.\n\n{{{{ pull_quote(text=\"a *b* `c` d_e_f\", size=3) }}}}\n"
        ),
    );
    site.build_ok(&[]);
    let en = site.out("en/alpha/two/index.html");
    for shown in [
        "<p class=\"card-value\">*RMB* 1`0`0bn</p>",
        "<p class=\"card-label\">_Sample_ **size** [x](y)</p>",
        "&lt;b&gt;Test&lt;/b&gt; ~~data~~</p>",
        "<p class=\"callout-title\">*Note* `code`</p>",
        "<p>Body <em>em</em>.</p>",
        "data-size=\"3\"><p>a *b* `c` d_e_f</p>",
    ] {
        assert!(en.contains(shown), "no {shown:?} in {en}");
    }
    assert!(!en.contains("<em>RMB</em>") && !en.contains("<code>code</code>"));
    // A chart id with emphasis in it is an unknown id, at its place, not an unclosed embed.
    site.write(&file, &format!("{text}\n{{{{ chart(id=\"si*zes*\") }}}}\n"));
    let line = text.lines().count() + 2;
    let err = site.build_err(&[]);
    assert!(err.contains(&format!("two.en.md:{line}:1")), "{err}");
    assert!(err.contains("unknown chart id `si*zes*`"), "{err}");
    assert!(!err.contains("not closed"), "{err}");
}
