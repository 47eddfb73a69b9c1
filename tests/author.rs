//! `yanbao check` and `yanbao init` through the real binary.

mod common;

use common::TestSite;
use std::process::Command;

fn yanbao(args: &[&str], root: &std::path::Path) -> (bool, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_yanbao"))
        .args(args)
        .arg(root)
        .output()
        .unwrap();
    (
        out.status.success(),
        String::from_utf8_lossy(&out.stderr).into_owned() + &String::from_utf8_lossy(&out.stdout),
    )
}

#[test]
fn check_passes_a_good_site_without_writing() {
    let site = TestSite::mini();
    let (ok, out) = yanbao(&["check", "--root"], site.root());
    assert!(ok, "{out}");
    assert!(out.contains("0 error(s), 0 warning(s)"), "{out}");
    assert!(!site.root().join("public").exists(), "check writes nothing");
}

#[test]
fn check_reports_broken_links_in_rendered_pages() {
    let site = TestSite::mini();
    site.edit(
        "templates/chapter.html",
        "<h1>",
        "<a href=\"#nowhere\">x</a><a href=\"/alpha/gone/\">y</a><h1>",
    );
    let (ok, out) = yanbao(&["check", "--root"], site.root());
    assert!(!ok, "{out}");
    assert!(
        out.contains("public/alpha/one/index.html") && out.contains("`#nowhere`"),
        "{out}"
    );
    assert!(
        out.contains("/alpha/gone/") && out.contains("leads nowhere"),
        "{out}"
    );
}

#[test]
fn check_reports_all_build_problems_at_once() {
    let site = TestSite::mini();
    site.edit(
        "content/reports/alpha/chapters/one.en.md",
        "chart(id=\"sizes\")",
        "chart(id=\"nope\")",
    );
    site.edit(
        "content/reports/alpha/chapters/two.zh.md",
        "正文。",
        "[坏链接](missing.zh.md)",
    );
    let (ok, out) = yanbao(&["check", "--root"], site.root());
    assert!(!ok);
    assert!(
        out.contains("one.en.md:11:1") && out.contains("two.zh.md:8"),
        "{out}"
    );
}

#[test]
fn warnings_fail_only_when_strict() {
    let site = TestSite::mini();
    site.write(
        "content/reports/alpha/charts/spare.yaml",
        &site.read("content/reports/alpha/charts/sizes.yaml"),
    );
    let (ok, out) = yanbao(&["check", "--root"], site.root());
    assert!(ok, "{out}");
    assert!(
        out.contains("chart `spare` is not shown in any chapter"),
        "{out}"
    );
    let (ok, _) = yanbao(&["check", "--strict", "--root"], site.root());
    assert!(!ok);
}

#[test]
fn init_makes_a_site_that_builds() {
    let dir = tempfile::tempdir().unwrap();
    let target = dir.path().join("my-report");
    let (ok, out) = yanbao(&["init"], &target);
    assert!(ok, "{out}");
    assert!(out.contains("yanbao serve --root"), "{out}");
    let (ok, out) = yanbao(&["build", "--root"], &target);
    assert!(ok, "{out}");
    assert!(target
        .join("public/en/my-report/findings/index.html")
        .exists());
    let (ok, out) = yanbao(&["init"], &target);
    assert!(!ok && out.contains("not empty"), "{out}");
}

#[test]
fn new_scaffolds_reports_and_chapters_that_build() {
    let site = TestSite::mini();
    let root = site.root().to_str().unwrap().to_string();
    let run = |args: &[&str]| {
        let out = Command::new(env!("CARGO_BIN_EXE_yanbao"))
            .args(args)
            .args(["--root", &root])
            .output()
            .unwrap();
        (
            out.status.success(),
            String::from_utf8_lossy(&out.stdout).into_owned()
                + &String::from_utf8_lossy(&out.stderr),
        )
    };
    let (ok, out) = run(&["new", "report", "aigc-2025"]);
    assert!(ok, "{out}");
    for f in [
        "report.yaml",
        "chapters/intro.zh.md",
        "chapters/intro.en.md",
    ] {
        assert!(
            site.root()
                .join("content/reports/aigc-2025")
                .join(f)
                .exists(),
            "{f}"
        );
    }
    let (ok, out) = run(&["new", "chapter", "aigc-2025/outlook"]);
    assert!(ok, "{out}");
    assert!(site
        .read("content/reports/aigc-2025/chapters/outlook.en.md")
        .contains("order: 2"));
    let (ok, out) = run(&["new", "chapter", "aigc-2025/outlook"]);
    assert!(
        !ok && out.contains("already exists"),
        "never overwrites: {out}"
    );
    let (ok, out) = run(&["new", "chapter", "nope/x"]);
    assert!(!ok && out.contains("there is no report `nope`"), "{out}");
    site.build_ok(&[]);
    assert!(site
        .root()
        .join("public/en/aigc-2025/outlook/index.html")
        .exists());
}
