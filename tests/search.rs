//! The search index as the browser reads it: which pages it holds, at which URLs, with which
//! report title, and that it is the same however many threads built it.

mod common;

use common::search_index::Index;
use common::{tree, TestSite};
use std::collections::BTreeMap;
use std::path::Path;
use std::process::Command;

/// Every page in the index under `out`, both languages: URL → its report title.
fn indexed(out: &Path) -> BTreeMap<String, Option<String>> {
    let mut pages = BTreeMap::new();
    for lang in ["zh", "en"] {
        for page in Index::read(out, lang).pages {
            let report = page["report"].as_str().map(str::to_string);
            pages.insert(page["url"].as_str().unwrap().to_string(), report);
        }
    }
    assert!(!pages.is_empty(), "no pages indexed under {out:?}");
    pages
}

/// The index's files under `out`.
fn index_files(out: &Path) -> Vec<(String, Vec<u8>)> {
    tree(out)
        .into_iter()
        .filter(|(p, _)| p.starts_with("search-index/"))
        .collect()
}

#[test]
fn results_link_pages_under_the_base_path_with_their_report_title() {
    let site = TestSite::mini();
    site.edit(
        "content/reports/alpha/report.yaml",
        "en: Alpha report}",
        "en: 'Alpha \"<report>\" & co'}",
    );
    site.build_ok(&["--base-url", "https://example.org/research/"]);
    let pages = indexed(&site.root().join("public"));
    // Landing, three report pages and two chapters per language; not the home copies of the
    // landing page, the search pages, the one-page views or 404.html.
    assert_eq!(pages.len(), 12, "{pages:?}");
    for (url, report) in &pages {
        let rel = url.strip_prefix("/research/").expect(url);
        assert!(
            rel.starts_with("alpha/") || rel.starts_with("en/alpha/"),
            "{url}"
        );
        assert!(
            !rel.ends_with("/all/"),
            "{url}: the one-page view is left out"
        );
        assert!(
            site.root()
                .join("public")
                .join(rel)
                .join("index.html")
                .is_file(),
            "{url} is not a page of the site"
        );
        let want = if rel.starts_with("en/") {
            "Alpha \"<report>\" & co"
        } else {
            "阿尔法报告"
        };
        assert_eq!(report.as_deref(), Some(want), "{url}");
    }
    let html = site.out("en/alpha/one/index.html");
    assert!(
        html.contains(
            "<meta name=\"yanbao:report\" \
             content=\"Alpha &quot;&lt;report&gt;&quot; &amp; co\">"
        ),
        "the report title is escaped in the page"
    );
    for page in ["404.html", "en/search/index.html"] {
        assert!(
            !site.out(page).contains("yanbao:report"),
            "{page} is in no report"
        );
    }
}

#[test]
fn search_off_puts_no_search_metadata_in_pages() {
    let site = TestSite::mini();
    site.edit(
        "content/site.yaml",
        "publisher:",
        "search: false\npublisher:",
    );
    site.build_ok(&[]);
    let html = site.out("alpha/one/index.html");
    assert!(!html.contains("yanbao:report"), "{html}");
    assert!(!site.root().join("public/search-index").exists());
}

#[test]
fn the_index_does_not_depend_on_the_number_of_threads() {
    let site = TestSite::fixture("library");
    let build = |threads: &str| {
        let out = site.root().join(format!("out-{threads}"));
        let status = Command::new(env!("CARGO_BIN_EXE_yanbao"))
            .env("RAYON_NUM_THREADS", threads)
            .args(["build", "--root"])
            .arg(site.root())
            .arg("--output")
            .arg(&out)
            .status()
            .unwrap();
        assert!(status.success());
        (index_files(&out), indexed(&out))
    };
    let (one, pages) = build("1");
    assert!(pages.len() > 20, "{pages:?}");
    for threads in ["2", "4"] {
        let (other, _) = build(threads);
        assert_eq!(one.len(), other.len(), "{threads} threads: file count");
        for (a, b) in one.iter().zip(&other) {
            assert!(a == b, "{threads} threads: {} differs", a.0);
        }
    }
}

#[test]
fn a_build_indexes_from_disk_what_the_preview_indexes_from_memory() {
    let site = TestSite::mini();
    site.build_ok(&["--base-url", "https://example.org/research/"]);
    let opts = yanbao::BuildOptions {
        root: site.root().to_path_buf(),
        base_url: Some("https://example.org/research/".into()),
        live_reload: false,
    };
    let memory: Vec<(String, Vec<u8>)> = yanbao::build_in_memory(&opts)
        .unwrap()
        .files
        .into_iter()
        .filter(|f| f.path.starts_with("search-index/"))
        .map(|f| (f.path, f.bytes))
        .collect();
    let disk = index_files(&site.root().join("public"));
    assert!(disk.len() > 5);
    assert_eq!(disk.len(), memory.len());
    for (d, m) in disk.iter().zip(&memory) {
        assert!(d == m, "{} differs", d.0);
    }
    // The preview holds the index without its page files and makes each when asked.
    let mut cache = yanbao::render::UnitCache::default();
    let changed = yanbao::render::Changed::Everything;
    let built = yanbao::build_incremental(&opts, &mut cache, &changed).unwrap();
    let held = built.search.run(&|| false).unwrap().unwrap();
    assert_eq!(held.len(), disk.len());
    for (path, bytes) in &disk {
        let file = held
            .get(path)
            .unwrap_or_else(|| panic!("the preview lacks {path}"));
        assert!(*file.contents() == **bytes, "{path} differs in the preview");
    }
    let pages = disk.iter().filter(|(p, _)| p.contains("/p/")).count();
    assert!(pages > 3, "{pages} page files");
    for absent in [
        "search-index/en/p/01.json",
        "search-index/en/p/999.json",
        "search-index/en/p/x.json",
        "search-index/de/p/0.json",
    ] {
        assert!(held.get(absent).is_none(), "{absent}");
    }
}

#[test]
fn a_build_leaves_no_indexing_folder_behind_and_clears_a_killed_builds() {
    let site = TestSite::mini();
    // Where a build of an earlier version, killed while Pagefind indexed into public/, left its
    // trees of links.
    let left = site
        .root()
        .join(".public.yanbao-tmp.search/.yanbao-search-x/a");
    std::fs::create_dir_all(&left).unwrap();
    std::fs::write(left.join("index.html"), "<html></html>").unwrap();
    site.build_ok(&[]);
    let extra: Vec<String> = std::fs::read_dir(site.root())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.starts_with('.'))
        .collect();
    assert!(extra.is_empty(), "{extra:?}");
    assert_eq!(indexed(&site.root().join("public")).len(), 12);
}

#[test]
fn pages_are_numbered_in_path_order_whatever_the_file_system_lists_first() {
    // Page numbers are in the index's bytes: read in the order a folder lists its files (a
    // hash of the name on ext4), the index would differ from one file system to another.
    let site = TestSite::fixture("library");
    site.build_ok(&[]);
    let out = site.root().join("public");
    for lang in ["zh", "en"] {
        let urls = Index::read(&out, lang).urls();
        assert!(urls.len() > 10, "{lang}: {urls:?}");
        // Path order is the order of the files' site paths (`about/index.html` < `index.html`).
        let mut sorted = urls.clone();
        sorted.sort_by_key(|u| format!("{}index.html", u.trim_start_matches('/')));
        assert_eq!(urls, sorted, "{lang}: pages numbered out of path order");
    }
}

/// The queries the browser suite asks of the default report, answered by the index's own rules:
/// the chapter that discusses a subject ranks first, in the page's language.
#[test]
fn the_default_report_answers_as_a_reader_expects() {
    let site = TestSite::default_site();
    site.build_ok(&[]);
    let out = site.root().join("public");
    let zh = Index::read(&out, "zh");
    let en = Index::read(&out, "en");
    let first = |index: &Index, q: &str| index.search(q).first().cloned().unwrap_or_default();
    assert!(
        first(&zh, "多模态").ends_with("/multimodal/"),
        "{:?}",
        zh.search("多模态")
    );
    assert!(
        first(&en, "open source").ends_with("/open-source/"),
        "{:?}",
        en.search("open source")
    );
    assert!(
        zh.search("千亿").iter().any(|u| u.ends_with("/outlook/")),
        "{:?}",
        zh.search("千亿")
    );
    // Words of a chart's title and of its data table are found; the English index holds no
    // Chinese page and the other way round.
    assert!(en
        .search("thresholds")
        .iter()
        .any(|u| u.ends_with("/business-models/")));
    assert!(
        en.urls().iter().all(|u| u.starts_with("/en/")),
        "{:?}",
        en.urls()
    );
    assert!(
        zh.urls().iter().all(|u| !u.starts_with("/en/")),
        "{:?}",
        zh.urls()
    );
    // A single character finds the pages holding it, wherever it stands in a phrase.
    assert!(!zh.search("态").is_empty());
    assert!(zh.search("zqxjvwk").is_empty() && zh.search("，。").is_empty());
    // The chrome every page repeats is not indexed: the site's footer (the publisher's
    // address, on every page) and the navigation would otherwise make every page a result.
    let pages = en.pages.len();
    assert!(pages > 5);
    assert!(
        en.search("hennessy").is_empty(),
        "{:?}",
        en.search("hennessy")
    );
    let hits = en.search("related research").len();
    assert!(hits < pages / 2, "{hits} of {pages} pages");
    // Each section of a page is there with its heading's id, so a result can land on it.
    let page = zh
        .pages
        .iter()
        .find(|p| p["url"].as_str().unwrap().ends_with("/multimodal/"))
        .unwrap();
    let sections = page["sections"].as_array().unwrap();
    assert!(sections.len() > 2, "{sections:?}");
    assert!(sections[0]["id"].is_null());
    let html = site.out("aigc-2024/multimodal/index.html");
    for s in &sections[1..] {
        let id = s["id"].as_str().unwrap();
        assert!(html.contains(&format!("id=\"{id}\"")), "{id}");
    }
    // A landing page's text is its subtitle and summary, without its date, sector, analysts
    // and buttons, which would fill its excerpt in every result; the analysts' page still
    // names them.
    let landing = en
        .pages
        .iter()
        .find(|p| p["url"] == "/en/aigc-2024/")
        .unwrap();
    let text = landing["sections"][0]["text"].as_str().unwrap();
    let summary = site.out("en/aigc-2024/index.html");
    let summary = summary.split("<p class=\"summary\">").nth(1).unwrap();
    let first_words: String = summary.chars().take(30).collect();
    assert!(text.contains(&first_words), "{text}");
    for chrome in ["Published", "Dan Zhao", "Start reading", "min read"] {
        assert!(!text.contains(chrome), "{chrome} in {text}");
    }
    assert!(
        !en.search("dan zhao").is_empty(),
        "the analysts' page names them"
    );
}

/// A build has the search index read the links and ids of the pages it indexes (one pass of the
/// tokenizer for both): a broken link or anchor in such a page is still found, located and
/// fatal, as it is with search off, where the render reads them.
#[test]
fn a_build_checks_the_links_of_the_pages_the_index_reads() {
    for search in [true, false] {
        let site = TestSite::mini();
        if !search {
            let config = site.read("content/site.yaml");
            site.write("content/site.yaml", &format!("{config}\nsearch: false\n"));
        }
        site.build_ok(&[]);
        let before = tree(&site.root().join("public"));
        site.edit(
            "templates/chapter.html",
            "<h1>",
            "<a href=\"/alpha/gone/\">y</a><h1>",
        );
        site.edit(
            "content/reports/alpha/chapters/one.en.md",
            "## Deployment",
            "## Deployment\n\nSee [there](#no-such-heading).",
        );
        let err = site.build_err(&[]);
        assert!(
            err.contains("/alpha/gone/") && err.contains("leads nowhere"),
            "search {search}: {err}"
        );
        assert!(
            err.contains("one.en.md:9") && err.contains("`#no-such-heading`"),
            "search {search}: the anchor at its Markdown line: {err}"
        );
        assert_eq!(
            tree(&site.root().join("public")),
            before,
            "search {search}: the previous output stays"
        );
    }
}
