//! Messages that point the right way: careless input gets a message naming the place and the fix.

mod common;

use common::TestSite;

#[test]
fn a_byte_order_mark_is_accepted_in_yaml_and_markdown() {
    let site = TestSite::mini();
    for rel in [
        "content/site.yaml",
        "content/reports/alpha/report.yaml",
        "content/reports/alpha/chapters/one.zh.md",
        "content/reports/alpha/charts/sizes.yaml",
        "content/i18n/en.yaml",
    ] {
        let text = site.read(rel);
        site.write(rel, &format!("\u{feff}{text}"));
    }
    site.build_ok(&[]);
    assert!(!site.out("alpha/one/index.html").contains('\u{feff}'));
}

#[test]
fn a_duplicate_key_is_shown_where_it_repeats() {
    let site = TestSite::mini();
    let text = site.read("content/reports/alpha/report.yaml");
    let first = text.lines().next().unwrap().to_string();
    let lines = text.lines().count();
    site.write(
        "content/reports/alpha/report.yaml",
        &format!("{text}{first}\n"),
    );
    let err = site.build_err(&[]);
    assert!(err.contains(&format!("report.yaml:{}", lines + 1)), "{err}");
    assert!(err.contains("duplicate"), "{err}");
}

#[test]
fn a_number_with_a_percent_sign_asks_for_a_number() {
    let site = TestSite::mini();
    site.edit(
        "content/reports/alpha/charts/sizes.yaml",
        "value: 200",
        "value: \"12%\"",
    );
    let err = site.build_err(&[]);
    assert!(err.contains("sizes.yaml:8"), "{err}");
    assert!(err.contains("expected a number, like 12"), "{err}");
    assert!(!err.contains("f64") && !err.contains("quote text"), "{err}");
}

#[test]
fn text_in_a_language_the_site_lacks_is_an_error() {
    let site = TestSite::mini();
    let text = site.read("content/reports/alpha/report.yaml");
    let line = text
        .lines()
        .position(|l| l.starts_with("summary:"))
        .expect("a summary line")
        + 1;
    site.edit(
        "content/reports/alpha/report.yaml",
        "summary: {",
        "summary: {fr: Résumé, ",
    );
    let err = site.build_err(&[]);
    assert!(err.contains(&format!("report.yaml:{line}")), "{err}");
    assert!(
        err.contains("`fr`") && err.contains("not a language of this site"),
        "{err}"
    );
}
