//! The preview's search index, made on demand: a rebuild only leaves its pages here
//! ([`OnDemand::queue`]); the index is made when a request needs it (a file under `search-index/`)
//! and the pages are newer than the index served, or in the background as soon as a search page
//! is opened, since its script will soon ask for the index. So an idle preview, and one that is
//! only being edited and read, spends no CPU on an index nobody asks for; a search still finds
//! the newest text, at the cost of one index build before its first answer after an edit.
//!
//! One index is made at a time: requests that come meanwhile wait for it, and then find it made.

use crate::search::{Held, Pending};
use std::sync::Mutex;
use std::time::Instant;

/// What a request needs of the index.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Need {
    /// A file of the index: it must be up to date before the answer.
    Now,
    /// A search page: its script will ask for the index soon, so make it meanwhile.
    Soon,
    /// Nothing.
    No,
}

/// What the request for site path `rel` (decoded, without the base path) needs of the index.
/// Search pages are `search/` and `LANG/search/` (see [`crate::search::page_path`]).
pub fn need(rel: &str) -> Need {
    if rel.starts_with(&format!("{}/", crate::search::DIR)) {
        return Need::Now;
    }
    let page = rel.strip_suffix("index.html").unwrap_or(rel);
    let page = page.strip_suffix("search/").filter(|_| !page.is_empty());
    match page {
        Some(prefix) if prefix.is_empty() || is_lang_prefix(prefix) => Need::Soon,
        _ => Need::No,
    }
}

/// `LANG/`: one path segment.
fn is_lang_prefix(prefix: &str) -> bool {
    prefix
        .strip_suffix('/')
        .is_some_and(|l| !l.is_empty() && !l.contains('/'))
}

/// The pages of the newest build while their index has not been made.
#[derive(Default)]
pub struct OnDemand {
    waiting: Mutex<Option<Pending>>,
    /// Held while an index is made, so that only one is made at a time.
    making: Mutex<()>,
}

impl OnDemand {
    /// Leaves the pages of a new build, in place of older ones not indexed yet.
    pub fn queue(&self, pending: Pending) {
        *self.waiting.lock().unwrap_or_else(|e| e.into_inner()) = Some(pending);
    }

    /// Whether pages are waiting to be indexed.
    pub fn is_stale(&self) -> bool {
        self.waiting
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .is_some()
    }

    /// Makes the index of the newest pages, if they are newer than the last index made, and
    /// hands it to `publish`; returns at once if they are not. The index served so far is
    /// withdrawn first (`publish` gets an empty one): no request reads it meanwhile, since a
    /// request for the index waits for this one, and the old index and the new one together
    /// were the preview's peak memory. A failure is logged and leaves no index (a search then
    /// says it failed) until the next build queues its pages again.
    pub fn refresh(&self, root: &std::path::Path, publish: impl Fn(Held)) {
        let _one = self.making.lock().unwrap_or_else(|e| e.into_inner());
        let Some(pending) = self
            .waiting
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .take()
        else {
            return;
        };
        let start = Instant::now();
        publish(Held::default());
        match pending.run(&|| false) {
            Ok(held) => {
                publish(held.unwrap_or_default());
                eprintln!(
                    "search index of {} page(s) made in {} ms, on request",
                    pending.files.len(),
                    start.elapsed().as_millis()
                );
            }
            Err(e) => eprintln!("{}", super::describe(root, &e)),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::path::Path;

    #[test]
    fn index_files_are_needed_now_and_search_pages_soon() {
        assert_eq!(need("search-index/en/meta.json"), Need::Now);
        assert_eq!(need("search-index/zh/c/0.bin"), Need::Now);
        for soon in [
            "search/",
            "search/index.html",
            "en/search/",
            "en/search/index.html",
        ] {
            assert_eq!(need(soon), Need::Soon, "{soon}");
        }
        for no in [
            "",
            "index.html",
            "search-index",
            "search-indexer/x",
            "en/alpha/search/",
            "research/",
            "en/research/index.html",
            "/search/",
        ] {
            assert_eq!(need(no), Need::No, "{no}");
        }
    }

    /// The text of every page in an index: its page files (`search-index/LANG/p/N.json`).
    fn indexed_text(held: &Held) -> String {
        let mut text = String::new();
        for lang in ["zh", "en"] {
            let page = |n: usize| held.get(&format!("search-index/{lang}/p/{n}.json"));
            for f in (0..).map_while(page) {
                text.push_str(&String::from_utf8_lossy(&f.contents()));
            }
        }
        text
    }

    fn copy_dir(from: &Path, to: &Path) {
        for entry in walkdir::WalkDir::new(from) {
            let entry = entry.unwrap();
            let dest = to.join(entry.path().strip_prefix(from).unwrap());
            if entry.file_type().is_dir() {
                std::fs::create_dir_all(&dest).unwrap();
            } else {
                std::fs::copy(entry.path(), &dest).unwrap();
            }
        }
    }

    #[test]
    fn a_search_after_an_edit_finds_the_new_text_and_not_the_old() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        copy_dir(
            &Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/mini"),
            root,
        );
        let opts = crate::BuildOptions {
            root: root.to_path_buf(),
            base_url: Some("http://127.0.0.1:1/".into()),
            live_reload: true,
        };
        let mut cache = crate::render::UnitCache::default();
        let index = OnDemand::default();
        let served = Mutex::new(Held::default());
        let build = |cache: &mut crate::render::UnitCache, changed| {
            let built = crate::build_incremental(&opts, cache, &changed).unwrap();
            index.queue(built.search);
        };
        let search = || {
            index.refresh(root, |f| *served.lock().unwrap() = f);
            indexed_text(&served.lock().unwrap())
        };

        build(&mut cache, crate::render::Changed::Everything);
        assert!(index.is_stale());
        assert!(search().contains("Multimodality"), "the fixture's own text");
        let pages = served.lock().unwrap().len();
        assert!(!index.is_stale());

        let chapter = root.join("content/reports/alpha/chapters/two.en.md");
        let text = std::fs::read_to_string(&chapter).unwrap();
        std::fs::write(&chapter, format!("{text}\nZanzibarquokka appears.\n")).unwrap();
        build(&mut cache, crate::render::Changed::of(root, [&chapter]));
        // Nothing is indexed until asked.
        assert!(!indexed_text(&served.lock().unwrap()).contains("Zanzibarquokka"));
        assert!(search().contains("Zanzibarquokka"));
        assert_eq!(
            served.lock().unwrap().len(),
            pages,
            "the same files as before the edit"
        );

        std::fs::write(&chapter, text).unwrap();
        build(&mut cache, crate::render::Changed::of(root, [&chapter]));
        assert!(!search().contains("Zanzibarquokka"));
    }
}
