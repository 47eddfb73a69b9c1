//! `yanbao init DIR`: a minimal site that builds at once — configuration, one report with two
//! chapters in both languages and one chart. The theme is built in, so the site holds only its
//! content and follows the theme of the `yanbao` that builds it; `--eject` also writes a copy of
//! the theme (templates, styles, interface strings) for a site that wants to own all of it.

use crate::error::{Diagnostic, Location, Result};
use crate::fsx;
use std::path::Path;

macro_rules! files {
    ($($path:literal => $src:literal),* $(,)?) => { &[$(($path, include_str!($src))),*] };
}

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

/// Writes a new site into `dir`, which must be empty or absent, with a copy of the built-in
/// theme if `eject`; returns the number of files.
pub fn init(dir: &Path, eject: bool) -> Result<usize> {
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
    for (path, text) in CONTENT {
        fsx::write(&dir.join(path), text.as_bytes())?;
    }
    let theme: &[(&str, &[u8])] = if eject { crate::theme::THEME } else { &[] };
    for (path, bytes) in theme {
        fsx::write(&dir.join(path), bytes)?;
    }
    Ok(CONTENT.len() + theme.len())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn eject_writes_the_whole_built_in_theme() {
        let dir = tempfile::tempdir().unwrap();
        let site = dir.path().join("ejected");
        init(&site, true).unwrap();
        for (path, bytes) in crate::theme::THEME {
            assert_eq!(std::fs::read(site.join(path)).unwrap(), *bytes, "{path}");
        }
    }

    #[test]
    fn new_site_builds_and_refuses_to_overwrite() {
        let dir = tempfile::tempdir().unwrap();
        let site = dir.path().join("my-report");
        assert_eq!(init(&site, false).unwrap(), CONTENT.len());
        assert!(!site.join("templates").exists(), "the theme is built in");
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
        assert!(init(&site, false).is_err());
    }
}
