//! Property tests: any numbers in any kind's spec either fail validation with diagnostics or
//! render in every language, without panicking and in bounded time (ticks are counted).

use super::tests::{words, LANGS};
use super::*;
use proptest::prelude::*;

/// Numbers as an author might write them, extremes and non-numbers included, as YAML.
fn number() -> impl Strategy<Value = String> {
    prop_oneof![
        8 => (0i32..1000).prop_map(|v| v.to_string()),
        4 => (-100_000i64..100_000).prop_map(|v| format!("{}", v as f64 / 100.0)),
        1 => any::<f64>().prop_map(|v| format!("{v:?}")),
        1 => (-1e15f64..1e15).prop_map(|v| format!("{v:?}")),
        1 => prop::sample::select(vec![
            ".nan", ".inf", "-.inf", "1e308", "-1e308", "1.7e308", "1e15", "1e-300", "0", "-0.0",
            "5e-324", "0.1234567",
        ])
        .prop_map(String::from),
    ]
}

fn point() -> impl Strategy<Value = String> {
    prop_oneof![
        1 => Just("~".to_string()),
        6 => (
            number(),
            prop::sample::select(vec!["exact", "exact", "exact", "approx", "gt", "lt"]),
            prop::sample::select(vec!["actual", "estimate", "forecast", "in_progress"]),
        )
            .prop_map(|(v, q, s)| format!("{{value: {v}, qualifier: {q}, status: {s}}}")),
    ]
}

fn name() -> impl Strategy<Value = String> {
    prop_oneof![
        Just("n".to_string()),
        "[a-z &<>]{1,60}".prop_map(|s| format!("\"{s}\"")),
        Just(
            "{zh: 很长很长的中文系列名称很长很长的中文系列名称很长很长的中文系列名称, en: x}"
                .to_string()
        ),
    ]
}

const DATA_KINDS: [&str; 9] = [
    "bar",
    "hbar",
    "stacked",
    "line",
    "bounds",
    "stacked100",
    "pie",
    "donut",
    "bar",
];

/// An optional field, absent most of the time.
fn sometimes<T: std::fmt::Debug + Clone>(
    s: impl Strategy<Value = T>,
) -> impl Strategy<Value = Option<T>> {
    prop::option::weighted(0.25, s)
}

prop_compose! {
    fn data_spec()(
        kind in prop::sample::select(DATA_KINDS.to_vec()),
        log in prop::bool::weighted(0.3),
        max in sometimes(number()),
        min in sometimes(number()),
        decimals in sometimes(prop_oneof![0usize..8, Just(100_000_000usize)]),
        n in 1usize..10,
        series in prop::collection::vec((name(), prop::collection::vec(point(), 0..10)), 1..4),
    ) -> String {
        let axis = matches!(kind, "bar" | "hbar" | "line");
        let scale = if axis && log { "scale: log\n" } else { "" };
        let mut y = format!("kind: {kind}\ntitle: t\nunit: RMB 100m\n{scale}");
        if let Some(m) = max.filter(|_| axis || kind == "stacked" || kind == "bounds") {
            y.push_str(&format!("max: {m}\n"));
        }
        if let Some(m) = min.filter(|_| axis) {
            y.push_str(&format!("min: {m}\n"));
        }
        if let Some(d) = decimals { y.push_str(&format!("decimals: {d}\n")); }
        let cats: Vec<String> = (0..n).map(|i| format!("c{i}")).collect();
        y.push_str(&format!("categories: [{}]\nseries:\n", cats.join(", ")));
        for (name, points) in series {
            // Mostly the right number of points, so that rendering is reached.
            let mut pts = points;
            pts.resize(n, "{value: 1}".to_string());
            y.push_str(&format!("  - name: {name}\n    points: [{}]\n", pts.join(", ")));
        }
        y.push_str("source: s\n");
        y
    }
}

fn year() -> impl Strategy<Value = i32> {
    prop_oneof![9 => 1990i32..2060, 1 => any::<i32>()]
}

prop_compose! {
    fn timeline_spec()(
        phases in prop::collection::vec(
            (year(), prop::option::of(prop_oneof![4 => 0i32..12, 1 => any::<i32>()]), name()), 1..8),
    ) -> String {
        // In order, as validation requires: each phase starts no earlier than the one before
        // ends, and only the last may be open-ended.
        let mut y = "kind: timeline\ntitle: t\nphases:\n".to_string();
        let (last, mut floor) = (phases.len() - 1, i32::MIN);
        for (i, (start, end, label)) in phases.into_iter().enumerate() {
            let start = start.max(floor);
            let end = if i == last { end } else { end.or(Some(0)) };
            floor = end.map_or(start, |e| start.saturating_add(e));
            let end = end
                .map(|e| format!(", end: {}", start.saturating_add(e)))
                .unwrap_or_default();
            y.push_str(&format!("  - {{start: {start}{end}, label: {label}}}\n"));
        }
        y.push_str("source: s\n");
        y
    }
}

prop_compose! {
    /// Pies and donuts: exact parts that add up to 100, split anywhere.
    fn whole_spec()(
        kind in prop::sample::select(vec!["pie", "donut"]),
        cuts in prop::collection::vec(0u32..=1000, 0..12),
        decimals in sometimes(0usize..4),
    ) -> String {
        let mut cuts = cuts;
        cuts.extend([0, 1000]);
        cuts.sort();
        let parts: Vec<String> = cuts.windows(2).map(|w| format!("{{value: {}}}", (w[1] - w[0]) as f64 / 10.0)).collect();
        let cats: Vec<String> = (0..parts.len()).map(|i| format!("c{i}")).collect();
        let decimals = decimals.map(|d| format!("decimals: {d}\n")).unwrap_or_default();
        format!("kind: {kind}\ntitle: t\n{decimals}categories: [{}]\nseries:\n  - name: n\n    points: [{}]\nsource: s\n", cats.join(", "), parts.join(", "))
    }
}

fn check(yaml: &str) {
    let langs: Vec<String> = LANGS.iter().map(|s| s.to_string()).collect();
    if let Ok(c) = load("c", Path::new("charts/c.yaml"), yaml, &langs) {
        for lang in LANGS {
            let f = render(&c, lang, &words(lang)).unwrap_or_else(|e| panic!("{e:?}\n{yaml}"));
            roxmltree::Document::parse(&f.svg_file).unwrap_or_else(|e| panic!("{e}\n{yaml}"));
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 300, ..ProptestConfig::default() })]

    #[test]
    fn data_charts_never_panic(yaml in data_spec()) {
        check(&yaml);
    }

    #[test]
    fn wholes_never_panic(yaml in whole_spec()) {
        check(&yaml);
    }

    #[test]
    fn timelines_never_panic(yaml in timeline_spec()) {
        check(&yaml);
    }
}
