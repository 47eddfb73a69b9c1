//! Walking the site folder: sorted listings that refuse symbolic links, `static/`, and the rule
//! for names that become URL segments.

use crate::error::{Diagnostic, Diagnostics, Location};
use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

/// Lists the static files of the site: the built-in theme's and the site's own `static/`
/// (recursively; links are reported rather than followed, so nothing outside the site folder is
/// copied). A site file takes the place of the built-in one with the same path.
pub fn list_static(root: &Path, diags: &mut Diagnostics) -> BTreeSet<String> {
    let dir = root.join("static");
    let mut files: BTreeSet<String> = crate::theme::under("static/")
        .map(|(p, _)| p.to_string())
        .collect();
    for entry in walkdir::WalkDir::new(&dir)
        .sort_by_file_name()
        .into_iter()
        .flatten()
    {
        let rel = entry.path().strip_prefix(&dir).unwrap_or(entry.path());
        let shown = Path::new("static").join(rel);
        if entry.file_type().is_symlink() {
            diags.push(
                Diagnostic::error(
                    Location::file(&shown),
                    "symbolic links are not followed in static/",
                )
                .with_help("replace the link with the file itself"),
            );
        } else if entry.file_type().is_file() {
            match rel.to_str() {
                Some(p) => {
                    files.insert(p.replace('\\', "/"));
                }
                None => diags.push(Diagnostic::error(
                    Location::file(&shown),
                    "file name is not valid UTF-8",
                )),
            }
        }
    }
    files
}

/// A directory entry relative to the site root.
pub struct DirEntry {
    /// Path relative to the site root.
    pub rel: PathBuf,
    /// File name.
    pub name: String,
    /// Whether it is a folder.
    pub is_dir: bool,
}

/// Lists a folder's entries sorted by name; symlinks and non-UTF-8 names are reported, not followed.
pub fn sorted_dir(abs: &Path, rel: &Path, diags: &mut Diagnostics) -> Vec<DirEntry> {
    let Ok(read) = std::fs::read_dir(abs) else {
        return Vec::new();
    };
    let mut out = Vec::new();
    for entry in read.flatten() {
        let name = entry.file_name();
        let shown = rel.join(&name);
        let Some(name) = name.to_str().map(str::to_string) else {
            diags.push(
                Diagnostic::error(Location::file(&shown), "file name is not valid UTF-8")
                    .with_help("rename the file using UTF-8 characters"),
            );
            continue;
        };
        if name.starts_with('.') {
            continue;
        }
        let Ok(ft) = entry.file_type() else { continue };
        if ft.is_symlink() {
            diags.push(Diagnostic::error(Location::file(&shown), "symbolic links are not followed in content/")
                .with_help("replace the link with the file itself; content must stay inside the site folder"));
            continue;
        }
        out.push(DirEntry {
            rel: shown,
            name,
            is_dir: ft.is_dir(),
        });
    }
    out.sort_by(|a, b| a.name.cmp(&b.name));
    out
}

/// Whether `s` is safe as one URL path segment and one file name: no separators, no `.`/`..`,
/// no control characters. Spaces, capitals and Chinese are allowed and percent-encoded in URLs
/// (documented in docs/content-model.md); names that differ only by case are refused separately.
pub fn valid_slug(s: &str) -> bool {
    !s.is_empty()
        && s.chars().count() <= 80
        && !s.starts_with('.')
        && !s.chars().any(|c| {
            c.is_control()
                || matches!(
                    c,
                    '/' | '\\' | ':' | '?' | '#' | '%' | '*' | '"' | '<' | '>' | '|'
                )
        })
}

/// Names that differ only in letter case become one file on case-insensitive file systems
/// (macOS and Windows by default, many static hosts): each such pair is an error naming both.
pub fn case_collisions<'a>(
    names: impl IntoIterator<Item = (&'a str, &'a Path)>,
    what: &str,
) -> Vec<Diagnostic> {
    let mut seen: std::collections::BTreeMap<String, (&str, &Path)> = Default::default();
    let mut out = Vec::new();
    for (name, file) in names {
        match seen.get(&name.to_lowercase()) {
            Some((other, other_file)) if *other != name => out.push(
                Diagnostic::error(
                    Location::file(file),
                    format!(
                        "{what} `{name}` and `{other}` ({}) differ only in letter case",
                        other_file.display()
                    ),
                )
                .with_help("on case-insensitive file systems and hosts they would be one page; rename one of them"),
            ),
            _ => {
                seen.insert(name.to_lowercase(), (name, file));
            }
        }
    }
    out
}

/// An error for a name that cannot be a slug.
pub fn slug_problem(shown: &Path, slug: &str) -> Diagnostic {
    Diagnostic::error(
        Location::file(shown),
        format!("`{slug}` cannot be used as a URL slug"),
    )
    .with_help("rename it without `/ \\ : ? # % * \" < > |`, control characters or a leading dot")
}
