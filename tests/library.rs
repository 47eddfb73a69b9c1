//! The library: a site of many reports gets a home page listing them newest first, pages per
//! sector and per series, pagination, and related reports that link to each other.

mod common;

use common::TestSite;

const SECTORS: [(&str, &str); 3] = [
    ("互联网", "Internet"),
    ("汽车", "Autos"),
    ("医药", "Healthcare"),
];
const SERIES: [(&str, &str); 2] = [
    ("行业趋势", "Industry trends"),
    ("公司深度", "Company deep dive"),
];

/// Twelve reports r01…r12 in three sectors and two series (every third report has none),
/// dated a month apart, the newest last.
fn library(per_page: usize) -> TestSite {
    let site = TestSite::mini();
    site.edit(
        "content/site.yaml",
        "publisher:",
        &format!("library: {{per_page: {per_page}}}\npublisher:"),
    );
    let alpha = site.root().join("content/reports/alpha");
    for i in 1..=12 {
        let slug = format!("r{i:02}");
        let dir = site.root().join("content/reports").join(&slug);
        for e in walkdir::WalkDir::new(&alpha) {
            let e = e.unwrap();
            let dest = dir.join(e.path().strip_prefix(&alpha).unwrap());
            if e.file_type().is_dir() {
                std::fs::create_dir_all(&dest).unwrap();
            } else {
                std::fs::copy(e.path(), &dest).unwrap();
            }
        }
        let (sz, se) = SECTORS[i % 3];
        let series = match i % 3 {
            0 => String::new(),
            k => format!(
                "series: {{zh: {}, en: {}}}\n",
                SERIES[k - 1].0,
                SERIES[k - 1].1
            ),
        };
        let text = site
            .read(&format!("content/reports/{slug}/report.yaml"))
            .replace("date: 2024-04-22", &format!("date: 2023-{i:02}-15"))
            .replace(
                "{zh: 阿尔法报告, en: Alpha report}",
                &format!("{{zh: 报告{i:02}, en: Report {i:02}}}"),
            )
            .replace(
                "sector: {zh: 互联网, en: Internet}",
                &format!("sector: {{zh: {sz}, en: {se}}}"),
            )
            .replace("series: {zh: 行业趋势, en: Industry trends}\n", &series)
            .replace(
                "    date: 2023-02-14",
                &format!(
                    "    date: 2023-02-14\n    report: r{:02}",
                    if i == 1 { 2 } else { i - 1 }
                ),
            );
        let text = if i == 5 {
            text.replace("summary:", "rating: {zh: 超配, en: Overweight}\nsummary:")
        } else {
            text
        };
        site.write(&format!("content/reports/{slug}/report.yaml"), &text);
    }
    std::fs::remove_dir_all(&alpha).unwrap();
    site
}

fn titles(html: &str) -> Vec<String> {
    html.match_indices("<h3><a href=")
        .map(|(i, _)| {
            let rest = &html[i..];
            let start = rest.find('>').unwrap() + 1;
            let rest = &rest[start..];
            let start = rest.find('>').unwrap() + 1;
            rest[start..rest.find("</a>").unwrap()].to_string()
        })
        .collect()
}

#[test]
fn twelve_reports_in_three_sectors_and_two_series() {
    let site = library(5);
    site.build_ok(&[]);
    let home = site.out("en/index.html");
    assert_eq!(
        titles(&home),
        [
            "Report 12",
            "Report 11",
            "Report 10",
            "Report 09",
            "Report 08"
        ]
    );
    assert!(home.contains("Page 1 of 3") && home.contains("rel=\"next\" href=\"/en/page/2/\""));
    assert_eq!(
        titles(&site.out("en/page/3/index.html")),
        ["Report 02", "Report 01"]
    );
    assert_eq!(
        titles(&site.out("page/2/index.html")),
        ["报告07", "报告06", "报告05", "报告04", "报告03"]
    );
    // Sectors: i % 3 == 0 → Internet (r03, r06, r09, r12).
    assert_eq!(
        titles(&site.out("en/sectors/internet/index.html")),
        ["Report 12", "Report 09", "Report 06", "Report 03"]
    );
    assert!(home.contains("href=\"/en/sectors/autos/\">Autos <span class=\"count\">(4)</span>"));
    assert!(site
        .out("sectors/healthcare/index.html")
        .contains("<h1>医药</h1>"));
    // Series: every third report has none.
    let trends = titles(&site.out("en/series/industry-trends/index.html"));
    assert_eq!(trends, ["Report 10", "Report 07", "Report 04", "Report 01"]);
    assert!(!site.root().join("public/en/series/internet").exists());
    // Cards carry authors and the rating where given.
    let page3 = site.out("en/page/2/index.html");
    assert!(
        page3.contains("Overweight") && page3.contains("Dan Zhao"),
        "{page3}"
    );
    // Related reports on the site are links, with dates in the page's language.
    let related = site.out("en/r05/related/index.html");
    assert!(related.contains("href=\"/en/r04/\""), "{related}");
    assert!(related.contains("14 February 2023"));
    assert!(site.out("r05/related/index.html").contains("2023年2月14日"));
}

#[test]
fn a_related_report_that_is_not_on_the_site_is_an_error_at_its_line() {
    let site = library(5);
    site.edit(
        "content/reports/r03/report.yaml",
        "report: r02",
        "report: r99",
    );
    let text = site.read("content/reports/r03/report.yaml");
    let line = text
        .lines()
        .position(|l| l.contains("report: r99"))
        .unwrap()
        + 1;
    let err = site.build_err(&[]);
    assert!(err.contains(&format!("r03/report.yaml:{line}")), "{err}");
    assert!(err.contains("`r99` is not a report of this site"), "{err}");
}

#[test]
fn one_report_goes_straight_to_it_unless_the_library_is_asked_for() {
    let site = TestSite::mini();
    site.build_ok(&[]);
    assert!(
        site.out("en/index.html").contains("chapter-list")
            || site.out("en/index.html").contains("Alpha report")
    );
    assert!(!site.out("en/index.html").contains("class=\"report-list\""));
    site.edit(
        "content/site.yaml",
        "publisher:",
        "library: {always: true}\npublisher:",
    );
    site.build_ok(&[]);
    assert!(site.out("en/index.html").contains("class=\"report-list\""));
}

#[test]
fn a_report_cannot_take_the_name_of_a_library_folder() {
    let site = library(5);
    std::fs::rename(
        site.root().join("content/reports/r01"),
        site.root().join("content/reports/sectors"),
    )
    .unwrap();
    let err = site.build_err(&[]);
    assert!(err.contains("folder of the library"), "{err}");
}

/// The committed fixture (tests/fixtures/library, also run by the browser suite) on the
/// built-in theme: 13 reports, r13 in Chinese only, and an about page.
fn committed_fixture() -> TestSite {
    let site = TestSite {
        dir: tempfile::tempdir().unwrap(),
    };
    let fixture = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/library");
    common::copy_dir(&fixture, site.root());
    site.build_ok(&[]);
    site
}

#[test]
fn the_committed_fixture_lists_every_report_in_both_libraries() {
    let site = committed_fixture();
    let listed = |prefix: &str| -> Vec<String> {
        (1..=3)
            .flat_map(|n| {
                let page = if n == 1 {
                    format!("{prefix}index.html")
                } else {
                    format!("{prefix}page/{n}/index.html")
                };
                titles(&site.out(&page))
            })
            .collect()
    };
    let en = listed("en/");
    assert_eq!(en.len(), 13, "{en:?}");
    assert_eq!(
        en[0], "报告13（仅中文）",
        "the Chinese-only report is listed, newest first"
    );
    assert_eq!(listed("").len(), 13);
    let home = site.out("en/index.html");
    assert!(home.contains("Available in 中文"), "{home}");
    assert!(home.contains("<a href=\"/en/about/\">About us</a>"));
    for facet in [
        "sectors/internet",
        "sectors/autos",
        "sectors/healthcare",
        "series/industry-trends",
        "series/company-deep-dive",
    ] {
        assert!(
            !titles(&site.out(&format!("en/{facet}/index.html"))).is_empty(),
            "{facet}"
        );
    }
    assert!(!site.root().join("public/en/r13").exists());
    assert!(site.out("about/index.html").contains("<h1>关于我们</h1>"));
}
