//! Interface strings (`content/i18n/<lang>.yaml`): the words of the site's chrome per language.

use crate::error::{Diagnostic, Location, Result};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

/// Interface strings by language key, then by string key.
#[derive(Debug, Clone, Default)]
pub struct Strings {
    by_lang: BTreeMap<String, BTreeMap<String, String>>,
}

impl Strings {
    /// Loads one file per language and checks that every file has the same keys.
    pub fn load(root: &Path, langs: &[String]) -> Result<Strings> {
        let mut by_lang = BTreeMap::new();
        let mut sources = BTreeMap::new();
        let mut problems = Vec::new();
        for lang in langs {
            let rel = PathBuf::from(format!("content/i18n/{lang}.yaml"));
            let abs = root.join(&rel);
            if !abs.is_file() {
                problems.push(
                    Diagnostic::error(
                        Location::file(&rel),
                        format!("missing translation: no interface strings for `{lang}`"),
                    )
                    .with_help("copy the default language's file and translate its values"),
                );
                continue;
            }
            let source = crate::fsx::read_text(root, &rel)?;
            match crate::yamlx::parse::<BTreeMap<String, String>>(&source, &rel, 0) {
                Ok(map) => {
                    by_lang.insert(lang.clone(), map);
                    sources.insert(lang.clone(), (rel, source));
                }
                Err(d) => problems.push(d),
            }
        }
        problems.extend(missing_keys(&by_lang, &sources));
        if problems.is_empty() {
            Ok(Strings { by_lang })
        } else {
            Err(problems.into())
        }
    }

    /// All strings of one language, for templates.
    pub fn for_lang(&self, lang: &str) -> BTreeMap<String, String> {
        self.by_lang.get(lang).cloned().unwrap_or_default()
    }

    /// One string; the key itself when absent (validation makes that unreachable for real sites).
    pub fn get<'a>(&'a self, lang: &str, key: &'a str) -> &'a str {
        self.by_lang
            .get(lang)
            .and_then(|m| m.get(key))
            .map(String::as_str)
            .unwrap_or(key)
    }
}

fn missing_keys(
    by_lang: &BTreeMap<String, BTreeMap<String, String>>,
    sources: &BTreeMap<String, (PathBuf, String)>,
) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    for (lang, map) in by_lang {
        for (other, other_map) in by_lang {
            for key in other_map.keys().filter(|k| !map.contains_key(*k)) {
                let (rel, _) = &sources[lang];
                let (other_rel, other_src) = &sources[other];
                let line =
                    crate::yamlx::line_of(other_src, &[crate::yamlx::PathSeg::Key(key.clone())]);
                out.push(
                    Diagnostic::error(
                        Location::file(rel),
                        format!("missing translation: `{key}` is not in the `{lang}` strings"),
                    )
                    .with_help(format!(
                        "add `{key}: …` to {} (it is defined in {}{})",
                        rel.display(),
                        other_rel.display(),
                        line.map(|l| format!(":{l}")).unwrap_or_default()
                    )),
                );
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_key_missing_in_one_language_is_reported() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir_all(dir.path().join("content/i18n")).unwrap();
        std::fs::write(
            dir.path().join("content/i18n/zh.yaml"),
            "toc: 目录\nnext: 下一章\n",
        )
        .unwrap();
        std::fs::write(dir.path().join("content/i18n/en.yaml"), "toc: Contents\n").unwrap();
        let langs = vec!["zh".to_string(), "en".to_string()];
        let err = Strings::load(dir.path(), &langs).unwrap_err();
        let msg = err.to_string();
        assert!(msg.contains("`next` is not in the `en` strings"), "{msg}");
        assert!(msg.contains("content/i18n/zh.yaml:2"), "{msg}");
    }
}
