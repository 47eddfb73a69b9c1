//! The chart stress fixture (tests/fixtures/charts-stress: every kind with stress data — many
//! categories, long labels in both languages, gaps, negatives, bounds, statuses) builds, and each
//! figure carries its three layouts and a well-formed stand-alone download. The browser suite
//! measures the same site at six widths (tests/browser/run.sh).

mod common;

use common::TestSite;

const CHARTS: [&str; 14] = [
    "bar-many",
    "hbar-long",
    "hbar-log",
    "stacked-many",
    "line-gaps",
    "bounds-long",
    "shares-long",
    "pie-six",
    "donut-two",
    "timeline-long",
    "groups-many",
    "shifts-long",
    "hbar-scope",
    "line-scope",
];

#[test]
fn every_kind_of_stress_chart_builds_whole() {
    let site = TestSite::fixture("charts-stress");
    site.build_ok(&[]);
    for (prefix, lang) in [("", "zh"), ("en/", "en")] {
        let page = site.out(&format!("{prefix}stress/every/index.html"));
        for id in CHARTS {
            assert!(
                page.contains(&format!("id=\"figure-{id}\"")),
                "{lang}: {id}"
            );
            for layout in ["w", "m", "n"] {
                assert!(
                    page.contains(&format!("id=\"{id}-{layout}-title\"")),
                    "{lang}: {id}-{layout}"
                );
            }
            let svg = site.out(&format!("{prefix}stress/charts/{id}.svg"));
            roxmltree::Document::parse(&svg).unwrap_or_else(|e| panic!("{lang} {id}: {e}"));
            let csv = site.out(&format!("{prefix}stress/charts/{id}.csv"));
            assert!(csv.starts_with('\u{feff}'), "{lang} {id}");
        }
    }
}
