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
        for k in [1, 5] {
            let n = 640;
            let steps = steps(&many(kind, n, k));
            assert!(
                steps <= STEPS_PER_POINT * n * k,
                "{kind}: {steps} steps for {n} categories × {k} series"
            );
        }
    }
}
