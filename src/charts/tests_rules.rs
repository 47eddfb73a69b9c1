//! Tests for the rules of issue 10: charts are never silently wrong on any data, speak the
//! site's language, and stay well-formed.

use super::tests::{chart, draw, errors, every_kind, has_text, langs, words, BAR, LANGS};
use super::*;
use collide::text_box;
use draw::Shape;

fn series(kind: &str, extra: &str, values: &[&str]) -> String {
    let cats: Vec<String> = (0..values.len()).map(|i| format!("c{i}")).collect();
    format!(
        "kind: {kind}\ntitle: t\n{extra}categories: [{}]\nseries:\n  - name: n\n    points: [{}]\nsource: s\n",
        cats.join(", "),
        values
            .iter()
            .map(|v| if *v == "~" { "~".to_string() } else { format!("{{value: {v}}}") })
            .collect::<Vec<_>>()
            .join(", ")
    )
}

fn first_error(yaml: &str) -> Diagnostic {
    errors(yaml).remove(0)
}

#[test]
fn a_declared_bound_that_cuts_data_is_a_located_error() {
    let e = first_error(&series("bar", "max: 50\n", &["61", "80", "100"]));
    assert!(e.message.contains("`max: 50` cuts the data"), "{e:?}");
    assert_eq!(e.location.line, Some(3));
    assert!(e.help.is_some());
    let e = first_error(&series("line", "min: 10\n", &["5", "20"]));
    assert!(e.message.contains("`min: 10` cuts the data"), "{e:?}");
}

#[test]
fn undrawable_bounds_and_ranges_are_errors_not_hangs() {
    let cases = [
        (
            series("bar", "max: .nan\n", &["1"]),
            "not a drawable number",
        ),
        (
            series("bar", "max: .inf\n", &["1"]),
            "not a drawable number",
        ),
        (series("bar", "scale: log\nmax: -5\n", &["1"]), "log scale"),
        (
            series("line", "min: 5\nmax: 5\n", &["5"]),
            "not above `min: 5`",
        ),
        (series("bar", "", &["1e308", "1e308"]), "too large to label"),
        (
            series("bar", "", &["-1e308", "1e308"]),
            "too large to label",
        ),
        (
            series("bar", "max: 1e308\n", &["-1"]),
            "not a drawable number",
        ),
        (
            series("stacked", "", &["9e307", "9e307"]),
            "too large to label",
        ),
        (series("bar", "decimals: 100000000\n", &["1"]), "decimals"),
        (
            series("bar", "", &["0.1234567"]),
            "more than the 6 decimals",
        ),
        (series("bar", "min: 5\n", &["6"]), "measured from zero"),
        (
            series("line", "min: 0\nmax: 1e-300\n", &["0"]),
            "`min: 0` to `max: 1e-300` is a span below 0.000001",
        ),
        (
            series("line", "min: 1\nmax: 1.0000001\n", &["1"]),
            "finer than a label can show",
        ),
    ];
    for (yaml, msg) in cases {
        let e = errors(&yaml);
        assert!(e.iter().any(|d| d.message.contains(msg)), "{msg}: {e:?}");
    }
    // Stacked totals are checked too: each part is labelable, the sum is not.
    let parts = "kind: stacked\ntitle: t\ncategories: [a]\nseries:\n  - name: x\n    points: [{value: 9e14}]\n  - name: y\n    points: [{value: 9e14}]\nsource: s\n";
    assert!(errors(parts)[0].message.contains("totals included"));
}

#[test]
fn ticks_are_bounded_for_any_axis() {
    for (min, max, log) in [
        (0.0, 1e15, false),
        (-1e15, 1e15, false),
        (0.0, 1e-6, false),
        (1e-6, 1e15, true),
        (5.0, 5.000001, false),
    ] {
        let a = frame::Axis { min, max, log };
        let ticks = a.ticks();
        assert!(
            !ticks.is_empty() && ticks.len() <= 13,
            "{min}..{max}: {ticks:?}"
        );
    }
}

#[test]
fn no_spec_found_in_the_issue_panics() {
    let long = "x".repeat(55);
    let yaml = format!("kind: stacked100\ntitle: t\ncategories: [a]\nseries:\n  - name: {long}\n    points: [{{value: 50}}]\nsource: s\n");
    for lang in LANGS {
        assert!(draw(&chart(&yaml), lang).is_ok());
    }
}

#[test]
fn source_values_are_never_rounded() {
    let c = chart(&series("bar", "unit: \"%\"\n", &["2.5", "0.4", "1"]));
    let f = draw(&c, "en").unwrap();
    assert!(
        has_text(&f.svg, "2.5%") && has_text(&f.svg, "0.4%"),
        "{}",
        f.svg
    );
    assert!(has_text(&f.svg, "1.0%"), "one precision per chart");
    assert_eq!(f.table.rows[1][1], "0.4%");
    assert!(f.alt.contains("2.5%"), "{}", f.alt);
    assert!(
        f.csv.contains(",2.5,") && f.csv.contains(",0.4,"),
        "{}",
        f.csv
    );
    // With `decimals` the labels round, the CSV still carries the source value.
    let c = chart(&series("bar", "decimals: 0\n", &["2.5"]));
    let f = draw(&c, "en").unwrap();
    assert!(f.csv.contains(",2.5,"), "{}", f.csv);
}

#[test]
fn a_gap_breaks_the_line() {
    let segments = |values: &[&str]| {
        let c = chart(&series("line", "", values));
        let d = layout(&c.spec, &words("en"), "en", WIDE).unwrap();
        d.shapes
            .iter()
            .filter(|s| {
                matches!(
                    s,
                    Shape::Line {
                        role: theme::Role::Series(0),
                        ..
                    }
                )
            })
            .count()
    };
    assert_eq!(segments(&["1", "~", "3"]), 0);
    assert_eq!(segments(&["1", "2", "~", "4", "5"]), 2);
}

#[test]
fn value_labels_never_overlap_at_any_width() {
    let cats: Vec<String> = (0..8).map(|i| format!("\"202{i}\"")).collect();
    let pts: Vec<String> = (0..8).map(|i| format!("{{value: {}}}", 5 + i)).collect();
    let yaml = |kind: &str| {
        format!("kind: {kind}\ntitle: t\nunit: RMB 100m\ncategories: [{}]\nseries:\n  - name: a\n    points: [{}]\n  - name: b\n    points: [{}]\nsource: s\n", cats.join(","), pts.join(","), pts.join(","))
    };
    for kind in ["bar", "hbar", "stacked", "line"] {
        let c = chart(&yaml(kind));
        for w in [280.0, 320.0, 440.0, 480.0, 640.0, 1000.0] {
            let mut d = layout(&c.spec, &words("en"), "en", w).unwrap();
            d.drop_colliding_labels("note");
            let boxes: Vec<[f64; 4]> = d.shapes.iter().filter_map(text_box).collect();
            for (i, a) in boxes.iter().enumerate() {
                for b in &boxes[i + 1..] {
                    let overlap = a[0] + 1.0 < b[2]
                        && b[0] + 1.0 < a[2]
                        && a[1] + 1.0 < b[3]
                        && b[1] + 1.0 < a[3];
                    assert!(!overlap, "{kind} at {w}: {a:?} overlaps {b:?}");
                }
            }
        }
    }
}

#[test]
fn each_kind_has_its_own_schema() {
    let e = first_error(&series("bar", "phases: []\n", &["1"]));
    assert!(e.message.contains("unknown field `phases`"), "{e:?}");
    assert_eq!(e.location.line, Some(3));
    let help = e.help.unwrap();
    assert!(
        help.contains("`phases` belongs to `timeline` charts, not `bar` charts"),
        "{help}"
    );
    // A field several kinds share names them all; a plain typo gets no "belongs".
    let e = first_error("kind: timeline\ntitle: t\nphases: []\nremainder: r\nsource: s\n");
    assert!(e.help.unwrap().contains("belongs to `stacked100` charts"));
    let e = first_error("kind: pie\ntitle: t\nscale: log\nsource: s\n");
    let help = e.help.unwrap();
    assert!(
        help.contains("`bar`, `hbar`, `stacked`, `line` charts"),
        "{help}"
    );
    let e = first_error(&series("bar", "", &["1"]).replace("categories", "categores"));
    let help = e.help.unwrap();
    assert!(help.contains("did you mean `categories`"));
    assert!(!help.contains("belongs"), "{help}");
    let e = first_error("kind: timeline\ntitle: t\nphases: []\nunit: x\nsource: s\n");
    assert!(e.message.contains("unknown field `unit`"), "{e:?}");
}

#[test]
fn chart_ids_follow_one_rule() {
    for good in ["market-size", "b2b-vs-b2c", "a1"] {
        assert!(valid_id(good), "{good}");
    }
    for bad in ["a&b", "A", "a b", "-a", "a-", "a--b", "图表", "a\"b", ""] {
        assert!(!valid_id(bad), "{bad}");
        let e = load(bad, Path::new("charts/x.yaml"), BAR, &langs()).expect_err(bad);
        assert!(e[0].help.as_ref().unwrap().contains("lowercase"), "{e:?}");
    }
}

#[test]
fn every_svg_is_well_formed_xml_with_hostile_text() {
    let hostile = "A & B <i>\\\"quoted\\\" 'x'</i>";
    for (kind, yaml) in every_kind() {
        let yaml = yaml
            .replacen("title: t\n", &format!("title: \"{hostile}\"\n"), 1)
            .replace(
                "title: {zh: 规模, en: Size}",
                &format!("title: \"{hostile}\""),
            );
        let c = chart(&yaml);
        for lang in LANGS {
            let f = draw(&c, lang).unwrap();
            roxmltree::Document::parse(&f.svg_file)
                .unwrap_or_else(|e| panic!("{kind}: {e}\n{}", f.svg_file));
            let wrapped = format!("<div>{}</div>", f.svg);
            roxmltree::Document::parse(&wrapped).unwrap_or_else(|e| panic!("{kind}: {e}"));
        }
    }
}

#[test]
fn a_third_language_needs_no_code() {
    let ja: std::collections::BTreeMap<String, String> =
        serde_yaml::from_str(include_str!("../../tests/fixtures/charts/ja-words.yaml")).unwrap();
    let en: std::collections::BTreeMap<String, String> =
        serde_yaml::from_str(include_str!("../../content/i18n/en.yaml")).unwrap();
    let zh: std::collections::BTreeMap<String, String> =
        serde_yaml::from_str(include_str!("../../content/i18n/zh.yaml")).unwrap();
    for k in en.keys().filter(|k| k.starts_with("chart_")) {
        assert!(ja.contains_key(k) && zh.contains_key(k), "`{k}` missing");
    }
    let ja = Words::from(ja);
    let langs: Vec<String> = vec!["ja".into()];
    for (kind, yaml) in every_kind() {
        let yaml = yaml
            .replace("zh:", "ja:")
            .replace(", en: ", ", xx: ")
            .replace("{en:", "{xx:");
        let Ok(c) = load("c", Path::new("charts/c.yaml"), &yaml, &langs) else {
            continue;
        };
        let f = render(&c, "ja", &ja).unwrap_or_else(|e| panic!("{kind}: {e:?}"));
        let all = format!("{}{}{:?}{}", f.svg, f.csv, f.table, f.alt);
        for word in [
            "Category",
            "Estimate",
            "Forecast",
            "Possible range",
            "Phase",
            "类别",
            "估计",
            "预测",
            "阶段",
            "可能范围",
            "chart_",
        ] {
            assert!(!all.contains(word), "{kind}: `{word}` in a ja chart: {all}");
        }
    }
    let c = chart(&every_kind()[0].1);
    let f = render(&c, "zh", &ja).unwrap();
    assert!(
        has_text(&f.svg, "見込み") && f.csv.contains("カテゴリ"),
        "{}",
        f.csv
    );
}

#[test]
fn timeline_phases_are_proportional_to_their_years() {
    let c = chart("kind: timeline\ntitle: t\nphases:\n  - {start: 2024, end: 2027, label: a}\n  - {start: 2028, end: 2029, label: b}\n  - {start: 2030, label: c}\nsource: s\n");
    let d = layout(&c.spec, &words("en"), "en", WIDE).unwrap();
    let widths: Vec<f64> = d
        .shapes
        .iter()
        .filter_map(|s| match s {
            Shape::Rect {
                x0, x1, opacity, ..
            } if *opacity < 1.0 => Some(x1 - x0 + 3.0),
            _ => None,
        })
        .collect();
    assert_eq!(widths.len(), 3);
    assert!((widths[0] / widths[1] - 2.0).abs() < 0.05, "{widths:?}");
}

#[test]
fn log_scales_draw_dots_not_bars() {
    for kind in ["bar", "hbar"] {
        let c = chart(&series(kind, "scale: log\n", &["8", "70", "400"]));
        let d = layout(&c.spec, &words("en"), "en", WIDE).unwrap();
        let bars = d
            .shapes
            .iter()
            .filter(|s| {
                matches!(
                    s,
                    Shape::Rect {
                        role: theme::Role::Series(_),
                        ..
                    }
                )
            })
            .count();
        let dots = d
            .shapes
            .iter()
            .filter(|s| {
                matches!(
                    s,
                    Shape::Dot {
                        role: theme::Role::Series(_),
                        ..
                    }
                )
            })
            .count();
        assert_eq!((bars, dots), (0, 3), "{kind}");
    }
}

#[test]
fn a_lower_bound_in_a_whole_is_drawn_as_a_bound() {
    let (_, yaml) = every_kind()
        .into_iter()
        .find(|(k, _)| *k == "stacked100")
        .unwrap();
    let d = layout(&chart(&yaml).spec, &words("en"), "en", WIDE).unwrap();
    let arrows = d
        .shapes
        .iter()
        .filter(|s| {
            matches!(
                s,
                Shape::Polygon {
                    role: theme::Role::Text,
                    ..
                }
            )
        })
        .count();
    assert_eq!(arrows, 1, "one arrow for the one `gt` part");
}

#[test]
fn a_single_series_legend_uses_the_series_colour() {
    let c = chart(BAR);
    let entries = frame::legend_entries(&c.spec, &words("en"), "en", false);
    assert!(!entries.is_empty());
    assert!(entries.iter().all(|e| e.role == theme::Role::Series(0)));
}

#[test]
fn the_download_carries_title_caption_unit_notes_and_source() {
    let yaml = BAR.replace(
        "source: {zh: 来源, en: Source}",
        "caption: {zh: 副标题, en: The subtitle}\nnotes: [{zh: 注释一, en: First note}]\nsource: {zh: 量子位, en: QbitAI}",
    );
    let c = chart(&yaml);
    let en = draw(&c, "en").unwrap();
    for text in [
        "Size",
        "The subtitle",
        "Unit: RMB 100m",
        "First note",
        "Source: QbitAI",
    ] {
        assert!(has_text(&en.svg_file, text), "`{text}` missing");
        assert!(
            !has_text(&en.svg, text) || text == "Size",
            "`{text}` is for the file only"
        );
    }
    let zh = draw(&c, "zh").unwrap();
    for text in ["规模", "副标题", "单位：亿元", "注释一", "来源：量子位"] {
        assert!(has_text(&zh.svg_file, text), "`{text}` missing");
    }
}

#[test]
fn an_order_of_magnitude_is_drawn_as_its_decade() {
    let yaml = "kind: bar\nscale: log\ntitle: t\ncategories: [a, b]\nseries:\n  - name: n\n    points: [{value: 200, qualifier: approx}, {value: 1000, qualifier: magnitude}]\nsource: s\n";
    let c = chart(yaml);
    let d = layout(&c.spec, &words("en"), "en", WIDE).unwrap();
    let axis = frame::Axis::for_spec(&c.spec, false).unwrap();
    assert!(axis.max >= 10_000.0, "the axis holds the whole decade");
    let ranges: Vec<f64> = d
        .shapes
        .iter()
        .filter_map(|s| match s {
            Shape::Rect {
                y0,
                y1,
                role: theme::Role::Series(0),
                ..
            } => Some(y1 - y0),
            _ => None,
        })
        .filter(|h| *h > 12.0) // not the legend swatch
        .collect();
    assert_eq!(ranges.len(), 1, "one range, the approx value stays a dot");
    assert!(ranges[0] > 40.0, "the range spans a decade: {ranges:?}");
    let f = draw(&c, "en").unwrap();
    assert!(has_text(&f.svg, "1,000–10,000"), "{}", f.svg);
    assert!(has_text(&f.svg, "Order of magnitude (range)"));
    assert!(f.csv.contains(",1000,,magnitude,"), "{}", f.csv);
    let e = errors(&yaml.replace("scale: log\n", ""));
    assert!(e[0].message.contains("order of magnitude"), "{e:?}");
}

#[test]
fn a_bound_on_a_bar_or_dot_is_drawn_as_a_bound() {
    for (kind, scale) in [
        ("bar", ""),
        ("hbar", ""),
        ("bar", "scale: log\n"),
        ("hbar", "scale: log\n"),
    ] {
        let yaml = format!("kind: {kind}\n{scale}title: t\ncategories: [a, b, c]\nseries:\n  - name: n\n    points: [{{value: 50, qualifier: gt}}, {{value: 20, qualifier: lt}}, {{value: 30}}]\nsource: s\n");
        let d = layout(&chart(&yaml).spec, &words("en"), "en", WIDE).unwrap();
        let arrows = d
            .shapes
            .iter()
            .filter(|s| {
                matches!(
                    s,
                    Shape::Polygon {
                        role: theme::Role::Text,
                        ..
                    }
                )
            })
            .count();
        assert_eq!(
            arrows, 2,
            "{kind} {scale}: one arrow per bound, none for the exact value"
        );
    }
}
