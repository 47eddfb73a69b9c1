//! Tests that a chart means what its data says: every series is drawn or refused, marks stay
//! inside their own part, phases keep their order, missing values are said, and every
//! refusal is located and says what to do.

use super::tests::{chart, draw, errors};

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
