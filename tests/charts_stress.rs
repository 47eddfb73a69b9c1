//! The chart stress fixture (tests/fixtures/charts-stress: every kind with stress data — many
//! categories, long labels in both languages, gaps, negatives, bounds, statuses) builds, and each
//! figure carries its three layouts and a well-formed stand-alone download. The browser suite
//! measures the same site at six widths (tests/browser/run.sh).

mod common;

use common::TestSite;

const CHARTS: [&str; 18] = [
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
    "bar-bands",
    "stacked-bands",
    "hbar-log-band",
    "line-decimals",
];

#[test]
fn every_kind_of_stress_chart_builds_whole() {
    let site = TestSite::fixture("charts-stress");
    site.build_ok(&[]);
    let mut bands = 0;
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
            let doc =
                roxmltree::Document::parse(&svg).unwrap_or_else(|e| panic!("{lang} {id}: {e}"));
            // A band is drawn, not a zero-size rect (hbar-long's 0–100 beside 1.2 million was).
            for band in doc
                .descendants()
                .filter(|n| n.has_tag_name("rect") && n.attribute("fill") == Some("#F2E6C9"))
            {
                bands += 1;
                let size = |a| band.attribute(a).and_then(|v| v.parse::<f64>().ok());
                assert!(
                    size("width").unwrap_or(0.0) >= 4.0 && size("height").unwrap_or(0.0) >= 4.0,
                    "{lang} {id}: band {:?}",
                    band.attributes().collect::<Vec<_>>()
                );
            }
            // Ticks and log-scale values are written without padding: 10, not 10.000; 0.3,
            // not 0.300000.
            for padded in [">\n10.000", ">\n0.300000", ".000 B"] {
                assert!(!svg.contains(padded), "{lang} {id}: `{padded}`");
            }
            let csv = site.out(&format!("{prefix}stress/charts/{id}.csv"));
            assert!(csv.starts_with('\u{feff}'), "{lang} {id}");
        }
    }
    assert!(
        bands >= 12,
        "every band of the fixture, in both languages: {bands}"
    );
}
