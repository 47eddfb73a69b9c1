//! Interface strings (`content/i18n/<lang>.yaml`): the words of the site's chrome per language,
//! built in for the theme's languages and overridable key by key.

use crate::config::Language;
use crate::error::{Diagnostic, Location, Result};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

/// Interface strings by language key, then by string key.
#[derive(Debug, Clone, Default)]
pub struct Strings {
    by_lang: BTreeMap<String, BTreeMap<String, String>>,
}

impl Strings {
    /// Loads the strings of each language: the built-in theme's, with the site's own
    /// `content/i18n/<lang>.yaml` taking their place key by key; then checks that every language
    /// has the same keys, and that the `date` filter can show dates with each `date_format`.
    pub fn load(root: &Path, langs: &[Language]) -> Result<Strings> {
        let mut by_lang = BTreeMap::new();
        let mut sources = BTreeMap::new();
        let mut problems = Vec::new();
        let filter = crate::templates::DateFilter::default();
        for Language {
            key: lang, code, ..
        } in langs
        {
            let rel = PathBuf::from(format!("content/i18n/{lang}.yaml"));
            let builtin = crate::theme::file(&format!("content/i18n/{lang}.yaml"))
                .map(|b| String::from_utf8_lossy(b).into_owned());
            let own = root.join(&rel).is_file();
            if builtin.is_none() && !own {
                problems.push(
                    Diagnostic::error(
                        Location::file(&rel),
                        format!("missing translation: no interface strings for `{lang}`"),
                    )
                    .with_help("copy content/i18n/en.yaml from `yanbao init --eject` and translate its values"),
                );
                continue;
            }
            let mut map: BTreeMap<String, String> = builtin
                .as_deref()
                .and_then(|b| crate::yamlx::parse(b, &rel, 0).ok())
                .unwrap_or_default();
            let source = if own {
                crate::fsx::read_text(root, &rel)?
            } else {
                builtin.unwrap_or_default()
            };
            if own {
                match crate::yamlx::parse::<BTreeMap<String, String>>(&source, &rel, 0) {
                    Ok(site) => map.extend(site),
                    Err(d) => {
                        problems.push(d);
                        continue;
                    }
                }
            }
            problems.extend(date_format_problem(&filter, &map, code, &rel, &source));
            by_lang.insert(lang.clone(), map);
            sources.insert(lang.clone(), (rel, source));
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

/// The error at `date_format` when the templates' `date` filter cannot format a date with it in
/// the language `code` (a strftime `%Y`, an unknown field letter): every dated page would fail.
fn date_format_problem(
    filter: &crate::templates::DateFilter,
    map: &BTreeMap<String, String>,
    code: &str,
    rel: &Path,
    source: &str,
) -> Option<Diagnostic> {
    let format = map.get("date_format")?;
    let why = filter.format("2024-04-22", format, code).err()?;
    let path = [crate::yamlx::PathSeg::Key("date_format".into())];
    let at = crate::yamlx::value_location(source, &path, format, rel)
        .unwrap_or_else(|| Location::file(rel));
    let message = format!("date_format `{format}` cannot show a date in `{code}`: {why}");
    Some(Diagnostic::error(at, message).with_help(
        "write a UTS 35 date pattern such as `y年M月d日` or `d MMMM y`: letters stand for parts of the date, other text goes in single quotes",
    ))
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

    /// Languages whose codes are their keys.
    fn languages(keys: &[&str]) -> Vec<Language> {
        keys.iter()
            .map(|k| Language {
                key: k.to_string(),
                code: k.to_string(),
                name: k.to_string(),
            })
            .collect()
    }

    #[test]
    fn a_date_format_the_date_filter_refuses_is_an_error_at_its_line() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir_all(dir.path().join("content/i18n")).unwrap();
        let en = "toc: Contents\ndate_format: \"%d %B %Y\"\n";
        std::fs::write(dir.path().join("content/i18n/en.yaml"), en).unwrap();
        let err = Strings::load(dir.path(), &languages(&["zh", "en"])).unwrap_err();
        let d = &err.diagnostics()[0];
        assert_eq!(d.location.file, Path::new("content/i18n/en.yaml"));
        assert_eq!((d.location.line, d.location.column), (Some(2), Some(15)));
        assert!(
            d.message.contains("date_format `%d %B %Y`"),
            "{}",
            d.message
        );
        assert!(d.message.contains("strftime"), "{}", d.message);
        assert_eq!(
            err.diagnostics().len(),
            1,
            "the built-in zh pattern is fine"
        );
    }

    #[test]
    fn a_key_missing_in_one_language_is_reported() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir_all(dir.path().join("content/i18n")).unwrap();
        std::fs::write(
            dir.path().join("content/i18n/zh.yaml"),
            "toc: 目录\nhouse_note: 本站说明\n",
        )
        .unwrap();
        std::fs::write(dir.path().join("content/i18n/en.yaml"), "toc: Contents\n").unwrap();
        let langs = languages(&["zh", "en"]);
        let err = Strings::load(dir.path(), &langs).unwrap_err();
        let msg = err.to_string();
        assert!(
            msg.contains("`house_note` is not in the `en` strings"),
            "{msg}"
        );
        assert!(msg.contains("content/i18n/zh.yaml:2"), "{msg}");
    }

    #[test]
    fn built_in_strings_fill_in_and_a_site_overrides_them_key_by_key() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir_all(dir.path().join("content/i18n")).unwrap();
        std::fs::write(
            dir.path().join("content/i18n/en.yaml"),
            "toc: Table of contents\n",
        )
        .unwrap();
        let langs = languages(&["zh", "en"]);
        let s = Strings::load(dir.path(), &langs).unwrap();
        assert_eq!(s.get("en", "toc"), "Table of contents");
        assert_eq!(s.get("zh", "toc"), "目录");
        assert_ne!(
            s.get("en", "next"),
            "next",
            "a built-in key the site did not write"
        );
        let ja = languages(&["ja"]);
        let err = Strings::load(dir.path(), &ja).unwrap_err().to_string();
        assert!(err.contains("no interface strings for `ja`"), "{err}");
    }
}
