//! The default report carries every fact of the source in both languages
//! (listed in tests/fixtures/facts.yaml).

mod common;

use common::TestSite;
use serde::Deserialize;

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Fact {
    fact: String,
    zh: Vec<String>,
    en: Vec<String>,
}

/// Text of the pages of one language: tags removed, entities decoded, white space folded.
fn site_text(site: &TestSite, english: bool) -> String {
    let mut all = String::new();
    for page in site.pages() {
        if page.starts_with("en/") != english || page == "404.html" {
            continue;
        }
        let html = site.out(&page);
        let mut text = String::with_capacity(html.len());
        let mut in_tag = false;
        for c in html.chars() {
            match c {
                '<' => in_tag = true,
                '>' if in_tag => {
                    in_tag = false;
                    text.push(' ');
                }
                c if !in_tag => text.push(c),
                _ => {}
            }
        }
        let text = text
            .replace("&lt;", "<")
            .replace("&gt;", ">")
            .replace("&quot;", "\"")
            .replace("&#39;", "'")
            .replace("&#x27;", "'")
            .replace("&amp;", "&");
        all.push_str(&text.split_whitespace().collect::<Vec<_>>().join(" "));
        all.push('\n');
    }
    all
}

#[test]
fn every_source_fact_is_on_the_site_in_both_languages() {
    let facts: Vec<Fact> =
        serde_yaml::from_str(include_str!("fixtures/facts.yaml")).expect("facts.yaml parses");
    assert!(facts.len() >= 20, "the fact list covers the source report");
    let site = TestSite::default_site();
    site.build_ok(&[]);
    let (zh, en) = (site_text(&site, false), site_text(&site, true));
    let mut missing = Vec::new();
    for f in &facts {
        for s in &f.zh {
            if !zh.contains(s.as_str()) {
                missing.push(format!("zh: {} — `{s}`", f.fact));
            }
        }
        for s in &f.en {
            if !en.contains(s.as_str()) {
                missing.push(format!("en: {} — `{s}`", f.fact));
            }
        }
        assert!(
            !f.zh.is_empty() && !f.en.is_empty(),
            "{}: needs text in both languages",
            f.fact
        );
    }
    assert!(
        missing.is_empty(),
        "facts missing from the built site:\n{}",
        missing.join("\n")
    );
}
