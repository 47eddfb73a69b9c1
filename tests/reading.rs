//! Reading quality of the built default site, checked on the text of the pages as a reader gets it:
//! Chinese punctuation and spacing (W3C clreq), figure references, chapter pages and the one-page
//! view. Geometry (line heights, page breaks) is measured in the browser suite instead.

mod common;

use common::TestSite;
use html5gum::emitters::callback::{CallbackEmitter, CallbackEvent};
use html5gum::{Span, Tokenizer};
use std::sync::OnceLock;

/// The default site, built once for every test here.
fn site() -> &'static TestSite {
    static SITE: OnceLock<TestSite> = OnceLock::new();
    SITE.get_or_init(|| {
        let site = TestSite::default_site();
        site.build_ok(&[]);
        site
    })
}

/// Built pages whose path passes `filter`, with their HTML; never empty.
fn pages(filter: impl Fn(&str) -> bool) -> Vec<(String, String)> {
    let out: Vec<(String, String)> = site()
        .pages()
        .into_iter()
        .filter(|p| filter(p))
        .map(|p| {
            let html = site().out(&p);
            (p, html)
        })
        .collect();
    assert!(!out.is_empty(), "no page matched");
    out
}

fn is_zh(path: &str) -> bool {
    !path.starts_with("en/")
}

/// The text a reader sees, entities decoded, outside elements whose tag name or class is in
/// `skip` (code, SVG, or `prose` for the chapter text).
fn visible_text(html: &str, skip: &[&str]) -> String {
    visible_text_marked(html, skip, None)
}

/// [`visible_text`], with `tag_mark` (if any) where a tag starts or ends, so that a check can
/// tell text typed in one run from white space the templates put between two elements.
fn visible_text_marked(html: &str, skip: &[&str], tag_mark: Option<char>) -> String {
    let mut text = String::new();
    let mut depth = 0usize;
    let mut open: Vec<bool> = Vec::new();
    let (mut name, mut class, mut in_class) = (Vec::new(), String::new(), false);
    let skip: Vec<&[u8]> = skip.iter().map(|s| s.as_bytes()).collect();
    let emitter = CallbackEmitter::new(|event: CallbackEvent<'_>, _: Span<()>| {
        match event {
            CallbackEvent::OpenStartTag { name: n } => {
                text.extend(tag_mark);
                name = n.to_vec();
                class.clear();
                if BLOCKS.contains(&n) {
                    text.push(BLOCK_BREAK);
                }
            }
            CallbackEvent::AttributeName { name: a } => in_class = a == b"class",
            CallbackEvent::AttributeValue { value } if in_class => {
                class = String::from_utf8_lossy(value).into_owned()
            }
            CallbackEvent::CloseStartTag { self_closing } if !self_closing => {
                let skipped = skip.contains(&name.as_slice())
                    || class.split(' ').any(|c| skip.contains(&c.as_bytes()));
                if !VOID.contains(&name.as_slice()) {
                    open.push(skipped);
                    depth += usize::from(skipped);
                }
            }
            CallbackEvent::EndTag { name: n } => {
                text.extend(tag_mark);
                if BLOCKS.contains(&n) {
                    text.push(BLOCK_BREAK);
                }
                if open.pop() == Some(true) {
                    depth -= 1;
                }
            }
            CallbackEvent::String { value } if depth == 0 => {
                text.push_str(&String::from_utf8_lossy(value))
            }
            _ => {}
        }
        None::<()>
    });
    for _ in Tokenizer::new_with_emitter(html, emitter) {}
    text
}

/// Marks where a block starts or ends: white space next to it is not shown as a space.
const BLOCK_BREAK: char = '\u{2029}';

/// Elements that start a new line: the white space around them is not a visible space.
const BLOCKS: &[&[u8]] = &[
    b"p",
    b"div",
    b"li",
    b"ul",
    b"ol",
    b"h1",
    b"h2",
    b"h3",
    b"h4",
    b"h5",
    b"h6",
    b"table",
    b"tr",
    b"td",
    b"th",
    b"thead",
    b"tbody",
    b"caption",
    b"section",
    b"header",
    b"footer",
    b"nav",
    b"figure",
    b"figcaption",
    b"dl",
    b"dt",
    b"dd",
    b"details",
    b"summary",
    b"main",
    b"article",
    b"aside",
    b"blockquote",
    b"br",
    b"body",
    b"head",
    b"title",
    b"html",
];

/// Elements without an end tag.
const VOID: &[&[u8]] = &[
    b"area", b"base", b"br", b"col", b"embed", b"hr", b"img", b"input", b"link", b"meta",
    b"source", b"track", b"wbr",
];

fn is_han(c: char) -> bool {
    matches!(c as u32, 0x3400..=0x4DBF | 0x4E00..=0x9FFF | 0xF900..=0xFAFF | 0x20000..=0x2FFFF)
}

/// Places in `text` where a space follows closing full-width punctuation or precedes opening
/// full-width punctuation, with a little context.
fn stray_spaces(text: &str) -> Vec<String> {
    const CLOSING: &str = "。，、；：！？》」』）】";
    const OPENING: &str = "《「『（【";
    let chars: Vec<char> = text.chars().collect();
    let mut out = Vec::new();
    for i in 1..chars.len().saturating_sub(1) {
        let (prev, c, next) = (chars[i - 1], chars[i], chars[i + 1]);
        let bad = c.is_whitespace()
            && c != BLOCK_BREAK
            && ((CLOSING.contains(prev) && !next.is_whitespace())
                || (OPENING.contains(next) && !prev.is_whitespace()));
        if bad {
            let from = i.saturating_sub(8);
            let to = (i + 8).min(chars.len());
            out.push(chars[from..to].iter().collect());
        }
    }
    out
}

/// Where a Chinese page's text has a space (or a line break, which shows as one) around full-width
/// punctuation, outside the elements in `skip`.
fn punctuation_problems(skip: &[&str]) -> Vec<String> {
    let mut problems = Vec::new();
    for (path, html) in pages(is_zh) {
        let text = visible_text(&html, skip);
        for s in stray_spaces(&text) {
            problems.push(format!("{path}: {s:?}"));
        }
    }
    problems
}

#[test]
fn chinese_interface_has_no_space_around_full_width_punctuation() {
    // Chart SVGs carry their own text (the charts' concern); code is verbatim; chapter text is
    // checked below.
    let problems = punctuation_problems(&["svg", "pre", "code", "script", "style", "prose"]);
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

#[test]
fn chinese_chapter_text_has_no_space_around_full_width_punctuation() {
    let problems = punctuation_problems(&["svg", "pre", "code", "script", "style"]);
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

#[test]
fn chinese_pages_type_no_space_between_han_and_latin() {
    // docs/typography.md: the gap comes from `text-autospace`, never from a typed space, in the
    // chapters (the Markdown pass drops typed ones) and in the texts from YAML (typed by the rule).
    let mut problems = Vec::new();
    for (path, html) in pages(is_zh) {
        // Templates may set a label and a title apart ("图 2" then the title): only spaces typed
        // inside one run of text count.
        let text = visible_text_marked(
            &html,
            &["svg", "pre", "code", "script", "style", "cite-text"],
            Some('\u{1}'),
        );
        let chars: Vec<char> = text.chars().collect();
        let latin = |c: char| c.is_ascii_alphanumeric();
        for (i, w) in chars.windows(3).enumerate() {
            if w[1] == ' ' && ((is_han(w[0]) && latin(w[2])) || (latin(w[0]) && is_han(w[2]))) {
                let around: String = chars[i.saturating_sub(6)..(i + 9).min(chars.len())]
                    .iter()
                    .collect();
                problems.push(format!("{path}: {around:?}"));
            }
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

#[test]
fn english_pages_use_curly_double_quotes() {
    // Typewriter quotes ("AI market") read as a template's seam next to the curly ones.
    let mut problems = Vec::new();
    for (path, html) in pages(|p| p.starts_with("en/")) {
        let text = visible_text(&html, &["svg", "pre", "code", "script", "style"]);
        let chars: Vec<char> = text.chars().collect();
        for (i, _) in chars.iter().enumerate().filter(|(_, c)| **c == '"') {
            let around: String = chars[i.saturating_sub(20)..=i].iter().collect();
            problems.push(format!("{path}: {around:?}"));
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

#[test]
fn chinese_interface_uses_full_width_colons() {
    let mut problems = Vec::new();
    for (path, html) in pages(is_zh) {
        // Citations follow their style's own punctuation (GB/T 7714 uses half-width commas).
        let text = visible_text(
            &html,
            &["svg", "pre", "code", "script", "style", "cite-text"],
        );
        let chars: Vec<char> = text.chars().collect();
        for w in chars.windows(2) {
            if is_han(w[0]) && (w[1] == ':' || w[1] == ',' || w[1] == ';') {
                problems.push(format!("{path}: half-width {:?} after {:?}", w[1], w[0]));
            }
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

#[test]
fn chinese_interface_strings_follow_the_spacing_rule() {
    // The rule (docs/typography.md): no space is typed between Han and Latin letters or digits, nor
    // after full-width punctuation; figure labels join noun and number with a no-break space.
    let zh = site().read("content/i18n/zh.yaml");
    let strings: std::collections::BTreeMap<String, String> =
        serde_yaml::from_str(&zh).expect("zh.yaml parses");
    let mut problems = Vec::new();
    for (key, value) in &strings {
        let chars: Vec<char> = value.chars().collect();
        for w in chars.windows(3) {
            let latin = |c: char| c.is_ascii_alphanumeric() || c == '{' || c == '}';
            if w[1] == ' ' && ((is_han(w[0]) && latin(w[2])) || (latin(w[0]) && is_han(w[2]))) {
                problems.push(format!("{key}: {value:?}"));
            }
        }
        problems.extend(
            stray_spaces(value)
                .into_iter()
                .map(|s| format!("{key}: {s:?}")),
        );
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

#[test]
fn figure_references_do_not_break_between_noun_and_number() {
    let mut refs = 0;
    let mut problems = Vec::new();
    for (path, html) in pages(|_| true) {
        for part in html.split("class=\"figure-ref\"").skip(1) {
            refs += 1;
            let text = part
                .split_once('>')
                .and_then(|(_, rest)| rest.split_once("</a>"))
                .map_or("", |(t, _)| t);
            if text.contains(' ') || !text.contains('\u{a0}') {
                problems.push(format!("{path}: {text:?}"));
            }
        }
    }
    assert!(
        refs > 0,
        "the default site has no figure references to check"
    );
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

#[test]
fn figure_labels_do_not_break_between_noun_and_number() {
    let mut labels = 0;
    for (path, html) in pages(|_| true) {
        for part in html.split("class=\"chart-label\">").skip(1) {
            labels += 1;
            let text = part.split_once('<').map_or("", |(t, _)| t);
            assert!(
                text.contains('\u{a0}') && !text.contains(' '),
                "{path}: {text:?}"
            );
        }
    }
    assert!(labels > 0, "the default site has no figures");
}

#[test]
fn stray_space_checker_finds_what_it_guards() {
    assert_eq!(stray_spaces("落地。 场景").len(), 1);
    assert_eq!(stray_spaces("报告》， AIGC").len(), 1);
    assert_eq!(stray_spaces("见 《报告》").len(), 1);
    assert!(stray_spaces("落地。场景 AIGC").is_empty());
    assert_eq!(stray_spaces("报告》，\nAIGC").len(), 1);
    assert!(stray_spaces("落地。\n\u{2029}<p>").is_empty());
    let html = "<p>a。 <code>x。 y</code><br><svg><text>b， c</text></svg><div class=\"x prose\"><p>d</p></div>e</p>";
    let text = visible_text(html, &["code", "svg", "prose"]);
    let parts: Vec<&str> = text.split(BLOCK_BREAK).filter(|p| !p.is_empty()).collect();
    assert_eq!(parts, ["a。 ", "e"]);
}

/// The mini site with chapter one's English source replaced by `front` + `body`.
fn mini_with_chapter_one(title: &str, body: &str) -> TestSite {
    let site = TestSite::mini();
    site.write(
        "content/reports/alpha/chapters/one.en.md",
        &format!("---\ntitle: \"{title}\"\norder: 1\n---\n\n{body}"),
    );
    site.build_ok(&[]);
    site
}

#[test]
fn a_body_heading_repeating_the_title_is_folded_into_the_page_heading() {
    let site = mini_with_chapter_one(
        "The `yanbao` build",
        "# The `yanbao` build\n\nText.\n\n## Deployment\n\nMore.\n",
    );
    let html = site.out("en/alpha/one/index.html");
    assert_eq!(html.matches("<h1").count(), 1, "{html}");
    assert!(html.contains("<h1>The yanbao build</h1>"), "{html}");
    // The folded heading's id still exists, so links to it still land.
    let ids = common::attr_values(&html, "id");
    assert!(ids.iter().any(|i| i.contains("yanbao")), "{ids:?}");
}

/// Stderr of `yanbao <command> --root` on `site`, which must succeed.
fn warnings_of(site: &TestSite, command: &str) -> String {
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_yanbao"))
        .args([command, "--root"])
        .arg(site.root())
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr).into_owned();
    assert!(out.status.success(), "{command} failed:\n{stderr}");
    stderr
}

#[test]
fn a_leading_body_heading_is_a_located_warning_in_build_and_check() {
    let same = mini_with_chapter_one("The `yanbao` build", "# The `yanbao` build\n\nText.\n");
    let differs = mini_with_chapter_one("Deployment", "Intro.\n");
    differs.write(
        "content/reports/alpha/chapters/one.en.md",
        "---\ntitle: Deployment\norder: 1\n---\n\n\n# Shipping it\n\nText.\n",
    );
    for command in ["build", "check"] {
        let out = warnings_of(&same, command);
        assert!(out.contains("one.en.md:6:1"), "{command}: {out}");
        assert!(out.contains("repeats its title"), "{command}: {out}");
        let out = warnings_of(&differs, command);
        assert!(out.contains("one.en.md:7:1"), "{command}: {out}");
        assert!(
            out.contains("`# Shipping it`, but its title is `Deployment`"),
            "{command}: {out}"
        );
    }
    // A body without a leading heading is not warned about.
    let plain = mini_with_chapter_one("Deployment", "Intro.\n\n# Later\n");
    assert!(!warnings_of(&plain, "build").contains("one.en.md"));
}

#[test]
fn markdown_in_a_chapter_title_is_shown_as_text_everywhere() {
    let site = mini_with_chapter_one("The `yanbao` *build*", "Text.\n");
    for page in [
        "en/alpha/one/index.html",
        "en/alpha/two/index.html",
        "en/alpha/index.html",
    ] {
        let html = site.out(page);
        assert!(html.contains("The yanbao build"), "{page}");
        assert!(
            !html.contains('`') && !html.contains("*build*"),
            "{page}: {html}"
        );
    }
}

#[test]
fn chapter_pages_show_date_authors_and_a_contents_control_near_the_title() {
    let chapters = pages(|p| p.ends_with("/index.html") && p.matches('/').count() >= 2)
        .into_iter()
        .filter(|(_, html)| html.contains("class=\"page-chapter\""))
        .collect::<Vec<_>>();
    assert!(chapters.len() >= 2, "no chapter pages");
    for (path, html) in chapters {
        let head = html
            .split_once("<header class=\"chapter-head\">")
            .and_then(|(_, rest)| rest.split_once("</header>"))
            .map(|(h, _)| h)
            .unwrap_or_else(|| panic!("{path}: no chapter head"));
        assert!(
            head.contains("<time datetime=\"2024-04-22\">"),
            "{path}: no date"
        );
        let names = if path.starts_with("en/") {
            ["Dan Zhao", "Charles Yang"]
        } else {
            ["赵丹", "杨子超"]
        };
        for name in names {
            assert!(head.contains(name), "{path}: author {name} missing");
        }
        let toggle = head
            .split_once("<details class=\"contents-toggle\">")
            .map(|(_, t)| t)
            .unwrap_or_else(|| panic!("{path}: no contents control"));
        assert!(
            toggle.matches("<li>").count() >= 7,
            "{path}: contents incomplete"
        );
    }
}

#[test]
fn tables_that_fit_take_no_tab_stop() {
    // No table takes a Tab stop in the built HTML, whoever made it (the Markdown pass, the figure
    // and disclosure templates): static/tables.js gives one to a table's box only while it
    // scrolls, which the browser suite measures at 375 and 1280 px.
    let mut wraps = 0;
    for (path, html) in pages(|_| true) {
        let tags: Vec<&str> = html
            .split("<div class=\"table-wrap")
            .skip(1)
            .map(|part| part.split_once('>').map_or("", |(tag, _)| tag))
            .collect();
        for tag in &tags {
            assert!(!tag.contains("tabindex"), "{path}: table-wrap{tag}");
        }
        if !tags.is_empty() {
            assert!(
                html.contains("tables.js\" defer></script>"),
                "{path}: no tables.js"
            );
        }
        wraps += tags.len();
    }
    assert!(wraps > 0, "no table checked");
    assert!(site().out("tables.js").contains("scrollWidth"));
}

#[test]
fn a_chart_that_repeats_the_table_before_it_is_marked_so_print_shows_the_facts_once() {
    // The outlook chapter gives its three phases as a prose table and a chart; print keeps the
    // chart (static/style.css hides a table followed by `figure[data-repeats]`; the PDF check of
    // the browser suite reads the paper).
    for page in [
        "aigc-2024/outlook/index.html",
        "en/aigc-2024/outlook/index.html",
    ] {
        let html = site().out(page);
        let (before, _) = html
            .split_once(" data-repeats=\"table\">")
            .expect("a marked figure");
        let figure_start = before
            .rfind("<figure ")
            .expect("the marked element is a figure");
        assert!(
            before[..figure_start]
                .trim_end()
                .ends_with("</table>\n</div>"),
            "{page}: the figure does not follow a table"
        );
    }
    assert!(site()
        .out("style.css")
        .contains(":has(+ figure[data-repeats=\"table\"])"));
    let site = TestSite::mini();
    site.edit(
        "content/reports/alpha/chapters/one.en.md",
        "{{ chart(id=\"sizes\") }}",
        "{{ chart(id=\"sizes\", repeats=\"chart\") }}",
    );
    let err = site.build_err(&[]);
    assert!(err.contains("one.en.md:11:1"), "{err}");
    assert!(
        err.contains("`repeats` of chart `sizes` must be \"table\""),
        "{err}"
    );
}

/// Texts of the figure labels on a page, in order.
fn figure_labels(html: &str) -> Vec<String> {
    html.split("class=\"chart-label\">")
        .skip(1)
        .map(|p| p.split_once('<').map_or("", |(t, _)| t).to_string())
        .collect()
}

#[test]
fn the_one_page_view_has_every_chapter_with_figures_numbered_as_on_chapter_pages() {
    for (prefix, full, print) in [("", "全文", "打印"), ("en/", "Full report", "Print")] {
        let landing = site().out(&format!("{prefix}aigc-2024/index.html"));
        let all_href = format!("href=\"/{prefix}aigc-2024/all/\">{full}</a>");
        let print_href = format!("href=\"/{prefix}aigc-2024/all/#print\">{print}</a>");
        assert!(landing.contains(&all_href), "{prefix}: no {all_href}");
        assert!(landing.contains(&print_href), "{prefix}: no {print_href}");

        let all = site().out(&format!("{prefix}aigc-2024/all/index.html"));
        let contents = site().out(&format!("{prefix}aigc-2024/index.html"));
        let chapters: Vec<String> = common::attr_values(&contents, "href")
            .into_iter()
            .filter(|h| {
                h.starts_with(&format!("/{prefix}aigc-2024/"))
                    && !h.contains('#')
                    && h.matches('/').count() == 3 + usize::from(!prefix.is_empty())
                    && !["analysts/", "related/", "disclosures/", "all/"]
                        .iter()
                        .any(|p| h.ends_with(p))
            })
            .fold(Vec::new(), |mut v, h| {
                if !v.contains(&h) {
                    v.push(h);
                }
                v
            });
        assert!(chapters.len() >= 7, "{chapters:?}");
        let mut labels = Vec::new();
        for href in &chapters {
            let slug = href.trim_end_matches('/').rsplit('/').next().unwrap();
            assert!(all.contains(&format!("id=\"chapter-{slug}\"")), "{slug}");
            labels.extend(figure_labels(
                &site().out(&format!("{}index.html", &href[1..])),
            ));
        }
        assert!(labels.len() >= 8, "{labels:?}");
        assert_eq!(figure_labels(&all), labels, "{prefix}");

        // Links to chapters of this report lead to anchors on this page; ids stay unique.
        let hrefs = common::attr_values(&all, "href");
        for h in &hrefs {
            assert!(!chapters.iter().any(|c| h.starts_with(c.as_str())), "{h}");
        }
        let ids = common::attr_values(&all, "id");
        for h in hrefs.iter().filter_map(|h| h.strip_prefix('#')) {
            let h = common::percent_decode(h);
            assert!(ids.contains(&h), "{prefix}: #{h} has no target");
        }
        let index = yanbao::pageindex::PageIndex::of(&all);
        assert!(
            index.duplicate_ids().is_empty(),
            "{:?}",
            index.duplicate_ids()
        );
    }
}

#[test]
fn report_pages_print_the_report_title_as_running_header() {
    let site = TestSite::mini();
    site.edit(
        "content/reports/alpha/report.yaml",
        "en: Alpha report",
        "en: 'Alpha \"report\" </style><b>'",
    );
    site.build_ok(&[]);
    for page in [
        "en/alpha/index.html",
        "en/alpha/one/index.html",
        "en/alpha/all/index.html",
    ] {
        let html = site.out(page);
        let style = html
            .split_once("<style media=\"print\">")
            .and_then(|(_, s)| s.split_once("</style>"))
            .map(|(s, _)| s)
            .unwrap_or_else(|| panic!("{page}: no print style"));
        assert!(
            style.contains(r#"@top-left { content: "Alpha \"report\" \3c /style\3e \3c b\3e "; }"#),
            "{page}: {style}"
        );
    }
}

#[test]
fn footnotes_and_headings_of_two_chapters_do_not_collide_on_the_one_page_view() {
    let site = TestSite::mini();
    for ch in ["one", "two"] {
        let file = format!("content/reports/alpha/chapters/{ch}.en.md");
        let text = site.read(&file);
        site.write(
            &file,
            &format!("{text}\n## Summary\n\nA claim.[^src]\n\n[^src]: A source.\n"),
        );
    }
    site.build_ok(&[]);
    let all = site.out("en/alpha/all/index.html");
    let ids = common::attr_values(&all, "id");
    let index = yanbao::pageindex::PageIndex::of(&all);
    assert!(
        index.duplicate_ids().is_empty(),
        "{:?}",
        index.duplicate_ids()
    );
    let hrefs = common::attr_values(&all, "href");
    let notes: Vec<&String> = hrefs.iter().filter(|h| h.contains("src")).collect();
    assert_eq!(notes.len(), 2, "{hrefs:?}");
    for h in notes {
        let id = common::percent_decode(h.trim_start_matches('#'));
        assert!(ids.contains(&id), "{h} leads nowhere");
    }
}

#[test]
fn a_chapter_may_not_take_the_one_page_view_s_name() {
    let site = TestSite::mini();
    for lang in ["en", "zh"] {
        site.write(
            &format!("content/reports/alpha/chapters/all.{lang}.md"),
            "---\ntitle: All\norder: 3\n---\n\nText.\n",
        );
    }
    let err = site.build_err(&[]);
    assert!(err.contains("`all`") && err.contains("reserved"), "{err}");
}
