//! Text that a reader sees, given per language.

use serde::de::{self, Deserializer, MapAccess, Visitor};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::fmt;

/// Reader-facing text: one string per language key, or one string for every language.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(untagged)]
pub enum Localized {
    /// The same text in every language (names, codes, numbers).
    Same(String),
    /// Text per language key (`zh`, `en`).
    PerLanguage(BTreeMap<String, String>),
}

impl Localized {
    /// The text for `lang`, if given.
    pub fn get(&self, lang: &str) -> Option<&str> {
        match self {
            Localized::Same(s) => Some(s),
            Localized::PerLanguage(m) => m.get(lang).map(String::as_str),
        }
    }

    /// The text for `lang`, or an empty string; only for values already checked by validation.
    pub fn text(&self, lang: &str) -> &str {
        self.get(lang).unwrap_or("")
    }

    /// Language keys this value lacks among `langs`.
    pub fn missing<'a>(&self, langs: &'a [String]) -> Vec<&'a str> {
        match self {
            Localized::Same(_) => Vec::new(),
            Localized::PerLanguage(m) => langs
                .iter()
                .filter(|l| m.get(l.as_str()).is_none_or(|t| t.trim().is_empty()))
                .map(String::as_str)
                .collect(),
        }
    }

    /// Language keys this value has that are not among `langs`.
    pub fn unknown<'a>(&'a self, langs: &[String]) -> Vec<&'a str> {
        match self {
            Localized::Same(_) => Vec::new(),
            Localized::PerLanguage(m) => m
                .keys()
                .filter(|k| !langs.contains(k))
                .map(String::as_str)
                .collect(),
        }
    }
}

impl<'de> Deserialize<'de> for Localized {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        d.deserialize_any(LocalizedVisitor)
    }
}

struct LocalizedVisitor;

impl<'de> Visitor<'de> for LocalizedVisitor {
    type Value = Localized;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a text, or a map of language key to text such as {zh: 标题, en: Title}")
    }

    fn visit_str<E: de::Error>(self, v: &str) -> Result<Localized, E> {
        Ok(Localized::Same(v.to_string()))
    }

    fn visit_i64<E: de::Error>(self, v: i64) -> Result<Localized, E> {
        Ok(Localized::Same(v.to_string()))
    }

    fn visit_u64<E: de::Error>(self, v: u64) -> Result<Localized, E> {
        Ok(Localized::Same(v.to_string()))
    }

    fn visit_f64<E: de::Error>(self, v: f64) -> Result<Localized, E> {
        Ok(Localized::Same(v.to_string()))
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Localized, A::Error> {
        let mut out = BTreeMap::new();
        while let Some((k, v)) = map.next_entry::<String, ScalarText>()? {
            out.insert(k, v.0);
        }
        Ok(Localized::PerLanguage(out))
    }
}

/// A scalar read as text, so that `en: 2024` is accepted as "2024".
struct ScalarText(String);

impl<'de> Deserialize<'de> for ScalarText {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        match Localized::deserialize(d)? {
            Localized::Same(s) => Ok(ScalarText(s)),
            Localized::PerLanguage(_) => Err(de::Error::custom(
                "expected a text for this language, found a nested map",
            )),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_plain_and_per_language_text() {
        let same: Localized = serde_yaml::from_str("AIGC").unwrap();
        assert_eq!(same.get("en"), Some("AIGC"));
        let per: Localized = serde_yaml::from_str("{zh: 标题, en: 2024}").unwrap();
        assert_eq!(per.get("zh"), Some("标题"));
        assert_eq!(per.get("en"), Some("2024"));
    }

    #[test]
    fn reports_missing_and_unknown_languages() {
        let langs = vec!["zh".to_string(), "en".to_string()];
        let per: Localized = serde_yaml::from_str("{zh: 标题, fr: Titre}").unwrap();
        assert_eq!(per.missing(&langs), vec!["en"]);
        assert_eq!(per.unknown(&langs), vec!["fr"]);
    }
}
