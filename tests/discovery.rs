//! The discovery layer: social cards, JSON-LD, Scholar tags, titles, feeds, robots, sitemap,
//! citations and the search index, read back with real parsers (html5gum, serde_json, roxmltree).

mod common;

use common::TestSite;
use html5gum::{Token, Tokenizer};
use serde_json::Value;
use std::collections::BTreeMap;

/// What a page's markup says about it, read with an HTML tokenizer as a browser reads it.
#[derive(Debug, Default)]
struct Head {
    title: String,
    /// `<meta property|name content>`, in order.
    metas: Vec<(String, String)>,
    /// Attributes of every `<link>`.
    links: Vec<BTreeMap<String, String>>,
    /// Text of every `<script type="application/ld+json">`.
    json_ld: Vec<String>,
    /// Number of `<script>` elements of any type.
    scripts: usize,
    /// `datetime` of every `<time>`.
    times: Vec<String>,
}

impl Head {
    fn of(html: &str) -> Head {
        let mut head = Head::default();
        let mut capture: Option<&str> = None;
        let mut text = String::new();
        let mut emitter = html5gum::emitters::default::DefaultEmitter::default();
        emitter.naively_switch_states(true);
        for token in Tokenizer::new_with_emitter(html, emitter).flatten() {
            match token {
                Token::StartTag(tag) => {
                    let attrs: BTreeMap<String, String> = tag
                        .attributes
                        .iter()
                        .map(|(k, v)| {
                            (
                                String::from_utf8_lossy(k).into_owned(),
                                String::from_utf8_lossy(v).into_owned(),
                            )
                        })
                        .collect();
                    match tag.name.as_slice() {
                        b"meta" => {
                            if let Some(key) = attrs.get("property").or(attrs.get("name")) {
                                let content = attrs.get("content").cloned().unwrap_or_default();
                                head.metas.push((key.clone(), content));
                            }
                        }
                        b"link" => head.links.push(attrs),
                        b"time" => head.times.extend(attrs.get("datetime").cloned()),
                        b"title" => capture = Some("title"),
                        b"script" => {
                            head.scripts += 1;
                            if attrs.get("type").map(String::as_str) == Some("application/ld+json")
                            {
                                capture = Some("ld");
                            }
                        }
                        _ => {}
                    }
                }
                Token::String(s) if capture.is_some() => {
                    text.push_str(&String::from_utf8_lossy(&s))
                }
                Token::EndTag(_) => {
                    match capture.take() {
                        Some("title") if head.title.is_empty() => {
                            head.title = std::mem::take(&mut text)
                        }
                        Some("title") => {}
                        Some(_) => head.json_ld.push(std::mem::take(&mut text)),
                        None => {}
                    }
                    text.clear();
                }
                _ => {}
            }
        }
        head
    }

    fn meta(&self, key: &str) -> Option<&str> {
        self.metas
            .iter()
            .find(|(k, _)| k == key)
            .map(|(_, v)| v.as_str())
    }

    fn metas(&self, key: &str) -> Vec<&str> {
        self.metas
            .iter()
            .filter(|(k, _)| k == key)
            .map(|(_, v)| v.as_str())
            .collect()
    }

    fn link(&self, rel: &str) -> Vec<&BTreeMap<String, String>> {
        self.links
            .iter()
            .filter(|l| l.get("rel").map(String::as_str) == Some(rel))
            .collect()
    }

    fn canonical(&self) -> Option<&str> {
        self.link("canonical")
            .first()
            .and_then(|l| l.get("href"))
            .map(String::as_str)
    }
}

fn built_mini() -> TestSite {
    let site = TestSite::mini();
    site.build_ok(&[]);
    site
}

fn is_chapter(page: &str) -> bool {
    ["alpha/one/", "alpha/two/"]
        .iter()
        .any(|c| page.ends_with(&format!("{c}index.html")))
}

#[test]
fn every_page_has_a_social_card_and_the_card_is_a_png_of_its_size() {
    let site = built_mini();
    let pages = site.pages();
    assert!(pages.len() > 10, "{pages:?}");
    for page in &pages {
        let h = Head::of(&site.out(page));
        for key in [
            "og:title",
            "og:description",
            "og:type",
            "og:locale",
            "og:locale:alternate",
            "og:image",
            "og:image:width",
            "og:image:height",
            "og:image:alt",
            "twitter:card",
            "twitter:image",
        ] {
            assert!(
                h.meta(key).is_some_and(|v| !v.is_empty()),
                "{page}: no {key}"
            );
        }
        let kind = if is_chapter(page) {
            "article"
        } else {
            "website"
        };
        assert_eq!(h.meta("og:type"), Some(kind), "{page}");
        assert_eq!(h.meta("twitter:card"), Some("summary_large_image"));
        let (locale, other) = if page.starts_with("en/") {
            ("en", "zh_CN")
        } else {
            ("zh_CN", "en")
        };
        if page != "404.html" {
            assert_eq!(h.meta("og:locale"), Some(locale), "{page}");
            assert_eq!(h.metas("og:locale:alternate"), vec![other], "{page}");
            assert_eq!(h.meta("og:url"), h.canonical(), "{page}");
        }
        let image = h.meta("og:image").unwrap();
        let rel = image.strip_prefix("https://example.org/").expect(image);
        assert!(rel.ends_with(".png"), "{image}");
        let png = std::fs::read(site.root().join("public").join(rel)).unwrap();
        assert!(png.starts_with(b"\x89PNG\r\n\x1a\n"));
        let dim = |at: usize| u32::from_be_bytes(png[at..at + 4].try_into().unwrap()).to_string();
        assert_eq!(h.meta("og:image:width"), Some(dim(16).as_str()));
        assert_eq!(h.meta("og:image:height"), Some(dim(20).as_str()));
    }
}

#[test]
fn a_static_social_card_replaces_the_generated_one() {
    let site = TestSite::mini();
    let own = b"\x89PNG\r\n\x1a\nmine";
    std::fs::write(site.root().join("static/social-card.png"), own).unwrap();
    site.build_ok(&[]);
    let out = std::fs::read(site.root().join("public/social-card.png")).unwrap();
    assert_eq!(out, own);
}

/// The JSON-LD of `page`, parsed; asserts there is exactly one block.
fn json_ld(site: &TestSite, page: &str) -> Value {
    let h = Head::of(&site.out(page));
    assert_eq!(h.json_ld.len(), 1, "{page}: {:?}", h.json_ld);
    serde_json::from_str(&h.json_ld[0]).unwrap_or_else(|e| panic!("{page}: {e}"))
}

#[test]
fn report_and_chapter_pages_carry_valid_json_ld() {
    let site = built_mini();
    let mut seen = 0;
    for page in site.pages() {
        // With one report, the home page is a copy of its landing page.
        let report_page = page.contains("alpha/")
            || page.ends_with("index.html") && !page.contains('/')
            || page == "en/index.html";
        let h = Head::of(&site.out(&page));
        if !report_page {
            assert!(h.json_ld.is_empty(), "{page}");
            continue;
        }
        seen += 1;
        let v = json_ld(&site, &page);
        let en = page.starts_with("en/");
        assert_eq!(v["@context"], "https://schema.org");
        assert_eq!(
            v["@type"],
            if is_chapter(&page) {
                "Article"
            } else {
                "Report"
            },
            "{page}"
        );
        assert_eq!(v["datePublished"], "2024-04-22");
        assert_eq!(v["inLanguage"], if en { "en" } else { "zh-CN" });
        let author = &v["author"][0];
        assert_eq!(author["@type"], "Person");
        assert_eq!(author["name"], if en { "Dan Zhao" } else { "赵丹" });
        assert_eq!(
            author["alternateName"][0],
            if en { "赵丹" } else { "Dan Zhao" }
        );
        let publisher = if en {
            "Test Securities"
        } else {
            "测试证券"
        };
        assert_eq!(author["affiliation"]["name"], publisher);
        assert_eq!(v["publisher"]["name"], publisher);
        assert_eq!(v["about"]["name"], if en { "Internet" } else { "互联网" });
        assert!(v["isPartOf"]["url"]
            .as_str()
            .unwrap()
            .starts_with("https://"));
        assert!(!v["headline"].as_str().unwrap().is_empty());
        if is_chapter(&page) {
            assert_eq!(v["isPartOf"]["@type"], "Report");
            assert_eq!(v["url"], h.canonical().unwrap());
        }
    }
    assert_eq!(
        seen,
        2 * 7,
        "home, landing, three report pages and two chapters per language"
    );
}

#[test]
fn yaml_text_cannot_close_the_json_ld_script() {
    let site = TestSite::mini();
    let evil = "</script><script>alert(1)</script><!-- & é";
    site.edit(
        "content/reports/alpha/report.yaml",
        "en: Alpha report",
        &format!("en: \"{evil}\""),
    );
    site.build_ok(&[]);
    let html = site.out("en/alpha/index.html");
    let h = Head::of(&html);
    assert_eq!(h.scripts, 1, "only the JSON-LD script element may exist");
    let v = json_ld(&site, "en/alpha/index.html");
    assert_eq!(v["headline"], evil);
    assert_eq!(v["description"], "Summary with <script>alert(1)</script>");
}

#[test]
fn the_report_page_has_google_scholar_tags_and_chapters_do_not() {
    let site = built_mini();
    let h = Head::of(&site.out("en/alpha/index.html"));
    assert_eq!(h.meta("citation_title"), Some("Alpha report"));
    assert_eq!(h.metas("citation_author"), vec!["Dan Zhao"]);
    assert_eq!(h.meta("citation_publication_date"), Some("2024/04/22"));
    assert_eq!(h.meta("citation_publisher"), Some("Test Securities"));
    assert_eq!(
        h.meta("citation_technical_report_institution"),
        Some("Test Securities")
    );
    assert_eq!(h.meta("citation_language"), Some("en"));
    let zh = Head::of(&site.out("alpha/index.html"));
    assert_eq!(zh.metas("citation_author"), vec!["赵丹"]);
    let chapter = Head::of(&site.out("en/alpha/one/index.html"));
    assert_eq!(chapter.meta("citation_title"), None);
}

#[test]
fn titles_carry_the_site_name_by_a_configurable_pattern() {
    let site = built_mini();
    let title = |p: &str| Head::of(&site.out(p)).title;
    assert_eq!(
        title("en/alpha/one/index.html"),
        "Chapter one — Alpha report — Test Research"
    );
    assert_eq!(title("en/alpha/index.html"), "Alpha report — Test Research");
    site.edit(
        "content/i18n/en.yaml",
        "page_title: \"{page} — {site}\"",
        "page_title: \"{site}: {page}\"",
    );
    site.build_ok(&[]);
    assert_eq!(
        title("en/alpha/one/index.html"),
        "Test Research: Chapter one — Alpha report"
    );
}
