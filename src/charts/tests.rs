use super::*;

pub(super) const LANGS: [&str; 2] = ["zh", "en"];

pub(super) fn langs() -> Vec<String> {
    LANGS.iter().map(|s| s.to_string()).collect()
}

/// The chart words of the default site's language files.
pub(super) fn words(lang: &str) -> Words {
    let text = match lang {
        "zh" => include_str!("../../content/i18n/zh.yaml"),
        _ => include_str!("../../content/i18n/en.yaml"),
    };
    Words::from(serde_yaml::from_str::<std::collections::BTreeMap<String, String>>(text).unwrap())
}

pub(super) fn draw(c: &ChartSpec, lang: &str) -> Result<Figure, Diagnostic> {
    render(c, lang, &words(lang))
}

pub(super) fn chart(yaml: &str) -> ChartSpec {
    load("c", Path::new("charts/c.yaml"), yaml, &langs()).unwrap_or_else(|e| panic!("{e:?}"))
}

pub(super) fn errors(yaml: &str) -> Vec<Diagnostic> {
    load("c", Path::new("charts/c.yaml"), yaml, &langs()).expect_err("should fail")
}

pub(super) const BAR: &str = "kind: bar\ntitle: {zh: 规模, en: Size}\nunit: {zh: 亿元, en: RMB 100m}\ncategories: [\"2024\", \"2030\"]\nseries:\n  - name: {zh: 市场, en: Market}\n    points:\n      - {value: 200, qualifier: approx, status: estimate}\n      - {value: 10000, qualifier: gt, status: forecast}\nsource: {zh: 来源, en: Source}\n";

/// (x, anchor, font size, text) of every text element.
pub(super) fn texts(svg: &str) -> Vec<(f64, String, f64, String)> {
    let attr = |piece: &str, name: &str| {
        piece
            .split(&format!("{name}=\""))
            .nth(1)
            .and_then(|v| v.split('"').next())
            .unwrap_or("")
            .to_string()
    };
    svg.split("<text")
        .skip(1)
        .map(|piece| {
            let content = piece[piece.find('>').unwrap() + 1..piece.find("</text>").unwrap()]
                .trim()
                .to_string();
            (
                attr(piece, "x").parse().unwrap(),
                attr(piece, "text-anchor"),
                attr(piece, "font-size").parse().unwrap(),
                content,
            )
        })
        .collect()
}

pub(super) fn has_text(svg: &str, t: &str) -> bool {
    texts(svg).iter().any(|(_, _, _, c)| c == t)
}

pub(super) fn every_kind() -> Vec<(&'static str, String)> {
    let bounds = "kind: bounds\ntitle: {zh: 留存, en: Retention}\nunit: \"%\"\ncategories: [{zh: 活跃率, en: Activity}]\nseries:\n  - name: x\n    points: [{value: 20, qualifier: lt}]\nsource: QuestMobile\n";
    vec![
        ("bar", BAR.to_string()),
        ("hbar", BAR.replace("kind: bar", "kind: hbar\nscale: log")),
        ("stacked", BAR.replace("kind: bar", "kind: stacked").replace("qualifier: gt, ", "")),
        ("line", BAR.replace("kind: bar", "kind: line").replace("qualifier: gt, ", "")),
        ("bounds", bounds.to_string()),
        ("stacked100", "kind: stacked100\ntitle: {zh: 构成, en: Mix}\ncategories: [all]\nseries:\n  - name: {zh: B端, en: B-end}\n    points: [{value: 33, qualifier: approx}]\n  - name: {zh: C端, en: C-end}\n    points: [{value: 50, qualifier: gt}]\nsource: s\n".into()),
        ("pie", "kind: pie\ntitle: t\ncategories: [a, b]\nseries:\n  - name: n\n    points: [{value: 40}, {value: 60}]\nsource: s\n".into()),
        ("donut", "kind: donut\ntitle: t\ncategories: [a, b]\nseries:\n  - name: n\n    points: [{value: 40}, {value: 60}]\nsource: s\n".into()),
        ("timeline", "kind: timeline\ntitle: t\nphases:\n  - {start: 2024, end: 2027, label: {zh: 产品落地, en: Products land}}\n  - {start: 2030, label: {zh: 规模化盈利, en: Profit at scale}}\nsource: s\n".into()),
        ("groups", "kind: groups\ntitle: t\ngroups:\n  - name: {zh: 成熟, en: Mature}\n    items: [{zh: 营销, en: Marketing}]\nsource: s\n".into()),
        ("shifts", "kind: shifts\ntitle: t\nshifts:\n  - {from: Agent, to: OS}\nsource: s\n".into()),
    ]
}

#[test]
pub(super) fn every_kind_renders_scalable_accessible_deterministic_svg() {
    for (kind, yaml) in every_kind() {
        let c = chart(&yaml);
        for lang in LANGS {
            let f = draw(&c, lang).unwrap();
            assert_eq!(f.kind, kind);
            for svg in [&f.svg, &f.svg_file] {
                assert!(svg.contains("viewBox=\"0 0 "), "{kind}");
                assert!(svg.contains("role=\"img\""), "{kind}");
                assert!(
                    svg.contains("<title id=\"c-") && svg.contains("<desc id=\"c-"),
                    "{kind}"
                );
            }
            let root = &f.svg[f.svg.find("<svg").unwrap()..];
            let open = &root[..root.find('>').unwrap()];
            assert!(
                !open.contains(" width=") && !open.contains(" height="),
                "{kind}: fixed size in {open}"
            );
            assert!(
                !f.svg.contains("fill=\"#") && !f.svg.contains("stroke=\"#"),
                "{kind}: colours on the page must be themeable"
            );
            // The download stands alone: resolved colours, a size, a named font stack.
            assert!(!f.svg_file.contains("var("), "{kind}");
            assert!(f.svg_file.contains(" width=\"640\""), "{kind}");
            assert!(f.svg_file.contains("Noto Sans CJK SC"), "{kind}");
            assert_eq!(
                draw(&c, lang).unwrap().svg,
                f.svg,
                "{kind} is not deterministic"
            );
            assert!(
                f.csv.starts_with('\u{feff}') && f.csv.ends_with("\r\n"),
                "{kind}"
            );
            assert!(!f.table.rows.is_empty() && !f.alt.is_empty(), "{kind}");
        }
    }
}

#[test]
fn labels_carry_qualifiers_and_statuses() {
    let c = chart(BAR);
    let zh = draw(&c, "zh").unwrap();
    assert!(has_text(&zh.svg, "≈200亿元"), "{}", zh.svg);
    assert!(has_text(&zh.svg, "&gt;10,000亿元"), "{}", zh.svg);
    assert!(
        has_text(&zh.svg, "估计") && has_text(&zh.svg, "预测"),
        "legend names statuses"
    );
    assert_eq!(zh.table.rows[0], vec!["2024", "≈200亿元（估计）"]);
    let en = draw(&c, "en").unwrap();
    assert!(has_text(&en.svg, "≈200 RMB 100m"));
    assert_eq!(en.table.rows[1][1], ">10,000 RMB 100m (forecast)");
    assert!(
        en.csv
            .contains("\r\n2030,Market,10000,RMB 100m,gt,forecast,,,Source\r\n"),
        "{}",
        en.csv
    );
    assert!(
        en.alt.starts_with("Size: 2024: ≈200 RMB 100m (estimate)"),
        "{}",
        en.alt
    );
}

#[test]
fn upper_bound_is_drawn_as_a_range_not_a_point() {
    let (_, yaml) = every_kind()
        .into_iter()
        .find(|(k, _)| *k == "bounds")
        .unwrap();
    let f = draw(&chart(&yaml), "en").unwrap();
    assert!(has_text(&f.svg, "&lt;20%"));
    assert!(has_text(&f.svg, "Possible range"));
    assert!(!f.svg.contains("<circle"), "a bound is not a point");
}

#[test]
fn remainder_of_a_partial_whole_is_named_not_computed() {
    let (_, yaml) = every_kind()
        .into_iter()
        .find(|(k, _)| *k == "stacked100")
        .unwrap();
    let f = draw(&chart(&yaml), "zh").unwrap();
    assert!(has_text(&f.svg, "未说明"));
    assert!(
        texts(&f.svg).iter().all(|t| !t.3.contains("17")),
        "no invented number for the remainder"
    );
    assert!(f.table.rows.iter().flatten().all(|c| !c.contains("17")));
}

#[test]
fn chinese_labels_wrap_inside_the_canvas() {
    let yaml = BAR.replace("[\"2024\", \"2030\"]", "[{zh: 技术相对成熟商业模式清晰且营收可观的赛道, en: a}, {zh: 技术尚不成熟但潜力巨大的赛道, en: b}]");
    let f = draw(&chart(&yaml), "zh").unwrap();
    let narrow = &f.svg[f.svg.find("chart-narrow").unwrap()..];
    for (x, anchor, size, content) in texts(narrow) {
        let w = text::width(
            &content
                .replace("&gt;", ">")
                .replace("&lt;", "<")
                .replace("&amp;", "&"),
            size,
        );
        let (a, b) = match anchor.as_str() {
            "middle" => (x - w / 2.0, x + w / 2.0),
            "end" => (x - w, x),
            _ => (x, x + w),
        };
        assert!(
            a >= -1.0 && b <= 281.0,
            "label `{content}` leaves the 280px canvas ({a}..{b})"
        );
    }
}

#[test]
fn bad_input_names_the_line_and_the_fix() {
    let cases = [
        (BAR.replace("kind: bar", "kind: radar"), 1, "unknown variant `radar`"),
        (BAR.replace("      - {value: 10000, qualifier: gt, status: forecast}\n", ""), 7, "1 points but there are 2 categories"),
        (BAR.replace("value: 200", "value: .nan"), 8, "not a finite number"),
        (BAR.replace("value: 200", "value: lots"), 8, "invalid type"),
        (BAR.replace("kind: bar", "kind: bar\nscale: log").replace("value: 200", "value: 0"), 9, "log scale"),
        (BAR.replace("{zh: 市场, en: Market}", "{zh: 市场}"), 6, "has no text for `en`"),
        (BAR.replace("kind: bar", "kind: line"), 9, "cannot draw the bound"),
        ("kind: pie\ntitle: t\ncategories: [a, b]\nseries:\n  - name: n\n    points: [{value: 40}, {value: 50}]\nsource: s\n".into(), 4, "add up to 100"),
    ];
    for (yaml, line, msg) in cases {
        let e = errors(&yaml);
        let d = e
            .iter()
            .find(|d| d.message.contains(msg))
            .unwrap_or_else(|| panic!("no `{msg}` in {e:?}"));
        assert_eq!(d.location.line, Some(line), "{msg}: {d:?}");
        assert!(d.location.file.ends_with("charts/c.yaml"));
    }
}

#[test]
fn extreme_data_renders_without_panicking() {
    let many: Vec<String> = (0..25).map(|i| format!("{{zh: 很长很长的中文类别标签第{i}项, en: A rather long category label number {i}}}")).collect();
    let points: Vec<String> = (0..25)
        .map(|i| format!("{{value: {}}}", 10f64.powi(i % 12)))
        .collect();
    for kind in ["bar", "hbar", "stacked", "line"] {
        for scale in ["linear", "log"] {
            if kind == "stacked" && scale == "log" {
                continue;
            }
            let yaml = format!(
                "kind: {kind}\nscale: {scale}\ntitle: t\ncategories: [{}]\nseries:\n  - name: n\n    points: [{}]\nsource: s\n",
                many.join(", "),
                points.join(", ")
            );
            let c = chart(&yaml);
            for lang in LANGS {
                let f = draw(&c, lang).unwrap();
                assert!(f.svg.contains("</svg>"), "{kind} {scale}");
            }
        }
    }
    let one = "kind: bar\ntitle: t\ncategories: [a]\nseries:\n  - name: n\n    points: [{value: 0}]\nsource: s\n";
    assert!(draw(&chart(one), "en").is_ok());
}

#[test]
fn a_derived_series_is_labelled_with_its_rule() {
    let yaml = "kind: line\ntitle: t\ncategories: [\"2024\", \"2025\"]\nseries:\n  - name: {zh: 实际, en: Stated}\n    points: [{value: 200}, ~]\n  - name: {zh: 推算路径, en: Implied path}\n    derived: {zh: 按30%年增速推算, en: 30% a year from 2024}\n    points: [{value: 200}, {value: 260, status: estimate}]\nsource: s\n";
    let f = draw(&chart(yaml), "en").unwrap();
    assert!(
        has_text(&f.svg, "Implied path (derived)"),
        "legend marks it"
    );
    assert_eq!(
        f.table.headers[2],
        "Implied path (derived: 30% a year from 2024)"
    );
    let zh = draw(&chart(yaml), "zh").unwrap();
    assert!(has_text(&zh.svg, "推算路径（推算）"));
    assert!(zh.csv.contains("推算路径（推算：按30%年增速推算）"));
}

#[test]
pub(super) fn charts_css_matches_the_palette() {
    let css = include_str!("../../static/charts.css").replace([' ', '\n'], "");
    for dark in [false, true] {
        for decl in theme::css_variables(dark).split_terminator(';') {
            assert!(css.contains(&format!("{decl};")), "static/charts.css lacks `{decl}` (dark: {dark}); keep it in sync with src/charts/theme.rs");
        }
    }
}

#[test]
fn log_charts_write_each_value_and_tick_without_padding() {
    for kind in ["bar", "hbar", "line"] {
        let yaml = format!("kind: {kind}\nscale: log\ntitle: t\nunit: B\ncategories: [a, b, c, d]\nseries:\n  - name: n\n    points: [{{value: 0.001}}, {{value: 10}}, {{value: 1000000}}, {{value: 400}}]\nsource: s\n");
        for lang in LANGS {
            let f = draw(&chart(&yaml), lang).unwrap();
            let shown: Vec<String> = texts(&f.svg).into_iter().map(|t| t.3).collect();
            for tick in ["0.001", "0.01", "1", "10", "1,000", "100,000"] {
                assert!(
                    shown.iter().any(|s| s == tick),
                    "{kind} {lang}: tick {tick}"
                );
            }
            assert!(
                shown
                    .iter()
                    .all(|s| !s.contains("10.0") && !s.contains(".000 ")),
                "{kind} {lang}: padded label in {shown:?}"
            );
            for row in &f.table.rows {
                assert!(!row[1].contains(".000"), "{kind} {lang}: table {row:?}");
            }
        }
        // A linear chart keeps one count of decimals, so its labels line up.
        let linear = draw(&chart(&yaml.replace("scale: log\n", "")), "en").unwrap();
        assert!(has_text(&linear.svg, "400.000 B") || kind == "line");
    }
}

#[test]
fn a_bound_track_writes_its_declared_end_exactly() {
    let yaml = "kind: bounds\ntitle: t\nunit: \"%\"\nmax: 12.5\ncategories: [a]\nseries:\n  - name: n\n    points: [{value: 5, qualifier: lt}]\nsource: s\n";
    for lang in LANGS {
        let f = draw(&chart(yaml), lang).unwrap();
        assert!(has_text(&f.svg, "12.5%"), "{lang}: {:?}", texts(&f.svg));
    }
}
