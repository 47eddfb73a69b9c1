//! End-to-end tests of `yanbao build` on small fixture sites in temporary folders.

mod common;

use common::{attr_values, percent_decode, TestSite};
use std::collections::BTreeSet;

#[test]
fn builds_every_page_in_both_languages() {
    let site = TestSite::mini();
    let stdout = site.build_ok(&[]);
    assert!(
        stdout.contains("pages") && stdout.contains("charts") && stdout.contains(" ms"),
        "{stdout}"
    );
    let pages: BTreeSet<String> = site.pages().into_iter().collect();
    for lang in ["", "en/"] {
        for page in [
            "index.html",
            "alpha/index.html",
            "alpha/one/index.html",
            "alpha/two/index.html",
            "alpha/analysts/index.html",
            "alpha/related/index.html",
            "alpha/disclosures/index.html",
        ] {
            assert!(
                pages.contains(&format!("{lang}{page}")),
                "missing {lang}{page}"
            );
        }
    }
    assert!(pages.contains("404.html"));
    let csv = std::fs::read(site.root().join("public/alpha/charts/sizes.csv")).unwrap();
    assert!(
        csv.starts_with("\u{feff}".as_bytes()),
        "CSV must start with a BOM"
    );
    assert!(
        site.out("favicon.svg").contains("<svg"),
        "static files are copied"
    );
    assert!(site
        .out("sitemap.xml")
        .contains("https://example.org/alpha/one/"));
}

/// Checks every internal link of every page: the target file exists and its fragment is an id there.
fn assert_links_resolve(site: &TestSite, base_path: &str) {
    let files: BTreeSet<String> = site.snapshot().into_iter().map(|(p, _)| p).collect();
    for page in site.pages() {
        let html = site.out(&page);
        let mut urls = attr_values(&html, "href");
        urls.extend(attr_values(&html, "src"));
        for url in urls {
            if url.starts_with("http") || url.starts_with("mailto:") {
                continue;
            }
            let (path, frag) = url
                .split_once('#')
                .map(|(p, f)| (p.to_string(), Some(f)))
                .unwrap_or((url.clone(), None));
            let target = if path.is_empty() {
                page.clone()
            } else {
                assert!(
                    path.starts_with(base_path),
                    "{page}: link {url} is not under {base_path}"
                );
                let rel = percent_decode(&path[base_path.len()..]);
                if rel.is_empty() || rel.ends_with('/') {
                    format!("{rel}index.html")
                } else {
                    rel
                }
            };
            assert!(
                files.contains(&target),
                "{page}: link {url} -> missing {target}"
            );
            if let (Some(f), true) = (frag, target.ends_with(".html")) {
                let id = percent_decode(f);
                assert!(
                    site.out(&target).contains(&format!("id=\"{id}\"")),
                    "{page}: anchor {url} not found in {target}"
                );
            }
        }
    }
}

#[test]
fn internal_links_and_anchors_resolve() {
    let site = TestSite::mini();
    site.build_ok(&[]);
    assert_links_resolve(&site, "/");
}

#[test]
fn sub_path_base_url_prefixes_every_link() {
    let site = TestSite::mini();
    site.build_ok(&["--base-url", "https://example.org/research/aigc/"]);
    assert_links_resolve(&site, "/research/aigc/");
    let html = site.out("en/alpha/one/index.html");
    assert!(html.contains("href=\"/research/aigc/style.css\""));
    assert!(html.contains(
        "<link rel=\"canonical\" href=\"https://example.org/research/aigc/en/alpha/one/\">"
    ));
    assert!(html.contains("href=\"/research/aigc/en/alpha/charts/sizes.csv\""));
}

#[test]
fn every_page_links_to_its_twin() {
    let site = TestSite::mini();
    site.build_ok(&[]);
    for page in site.pages().into_iter().filter(|p| p != "404.html") {
        let html = site.out(&page);
        let is_en = page.starts_with("en/");
        let twin = if is_en {
            page.trim_start_matches("en/").to_string()
        } else {
            format!("en/{page}")
        };
        let twin_url = format!("/{}", twin.trim_end_matches("index.html"));
        assert!(
            html.contains(&format!(
                "<a href=\"{twin_url}\" hreflang=\"{}\"",
                if is_en { "zh-CN" } else { "en" }
            )),
            "{page} lacks switcher link to {twin_url}"
        );
        // The home page duplicates the report landing page, whose URLs its alternates carry.
        if page != "index.html" && page != "en/index.html" {
            let zh = if is_en {
                &twin_url[1..]
            } else {
                page.trim_end_matches("index.html")
            };
            assert!(
                html.contains(&format!(
                    "hreflang=\"zh-CN\" href=\"https://example.org/{zh}\""
                )),
                "{page}"
            );
        }
        assert!(html.starts_with(&format!(
            "<!DOCTYPE html>\n<html lang=\"{}\">",
            if is_en { "en" } else { "zh-CN" }
        )));
    }
}

#[test]
fn reader_visible_text_is_escaped_but_markdown_html_is_kept() {
    let site = TestSite::mini();
    site.build_ok(&[]);
    let en = site.out("en/alpha/index.html");
    assert!(en.contains("Summary with &lt;script&gt;alert(1)&lt;/script&gt;"));
    assert!(!en.contains("<script>alert(1)"));
    let zh = site.out("alpha/index.html");
    assert!(zh.contains("摘要 &lt;b&gt;不是粗体&lt;/b&gt;"));
    let chapter = site.out("en/alpha/one/index.html");
    assert!(chapter.contains("<span class=\"x\">raw span</span> and a &lt; sign"));
}

#[test]
fn chinese_text_rules_hold_in_the_built_page() {
    let site = TestSite::mini();
    site.build_ok(&[]);
    let html = site.out("alpha/one/index.html");
    assert!(
        // The space typed between AIGC and 产品 goes (docs/typography.md).
        html.contains("<strong>更加关注应用场景落地。</strong>AIGC产品的落地取决于场景。"),
        "{html}"
    );
    assert!(html.contains("<h2 id=\"应用落地\">应用落地</h2>"));
    assert!(
        html.contains("href=\"/alpha/two/#%E5%A4%9A%E6%A8%A1%E6%80%81\""),
        "cross-chapter anchor is percent-encoded"
    );
    assert!(
        html.contains("<a class=\"figure-ref\" href=\"/alpha/one/#figure-sizes\">图\u{a0}1</a>")
    );
    assert!(
        html.contains("2024年4月22日") || site.out("alpha/index.html").contains("2024年4月22日")
    );
}

#[test]
fn output_is_the_same_on_one_thread_and_on_many() {
    let site = TestSite::mini();
    for name in ["beta", "gamma", "delta"] {
        copy_report(&site, "alpha", name);
    }
    let run = |threads: &str, out: &str| {
        let status = std::process::Command::new(env!("CARGO_BIN_EXE_yanbao"))
            .args(["build", "--root"])
            .arg(site.root())
            .arg("--output")
            .arg(site.root().join(out))
            .env("RAYON_NUM_THREADS", threads)
            .status()
            .unwrap();
        assert!(status.success());
        common::tree(&site.root().join(out))
    };
    let one = run("1", "one");
    assert!(
        one.len() > 50,
        "four reports in two languages: {}",
        one.len()
    );
    assert_eq!(one, run("4", "four"));
    assert_eq!(one, run("2", "two"));
}

/// Copies report `from` to a new report `to` with its own title.
fn copy_report(site: &TestSite, from: &str, to: &str) {
    let src = site.root().join("content/reports").join(from);
    let dst = site.root().join("content/reports").join(to);
    for e in walkdir::WalkDir::new(&src) {
        let e = e.unwrap();
        let d = dst.join(e.path().strip_prefix(&src).unwrap());
        if e.file_type().is_dir() {
            std::fs::create_dir_all(&d).unwrap();
        } else {
            std::fs::copy(e.path(), &d).unwrap();
        }
    }
    let manifest = site
        .read(&format!("content/reports/{to}/report.yaml"))
        .replace("阿尔法报告", &format!("{to} 报告"))
        .replace("Alpha report", &format!("{to} report"));
    site.write(&format!("content/reports/{to}/report.yaml"), &manifest);
}

#[test]
fn builds_are_byte_identical() {
    let a = TestSite::mini();
    a.build_ok(&[]);
    let first = a.snapshot();
    a.build_ok(&[]);
    assert_eq!(first, a.snapshot());
}

#[test]
fn failed_build_leaves_previous_output_untouched() {
    let site = TestSite::mini();
    site.build_ok(&[]);
    let before = site.snapshot();
    site.write("content/reports/alpha/report.yaml", "title: [unclosed\n");
    let err = site.build_err(&[]);
    assert!(err.contains("content/reports/alpha/report.yaml:"), "{err}");
    assert!(err.contains("previous output was left untouched"), "{err}");
    assert_eq!(before, site.snapshot());
}

#[test]
fn files_from_a_previous_build_do_not_linger() {
    let site = TestSite::mini();
    site.build_ok(&[]);
    assert!(site.root().join("public/alpha/two/index.html").exists());
    for lang in ["zh", "en"] {
        std::fs::remove_file(
            site.root()
                .join(format!("content/reports/alpha/chapters/two.{lang}.md")),
        )
        .unwrap();
    }
    site.edit(
        "content/reports/alpha/chapters/one.zh.md",
        "，另见[第二章](two.zh.md#多模态)",
        "",
    );
    site.edit(
        "content/reports/alpha/chapters/one.en.md",
        " and [chapter two](two.en.md#multimodality)",
        "",
    );
    site.build_ok(&[]);
    assert!(!site.root().join("public/alpha/two").exists());
    assert!(!site.root().join("public/en/alpha/two").exists());
}

#[test]
fn yaml_error_names_file_line_and_column() {
    let site = TestSite::mini();
    site.edit(
        "content/reports/alpha/report.yaml",
        "date: 2024-04-22",
        "date: 2024-04-22\ndate2: [x",
    );
    let err = site.build_err(&[]);
    assert!(
        err.contains("--> content/reports/alpha/report.yaml:"),
        "{err}"
    );
    let site = TestSite::mini();
    site.edit("content/reports/alpha/report.yaml", "sector:", "sectr:");
    let err = site.build_err(&[]);
    assert!(err.contains("report.yaml:4:1"), "{err}");
    assert!(err.contains("did you mean `sector`"), "{err}");
}

#[test]
fn front_matter_error_gives_the_markdown_line() {
    let site = TestSite::mini();
    site.edit(
        "content/reports/alpha/chapters/two.en.md",
        "order: 2",
        "order: two",
    );
    let err = site.build_err(&[]);
    assert!(
        err.contains("content/reports/alpha/chapters/two.en.md:3:"),
        "{err}"
    );
}

#[test]
fn unknown_embed_id_names_markdown_file_and_line() {
    let site = TestSite::mini();
    site.edit(
        "content/reports/alpha/chapters/one.en.md",
        "{{ chart(id=\"sizes\") }}",
        "{{ chart(id=\"size\") }}",
    );
    let err = site.build_err(&[]);
    assert!(err.contains("unknown chart id `size`"), "{err}");
    assert!(
        err.contains("content/reports/alpha/chapters/one.en.md:11:1"),
        "{err}"
    );
    assert!(err.contains("did you mean `sizes`"), "{err}");
}

#[test]
fn missing_translation_is_reported_not_dropped() {
    let site = TestSite::mini();
    std::fs::remove_file(site.root().join("content/reports/alpha/chapters/two.en.md")).unwrap();
    site.edit(
        "content/reports/alpha/chapters/one.en.md",
        " and [chapter two](two.en.md#multimodality)",
        "",
    );
    let err = site.build_err(&[]);
    assert!(
        err.contains("missing translation: chapter `two` has no `en` version"),
        "{err}"
    );
    let site = TestSite::mini();
    site.edit(
        "content/reports/alpha/report.yaml",
        "risks:\n  - {zh: 监管, en: Regulation}",
        "risks:\n  - {zh: 监管}",
    );
    let err = site.build_err(&[]);
    assert!(
        err.contains("report.yaml:") && err.contains("`risks[0]` has no text for `en`"),
        "{err}"
    );
    // Region subtags where the site's keys have none: no text in any language, not an empty title.
    let site = TestSite::mini();
    site.edit(
        "content/reports/alpha/charts/sizes.yaml",
        "title: {zh: 市场规模, en: Market size}",
        "title: {zh-CN: 市场规模, en-US: Market size}",
    );
    let err = site.build_err(&[]);
    assert!(
        err.contains("sizes.yaml:2") && err.contains("`title` has no text for `zh`, `en`"),
        "{err}"
    );
    // A map of fields where text goes reads as no text in any language: refused in every file
    // that has text for readers, at its line.
    for (file, from, to, line, field) in [
        (
            "content/reports/alpha/charts/sizes.yaml",
            "unit: {zh: 亿元, en: RMB 100m}",
            "unit: {min: 0, max: 9}",
            "sizes.yaml:3",
            "`unit`",
        ),
        (
            "content/reports/alpha/report.yaml",
            "subtitle: {zh: 副标题, en: A subtitle}",
            "subtitle: {}",
            "report.yaml:2",
            "`subtitle`",
        ),
        (
            "content/site.yaml",
            "name: {zh: 测试证券, en: Test Securities}",
            "name: {id: 7}",
            "site.yaml:9",
            "`publisher.name`",
        ),
    ] {
        let site = TestSite::mini();
        site.edit(file, from, to);
        let err = site.build_err(&[]);
        assert!(
            err.contains(line) && err.contains(&format!("{field} is text for readers")),
            "{err}"
        );
    }
}

#[test]
fn nothing_in_content_escapes_the_site() {
    let site = TestSite::mini();
    site.edit(
        "content/reports/alpha/chapters/two.en.md",
        "[the first chapter](one.en.md)",
        "[x](../../../../../etc/passwd.md)",
    );
    let err = site.build_err(&[]);
    assert!(err.contains("two.en.md:8"), "{err}");
    assert!(
        err.contains("leaves the content folder") || err.contains("does not point at a chapter"),
        "{err}"
    );

    let site = TestSite::mini();
    site.edit(
        "content/reports/alpha/chapters/two.en.md",
        "[the first chapter](one.en.md)",
        "[x](/../../etc/passwd)",
    );
    assert!(site.build_err(&[]).contains("leaves the site"));

    #[cfg(unix)]
    {
        let site = TestSite::mini();
        std::os::unix::fs::symlink("/etc/hostname", site.root().join("static/leak.txt")).unwrap();
        let err = site.build_err(&[]);
        assert!(
            err.contains("static/leak.txt") && err.contains("symbolic links"),
            "{err}"
        );
    }

    let site = TestSite::mini();
    let err = site.build_err(&["--output", site.root().join("content").to_str().unwrap()]);
    assert!(err.contains("overwrite the site's sources"), "{err}");
    assert!(site.root().join("content/site.yaml").exists());
}

#[test]
fn chinese_and_spaced_names_are_percent_encoded() {
    let site = TestSite::mini();
    std::fs::rename(
        site.root().join("content/reports/alpha"),
        site.root().join("content/reports/研究 报告"),
    )
    .unwrap();
    site.build_ok(&[]);
    let html = site.out("en/研究 报告/one/index.html");
    assert!(
        html.contains("href=\"/en/%E7%A0%94%E7%A9%B6%20%E6%8A%A5%E5%91%8A/two/\""),
        "{html}"
    );
    assert_links_resolve(&site, "/");
}

#[test]
fn a_link_may_name_a_chapter_file_with_a_space_as_percent_20() {
    // Files beside the chapters took `%20` for a space; chapter files did not.
    let site = TestSite::mini();
    let chapters = site.root().join("content/reports/alpha/chapters");
    for lang in ["zh", "en"] {
        std::fs::rename(
            chapters.join(format!("two.{lang}.md")),
            chapters.join(format!("市场 展望.{lang}.md")),
        )
        .unwrap();
    }
    site.edit(
        "content/reports/alpha/chapters/one.zh.md",
        "[第二章](two.zh.md#多模态)",
        "[第二章](市场%20展望.zh.md#多模态)",
    );
    site.edit(
        "content/reports/alpha/chapters/one.en.md",
        "(two.en.md#multimodality)",
        "(<市场 展望.en.md#multimodality>)",
    );
    site.build_ok(&[]);
    let html = site.out("alpha/one/index.html");
    let href =
        "href=\"/alpha/%E5%B8%82%E5%9C%BA%20%E5%B1%95%E6%9C%9B/#%E5%A4%9A%E6%A8%A1%E6%80%81\"";
    assert!(html.contains(href), "{html}");
    assert_links_resolve(&site, "/");
}

#[test]
fn a_figure_reference_in_a_links_text_is_text() {
    // It was a link inside the link: `<a …>x <a class="figure-ref" …>Figure 1</a></a>`.
    let site = TestSite::mini();
    site.edit(
        "content/reports/alpha/chapters/one.en.md",
        "[chapter two](two.en.md#multimodality)",
        "[chapter two, after {{ ref(id=\"sizes\") }}](two.en.md#multimodality)",
    );
    site.build_ok(&[]);
    let html = site.out("en/alpha/one/index.html");
    let start = html.find("chapter two, after").expect("the link's text");
    let link = &html[start..start + html[start..].find("</a>").unwrap()];
    assert_eq!(link, "chapter two, after Figure\u{a0}1", "{html}");
    assert!(
        html.contains("class=\"figure-ref\""),
        "the other reference stays a link"
    );
}

#[test]
fn two_reports_get_a_home_page_listing_newest_first() {
    let site = TestSite::mini();
    let src = site.root().join("content/reports/alpha");
    let dst = site.root().join("content/reports/beta");
    std::fs::create_dir_all(dst.join("chapters")).unwrap();
    std::fs::create_dir_all(dst.join("charts")).unwrap();
    for f in [
        "chapters/one.zh.md",
        "chapters/one.en.md",
        "chapters/two.zh.md",
        "chapters/two.en.md",
        "charts/sizes.yaml",
    ] {
        std::fs::copy(src.join(f), dst.join(f)).unwrap();
    }
    let manifest = std::fs::read_to_string(src.join("report.yaml"))
        .unwrap()
        .replace("date: 2024-04-22", "date: 2025-01-02")
        .replace(
            "{zh: 阿尔法报告, en: Alpha report}",
            "{zh: 贝塔报告, en: Beta report}",
        );
    std::fs::write(dst.join("report.yaml"), manifest).unwrap();
    site.build_ok(&[]);
    let home = site.out("en/index.html");
    let (beta, alpha) = (
        home.find("Beta report").unwrap(),
        home.find("Alpha report").unwrap(),
    );
    assert!(beta < alpha, "newest report first");
    assert!(site.out("en/beta/index.html").contains("Beta report"));
    assert_links_resolve(&site, "/");
}

/// Removes `, LANG: …` entries from the flow mappings of a YAML text (values with no `}` or `,`
/// inside quotes, as in the fixtures).
fn drop_language(yaml: &str, lang: &str) -> String {
    let needle = format!(", {lang}: ");
    yaml.lines()
        .map(|line| {
            let mut line = line.to_string();
            while let Some(start) = line.find(&needle) {
                let rest = &line[start + needle.len()..];
                let end = match rest.strip_prefix('"') {
                    Some(quoted) => quoted.find('"').map(|i| i + 2),
                    None => rest.find(['}', ',']),
                }
                .unwrap_or(rest.len());
                line.replace_range(start..start + needle.len() + end, "");
            }
            line + "\n"
        })
        .collect()
}

#[test]
fn a_site_with_one_language_has_no_prefix_or_switcher_twin() {
    let site = TestSite::mini();
    site.edit(
        "content/site.yaml",
        "  - {key: en, code: en, name: English}\n",
        "",
    );
    std::fs::remove_file(site.root().join("content/i18n/en.yaml")).unwrap();
    // Text in a language the site no longer has is refused, so the English texts go too.
    for rel in [
        "content/site.yaml",
        "content/reports/alpha/report.yaml",
        "content/reports/alpha/charts/sizes.yaml",
    ] {
        let text = site.read(rel);
        site.write(rel, &drop_language(&text, "en"));
    }
    for f in ["one", "two"] {
        std::fs::remove_file(
            site.root()
                .join(format!("content/reports/alpha/chapters/{f}.en.md")),
        )
        .unwrap();
    }
    site.build_ok(&[]);
    assert!(!site.root().join("public/en").exists());
    let html = site.out("alpha/one/index.html");
    assert!(!html.contains("hreflang=\"en\""));
    assert_links_resolve(&site, "/");
}

#[test]
fn headline_figure_with_unknown_chart_is_an_error() {
    let site = TestSite::mini();
    site.edit(
        "content/reports/alpha/report.yaml",
        "chart: sizes",
        "chart: sizez",
    );
    let err = site.build_err(&[]);
    assert!(
        err.contains("report.yaml:18") && err.contains("unknown chart `sizez`"),
        "{err}"
    );
}

#[test]
fn template_error_names_template_line_and_column() {
    let site = TestSite::mini();
    site.edit(
        "templates/chapter.html",
        "<h1>{{ chapter.title }}</h1>",
        "<h1>{{ chapter.title }</h1>",
    );
    let err = site.build_err(&[]);
    assert!(err.contains("--> templates/chapter.html:7:28"), "{err}");
    let site = TestSite::mini();
    site.edit(
        "templates/chapter.html",
        "{{ chapter.title }}",
        "{{ chapter.titel }}",
    );
    let err = site.build_err(&[]);
    assert!(err.contains("templates/chapter.html:7:"), "{err}");
}

#[test]
fn help_explains_each_option() {
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_yanbao"))
        .args(["build", "--help"])
        .output()
        .unwrap();
    let help = String::from_utf8(out.stdout).unwrap();
    for opt in ["--root", "--output", "--base-url"] {
        assert!(help.contains(opt), "{help}");
    }
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_yanbao"))
        .arg("--version")
        .output()
        .unwrap();
    assert!(String::from_utf8(out.stdout)
        .unwrap()
        .starts_with("yanbao "));
}

/// The part of `html` from the element whose opening tag has `class="{class}"` to the first
/// `</{tag}>` after it (enough for flat lists), or "" when there is none.
fn slice_of<'a>(html: &'a str, class: &str, tag: &str) -> &'a str {
    let Some(start) = html.find(&format!("class=\"{class}\"")) else {
        return "";
    };
    let rest = &html[start..];
    let end = rest.find(&format!("</{tag}>")).unwrap_or(rest.len());
    &rest[..end]
}

#[test]
fn contacts_are_listed_apart_from_the_authors() {
    let site = TestSite::mini();
    site.edit(
        "content/reports/alpha/report.yaml",
        "key_takeaways:",
        "contacts:\n  - name: {zh: 王玥, en: Emily Wang}\n    team: {zh: 财富管理团队, en: Wealth management team}\n    email: emily@example.com\n    phone: 852-0000 0000\nkey_takeaways:",
    );
    site.build_ok(&[]);
    for (prefix, name, team, heading) in [
        ("", "王玥", "财富管理团队", "联系人"),
        ("en/", "Emily Wang", "Wealth management team", "Contacts"),
    ] {
        let page = site.out(&format!("{prefix}alpha/analysts/index.html"));
        let authors = slice_of(&page, "analysts", "ul");
        assert!(!authors.is_empty() && !authors.contains(name), "{authors}");
        let contacts = page
            .split_once("class=\"contacts-section\"")
            .map(|(_, after)| after)
            .unwrap_or_default();
        for text in [
            heading,
            name,
            team,
            "mailto:emily@example.com",
            "852-0000 0000",
        ] {
            assert!(
                contacts.contains(text),
                "{prefix}: `{text}` not under contacts"
            );
        }
        let landing = site.out(&format!("{prefix}alpha/index.html"));
        let byline = slice_of(&landing, "byline", "ul");
        assert!(!byline.is_empty() && !byline.contains(name), "{byline}");
    }

    let site = TestSite::mini();
    site.edit(
        "content/reports/alpha/report.yaml",
        "key_takeaways:",
        "contacts:\n  - name: {zh: 王玥, en: Emily Wang}\n    role: {zh: 分析师, en: Analyst}\nkey_takeaways:",
    );
    let err = site.build_err(&[]);
    assert!(
        err.contains("report.yaml:") && err.contains("role"),
        "{err}"
    );
}

#[test]
fn long_reports_show_a_window_of_chapters_in_each_page() {
    let site = TestSite::mini();
    for i in 3..=120 {
        for (lang, title) in [("zh", "章节"), ("en", "Chapter")] {
            site.write(
                &format!("content/reports/alpha/chapters/c{i:03}.{lang}.md"),
                &format!("---\ntitle: {title} {i}\norder: {i}\n---\n\nText {i}.\n"),
            );
        }
    }
    site.build_ok(&[]);
    let nav_items = |page: &str| {
        let html = site.out(page);
        let nav = &html[html.find("chapter-list").unwrap()..];
        let nav = &nav[..nav.find("</ol>").unwrap()];
        nav.matches("<li>").count()
    };
    assert_eq!(
        nav_items("en/alpha/c060/index.html"),
        15,
        "a window of 7 on each side"
    );
    assert_eq!(
        nav_items("en/alpha/one/index.html"),
        8,
        "the first chapter and the 7 after it"
    );
    let page = site.out("en/alpha/c060/index.html");
    assert!(page.contains("All 120 chapters"), "a link to the full list");
    assert!(page.contains("aria-current=\"page\"><span class=\"num\">60</span>"));
    let landing = site.out("en/alpha/index.html");
    assert!(landing.contains("Chapter 120") && landing.contains("Chapter 3<"));
}

#[test]
fn a_chapter_that_fails_is_not_reported_again_as_links_into_its_report() {
    // A failed unit writes none of its pages; every other page's links into them (the
    // language switcher, the home page, the search page) used to be reported as broken too.
    let site = TestSite::mini();
    site.edit(
        "content/reports/alpha/chapters/one.en.md",
        "{{ chart(id=\"sizes\") }}",
        "{{ chart(id=\"size\") }}",
    );
    let err = site.build_err(&[]);
    assert!(err.contains("unknown chart id `size`"), "{err}");
    // The only other message is the reference to the figure the chapter no longer shows.
    assert!(err.contains("2 problems found"), "{err}");
    assert!(!err.contains("leads nowhere"), "{err}");
    // A link broken in its own right, on a page that was made, is still reported with it.
    site.edit(
        "content/reports/alpha/chapters/one.zh.md",
        "另见",
        "<a href=\"/nowhere/\">无</a>另见",
    );
    let err = site.build_err(&[]);
    assert_eq!(err.matches("leads nowhere").count(), 1, "{err}");
    assert!(err.contains("link `/nowhere/` on `alpha/"), "{err}");
}
