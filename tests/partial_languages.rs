//! Reports published in some of the site's languages (`languages: [zh]` in report.yaml): built
//! only in those, listed by the other languages' libraries as available in them, with no
//! switcher, hreflang, sitemap or related link to a page that does not exist.

mod common;
use common::TestSite;

const BETA: &str = "title: 贝塔报告\ndate: 2024-05-01\nlanguages: [zh]\nsector: {zh: 互联网, en: Internet}\nsummary: 只有中文的摘要\nanalysts:\n  - name: 钱七\n    role: 分析师\n";
const BETA_CHAPTER: &str = "---\ntitle: 正文\norder: 1\n---\n\n## 要点\n\n中文正文。\n";

/// The mini site (report `alpha` in zh and en) with report `beta` in Chinese only; alpha lists
/// beta as related research.
fn site() -> TestSite {
    let site = TestSite::mini();
    site.write("content/reports/beta/report.yaml", BETA);
    site.write("content/reports/beta/chapters/body.zh.md", BETA_CHAPTER);
    site.edit(
        "content/reports/alpha/report.yaml",
        "related:\n",
        "related:\n  - title: {zh: 贝塔, en: Beta}\n    date: 2024-05-01\n    report: beta\n",
    );
    site
}

#[test]
fn a_report_in_one_language_is_built_in_that_language_only() {
    let site = site();
    site.build_ok(&[]);
    let pages = site.pages();
    assert!(pages.contains(&"beta/index.html".to_string()));
    assert!(pages.contains(&"beta/body/index.html".to_string()));
    assert!(
        !pages.iter().any(|p| p.starts_with("en/beta/")),
        "no English pages for beta: {pages:?}"
    );
    let landing = site.out("beta/index.html");
    assert!(landing.contains("<html lang=\"zh-CN\">"));
    assert!(
        !landing.contains("/en/beta/"),
        "no switcher or hreflang to a missing page"
    );
    assert!(!landing.contains("hreflang=\"en\""), "{landing}");
    assert!(!landing.contains("og:locale:alternate"));
}

#[test]
fn the_other_library_lists_it_as_available_in_chinese() {
    let site = site();
    site.build_ok(&[]);
    let en = site.out("en/index.html");
    let card = &en[en.find("贝塔报告").expect("beta is listed in English")..];
    let card = &card[..card.find("</li>").unwrap()];
    assert!(card.contains("Available in 中文"), "{card}");
    assert!(card.contains("只有中文的摘要"), "{card}");
    assert!(
        en.contains("<a href=\"/beta/\" hreflang=\"zh-CN\" lang=\"zh-CN\">贝塔报告</a>"),
        "{en}"
    );
    // The English sector page lists it too, under its English name.
    let sector = site.out("en/sectors/internet/index.html");
    assert!(sector.contains("贝塔报告"), "{sector}");
    // The Chinese library lists it as any other report.
    let zh = site.out("index.html");
    assert!(zh.contains("<a href=\"/beta/\">贝塔报告</a>"), "{zh}");
    assert!(!zh.contains("仅提供"), "{zh}");
}

#[test]
fn related_links_sitemap_and_feeds_name_only_existing_pages() {
    let site = site();
    site.build_ok(&[]);
    let related = site.out("en/alpha/related/index.html");
    assert!(related.contains("href=\"/beta/\""), "{related}");
    assert!(!related.contains("/en/beta/"));
    let map = site.out("sitemap.xml");
    let start = map.find("<loc>https://example.org/beta/</loc>").unwrap();
    let entry = &map[start..start + map[start..].find("</url>").unwrap()];
    assert!(!entry.contains("xhtml:link"), "{entry}");
    assert!(!map.contains("https://example.org/en/beta/"));
    assert!(!site.out("en/feed.xml").contains("beta"));
    assert!(site.out("feed.xml").contains("beta"));
}

#[test]
fn one_partial_report_gets_a_library_home_in_every_language() {
    let site = TestSite::mini();
    site.edit(
        "content/reports/alpha/report.yaml",
        "date: 2024-04-22\n",
        "date: 2024-04-22\nlanguages: [zh]\n",
    );
    for f in ["one", "two"] {
        std::fs::remove_file(
            site.root()
                .join(format!("content/reports/alpha/chapters/{f}.en.md")),
        )
        .unwrap();
    }
    site.build_ok(&[]);
    let en = site.out("en/index.html");
    assert!(en.contains("Available in 中文"), "{en}");
    assert!(!site.root().join("public/en/alpha").exists());
}

#[test]
fn languages_must_be_site_languages_and_chapters_must_match() {
    let site = site();
    site.edit("content/reports/beta/report.yaml", "[zh]", "[zh, fr]");
    let err = site.build_err(&[]);
    assert!(err.contains("content/reports/beta/report.yaml:3"), "{err}");
    assert!(err.contains("`fr` is not a language of this site"), "{err}");

    let site = self::site();
    site.write("content/reports/beta/chapters/body.en.md", BETA_CHAPTER);
    let err = site.build_err(&[]);
    assert!(
        err.contains("content/reports/beta/chapters/body.en.md"),
        "{err}"
    );
    assert!(err.contains("not published in `en`"), "{err}");

    // Without `languages:`, a missing translation is still an error.
    let site = self::site();
    site.edit("content/reports/beta/report.yaml", "languages: [zh]\n", "");
    let err = site.build_err(&[]);
    assert!(err.contains("missing translation"), "{err}");
}

#[test]
fn a_report_only_in_a_language_other_than_the_default_publishes_its_files() {
    let site = TestSite::mini();
    site.write(
        "content/reports/gamma/report.yaml",
        "title: Gamma report\ndate: 2024-06-01\nlanguages: [en]\nsector: {zh: 互联网, en: Internet}\nsummary: English only\nanalysts:\n  - name: Jane Roe\n    role: Analyst\n",
    );
    site.write(
        "content/reports/gamma/chapters/body.en.md",
        "---\ntitle: Body\norder: 1\n---\n\nThe [data](data.csv) behind it.\n",
    );
    site.write("content/reports/gamma/chapters/data.csv", "a,b\n1,2\n");
    site.build_ok(&[]);
    assert_eq!(site.out("gamma/files/data.csv"), "a,b\n1,2\n");
    let body = site.out("en/gamma/body/index.html");
    assert!(body.contains("href=\"/gamma/files/data.csv\""), "{body}");
}
