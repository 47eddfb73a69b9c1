//! The default report carries every fact of the source in both languages
//! (listed in tests/fixtures/facts.yaml).

mod common;

use common::TestSite;
use serde::Deserialize;

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Fact {
    fact: String,
    /// Check only the text inside the elements with this id (`#id`) or class, on every page.
    #[serde(default)]
    within: Option<String>,
    zh: Vec<String>,
    en: Vec<String>,
    /// Text that must not appear (in the same scope): departures from the source.
    #[serde(default)]
    absent: Absent,
}

#[derive(Deserialize, Default)]
#[serde(deny_unknown_fields)]
struct Absent {
    #[serde(default)]
    zh: Vec<String>,
    #[serde(default)]
    en: Vec<String>,
}

/// The pages of one language, as HTML.
fn pages(site: &TestSite, english: bool) -> Vec<String> {
    site.pages()
        .into_iter()
        .filter(|page| page.starts_with("en/") == english && page != "404.html")
        .map(|page| site.out(&page))
        .collect()
}

/// Whether an opening tag (`<name attr="v" …`, without `>`) matches `#id` or a class name.
fn tag_matches(tag: &str, selector: &str) -> bool {
    let attr = |name: &str| {
        let key = format!(" {name}=\"");
        let start = tag.find(&key)? + key.len();
        let len = tag[start..].find('"')?;
        Some(tag[start..start + len].to_string())
    };
    match selector.strip_prefix('#') {
        Some(id) => attr("id").as_deref() == Some(id),
        None => attr("class").is_some_and(|c| c.split_whitespace().any(|c| c == selector)),
    }
}

/// Every element of `html` that matches `selector`, from its opening tag to its matching close.
/// Written here rather than taken from the crate so that the oracle is not the code under test.
fn elements<'a>(html: &'a str, selector: &str) -> Vec<&'a str> {
    let mut found = Vec::new();
    let mut at = 0;
    while let Some(lt) = html[at..].find('<').map(|i| at + i) {
        let Some(gt) = html[lt..].find('>').map(|i| lt + i) else {
            break;
        };
        let tag = &html[lt..gt];
        at = gt + 1;
        let name: String = tag[1..]
            .chars()
            .take_while(|c| c.is_ascii_alphanumeric())
            .collect();
        if name.is_empty() || !tag_matches(tag, selector) {
            continue;
        }
        let (open, close) = (format!("<{name}"), format!("</{name}>"));
        // `<p` must not count `<path`: an opening tag's name ends at white space, `/` or `>`.
        let opens_here = |i: usize| {
            html[i + open.len()..]
                .starts_with(|c: char| c.is_ascii_whitespace() || c == '>' || c == '/')
        };
        let (mut depth, mut pos, mut end) = (1, at, html.len());
        while depth > 0 {
            let next_open = html[pos..]
                .match_indices(&open)
                .map(|(i, _)| pos + i)
                .find(|&i| opens_here(i));
            let Some(next_close) = html[pos..].find(&close).map(|i| pos + i) else {
                break;
            };
            match next_open {
                Some(o) if o < next_close => {
                    depth += 1;
                    pos = o + open.len();
                }
                _ => {
                    depth -= 1;
                    pos = next_close + close.len();
                    end = pos;
                }
            }
        }
        found.push(&html[lt..end]);
    }
    found
}

/// Text of the pages of one language (or of the parts that match `within`): tags removed,
/// entities decoded, white space folded.
fn site_text(pages: &[String], within: Option<&str>) -> String {
    let mut all = String::new();
    for page in pages {
        let parts = match within {
            Some(selector) => elements(page, selector),
            None => vec![page.as_str()],
        };
        for html in parts {
            all.push_str(&plain_text(html));
            all.push('\n');
        }
    }
    all
}

/// `html` without tags, entities decoded, white space folded.
fn plain_text(html: &str) -> String {
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
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[test]
fn every_source_fact_is_on_the_site_in_both_languages() {
    let facts: Vec<Fact> =
        serde_yaml::from_str(include_str!("fixtures/facts.yaml")).expect("facts.yaml parses");
    assert!(facts.len() >= 20, "the fact list covers the source report");
    let site = TestSite::default_site();
    site.build_ok(&[]);
    let (zh_pages, en_pages) = (pages(&site, false), pages(&site, true));
    assert!(!zh_pages.is_empty() && !en_pages.is_empty());
    let mut wrong = Vec::new();
    for f in &facts {
        assert!(
            !f.zh.is_empty() && !f.en.is_empty(),
            "{}: needs text in both languages",
            f.fact
        );
        for (lang, pages, present, absent) in [
            ("zh", &zh_pages, &f.zh, &f.absent.zh),
            ("en", &en_pages, &f.en, &f.absent.en),
        ] {
            let text = site_text(pages, f.within.as_deref());
            if text.trim().is_empty() {
                wrong.push(format!(
                    "{lang}: {} — nothing matches `{:?}`",
                    f.fact, f.within
                ));
                continue;
            }
            for s in present.iter().filter(|s| !text.contains(s.as_str())) {
                wrong.push(format!("{lang}: {} — missing `{s}`", f.fact));
            }
            for s in absent.iter().filter(|s| text.contains(s.as_str())) {
                wrong.push(format!("{lang}: {} — must not say `{s}`", f.fact));
            }
        }
    }
    assert!(
        wrong.is_empty(),
        "the built site departs from the source:\n{}",
        wrong.join("\n")
    );
}

#[test]
fn scoped_text_is_the_text_of_the_matching_elements_only() {
    let html = r#"<ul class="byline x"><li>A <ul><li>B</li></ul></li></ul><p id="c">C<path d="M0"/></p><ul class="other">D</ul>"#;
    assert_eq!(site_text(&[html.to_string()], Some("byline")).trim(), "A B");
    assert_eq!(site_text(&[html.to_string()], Some("#c")).trim(), "C");
    assert_eq!(site_text(&[html.to_string()], Some("x")).trim(), "A B");
    assert!(site_text(&[html.to_string()], Some("by")).trim().is_empty());
}

#[test]
fn author_lists_use_the_list_separator_and_a_name_its_credentials_the_comma() {
    let site = TestSite::default_site();
    site.build_ok(&[]);
    let chapter = site.out("aigc-2024/applications/index.html");
    assert!(chapter.contains("作者：赵丹、杨子超"), "zh author list");
    let en = site.out("en/aigc-2024/applications/index.html");
    assert!(en.contains("Dan Zhao, Charles Yang"), "en author list");
    let landing = site.out("aigc-2024/index.html");
    assert!(
        landing.contains("杨子超，CFA"),
        "a name and its credentials"
    );
    assert!(!landing.contains("赵丹，杨子超") && !chapter.contains("赵丹，杨子超"));
}
