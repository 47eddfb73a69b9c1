//! The private folder Pagefind reads the pages to index from.

use crate::error::{Error, Result};
use std::path::{Component, Path, PathBuf};

/// The private folder Pagefind indexes: the pages at their URL paths (the base URL's path
/// first), added in path order; removed when dropped.
pub(super) struct Tree {
    pub(super) dir: tempfile::TempDir,
    /// Where site paths start: `dir` joined with the base URL's path.
    root: PathBuf,
    /// Pages added so far.
    pub(super) pages: std::cell::Cell<usize>,
    /// The folder the last page went into, so that each folder is made once.
    made: std::cell::RefCell<PathBuf>,
}

impl Tree {
    /// An empty tree in a new folder inside `parent`, for a site under `base` (`/research/`).
    pub(super) fn new(parent: &Path, base: &str) -> Result<Tree> {
        let dir = tempfile::Builder::new()
            .prefix(super::TREE_PREFIX)
            .tempdir_in(parent)
            .map_err(|e| Error::io("make a folder for the search index in", parent, e))?;
        // The base path is a URL path; Pagefind percent-encodes the folder names it walks.
        let mut root = dir.path().to_path_buf();
        for seg in base.split('/') {
            let seg = percent_encoding::percent_decode_str(seg).decode_utf8_lossy();
            if plain(&seg) {
                root.push(&*seg);
            }
        }
        Ok(Tree {
            dir,
            root,
            pages: std::cell::Cell::new(0),
            made: std::cell::RefCell::new(PathBuf::new()),
        })
    }

    /// The file of a page in the tree, its folder made.
    fn place(&self, site_path: &str) -> Result<PathBuf> {
        // Site paths are made by the build, but a page must never land outside the tree.
        if !plain(site_path) {
            return Err(Error::io(
                "add to the search index",
                Path::new(site_path),
                std::io::Error::other("not a plain relative path"),
            ));
        }
        let to = self.root.join(site_path);
        let parent = to.parent().unwrap_or(&self.root);
        let mut made = self.made.borrow_mut();
        if *made != parent {
            crate::fsx::create_dir_all(parent)?;
            *made = parent.to_path_buf();
        }
        self.pages.set(self.pages.get() + 1);
        Ok(to)
    }

    /// Adds the page written at `from`: a hard link, or a copy where links do not work.
    pub(super) fn link(&self, site_path: &str, from: &Path) -> Result<()> {
        let to = self.place(site_path)?;
        std::fs::hard_link(from, &to)
            .or_else(|_| std::fs::copy(from, &to).map(drop))
            .map_err(|e| Error::io("link for the search index", from, e))
    }

    /// Adds a page held in memory.
    pub(super) fn write(&self, site_path: &str, html: &[u8]) -> Result<()> {
        let to = self.place(site_path)?;
        std::fs::write(&to, html).map_err(|e| Error::io("write for the search index", &to, e))
    }
}

/// Whether `path` is relative and made of plain names only (no `..`, `.`, root or prefix).
fn plain(path: &str) -> bool {
    let path = Path::new(path);
    path.components().next().is_some()
        && path.components().all(|c| matches!(c, Component::Normal(_)))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pages_go_under_the_base_path_and_never_outside() {
        let parent = tempfile::tempdir().unwrap();
        let tree = Tree::new(parent.path(), "/research/my%20site/../").unwrap();
        tree.write("en/a/index.html", b"x").unwrap();
        let page = tree.dir.path().join("research/my site/en/a/index.html");
        assert!(page.is_file(), "{page:?}");
        for bad in ["../x.html", "/etc/x.html", "a/../../x.html", ""] {
            assert!(tree.write(bad, b"x").is_err(), "{bad}");
        }
        assert_eq!(tree.pages.get(), 1);
        let dir = tree.dir.path().to_path_buf();
        drop(tree);
        assert!(!dir.exists(), "the tree is removed when dropped");
    }
}
