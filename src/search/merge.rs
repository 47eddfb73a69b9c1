//! Putting the indexes of several Pagefind runs (one per language) together into one bundle.

use super::{fail, DIR};
use crate::error::Result;
use crate::render::OutputFile;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// `pagefind-entry.json`, which lists the bundle's languages; fields in Pagefind's order, so
/// that a merged entry is written exactly as Pagefind writes one.
#[derive(Serialize, Deserialize)]
struct Entry {
    version: String,
    languages: BTreeMap<String, serde_json::Value>,
    include_characters: Vec<char>,
    /// Whatever a later Pagefind adds.
    #[serde(flatten)]
    rest: BTreeMap<String, serde_json::Value>,
}

/// The files of all `parts`, sorted by path: each language's own files, one copy of the files
/// they share (the scripts, which are the same in every run) and one entry listing every
/// language. Two runs indexing the same language, or disagreeing on a shared file, are an error.
pub(super) fn merge(parts: Vec<Vec<OutputFile>>) -> Result<Vec<OutputFile>> {
    let entry_path = format!("{DIR}/pagefind-entry.json");
    let mut files: BTreeMap<String, Vec<u8>> = BTreeMap::new();
    let mut entry: Option<Entry> = None;
    for file in parts.into_iter().flatten() {
        if file.path == entry_path {
            let part: Entry = serde_json::from_slice(&file.bytes).map_err(fail)?;
            match &mut entry {
                None => entry = Some(part),
                Some(all) => {
                    for (lang, meta) in part.languages {
                        if all.languages.insert(lang.clone(), meta).is_some() {
                            return Err(fail(format!(
                                "two runs of the indexer indexed language `{lang}`"
                            )));
                        }
                    }
                }
            }
        } else if let Some(old) = files.get(&file.path) {
            if *old != file.bytes {
                return Err(fail(format!(
                    "two runs of the indexer wrote different `{}`",
                    file.path
                )));
            }
        } else {
            files.insert(file.path, file.bytes);
        }
    }
    if let Some(entry) = entry {
        files.insert(entry_path, serde_json::to_vec(&entry).map_err(fail)?);
    }
    Ok(files
        .into_iter()
        .map(|(path, bytes)| OutputFile { path, bytes })
        .collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn file(path: &str, text: &str) -> OutputFile {
        OutputFile {
            path: format!("{DIR}/{path}"),
            bytes: text.as_bytes().to_vec(),
        }
    }

    fn entry(langs: &str) -> OutputFile {
        file(
            "pagefind-entry.json",
            &format!(r#"{{"version":"1.6.0","languages":{{{langs}}},"include_characters":[]}}"#),
        )
    }

    #[test]
    fn one_entry_lists_every_language_as_pagefind_writes_it() {
        let zh = vec![entry(r#""zh-cn":{"hash":"a"}"#), file("pagefind.js", "js")];
        let en = vec![entry(r#""en":{"hash":"b"}"#), file("pagefind.js", "js")];
        let merged = merge(vec![zh, en]).unwrap();
        let paths: Vec<&str> = merged.iter().map(|f| f.path.as_str()).collect();
        assert_eq!(
            paths,
            ["pagefind/pagefind-entry.json", "pagefind/pagefind.js"]
        );
        assert_eq!(
            String::from_utf8_lossy(&merged[0].bytes),
            r#"{"version":"1.6.0","languages":{"en":{"hash":"b"},"zh-cn":{"hash":"a"}},"include_characters":[]}"#
        );
    }

    #[test]
    fn a_language_indexed_twice_or_differing_shared_files_are_errors() {
        let twice = merge(vec![
            vec![entry(r#""en":{"hash":"a"}"#)],
            vec![entry(r#""en":{"hash":"b"}"#)],
        ]);
        assert!(twice.is_err());
        let differ = merge(vec![
            vec![file("pagefind.js", "a")],
            vec![file("pagefind.js", "b")],
        ]);
        assert!(differ.is_err());
    }
}
