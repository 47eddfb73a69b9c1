//! Standalone pages (`content/pages/<slug>.<lang>.md`): rendering, navigation, twins and the
//! language switcher, links, the sitemap, search, and the slug rules.

mod common;
use common::TestSite;

const ABOUT_ZH: &str = "---\ntitle: 关于<我们>\nnav: true\nweight: 2\n---\n## 团队\n\n见[报告](/alpha/)与[方法](methodology.en.md#scope)。\n";
const ABOUT_EN: &str = "---\ntitle: About <us>\nnav: true\nweight: 2\ndescription: Who we are.\n---\n## Team\n\nSee [the report](/alpha/) and [method](methodology.md#scope).\n";
const METHOD_EN: &str =
    "---\ntitle: Methodology\nnav: true\nweight: 1\n---\n## Scope\n\nHow we count.\n";
const LEGAL_ZH: &str = "---\ntitle: 法律声明\n---\n条款。\n";

/// The mini site (built-in theme) with an about page in both languages, a methodology page in
/// English only and a legal page in Chinese only, out of the navigation.
fn site_with_pages() -> TestSite {
    let site = TestSite::bare();
    site.write("content/pages/about.zh.md", ABOUT_ZH);
    site.write("content/pages/about.en.md", ABOUT_EN);
    site.write("content/pages/methodology.en.md", METHOD_EN);
    site.write("content/pages/legal.zh.md", LEGAL_ZH);
    site
}

#[test]
fn pages_render_with_the_built_in_template_escaped() {
    let site = site_with_pages();
    site.build_ok(&[]);
    let about = site.out("about/index.html");
    assert!(about.contains("<h1>关于&lt;我们&gt;</h1>"), "{about}");
    assert!(about.contains("<title>关于&lt;我们&gt; — 测试研究</title>"));
    assert!(!about.contains("<我们>"), "the title is escaped everywhere");
    assert!(about.contains("<h2 id=\"团队\">") || about.contains("<h2 id="));
    assert!(about.contains("href=\"/alpha/\""));
    // A link to another page's file becomes that page's URL, in the language named.
    assert!(about.contains("href=\"/en/methodology/#scope\""), "{about}");
    let about_en = site.out("en/about/index.html");
    assert!(about_en.contains("href=\"/en/methodology/#scope\""));
    assert!(about_en.contains("<meta name=\"description\" content=\"Who we are.\">"));
    assert!(site.out("legal/index.html").contains("条款"));
}

#[test]
fn navigation_lists_pages_that_ask_by_weight_in_their_language() {
    let site = site_with_pages();
    site.build_ok(&[]);
    let nav = |rel: &str| {
        let html = site.out(rel);
        let start = html.find("class=\"wrap site-nav\"").expect("a site nav");
        let end = start + html[start..].find("</nav>").unwrap();
        html[start..end].to_string()
    };
    let en = nav("en/alpha/index.html");
    let (method, about) = (
        en.find("/en/methodology/").expect("methodology in nav"),
        en.find("/en/about/").expect("about in nav"),
    );
    assert!(method < about, "weight 1 before weight 2: {en}");
    let zh = nav("index.html");
    assert!(zh.contains("href=\"/about/\""), "{zh}");
    assert!(
        !zh.contains("methodology"),
        "no zh version, no zh link: {zh}"
    );
    assert!(
        !zh.contains("legal"),
        "legal is not in the navigation: {zh}"
    );
}

#[test]
fn twins_get_the_switcher_and_hreflang_single_language_pages_do_not() {
    let site = site_with_pages();
    site.build_ok(&[]);
    let about = site.out("about/index.html");
    assert!(about.contains(
        "<link rel=\"alternate\" hreflang=\"en\" href=\"https://example.org/en/about/\">"
    ));
    assert!(about.contains("<a href=\"/en/about/\" hreflang=\"en\""));
    let method = site.out("en/methodology/index.html");
    assert!(method.contains("hreflang=\"en\""));
    assert!(
        !method.contains("hreflang=\"zh-CN\"") && !method.contains("x-default"),
        "no alternate names a page that does not exist: {method}"
    );
    assert!(!method.contains("href=\"/methodology/\""));
    assert!(!method.contains("og:locale:alternate"));
    let legal = site.out("legal/index.html");
    assert!(!legal.contains("/en/legal/"), "{legal}");
}

#[test]
fn pages_are_in_the_sitemap_with_only_their_twins() {
    let site = site_with_pages();
    site.build_ok(&[]);
    let map = site.out("sitemap.xml");
    let entry = |loc: &str| {
        let start = map
            .find(&format!("<loc>{loc}</loc>"))
            .unwrap_or_else(|| panic!("{loc} in sitemap"));
        let end = start + map[start..].find("</url>").unwrap();
        map[start..end].to_string()
    };
    let about = entry("https://example.org/about/");
    assert!(about.contains("hreflang=\"en\" href=\"https://example.org/en/about/\""));
    let method = entry("https://example.org/en/methodology/");
    assert!(!method.contains("xhtml:link"), "{method}");
    // Reports keep every twin.
    assert!(entry("https://example.org/alpha/").contains("hreflang=\"x-default\""));
}

#[test]
fn pages_are_indexed_for_search_in_their_language() {
    let count = |site: &TestSite, lang: &str| -> u64 {
        let meta: serde_json::Value =
            serde_json::from_str(&site.out(&format!("search-index/{lang}/meta.json"))).unwrap();
        meta["pages"].as_u64().unwrap()
    };
    let plain = TestSite::bare();
    plain.build_ok(&[]);
    let site = site_with_pages();
    site.build_ok(&[]);
    assert_eq!(count(&site, "en"), count(&plain, "en") + 2);
    assert_eq!(count(&site, "zh"), count(&plain, "zh") + 2);
}

#[test]
fn a_broken_link_in_a_page_is_a_located_error() {
    let site = site_with_pages();
    site.write(
        "content/pages/contact.en.md",
        "---\ntitle: Contact\n---\n\nWrite to [us](/nowhere/).\n\nOr [here](team.md).\n",
    );
    let err = site.build_err(&[]);
    assert!(err.contains("content/pages/contact.en.md:5"), "{err}");
    assert!(err.contains("/nowhere"), "{err}");
    assert!(err.contains("content/pages/contact.en.md:7"), "{err}");
    assert!(err.contains("no page `team`"), "{err}");
}

#[test]
fn a_link_to_a_missing_twin_is_a_located_error() {
    let site = site_with_pages();
    site.edit(
        "content/pages/about.zh.md",
        "methodology.en.md",
        "methodology.md",
    );
    let err = site.build_err(&[]);
    assert!(err.contains("content/pages/about.zh.md:8"), "{err}");
    assert!(err.contains("has no `zh` version"), "{err}");
}

#[test]
fn slugs_that_collide_are_located_errors() {
    for (file, says) in [
        ("content/pages/alpha.en.md", "a report's folder"),
        ("content/pages/Alpha.zh.md", "a report's folder"),
        (
            "content/pages/sectors.en.md",
            "a folder of the site's own pages",
        ),
        (
            "content/pages/search.zh.md",
            "a folder of the site's own pages",
        ),
        ("content/pages/en.zh.md", "a language prefix"),
    ] {
        let site = TestSite::bare();
        site.write(file, "---\ntitle: X\n---\nx\n");
        let err = site.build_err(&[]);
        assert!(err.contains(file), "{file}: {err}");
        assert!(err.contains(says), "{file}: {err}");
    }
}

#[test]
fn bad_page_files_are_located_errors() {
    let site = TestSite::bare();
    site.write("content/pages/about.md", "---\ntitle: X\n---\n");
    site.write("content/pages/team.fr.md", "---\ntitle: X\n---\n");
    site.write("content/pages/faq.en.md", "---\ntitle: X\norder: 1\n---\n");
    site.write("content/pages/terms.en.md", "no front matter\n");
    let err = site.build_err(&[]);
    assert!(err.contains("content/pages/about.md"), "{err}");
    assert!(err.contains("content/pages/team.fr.md"), "{err}");
    assert!(err.contains("content/pages/faq.en.md:3"), "{err}");
    assert!(err.contains("content/pages/terms.en.md:1"), "{err}");
    assert!(err.contains("page has no front matter"), "{err}");
}

#[test]
fn a_chart_embed_in_a_page_is_a_located_error() {
    let site = TestSite::bare();
    site.write(
        "content/pages/chart.en.md",
        "---\ntitle: X\n---\n\n{{ chart(id=\"sizes\") }}\n",
    );
    let err = site.build_err(&[]);
    assert!(err.contains("content/pages/chart.en.md:5"), "{err}");
    assert!(err.contains("cannot be embedded in a page"), "{err}");
}

#[test]
fn shortcodes_render_in_a_page_as_in_a_chapter() {
    let site = TestSite::bare();
    site.write(
        "content/pages/method.en.md",
        "---\ntitle: Method\n---\n\n{{ key_figure(value=\"1,000\", label=\"<Firms>\", source=\"Survey\") }}\n\n{% callout(kind=\"warning\") %}\nData are **estimates**.\n{% end %}\n\nAfter.\n",
    );
    site.build_ok(&[]);
    let page = site.out("en/method/index.html");
    assert!(page.contains("1,000"), "{page}");
    assert!(
        page.contains("&lt;Firms&gt;") && !page.contains("<Firms>"),
        "{page}"
    );
    assert!(page.contains("Source: Survey"), "{page}");
    assert!(
        page.contains("<p>Data are <strong>estimates</strong>.</p>"),
        "{page}"
    );
    assert!(page.contains("callout"), "{page}");
    assert!(page.contains("<p>After.</p>"), "{page}");
    assert!(!page.contains("{{") && !page.contains("{%"), "{page}");
    // Checked as in a chapter: an unknown argument is an error at its line, with the help.
    site.write(
        "content/pages/method.en.md",
        "---\ntitle: Method\n---\n\n{{ key_figure(value=\"1\", lable=\"x\", source=\"s\") }}\n\n![local](fig.png)\n",
    );
    let err = site.build_err(&[]);
    assert!(err.contains("content/pages/method.en.md:5:1"), "{err}");
    assert!(err.contains("did you mean `label`"), "{err}");
    assert!(err.contains("content/pages/method.en.md:7"), "{err}");
    assert!(
        err.contains("an image beside the file cannot be shown in a page"),
        "{err}"
    );
}

#[test]
fn a_site_may_override_the_page_template() {
    let site = site_with_pages();
    site.write(
        "templates/page.html",
        "{% extends \"base.html\" %}{% block main %}<p class=\"mine\">{{ standalone.title }}</p>{% endblock main %}",
    );
    site.build_ok(&[]);
    assert!(site
        .out("en/about/index.html")
        .contains("<p class=\"mine\">About &lt;us&gt;</p>"));
}

#[test]
fn a_static_file_claiming_a_generated_path_or_folder_is_a_located_error() {
    let cases = [
        ("static/about/logo.png", "`about/`", "content/pages/about."),
        (
            "static/en/about/index.html",
            "path of a generated file",
            "content/pages/about.",
        ),
        ("static/alpha", "name of the folder", "report `alpha`"),
        (
            "static/en/alpha/charts/x.svg",
            "`en/alpha/`",
            "content/reports/alpha/report.yaml",
        ),
        (
            "static/search-index/en/meta.json",
            "`search-index/`",
            "the search index",
        ),
        ("static/en", "name of the folder", "`en/"),
    ];
    for (file, what, owner) in cases {
        let site = site_with_pages();
        site.build_ok(&[]);
        let before = site.snapshot();
        site.write(file, "mine");
        let err = site.build_err(&[]);
        for part in [&file["static/".len()..], what, owner, "move or rename"] {
            assert!(err.contains(part), "{file}: no {part:?} in {err}");
        }
        assert!(
            err.contains(&format!("{file}:")) || err.contains(&format!("{file}\n")),
            "{err}"
        );
        assert_eq!(
            before,
            site.snapshot(),
            "{file}: the previous output is kept"
        );
    }
    // Static files beside the pages, in the root and in a language's folder, are fine.
    let site = site_with_pages();
    site.write("static/en/brochure.pdf", "pdf");
    site.write("static/images/logo.png", "png");
    site.build_ok(&[]);
    assert_eq!(site.out("en/brochure.pdf"), "pdf");
    assert_eq!(site.out("images/logo.png"), "png");
}
