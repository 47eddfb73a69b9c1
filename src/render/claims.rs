//! Every output path has one producer. Static files, report pages and their files, standalone
//! pages, feeds, the sitemap and the search index all write into one folder; two of them
//! claiming the same path would overwrite each other, a file and a folder of one name cannot both
//! be written, and a static file inside a folder of generated pages would be merged into it
//! unseen. All three are errors naming both sides.

use crate::content::Site;
use crate::error::{Diagnostic, Location};
use std::path::PathBuf;

/// Who makes a generated path: a description for messages and the file to point at.
struct Owner {
    what: String,
    file: PathBuf,
}

/// The problems among `generated` (every generated site path, sorted; duplicates allowed) and
/// the site's static files. `folders` are folders the build fills later (the search index).
pub(super) fn check(site: &Site, generated: &[&str], folders: &[&str]) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    let paths = super::paths::Paths::new(&site.config);
    let prefixes: Vec<String> = site
        .config
        .language_keys
        .iter()
        .map(|l| paths.prefix(l))
        .filter(|p| !p.is_empty())
        .collect();
    for pair in generated.windows(2) {
        if pair[0] == pair[1] {
            let owner = owner(site, &prefixes, pair[0]);
            out.push(
                Diagnostic::error(
                    Location::file(owner.file),
                    format!(
                        "two generated files have the path `{}` ({})",
                        pair[0], owner.what
                    ),
                )
                .with_help(
                    "rename one of the two (a chart id, a file beside the chapters, a page slug)",
                ),
            );
        }
    }
    for path in generated {
        if let Some(inner) = first_under(generated, path) {
            let owner = owner(site, &prefixes, inner);
            out.push(
                Diagnostic::error(
                    Location::file(owner.file),
                    format!("generated file `{path}` has the name of a folder that `{inner}` goes into ({})", owner.what),
                )
                .with_help("rename the file or the folder so that they differ"),
            );
        }
    }
    for file in &site.static_files {
        if let Some(d) = static_problem(site, &prefixes, generated, folders, file) {
            out.push(d);
        }
    }
    out
}

/// Why static file `file` cannot be copied where it goes, if it cannot.
fn static_problem(
    site: &Site,
    prefixes: &[String],
    generated: &[&str],
    folders: &[&str],
    file: &str,
) -> Option<Diagnostic> {
    let at = Location::file(PathBuf::from("static").join(file));
    let claimed = |dir: &str| {
        folders
            .contains(&dir)
            .then(|| format!("{dir}/"))
            .or_else(|| first_under(generated, dir).map(str::to_string))
    };
    let exact = generated.binary_search(&file).is_ok();
    let message = if exact {
        let owner = owner(site, prefixes, file);
        format!(
            "static file `{file}` has the path of a generated file ({})",
            owner.what
        )
    } else if let Some(inner) = claimed(file) {
        let owner = owner(site, prefixes, &inner);
        format!(
            "static file `{file}` has the name of the folder that `{inner}` is written into ({})",
            owner.what
        )
    } else {
        // The output's root and each language's folder hold both static files and pages.
        let dir = ancestors(file)
            .filter(|d| !prefixes.iter().any(|p| p.strip_suffix('/') == Some(d)))
            .find(|d| claimed(d).is_some())?;
        let inner = claimed(dir)?;
        let owner = owner(site, prefixes, &inner);
        format!(
            "static file `{file}` would be copied into `{dir}/`, a folder of generated files such as `{inner}` ({})",
            owner.what
        )
    };
    let help = if exact {
        "move or rename the file in static/, or rename the report or page"
    } else {
        "a folder is either copied from static/ or generated: move or rename the file in static/, or rename the report or page"
    };
    Some(Diagnostic::error(at, message).with_help(help))
}

/// The folders `file` is in, outermost first (`a`, `a/b` for `a/b/c.png`).
fn ancestors(file: &str) -> impl Iterator<Item = &str> {
    file.match_indices('/').map(move |(i, _)| &file[..i])
}

/// The first of `sorted` paths inside folder `dir`, if any.
fn first_under<'a>(sorted: &[&'a str], dir: &str) -> Option<&'a str> {
    let i = sorted.partition_point(|p| before_folder(p, dir));
    let inside = |p: &&str| p.strip_prefix(dir).is_some_and(|r| r.starts_with('/'));
    sorted.get(i).copied().filter(inside)
}

/// Whether `path` sorts before `dir/` (compared without building that string: this runs for
/// every generated path).
fn before_folder(path: &str, dir: &str) -> bool {
    match path.strip_prefix(dir) {
        Some(rest) => rest.bytes().next().is_none_or(|c| c < b'/'),
        None => path < dir,
    }
}

/// Who makes generated path `path`: a report, a standalone page, the search index or the site.
fn owner(site: &Site, prefixes: &[String], path: &str) -> Owner {
    let rest = prefixes
        .iter()
        .find_map(|p| path.strip_prefix(p.as_str()))
        .unwrap_or(path);
    let top = rest.split('/').next().unwrap_or_default();
    if let Some(r) = site.reports.iter().find(|r| r.slug == top) {
        let file = PathBuf::from("content/reports")
            .join(&r.slug)
            .join("report.yaml");
        return Owner {
            what: format!("made by report `{top}`, {}", file.display()),
            file,
        };
    }
    let page = site.pages.iter().find(|p| p.slug == top);
    if let Some(src) = page.and_then(|p| p.sources.values().next()) {
        return Owner {
            what: format!("the page {}", src.file.display()),
            file: src.file.clone(),
        };
    }
    let what = if top == crate::search::DIR {
        "the search index".to_string()
    } else {
        format!("made by yanbao for the whole site: `{path}`")
    };
    Owner {
        what,
        file: PathBuf::from(path),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_paths_inside_a_folder_only() {
        let sorted = ["a-b/index.html", "a.html", "a/x.png", "b/index.html"];
        assert_eq!(first_under(&sorted, "a"), Some("a/x.png"));
        assert_eq!(first_under(&sorted, "a/x.png"), None);
        assert_eq!(first_under(&sorted, "c"), None);
        assert_eq!(first_under(&sorted, "a-b"), Some("a-b/index.html"));
        assert_eq!(first_under(&sorted, ""), None);
        assert_eq!(ancestors("a/b/c.png").collect::<Vec<_>>(), ["a", "a/b"]);
    }

    #[test]
    fn generated_paths_claimed_twice_or_as_file_and_folder_are_errors() {
        let opts = crate::BuildOptions {
            root: std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/mini"),
            ..Default::default()
        };
        let site = crate::build_in_memory(&opts).unwrap().site;
        let fine = ["alpha/index.html", "en/alpha/index.html", "robots.txt"];
        assert!(check(&site, &fine, &[]).is_empty());
        let twice = ["alpha/files/a.png", "alpha/files/a.png", "robots.txt"];
        let found = check(&site, &twice, &[]);
        assert_eq!(found.len(), 1, "{found:?}");
        let text = found[0].render(None);
        assert!(
            text.contains("two generated files have the path `alpha/files/a.png`"),
            "{text}"
        );
        assert!(text.contains("content/reports/alpha/report.yaml"), "{text}");
        let nested = ["en/alpha", "en/alpha/index.html"];
        let found = check(&site, &nested, &[]);
        assert_eq!(found.len(), 1, "{found:?}");
        assert!(found[0]
            .render(None)
            .contains("`en/alpha/index.html` goes into"));
    }
}
