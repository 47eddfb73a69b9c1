//! Site configuration (`content/site.yaml`) and its validation.

use crate::error::{Diagnostic, Location, Result};
use crate::localized::Localized;
use crate::urls::BaseUrl;
use serde::Deserialize;
use std::path::Path;

/// Where the site configuration lives, relative to the site root.
pub const CONFIG_PATH: &str = "content/site.yaml";

/// The site configuration as written by the author.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SiteConfig {
    /// Site title.
    pub title: Localized,
    /// One-sentence description for search engines and the home page.
    #[serde(default)]
    pub description: Option<Localized>,
    /// Absolute URL the site is served from.
    pub base_url: String,
    /// Key of the language served at the root.
    pub default_language: String,
    /// All languages, in switcher order.
    pub languages: Vec<Language>,
    /// Who publishes the research.
    pub publisher: Publisher,
    /// Extra header links.
    #[serde(default)]
    pub nav: Vec<NavLink>,
    /// The library home page.
    #[serde(default)]
    pub library: LibraryConfig,
    /// Full-text search (the header box, the search pages and the index); on unless `false`.
    #[serde(default = "SiteConfig::default_search")]
    pub search: bool,
}

impl SiteConfig {
    /// Every text a reader sees, with its path in `site.yaml`.
    pub fn texts(&self) -> Vec<(Vec<crate::yamlx::PathSeg>, &Localized)> {
        let mut t = crate::yamlx::Texts::default();
        let p = &self.publisher;
        t.field("title", &self.title)
            .field("description", &self.description)
            .within("publisher", |t| {
                t.field("name", &p.name)
                    .field("address", &p.address)
                    .field("place", &p.place);
            })
            .each("nav", &self.nav, |t, n| {
                t.field("title", &n.title);
            });
        t.found
    }

    fn default_search() -> bool {
        true
    }
}

/// How the library (the home page listing reports) is laid out.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct LibraryConfig {
    /// Reports per page of the library and of each sector or series page.
    #[serde(default = "LibraryConfig::default_per_page")]
    pub per_page: usize,
    /// Show the library even when the site has one report (otherwise its landing page is the
    /// home page).
    #[serde(default)]
    pub always: bool,
}

impl LibraryConfig {
    fn default_per_page() -> usize {
        12
    }
}

impl Default for LibraryConfig {
    fn default() -> Self {
        LibraryConfig {
            per_page: LibraryConfig::default_per_page(),
            always: false,
        }
    }
}

/// One language of the site.
#[derive(Debug, Clone, Deserialize, serde::Serialize, PartialEq, Eq)]
#[serde(deny_unknown_fields)]
pub struct Language {
    /// Short key used in file names and URL prefixes (`zh`, `en`).
    pub key: String,
    /// BCP 47 code for `lang` and `hreflang` (`zh-CN`).
    pub code: String,
    /// Name shown in the language switcher, in the language itself.
    pub name: String,
}

/// The publishing institution.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Publisher {
    /// Legal name.
    pub name: Localized,
    /// Postal address.
    #[serde(default)]
    pub address: Option<Localized>,
    /// Place of publication (a city, such as 香港 / Hong Kong), for citations.
    #[serde(default)]
    pub place: Option<Localized>,
    /// Website URL.
    #[serde(default)]
    pub website: Option<crate::urls::LinkUrl>,
}

/// A link in the site header.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct NavLink {
    /// Link text.
    pub title: Localized,
    /// External URL, or an internal path starting with `/`.
    pub url: crate::urls::LinkUrl,
}

/// The validated configuration: languages ordered with the default first, base URL parsed.
#[derive(Debug, Clone)]
pub struct Config {
    /// As written.
    pub site: SiteConfig,
    /// Parsed base URL (possibly overridden on the command line).
    pub base: BaseUrl,
    /// Language keys, default first.
    pub language_keys: Vec<String>,
}

impl Config {
    /// Loads and validates `content/site.yaml` under `root`.
    pub fn load(root: &Path, base_url_override: Option<&str>) -> Result<Config> {
        let shown = Path::new(CONFIG_PATH);
        let path = root.join(CONFIG_PATH);
        if !path.exists() {
            return Err(
                Diagnostic::error(Location::file(shown), "no site configuration found")
                    .with_help(format!(
                "create {CONFIG_PATH} (see docs/content-model.md), or point --root at a site folder"
            ))
                    .into(),
            );
        }
        let source = crate::fsx::read_text(root, shown)?;
        let site: SiteConfig = crate::yamlx::parse(&source, shown, 0)?;
        Self::validate(site, &source, base_url_override)
    }

    fn validate(site: SiteConfig, source: &str, base_override: Option<&str>) -> Result<Config> {
        let shown = Path::new(CONFIG_PATH);
        let line = |key: &str| {
            crate::yamlx::line_of(source, &[crate::yamlx::PathSeg::Key(key.into())])
                .map(|l| Location::at(shown, l, None))
                .unwrap_or_else(|| Location::file(shown))
        };
        let mut problems = Vec::new();
        if site.languages.is_empty() {
            problems.push(
                Diagnostic::error(line("languages"), "no languages configured")
                    .with_help("list at least one language with key, code and name"),
            );
        }
        for (i, lang) in site.languages.iter().enumerate() {
            if !valid_language_key(&lang.key) {
                problems.push(
                    Diagnostic::error(
                        line("languages"),
                        format!(
                            "language key `{}` is not usable in file names and URLs",
                            lang.key
                        ),
                    )
                    .with_help("use lowercase letters, digits and `-`, e.g. `zh` or `en`"),
                );
            }
            problems.extend(code_problem(&lang.code, i, source));
            if site.languages[..i].iter().any(|l| l.key == lang.key) {
                problems.push(Diagnostic::error(
                    line("languages"),
                    format!("language `{}` is listed twice", lang.key),
                ));
            }
        }
        if !site
            .languages
            .iter()
            .any(|l| l.key == site.default_language)
        {
            problems.push(
                Diagnostic::error(
                    line("default_language"),
                    format!(
                        "default_language `{}` is not one of the configured languages",
                        site.default_language
                    ),
                )
                .with_help("set it to the key of one entry in `languages`"),
            );
        }
        let raw_base = base_override.unwrap_or(&site.base_url);
        let base = match BaseUrl::parse(raw_base) {
            Ok(b) => Some(b),
            Err(msg) => {
                let loc = if base_override.is_some() {
                    Location::file("--base-url")
                } else {
                    line("base_url")
                };
                problems.push(
                    Diagnostic::error(loc, msg)
                        .with_help("write an absolute URL such as https://example.org/research/"),
                );
                None
            }
        };
        let mut language_keys: Vec<String> = site.languages.iter().map(|l| l.key.clone()).collect();
        language_keys.sort_by_key(|k| *k != site.default_language);
        problems.extend(crate::yamlx::check_translations(
            source,
            shown,
            0,
            &language_keys,
        ));
        let texts =
            crate::yamlx::check_texts(source, shown, &language_keys, site.texts(), &problems);
        problems.extend(texts);
        match base {
            Some(base) if problems.is_empty() => Ok(Config {
                site,
                base,
                language_keys,
            }),
            _ => Err(problems.into()),
        }
    }

    /// Whether the home page is the library (rather than the only report's landing page).
    pub fn library_home(&self, reports: usize) -> bool {
        reports > 1 || self.site.library.always
    }

    /// The language with key `key`.
    pub fn language(&self, key: &str) -> &Language {
        self.site
            .languages
            .iter()
            .find(|l| l.key == key)
            .unwrap_or(&self.site.languages[0])
    }

    /// Whether `key` is the default language (served at the root).
    pub fn is_default(&self, key: &str) -> bool {
        self.site.default_language == key
    }
}

/// The error at `languages[i].code` when `code` is not a language tag: templates give it to the
/// `date` filter as its locale, which would fail on it.
fn code_problem(code: &str, i: usize, source: &str) -> Option<Diagnostic> {
    use crate::yamlx::PathSeg;
    let why = crate::langtag::check(code).err()?;
    let shown = Path::new(CONFIG_PATH);
    let path = [
        PathSeg::Key("languages".into()),
        PathSeg::Index(i),
        PathSeg::Key("code".into()),
    ];
    let at = crate::yamlx::value_location(source, &path, code, shown)
        .unwrap_or_else(|| Location::file(shown));
    let message = format!("`{code}` is not a language tag like `zh-CN` or `en`: {why}");
    Some(Diagnostic::error(at, message).with_help(
        "write the language (ISO 639, 2 or 3 letters), then a script or region if needed, joined by `-`: `zh-CN`, `zh-Hant-TW`, `en`, `pt-BR`",
    ))
}

/// Whether a language key is safe in file names and URL paths.
pub fn valid_language_key(key: &str) -> bool {
    !key.is_empty()
        && key.len() <= 16
        && key
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
}

#[cfg(test)]
mod tests {
    use super::*;

    const GOOD: &str = "title: {zh: 站, en: Site}\nbase_url: https://example.org/r/\ndefault_language: zh\nlanguages:\n  - {key: zh, code: zh-CN, name: 中文}\n  - {key: en, code: en, name: English}\npublisher:\n  name: {zh: 甲, en: A}\n";

    fn load(src: &str, base: Option<&str>) -> Result<Config> {
        let site: SiteConfig = crate::yamlx::parse(src, Path::new(CONFIG_PATH), 0)?;
        Config::validate(site, src, base)
    }

    #[test]
    fn default_language_comes_first() {
        let src = GOOD.replace("default_language: zh", "default_language: en");
        let c = load(&src, None).unwrap();
        assert_eq!(c.language_keys, vec!["en", "zh"]);
    }

    #[test]
    fn base_url_override_wins() {
        let c = load(GOOD, Some("https://x.test/a/b")).unwrap();
        assert_eq!(c.base.path(), "/a/b/");
    }

    #[test]
    fn unknown_default_language_is_an_error_with_line() {
        let src = GOOD.replace("default_language: zh", "default_language: fr");
        let err = load(&src, None).unwrap_err();
        let d = &err.diagnostics()[0];
        assert_eq!(d.location.line, Some(3));
        assert!(d.message.contains("fr"));
    }

    #[test]
    fn a_code_that_is_not_a_language_tag_is_an_error_at_its_value() {
        for (bad, why) in [("zh CN", "no spaces"), ("i-klingon", "2 or 3 letters")] {
            let src = GOOD.replace("code: zh-CN", &format!("code: {bad}"));
            let err = load(&src, None).unwrap_err();
            let d = &err.diagnostics()[0];
            assert_eq!(
                (d.location.line, d.location.column),
                (Some(5), Some(21)),
                "{bad}"
            );
            assert!(
                d.message
                    .contains(&format!("`{bad}` is not a language tag")),
                "{}",
                d.message
            );
            assert!(d.message.contains(why), "{}", d.message);
            assert!(d.help.as_deref().unwrap_or("").contains("zh-CN"));
        }
        let src = GOOD.replace("code: en,", "code: \"en_GB\",");
        let err = load(&src, None).unwrap_err();
        assert_eq!(err.diagnostics()[0].location.line, Some(6));
        assert!(err.to_string().contains("`en-GB`"), "{err}");
    }

    #[test]
    fn missing_translation_is_reported() {
        let src = GOOD.replace("name: {zh: 甲, en: A}", "name: {zh: 甲}");
        let err = load(&src, None).unwrap_err();
        assert!(err.to_string().contains("publisher.name"));
    }
}
