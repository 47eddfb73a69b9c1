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
