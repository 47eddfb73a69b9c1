//! The built-in theme: a site with no templates, styles or strings of its own builds with it,
//! and a site's own file takes the place of the built-in one, file by file (strings key by key).

mod common;

use common::TestSite;

#[test]
fn a_site_with_only_content_builds_with_the_built_in_theme() {
    let site = TestSite::bare();
    assert!(!site.root().join("templates").exists());
    site.build_ok(&[]);
    let page = site.out("en/alpha/one/index.html");
    assert!(page.contains("<html") && page.contains("Chapter one"));
    let css = std::fs::read(site.root().join("public/style.css")).unwrap();
    assert_eq!(
        css,
        std::fs::read(concat!(env!("CARGO_MANIFEST_DIR"), "/static/style.css")).unwrap()
    );
}

#[test]
fn one_overridden_template_replaces_only_that_template() {
    let site = TestSite::bare();
    site.write(
        "templates/partials/footer.html",
        "<footer class=\"site-footer\"><p>Our own footer</p></footer>\n",
    );
    site.build_ok(&[]);
    let page = site.out("en/alpha/one/index.html");
    assert!(page.contains("Our own footer"), "the override is used");
    assert!(
        page.contains("chapter-list"),
        "the other templates are the built-in ones"
    );
}

#[test]
fn a_static_file_and_a_string_override_the_built_in_ones() {
    let site = TestSite::bare();
    site.write("static/style.css", "body { color: rebeccapurple }\n");
    site.write("static/extra.txt", "mine");
    site.write("content/i18n/en.yaml", "toc: Table of contents\n");
    site.build_ok(&[]);
    assert_eq!(site.out("style.css"), "body { color: rebeccapurple }\n");
    assert_eq!(site.out("extra.txt"), "mine");
    assert!(
        site.root().join("public/favicon.svg").exists(),
        "built-in static files stay"
    );
    let page = site.out("en/alpha/one/index.html");
    assert!(page.contains("Table of contents"), "the site's string");
    let zh = site.out("alpha/one/index.html");
    assert!(zh.contains("目录"), "the built-in Chinese string");
}

#[test]
fn init_writes_content_only_and_eject_the_theme_too() {
    let dir = tempfile::tempdir().unwrap();
    let run = |args: &[&str]| {
        std::process::Command::new(env!("CARGO_BIN_EXE_yanbao"))
            .args(args)
            .output()
            .unwrap()
    };
    let plain = dir.path().join("plain");
    assert!(run(&["init", plain.to_str().unwrap()]).status.success());
    assert!(plain.join("content/site.yaml").exists());
    assert!(!plain.join("templates").exists() && !plain.join("static").exists());
    let ejected = dir.path().join("ejected");
    assert!(run(&["init", "--eject", ejected.to_str().unwrap()])
        .status
        .success());
    assert!(ejected.join("templates/chapter.html").exists());
    assert!(ejected.join("static/style.css").exists());
    assert!(ejected.join("content/i18n/zh.yaml").exists());
    for site in [&plain, &ejected] {
        let out = run(&["build", "--root", site.to_str().unwrap()]);
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
    }
    assert_eq!(
        std::fs::read(plain.join("public/en/my-report/intro/index.html")).unwrap(),
        std::fs::read(ejected.join("public/en/my-report/intro/index.html")).unwrap(),
        "the ejected theme is the built-in one"
    );
}
