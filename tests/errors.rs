//! A catalogue of bad inputs. Each case breaks a working site in one way and checks that the build
//! fails, names the file (and line where there is one), says how to fix it, and leaves the
//! previously built public/ byte-for-byte as it was.

mod common;

use common::TestSite;

const ONE_EN: &str = "content/reports/alpha/chapters/one.en.md";
const TWO_EN: &str = "content/reports/alpha/chapters/two.en.md";
const REPORT: &str = "content/reports/alpha/report.yaml";
const CHART: &str = "content/reports/alpha/charts/sizes.yaml";

type Breaker = fn(&TestSite);

/// (name, how to break the site, text the message must contain: location, then what is wrong).
const CASES: &[(&str, Breaker, &str, &str)] = &[
    (
        "broken YAML syntax",
        |s| {
            s.edit(
                "content/site.yaml",
                "default_language: zh",
                "default_language: \"zh",
            )
        },
        "content/site.yaml:4:19",
        "quoted scalar that starts here",
    ),
    (
        "wrong type",
        |s| s.edit(REPORT, "date: 2024-04-22", "date: [2024]"),
        "report.yaml:3:7",
        "invalid type",
    ),
    (
        "unknown key with suggestion",
        |s| s.edit(REPORT, "sector:", "sectr:"),
        "report.yaml:4:1",
        "did you mean `sector`",
    ),
    (
        "unknown front-matter key",
        |s| s.edit(TWO_EN, "title:", "titel:"),
        "two.en.md:2:1",
        "did you mean `title`",
    ),
    (
        "missing required field",
        |s| s.edit(REPORT, "summary:", "# summary:"),
        "report.yaml",
        "missing field `summary`",
    ),
    (
        "date in the wrong form",
        |s| s.edit(REPORT, "date: 2024-04-22", "date: 22/04/2024"),
        "report.yaml:3",
        "YYYY-MM-DD",
    ),
    (
        "a 30 February in a leap year",
        |s| s.edit(REPORT, "date: 2024-04-22", "date: 2024-02-30"),
        "report.yaml:3:7",
        "February 2024 has 29 days",
    ),
    (
        "a 29 February in a common year",
        |s| s.edit(REPORT, "date: 2024-04-22", "date: 2023-02-29"),
        "report.yaml:3:7",
        "February 2023 has 28 days (2023 is not a leap year)",
    ),
    (
        "a 31st of a 30-day month",
        |s| s.edit(REPORT, "date: 2024-04-22", "date: 2024-04-31"),
        "report.yaml:3:7",
        "April 2024 has 30 days",
    ),
    (
        "an impossible related report date",
        |s| s.edit(REPORT, "date: 2023-02-14", "date: 2023-02-29"),
        "report.yaml:23:11",
        "related report date `2023-02-29` is not a date: February 2023 has 28 days",
    ),
    (
        "a language code with a space",
        |s| s.edit("content/site.yaml", "code: zh-CN", "code: zh CN"),
        "content/site.yaml:6:21",
        "`zh CN` is not a language tag like `zh-CN` or `en`",
    ),
    (
        "a grandfathered language code",
        |s| s.edit("content/site.yaml", "code: en,", "code: i-klingon,"),
        "content/site.yaml:7:21",
        "`i-klingon` is not a language tag",
    ),
    (
        "a strftime date format",
        |s| {
            s.edit(
                "content/i18n/en.yaml",
                "date_format: \"d MMMM y\"",
                "date_format: \"%d %B %Y\"",
            )
        },
        "content/i18n/en.yaml:35:15",
        "date_format `%d %B %Y` cannot show a date in `en`",
    ),
    (
        "duplicate chapter order",
        |s| {
            s.edit(TWO_EN, "order: 2", "order: 1");
            s.edit(
                "content/reports/alpha/chapters/two.zh.md",
                "order: 2",
                "order: 1",
            );
        },
        "chapters/two.",
        "both have order 1",
    ),
    (
        "translations disagree on order",
        |s| s.edit(TWO_EN, "order: 2", "order: 3"),
        "chapters/two.",
        "disagree on `order`",
    ),
    (
        "front matter not closed",
        |s| s.write(TWO_EN, "---\ntitle: x\norder: 2\n"),
        "two.en.md:1:1",
        "not closed",
    ),
    (
        "unknown embed id",
        |s| s.edit(ONE_EN, "chart(id=\"sizes\")", "chart(id=\"size\")"),
        "one.en.md:11:1",
        "did you mean `sizes`",
    ),
    (
        "malformed embed",
        |s| s.edit(ONE_EN, "chart(id=\"sizes\")", "chart(id=sizes)"),
        "one.en.md:11:1",
        "quoted value",
    ),
    (
        "unknown embed name",
        |s| {
            s.edit(
                ONE_EN,
                "{{ ref(id=\"sizes\") }}",
                "{{ table(id=\"sizes\") }}",
            )
        },
        "one.en.md:13:",
        "unknown embed `table`",
    ),
    (
        "chart shown twice",
        |s| s.edit(TWO_EN, "Body,", "{{ chart(id=\"sizes\") }}\n\nBody,"),
        "two.en.md:8:1",
        "already shown",
    ),
    (
        "reference to a figure no chapter shows",
        |s| {
            s.edit(ONE_EN, "{{ chart(id=\"sizes\") }}", "");
            s.edit(
                "content/reports/alpha/report.yaml",
                "    chart: sizes\n",
                "",
            );
        },
        "one.en.md:13:",
        "no chapter shows it",
    ),
    (
        "template syntax error",
        |s| {
            s.edit(
                "templates/chapter.html",
                "{{ chapter.title }}",
                "{{ chapter.title }",
            )
        },
        "templates/chapter.html:7:",
        "expected }}",
    ),
    (
        "template including a partial that does not exist",
        |s| {
            s.edit(
                "templates/chapter.html",
                "{{ chapter.title }}",
                "{{ chapter.title }}{% include \"partials/nope.html\" %}",
            )
        },
        "chapter.html",
        "partials/nope.html",
    ),
    (
        "non-UTF-8 file",
        |s| {
            std::fs::write(
                s.root().join(TWO_EN),
                b"---\ntitle: \xd6\xd0\xce\xc4\norder: 2\n---\n",
            )
            .unwrap()
        },
        "two.en.md:2",
        "not valid UTF-8",
    ),
    (
        "empty content folder",
        |s| std::fs::remove_dir_all(s.root().join("content/reports/alpha")).unwrap(),
        "content/reports",
        "has no report",
    ),
    (
        "missing chapter translation",
        |s| {
            std::fs::remove_file(s.root().join(TWO_EN)).unwrap();
            s.edit(ONE_EN, " and [chapter two](two.en.md#multimodality)", "");
        },
        "two.zh.md",
        "missing translation",
    ),
    (
        "interface string added in one language only",
        |s| {
            s.edit(
                "content/i18n/zh.yaml",
                "toc: ",
                "house_note: 本站说明\ntoc: ",
            )
        },
        "content/i18n/en.yaml",
        "`house_note` is not in the `en` strings",
    ),
    (
        "missing localized text",
        |s| s.edit(REPORT, "{zh: 互联网, en: Internet}", "{zh: 互联网}"),
        "report.yaml:4",
        "has no text for `en`",
    ),
    (
        "link that escapes the site",
        |s| s.edit(TWO_EN, "(one.en.md)", "(../../../../secret.md)"),
        "two.en.md:8",
        "leaves the content folder",
    ),
    (
        "link to a missing chapter",
        |s| s.edit(TWO_EN, "(one.en.md)", "(three.en.md)"),
        "two.en.md:8",
        "no chapter `three`",
    ),
    (
        "link to a missing anchor",
        |s| s.edit(TWO_EN, "(one.en.md)", "(one.en.md#nowhere)"),
        "two.en.md:8",
        "not a heading or figure",
    ),
    (
        "slug that cannot be a URL",
        |s| {
            std::fs::rename(
                s.root().join(TWO_EN),
                s.root().join("content/reports/alpha/chapters/tw%o.en.md"),
            )
            .unwrap()
        },
        "tw%o.en.md",
        "cannot be used as a URL slug",
    ),
    (
        "unknown language suffix",
        |s| {
            s.write(
                "content/reports/alpha/chapters/three.fr.md",
                "---\ntitle: x\norder: 3\n---\n",
            )
        },
        "three.fr.md",
        "not a language of this site",
    ),
    (
        "chart series of different lengths",
        |s| s.edit(CHART, "      - {value: 10000, status: forecast}\n", ""),
        "sizes.yaml:7",
        "1 points but there are 2 categories",
    ),
    (
        "chart zero on a log scale",
        |s| {
            s.edit(CHART, "kind: bar", "kind: bar\nscale: log");
            s.edit(CHART, "value: 200", "value: 0");
        },
        "sizes.yaml:",
        "log scale",
    ),
    (
        "chart of unknown kind",
        |s| s.edit(CHART, "kind: bar", "kind: radar"),
        "sizes.yaml:1",
        "unknown variant `radar`",
    ),
    (
        "headline figure with unknown chart",
        |s| s.edit(REPORT, "chart: sizes", "chart: sizez"),
        "report.yaml:18",
        "unknown chart `sizez`",
    ),
    (
        "base URL that is not absolute",
        |s| {
            s.edit(
                "content/site.yaml",
                "base_url: https://example.org/",
                "base_url: /research/",
            )
        },
        "content/site.yaml:3",
        "must start with http",
    ),
    (
        "default language not configured",
        |s| {
            s.edit(
                "content/site.yaml",
                "default_language: zh",
                "default_language: fr",
            )
        },
        "content/site.yaml:4",
        "not one of the configured languages",
    ),
    (
        "static file with a generated path",
        |s| s.write("static/sitemap.xml", "<x/>"),
        "static/sitemap.xml",
        "path of a generated file",
    ),
];

/// What the date filter and the locale refuse is found when the content loads: the message
/// quotes the YAML line and points at the value, and names no template.
#[test]
fn impossible_dates_and_codes_are_not_blamed_on_a_template() {
    let site = TestSite::mini();
    site.edit("content/site.yaml", "code: zh-CN", "code: \"zh CN\"");
    let err = site.build_err(&[]);
    assert!(!err.contains("templates/"), "{err}");
    // The column is the code's first letter, inside the quotes.
    assert!(err.contains("content/site.yaml:6:22"), "{err}");
    let site = TestSite::mini();
    site.edit(REPORT, "date: 2024-04-22", "date: 2024-02-30");
    let err = site.build_err(&[]);
    assert!(!err.contains("templates/"), "{err}");
    assert!(err.contains("3 | date: 2024-02-30\n  |       ^"), "{err}");
    assert!(err.contains("help: write a day from 01 to 29"), "{err}");
}

#[test]
fn every_bad_input_fails_clearly_and_keeps_the_previous_site() {
    assert!(CASES.len() >= 25);
    let mut failures = Vec::new();
    for (name, breaker, location, what) in CASES {
        let site = TestSite::mini();
        site.build_ok(&[]);
        let before = site.snapshot();
        breaker(&site);
        let out = site.build(&[]);
        let err = String::from_utf8_lossy(&out.stderr).into_owned();
        let problems: Vec<&str> = [
            if out.status.success() {
                "exit code was 0"
            } else {
                ""
            },
            if err.contains(location) {
                ""
            } else {
                "location missing"
            },
            if err.contains(what) {
                ""
            } else {
                "explanation missing"
            },
            if err.contains("help:") || err.contains("expected") {
                ""
            } else {
                "no hint on how to fix it"
            },
            if site.snapshot() == before {
                ""
            } else {
                "public/ changed"
            },
            if err.contains("panicked") {
                "panicked"
            } else {
                ""
            },
        ]
        .into_iter()
        .filter(|p| !p.is_empty())
        .collect();
        if !problems.is_empty() {
            failures.push(format!("{name}: {}\n{err}", problems.join(", ")));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n---\n"));
}
