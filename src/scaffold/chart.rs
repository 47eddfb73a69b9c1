//! `yanbao new chart REPORT/ID --kind K`: a chart spec with every field its kind requires, its
//! texts given in every site language for the author to translate, and placeholder data that
//! passes validation, so the site builds at once.

use crate::charts::spec::Kind;
use std::fmt::Write as _;

/// The kind named `name`, if there is one.
pub fn kind_named(name: &str) -> Option<Kind> {
    Kind::ALL.into_iter().find(|k| k.name() == name)
}

/// The names of every kind, for messages.
pub fn kind_names() -> String {
    Kind::ALL.map(Kind::name).join(", ")
}

/// The YAML of a new chart `id` of `kind`; `l` renders a text in every site language.
pub fn spec(id: &str, kind: Kind, l: &dyn Fn(&str) -> String) -> String {
    let mut s = String::new();
    let _ = writeln!(
        s,
        "# Chart `{id}`: replace the placeholder data, translate each text and embed it in a chapter\n# with {{{{ chart(id=\"{id}\") }}}}; see docs/content-model.md for every field of `{}`.",
        kind.name()
    );
    let _ = writeln!(s, "kind: {}", kind.name());
    let _ = writeln!(s, "title: {}", l(&format!("{id} (title)")));
    let _ = writeln!(s, "caption: {}", l("What the chart shows, in one sentence"));
    s.push_str(&body(kind, l));
    let _ = writeln!(s, "source: {}", l("Source of the data"));
    s
}

/// The kind's own fields.
fn body(kind: Kind, l: &dyn Fn(&str) -> String) -> String {
    let categories = |n: usize| {
        let mut s = String::from("categories:\n");
        for i in 1..=n {
            let _ = writeln!(s, "  - {}", l(&format!("Category {i}")));
        }
        s
    };
    let series = |name: &str, points: &[&str]| {
        let mut s = format!("  - name: {}\n    points:\n", l(name));
        for p in points {
            let _ = writeln!(s, "      - {p}");
        }
        s
    };
    match kind {
        Kind::Bar | Kind::Hbar | Kind::Line => format!(
            "unit: {}\n{}series:\n{}{}",
            l("Unit"),
            categories(3),
            series("Series 1", &["{value: 10}", "{value: 20}", "{value: 30}"]),
            series(
                "Series 2",
                &["{value: 15}", "~", "{value: 25, status: forecast}"]
            ),
        ),
        Kind::Stacked => format!(
            "unit: {}\n{}series:\n{}{}",
            l("Unit"),
            categories(2),
            series("Part 1", &["{value: 10}", "{value: 12}"]),
            series("Part 2", &["{value: 5}", "{value: 8}"]),
        ),
        Kind::Stacked100 => format!(
            "unit: \"%\"\n{}series:\n{}{}remainder: {}\n",
            categories(2),
            series("Part 1", &["{value: 40}", "{value: 55}"]),
            series("Part 2", &["{value: 30}", "{value: 25}"]),
            l("Not specified"),
        ),
        Kind::Bounds => format!(
            "unit: \"%\"\nmax: 100\n{}series:\n{}",
            categories(2),
            series(
                "Share",
                &["{value: 20, qualifier: lt}", "{value: 60, qualifier: gt}"]
            ),
        ),
        Kind::Pie | Kind::Donut => format!(
            "unit: \"%\"\n{}series:\n{}",
            categories(3),
            series("Share", &["{value: 50}", "{value: 30}", "{value: 20}"]),
        ),
        Kind::Timeline => format!(
            "phases:\n  - {{start: 2024, end: 2025, label: {}}}\n  - {{start: 2026, label: {}}}\n",
            l("Phase 1"),
            l("Phase 2"),
        ),
        Kind::Groups => format!(
            "groups:\n  - name: {}\n    items: [{}, {}]\n  - name: {}\n    items: [{}]\n",
            l("Group 1"),
            l("Item 1"),
            l("Item 2"),
            l("Group 2"),
            l("Item 3"),
        ),
        Kind::Shifts => format!(
            "shifts:\n  - {{from: {}, to: {}}}\n  - {{from: {}, to: {}}}\n",
            l("From 1"),
            l("To 1"),
            l("From 2"),
            l("To 2"),
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn langs() -> Vec<String> {
        vec!["zh".into(), "en".into(), "ja".into()]
    }

    fn localized(t: &str) -> String {
        super::super::localized(t, &langs())
    }

    #[test]
    fn every_kind_scaffolds_a_spec_that_loads_as_that_kind() {
        for kind in Kind::ALL {
            let yaml = spec("new-chart", kind, &localized);
            let loaded = crate::charts::load(
                "new-chart",
                std::path::Path::new("new-chart.yaml"),
                &yaml,
                &langs(),
            )
            .unwrap_or_else(|e| panic!("{}: {e:?}\n{yaml}", kind.name()));
            assert_eq!(loaded.kind(), kind, "{yaml}");
        }
    }

    #[test]
    fn kinds_are_found_by_name_only() {
        assert_eq!(kind_named("stacked100"), Some(Kind::Stacked100));
        assert_eq!(kind_named("Bar"), None);
        assert_eq!(kind_named("scatter"), None);
        assert!(kind_names().starts_with("bar, hbar, "));
        assert_eq!(kind_names().split(", ").count(), Kind::ALL.len());
    }
}
