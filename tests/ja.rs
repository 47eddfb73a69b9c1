//! A third language end to end: `tests/fixtures/ja` declares zh, en and ja and brings only
//! content and `content/i18n/ja.yaml` (templates, styles and the other strings are built in).

mod common;
use common::{copy_dir, TestSite};

fn site() -> TestSite {
    let site = TestSite {
        dir: tempfile::tempdir().unwrap(),
    };
    let fixture = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/ja");
    copy_dir(&fixture, site.root());
    assert!(!site.root().join("templates").exists());
    site.build_ok(&[]);
    site
}

#[test]
fn japanese_pages_exist_with_their_language_and_words() {
    let site = site();
    for page in [
        "ja/index.html",
        "ja/alpha/index.html",
        "ja/alpha/overview/index.html",
        "ja/alpha/analysts/index.html",
        "ja/alpha/all/index.html",
        "ja/about/index.html",
        "ja/search/index.html",
    ] {
        let html = site.out(page);
        assert!(html.contains("<html lang=\"ja\">"), "{page}");
        assert!(html.contains("本文へ移動"), "{page}: Japanese skip link");
    }
    let chapter = site.out("ja/alpha/overview/index.html");
    assert!(chapter.contains("<h1>概要</h1>"));
    assert!(chapter.contains("第1章"), "chapter label from ja.yaml");
    assert!(site
        .out("ja/about/index.html")
        .contains("<h1>私たちについて</h1>"));
    assert!(site.out("ja/feed.xml").contains("アルファレポート"));
}

#[test]
fn every_language_switches_to_the_other_two() {
    let site = site();
    for (page, here) in [
        ("alpha/overview/index.html", "zh-CN"),
        ("en/alpha/overview/index.html", "en"),
        ("ja/alpha/overview/index.html", "ja"),
    ] {
        let html = site.out(page);
        for (code, href) in [
            ("zh-CN", "/alpha/overview/"),
            ("en", "/en/alpha/overview/"),
            ("ja", "/ja/alpha/overview/"),
        ] {
            let alternate = format!(
                "<link rel=\"alternate\" hreflang=\"{code}\" href=\"https://example.org{href}\">"
            );
            assert!(html.contains(&alternate), "{page} lacks {alternate}");
            if code != here {
                let link = format!("<a href=\"{href}\" hreflang=\"{code}\" lang=\"{code}\">");
                assert!(html.contains(&link), "{page} lacks switcher link {link}");
            }
        }
        assert!(html.contains(&format!("<span aria-current=\"page\" lang=\"{here}\">")));
    }
    let map = site.out("sitemap.xml");
    assert!(map.contains("hreflang=\"ja\" href=\"https://example.org/ja/alpha/overview/\""));
    // The about page exists in en and ja only.
    let about = site.out("ja/about/index.html");
    assert!(about.contains("<a href=\"/en/about/\" hreflang=\"en\""));
    assert!(!about.contains("href=\"/about/\""), "{about}");
    assert!(site
        .out("ja/alpha/index.html")
        .contains("<a href=\"/ja/about/\">私たちについて</a>"));
}

#[test]
fn charts_speak_japanese() {
    let site = site();
    let chapter = site.out("ja/alpha/overview/index.html");
    assert!(chapter.contains("図\u{a0}1"), "figure label");
    assert!(chapter.contains("予測"), "forecast in the legend and table");
    let csv = site.out("ja/alpha/charts/sizes.csv");
    assert!(csv.starts_with("\u{feff}区分,系列,値,単位"), "{csv}");
    assert!(csv.contains("億元"));
    let svg = site.out("ja/alpha/charts/sizes.svg");
    assert!(
        svg.contains("単位：億元") && svg.contains("出所：出所A"),
        "{svg}"
    );
    assert!(!site.out("en/alpha/charts/sizes.svg").contains("予測"));
}

#[test]
fn dates_are_formatted_for_japanese() {
    let site = site();
    let want = "<time datetime=\"2024-04-22\">2024年4月22日(月)</time>";
    for page in [
        "ja/index.html",
        "ja/alpha/index.html",
        "ja/alpha/overview/index.html",
    ] {
        assert!(site.out(page).contains(want), "{page}");
    }
    assert!(site.out("alpha/index.html").contains("2024年4月22日<"));
    assert!(site.out("en/alpha/index.html").contains("22 April 2024"));
}

#[test]
fn a_third_language_without_interface_strings_is_a_located_error() {
    let site = TestSite {
        dir: tempfile::tempdir().unwrap(),
    };
    let fixture = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/ja");
    copy_dir(&fixture, site.root());
    std::fs::remove_file(site.root().join("content/i18n/ja.yaml")).unwrap();
    let err = site.build_err(&[]);
    assert!(err.contains("content/i18n/ja.yaml"), "{err}");
    assert!(err.contains("no interface strings for `ja`"), "{err}");
}
