//! Hostile or careless input never costs an author a file, never escapes the site, never injects.

mod common;

use common::TestSite;

#[test]
fn a_foreign_folder_with_an_index_is_refused_and_untouched() {
    let site = TestSite::mini();
    let out = site.root().join("elsewhere");
    site.write("elsewhere/index.html", "<p>my own page</p>");
    site.write("elsewhere/README.md", "notes");
    site.write("elsewhere/notes/todo.txt", "keep me");
    let err = site.build_err(&["--output", out.to_str().unwrap()]);
    assert!(err.contains("was not built by yanbao"), "{err}");
    assert!(
        err.contains("--output"),
        "the message says how to proceed: {err}"
    );
    assert_eq!(site.read("elsewhere/README.md"), "notes");
    assert_eq!(site.read("elsewhere/notes/todo.txt"), "keep me");
    assert_eq!(site.read("elsewhere/index.html"), "<p>my own page</p>");
}

#[test]
fn a_previous_build_is_replaced_without_stale_files() {
    let site = TestSite::mini();
    site.build_ok(&[]);
    assert!(site.root().join("public/.yanbao-build").is_file());
    site.write("public/stale.html", "old");
    site.build_ok(&[]);
    assert!(!site.root().join("public/stale.html").exists());
    assert!(site.root().join("public/alpha/index.html").exists());
}

#[test]
fn an_empty_output_folder_is_used() {
    let site = TestSite::mini();
    std::fs::create_dir_all(site.root().join("fresh")).unwrap();
    site.build_ok(&["--output", site.root().join("fresh").to_str().unwrap()]);
    assert!(site.root().join("fresh/alpha/index.html").exists());
}

/// Replaces `rel` in the site by a symbolic link to `target`.
fn link(site: &TestSite, rel: &str, target: &std::path::Path) {
    let p = site.root().join(rel);
    if p.is_dir() {
        std::fs::remove_dir_all(&p).unwrap();
    } else if p.exists() {
        std::fs::remove_file(&p).unwrap();
    }
    std::os::unix::fs::symlink(target, &p).unwrap();
}

#[test]
fn no_link_at_any_depth_reads_a_file_outside_the_site() {
    const SECRET: &str = "secret-line-4b1d";
    let cases: &[(&str, &str)] = &[
        ("content/site.yaml", "file"),
        ("content/reports/alpha/report.yaml", "file"),
        ("content/i18n/en.yaml", "file"),
        ("content/reports/alpha/chapters/one.en.md", "file"),
        ("content/reports/alpha/charts/sizes.yaml", "file"),
        ("templates/base.html", "file"),
        ("static/style.css", "file"),
        ("content/reports/alpha/chapters", "dir"),
        ("content", "dir"),
        ("static", "dir"),
        ("templates", "dir"),
    ];
    for (rel, kind) in cases {
        let site = TestSite::mini();
        let outside = tempfile::tempdir().unwrap();
        let target = if *kind == "file" {
            let f = outside.path().join("secret.txt");
            std::fs::write(&f, format!("{SECRET}: x\n")).unwrap();
            f
        } else {
            // A full copy of the folder, so that following the link would build fine.
            let copy = outside.path().join("copy");
            copy_tree(&site.root().join(rel), &copy);
            std::fs::write(copy.join("secret.txt"), SECRET).unwrap();
            copy
        };
        link(&site, rel, &target);
        let out = site.build(&[]);
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(
            !out.status.success(),
            "{rel}: a link out of the site was followed"
        );
        assert!(
            stderr.contains("outside the site folder") || stderr.contains("symbolic link"),
            "{rel}: {stderr}"
        );
        assert!(
            !stderr.contains(SECRET),
            "{rel}: the message echoes the outside file: {stderr}"
        );
        assert!(
            !site.root().join("public").exists(),
            "{rel}: something was published"
        );
    }
}

fn copy_tree(from: &std::path::Path, to: &std::path::Path) {
    for e in walkdir::WalkDir::new(from) {
        let e = e.unwrap();
        let dest = to.join(e.path().strip_prefix(from).unwrap());
        if e.file_type().is_dir() {
            std::fs::create_dir_all(&dest).unwrap();
        } else {
            std::fs::copy(e.path(), &dest).unwrap();
        }
    }
}
