//! The search index as the browser reads it: which pages it holds, at which URLs, with which
//! report title, and that it is the same however many threads built it.

mod common;

use common::{tree, TestSite};
use serde_json::Value;
use std::collections::BTreeMap;
use std::io::Read;
use std::path::Path;
use std::process::Command;

/// Every page in the index under `out`: URL → its `report` metadata, read from Pagefind's
/// fragment files (gzip of `pagefind_dcd` followed by the page's JSON).
fn indexed(out: &Path) -> BTreeMap<String, Option<String>> {
    let fragments: Vec<(String, Vec<u8>)> = tree(out)
        .into_iter()
        .filter(|(p, _)| p.starts_with("pagefind/fragment/"))
        .collect();
    assert!(!fragments.is_empty(), "no fragments under {out:?}");
    fragments
        .iter()
        .map(|(path, gz)| {
            let mut text = String::new();
            flate2::read::GzDecoder::new(gz.as_slice())
                .read_to_string(&mut text)
                .unwrap();
            let json = text.strip_prefix("pagefind_dcd").expect(path);
            let page: Value = serde_json::from_str(json).unwrap();
            let report = page["meta"]["report"].as_str().map(str::to_string);
            (page["url"].as_str().unwrap().to_string(), report)
        })
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
             content=\"Alpha &quot;&lt;report&gt;&quot; &amp; co\" \
             data-pagefind-meta=\"report[content]\">"
        ),
        "the report title is escaped in the page"
    );
    for page in ["404.html", "en/search/index.html"] {
        assert!(
            !site.out(page).contains("data-pagefind-meta"),
            "{page} is in no report"
        );
    }
}

#[test]
fn search_off_puts_no_pagefind_metadata_in_pages() {
    let site = TestSite::mini();
    site.edit(
        "content/site.yaml",
        "publisher:",
        "search: false\npublisher:",
    );
    site.build_ok(&[]);
    let html = site.out("alpha/one/index.html");
    assert!(!html.contains("data-pagefind"), "{html}");
    assert!(!site.root().join("public/pagefind").exists());
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
        let index: Vec<(String, Vec<u8>)> = tree(&out)
            .into_iter()
            .filter(|(p, _)| p.starts_with("pagefind/"))
            .collect();
        (index, indexed(&out))
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
        .filter(|f| f.path.starts_with("pagefind/"))
        .map(|f| (f.path, f.bytes))
        .collect();
    let disk: Vec<(String, Vec<u8>)> = site
        .snapshot()
        .into_iter()
        .filter(|(p, _)| p.starts_with("pagefind/"))
        .collect();
    assert!(disk.len() > 5);
    assert_eq!(disk.len(), memory.len());
    for (d, m) in disk.iter().zip(&memory) {
        assert!(d == m, "{} differs", d.0);
    }
}

#[test]
fn a_build_leaves_no_indexing_folder_behind_and_clears_a_killed_builds() {
    let site = TestSite::mini();
    // Where a build killed while indexing into public/ leaves its trees of links.
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

/// The fragment hashes in `pf_meta` (gzipped CBOR, pages in the order Pagefind numbered them),
/// each as the URL of its fragment, in that order.
fn numbered(out: &Path, lang_prefix: &str) -> Vec<String> {
    let files = tree(out);
    let meta = files
        .iter()
        .find(|(p, _)| {
            p.starts_with(&format!("pagefind/pagefind.{lang_prefix}")) && p.ends_with(".pf_meta")
        })
        .unwrap_or_else(|| panic!("no pf_meta for {lang_prefix}"));
    let mut bytes = Vec::new();
    flate2::read::GzDecoder::new(meta.1.as_slice())
        .read_to_end(&mut bytes)
        .unwrap();
    let urls: BTreeMap<String, String> = files
        .iter()
        .filter_map(|(p, gz)| {
            let hash = p
                .strip_prefix("pagefind/fragment/")?
                .strip_suffix(".pf_fragment")?;
            let mut text = String::new();
            flate2::read::GzDecoder::new(gz.as_slice())
                .read_to_string(&mut text)
                .unwrap();
            let page: Value = serde_json::from_str(text.strip_prefix("pagefind_dcd")?).unwrap();
            Some((hash.to_string(), page["url"].as_str()?.to_string()))
        })
        .collect();
    // Each hash is a CBOR text string in the meta file; where it first appears is its place.
    let mut placed: Vec<(usize, &String)> = urls
        .iter()
        .filter_map(|(hash, url)| {
            let at = bytes
                .windows(hash.len())
                .position(|w| w == hash.as_bytes())?;
            Some((at, url))
        })
        .collect();
    placed.sort();
    placed.into_iter().map(|(_, url)| url.clone()).collect()
}

#[test]
fn pages_are_numbered_in_path_order_whatever_the_file_system_lists_first() {
    // Pagefind numbers pages in the order it reads them, and that numbering is in the index's
    // bytes: read in the order a folder lists its files (a hash of the name on ext4), the
    // index would differ from one file system to another.
    let site = TestSite::fixture("library");
    site.build_ok(&[]);
    let out = site.root().join("public");
    for lang in ["zh", "en"] {
        let urls = numbered(&out, lang);
        assert!(urls.len() > 10, "{lang}: {urls:?}");
        // Path order is the order of the files' site paths (`about/index.html` < `index.html`).
        let mut sorted = urls.clone();
        sorted.sort_by_key(|u| format!("{}index.html", u.trim_start_matches('/')));
        assert_eq!(urls, sorted, "{lang}: pages numbered out of path order");
    }
}
