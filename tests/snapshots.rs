//! Snapshots of whole generated files, so any change to the markup, the CSS hooks or a chart's
//! drawing shows up in review. Update with `INSTA_UPDATE=always cargo test --test snapshots`
//! (or `cargo insta review`) after checking the change is intended.

mod common;

use common::TestSite;

#[test]
fn generated_files_match_their_snapshots() {
    let site = TestSite::mini();
    site.build_ok(&[]);
    for (name, path) in [
        ("landing_zh", "alpha/index.html"),
        ("chapter_en", "en/alpha/one/index.html"),
        ("disclosures_en", "en/alpha/disclosures/index.html"),
        ("not_found", "404.html"),
        ("chart_svg_zh", "alpha/charts/sizes.svg"),
        ("chart_csv_en", "en/alpha/charts/sizes.csv"),
        ("sitemap", "sitemap.xml"),
    ] {
        insta::assert_snapshot!(name, site.out(path));
    }
}
