//! Bands as drawn in the SVG: on every kind that takes them, at every canvas width, in both
//! languages, a band is a visible rect in the plot, at the value it starts from, and not hidden
//! by the shapes painted after it. Read from the rendered markup with an XML parser, not from
//! the layout code's own shapes.

use super::collide::text_box;
use super::draw::Shape;
use super::tests::{chart, draw, has_text, words, LANGS};
use super::{layout, MID, NARROW, WIDE};
use roxmltree::{Document, Node};

/// Values and bands of one case; each band starts at the value whose tick label is in `from`.
struct Case {
    scale: &'static str,
    values: &'static str,
    bands: &'static str,
    from: [&'static str; 2],
}

const CASES: [Case; 3] = [
    // 0–100 beside 1.2 million was zero pixels wide (hbar-long of the stress fixture).
    Case {
        scale: "",
        values: "[{value: 1234567.5}, {value: 250000}, {value: 99}, {value: 3}]",
        bands: "[{from: 0, to: 100, label: {zh: 小规模, en: Small}}, {from: 500000, to: 1000000, label: {zh: 中等, en: Mid}}]",
        from: ["0", "500,000"],
    },
    Case {
        scale: "",
        values: "[{value: -12.5}, {value: 30}, {value: -4}, {value: 8}]",
        bands: "[{from: 0, to: 0.5, label: {zh: 持平, en: Flat}}, {from: 20, to: 30, label: {zh: 高增长, en: High}}]",
        from: ["0", "20"],
    },
    Case {
        scale: "scale: log\n",
        values: "[{value: 0.1}, {value: 10}, {value: 1000}, {value: 3}]",
        bands: "[{from: 1, to: 1.001, label: {zh: 一, en: One}}, {from: 100, to: 1000, label: {zh: 中量, en: Mid}}]",
        from: ["1", "100"],
    },
];

const SHORT: &str = "[a, b, c, d]";
const LONG: &str = "[{zh: 营销与广告投放领域, en: Marketing and advertising}, {zh: 零售, en: Retail}, {zh: 办公协同软件, en: Office collaboration software}, {zh: 金融, en: Finance}]";

fn yaml(kind: &str, case: &Case, categories: &str) -> String {
    format!(
        "kind: {kind}\n{}title: t\ncategories: {categories}\nseries:\n  - name: n\n    points: {}\nbands: {}\nsource: s\n",
        case.scale, case.values, case.bands
    )
}

/// [x0, y0, x1, y1].
type Box4 = [f64; 4];

fn num(n: Node, name: &str) -> f64 {
    n.attribute(name)
        .and_then(|v| v.parse().ok())
        .unwrap_or(0.0)
}

/// The colour of a shape: `fill`/`stroke` attribute or the fallback inside its `style`.
fn paint(n: Node) -> String {
    [
        n.attribute("style"),
        n.attribute("fill"),
        n.attribute("stroke"),
    ]
    .into_iter()
    .flatten()
    .collect::<Vec<_>>()
    .join(" ")
}

fn is_band(n: Node) -> bool {
    n.has_tag_name("rect") && {
        let p = paint(n);
        p.contains("--chart-band") || p.contains("#F2E6C9")
    }
}

fn is_grid(n: Node) -> bool {
    n.has_tag_name("path") && {
        let p = paint(n);
        p.contains("--chart-grid") || p.contains("#D5DBE1")
    }
}

/// The points of a path written as `M x,y x,y …` (plotters' polylines).
fn path_points(n: Node) -> Vec<(f64, f64)> {
    n.attribute("d")
        .unwrap_or("")
        .trim_start_matches('M')
        .split_whitespace()
        .filter_map(|p| {
            let (x, y) = p.split_once(',')?;
            Some((x.parse().ok()?, y.parse().ok()?))
        })
        .collect()
}

/// Boxes a later shape paints over: filled rects, circles, polygons and the segments of stroked
/// paths (as wide as their stroke).
fn covers(n: Node) -> Vec<Box4> {
    if n.has_tag_name("rect") && n.attribute("fill") != Some("none") {
        let (x, y) = (num(n, "x"), num(n, "y"));
        return vec![[x, y, x + num(n, "width"), y + num(n, "height")]];
    }
    if n.has_tag_name("circle") {
        let (x, y, r) = (num(n, "cx"), num(n, "cy"), num(n, "r"));
        return vec![[x - r, y - r, x + r, y + r]];
    }
    if n.has_tag_name("path") || n.has_tag_name("polyline") || n.has_tag_name("polygon") {
        let half = n
            .attribute("stroke-width")
            .and_then(|w| w.parse::<f64>().ok())
            .unwrap_or(1.0)
            / 2.0;
        let pts = path_points(n);
        return pts
            .windows(2)
            .map(|w| {
                let ((ax, ay), (bx, by)) = (w[0], w[1]);
                [
                    ax.min(bx) - half,
                    ay.min(by) - half,
                    ax.max(bx) + half,
                    ay.max(by) + half,
                ]
            })
            .collect();
    }
    Vec::new()
}

/// Share of the band's area (sampled every half pixel) that no later shape covers.
fn uncovered(band: Box4, later: &[Box4]) -> f64 {
    let (mut all, mut free) = (0usize, 0usize);
    let mut y = band[1] + 0.25;
    while y < band[3] {
        let mut x = band[0] + 0.25;
        while x < band[2] {
            all += 1;
            if !later
                .iter()
                .any(|c| c[0] <= x && x <= c[2] && c[1] <= y && y <= c[3])
            {
                free += 1;
            }
            x += 0.5;
        }
        y += 0.5;
    }
    free as f64 / all.max(1) as f64
}

/// Checks every band of one `<svg>`; `what` names the case in failures.
fn check_svg(svg: Node, vertical: bool, from: [&str; 2], what: &str) {
    let view: Vec<f64> = svg
        .attribute("viewBox")
        .unwrap_or("")
        .split_whitespace()
        .filter_map(|v| v.parse().ok())
        .collect();
    assert_eq!(view.len(), 4, "{what}: viewBox");
    let shapes: Vec<Node> = svg.descendants().filter(|n| n.is_element()).collect();
    let grid: Vec<(f64, f64)> = shapes
        .iter()
        .filter(|n| is_grid(**n))
        .flat_map(|n| path_points(*n))
        .collect();
    assert!(!grid.is_empty(), "{what}: no grid lines");
    // The cross-axis extent of the plot is where the grid lines run.
    let across = |p: &(f64, f64)| if vertical { p.0 } else { p.1 };
    let (c0, c1) = grid
        .iter()
        .map(across)
        .fold((f64::MAX, f64::MIN), |(a, b), v| (a.min(v), b.max(v)));
    // Where the bands start: the ticks so labelled (y of a label left of a vertical chart, x of
    // a label under a horizontal one).
    let tick = |label: &str| {
        shapes
            .iter()
            .find(|n| n.has_tag_name("text") && n.text().map(str::trim) == Some(label))
            .map(|n| num(*n, if vertical { "y" } else { "x" }))
            .unwrap_or_else(|| panic!("{what}: no tick `{label}`"))
    };
    let bands: Vec<usize> = (0..shapes.len()).filter(|&i| is_band(shapes[i])).collect();
    assert_eq!(bands.len(), 2, "{what}: both bands drawn");
    for (i, from) in bands.into_iter().zip(from) {
        let n = shapes[i];
        let tick = tick(from);
        let (x, y, w, h) = (num(n, "x"), num(n, "y"), num(n, "width"), num(n, "height"));
        let what = format!("{what} band at {x},{y} {w}×{h}");
        assert!(w >= 4.0 && h >= 4.0, "{what}: too thin to see");
        assert!(
            x >= view[0] && y >= view[1] && x + w <= view[2] && y + h <= view[3],
            "{what}: outside the canvas"
        );
        let (a0, a1, v0, v1) = if vertical {
            (x, x + w, y, y + h)
        } else {
            (y, y + h, x, x + w)
        };
        assert!(
            a0 >= c0 - 1.0 && a1 <= c1 + 1.0 && a1 - a0 >= (c1 - c0) * 0.9,
            "{what}: not across the plot ({c0}–{c1})"
        );
        assert!(
            v0 - 1.0 <= tick && tick <= v1 + 1.0,
            "{what}: does not start at its value (tick {from} at {tick})"
        );
        let later: Vec<Box4> = shapes[i + 1..].iter().flat_map(|n| covers(*n)).collect();
        let free = uncovered([x, y, x + w, y + h], &later);
        assert!(free >= 0.2, "{what}: {:.0} % left uncovered", free * 100.0);
    }
}

#[test]
fn bands_are_visible_in_the_plot_on_every_kind_width_and_language() {
    let mut checked = 0;
    for (kind, vertical) in [("bar", true), ("stacked", true), ("hbar", false)] {
        for case in &CASES {
            let negative = case.values.contains('-');
            if kind == "stacked" && (negative || !case.scale.is_empty()) {
                continue; // stacked parts are positive and linear (validation refuses others)
            }
            for categories in [SHORT, LONG] {
                let c = chart(&yaml(kind, case, categories));
                for lang in LANGS {
                    let f = draw(&c, lang).unwrap();
                    for (markup, part) in [(f.svg.as_str(), "page"), (f.svg_file.as_str(), "file")]
                    {
                        let doc = Document::parse(
                            markup
                                .trim_start_matches("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"),
                        )
                        .unwrap_or_else(|e| panic!("{kind} {lang} {part}: {e}"));
                        for svg in doc.descendants().filter(|n| n.has_tag_name("svg")) {
                            let what = format!(
                                "{kind} {}{lang} {part} {}",
                                case.scale.trim(),
                                svg.attribute("aria-labelledby").unwrap_or("?")
                            );
                            check_svg(svg, vertical, case.from, &what);
                            checked += 1;
                        }
                    }
                }
            }
        }
    }
    // 3 kinds × cases (stacked: 1 of 3) × 2 category sets × 2 languages × 4 canvases.
    assert_eq!(checked, (3 + 1 + 3) * 2 * 2 * 4);
}

#[test]
fn a_widened_band_says_its_exact_range() {
    let c = chart(&yaml("hbar", &CASES[0], SHORT));
    let f = draw(&c, "en").unwrap();
    assert!(has_text(&f.svg, "Small: 0–100"), "{}", f.svg);
    assert!(
        has_text(&f.svg, "Mid"),
        "a band drawn to scale keeps its plain label"
    );
    let zh = draw(&c, "zh").unwrap();
    assert!(has_text(&zh.svg, "小规模：0–100"));
    // The table and the text alternative write the range as the labels do.
    let row = f.table.rows.iter().find(|r| r[0] == "Mid").unwrap();
    assert_eq!(row[1], "500,000–1,000,000");
    assert!(f.alt.contains("Mid: 500,000–1,000,000"), "{}", f.alt);
}

#[test]
fn band_labels_under_a_horizontal_chart_neither_overlap_nor_leave_it() {
    let bands = "[{from: 0, to: 1, label: {zh: 第一个很长的区间名称, en: A first band with a long name}}, {from: 1, to: 2, label: {zh: 第二个区间, en: A second band}}, {from: 98, to: 100, label: {zh: 最右边的区间名称很长, en: The band at the far right end}}]";
    let yaml = format!(
        "kind: hbar
title: t
categories: {LONG}
series:
  - name: n
    points: [{{value: 10}}, {{value: 20}}, {{value: 30}}, {{value: 100}}]
bands: {bands}
source: s
"
    );
    let c = chart(&yaml);
    for lang in LANGS {
        for w in [WIDE, MID, NARROW] {
            let d = layout(&c.spec, &words(lang), lang, w).unwrap();
            let names: Vec<&str> = c.spec.bands.iter().map(|b| b.label.text(lang)).collect();
            let boxes: Vec<[f64; 4]> = d
                .shapes
                .iter()
                .filter(|s| {
                    matches!(s, Shape::Text { text, .. } if names.iter().any(|n| text.starts_with(n)))
                })
                .filter_map(text_box)
                .collect();
            assert_eq!(boxes.len(), 3, "{lang} {w}");
            for (i, a) in boxes.iter().enumerate() {
                assert!(
                    a[0] >= 0.0 && a[2] <= w && a[3] <= d.height,
                    "{lang} {w}: {a:?}"
                );
                for b in &boxes[i + 1..] {
                    let apart = a[2] <= b[0] || b[2] <= a[0] || a[3] <= b[1] || b[3] <= a[1];
                    assert!(apart, "{lang} {w}: {a:?} {b:?}");
                }
            }
        }
    }
}
