//! PNG export: every chart's PNG is linked from its figure, is twice the size of its SVG, and
//! comes out byte-identical from two fresh builds and from a build that reuses the previous
//! output's PNGs; each report's pages share its own 1200×630 card.

mod common;

use common::{attr_values, tree, TestSite};
use std::path::Path;

fn dims(png: &[u8]) -> (u32, u32) {
    assert!(png.starts_with(b"\x89PNG\r\n\x1a\n"), "not a PNG");
    let at = |i: usize| u32::from_be_bytes(png[i..i + 4].try_into().unwrap());
    (at(16), at(20))
}

/// The `width` attribute of a stand-alone SVG's root.
fn svg_width(svg: &str) -> u32 {
    let root = roxmltree::Document::parse(svg).unwrap();
    let w = root.root_element().attribute("width").unwrap();
    w.trim_end_matches("px").parse::<f64>().unwrap().round() as u32
}

fn build_into(site: &TestSite, out: &Path) {
    site.build_ok(&["--output", out.to_str().unwrap()]);
}

#[test]
fn each_figure_links_a_png_twice_its_svg_and_fresh_builds_are_byte_identical() {
    let site = TestSite::mini();
    let tmp = tempfile::tempdir().unwrap();
    let (a, b) = (tmp.path().join("a"), tmp.path().join("b"));
    build_into(&site, &a);
    build_into(&site, &b);
    let files = tree(&a);
    assert_eq!(files, tree(&b), "two fresh builds differ");
    let pngs: Vec<_> = files.iter().filter(|(p, _)| p.ends_with(".png")).collect();
    let mut linked = 0;
    for (page, html) in files.iter().filter(|(p, _)| p.ends_with(".html")) {
        let html = String::from_utf8_lossy(html);
        for href in attr_values(&html, "href")
            .iter()
            .filter(|h| h.contains("/charts/") && h.ends_with(".png"))
        {
            linked += 1;
            let rel = href.trim_start_matches('/');
            let png = std::fs::read(a.join(rel)).unwrap_or_else(|_| panic!("{page}: {href}"));
            let svg = std::fs::read_to_string(a.join(rel.replace(".png", ".svg"))).unwrap();
            assert_eq!(dims(&png).0, 2 * svg_width(&svg), "{href}");
        }
    }
    let charts = pngs.iter().filter(|(p, _)| p.contains("/charts/")).count();
    assert!(
        charts > 0 && linked >= charts,
        "{linked} links, {charts} chart PNGs"
    );
}

#[test]
fn reusing_the_previous_output_gives_the_same_bytes_as_a_fresh_build() {
    let site = TestSite::mini();
    let tmp = tempfile::tempdir().unwrap();
    let (a, b) = (tmp.path().join("a"), tmp.path().join("b"));
    build_into(&site, &a);
    // A stale PNG left by a build of other content must not survive: its SVG differs.
    let (png, _) = tree(&a)
        .into_iter()
        .find(|(p, _)| p.contains("/charts/") && p.ends_with(".png"))
        .unwrap();
    let stale = std::fs::read(a.join("social-card.png")).unwrap();
    std::fs::write(a.join(&png), &stale).unwrap();
    std::fs::write(a.join(png.replace(".png", ".svg")), "<svg/>").unwrap();
    build_into(&site, &a);
    build_into(&site, &b);
    assert_eq!(tree(&a), tree(&b));
}

#[test]
fn report_pages_share_the_reports_own_card_with_its_title() {
    let site = TestSite::mini();
    site.build_ok(&[]);
    let manifest = site.read("content/reports/alpha/report.yaml");
    for (page, card) in [
        ("alpha/index.html", "alpha/social-card.png"),
        ("en/alpha/one/index.html", "en/alpha/social-card.png"),
    ] {
        let html = site.out(page);
        let url = format!("https://example.org/{card}");
        assert!(
            html.contains(&format!("<meta property=\"og:image\" content=\"{url}\">")),
            "{page}"
        );
        let png = std::fs::read(site.root().join("public").join(card)).unwrap();
        assert_eq!(dims(&png), (1200, 630));
        let title = if page.starts_with("en/") {
            "Alpha report"
        } else {
            "阿尔法报告"
        };
        assert!(manifest.contains(title));
        let alt = html
            .split("og:image:alt\" content=\"")
            .nth(1)
            .unwrap()
            .split('"')
            .next()
            .unwrap();
        assert!(alt.contains(title), "{page}: {alt}");
    }
}
