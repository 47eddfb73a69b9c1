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
    /// Number of `<script>` elements without `src`.
    inline_scripts: usize,
    /// `datetime` of every `<time>`.
    times: Vec<String>,
    /// Attributes of every `<form>`.
    forms: Vec<BTreeMap<String, String>>,
    /// `src` of every `<script>` that has one.
    script_srcs: Vec<String>,
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
                        b"form" => head.forms.push(attrs),
                        b"time" => head.times.extend(attrs.get("datetime").cloned()),
                        b"title" => capture = Some("title"),
                        b"script" => {
                            head.inline_scripts += usize::from(!attrs.contains_key("src"));
                            head.script_srcs.extend(attrs.get("src").cloned());
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
        2 * 8,
        "home, landing, three report pages, two chapters and the one-page view per language"
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
    assert_eq!(
        h.inline_scripts, 1,
        "only the JSON-LD script element may exist"
    );
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

/// The absolute URL a page file is served at on the mini site.
fn url_of(page: &str) -> String {
    format!(
        "https://example.org/{}",
        page.strip_suffix("index.html").unwrap_or(page)
    )
}

const ATOM: &str = "http://www.w3.org/2005/Atom";

fn child<'a>(node: roxmltree::Node<'a, 'a>, name: &str) -> Option<roxmltree::Node<'a, 'a>> {
    node.children().find(|c| c.has_tag_name((ATOM, name)))
}

fn is_rfc3339(s: &str) -> bool {
    let b = s.as_bytes();
    s.len() == 20
        && b[4] == b'-'
        && b[7] == b'-'
        && b[10] == b'T'
        && b[13] == b':'
        && b[16] == b':'
        && b[19] == b'Z'
}

#[test]
fn each_language_has_an_atom_feed_of_its_reports_linked_from_every_page() {
    let site = built_mini();
    for (prefix, title, author) in [
        ("", "阿尔法报告", "赵丹"),
        ("en/", "Alpha report", "Dan Zhao"),
    ] {
        let xml = site.out(&format!("{prefix}feed.xml"));
        let doc = roxmltree::Document::parse(&xml).unwrap();
        let feed = doc.root_element();
        assert!(feed.has_tag_name((ATOM, "feed")));
        // The Atom rules the W3C validator applies: id, title, updated; authors on the feed or
        // on every entry; a self link; RFC 3339 dates.
        for name in ["id", "title", "updated", "author"] {
            assert!(child(feed, name).is_some(), "{prefix}feed.xml: no {name}");
        }
        assert!(is_rfc3339(child(feed, "updated").unwrap().text().unwrap()));
        let self_link = feed
            .children()
            .find(|c| c.has_tag_name((ATOM, "link")) && c.attribute("rel") == Some("self"))
            .unwrap();
        assert_eq!(
            self_link.attribute("href"),
            Some(format!("https://example.org/{prefix}feed.xml").as_str())
        );
        let entries: Vec<_> = feed
            .children()
            .filter(|c| c.has_tag_name((ATOM, "entry")))
            .collect();
        assert_eq!(entries.len(), 1);
        let e = entries[0];
        assert_eq!(child(e, "title").unwrap().text(), Some(title));
        let landing = format!("https://example.org/{prefix}alpha/");
        assert_eq!(child(e, "id").unwrap().text(), Some(landing.as_str()));
        assert_eq!(
            child(e, "link").unwrap().attribute("href"),
            Some(landing.as_str())
        );
        assert_eq!(
            child(e, "updated").unwrap().text(),
            Some("2024-04-22T00:00:00Z")
        );
        let name = child(child(e, "author").unwrap(), "name").unwrap();
        assert_eq!(name.text(), Some(author));
        assert!(!child(e, "summary").unwrap().text().unwrap().is_empty());
    }
    // The English summary holds "<script>" as text: escaped in the XML, intact once parsed.
    let xml = site.out("en/feed.xml");
    assert!(!xml.contains("<script>"));
    assert!(xml.contains("&lt;script&gt;"));
    for page in site.pages() {
        let h = Head::of(&site.out(&page));
        let feeds: Vec<_> = h
            .link("alternate")
            .into_iter()
            .filter(|l| l.get("type").map(String::as_str) == Some("application/atom+xml"))
            .collect();
        assert_eq!(feeds.len(), 2, "{page}");
        for f in feeds {
            // hreflang is for pages; on a feed link search engines read it as a page alternate.
            assert!(!f.contains_key("hreflang"), "{page}");
            let rel = f["href"].strip_prefix('/').unwrap();
            assert!(
                site.root().join("public").join(rel).is_file(),
                "{page}: {rel}"
            );
        }
    }
}

#[test]
fn robots_names_the_sitemap_under_the_base_url() {
    let site = TestSite::mini();
    site.build_ok(&["--base-url", "https://example.org/research/"]);
    let robots = site.out("robots.txt");
    assert!(robots.starts_with("User-agent: *\n"), "{robots}");
    assert!(
        robots.contains("\nSitemap: https://example.org/research/sitemap.xml\n"),
        "{robots}"
    );
    let own = "User-agent: *\nDisallow: /\n";
    site.write("static/robots.txt", own);
    site.build_ok(&[]);
    assert_eq!(site.out("robots.txt"), own, "a static robots.txt wins");
}

#[test]
fn the_sitemap_lists_exactly_the_canonical_pages_with_lastmod_and_x_default() {
    let site = built_mini();
    let xml = site.out("sitemap.xml");
    let doc = roxmltree::Document::parse(&xml).unwrap();
    const SM: &str = "http://www.sitemaps.org/schemas/sitemap/0.9";
    const XHTML: &str = "http://www.w3.org/1999/xhtml";
    let mut listed = Vec::new();
    for url in doc.root_element().children().filter(|n| n.is_element()) {
        let text = |name: &str| {
            url.children()
                .find(|c| c.has_tag_name((SM, name)))
                .and_then(|c| c.text())
                .unwrap_or_default()
                .to_string()
        };
        let loc = text("loc");
        assert_eq!(text("lastmod"), "2024-04-22", "{loc}");
        let alternates: BTreeMap<String, String> = url
            .children()
            .filter(|c| c.has_tag_name((XHTML, "link")))
            .map(|c| {
                (
                    c.attribute("hreflang").unwrap().to_string(),
                    c.attribute("href").unwrap().to_string(),
                )
            })
            .collect();
        let keys: Vec<&str> = alternates.keys().map(String::as_str).collect();
        assert_eq!(keys, ["en", "x-default", "zh-CN"], "{loc}");
        assert_eq!(alternates["x-default"], alternates["zh-CN"], "{loc}");
        listed.push(loc);
    }
    // The oracle is each page's own canonical link and robots tag, not the sitemap's rule.
    let mut canonical = Vec::new();
    for page in site.pages() {
        let h = Head::of(&site.out(&page));
        if h.canonical() == Some(url_of(&page).as_str()) && h.meta("robots") != Some("noindex") {
            canonical.push(url_of(&page));
        }
    }
    canonical.sort();
    listed.sort();
    assert!(!listed.is_empty());
    assert_eq!(listed, canonical);
    assert!(!listed.contains(&"https://example.org/".to_string()));
    assert!(!listed.contains(&"https://example.org/en/".to_string()));
}

#[test]
fn the_404_page_has_no_canonical_and_other_pages_have_x_default() {
    let site = built_mini();
    let h = Head::of(&site.out("404.html"));
    assert_eq!(h.canonical(), None);
    assert!(h
        .link("alternate")
        .iter()
        .all(|l| !l.contains_key("hreflang")));
    let chapter = Head::of(&site.out("en/alpha/one/index.html"));
    let x_default = chapter
        .link("alternate")
        .into_iter()
        .find(|l| l.get("hreflang").map(String::as_str) == Some("x-default"))
        .unwrap();
    assert_eq!(x_default["href"], "https://example.org/alpha/one/");
}

/// The text of every element of `class` in `html`, in order (tags dropped, entities decoded).
fn texts_of_class(html: &str, class: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut depth = 0usize;
    let mut emitter = html5gum::emitters::default::DefaultEmitter::default();
    emitter.naively_switch_states(true);
    for token in Tokenizer::new_with_emitter(html, emitter).flatten() {
        match token {
            Token::StartTag(tag) => {
                let classes = tag
                    .attributes
                    .get(b"class".as_slice())
                    .map(|v| String::from_utf8_lossy(v).into_owned())
                    .unwrap_or_default();
                if depth > 0 {
                    depth += 1;
                } else if classes.split(' ').any(|c| c == class) {
                    depth = 1;
                    out.push(String::new());
                }
            }
            Token::EndTag(_) if depth > 0 => depth -= 1,
            Token::String(s) if depth > 0 => out
                .last_mut()
                .unwrap()
                .push_str(&String::from_utf8_lossy(&s)),
            _ => {}
        }
    }
    out
}

#[test]
fn the_report_page_and_every_chapter_offer_three_citation_styles_and_files() {
    let site = built_mini();
    let pages = [
        ("alpha/index.html", false),
        ("alpha/one/index.html", false),
        ("alpha/two/index.html", false),
        ("en/alpha/index.html", true),
        ("en/alpha/one/index.html", true),
        ("en/alpha/two/index.html", true),
    ];
    for (page, en) in pages {
        let html = site.out(page);
        let cites = texts_of_class(&html, "cite-text");
        assert_eq!(cites.len(), 3, "{page}: {cites:?}");
        let url = if en {
            "https://example.org/en/alpha/"
        } else {
            "https://example.org/alpha/"
        };
        if en {
            assert_eq!(
                cites[0],
                format!("ZHAO D (赵丹). Alpha report[R/OL]. [S.l.]: Test Securities, 2024. {url}.")
            );
            assert_eq!(
                cites[1],
                format!("Zhao, D. (2024, April 22). Alpha report. Test Securities. {url}")
            );
            assert_eq!(
                cites[2],
                "Zhao, Dan. Alpha report. Test Securities, 22 Apr. 2024, example.org/en/alpha/."
            );
        } else {
            assert_eq!(
                cites[0],
                format!("赵丹 (Zhao Dan). 阿尔法报告[R/OL]. [出版地不详]: 测试证券, 2024. {url}.")
            );
            assert!(
                cites[1].starts_with("赵丹. (2024年4月22日). 阿尔法报告. 测试证券."),
                "{}",
                cites[1]
            );
        }
        let links = yanbao::pageindex::PageIndex::of(&html);
        for ext in ["bib", "ris"] {
            let href = format!(
                "{}cite.{ext}",
                url.strip_prefix("https://example.org").unwrap()
            );
            assert!(
                links.urls("href").any(|u| u == href),
                "{page}: no link to {href}"
            );
        }
    }
    assert!(texts_of_class(&site.out("alpha/analysts/index.html"), "cite-text").is_empty());
}

#[test]
fn the_bibtex_and_ris_files_parse_and_carry_the_manifest() {
    use biblatex::ChunksExt;
    let site = built_mini();
    for (prefix, author, given, title, publisher) in [
        ("en/", "Zhao", "Dan", "Alpha report", "Test Securities"),
        ("", "赵丹", "", "阿尔法报告", "测试证券"),
    ] {
        let bib = site.out(&format!("{prefix}alpha/cite.bib"));
        let parsed = biblatex::Bibliography::parse(&bib).unwrap_or_else(|e| panic!("{e:?}\n{bib}"));
        let entry = parsed.get("alpha").expect("entry keyed by the report slug");
        assert_eq!(entry.entry_type, biblatex::EntryType::TechReport);
        let authors = entry.author().unwrap();
        assert_eq!(
            (authors[0].name.as_str(), authors[0].given_name.as_str()),
            (author, given)
        );
        assert_eq!(entry.title().unwrap().format_verbatim(), title);
        assert_eq!(
            entry.get("institution").unwrap().format_verbatim(),
            publisher
        );
        assert_eq!(entry.get("date").unwrap().format_verbatim(), "2024-04-22");
        assert_eq!(
            entry.url().unwrap(),
            format!("https://example.org/{prefix}alpha/")
        );
        let ris = site.out(&format!("{prefix}alpha/cite.ris"));
        let lines: Vec<&str> = ris.split("\r\n").filter(|l| !l.is_empty()).collect();
        assert_eq!(lines.first(), Some(&"TY  - RPRT"));
        assert_eq!(lines.last(), Some(&"ER  - "));
        for l in &lines {
            let b = l.as_bytes();
            assert!(
                b.len() >= 6
                    && b[0].is_ascii_uppercase()
                    && b[1].is_ascii_alphanumeric()
                    && &l[2..6] == "  - ",
                "not a RIS line: {l:?}"
            );
        }
        assert!(lines.contains(&format!("TI  - {title}").as_str()));
        assert!(lines.contains(&"DA  - 2024/04/22"));
        assert!(!ris.replace("\r\n", "").contains('\n'));
    }
    // The English summary's "<script>" and a title's specials survive BibTeX escaping.
    let site = TestSite::mini();
    site.edit(
        "content/reports/alpha/report.yaml",
        "en: Alpha report",
        "en: \"Alpha & {50%} report_#1\"",
    );
    site.build_ok(&[]);
    let bib = site.out("en/alpha/cite.bib");
    let parsed = biblatex::Bibliography::parse(&bib).unwrap_or_else(|e| panic!("{e:?}\n{bib}"));
    let title = parsed
        .get("alpha")
        .unwrap()
        .title()
        .unwrap()
        .format_verbatim();
    assert_eq!(title, "Alpha & {50%} report_#1");
}

/// A team, a name written "Family, Given" and a person's name with stray spaces and braces reach
/// the `.bib` and `.ris` files as three authors, each the right way round; a blank name is left
/// out.
#[test]
fn citation_files_keep_a_team_whole_and_read_a_family_name_before_a_comma() {
    let site = TestSite::mini();
    site.edit(
        "content/reports/alpha/report.yaml",
        "  - name: {zh: 赵丹, en: Dan Zhao}\n",
        "  - name: {zh: 研究与策略团队, en: Research and Strategy Team}\n    \
         role: {zh: 团队, en: Team}\n  \
         - name: {zh: 杨子超, en: \" {Charles}  Yang \"}\n    \
         role: {zh: 分析师, en: Analyst}\n  \
         - name: {zh: 赵丹, en: \"Zhao, Dan\"}\n    \
         role: {zh: 分析师, en: Analyst}\n  \
         - name: \" \"\n",
    );
    site.build_ok(&[]);
    let bib = site.out("en/alpha/cite.bib");
    assert!(
        bib.contains(
            "  author      = {{Research and Strategy Team} and Yang, Charles and Zhao, Dan},\n"
        ),
        "{bib}"
    );
    let parsed = biblatex::Bibliography::parse(&bib).unwrap_or_else(|e| panic!("{e:?}\n{bib}"));
    let authors = parsed.get("alpha").unwrap().author().unwrap();
    let read: Vec<(&str, &str)> = authors
        .iter()
        .map(|p| (p.name.as_str(), p.given_name.as_str()))
        .collect();
    assert_eq!(
        read,
        [
            ("Research and Strategy Team", ""),
            ("Yang", "Charles"),
            ("Zhao", "Dan")
        ]
    );
    let ris = site.out("en/alpha/cite.ris");
    assert!(
        ris.contains(
            "TY  - RPRT\r\nAU  - Research and Strategy Team\r\nAU  - Yang, Charles\r\n\
             AU  - Zhao, Dan\r\nTI  - "
        ),
        "{ris}"
    );
    let zh_bib = site.out("alpha/cite.bib");
    assert!(
        zh_bib.contains("  author      = {{研究与策略团队} and {杨子超} and {赵丹}},\n"),
        "{zh_bib}"
    );
    assert!(site
        .out("alpha/cite.ris")
        .contains("AU  - 研究与策略团队\r\nAU  - 杨子超\r\nAU  - 赵丹\r\n"));
    // The structured data makes the team an organisation (in Chinese too) and the others people.
    for page in ["en/alpha/index.html", "alpha/index.html"] {
        let ld = json_ld(&site, page);
        let types: Vec<&str> = ld["author"]
            .as_array()
            .unwrap_or_else(|| panic!("{page}: {ld}"))
            .iter()
            .map(|a| a["@type"].as_str().unwrap_or_default())
            .collect();
        assert_eq!(types, ["Organization", "Person", "Person"], "{page}: {ld}");
    }
    let ld = json_ld(&site, "en/alpha/index.html");
    let names: Vec<&str> = (0..3)
        .map(|i| ld["author"][i]["name"].as_str().unwrap_or_default())
        .collect();
    assert_eq!(
        names,
        ["Research and Strategy Team", "Charles Yang", "Dan Zhao"]
    );
    // The page's three styles agree with the files.
    let cites = texts_of_class(&site.out("en/alpha/index.html"), "cite-text");
    assert!(
        cites[0].starts_with(
            "Research and Strategy Team (研究与策略团队), YANG C (杨子超), ZHAO D (赵丹). "
        ),
        "{}",
        cites[0]
    );
    assert!(
        cites[1].starts_with("Research and Strategy Team, Yang, C., & Zhao, D. (2024, April 22). "),
        "{}",
        cites[1]
    );
    assert!(
        cites[2].starts_with("Research and Strategy Team, et al. "),
        "{}",
        cites[2]
    );
    let zh = texts_of_class(&site.out("alpha/index.html"), "cite-text");
    assert!(
        zh[0].starts_with(
            "研究与策略团队 (Research and Strategy Team), 杨子超 (Yang Charles), 赵丹 (Zhao Dan). "
        ),
        "{}",
        zh[0]
    );
}

#[test]
fn chapter_pages_show_authors_and_date_in_a_time_element() {
    let site = built_mini();
    for (page, name) in [
        ("alpha/one/index.html", "赵丹"),
        ("en/alpha/two/index.html", "Dan Zhao"),
    ] {
        let html = site.out(page);
        let byline = texts_of_class(&html, "chapter-byline");
        assert_eq!(byline.len(), 1, "{page}");
        assert!(byline[0].contains(name), "{page}: {byline:?}");
        assert!(
            Head::of(&html).times.contains(&"2024-04-22".to_string()),
            "{page}"
        );
    }
}

#[test]
fn the_search_index_is_built_in_process_into_the_output() {
    let site = TestSite::mini();
    site.build_ok(&["--base-url", "https://example.org/research/"]);
    // Landing, three report pages and two chapters per language; not the home copies of the
    // landing page, the search pages or 404.html.
    for lang in ["zh", "en"] {
        let meta: Value =
            serde_json::from_str(&site.out(&format!("search-index/{lang}/meta.json"))).unwrap();
        assert_eq!(meta["pages"], 6, "{meta}");
        assert!(!meta["chunks"].as_array().unwrap().is_empty(), "{meta}");
    }
    let files: Vec<String> = site.snapshot().into_iter().map(|(p, _)| p).collect();
    assert!(files.contains(&"search-index/en/c/0.bin".to_string()));
    assert!(files.contains(&"search-index/zh/p/5.json".to_string()));
    assert!(files.contains(&"search-index.js".to_string()));
    for (page, lang_search, lang) in [
        ("search/index.html", "/research/search/", "zh"),
        ("en/search/index.html", "/research/en/search/", "en"),
    ] {
        let html = site.out(page);
        let h = Head::of(&html);
        assert_eq!(h.meta("robots"), Some("noindex"), "{page}");
        assert!(
            h.script_srcs.contains(&"/research/search.js".to_string()),
            "{page}"
        );
        assert!(
            html.contains(&format!("data-bundle=\"/research/search-index/{lang}/\"")),
            "{page}"
        );
        assert!(
            h.forms
                .iter()
                .any(|f| f.get("action").map(String::as_str) == Some(lang_search)
                    && f.get("method").map(String::as_str) == Some("get")),
            "{page}"
        );
    }
    let sitemap = site.out("sitemap.xml");
    assert!(
        !sitemap.contains("/search/"),
        "search pages are not in the sitemap"
    );
    for page in site.pages() {
        let h = Head::of(&site.out(&page));
        let own = if page.starts_with("en/") {
            "/research/en/search/"
        } else {
            "/research/search/"
        };
        let header = h
            .forms
            .iter()
            .find(|f| f.get("class").map(String::as_str) == Some("site-search"));
        assert_eq!(
            header.and_then(|f| f.get("action")).map(String::as_str),
            Some(own),
            "{page}"
        );
        if !page.ends_with("search/index.html") {
            assert!(
                h.script_srcs
                    .iter()
                    .all(|s| !s.ends_with("/search.js") && !s.contains("search-index")),
                "{page} loads a search script: {:?}",
                h.script_srcs
            );
        }
    }
}

#[test]
fn search_false_leaves_out_the_box_the_pages_and_the_index() {
    let site = TestSite::mini();
    site.edit(
        "content/site.yaml",
        "publisher:",
        "search: false\npublisher:",
    );
    site.build_ok(&[]);
    let files: Vec<String> = site.snapshot().into_iter().map(|(p, _)| p).collect();
    assert!(
        !files
            .iter()
            .any(|f| f.starts_with("search-index/") || f.ends_with("search/index.html")),
        "{files:?}"
    );
    let pages = site.pages();
    assert!(pages.len() > 5, "{pages:?}");
    for page in pages {
        let html = site.out(&page);
        assert!(!html.contains("site-search"), "{page} has a search box");
        assert!(!html.contains("/search/"), "{page} links a search page");
    }
}

#[test]
fn the_search_index_is_the_same_on_every_build() {
    let site = TestSite::mini();
    site.build_ok(&[]);
    let first: Vec<_> = site
        .snapshot()
        .into_iter()
        .filter(|(p, _)| p.starts_with("search-index/"))
        .collect();
    site.build_ok(&[]);
    let second: Vec<_> = site
        .snapshot()
        .into_iter()
        .filter(|(p, _)| p.starts_with("search-index/"))
        .collect();
    assert!(first.len() > 5);
    assert!(first == second, "the index differs between two builds");
}
