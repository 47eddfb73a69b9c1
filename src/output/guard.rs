//! One build at a time per output folder, and the clearing of what a killed build left beside it.
//!
//! A build writes beside its output (`public/`): the staging folder `.public.yanbao-tmp`, and,
//! while swapping, `.public.yanbao-old` (versions that indexed with Pagefind also wrote the
//! indexer's `.public.yanbao-tmp.search`, which is still cleared when one of them left it). A
//! killed build leaves these behind; two builds into the same output at once would write into,
//! and delete, each other's. So a build first takes an exclusive lock on `.public.yanbao-lock`
//! (the operating system drops it when the process dies, so a killed build never leaves a lock
//! that blocks the next one), and only then clears what an earlier build left: under the lock,
//! nothing else is using those folders. A fixed name with a lock was chosen over one staging name
//! per process: the latter needs telling live processes from dead ones by pid (reused, and not
//! portable) or by age (a slow build looks stale), and still lets two builds race to swap.

use crate::error::{Diagnostic, Error, Location, Result};
use fs4::{FileExt, TryLockError};
use std::fs::File;
use std::path::{Path, PathBuf};

/// The names a build of `out` uses beside it, each `.{name}.yanbao-…` in its parent.
#[derive(Debug, Clone)]
pub struct Beside {
    /// The staging folder the build is written into.
    pub tmp: PathBuf,
    /// Where the previous output waits while the new one is moved in.
    pub old: PathBuf,
    /// The folder of page trees the Pagefind indexer of earlier versions made.
    pub search: PathBuf,
    /// The lock file.
    pub lock: PathBuf,
}

impl Beside {
    /// The names for output folder `out` (whose parent must exist to be used).
    pub fn of(out: &Path) -> Beside {
        let parent = out
            .parent()
            .filter(|p| !p.as_os_str().is_empty())
            .unwrap_or(Path::new("."));
        let name = out.file_name().and_then(|n| n.to_str()).unwrap_or("public");
        let at = |suffix: &str| parent.join(format!(".{name}.yanbao-{suffix}"));
        Beside {
            tmp: at("tmp"),
            old: at("old"),
            search: search_dir(&at("tmp")),
            lock: at("lock"),
        }
    }
}

/// The folder of page trees that earlier versions' Pagefind indexer made beside staging `dir`.
fn search_dir(dir: &Path) -> PathBuf {
    let mut trees = dir.as_os_str().to_owned();
    trees.push(".search");
    PathBuf::from(trees)
}

/// The exclusive right to build one output folder, held until dropped.
#[derive(Debug)]
pub struct Lock {
    file: File,
    path: PathBuf,
}

impl Lock {
    /// Takes the lock at `path`, or says that another build holds it.
    pub fn take(path: &Path) -> Result<Lock> {
        // Each retry means another build finished in between; past a few, builds are racing.
        for _ in 0..8 {
            let file = File::options()
                .create(true)
                .truncate(false)
                .write(true)
                .open(path)
                .map_err(|e| Error::io("create the lock file", path, e))?;
            match FileExt::try_lock(&file) {
                Ok(()) => {}
                Err(TryLockError::WouldBlock) => return Err(busy(path)),
                Err(TryLockError::Error(e)) => return Err(Error::io("lock", path, e)),
            }
            // The build that held the lock removes its file before letting go: if that happened
            // between our open and our lock, we hold a lock on a file nobody else will open.
            if still_at(&file, path) {
                return Ok(Lock {
                    file,
                    path: path.to_path_buf(),
                });
            }
        }
        Err(busy(path))
    }
}

impl Drop for Lock {
    fn drop(&mut self) {
        // Removed while still locked, so that a waiting build sees it gone and opens a new one
        // (see `take`); where the file cannot be told apart that way it is left in place.
        if cfg!(unix) {
            let _ = std::fs::remove_file(&self.path);
        }
        let _ = FileExt::unlock(&self.file);
    }
}

/// Whether `path` still names the open `file`.
#[cfg(unix)]
fn still_at(file: &File, path: &Path) -> bool {
    use std::os::unix::fs::MetadataExt;
    match (file.metadata(), std::fs::metadata(path)) {
        (Ok(a), Ok(b)) => a.dev() == b.dev() && a.ino() == b.ino(),
        _ => false,
    }
}

/// Elsewhere the lock file is never removed, so it always names the open file.
#[cfg(not(unix))]
fn still_at(_file: &File, _path: &Path) -> bool {
    true
}

fn busy(lock: &Path) -> Error {
    Diagnostic::error(
        Location::file(lock),
        "another yanbao build is writing this output folder right now",
    )
    .with_help(
        "wait for that build to finish and build again, or build into another folder with --output",
    )
    .into()
}

/// Removes folder `dir`, left by a killed build, if `ours` recognises it as yanbao's; refuses to
/// touch it otherwise. Call only while holding the output's [`Lock`].
pub fn clear(dir: &Path, ours: fn(&Path) -> bool) -> Result<()> {
    let Ok(meta) = std::fs::symlink_metadata(dir) else {
        return Ok(());
    };
    if meta.is_dir() && (is_empty(dir) || ours(dir)) {
        return crate::fsx::remove_dir_all(dir);
    }
    Err(Diagnostic::error(
        Location::file(dir),
        "this has the name of a folder yanbao builds in, but yanbao did not make it",
    )
    .with_help(
        "yanbao removes only folders it recognises as its own; move or rename this one, then build again",
    )
    .into())
}

fn is_empty(dir: &Path) -> bool {
    std::fs::read_dir(dir).is_ok_and(|mut d| d.next().is_none())
}

/// A staging folder or a previous output: it holds the build marker.
pub fn has_marker(dir: &Path) -> bool {
    std::fs::symlink_metadata(dir.join(super::MARKER)).is_ok_and(|m| m.is_file())
}

/// How the page trees of the Pagefind indexer of earlier versions were named.
const TREE_PREFIX: &str = ".yanbao-search-";

/// The old indexer's folder: nothing in it but the page trees it made (`.yanbao-search-…`).
pub fn holds_only_trees(dir: &Path) -> bool {
    std::fs::read_dir(dir).is_ok_and(|entries| {
        entries.into_iter().all(|e| {
            e.is_ok_and(|e| {
                e.file_name()
                    .to_str()
                    .is_some_and(|n| n.starts_with(TREE_PREFIX))
                    && e.file_type().is_ok_and(|t| t.is_dir())
            })
        })
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_second_lock_on_the_same_output_is_refused_until_the_first_is_dropped() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join(".public.yanbao-lock");
        let first = Lock::take(&path).unwrap();
        let err = Lock::take(&path).unwrap_err().to_string();
        assert!(err.contains("another yanbao build"), "{err}");
        drop(first);
        assert!(
            !path.exists() || cfg!(not(unix)),
            "the lock file is removed"
        );
        drop(Lock::take(&path).unwrap());
    }

    #[test]
    fn clears_only_what_it_recognises() {
        let dir = tempfile::tempdir().unwrap();
        let tmp = dir.path().join(".public.yanbao-tmp");
        std::fs::create_dir_all(tmp.join("a")).unwrap();
        std::fs::write(tmp.join("a/x.html"), "x").unwrap();
        assert!(clear(&tmp, has_marker).is_err(), "no marker: not ours");
        assert!(tmp.join("a/x.html").is_file(), "left untouched");
        std::fs::write(tmp.join(super::super::MARKER), "m").unwrap();
        clear(&tmp, has_marker).unwrap();
        assert!(!tmp.exists());
        std::fs::create_dir_all(&tmp).unwrap();
        clear(&tmp, has_marker).unwrap();
        assert!(!tmp.exists(), "an empty folder goes");
        std::fs::write(&tmp, "a file").unwrap();
        assert!(clear(&tmp, has_marker).is_err(), "a file is never removed");
        clear(&dir.path().join("absent"), has_marker).unwrap();
    }

    #[test]
    fn the_search_folder_is_recognised_by_its_trees() {
        let dir = tempfile::tempdir().unwrap();
        let trees = dir.path().join("t.search");
        std::fs::create_dir_all(trees.join(".yanbao-search-x/a")).unwrap();
        assert!(holds_only_trees(&trees));
        std::fs::write(trees.join("notes.txt"), "mine").unwrap();
        assert!(!holds_only_trees(&trees));
    }
}
