//! Tests for honest encodings: approximate parts of a whole, and measures of another scope set
//! apart on every kind that can hold them.

use super::tests::{chart, draw, has_text, words};
use super::*;
use draw::Shape;
use theme::Role;

/// Slopes (+1 or -1, in SVG coordinates) of the 1 px hatch lines drawn in `role` below `y`.
fn hatch_slopes(d: &draw::Drawing, role: Role, below: f64) -> Vec<i8> {
    d.shapes
        .iter()
        .filter_map(|s| match s {
            Shape::Line {
                points,
                role: r,
                width: 1,
            } if *r == role && points.len() == 2 && points[0].1.min(points[1].1) > below => {
                let (a, b) = (points[0], points[1]);
                let slope = (b.1 - a.1) / (b.0 - a.0);
                (slope.is_finite() && slope != 0.0).then_some(if slope > 0.0 { 1 } else { -1 })
            }
            _ => None,
        })
        .collect()
}

const SHARES: &str = "kind: stacked100\ntitle: t\ncategories: [all]\nseries:\n  - name: B\n    points: [{value: 33.3, qualifier: approx}]\n  - name: C\n    points: [{value: 50, qualifier: gt}]\n  - name: G\n    points: [{value: 10}]\nsource: s\n";

#[test]
fn approximate_parts_of_a_whole_are_cross_hatched_and_exact_ones_solid() {
    let c = chart(SHARES);
    let d = layout(&c.spec, &words("en"), "en", WIDE).unwrap();
    // The bars start under the legend; the legend's swatches are checked below.
    let bar_top = d
        .shapes
        .iter()
        .filter_map(|s| match s {
            Shape::Rect {
                y0,
                role: Role::Series(2),
                fill: true,
                ..
            } => Some(*y0),
            _ => None,
        })
        .fold(0.0, f64::max);
    assert!(bar_top > 0.0);
    for si in [0, 1] {
        let slopes = hatch_slopes(&d, Role::Series(si), bar_top - 1.0);
        assert!(
            slopes.contains(&1) && slopes.contains(&-1),
            "part {si} is approximate: hatched both ways ({slopes:?})"
        );
    }
    assert!(
        hatch_slopes(&d, Role::Series(2), bar_top - 1.0).is_empty(),
        "the exact part is solid"
    );
}

#[test]
fn a_whole_s_legend_swatches_match_its_parts() {
    let c = chart(SHARES);
    let d = layout(&c.spec, &words("en"), "en", WIDE).unwrap();
    let first_bar = d
        .shapes
        .iter()
        .find_map(|s| match s {
            Shape::Rect { y0, y1, .. } if y1 - y0 > 30.0 => Some(*y0),
            _ => None,
        })
        .unwrap();
    // In the legend (above the bars) the approximate series' swatches are cross-hatched too,
    // and the exact one's is not.
    for si in [0, 1, 2] {
        let above: Vec<i8> = d
            .shapes
            .iter()
            .filter_map(|s| match s {
                Shape::Line {
                    points,
                    role,
                    width: 1,
                } if *role == Role::Series(si) && points.iter().all(|p| p.1 < first_bar) => Some(
                    if (points[1].1 - points[0].1) * (points[1].0 - points[0].0) > 0.0 {
                        1
                    } else {
                        -1
                    },
                ),
                _ => None,
            })
            .collect();
        let crossed = above.contains(&1) && above.contains(&-1);
        assert_eq!(crossed, si < 2, "swatch {si}: {above:?}");
    }
    let f = draw(&c, "en").unwrap();
    assert!(has_text(&f.svg, "Approximate or a bound"));
    let zh = draw(&c, "zh").unwrap();
    assert!(has_text(&zh.svg, "约数或界限"));
    // An exact whole needs no such swatch.
    let exact = SHARES
        .replace(", qualifier: approx", "")
        .replace(", qualifier: gt", "");
    assert!(!has_text(
        &draw(&chart(&exact), "en").unwrap().svg,
        "Approximate"
    ));
}

const SCOPED: &str = "kind: KIND\ntitle: t\ncategories: [a, b, c]\nseries:\n  - name: n\n    points: [{value: 2}, ~, {value: 3}]\n  - name: m\n    scope: {zh: 口径不同, en: Different scope}\n    points: [~, {value: 9}, ~]\nsource: s\n";

/// Centres of the data marks (filled bars and dots) of series `si`.
fn marks(d: &draw::Drawing, si: usize) -> Vec<(f64, f64)> {
    d.shapes
        .iter()
        .filter_map(|s| match s {
            Shape::Rect {
                x0,
                y0,
                x1,
                y1,
                role: Role::Series(i),
                fill: true,
                ..
            } if *i == si => Some(((x0 + x1) / 2.0, (y0 + y1) / 2.0)),
            Shape::Dot {
                x,
                y,
                role: Role::Series(i),
                ..
            } if *i == si => Some((*x, *y)),
            _ => None,
        })
        .collect()
}

#[test]
fn a_measure_of_another_scope_is_set_apart_on_every_kind_that_can_hold_it() {
    for kind in ["bar", "hbar", "stacked", "line"] {
        let c = chart(&SCOPED.replace("KIND", kind));
        for w in [NARROW, MID, WIDE] {
            let d = layout(&c.spec, &words("en"), "en", w).unwrap();
            let panels: Vec<[f64; 4]> = d
                .shapes
                .iter()
                .filter_map(|s| match s {
                    Shape::Rect {
                        x0,
                        y0,
                        x1,
                        y1,
                        role: Role::Grid,
                        fill: true,
                        ..
                    } if (y1 - y0) > 30.0 => Some([*x0, *y0, *x1, *y1]),
                    _ => None,
                })
                .collect();
            assert_eq!(panels.len(), 1, "{kind} at {w}: one panel, for b only");
            let [x0, y0, x1, y1] = panels[0];
            let inside = |(x, y): (f64, f64)| x > x0 && x < x1 && y > y0 && y < y1;
            // Legend swatches sit above the panels; the data marks are below their top.
            let other: Vec<_> = marks(&d, 1).into_iter().filter(|m| m.1 > y0).collect();
            assert!(
                !other.is_empty() && other.iter().all(|m| inside(*m)),
                "{kind} at {w}: {other:?} in {:?}",
                panels[0]
            );
            let main: Vec<_> = marks(&d, 0).into_iter().filter(|m| m.1 > y0).collect();
            assert!(
                !main.is_empty() && main.iter().all(|m| !inside(*m)),
                "{kind} at {w}: {main:?} outside"
            );
        }
        // No grid line or axis runs through the scope's text.
        let d = layout(&c.spec, &words("en"), "en", WIDE).unwrap();
        let scope_box = d
            .shapes
            .iter()
            .find(|s| matches!(s, Shape::Text { text, .. } if text.contains("Different")))
            .and_then(collide::text_box)
            .unwrap();
        let crossing = d.shapes.iter().any(|s| match s {
            Shape::Line {
                points,
                role: Role::Grid | Role::Muted,
                ..
            } => points.windows(2).any(|p| {
                let (x0, x1) = (p[0].0.min(p[1].0), p[0].0.max(p[1].0));
                let (y0, y1) = (p[0].1.min(p[1].1), p[0].1.max(p[1].1));
                x0 < scope_box[2] - 2.0
                    && x1 > scope_box[0] + 2.0
                    && y0 < scope_box[3] - 1.0
                    && y1 > scope_box[1] + 1.0
            }),
            _ => false,
        });
        assert!(!crossing, "{kind}: a rule crosses {scope_box:?}");
        let zh = draw(&c, "zh").unwrap();
        assert!(has_text(&zh.svg, "口径不同"), "{kind}");
        // The table and the CSV, read without the chart, say so too.
        assert!(
            zh.table.headers.iter().any(|h| h == "m（口径：口径不同）"),
            "{kind}: {:?}",
            zh.table.headers
        );
        assert!(zh.csv.contains("m（口径：口径不同）"), "{kind}");
    }
}

#[test]
fn measures_of_different_scope_never_share_a_category() {
    let mixed = SCOPED.replace(
        "[{value: 2}, ~, {value: 3}]",
        "[{value: 2}, {value: 4}, {value: 3}]",
    );
    for kind in ["bar", "hbar", "stacked", "line"] {
        let e = super::tests::errors(&mixed.replace("KIND", kind));
        assert!(e[0].message.contains("differ in `scope`"), "{kind}: {e:?}");
        assert_eq!(e[0].location.line, Some(9), "{kind}: at series 2's points");
    }
    let e = super::tests::errors(&SCOPED.replace("KIND", "bounds"));
    assert!(
        e.iter()
            .any(|e| e.message.contains("cannot set a series' `scope` apart")),
        "{e:?}"
    );
}

#[test]
fn neighbouring_categories_of_one_scope_share_one_panel() {
    let yaml = "kind: KIND\ntitle: t\ncategories: [a, b, c, d]\nseries:\n  - name: n\n    points: [{value: 2}, {value: 3}, ~, ~]\n  - name: m\n    scope: {zh: 含海外, en: With overseas}\n    points: [~, ~, {value: 9}, {value: 10}]\nsource: s\n";
    for kind in ["bar", "hbar", "stacked", "line"] {
        let c = chart(&yaml.replace("KIND", kind));
        for w in [NARROW, WIDE] {
            let d = layout(&c.spec, &words("en"), "en", w).unwrap();
            let panels = d
                .shapes
                .iter()
                .filter(|s| {
                    matches!(s, Shape::Rect { y0, y1, role: Role::Grid, fill: true, .. } if y1 - y0 > 30.0)
                })
                .count();
            let scope_texts = d
                .shapes
                .iter()
                .filter(|s| matches!(s, Shape::Text { text, .. } if text.contains("overseas")))
                .count();
            assert_eq!((panels, scope_texts), (1, 1), "{kind} at {w}");
        }
    }
}

#[test]
fn a_value_label_never_crosses_the_edge_of_a_bar() {
    // Category 7 at 280 px: the 11 label of the first series is wider than its bar and would
    // run across the taller neighbouring bar (12).
    let yaml = "kind: bar\ntitle: t\nunit: {zh: 亿元, en: RMB 100m}\ncategories: [a, b, c, d, e, f, g, h]\nseries:\n  - name: x\n    points: [{value: 5}, {value: 6}, {value: 7}, {value: 8}, {value: 9}, {value: 10}, {value: 11}, ~]\n  - name: y\n    points: [{value: 5.5}, {value: 6.2}, {value: 7}, ~, {value: 9}, {value: 10}, {value: 11.75}, {value: 12}]\nsource: s\n";
    let c = chart(yaml);
    for w in [NARROW, MID, WIDE] {
        let mut d = layout(&c.spec, &words("en"), "en", w).unwrap();
        d.drop_colliding_labels("note");
        let bars: Vec<[f64; 4]> = d
            .shapes
            .iter()
            .filter_map(|s| match s {
                Shape::Rect {
                    x0,
                    y0,
                    x1,
                    y1,
                    role: Role::Series(_),
                    fill: true,
                    ..
                } => Some([*x0, *y0, *x1, *y1]),
                _ => None,
            })
            .collect();
        let labels: Vec<[f64; 4]> = d
            .shapes
            .iter()
            .filter(|s| {
                matches!(
                    s,
                    Shape::Text {
                        droppable: true,
                        ..
                    }
                )
            })
            .filter_map(collide::text_box)
            .collect();
        // Wide enough, labels stay; at 280 px all may go to the table.
        assert!(w < MID || !labels.is_empty(), "at {w}");
        for l in &labels {
            for b in &bars {
                // Shrunk by the box's margin, so touching is not crossing.
                let crosses = l[0] + 2.0 < b[2]
                    && b[0] < l[2] - 2.0
                    && l[1] + 1.0 < b[3]
                    && b[1] < l[3] - 1.0;
                assert!(!crosses, "at {w}: label {l:?} crosses bar {b:?}");
            }
        }
    }
}

#[test]
fn a_bounds_legend_names_the_marks_it_draws() {
    let yaml = "kind: bounds\ntitle: t\ncategories: [a, b]\nseries:\n  - name: n\n    points: [{value: 70, qualifier: gt}, {value: 50, qualifier: approx}]\nsource: s\n";
    let svg = draw(&chart(yaml), "en").unwrap().svg;
    assert!(has_text(&svg, "Possible range") && has_text(&svg, "Approximate value"));
    let only_approx = yaml.replace("qualifier: gt", "qualifier: approx");
    let svg = draw(&chart(&only_approx), "zh").unwrap().svg;
    assert!(
        has_text(&svg, "约数") && !has_text(&svg, "可能范围"),
        "no swatch for a mark not drawn"
    );
}
