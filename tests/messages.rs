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

#[test]
fn a_heading_that_takes_a_template_id_fails_the_build_at_its_line() {
    let site = TestSite::mini();
    let file = "content/reports/alpha/chapters/one.en.md";
    let text = site.read(file);
    let line = text.lines().count() + 2;
    site.write(file, &format!("{text}\n## Contents {{#toc-h}}\n"));
    let err = site.build_err(&[]);
    assert!(err.contains(&format!("one.en.md:{line}")), "{err}");
    assert!(err.contains("toc-h"), "{err}");
}

#[test]
fn a_same_page_anchor_that_leads_nowhere_fails_the_build_at_its_line() {
    let site = TestSite::mini();
    let file = "content/reports/alpha/chapters/one.en.md";
    let text = site.read(file);
    let line = text.lines().count() + 2;
    site.write(file, &format!("{text}\nSee [below](#nowhere).\n"));
    let err = site.build_err(&[]);
    assert!(err.contains(&format!("one.en.md:{line}")), "{err}");
    assert!(err.contains("#nowhere"), "{err}");
    assert!(
        !err.contains("--> public/"),
        "names the Markdown, not the output: {err}"
    );
}

#[test]
fn check_prints_a_template_error_once_and_cleanly() {
    let site = TestSite::mini();
    site.edit("templates/chapter.html", "<h1>", "<h1>{{ nope(");
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_yanbao"))
        .args(["check", "--root"])
        .arg(site.root())
        .output()
        .unwrap();
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(!out.status.success());
    assert!(err.contains("templates/chapter.html:"), "{err}");
    assert!(!err.contains("error: error:"), "{err}");
    assert!(!err.contains("--> templates\n"), "{err}");
}

#[test]
fn names_that_differ_only_by_case_are_refused_naming_both() {
    let site = TestSite::mini();
    for lang in ["zh", "en"] {
        let text = site.read(&format!("content/reports/alpha/chapters/two.{lang}.md"));
        site.write(
            &format!("content/reports/alpha/chapters/Two.{lang}.md"),
            &text.replace("order: 2", "order: 3"),
        );
    }
    let err = site.build_err(&[]);
    assert!(
        err.contains("`Two` and `two`") || err.contains("`two` and `Two`"),
        "{err}"
    );
    assert!(err.contains("letter case"), "{err}");

    let site = TestSite::mini();
    let from = site.root().join("content/reports/alpha");
    let to = site.root().join("content/reports/Alpha");
    common::copy_dir(&from, &to);
    let err = site.build_err(&[]);
    assert!(err.contains("`Alpha`") && err.contains("`alpha`"), "{err}");
}
