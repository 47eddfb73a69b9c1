//! Language codes (`languages[].code` in `site.yaml`): BCP 47 tags such as `zh-CN` or `en`.
//!
//! A code is written into `lang` and `hreflang` attributes and given to the templates' `date`
//! filter as its `locale`, which fails on a tag it cannot parse. Checking codes when the site
//! configuration loads makes that an error at the code's line, not in a template.

/// Whether `code` is a language tag the `date` filter accepts and HTML can carry, or why not.
pub fn check(code: &str) -> Result<(), String> {
    // The filter also reads `zh_CN` (a POSIX locale name) as `zh-CN`, but `lang="zh_CN"` and
    // `hreflang="zh_CN"` are not language tags, so browsers and search engines would ignore them.
    if code.contains('_') {
        return Err(format!(
            "subtags are joined by `-`, not `_` (`{}`)",
            code.replace('_', "-")
        ));
    }
    // The filter's own parser (tera-contrib reads `locale` with ICU4X's `Locale`): a code passes
    // here exactly when the filter will take it.
    match icu_locale_core::Locale::try_from_str(code) {
        Ok(_) => Ok(()),
        Err(_) => Err(explain(code)),
    }
}

/// Says which part of a code the parser refused, as far as a short rule can tell.
fn explain(code: &str) -> String {
    if code.is_empty() {
        return "it is empty".into();
    }
    if code.chars().any(char::is_whitespace) {
        return "a tag has no spaces".into();
    }
    if !code.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-') {
        return "a tag has only ASCII letters, digits and `-`".into();
    }
    let subtags: Vec<&str> = code.split('-').collect();
    if subtags.iter().any(|s| s.is_empty()) {
        return "a `-` stands between two subtags, never at an end or twice".into();
    }
    if !is_language(subtags[0]) {
        return format!(
            "it must begin with a language of 2 or 3 letters (ISO 639), not `{}`",
            subtags[0]
        );
    }
    explain_rest(&subtags[1..])
}

/// The subtags after the language: script, region and variants, in that order, then extensions.
fn explain_rest(subtags: &[&str]) -> String {
    let mut seen = Part::Language;
    let mut variants: Vec<String> = Vec::new();
    for s in subtags {
        let part = Part::of(s);
        match part {
            // Extensions (`-u-…`, `-x-…`) have their own grammar; the parser refused it.
            Part::Singleton => return format!("the extension from `-{s}-` is not well formed"),
            Part::Unknown => return format!("`{s}` is not {}", Part::WHAT),
            Part::Variant if variants.contains(&s.to_ascii_lowercase()) => {
                return format!("variant `{s}` is given twice")
            }
            Part::Variant => variants.push(s.to_ascii_lowercase()),
            _ if part <= seen => {
                return format!(
                    "`{s}` (a {}) is out of place: the order is language, script, region, variants",
                    part.name()
                )
            }
            _ => {}
        }
        seen = seen.max(part);
    }
    "it is not a well-formed language tag".into()
}

/// What a subtag can be, in the order they must appear.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Part {
    Language,
    Script,
    Region,
    Variant,
    Singleton,
    Unknown,
}

impl Part {
    const WHAT: &'static str = "a script (4 letters, as `Hans`), a region (2 letters or 3 digits, \
        as `CN` or `419`) or a variant (5 to 8 letters or digits, as `pinyin`)";

    /// The rules of ICU4X's subtag types (`Script`, `Region`, `Variant`).
    fn of(s: &str) -> Part {
        let alpha = s.bytes().all(|b| b.is_ascii_alphabetic());
        let digits = s.bytes().all(|b| b.is_ascii_digit());
        let alnum = s.bytes().all(|b| b.is_ascii_alphanumeric());
        match s.len() {
            1 if alnum => Part::Singleton,
            2 if alpha => Part::Region,
            3 if digits => Part::Region,
            4 if alpha => Part::Script,
            4 if alnum && s.as_bytes()[0].is_ascii_digit() => Part::Variant,
            5..=8 if alnum => Part::Variant,
            _ => Part::Unknown,
        }
    }

    fn name(self) -> &'static str {
        match self {
            Part::Script => "script",
            Part::Region => "region",
            _ => "subtag",
        }
    }
}

/// ICU4X takes 2 or 3 letters as a language (not the 5–8 BCP 47 reserves for later use).
fn is_language(s: &str) -> bool {
    (2..=3).contains(&s.len()) && s.bytes().all(|b| b.is_ascii_alphabetic())
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn common_tags_pass() {
        for code in [
            "en",
            "zh",
            "zh-CN",
            "zh-Hans",
            "zh-Hant-TW",
            "yue-HK",
            "es-419",
            "de-CH-1996",
            "sl-rozaj-biske",
            "ja-JP-u-ca-japanese",
            "en-x-private",
            "und",
            "EN-us",
        ] {
            assert_eq!(check(code), Ok(()), "{code}");
        }
    }

    /// Subtags of every kind, well and badly formed, to join into tags.
    fn tag() -> impl Strategy<Value = String> {
        let piece = prop::sample::select(vec![
            "zh",
            "en",
            "yue",
            "EN",
            "e",
            "english",
            "i",
            "x",
            "u",
            "t",
            "a",
            "1",
            "Hans",
            "hant",
            "Latin",
            "CN",
            "us",
            "419",
            "12",
            "1996",
            "1a2b",
            "pinyin",
            "rozaj",
            "abcdefghi",
            "ca",
            "chinese",
            "nu",
            "h0",
            "hybrid",
            "m0",
            "true",
            "zh CN",
            " ",
            "",
            "中文",
            "é",
        ]);
        prop::collection::vec(piece, 1..7).prop_map(|p| p.join("-"))
    }

    proptest! {
        #![proptest_config(ProptestConfig { cases: 2048, ..ProptestConfig::default() })]

        /// A code passes exactly when the templates' `date` filter takes it as a locale.
        #[test]
        fn the_date_filter_takes_exactly_the_codes_that_pass(code in tag()) {
            let filter = crate::templates::DateFilter::default();
            let taken = filter.format("2024-04-22", "y", &code);
            prop_assert_eq!(check(&code).is_ok(), taken.is_ok(), "{}: {:?}", code, taken);
        }
    }

    #[test]
    fn the_date_filter_refuses_the_codes_of_the_defect() {
        let filter = crate::templates::DateFilter::default();
        for code in ["zh CN", "i-klingon", "", "zh-", "en-12"] {
            assert!(filter.format("2024-04-22", "y", code).is_err(), "{code}");
            assert!(check(code).is_err(), "{code}");
        }
        // The one difference: the filter reads `zh_CN` as `zh-CN`; HTML would not.
        assert!(filter.format("2024-04-22", "y", "zh_CN").is_ok());
        assert!(check("zh_CN").is_err());
    }

    #[test]
    fn malformed_tags_say_what_is_wrong() {
        let why = |code: &str| check(code).expect_err(code);
        assert_eq!(why("zh CN"), "a tag has no spaces");
        assert!(why("zh_CN").contains("`zh-CN`"), "{}", why("zh_CN"));
        assert!(why("i-klingon").contains("language of 2 or 3 letters"));
        assert!(why("english").contains("not `english`"));
        assert_eq!(why(""), "it is empty");
        assert!(why("zh-").contains("never at an end"));
        assert!(why("zh--CN").contains("twice"));
        assert!(why("中文").contains("ASCII"));
        assert!(why("en-12").starts_with("`12` is not a script"));
        assert!(why("en-abcdefghi").starts_with("`abcdefghi` is not a script"));
        assert!(why("zh-CN-Hans").contains("`Hans` (a script) is out of place"));
        assert!(why("en-US-GB").contains("`GB` (a region)"));
        assert!(why("de-1996-1996").contains("given twice"));
        assert!(why("en-u").contains("`-u-`"));
        assert!(why("en-x").contains("`-x-`"));
    }
}
