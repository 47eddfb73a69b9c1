//! What changed since the previous preview build, as far as the changed paths and the reports'
//! shapes tell: everything, or some reports, each in all its languages or only in the
//! languages of its changed chapter files (see [`Changed::narrowed`] for when that holds).

use crate::content::Site;
use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::path::{Path, PathBuf};

/// What changed since the previous build.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Changed {
    /// Something site-wide (or unknown): render everything.
    Everything,
    /// Only files inside these reports' folders, by slug; with each, the languages of its
    /// changed chapter files when nothing else in it changed (`None`: render all its languages).
    Reports(BTreeMap<String, Option<BTreeSet<String>>>),
}

impl Changed {
    /// Classifies changed paths (absolute, under `root`): files inside one report's folder
    /// touch only that report, and a chapter file (`chapters/SLUG.LANG.md`) only that language
    /// of it, as far as the paths tell (see [`Changed::narrowed`]); anything else touches
    /// everything.
    pub fn of<'a>(root: &Path, paths: impl IntoIterator<Item = &'a PathBuf>) -> Changed {
        let reports = root.join("content").join("reports");
        let mut touched: BTreeMap<String, Option<BTreeSet<String>>> = BTreeMap::new();
        for p in paths {
            let Some(rest) = p.strip_prefix(&reports).ok() else {
                return Changed::Everything;
            };
            let mut parts = rest.iter().map(|c| c.to_str());
            let Some(Some(slug)) = parts.next() else {
                return Changed::Everything;
            };
            let lang = match (parts.next(), parts.next(), parts.next()) {
                (Some(Some("chapters")), Some(Some(file)), None) => chapter_language(file),
                _ => None,
            };
            let langs = touched
                .entry(slug.to_string())
                .or_insert_with(|| Some(BTreeSet::new()));
            match (langs.as_mut(), lang) {
                (Some(set), Some(l)) => {
                    set.insert(l.to_string());
                }
                _ => *langs = None,
            }
        }
        Changed::Reports(touched)
    }

    /// Keeps a report's languages narrowed to those of its changed chapter files only if the
    /// report, loaded again (`after`), has the same chapters in the same order in the same
    /// languages as before (`shapes`, by slug, from [`Changed::shapes`]) and has those
    /// languages: a chapter's text in one language is then all that changed, and a page in
    /// another language does not show it. Anything else renders the report in all languages.
    pub fn narrowed(self, shapes: &HashMap<String, Shape>, after: &Site) -> Changed {
        let Changed::Reports(mut touched) = self else {
            return self;
        };
        for (slug, langs) in touched.iter_mut() {
            let now = after.reports.iter().find(|r| &r.slug == slug);
            let same = match (now, shapes.get(slug)) {
                (Some(r), Some(before)) => shape(r) == *before,
                _ => false,
            };
            let known =
                |l: &BTreeSet<String>| l.iter().all(|l| now.is_some_and(|r| r.has_language(l)));
            if !same || !langs.as_ref().is_some_and(known) {
                *langs = None;
            }
        }
        Changed::Reports(touched)
    }

    /// The shapes of the reports this change touches in `site` (before loading them again),
    /// for [`Changed::narrowed`].
    pub fn shapes(&self, site: &Site) -> HashMap<String, Shape> {
        let Changed::Reports(touched) = self else {
            return HashMap::new();
        };
        site.reports
            .iter()
            .filter(|r| touched.contains_key(&r.slug))
            .map(|r| (r.slug.clone(), shape(r)))
            .collect()
    }

    /// Whether only chapters' text changed, in some of their languages (after
    /// [`Changed::narrowed`]): every report has the same manifest, charts, files and chapters.
    pub(super) fn only_chapter_text(&self) -> bool {
        match self {
            Changed::Everything => false,
            Changed::Reports(touched) => touched.values().all(Option::is_some),
        }
    }

    /// Whether only the text of chapters of report `slug` changed (after [`Changed::narrowed`]):
    /// the site, its templates and the report's manifest, charts, files and chapter list are as
    /// before, so its units can keep the pages that come out the same ([`super::memo`]).
    pub(super) fn text_only(&self, slug: &str) -> bool {
        match self {
            Changed::Everything => false,
            Changed::Reports(touched) => touched.get(slug).is_some_and(Option::is_some),
        }
    }

    /// Whether the unit of report `slug` in `lang` must be rendered again.
    pub(super) fn touches(&self, slug: &str, lang: &str) -> bool {
        match self {
            Changed::Everything => true,
            Changed::Reports(touched) => match touched.get(slug) {
                None => false,
                Some(None) => true,
                Some(Some(langs)) => langs.contains(lang),
            },
        }
    }
}

/// The language of a chapter file name (`SLUG.LANG.md`).
fn chapter_language(file: &str) -> Option<&str> {
    let stem = file.strip_suffix(".md")?;
    let (slug, lang) = stem.rsplit_once('.')?;
    (!slug.is_empty() && !lang.is_empty()).then_some(lang)
}

/// What every language of a report shares: its languages and, per chapter, its slug, order and
/// languages.
pub type Shape = (Vec<String>, Vec<(String, i64, Vec<String>)>);

fn shape(r: &crate::content::Report) -> Shape {
    let chapters = r
        .chapters
        .iter()
        .map(|c| (c.slug.clone(), c.order, c.sources.keys().cloned().collect()))
        .collect();
    (r.languages.clone(), chapters)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn chapter_files_narrow_a_change_to_their_language() {
        let root = Path::new("/site");
        let at = |p: &str| root.join(p);
        let r = "content/reports";
        let of =
            |paths: &[&str]| Changed::of(root, &paths.iter().map(|p| at(p)).collect::<Vec<_>>());
        let langs = |l: &[&str]| Some(l.iter().map(|s| s.to_string()).collect::<BTreeSet<_>>());
        assert_eq!(
            of(&[
                &format!("{r}/a/chapters/one.zh.md"),
                &format!("{r}/a/chapters/two.en.md")
            ]),
            Changed::Reports([("a".to_string(), langs(&["en", "zh"]))].into())
        );
        // Anything else in the report, or a file in a subfolder, touches all its languages.
        for other in [
            "report.yaml",
            "charts/c.yaml",
            "chapters/img/x.zh.md",
            "chapters/fig.png",
            "chapters/.md",
        ] {
            assert_eq!(
                of(&[
                    &format!("{r}/a/chapters/one.zh.md"),
                    &format!("{r}/a/{other}")
                ]),
                Changed::Reports([("a".to_string(), None)].into()),
                "{other}"
            );
        }
        assert_eq!(
            of(&[&format!("{r}/a/chapters/one.zh.md"), "content/site.yaml"]),
            Changed::Everything
        );
    }
}
