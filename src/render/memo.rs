//! Within one report in one language, the pages an edit of chapter text leaves as they were.
//!
//! The preview renders a report's unit again when one of its chapter files changed; most of its
//! pages usually come out the same. The dependency rule, read off [`super::report_unit`],
//! [`super::pages::report_pages`] and the templates' contexts:
//! - The landing page (and the home page of a one-report site), the analysts, related and
//!   disclosures pages depend on the site, the templates, the report's manifest and the
//!   [`ReportView`] (chapter titles, summaries and links, total reading minutes, the links of
//!   headline figures to their chapters).
//! - A chapter page depends on those and on its own [`Body`] (its HTML with figures numbered
//!   and spliced in, its table of contents and reading minutes); its title, summary, number and
//!   prev/next links are all in the view.
//! - The one-page view holds every chapter and the figure files carry their numbers, so they are
//!   always made again; so are the cite files and attachments, which are cheap.
//!
//! - A chapter's Markdown draft depends on its source and on what links and ids resolve
//!   against: the site's reports and chapters, the report's charts and files, the
//!   configuration. So the drafts of the units the last rebuild rendered (a few at most) are
//!   kept, and taken over by the next rebuild for the chapters whose source is the same, if
//!   that rebuild only changed chapter text ([`super::Changed::only_chapter_text`]).
//!
//! So when only chapter text of the unit changed ([`super::Changed::text_only`]: the site,
//! templates, manifest, charts and the report's chapters and languages are as before), a page
//! is taken from the last build if the view is the same and, for a chapter page, its body is.
//! Views are compared whole (as serialized); bodies by a 64-bit fingerprint, so that the cache
//! does not hold every chapter's HTML twice. A figure added in one chapter changes the bodies
//! of the chapters after it (their numbers), a changed title or summary the view, so those
//! pages are made again. `tests/incremental.rs` compares each rebuild with a fresh build.

use super::chapters::{Body, KeptDraft};
use super::OutputFile;
use crate::pageindex::PageIndex;
use crate::views::ReportView;
use std::collections::HashMap;
use std::hash::{Hash, Hasher};
use std::sync::Arc;

/// What a unit's pages were made from, kept with the unit for the next rebuild.
#[derive(Debug, Clone, Default)]
pub(super) struct Memo {
    view: String,
    bodies: Vec<u64>,
}

impl Memo {
    /// The inputs of a unit's pages: its view and chapter bodies.
    pub(super) fn of(view: &ReportView, bodies: &[Body]) -> Memo {
        Memo {
            // A view that cannot be serialized never matches (templates would fail on it too).
            view: serde_json::to_string(view).unwrap_or_default(),
            bodies: bodies.iter().map(fingerprint).collect(),
        }
    }
}

/// The last build of a unit whose chapter text alone changed: its memo and its pages by path.
pub(super) struct Prior<'a> {
    memo: &'a Memo,
    files: HashMap<&'a str, (&'a Arc<OutputFile>, Option<&'a PageIndex>)>,
    /// The unit's Markdown drafts, by chapter, if they were kept and still apply (see
    /// [`Prior::with_drafts`]).
    pub(super) drafts: &'a [KeptDraft],
}

impl<'a> Prior<'a> {
    /// The prior build of a unit from its memo and files (`written` holds their paths and
    /// indexes in the same order).
    pub(super) fn new(
        memo: &'a Memo,
        files: &'a [Arc<OutputFile>],
        written: &'a [(String, Option<PageIndex>)],
    ) -> Prior<'a> {
        let files = files
            .iter()
            .zip(written)
            .filter(|(f, (p, _))| &f.path == p)
            .map(|(f, (p, i))| (p.as_str(), (f, i.as_ref())))
            .collect();
        Prior {
            memo,
            files,
            drafts: &[],
        }
    }

    /// Drafts to take over: only when no report's chapter list, charts or files and nothing
    /// site-wide changed, since a draft's links and ids depend on those.
    pub(super) fn with_drafts(self, drafts: &'a [KeptDraft]) -> Prior<'a> {
        Prior { drafts, ..self }
    }
}

/// A page taken over from the last build, with its index.
pub(super) type KeptPage = (Arc<OutputFile>, Option<PageIndex>);

/// Decides, page by page, whether the last build's file can stand (see the module doc).
pub(super) struct Reuse<'a> {
    /// The last build and the memo of this one, when its view is the same as the last one's.
    same_view: Option<(&'a Prior<'a>, &'a Memo)>,
}

impl<'a> Reuse<'a> {
    /// Compares `now` with `prior` (either missing: nothing is reused).
    pub(super) fn new(prior: Option<&'a Prior<'a>>, now: Option<&'a Memo>) -> Reuse<'a> {
        let same_view = prior.zip(now).filter(|(p, now)| {
            !p.memo.view.is_empty()
                && p.memo.view == now.view
                && p.memo.bodies.len() == now.bodies.len()
        });
        Reuse { same_view }
    }

    /// The last build's page at `path`, if it would come out the same: a report page (`chapter`
    /// is `None`) when the view is the same, chapter `chapter` (0-based) when its body is too.
    pub(super) fn page(&self, path: &str, chapter: Option<usize>) -> Option<KeptPage> {
        let (prior, now) = self.same_view?;
        if let Some(i) = chapter {
            if prior.memo.bodies.get(i) != now.bodies.get(i) {
                return None;
            }
        }
        prior
            .files
            .get(path)
            .map(|(f, i)| (Arc::clone(f), i.cloned()))
    }
}

/// A fingerprint of everything of a body that a chapter page shows.
fn fingerprint(body: &Body) -> u64 {
    // `DefaultHasher::new` has fixed keys: the same body gives the same value within a process,
    // which is all a cache that lives as long as the preview needs.
    let mut h = std::collections::hash_map::DefaultHasher::new();
    body.html.hash(&mut h);
    body.reading_minutes.hash(&mut h);
    body.toc.len().hash(&mut h);
    for t in &body.toc {
        (t.level, &t.id, &t.text).hash(&mut h);
    }
    h.finish()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::markdown::headings::TocEntry;

    fn body(html: &str, toc: &str) -> Body {
        Body {
            html: html.into(),
            toc: vec![TocEntry {
                level: 2,
                id: toc.into(),
                text: toc.into(),
            }],
            reading_minutes: 1,
        }
    }

    #[test]
    fn a_page_is_kept_only_when_its_inputs_are_the_same() {
        let view: ReportView = crate::views::ReportView::default();
        let before = Memo::of(&view, &[body("<p>a</p>", "a"), body("<p>b</p>", "b")]);
        let file = Arc::new(OutputFile {
            path: "en/r/two/index.html".into(),
            bytes: b"x".to_vec(),
        });
        let files = vec![file];
        let written = vec![("en/r/two/index.html".to_string(), None)];
        let prior = Prior::new(&before, &files, &written);
        let path = "en/r/two/index.html";
        let now = Memo::of(&view, &[body("<p>a!</p>", "a"), body("<p>b</p>", "b")]);
        assert!(Reuse::new(Some(&prior), Some(&now))
            .page(path, Some(1))
            .is_some());
        assert!(Reuse::new(Some(&prior), Some(&now))
            .page(path, None)
            .is_some());
        // Another heading in the table of contents, another view, no prior build: made again.
        let toc = Memo::of(&view, &[body("<p>a</p>", "a"), body("<p>b</p>", "c")]);
        assert!(Reuse::new(Some(&prior), Some(&toc))
            .page(path, Some(1))
            .is_none());
        let titled = ReportView {
            title: "T".into(),
            ..view.clone()
        };
        let other = Memo::of(&titled, &[body("<p>a</p>", "a"), body("<p>b</p>", "b")]);
        assert!(Reuse::new(Some(&prior), Some(&other))
            .page(path, None)
            .is_none());
        assert!(Reuse::new(None, Some(&before)).page(path, None).is_none());
    }
}
