//! Gathering a report's chapter files into chapters: one file per language, twins matched by
//! file stem, ordered by their front matter.

use super::discover::{case_collisions, slug_problem, sorted_dir, valid_slug};
use super::{chapter, Chapter, ChapterSource, RESERVED_SLUGS};
use crate::config::Config;
use crate::error::{Diagnostic, Diagnostics, Location};
use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

/// Loads every `chapters/<slug>.<lang>.md` of a report.
/// `langs` are the report's languages: each chapter must exist in each of them, and only them.
pub fn load_chapters(
    root: &Path,
    rel: &Path,
    config: &Config,
    langs: &[String],
    diags: &mut Diagnostics,
) -> Vec<Chapter> {
    let mut by_slug: BTreeMap<String, BTreeMap<String, ChapterSource>> = BTreeMap::new();
    let mut broken: BTreeSet<(String, String)> = BTreeSet::new();
    for entry in sorted_dir(&root.join(rel), rel, diags) {
        if entry.is_dir || !entry.name.ends_with(".md") {
            continue;
        }
        let Some((slug, lang)) = chapter::split_file_name(&entry.name) else {
            diags.push(
                Diagnostic::error(
                    Location::file(&entry.rel),
                    "chapter file name has no language",
                )
                .with_help(format!(
                    "name it <slug>.<lang>.md with lang one of: {}",
                    config.language_keys.join(", ")
                )),
            );
            continue;
        };
        if !config.language_keys.iter().any(|k| k == lang) {
            diags.push(
                Diagnostic::error(
                    Location::file(&entry.rel),
                    format!("`{lang}` is not a language of this site"),
                )
                .with_help(format!("use one of: {}", config.language_keys.join(", "))),
            );
            continue;
        }
        if !langs.iter().any(|k| k == lang) {
            diags.push(
                Diagnostic::error(
                    Location::file(&entry.rel),
                    format!("the report is not published in `{lang}`"),
                )
                .with_help(format!(
                    "its report.yaml lists `languages: [{}]`; add `{lang}` there or remove this file",
                    langs.join(", ")
                )),
            );
            continue;
        }
        if !valid_slug(slug) {
            diags.push(slug_problem(&entry.rel, slug));
            continue;
        }
        if RESERVED_SLUGS.contains(&slug.to_lowercase().as_str()) {
            diags.push(
                Diagnostic::error(
                    Location::file(&entry.rel),
                    format!("chapter slug `{slug}` is reserved"),
                )
                .with_help(format!(
                    "rename the file; these names are used by the report's own pages: {}",
                    RESERVED_SLUGS.join(", ")
                )),
            );
            continue;
        }
        let text = diags.take(crate::fsx::read_text(root, &entry.rel));
        // A file that exists but does not parse is reported once, not again as a missing twin.
        broken.insert((slug.to_string(), lang.to_string()));
        let Some(text) = text else { continue };
        match chapter::parse(&text, &entry.rel) {
            Ok(src) => {
                broken.remove(&(slug.to_string(), lang.to_string()));
                by_slug
                    .entry(slug.to_string())
                    .or_default()
                    .insert(lang.to_string(), src);
            }
            Err(d) => diags.push(d),
        }
    }
    assemble_chapters(by_slug, &broken, rel, langs, diags)
}

/// Each chapter's slug with one of its files, for messages.
fn by_slug_files(chapters: &[Chapter]) -> Vec<(&str, &Path)> {
    chapters
        .iter()
        .filter_map(|c| Some((c.slug.as_str(), c.sources.values().next()?.file.as_path())))
        .collect()
}

fn assemble_chapters(
    by_slug: BTreeMap<String, BTreeMap<String, ChapterSource>>,
    broken: &BTreeSet<(String, String)>,
    rel: &Path,
    langs: &[String],
    diags: &mut Diagnostics,
) -> Vec<Chapter> {
    let mut chapters = Vec::new();
    for (slug, sources) in by_slug {
        for lang in langs {
            if !sources.contains_key(lang) && !broken.contains(&(slug.clone(), lang.clone())) {
                let (have, _) = sources.iter().next().expect("at least one source");
                diags.push(
                    Diagnostic::error(
                        Location::file(rel.join(format!("{slug}.{have}.md"))),
                        format!("missing translation: chapter `{slug}` has no `{lang}` version"),
                    )
                    .with_help(format!(
                        "create {}",
                        rel.join(format!("{slug}.{lang}.md")).display()
                    )),
                );
            }
        }
        let orders: Vec<i64> = sources.values().map(|s| s.front.order).collect();
        if orders.windows(2).any(|w| w[0] != w[1]) {
            let files: Vec<String> = sources
                .values()
                .map(|s| format!("{} (order {})", s.file.display(), s.front.order))
                .collect();
            diags.push(
                Diagnostic::error(
                    Location::at(&sources.values().next().expect("source").file, 3, None),
                    format!(
                        "translations of chapter `{slug}` disagree on `order`: {}",
                        files.join(", ")
                    ),
                )
                .with_help("give every language version of a chapter the same order"),
            );
        }
        chapters.push(Chapter {
            slug,
            order: orders[0],
            sources,
        });
    }
    let files: Vec<(&str, &Path)> = by_slug_files(&chapters);
    for d in case_collisions(files, "chapters") {
        diags.push(d);
    }
    chapters.sort_by(|a, b| a.order.cmp(&b.order).then(a.slug.cmp(&b.slug)));
    for pair in chapters.windows(2) {
        if pair[0].order == pair[1].order {
            let f = &pair[1].sources.values().next().expect("source").file;
            diags.push(
                Diagnostic::error(
                    Location::file(f),
                    format!(
                        "chapters `{}` and `{}` both have order {}",
                        pair[0].slug, pair[1].slug, pair[0].order
                    ),
                )
                .with_help("give each chapter a distinct `order` in its front matter"),
            );
        }
    }
    if chapters.is_empty() && broken.is_empty() {
        diags.push(
            Diagnostic::error(Location::file(rel), "report has no chapters")
                .with_help("add chapters/<slug>.<lang>.md files, one per language"),
        );
    }
    chapters
}
