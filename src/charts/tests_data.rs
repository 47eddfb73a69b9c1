//! Tests that a chart means what its data says: every series is drawn or refused, marks stay
//! inside their own part, phases keep their order, missing values are said, and every
//! refusal is located and says what to do.

use super::tests::{chart, draw, errors};
use super::*;

/// A chart of `kind` with two categories and the given series (name, points as YAML).
fn two_series(kind: &str, a: &str, b: &str) -> String {
    format!(
        "kind: {kind}\ntitle: t\nunit: \"%\"\ncategories: [\"2023\", \"2024\"]\nseries:\n  - name: A\n    points: [{a}]\n  - name: B\n    points: [{b}]\nsource: s\n"
    )
}

#[test]
fn a_bounds_chart_refuses_a_second_series_at_its_series_line() {
    let yaml = two_series(
        "bounds",
        "{value: 10, qualifier: gt}, {value: 20}",
        "{value: 30, qualifier: lt}, {value: 40}",
    );
    let e = errors(&yaml).remove(0);
    assert!(e.message.contains("draws one series"), "{e:?}");
    assert_eq!(e.location.line, Some(5));
    assert!(e.help.is_some());
    let one = "kind: bounds\ntitle: t\ncategories: [a]\nseries:\n  - name: A\n    points: [{value: 10}]\nsource: s\n";
    assert!(draw(&chart(one), "en").is_ok());
}

/// Every corner of every line and polygon of `d` (marks, ticks and arrowheads).
fn mark_points(d: &draw::Drawing) -> Vec<(f64, f64)> {
    d.shapes
        .iter()
        .flat_map(|s| match s {
            draw::Shape::Line { points, .. } | draw::Shape::Polygon { points, .. } => {
                points.clone()
            }
            _ => Vec::new(),
        })
        .collect()
}

/// The arrowheads of `d` (bound marks are the only black polygons).
fn heads(d: &draw::Drawing) -> Vec<Vec<(f64, f64)>> {
    d.shapes
        .iter()
        .filter_map(|s| match s {
            draw::Shape::Polygon {
                points,
                role: theme::Role::Text,
            } => Some(points.clone()),
            _ => None,
        })
        .collect()
}

#[test]
fn a_bound_arrow_in_a_100_percent_bar_stays_inside_its_own_part() {
    for parts in [
        ["30, qualifier: lt", "70, qualifier: lt"],
        ["40, qualifier: gt", "50, qualifier: lte"],
        ["3, qualifier: lt", "96, qualifier: gte"],
    ] {
        let yaml = format!(
            "kind: stacked100\ntitle: t\ncategories: [a]\nseries:\n  - name: A\n    points: [{{value: {}}}]\n  - name: B\n    points: [{{value: {}}}]\nsource: s\n",
            parts[0], parts[1]
        );
        let c = chart(&yaml);
        let values: Vec<f64> = c
            .spec
            .series
            .iter()
            .map(|s| s.points[0].as_ref().unwrap().value)
            .collect();
        for w in [WIDE, MID, NARROW] {
            let d = layout(&c.spec, &tests::words("en"), "en", w).unwrap();
            let x = |v: f64| 10.0 + (w - 20.0) * v / 100.0;
            let spans = [
                (x(0.0), x(values[0])),
                (x(values[0]), x(values[0] + values[1])),
            ];
            for head in heads(&d) {
                let (lo, hi) = head.iter().fold((f64::MAX, f64::MIN), |(lo, hi), p| {
                    (lo.min(p.0), hi.max(p.0))
                });
                assert!(
                    spans.iter().any(|(a, b)| lo >= a - 0.01 && hi <= b + 0.01),
                    "{parts:?} at {w}: head {lo}–{hi} is not inside one part of {spans:?}"
                );
            }
            for (px, py) in mark_points(&d) {
                assert!(
                    (0.0..=w).contains(&px) && (0.0..=d.height).contains(&py),
                    "{parts:?} at {w}: ({px}, {py}) off the canvas"
                );
            }
        }
    }
}

#[test]
fn bound_marks_of_every_kind_stay_on_the_canvas() {
    let cases = [
        (
            "bar",
            "{value: 100, qualifier: gt}, {value: 90, qualifier: lt}",
        ),
        (
            "bar",
            "{value: -100, qualifier: lt}, {value: 90, qualifier: gte}",
        ),
        (
            "hbar",
            "{value: 100, qualifier: gt}, {value: 90, qualifier: lt}",
        ),
        (
            "hbar",
            "{value: -100, qualifier: gt}, {value: 100, qualifier: lte}",
        ),
        (
            "bounds",
            "{value: 100, qualifier: gt}, {value: 0, qualifier: lt}",
        ),
        (
            "bounds",
            "{value: 100, qualifier: approx}, {value: 0, qualifier: approx}",
        ),
    ];
    for (kind, points) in cases {
        let yaml = format!("kind: {kind}\ntitle: t\ncategories: [a, b]\nseries:\n  - name: A\n    points: [{points}]\nsource: s\n");
        let c = chart(&yaml);
        for w in [WIDE, MID, NARROW] {
            let d = layout(&c.spec, &tests::words("en"), "en", w).unwrap();
            for (px, py) in mark_points(&d) {
                assert!(
                    (0.0..=w).contains(&px) && (0.0..=d.height).contains(&py),
                    "{kind} {points} at {w}: ({px}, {py}) off the canvas"
                );
            }
        }
    }
}

fn timeline(phases: &[&str]) -> String {
    let mut y = "kind: timeline\ntitle: t\nphases:\n".to_string();
    for p in phases {
        y.push_str(&format!("  - {{{p}, label: x}}\n"));
    }
    y + "source: s\n"
}

#[test]
fn phases_out_of_order_or_overlapping_are_refused_at_the_later_phase() {
    for (phases, says) in [
        (
            vec!["start: 2030, end: 2032", "start: 2024, end: 2025"],
            "phase 2 (2024–2025) overlaps or precedes phase 1 (2030–2032)",
        ),
        (
            vec!["start: 2024, end: 2030", "start: 2025, end: 2026"],
            "phase 2 (2025–2026) overlaps or precedes phase 1 (2024–2030)",
        ),
        (
            vec!["start: 2024", "start: 2030, end: 2031"],
            "phase 2 (2030–2031) comes after the open-ended phase 1 (2024+)",
        ),
    ] {
        let e = errors(&timeline(&phases)).remove(0);
        assert!(e.message.contains(says), "{e:?}");
        assert_eq!(e.location.line, Some(5), "{e:?}");
        assert!(e.help.is_some());
    }
    // Sharing the boundary year is a common way to write consecutive phases.
    chart(&timeline(&[
        "start: 2024, end: 2027",
        "start: 2027, end: 2029",
        "start: 2030",
    ]));
    let e = errors(&timeline(&["start: 2027, end: 2024"])).remove(0);
    assert!(
        e.message
            .contains("phase 1 (2027–2024) ends before it starts"),
        "{e:?}"
    );
    assert!(e.help.is_some());
}

#[test]
fn a_series_without_any_value_is_refused_at_its_points() {
    let all_gaps = "kind: line\ntitle: t\ncategories: [A, B, C]\nseries:\n  - name: n\n    points: [~, ~, ~]\nsource: s\n";
    for kind in [
        "bar",
        "hbar",
        "line",
        "stacked",
        "stacked100",
        "bounds",
        "pie",
    ] {
        let e = errors(&all_gaps.replace("kind: line", &format!("kind: {kind}"))).remove(0);
        assert!(e.message.contains("series 1 has no value"), "{kind}: {e:?}");
        assert_eq!(e.location.line, Some(6), "{kind}");
        assert!(e.help.is_some());
    }
    let e = errors(&two_series("bar", "{value: 1}, {value: 2}", "~, ~")).remove(0);
    assert!(e.message.contains("series 2 has no value"), "{e:?}");
}

#[test]
fn missing_values_are_said_in_table_csv_and_text_alternative() {
    let c = chart(&two_series("line", "~, {value: 2}", "~, {value: 3}"));
    for (lang, none) in [("en", "no value"), ("zh", "无数据")] {
        let f = draw(&c, lang).unwrap();
        assert_eq!(f.table.rows[0][1..], [none, none], "{lang}");
        assert!(
            f.alt.contains(&format!(
                "2023{}",
                tests::words(lang).fill("chart_alt_item", &[("label", ""), ("values", none)])
            )),
            "{lang}: {}",
            f.alt
        );
        let gap_rows: Vec<&str> = f.csv.lines().filter(|l| l.starts_with("2023,")).collect();
        assert_eq!(gap_rows.len(), 2, "{lang}: {}", f.csv);
        assert!(
            gap_rows
                .iter()
                .all(|l| l.contains(&format!(",,,,,{none},,s"))),
            "{lang}: {gap_rows:?}"
        );
    }
    let c = chart(&two_series(
        "bar",
        "{value: 1}, {value: 2}",
        "~, {value: 3}",
    ));
    let f = draw(&c, "en").unwrap();
    assert_eq!(f.table.rows[0][2], "no value");
    assert!(
        f.alt.contains("2023: A 1%, B no value; 2024: A 2%, B 3%"),
        "{}",
        f.alt
    );
}

#[test]
fn every_chart_error_says_what_to_do_and_names_categories_alike() {
    let bad = [
        two_series(
            "stacked",
            "{value: -1}, {value: 2}",
            "{value: 1}, {value: 2}",
        ),
        two_series("bar", "{value: 1}, {value: 2}", "{value: 1}, {value: 2}")
            .replace("source", "bands: [{from: 5, to: 1, label: b}]\nsource"),
        two_series(
            "stacked100",
            "{value: 60}, {value: 20}",
            "{value: 50}, {value: 20}",
        ),
        two_series("line", "{value: 1}, {value: 2}", "{value: 1}"),
        two_series("bar", "{value: 1}, {value: 1}", "{value: 1}, {value: 1}")
            .replace("  - name: B\n", "  - name: B\n    scope: wider\n"),
        two_series("pie", "{value: 1}, {value: 2}", "{value: 1}, {value: 2}"),
        timeline(&["start: 2030, end: 2024"]),
        timeline(&["start: 2030", "start: 2031"]),
        "kind: groups\ntitle: t\ngroups: []\nsource: s\n".into(),
        "kind: bar\ntitle: t\ncategories: []\nseries: []\nsource: s\n".into(),
    ];
    for yaml in &bad {
        for e in errors(yaml) {
            assert!(
                e.help.as_deref().is_some_and(|h| !h.is_empty()),
                "no help: {e:?}\n{yaml}"
            );
            assert!(!e.message.contains("category 0"), "{e:?}");
        }
    }
    let e = errors(&bad[2]).remove(0);
    assert!(
        e.message
            .contains("parts of category 1 (\"2023\") add up to 110"),
        "{e:?}"
    );
    assert_eq!(e.location.line, Some(9), "at B's first point: {e:?}");
    let e = errors(&bad[4]).remove(0);
    assert!(
        e.message
            .contains("category 1 (\"2023\") holds values of series 1 and 2"),
        "{e:?}"
    );
    let e = errors(&bad[0]).remove(0);
    assert!(e.message.contains("negative value -1"), "{e:?}");
}

#[test]
fn a_gap_that_keeps_scopes_apart_is_not_read_out_as_missing() {
    let yaml = two_series("bar", "{value: 1}, ~", "~, {value: 2}")
        .replace("  - name: B\n", "  - name: B\n    scope: wider\n");
    let f = draw(&chart(&yaml), "en").unwrap();
    assert!(!f.alt.contains("no value"), "{}", f.alt);
    assert_eq!(f.table.rows[0][2], "no value");
}
