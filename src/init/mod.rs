//! `yanbao init DIR`: a minimal site that builds at once — configuration, one report with two
//! chapters in both languages and one chart, with the default templates, styles and strings
//! compiled into the binary so an installed `yanbao` needs no checkout.

use crate::error::{Diagnostic, Location, Result};
use crate::fsx;
use std::path::Path;

macro_rules! files {
    ($($path:literal => $src:literal),* $(,)?) => { &[$(($path, include_str!($src))),*] };
}

/// The default theme: (path in the site, contents).
pub const THEME: &[(&str, &str)] = files! {
    "templates/base.html" => "../../templates/base.html",
    "templates/home.html" => "../../templates/home.html",
    "templates/landing.html" => "../../templates/landing.html",
    "templates/chapter.html" => "../../templates/chapter.html",
    "templates/analysts.html" => "../../templates/analysts.html",
    "templates/related.html" => "../../templates/related.html",
    "templates/disclosures.html" => "../../templates/disclosures.html",
    "templates/404.html" => "../../templates/404.html",
    "templates/search.html" => "../../templates/search.html",
    "templates/partials/head.html" => "../../templates/partials/head.html",
    "templates/partials/header.html" => "../../templates/partials/header.html",
    "templates/partials/footer.html" => "../../templates/partials/footer.html",
    "templates/partials/figure.html" => "../../templates/partials/figure.html",
    "templates/partials/report_nav.html" => "../../templates/partials/report_nav.html",
    "templates/partials/report_meta.html" => "../../templates/partials/report_meta.html",
    "templates/partials/cite.html" => "../../templates/partials/cite.html",
    "templates/partials/byline.html" => "../../templates/partials/byline.html",
    "static/style.css" => "../../static/style.css",
    "static/charts.css" => "../../static/charts.css",
    "static/favicon.svg" => "../../static/favicon.svg",
    "static/discovery.css" => "../../static/discovery.css",
    "static/cite.js" => "../../static/cite.js",
    "static/search.js" => "../../static/search.js",
    "content/i18n/zh.yaml" => "../../content/i18n/zh.yaml",
    "content/i18n/en.yaml" => "../../content/i18n/en.yaml",
};

/// The starter content.
pub const CONTENT: &[(&str, &str)] = files! {
    "content/site.yaml" => "scaffold/content/site.yaml",
    "content/reports/my-report/report.yaml" => "scaffold/content/reports/my-report/report.yaml",
    "content/reports/my-report/chapters/intro.zh.md" => "scaffold/content/reports/my-report/chapters/intro.zh.md",
    "content/reports/my-report/chapters/intro.en.md" => "scaffold/content/reports/my-report/chapters/intro.en.md",
    "content/reports/my-report/chapters/findings.zh.md" => "scaffold/content/reports/my-report/chapters/findings.zh.md",
    "content/reports/my-report/chapters/findings.en.md" => "scaffold/content/reports/my-report/chapters/findings.en.md",
    "content/reports/my-report/charts/example.yaml" => "scaffold/content/reports/my-report/charts/example.yaml",
};

/// Writes a new site into `dir`, which must be empty or absent; returns the number of files.
pub fn init(dir: &Path) -> Result<usize> {
    if dir.exists()
        && std::fs::read_dir(dir)
            .map(|mut d| d.next().is_some())
            .unwrap_or(true)
    {
        return Err(
            Diagnostic::error(Location::file(dir), "folder is not empty")
                .with_help("choose a new folder name; yanbao init never overwrites files")
                .into(),
        );
    }
    for (path, text) in THEME.iter().chain(CONTENT) {
        fsx::write(&dir.join(path), text.as_bytes())?;
    }
    Ok(THEME.len() + CONTENT.len())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn theme_lists_every_template_and_static_file() {
        let repo = Path::new(env!("CARGO_MANIFEST_DIR"));
        for dir in ["templates", "static"] {
            for entry in walkdir::WalkDir::new(repo.join(dir))
                .into_iter()
                .flatten()
                .filter(|e| e.file_type().is_file())
            {
                let rel = entry
                    .path()
                    .strip_prefix(repo)
                    .unwrap()
                    .to_string_lossy()
                    .replace('\\', "/");
                assert!(
                    THEME.iter().any(|(p, _)| *p == rel),
                    "{rel} is missing from init::THEME"
                );
            }
        }
    }

    #[test]
    fn new_site_builds_and_refuses_to_overwrite() {
        let dir = tempfile::tempdir().unwrap();
        let site = dir.path().join("my-report");
        assert!(init(&site).unwrap() > 20);
        let opts = crate::BuildOptions {
            root: site.clone(),
            base_url: None,
            live_reload: false,
        };
        let built = crate::build_in_memory(&opts).unwrap_or_else(|e| panic!("{e}"));
        assert!(built
            .files
            .iter()
            .any(|f| f.path == "en/my-report/intro/index.html"));
        assert!(
            built.rendered.warnings.is_empty(),
            "{:?}",
            built.rendered.warnings
        );
        assert!(init(&site).is_err());
    }
}
