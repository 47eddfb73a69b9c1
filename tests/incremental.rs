//! The preview's incremental rebuilds give exactly what a fresh build gives, after every kind of
//! edit: chapter text, a new, renamed or deleted chapter, a chart, a heading another report links
//! to, a template, the configuration, a new report.

mod common;

use common::TestSite;
use std::path::PathBuf;
use yanbao::render::{Changed, UnitCache};
use yanbao::BuildOptions;

struct Preview {
    site: TestSite,
    cache: UnitCache,
}

impl Preview {
    fn opts(&self) -> BuildOptions {
        BuildOptions {
            root: self.site.root().to_path_buf(),
            base_url: None,
            live_reload: false,
        }
    }

    /// Rebuilds after `touched` (site-relative paths) changed and compares with a fresh build.
    /// Returns whether the site built.
    fn rebuild(&mut self, touched: &[&str]) -> bool {
        self.rebuild_counting(touched).is_some()
    }

    /// Like [`Preview::rebuild`], returning how many report/language pairs were rendered.
    fn rebuild_counting(&mut self, touched: &[&str]) -> Option<usize> {
        let paths: Vec<PathBuf> = touched.iter().map(|p| self.site.root().join(p)).collect();
        let changed = Changed::of(self.site.root(), &paths);
        let incremental = yanbao::build_incremental(&self.opts(), &mut self.cache, &changed);
        let fresh = yanbao::build_in_memory(&self.opts());
        match (incremental, fresh) {
            (Ok(inc), Ok(full)) => {
                // The preview indexes on its own thread; the index must match a fresh build's.
                let index = inc
                    .search
                    .run(&|| false)
                    .unwrap()
                    .expect("not stopped")
                    .files();
                // The preview holds its pages packed; unpacked they are a fresh build's.
                assert!(
                    inc.files.iter().any(|f| f.is_packed()),
                    "after {touched:?}: the preview holds no page packed"
                );
                let mut got: Vec<(&str, std::borrow::Cow<[u8]>)> = inc
                    .files
                    .iter()
                    .map(|f| (f.path.as_str(), f.contents()))
                    .chain(index.iter().map(|f| (f.path.as_str(), f.contents())))
                    .collect();
                got.sort();
                assert!(
                    index
                        .iter()
                        .any(|f| f.path.ends_with("search-index/en/meta.json")),
                    "after {touched:?}: no search index"
                );
                let want: Vec<(&str, &[u8])> = full
                    .files
                    .iter()
                    .map(|f| (f.path.as_str(), f.bytes.as_slice()))
                    .collect();
                assert_eq!(got.len(), want.len(), "after {touched:?}: file count");
                for (g, w) in got.iter().zip(&want) {
                    assert_eq!(g.0, w.0, "after {touched:?}: file set");
                    assert!(*g.1 == *w.1, "after {touched:?}: {} differs", g.0);
                }
                assert_eq!(
                    inc.rendered.warnings, full.rendered.warnings,
                    "after {touched:?}"
                );
                Some(inc.rendered.units_rendered)
            }
            (Err(a), Err(b)) => {
                assert_eq!(
                    a.diagnostics(),
                    b.diagnostics(),
                    "after {touched:?}: both fail, alike"
                );
                None
            }
            (a, b) => panic!(
                "after {touched:?}: incremental {} but fresh {}",
                if a.is_ok() { "built" } else { "failed" },
                if b.is_ok() { "built" } else { "failed" }
            ),
        }
    }
}

const ALPHA: &str = "content/reports/alpha";
const BETA: &str = "content/reports/beta";

fn copy_report(site: &TestSite, from: &str, to: &str) {
    for e in walkdir::WalkDir::new(site.root().join(from)) {
        let e = e.unwrap();
        let rel = e.path().strip_prefix(site.root().join(from)).unwrap();
        let dest = site.root().join(to).join(rel);
        if e.file_type().is_dir() {
            std::fs::create_dir_all(&dest).unwrap();
        } else {
            std::fs::copy(e.path(), &dest).unwrap();
        }
    }
    let manifest = site
        .read(&format!("{to}/report.yaml"))
        .replace("阿尔法报告", "贝塔报告")
        .replace("Alpha report", "Beta report");
    site.write(&format!("{to}/report.yaml"), &manifest);
}

#[test]
fn every_kind_of_edit_rebuilds_to_what_a_fresh_build_gives() {
    let site = TestSite::mini();
    copy_report(&site, ALPHA, BETA);
    // Beta links into alpha's second chapter, so alpha's headings matter to beta.
    site.edit(
        &format!("{BETA}/chapters/two.en.md"),
        "Body, back",
        "See [alpha's chapter](/alpha/two/). Body, back",
    );
    let mut p = Preview {
        site,
        cache: UnitCache::default(),
    };
    assert!(p.rebuild(&["content/site.yaml"]), "the first build");

    let one = format!("{ALPHA}/chapters/one.en.md");
    p.site.edit(&one, "Text with", "Edited text with");
    assert_eq!(
        p.rebuild_counting(&[&one]),
        Some(1),
        "only alpha, in English"
    );

    // A chapter's title and text in one language: the other language's pages are kept.
    let one_zh = format!("{ALPHA}/chapters/one.zh.md");
    p.site
        .edit(&one_zh, "title: 第一章", "title: 第一章（修订）");
    assert_eq!(
        p.rebuild_counting(&[&one_zh]),
        Some(1),
        "only alpha, in Chinese"
    );
    // Translations must agree on the order: both builds fail alike, and both recover.
    p.site.edit(&one_zh, "order: 1", "order: 0");
    assert!(!p.rebuild(&[&one_zh]), "the orders disagree");
    p.site.edit(&one_zh, "order: 0", "order: 1");
    assert!(p.rebuild(&[&one_zh]));
    // A chapter in one language only fails alike, and its removal recovers.
    let solo = format!("{ALPHA}/chapters/solo.zh.md");
    p.site.write(
        &solo,
        "---\ntitle: 独章\norder: 9\n---\n\n## 独\n\n仅中文。\n",
    );
    assert!(!p.rebuild(&[&solo]), "a missing translation");
    std::fs::remove_file(p.site.root().join(&solo)).unwrap();
    assert!(p.rebuild(&[&solo]));
    // The report's date: its pages and the sitemap's lastmod change.
    let manifest = format!("{ALPHA}/report.yaml");
    p.site
        .edit(&manifest, "date: 2024-04-22", "date: 2024-05-01");
    assert_eq!(p.rebuild_counting(&[&manifest]), Some(2));
    // Both languages' files in one burst.
    let one_both = [one.clone(), one_zh.clone()];
    p.site
        .edit(&one_zh, "的落地取决于场景", "的落地首先取决于场景");
    p.site.edit(&one, "and a < sign", "and one < sign");
    assert_eq!(p.rebuild_counting(&[&one_both[0], &one_both[1]]), Some(2));

    // Only the edited report's pages are checked again; a problem in them must still be found.
    p.site.edit(
        &one,
        "Edited text with",
        "Edited <a href=\"#nowhere\">text</a> with",
    );
    assert!(!p.rebuild(&[&one]), "a broken anchor in the edited chapter");
    p.site.edit(
        &one,
        "Edited <a href=\"#nowhere\">text</a> with",
        "Edited text with",
    );
    assert!(p.rebuild(&[&one]));

    for lang in ["zh", "en"] {
        p.site.write(
            &format!("{ALPHA}/chapters/three.{lang}.md"),
            &format!("---\ntitle: Three {lang}\norder: 3\n---\n\n## Added\n\nNew.\n"),
        );
    }
    assert_eq!(
        p.rebuild_counting(&[&format!("{ALPHA}/chapters/three.en.md")]),
        Some(4),
        "a new page: beta is rendered again too"
    );

    for lang in ["zh", "en"] {
        let from = p
            .site
            .root()
            .join(format!("{ALPHA}/chapters/three.{lang}.md"));
        let to = p
            .site
            .root()
            .join(format!("{ALPHA}/chapters/drei.{lang}.md"));
        std::fs::rename(from, to).unwrap();
    }
    assert!(p.rebuild(&[&format!("{ALPHA}/chapters/drei.zh.md")]));

    for lang in ["zh", "en"] {
        std::fs::remove_file(
            p.site
                .root()
                .join(format!("{ALPHA}/chapters/drei.{lang}.md")),
        )
        .unwrap();
    }
    assert!(p.rebuild(&[&format!("{ALPHA}/chapters")]));

    // A chapter that does not load, then loads again: the reload after a failed load must not
    // take over a site that no longer matches the files.
    let broken = p.site.read(&one);
    p.site.write(
        &one,
        &broken.replacen("---\n", "---\ntitle: [unclosed\n", 1),
    );
    assert!(!p.rebuild(&[&one]), "the front matter is broken");
    let beta_one = format!("{BETA}/chapters/one.en.md");
    p.site.edit(&beta_one, "Text with", "Beta text with");
    assert!(
        !p.rebuild(&[&beta_one]),
        "still broken, another report edited"
    );
    p.site.write(&one, &broken);
    assert!(p.rebuild(&[&one]), "fixed");

    let chart = format!("{ALPHA}/charts/sizes.yaml");
    p.site.edit(&chart, "value: 200", "value: 210");
    assert!(p.rebuild(&[&chart]));

    // Alpha's chapter two goes away: beta's link into it breaks, in both builds alike.
    let two: Vec<String> = ["zh", "en"]
        .iter()
        .map(|l| format!("{ALPHA}/chapters/two.{l}.md"))
        .collect();
    let saved: Vec<String> = two.iter().map(|f| p.site.read(f)).collect();
    for f in &two {
        std::fs::remove_file(p.site.root().join(f)).unwrap();
    }
    for lang in ["zh", "en"] {
        let f = format!("{ALPHA}/chapters/one.{lang}.md");
        let text = p.site.read(&f);
        let cut = text.find("[chapter two]").or_else(|| text.find("[第二章]"));
        if let Some(cut) = cut {
            let end = text[cut..].find(')').unwrap() + cut + 1;
            p.site
                .write(&f, &format!("{}{}", &text[..cut], &text[end..]));
        }
    }
    assert!(!p.rebuild(&[&two[0], &two[1]]), "beta's link is broken");
    for (f, text) in two.iter().zip(&saved) {
        p.site.write(f, text);
    }
    assert!(p.rebuild(&[&two[0]]), "and healed");

    p.site
        .edit("templates/chapter.html", "<h1", "<h1 data-edited=\"1\"");
    assert_eq!(p.rebuild_counting(&["templates/chapter.html"]), Some(4));

    p.site
        .edit("content/site.yaml", "Test Research", "Tested Research");
    assert!(p.rebuild(&["content/site.yaml"]));

    copy_report(&p.site, ALPHA, "content/reports/gamma");
    let gamma = p
        .site
        .read("content/reports/gamma/report.yaml")
        .replace("贝塔", "伽马")
        .replace("Beta", "Gamma");
    p.site.write("content/reports/gamma/report.yaml", &gamma);
    assert!(p.rebuild(&["content/reports/gamma/report.yaml"]));

    std::fs::remove_dir_all(p.site.root().join(BETA)).unwrap();
    assert!(p.rebuild(&[BETA]));
}

#[test]
fn edits_of_files_beside_the_chapters_rebuild_to_what_a_fresh_build_gives() {
    let mut p = Preview {
        site: TestSite::fixture("bundles"),
        cache: UnitCache::default(),
    };
    assert!(p.rebuild(&["content/site.yaml"]), "the first build");
    let dir = format!("{ALPHA}/chapters");
    let fig = format!("{dir}/fig-1.png");
    let map = p.site.root().join(format!("{dir}/img/map 2.png"));
    // Another image in place of the figure: new bytes and a new size in both languages.
    std::fs::copy(&map, p.site.root().join(&fig)).unwrap();
    assert_eq!(p.rebuild_counting(&[&fig]), Some(2), "only alpha");
    let added = format!("{dir}/notes.txt");
    p.site.write(&added, "notes");
    assert!(p.rebuild(&[&added]), "a new file");
    std::fs::remove_file(p.site.root().join(&fig)).unwrap();
    assert!(!p.rebuild(&[&fig]), "a shown image removed fails alike");
    std::fs::copy(&map, p.site.root().join(&fig)).unwrap();
    assert!(p.rebuild(&[&fig]), "and comes back");
}

#[test]
fn chapter_text_edits_that_reach_other_pages_rebuild_to_what_a_fresh_build_gives() {
    let mut p = Preview {
        site: TestSite::mini(),
        cache: UnitCache::default(),
    };
    assert!(p.rebuild(&["content/site.yaml"]), "the first build");
    let one = format!("{ALPHA}/chapters/one.en.md");
    let two = format!("{ALPHA}/chapters/two.en.md");
    // Each edit changes one chapter file; the pages it does not reach are kept from the cache.
    let edits: &[(&str, &str, &str, &str)] = &[
        ("the body", &two, "Body, back", "Body, then back"),
        ("a title", &two, "title: Chapter two", "title: Chapter 2"),
        (
            "a summary",
            &one,
            "Summary of chapter one",
            "Chapter one, summed up",
        ),
        (
            "a heading",
            &two,
            "## Multimodality\n",
            "## Multimodality\n\n## Extra\n",
        ),
        (
            "a link to another chapter's heading",
            &two,
            "Body, then back",
            "See [deployment](one.en.md#deployment). Body, then back",
        ),
        (
            "a broken reference: its figure moved out",
            &one,
            "{{ chart(id=\"sizes\") }}\n",
            "",
        ),
        (
            "a figure moved in",
            &two,
            "## Extra\n",
            "## Extra\n\n{{ chart(id=\"sizes\") }}\n",
        ),
        (
            "reading time",
            &two,
            "## Extra\n",
            &format!("## Extra\n\n{}\n", "word ".repeat(900)),
        ),
        ("a broken heading link", &two, "#deployment", "#nowhere"),
        ("healed", &two, "#nowhere", "#deployment"),
    ];
    for (what, file, from, to) in edits {
        p.site.edit(file, from, to);
        let built = p.rebuild_counting(&[file]);
        assert_eq!(built.is_some(), !what.starts_with("a broken"), "{what}");
        // A new heading id or figure id reaches the other language too (links may target it).
        if *what == "the body" {
            assert_eq!(built, Some(1), "{what}: only alpha, in English");
        }
    }
}

#[test]
fn a_kept_draft_is_not_taken_over_when_another_report_lost_the_chapter_it_links_to() {
    let site = TestSite::mini();
    copy_report(&site, ALPHA, BETA);
    let mut p = Preview {
        site,
        cache: UnitCache::default(),
    };
    assert!(p.rebuild(&["content/site.yaml"]), "the first build");
    let three: Vec<String> = ["zh", "en"]
        .iter()
        .map(|l| format!("{BETA}/chapters/three.{l}.md"))
        .collect();
    for (f, l) in three.iter().zip(["zh", "en"]) {
        p.site.write(
            f,
            &format!("---\ntitle: Three {l}\norder: 3\n---\n\n## Added\n\nNew.\n"),
        );
    }
    assert!(p.rebuild(&[&three[0], &three[1]]), "beta gains a chapter");
    let one = format!("{ALPHA}/chapters/one.en.md");
    p.site.edit(
        &one,
        "Text with",
        "See [beta's third](../../beta/chapters/three.en.md). Text with",
    );
    assert_eq!(p.rebuild_counting(&[&one]), Some(1), "alpha links to it");
    // In one burst: beta loses the chapter, and another chapter of alpha changes. Alpha's first
    // chapter is as it was, but its link no longer resolves: its kept draft must not stand.
    for f in &three {
        std::fs::remove_file(p.site.root().join(f)).unwrap();
    }
    let two = format!("{ALPHA}/chapters/two.en.md");
    p.site.edit(&two, "Body, back", "Body, then back");
    assert!(
        !p.rebuild(&[&three[0], &three[1], &two]),
        "alpha's link is broken"
    );
}
