//! Writing the built site: into a temporary folder next to the output, then swapped into place, so
//! a failed build leaves the previous output untouched and no stale file survives a rebuild.

use crate::error::{Diagnostic, Error, Location, Result};
use crate::fsx;
use crate::render::{OutputFile, Sink};
use std::collections::{BTreeSet, HashSet};
use std::path::{Component, Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Mutex;

mod guard;
pub use guard::Lock;

/// The file every build writes into its output, so a later build knows the folder is its own.
pub const MARKER: &str = ".yanbao-build";

/// What the marker file says: fixed text, so builds stay byte-identical.
const MARKER_TEXT: &str =
    "This folder was built by yanbao and is replaced whole by the next build.\n";

fn is_empty_dir(dir: &Path) -> bool {
    std::fs::read_dir(dir)
        .map(|mut d| d.next().is_none())
        .unwrap_or(false)
}

/// Refuses output folders whose replacement would destroy the author's work.
pub fn check_output_dir(root: &Path, out: &Path) -> Result<()> {
    let abs = |p: &Path| std::path::absolute(p).unwrap_or_else(|_| p.to_path_buf());
    let (root, out) = (abs(root), abs(out));
    let protected = ["content", "templates", "static"].map(|d| root.join(d));
    let bad = out == root || root.starts_with(&out) || protected.iter().any(|p| out.starts_with(p));
    if bad {
        return Err(Diagnostic::error(
            Location::file(&out),
            "the output folder would overwrite the site's sources",
        )
        .with_help(
            "choose an output folder outside content/, templates/ and static/, such as public/",
        )
        .into());
    }
    if out.exists() && !out.is_dir() {
        return Err(Diagnostic::error(
            Location::file(&out),
            "the output path is a file, not a folder",
        )
        .with_help("choose a folder for --output, such as public/")
        .into());
    }
    if out.is_dir() && !is_empty_dir(&out) && !out.join(MARKER).is_file() {
        return Err(Diagnostic::error(
            Location::file(&out),
            format!("the output folder is not empty and was not built by yanbao (it has no `{MARKER}` file)"),
        )
        .with_help(
            "yanbao replaces the whole output folder, so it only replaces an empty folder or one it built; \
             choose another --output, or move the files out of this folder (or delete it) and build again",
        )
        .into());
    }
    Ok(())
}

/// Takes the lock that lets one build at a time write output folder `out` (creating its parent
/// folder): hold it from before the output is checked until the build is swapped in.
pub fn lock(out: &Path) -> Result<Lock> {
    let beside = guard::Beside::of(out);
    if let Some(parent) = beside.lock.parent() {
        fsx::create_dir_all(parent)?;
    }
    Lock::take(&beside.lock)
}

/// Joins a generated site path onto `base`, refusing anything that is not a plain relative path.
fn contained(base: &Path, site_path: &str) -> Result<PathBuf> {
    let rel = Path::new(site_path);
    let ok = !site_path.is_empty() && rel.components().all(|c| matches!(c, Component::Normal(_)));
    if !ok {
        return Err(Diagnostic::error(
            Location::file(site_path),
            "refusing to write outside the output folder",
        )
        .with_help("this is a bug in yanbao or a slug that escaped validation; please report it")
        .into());
    }
    Ok(base.join(rel))
}

/// The output being built: a temporary folder beside the output that files are written into as
/// they are rendered (so memory does not grow with the site), swapped into place by
/// [`Staging::commit`] only when the whole build succeeded. Dropped without a commit, it removes
/// itself and the previous output stays as it was.
pub struct Staging {
    tmp: PathBuf,
    old: PathBuf,
    out: PathBuf,
    static_files: BTreeSet<String>,
    /// The folders the static files are in.
    static_dirs: HashSet<String>,
    /// Folders already created, so each is made once.
    made: Mutex<HashSet<PathBuf>>,
    written: AtomicUsize,
    committed: bool,
    /// Dropped after the fields above, so the lock outlives the removal of an uncommitted build.
    _lock: Lock,
}

impl Staging {
    /// Starts a build of `out` under its `lock` (see [`lock`]): clears what a killed build left
    /// beside the output (only folders it recognises as yanbao's), creates the temporary folder
    /// with the build marker and copies `ROOT/static` into it.
    pub fn begin(
        root: &Path,
        static_files: &BTreeSet<String>,
        out: &Path,
        lock: Lock,
    ) -> Result<Staging> {
        let beside = guard::Beside::of(out);
        guard::clear(&beside.tmp, guard::has_marker)?;
        guard::clear(&beside.search, guard::holds_only_trees)?;
        guard::clear(&beside.old, guard::has_marker)?;
        let tmp = beside.tmp;
        fsx::create_dir_all(&tmp)?;
        let staging = Staging {
            tmp,
            old: beside.old,
            out: out.to_path_buf(),
            static_files: static_files.clone(),
            static_dirs: static_files
                .iter()
                .flat_map(|f| f.match_indices('/').map(|(i, _)| f[..i].to_string()))
                .collect(),
            made: Mutex::new(HashSet::new()),
            written: AtomicUsize::new(0),
            committed: false,
            _lock: lock,
        };
        staging.write_file(MARKER, MARKER_TEXT.as_bytes())?;
        staging.copy_static(root)?;
        Ok(staging)
    }

    fn copy_static(&self, root: &Path) -> Result<()> {
        if self.static_files.contains(MARKER) {
            return Err(Diagnostic::error(
                Location::file(Path::new("static").join(MARKER)),
                format!("`{MARKER}` is the name of the file that marks a yanbao build"),
            )
            .with_help("rename or remove this file in static/")
            .into());
        }
        for rel in &self.static_files {
            let own = Path::new("static").join(rel);
            let builtin = crate::theme::file(&format!("static/{rel}"));
            match builtin {
                Some(bytes) if std::fs::symlink_metadata(root.join(&own)).is_err() => {
                    self.write_file(rel, bytes)?;
                }
                _ => {
                    let from = fsx::inside(root, &own)?;
                    let to = contained(&self.tmp, rel)?;
                    self.make_parent(&to)?;
                    std::fs::copy(&from, &to).map_err(|e| Error::io("copy", &from, e))?;
                    self.written.fetch_add(1, Ordering::Relaxed);
                }
            }
        }
        Ok(())
    }

    fn make_parent(&self, file: &Path) -> Result<()> {
        let Some(dir) = file.parent() else {
            return Ok(());
        };
        let mut made = self.made.lock().unwrap_or_else(|e| e.into_inner());
        if !made.contains(dir) {
            fsx::create_dir_all(dir)?;
            made.insert(dir.to_path_buf());
        }
        Ok(())
    }

    fn write_file(&self, site_path: &str, bytes: &[u8]) -> Result<()> {
        let to = contained(&self.tmp, site_path)?;
        self.make_parent(&to)?;
        std::fs::write(&to, bytes).map_err(|e| Error::io("write", &to, e))?;
        self.written.fetch_add(1, Ordering::Relaxed);
        Ok(())
    }

    /// The folder the build is written into (its files are at their site paths).
    pub fn dir(&self) -> &std::path::Path {
        &self.tmp
    }

    /// Files written so far, static files and the marker included.
    pub fn written(&self) -> usize {
        self.written.load(Ordering::Relaxed)
    }

    /// Swaps the finished build into place.
    pub fn commit(mut self) -> Result<()> {
        let old = self.old.clone();
        guard::clear(&old, guard::has_marker)?;
        if self.out.exists() {
            fsx::rename(&self.out, &old)?;
        }
        if let Err(e) = fsx::rename(&self.tmp, &self.out) {
            let _ = std::fs::rename(&old, &self.out);
            return Err(e);
        }
        self.committed = true;
        fsx::remove_dir_all(&old)
    }
}

impl Drop for Staging {
    fn drop(&mut self) {
        if !self.committed {
            let _ = std::fs::remove_dir_all(&self.tmp);
        }
    }
}

impl Sink for Staging {
    /// Writes the file, unless a static file already claims its path, a folder on its way or,
    /// as a folder, the path itself: that file is left out (writing it would overwrite the static
    /// file or fail on the folder) and the render reports the collision with both sides named
    /// once every path is known (see `render::claims`), which fails the build.
    fn put(&self, file: OutputFile) -> Result<()> {
        let path = file.path.as_str();
        let on_its_way = path
            .match_indices('/')
            .any(|(i, _)| self.static_files.contains(&path[..i]));
        if self.static_files.contains(path) || on_its_way || self.static_dirs.contains(path) {
            return Ok(());
        }
        self.write_file(path, &file.bytes)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn refuses_escaping_paths() {
        let base = Path::new("/tmp/out");
        for bad in ["../x", "/etc/passwd", "a/../../b", ""] {
            assert!(contained(base, bad).is_err(), "{bad}");
        }
        assert!(contained(base, "en/报告 一/index.html").is_ok());
    }

    #[test]
    fn refuses_source_folders_as_output() {
        let dir = tempfile::tempdir().unwrap();
        assert!(check_output_dir(dir.path(), dir.path()).is_err());
        assert!(check_output_dir(dir.path(), &dir.path().join("content/x")).is_err());
        assert!(check_output_dir(&dir.path().join("site"), dir.path()).is_err());
        assert!(check_output_dir(dir.path(), &dir.path().join("public")).is_ok());
    }

    #[test]
    fn replaces_only_its_own_builds() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("out");
        std::fs::create_dir_all(&out).unwrap();
        assert!(
            check_output_dir(dir.path(), &out).is_ok(),
            "an empty folder is fine"
        );
        std::fs::write(out.join("index.html"), "x").unwrap();
        assert!(
            check_output_dir(dir.path(), &out).is_err(),
            "index.html alone proves nothing"
        );
        std::fs::write(out.join(MARKER), MARKER_TEXT).unwrap();
        assert!(check_output_dir(dir.path(), &out).is_ok());
        let file = dir.path().join("file");
        std::fs::write(&file, "x").unwrap();
        assert!(
            check_output_dir(dir.path(), &file).is_err(),
            "a file is never replaced"
        );
    }
}
