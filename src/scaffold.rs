//! `yanbao new`: scaffolds a report, a chapter or a chart in every language of the site, with the
//! front matter or fields the build expects, so an author never copies files by hand. Nothing is
//! overwritten.

mod chart;

use crate::config::Config;
use crate::content::discover::valid_slug;
use crate::error::{Diagnostic, Location, Result};
use std::fmt::Write as _;
use std::path::{Path, PathBuf};

/// What to create.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum What {
    /// A report folder with its manifest and a first chapter.
    Report(String),
    /// A chapter of an existing report.
    Chapter {
        /// The report's folder name.
        report: String,
        /// The chapter's file stem.
        slug: String,
    },
    /// A chart of an existing report.
    Chart {
        /// The report's folder name.
        report: String,
        /// The chart's id (its file stem).
        id: String,
        /// The chart kind's name (`bar`, `timeline` …).
        kind: String,
    },
}

/// Creates `what` in the site under `root`; returns the files written, relative to `root`.
pub fn new(root: &Path, what: &What, today: &str) -> Result<Vec<PathBuf>> {
    let config = Config::load(root, None)?;
    let langs = &config.language_keys;
    let files: Vec<(PathBuf, String)> = match what {
        What::Report(slug) => {
            check_slug(slug, "report")?;
            let dir = PathBuf::from("content/reports").join(slug);
            let mut files = vec![(dir.join("report.yaml"), manifest(slug, langs, today))];
            files.extend(chapter_files(&dir, "intro", 1, langs));
            files
        }
        What::Chapter { report, slug } => {
            check_slug(slug, "chapter")?;
            let dir = existing_report(root, report)?;
            let order = next_order(root, &dir.join("chapters"));
            chapter_files(&dir, slug, order, langs)
        }
        What::Chart { report, id, kind } => {
            let Some(kind) = chart::kind_named(kind) else {
                return Err(Diagnostic::error(
                    Location::file(id),
                    format!("`{kind}` is not a chart kind"),
                )
                .with_help(format!("use one of: {}", chart::kind_names()))
                .into());
            };
            if !crate::charts::valid_id(id) {
                return Err(Diagnostic::error(
                    Location::file(id),
                    format!("`{id}` cannot be the id of a chart"),
                )
                .with_help("use lowercase letters, digits and hyphens, such as `market-size`")
                .into());
            }
            let dir = existing_report(root, report)?.join("charts");
            // `.yml` is read too: an id taken under either extension is taken.
            let other = dir.join(format!("{id}.yml"));
            if root.join(&other).exists() {
                return Err(taken(&other));
            }
            let l = |t: &str| localized(t, langs);
            vec![(dir.join(format!("{id}.yaml")), chart::spec(id, kind, &l))]
        }
    };
    if let Some((p, _)) = files.iter().find(|(p, _)| root.join(p).exists()) {
        return Err(taken(p));
    }
    for (rel, text) in &files {
        crate::fsx::write(&root.join(rel), text.as_bytes())?;
    }
    Ok(files.into_iter().map(|(p, _)| p).collect())
}

/// The error for a file `yanbao new` would overwrite.
fn taken(file: &Path) -> crate::error::Error {
    Diagnostic::error(Location::file(file), "this file already exists")
        .with_help("choose another name; `yanbao new` never overwrites a file")
        .into()
}

/// The folder of report `report`, which must exist.
fn existing_report(root: &Path, report: &str) -> Result<PathBuf> {
    let dir = PathBuf::from("content/reports").join(report);
    if valid_slug(report) && root.join(&dir).join("report.yaml").is_file() {
        return Ok(dir);
    }
    Err(Diagnostic::error(
        Location::file(&dir),
        format!("there is no report `{report}`"),
    )
    .with_help("create it first with `yanbao new report SLUG`")
    .into())
}

fn check_slug(slug: &str, what: &str) -> Result<()> {
    if valid_slug(slug) && slug.chars().all(|c| !c.is_whitespace()) {
        Ok(())
    } else {
        Err(Diagnostic::error(
            Location::file(slug),
            format!("`{slug}` cannot be the name of a {what}"),
        )
        .with_help("use letters, digits and hyphens, such as `aigc-2025`")
        .into())
    }
}

/// `{zh: text, en: text}` with the same text in every language, for the author to translate.
fn localized(text: &str, langs: &[String]) -> String {
    let parts: Vec<String> = langs.iter().map(|l| format!("{l}: \"{text}\"")).collect();
    format!("{{{}}}", parts.join(", "))
}

fn manifest(slug: &str, langs: &[String], today: &str) -> String {
    let l = |t: &str| localized(t, langs);
    let mut s = String::new();
    let _ = writeln!(
        s,
        "# The manifest of report `{slug}`: translate each text; see docs/content-model.md."
    );
    let _ = writeln!(s, "title: {}", l(slug));
    let _ = writeln!(s, "date: {today}");
    let _ = writeln!(s, "sector: {}", l("Sector"));
    let _ = writeln!(
        s,
        "summary: {}",
        l("One paragraph that says what the report finds.")
    );
    let _ = writeln!(
        s,
        "analysts:\n  - name: {}\n    role: {}",
        l("Analyst"),
        l("Analyst")
    );
    s
}

fn chapter_files(dir: &Path, slug: &str, order: i64, langs: &[String]) -> Vec<(PathBuf, String)> {
    langs
        .iter()
        .map(|lang| {
            (
                dir.join("chapters").join(format!("{slug}.{lang}.md")),
                format!("---\ntitle: \"{slug}\"\norder: {order}\n---\n\nWrite the chapter here.\n"),
            )
        })
        .collect()
}

/// One more than the highest `order:` among the report's chapters.
fn next_order(root: &Path, chapters: &Path) -> i64 {
    let Ok(entries) = std::fs::read_dir(root.join(chapters)) else {
        return 1;
    };
    entries
        .flatten()
        .filter_map(|e| std::fs::read_to_string(e.path()).ok())
        .filter_map(|text| {
            text.lines()
                .find_map(|l| l.strip_prefix("order:"))
                .and_then(|v| v.trim().parse::<i64>().ok())
        })
        .max()
        .map_or(1, |m| m + 1)
}

/// Today's date as `YYYY-MM-DD` (UTC), from the system clock.
pub fn today() -> String {
    let days = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_secs() / 86_400) as i64;
    // Howard Hinnant's days-to-civil algorithm.
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    let y = yoe + era * 400 + i64::from(m <= 2);
    format!("{y:04}-{m:02}-{d:02}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn today_is_an_iso_date() {
        let t = today();
        assert_eq!(t.len(), 10);
        assert!(
            t.starts_with("20") && &t[4..5] == "-" && &t[7..8] == "-",
            "{t}"
        );
        // The scaffolded report must load: its date is a day of the calendar.
        assert!(crate::content::dates::check(&t).is_ok(), "{t}");
    }
}
