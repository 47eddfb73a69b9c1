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
            common::copy_dir(&site.root().join(rel), &copy);
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

#[test]
fn a_base_url_cannot_break_out_of_an_attribute() {
    let site = TestSite::mini();
    let evil = r#"https://example.org/"><script>alert(1)</script>/"#;
    site.build_ok(&["--base-url", evil]);
    for page in site.pages() {
        let html = site.out(&page);
        assert!(
            !html.contains("<script>alert"),
            "{page} carries the injected script"
        );
    }
    assert!(!site.out("sitemap.xml").contains("<script>"));
    for bad in [
        "javascript:alert(1)//",
        "data:text/html,x",
        "https://example.org/?q=1",
    ] {
        let err = site.build_err(&["--base-url", bad]);
        assert!(err.contains("--base-url"), "{bad}: {err}");
    }
    site.edit(
        "content/site.yaml",
        "base_url: https://example.org/",
        "base_url: 'javascript:alert(1)'",
    );
    let err = site.build_err(&[]);
    assert!(err.contains("content/site.yaml:3"), "{err}");
}

#[test]
fn url_fields_refuse_script_and_data_urls_with_their_line() {
    let cases = [
        ("content/site.yaml", "  website: https://example.com", "  website: JavaScript:alert(1)", "content/site.yaml:10"),
        ("content/site.yaml", "  website: https://example.com", "  website: https://example.com\nnav:\n  - {title: {zh: 甲, en: A}, url: 'data:text/html,<script>x</script>'}", "content/site.yaml:12"),
        (
            "content/reports/alpha/report.yaml",
            "    date: 2023-02-14",
            "    date: 2023-02-14\n    url: ' vbscript:msgbox(1)'",
            "content/reports/alpha/report.yaml:24",
        ),
    ];
    for (file, from, to, at) in cases {
        let site = TestSite::mini();
        site.edit(file, from, to);
        let err = site.build_err(&[]);
        assert!(err.contains(at), "expected {at}: {err}");
        assert!(err.contains("scheme are not allowed"), "{err}");
    }
    let site = TestSite::mini();
    site.edit("content/site.yaml", "  website: https://example.com", "  website: https://example.com\nnav:\n  - {title: {zh: 关于, en: About}, url: 'mailto:ir@example.com'}\n  - {title: {zh: 首页, en: Home}, url: /}");
    site.build_ok(&[]);
}

#[test]
fn a_build_that_fails_while_writing_leaves_no_trace() {
    let site = TestSite::mini();
    site.build_ok(&[]);
    let before = site.snapshot();
    // Fails only after pages were written into the staging folder: a broken anchor is found
    // once every page exists.
    let file = "content/reports/alpha/chapters/one.en.md";
    let text = site.read(file);
    site.write(file, &format!("{text}\n[gone](#nowhere)\n"));
    site.build_err(&[]);
    assert_eq!(before, site.snapshot(), "the previous output is untouched");
    let leftovers: Vec<_> = std::fs::read_dir(site.root())
        .unwrap()
        .flatten()
        .filter(|e| e.file_name().to_string_lossy().contains("yanbao-"))
        .collect();
    assert!(
        leftovers.is_empty(),
        "staging folders left behind: {leftovers:?}"
    );
}

#[test]
fn script_links_in_the_manifest_markdown_are_errors_at_their_line() {
    let site = TestSite::mini();
    let file = "content/reports/alpha/report.yaml";
    site.edit(
        file,
        "text: {zh: \"**重点。**内容\", en: \"**Bold.** text\"}",
        "text: {zh: \"**重点。**内容\", en: \"**Bold.** [click](JaVaScRiPt:alert(1))\"}",
    );
    let line = site
        .read(file)
        .lines()
        .position(|l| l.contains("JaVaScRiPt"))
        .unwrap()
        + 1;
    let err = site.build_err(&[]);
    assert!(err.contains(&format!("report.yaml:{line}")), "{err}");
    assert!(err.contains("`javascript:` URL is not allowed"), "{err}");
}

/// The names beside the site's output folder and, for files, their bytes.
fn beside(site: &TestSite) -> Vec<(String, Option<Vec<u8>>)> {
    let mut all: Vec<_> = std::fs::read_dir(site.root())
        .unwrap()
        .flatten()
        .map(|e| {
            let name = e.file_name().to_string_lossy().into_owned();
            (name, std::fs::read(e.path()).ok())
        })
        .filter(|(n, _)| n != "public")
        .collect();
    all.sort();
    all
}

#[test]
fn a_killed_builds_folders_are_cleared_and_nothing_else_is_touched() {
    let site = TestSite::mini();
    site.build_ok(&[]);
    // What a build killed while staging, indexing or swapping leaves beside public/.
    site.write(".public.yanbao-tmp/.yanbao-build", "marker");
    site.write(".public.yanbao-tmp/en/index.html", "stale");
    site.write(
        ".public.yanbao-tmp.search/.yanbao-search-x/a/index.html",
        "<html></html>",
    );
    site.write(".public.yanbao-old/.yanbao-build", "marker");
    let before = beside(&site);
    // The author's own things beside the output, named alike.
    site.write(".public.yanbao-notes/keep.txt", "mine");
    site.write("public.yanbao-tmp/keep.txt", "mine");
    site.write(".public.yanbao-tmp.txt", "mine");
    let mine = beside(&site);
    site.build_ok(&[]);
    let after = beside(&site);
    let gone = [
        ".public.yanbao-tmp",
        ".public.yanbao-tmp.search",
        ".public.yanbao-old",
    ];
    assert!(before.iter().any(|(n, _)| n == gone[0]), "{before:?}");
    let expected: Vec<_> = mine
        .into_iter()
        .filter(|(n, _)| !gone.contains(&n.as_str()))
        .collect();
    assert_eq!(after, expected);
    assert_eq!(site.read(".public.yanbao-notes/keep.txt"), "mine");
    assert_eq!(site.read("public.yanbao-tmp/keep.txt"), "mine");
}

#[test]
fn a_folder_named_like_staging_but_not_yanbaos_is_refused_and_kept() {
    for (name, file) in [
        (".public.yanbao-tmp", "notes.txt"),
        (".public.yanbao-tmp.search", "notes.txt"),
        (".public.yanbao-old", "index.html"),
    ] {
        let site = TestSite::mini();
        site.write(&format!("{name}/{file}"), "mine");
        let err = site.build_err(&[]);
        assert!(err.contains(name), "{err}");
        assert!(err.contains("yanbao did not make it"), "{err}");
        assert_eq!(site.read(&format!("{name}/{file}")), "mine");
        assert!(!site.root().join("public").exists());
    }
}

#[test]
fn a_second_build_into_the_same_output_leaves_the_first_alone() {
    let site = TestSite::mini();
    // A build in progress: it holds the lock and is writing its staging folder.
    let lock_path = site.root().join(".public.yanbao-lock");
    let lock = std::fs::File::create(&lock_path).unwrap();
    fs4::FileExt::try_lock(&lock).unwrap();
    site.write(".public.yanbao-tmp/.yanbao-build", "marker");
    site.write(".public.yanbao-tmp/index.html", "being written");
    let err = site.build_err(&[]);
    assert!(err.contains("another yanbao build"), "{err}");
    assert_eq!(site.read(".public.yanbao-tmp/index.html"), "being written");
    drop(lock);
    site.build_ok(&[]);
    assert!(!site.root().join(".public.yanbao-tmp").exists());
}
