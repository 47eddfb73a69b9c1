//! File-system helpers whose errors name the path they failed on.

use crate::error::{Diagnostic, Error, Location, Result};
use std::path::{Path, PathBuf};

/// `root/rel` with every symbolic link resolved, or an error if that place lies outside `root`:
/// the one gate through which the build reads a site file, so no link at any depth can publish
/// a file from elsewhere on the machine.
pub fn inside(root: &Path, rel: &Path) -> Result<PathBuf> {
    let real_root = root
        .canonicalize()
        .map_err(|e| Error::io("open", root, e))?;
    let real = root
        .join(rel)
        .canonicalize()
        .map_err(|e| Error::io("open", rel, e))?;
    if real.starts_with(&real_root) {
        Ok(real)
    } else {
        Err(Diagnostic::error(
            Location::file(rel),
            "this path leads outside the site folder (through a symbolic link)",
        )
        .with_help("yanbao reads only files inside the site folder; copy the file into the site instead of linking to it")
        .into())
    }
}

/// Reads the UTF-8 text file `root/rel`, refusing one that lies outside `root`; messages name `rel`.
pub fn read_text(root: &Path, rel: &Path) -> Result<String> {
    let shown = rel;
    let path = inside(root, rel)?;
    let bytes = std::fs::read(&path).map_err(|e| Error::io("read", shown, e))?;
    let mut text = String::from_utf8(bytes).map_err(|e| -> Error {
        let valid = &e.as_bytes()[..e.utf8_error().valid_up_to()];
        let line = valid.iter().filter(|&&b| b == b'\n').count() + 1;
        Diagnostic::error(Location::at(shown, line, None), "file is not valid UTF-8")
            .with_help("save the file as UTF-8 (without a legacy encoding such as GBK)")
            .into()
    })?;
    // Editors on Windows often save UTF-8 with a byte-order mark; it is not part of the text.
    if text.starts_with('\u{feff}') {
        text.drain(..3);
    }
    Ok(text)
}

/// Writes a file, creating its parent folders.
pub fn write(path: &Path, bytes: &[u8]) -> Result<()> {
    if let Some(parent) = path.parent() {
        create_dir_all(parent)?;
    }
    std::fs::write(path, bytes).map_err(|e| Error::io("write", path, e))
}

/// Creates a folder and its parents.
pub fn create_dir_all(path: &Path) -> Result<()> {
    std::fs::create_dir_all(path).map_err(|e| Error::io("create folder", path, e))
}

/// Removes a folder tree if it exists.
pub fn remove_dir_all(path: &Path) -> Result<()> {
    match std::fs::remove_dir_all(path) {
        Err(e) if e.kind() != std::io::ErrorKind::NotFound => {
            Err(Error::io("remove folder", path, e))
        }
        _ => Ok(()),
    }
}

/// Renames a file or folder.
pub fn rename(from: &Path, to: &Path) -> Result<()> {
    std::fs::rename(from, to).map_err(|e| Error::io("move", from, e))
}
