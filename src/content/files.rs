//! Files beside a report's chapters (`chapters/fig-1.png`, `chapters/data/table.xlsx`): images and
//! downloads that chapters reference by a relative path. They are read once when the site loads
//! (so rendering never touches the disk) and published once per report, whatever the language.

use super::discover::{slug_problem, sorted_dir, valid_slug};
use crate::error::{Diagnostic, Diagnostics, Location};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;

/// File extensions read as images: their pixel size must be readable.
const RASTER: &[&str] = &["png", "jpg", "jpeg", "gif", "webp", "avif"];

/// One file beside the chapters.
#[derive(Debug, Clone)]
pub struct Attachment {
    /// The file, relative to the site root, for messages.
    pub file: PathBuf,
    /// Its contents.
    pub bytes: Arc<[u8]>,
    /// Width and height in pixels, for raster images.
    pub size: Option<(u32, u32)>,
}

/// Whether a co-located path names an image by its extension.
pub fn is_image(path: &str) -> bool {
    let ext = path.rsplit_once('.').map(|(_, e)| e.to_ascii_lowercase());
    ext.is_some_and(|e| e == "svg" || RASTER.contains(&e.as_str()))
}

/// Loads every file under `chapters/` (`rel`) except the chapters themselves, keyed by its
/// `/`-separated path relative to that folder. Symbolic links are refused by [`sorted_dir`] and
/// by [`crate::fsx::inside`], so nothing outside the site is published.
pub fn load_files(
    root: &Path,
    rel: &Path,
    diags: &mut Diagnostics,
) -> BTreeMap<String, Attachment> {
    let mut out = BTreeMap::new();
    walk(root, rel, "", diags, &mut out);
    out
}

fn walk(
    root: &Path,
    rel: &Path,
    prefix: &str,
    diags: &mut Diagnostics,
    out: &mut BTreeMap<String, Attachment>,
) {
    for entry in sorted_dir(&root.join(rel), rel, diags) {
        if prefix.is_empty() && !entry.is_dir && entry.name.ends_with(".md") {
            continue;
        }
        if !valid_slug(&entry.name) {
            diags.push(slug_problem(&entry.rel, &entry.name));
            continue;
        }
        let key = format!("{prefix}{}", entry.name);
        if entry.is_dir {
            walk(root, &entry.rel, &format!("{key}/"), diags, out);
            continue;
        }
        if let Some(a) = diags.take(read(root, &entry.rel, &key)) {
            out.insert(key, a);
        }
    }
}

fn read(root: &Path, rel: &Path, key: &str) -> crate::error::Result<Attachment> {
    let path = crate::fsx::inside(root, rel)?;
    let bytes: Arc<[u8]> = std::fs::read(&path)
        .map_err(|e| crate::error::Error::io("read", rel, e))?
        .into();
    let raster = key
        .rsplit_once('.')
        .is_some_and(|(_, e)| RASTER.contains(&e.to_ascii_lowercase().as_str()));
    let size = if raster {
        // imagesize reads only the header, so a large photo costs no decoding.
        let s = imagesize::blob_size(&bytes).map_err(|e| {
            Diagnostic::error(
                Location::file(rel),
                format!("cannot read the size of this image: {e}"),
            )
            .with_help("save it again as PNG, JPEG, GIF, WebP or AVIF; the extension must match the format")
        })?;
        let dim = |v: usize| u32::try_from(v).unwrap_or(u32::MAX);
        Some((dim(s.width), dim(s.height)))
    } else {
        None
    };
    Ok(Attachment {
        file: rel.to_path_buf(),
        bytes,
        size,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A 3×2 PNG header is all imagesize needs.
    fn png(w: u32, h: u32) -> Vec<u8> {
        let mut b = b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR".to_vec();
        b.extend(w.to_be_bytes());
        b.extend(h.to_be_bytes());
        b.extend([8, 6, 0, 0, 0, 0, 0, 0, 0]);
        b
    }

    #[test]
    fn loads_files_and_image_sizes_recursively_without_chapters() {
        let dir = tempfile::tempdir().unwrap();
        let ch = dir.path().join("r/chapters");
        std::fs::create_dir_all(ch.join("img")).unwrap();
        std::fs::write(ch.join("a.zh.md"), "x").unwrap();
        std::fs::write(ch.join("data.xlsx"), "cells").unwrap();
        std::fs::write(ch.join("img/fig 1.png"), png(3, 2)).unwrap();
        let mut diags = Diagnostics::default();
        let files = load_files(dir.path(), Path::new("r/chapters"), &mut diags);
        assert!(!diags.has_errors());
        let keys: Vec<&str> = files.keys().map(String::as_str).collect();
        assert_eq!(keys, ["data.xlsx", "img/fig 1.png"]);
        assert_eq!(files["img/fig 1.png"].size, Some((3, 2)));
        assert_eq!(files["data.xlsx"].size, None);
    }

    #[test]
    fn an_unreadable_image_is_an_error_naming_it() {
        let dir = tempfile::tempdir().unwrap();
        let ch = dir.path().join("chapters");
        std::fs::create_dir_all(&ch).unwrap();
        std::fs::write(ch.join("fig.png"), "not a png").unwrap();
        let mut diags = Diagnostics::default();
        load_files(dir.path(), Path::new("chapters"), &mut diags);
        let err = diags.finish().unwrap_err().to_string();
        assert!(
            err.contains("chapters/fig.png") && err.contains("size"),
            "{err}"
        );
    }

    #[cfg(unix)]
    #[test]
    fn a_symbolic_link_out_of_the_site_is_refused() {
        let dir = tempfile::tempdir().unwrap();
        let ch = dir.path().join("chapters");
        std::fs::create_dir_all(&ch).unwrap();
        std::os::unix::fs::symlink("/etc/hostname", ch.join("host.txt")).unwrap();
        let mut diags = Diagnostics::default();
        let files = load_files(dir.path(), Path::new("chapters"), &mut diags);
        assert!(files.is_empty() && diags.has_errors());
    }
}
