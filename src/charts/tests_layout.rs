//! Layout rules over generated charts: work grows linearly with the points, and every text stays
//! inside the canvas and clear of other text, in every layout and language.

use super::tests::{chart, draw, LANGS};
use super::*;

/// A chart of `kind` with `n` categories and `k` series of varied values (some negative where
/// the kind draws them).
fn many(kind: &str, n: usize, k: usize) -> String {
    let signed = matches!(kind, "bar" | "hbar" | "line");
    let cats: Vec<String> = (0..n)
        .map(|i| format!("{{zh: 类别{i}, en: C{i}}}"))
        .collect();
    let mut y = format!(
        "kind: {kind}\ntitle: t\nunit: \"%\"\ncategories: [{}]\nseries:\n",
        cats.join(", ")
    );
    for s in 0..k {
        let pts: Vec<String> = (0..n)
            .map(|i| {
                let v = ((i * 37 + s * 11) % 90 + 1) as f64 / k as f64;
                let v = if signed && i % 7 == 3 { -v } else { v };
                format!("{{value: {v:.1}}}")
            })
            .collect();
        y.push_str(&format!(
            "  - name: s{s}\n    points: [{}]\n",
            pts.join(", ")
        ));
    }
    y + "source: s\n"
}

/// Counted steps (see [`work`]) to render a chart whole: three layouts, download, table, CSV
/// and text alternative, in both languages.
fn steps(yaml: &str) -> usize {
    let c = chart(yaml);
    work::take();
    for lang in LANGS {
        draw(&c, lang).unwrap();
    }
    work::take()
}

/// Most counted steps per point for a whole render (eight SVGs, tables, CSVs and alts): each
/// label costs a bounded number of collision checks, each cell one decimal count.
const STEPS_PER_POINT: usize = 250;

#[test]
fn work_grows_linearly_with_the_points() {
    // Quadratic work — the data table reading every point for each cell, every label checked
    // against every bar — costs thousands of steps per point at this size, not hundreds.
    for kind in ["bar", "stacked", "hbar", "line", "bounds", "stacked100"] {
        // A `bounds` chart draws one series.
        let series: &[usize] = if kind == "bounds" { &[1] } else { &[1, 5] };
        for &k in series {
            let n = 640;
            let steps = steps(&many(kind, n, k));
            assert!(
                steps <= STEPS_PER_POINT * n * k,
                "{kind}: {steps} steps for {n} categories × {k} series"
            );
        }
    }
}

/// Charts that push text to the edges: long first and last labels with words longer than a
/// slot, huge negative values beside positive ones, many categories.
fn edge_cases(kind: &str) -> Vec<String> {
    let long = "{zh: 二零二一年第一季度（修订后口径）很长的类别名称, en: \"Q1 2021 Supercalifragilisticexpialidocious (revised definition of the measure)\"}";
    let mut out = Vec::new();
    for values in [
        vec!["-1000000000000", "500000000000", "0.5"],
        vec!["-250000", "120000", "3"],
        vec!["1", "2", "3"],
    ] {
        let cats = format!("[{long}, b, {long}]");
        let pts: Vec<String> = values.iter().map(|v| format!("{{value: {v}}}")).collect();
        out.push(format!(
            "kind: {kind}\ntitle: t\ncategories: {cats}\nseries:\n  - name: s\n    points: [{}]\nsource: s\n",
            pts.join(", ")
        ));
    }
    for n in [12, 16, 45] {
        let cats: Vec<String> = (0..n)
            .map(|i| format!("{{zh: 第{i}号很长的省份名称, en: Province number {i} long}}"))
            .collect();
        let pts: Vec<String> = (0..n).map(|i| format!("{{value: {}}}", i + 1)).collect();
        out.push(format!(
            "kind: {kind}\ntitle: t\ncategories: [{}]\nseries:\n  - name: s\n    points: [{}]\nsource: s\n",
            cats.join(", "),
            pts.join(", ")
        ));
    }
    out
}

/// Every text box of a laid-out chart (value labels already thinned), without the estimate's
/// margin, which may reach past the edge.
fn drawn_texts(d: &draw::Drawing) -> Vec<(String, [f64; 4])> {
    texts_where(d, |_| true)
}

/// The text boxes of [`drawn_texts`] whose shape passes `keep`.
fn texts_where(d: &draw::Drawing, keep: impl Fn(&draw::Shape) -> bool) -> Vec<(String, [f64; 4])> {
    d.shapes
        .iter()
        .filter(|s| keep(s))
        .filter_map(|s| match s {
            draw::Shape::Text { text, .. } => {
                let b = collide::text_box(s)?;
                Some((
                    text.clone(),
                    [b[0] + 2.0, b[1] + 1.0, b[2] - 2.0, b[3] - 1.0],
                ))
            }
            _ => None,
        })
        .collect()
}

/// Lays out each edge case of `kinds` in every layout and language and checks `rule`.
fn for_every_layout(kinds: &[&str], rule: impl Fn(&str, &draw::Drawing)) {
    for kind in kinds {
        for yaml in edge_cases(kind) {
            let Ok(c) = load("c", Path::new("charts/c.yaml"), &yaml, &tests::langs()) else {
                continue;
            };
            for lang in LANGS {
                for w in [WIDE, MID, NARROW] {
                    let Ok(mut d) = layout(&c.spec, &tests::words(lang), lang, w) else {
                        continue;
                    };
                    d.drop_colliding_labels("note");
                    rule(
                        &format!("{kind} {lang} {w}: {}", yaml.replace('\n', " ")),
                        &d,
                    );
                }
            }
        }
    }
}

/// The kinds the layout rules cover so far.
const AXIS_KINDS: [&str; 6] = ["bar", "stacked", "hbar", "line", "bounds", "stacked100"];

#[test]
fn every_text_stays_inside_the_canvas() {
    for_every_layout(&AXIS_KINDS, |case, d| {
        for (text, b) in drawn_texts(d) {
            assert!(
                b[0] >= 0.0 && b[2] <= d.width && b[1] >= 0.0 && b[3] <= d.height,
                "{case}: `{text}` at {b:?} leaves the {}×{} canvas",
                d.width,
                d.height
            );
        }
    });
}

#[test]
fn no_text_overlaps_other_text() {
    for_every_layout(&AXIS_KINDS, |case, d| {
        let boxes = drawn_texts(d);
        for (i, (ta, a)) in boxes.iter().enumerate() {
            for (tb, b) in &boxes[i + 1..] {
                let overlap = a[0] + 1.0 < b[2]
                    && b[0] + 1.0 < a[2]
                    && a[1] + 1.0 < b[3]
                    && b[1] + 1.0 < a[3];
                assert!(!overlap, "{case}: `{ta}` {a:?} overlaps `{tb}` {b:?}");
            }
        }
    });
}

#[test]
fn no_rule_runs_through_text() {
    for_every_layout(&AXIS_KINDS, |case, d| {
        // Value labels may sit on grid lines; names and ticks may not be crossed.
        let texts = texts_where(d, |s| {
            matches!(
                s,
                draw::Shape::Text {
                    droppable: false,
                    ..
                }
            )
        });
        for s in &d.shapes {
            let draw::Shape::Line { points, .. } = s else {
                continue;
            };
            for seg in points.windows(2) {
                let (a, b) = (seg[0], seg[1]);
                // Grid lines and rules are straight: vertical or horizontal.
                let (vertical, horizontal) = (a.0 == b.0, a.1 == b.1);
                for (text, t) in &texts {
                    let crosses = if vertical {
                        t[0] + 1.0 < a.0
                            && a.0 < t[2] - 1.0
                            && a.1.min(b.1) < t[3] - 1.0
                            && a.1.max(b.1) > t[1] + 1.0
                    } else if horizontal {
                        t[1] + 1.0 < a.1
                            && a.1 < t[3] - 1.0
                            && a.0.min(b.0) < t[2] - 1.0
                            && a.0.max(b.0) > t[0] + 1.0
                    } else {
                        false
                    };
                    assert!(
                        !crosses,
                        "{case}: a rule at {seg:?} runs through `{text}` {t:?}"
                    );
                }
            }
        }
    });
}

#[test]
fn bars_of_one_chart_are_drawn_equally_wide() {
    for kind in ["bar", "stacked"] {
        for yaml in edge_cases(kind) {
            let Ok(c) = load("c", Path::new("charts/c.yaml"), &yaml, &tests::langs()) else {
                continue;
            };
            for w in [WIDE, MID, NARROW] {
                let d = layout(&c.spec, &tests::words("en"), "en", w).unwrap();
                // Widths as drawn: plotters rounds each edge to a whole pixel.
                let mut widths: Vec<i64> = d
                    .shapes
                    .iter()
                    .filter_map(draw::Shape::series_box)
                    .map(|b| (b[2].round() - b[0].round()) as i64)
                    .collect();
                widths.dedup();
                assert_eq!(widths.len(), 1, "{kind} at {w}: widths {widths:?}\n{yaml}");
            }
        }
    }
}
