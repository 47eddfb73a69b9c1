//! YAML parsing with errors that name the file, line and column, suggest the closest key for a
//! typo, and report missing translations.

use crate::error::{Diagnostic, Location};
use crate::localized::Localized;
use serde::de::DeserializeOwned;
use serde_yaml::Value;
use std::path::Path;

/// Parses `source` (the text of `file`) into `T`; `line_offset` is added to reported lines, for
/// YAML embedded in another file such as front matter.
pub fn parse<T: DeserializeOwned>(
    source: &str,
    file: &Path,
    line_offset: usize,
) -> Result<T, Diagnostic> {
    serde_yaml::from_str(source).map_err(|e| yaml_diagnostic(&e, source, file, line_offset))
}

/// serde reports a bad value inside a mapping at the mapping's start; for values that name
/// themselves in the message (invalid links), find the line that holds the value.
fn value_line(message: &str, source: &str, from: usize) -> Option<usize> {
    let value = message
        .split(crate::urls::LINK_PREFIX)
        .nth(1)?
        .split("`: ")
        .next()?;
    source
        .lines()
        .enumerate()
        .skip(from.saturating_sub(1))
        .find(|(_, l)| l.contains(value))
        .map(|(i, _)| i + 1)
}

fn yaml_diagnostic(
    e: &serde_yaml::Error,
    source: &str,
    file: &Path,
    line_offset: usize,
) -> Diagnostic {
    let text = e.to_string();
    let mut location = match e.location() {
        Some(l) => Location::at(file, l.line() + line_offset, Some(l.column())),
        None => Location::file(file),
    };
    // libyaml adds where the unfinished construct began ("…, while scanning a quoted scalar at
    // line 4 column 19"): that is where the author must look, so point there.
    let message = match text.split_once(", while ") {
        Some((problem, context)) => {
            let (what, mark) = context.split_once(" at line ").unwrap_or((context, ""));
            if let Some((l, c)) = parse_mark(mark) {
                location = Location::at(file, l + line_offset, Some(c));
            }
            format!("{}, while {what} that starts here", strip_mark(problem))
        }
        None => strip_mark(&text),
    };
    let message = plain_types(&message);
    let from = e.location().map_or(1, |l| l.line());
    if let Some(line) =
        value_line(&message, source, from).or_else(|| duplicate_line(&message, source, from))
    {
        location = Location::at(file, line + line_offset, None);
    }
    let help = suggest_key(&message).or_else(|| generic_help(&message));
    let d = Diagnostic::error(location, message);
    match help {
        Some(h) => d.with_help(h),
        None => d,
    }
}

fn strip_mark(text: &str) -> String {
    text.split(" at line ")
        .next()
        .unwrap_or(text)
        .trim()
        .to_string()
}

/// Reads "4 column 19" into (4, 19).
fn parse_mark(mark: &str) -> Option<(usize, usize)> {
    let (l, c) = mark.split_once(" column ")?;
    Some((l.trim().parse().ok()?, c.trim().parse().ok()?))
}

/// For serde's "unknown field `x`, expected one of `a`, `b`", names the closest known key.
fn suggest_key(message: &str) -> Option<String> {
    let rest = message.split("unknown field `").nth(1)?;
    let (unknown, rest) = rest.split_once('`')?;
    let expected: Vec<&str> = rest.split('`').skip(1).step_by(2).collect();
    let best = expected
        .iter()
        .map(|k| (strsim::jaro_winkler(unknown, k), *k))
        .filter(|(score, _)| *score > 0.75)
        .max_by(|a, b| a.0.total_cmp(&b.0));
    Some(match best {
        Some((_, k)) => format!("did you mean `{k}`? Known keys: {}", expected.join(", ")),
        None => format!(
            "remove `{unknown}` or use one of the known keys: {}",
            expected.join(", ")
        ),
    })
}

/// Serde's Rust type names mean nothing to an author: "expected f64" becomes "expected a number".
fn plain_types(message: &str) -> String {
    const NUMBERS: [(&str, &str); 12] = [
        ("expected f64", "expected a number, like 12 or 2.5"),
        ("expected f32", "expected a number, like 12 or 2.5"),
        ("expected u8", "expected a whole number, like 12"),
        ("expected u16", "expected a whole number, like 12"),
        ("expected u32", "expected a whole number, like 12"),
        ("expected u64", "expected a whole number, like 12"),
        ("expected usize", "expected a whole number, like 12"),
        ("expected i8", "expected a whole number, like 12"),
        ("expected i16", "expected a whole number, like 12"),
        ("expected i32", "expected a whole number, like 12"),
        ("expected i64", "expected a whole number, like 12"),
        ("expected isize", "expected a whole number, like 12"),
    ];
    let mut out = message.to_string();
    for (rust, plain) in NUMBERS {
        if out.ends_with(rust) {
            out = format!("{}{plain}", &out[..out.len() - rust.len()]);
        }
    }
    out
}

/// serde reports a duplicate key at the start of its mapping; the author needs the second one:
/// the next line holding the same key at the same indentation before that mapping ends.
fn duplicate_line(message: &str, source: &str, from: usize) -> Option<usize> {
    let key = message
        .split("duplicate field `")
        .nth(1)?
        .split('`')
        .next()?;
    let lines: Vec<&str> = source.lines().collect();
    // (raw indent, indent of the key, whether the line holds `key:`)
    let parsed: Vec<Option<(usize, usize, bool)>> =
        lines.iter().map(|l| key_line(l, key)).collect();
    for (i, entry) in parsed.iter().enumerate().skip(from.saturating_sub(1)) {
        let Some((_, k, true)) = *entry else { continue };
        for (j, later) in parsed.iter().enumerate().skip(i + 1) {
            match *later {
                Some((raw, _, _)) if raw < k => break,
                Some((raw, _, true)) if raw == k => return Some(j + 1),
                _ => {}
            }
        }
    }
    None
}

/// For a content line: its indentation, the indentation of the key it holds (past a `- `), and
/// whether that key is `key`.
fn key_line(line: &str, key: &str) -> Option<(usize, usize, bool)> {
    let rest = line.trim_start();
    if rest.is_empty() || rest.starts_with('#') {
        return None;
    }
    let raw = line.len() - rest.len();
    let (k, rest) = match rest.strip_prefix("- ") {
        Some(r) => (raw + 2 + (r.len() - r.trim_start().len()), r.trim_start()),
        None => (raw, rest),
    };
    let unquoted = rest.trim_start_matches(['"', '\'']);
    let holds = unquoted
        .strip_prefix(key)
        .is_some_and(|r| r.trim_start_matches(['"', '\'']).starts_with(':'));
    Some((raw, k, holds))
}

fn generic_help(message: &str) -> Option<String> {
    if message.starts_with("missing field") {
        Some("add the field; see docs/content-model.md for what each file needs".into())
    } else if message.starts_with("duplicate field") {
        Some("a key may appear once in a mapping; remove or rename one of them".into())
    } else if message.contains("expected a number") || message.contains("expected a whole number") {
        Some("write the bare number without units, % or thousands separators; units belong in `unit:`".into())
    } else if message.contains("invalid type") {
        Some("check the value's type (quote text that looks like a number or date)".into())
    } else if message.contains("mapping values are not allowed")
        || message.contains("did not find expected")
        || message.contains("while ")
    {
        Some("check indentation and quote values that contain `: ` or start with a special character".into())
    } else {
        None
    }
}

/// Finds the 1-based line where the value at `path` (keys and sequence indices) starts in YAML
/// text written in block style. Best effort: returns the deepest line it could find.
pub fn line_of(source: &str, path: &[PathSeg]) -> Option<usize> {
    let lines: Vec<&str> = source.lines().collect();
    let mut start = 0usize;
    let mut parent_indent: isize = -1;
    let mut found = None;
    for seg in path {
        let hit = match seg {
            PathSeg::Key(k) => find_key(&lines, start, parent_indent, k),
            PathSeg::Index(i) => find_item(&lines, start, parent_indent, *i),
        };
        let Some((line, indent)) = hit else { break };
        found = Some(line + 1);
        start = line;
        parent_indent = indent;
    }
    found
}

/// Where the scalar `value` at `path` is written in `file`: the line [`line_of`] finds, and the
/// column where `value` appears after its key on that line (none when it cannot be found there,
/// as for a value escaped or folded over lines).
pub fn value_location(
    source: &str,
    path: &[PathSeg],
    value: &str,
    file: &Path,
) -> Option<Location> {
    let line = line_of(source, path)?;
    let text = source.lines().nth(line - 1)?;
    // Look past the key, so a value equal to its key (`en: en`) points at the value.
    let from = match path.last() {
        Some(PathSeg::Key(k)) => text.find(&format!("{k}:")).map_or(0, |i| i + k.len() + 1),
        _ => 0,
    };
    let column = text[from..]
        .find(value)
        .map(|i| text[..from + i].chars().count() + 1);
    Some(Location::at(file, line, column))
}

/// One step of a path into a YAML document.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PathSeg {
    /// A mapping key.
    Key(String),
    /// A sequence index (0-based).
    Index(usize),
}

fn indent_of(line: &str) -> isize {
    (line.len() - line.trim_start().len()) as isize
}

fn is_content(line: &str) -> bool {
    let t = line.trim_start();
    !t.is_empty() && !t.starts_with('#')
}

fn find_key(lines: &[&str], start: usize, parent: isize, key: &str) -> Option<(usize, isize)> {
    for (i, line) in lines.iter().enumerate().skip(start) {
        if !is_content(line) {
            continue;
        }
        let ind = indent_of(line);
        if i > start && ind <= parent {
            return None;
        }
        let t = line
            .trim_start()
            .trim_start_matches("- ")
            .trim_start_matches('{');
        let t = t.trim_start();
        if t.starts_with(&format!("{key}:")) || t.starts_with(&format!("\"{key}\":")) {
            let key_col = line.find(key).unwrap_or(0) as isize;
            return Some((i, key_col));
        }
        if let Some(pos) = line.find(&format!(" {key}: ")) {
            if line[..pos].contains('{') {
                return Some((i, pos as isize + 1));
            }
        }
    }
    None
}

fn find_item(lines: &[&str], start: usize, parent: isize, index: usize) -> Option<(usize, isize)> {
    let mut seen = 0usize;
    let mut item_indent = None;
    for (i, line) in lines.iter().enumerate().skip(start + 1) {
        if !is_content(line) {
            continue;
        }
        let ind = indent_of(line);
        if ind < parent || (ind == parent && !line.trim_start().starts_with('-')) {
            return None;
        }
        if line.trim_start().starts_with('-') {
            let ii = *item_indent.get_or_insert(ind);
            if ind == ii {
                if seen == index {
                    return Some((i, ind));
                }
                seen += 1;
            } else if ind < ii {
                return None;
            }
        }
    }
    None
}

/// The reader-facing texts of a parsed file, each with its path in the YAML, for [`check_texts`].
#[derive(Default)]
pub struct Texts<'a> {
    at: Vec<PathSeg>,
    /// The texts found so far.
    pub found: Vec<(Vec<PathSeg>, &'a Localized)>,
}

impl<'a> Texts<'a> {
    /// The text of field `name`, if given.
    pub fn field(&mut self, name: &str, text: impl Into<Option<&'a Localized>>) -> &mut Self {
        if let Some(text) = text.into() {
            let mut path = self.at.clone();
            path.push(PathSeg::Key(name.to_string()));
            self.found.push((path, text));
        }
        self
    }

    /// The texts of list field `name`.
    pub fn list(&mut self, name: &str, texts: &'a [Localized]) -> &mut Self {
        self.each(name, texts, |t, text| {
            t.found.push((t.at.clone(), text));
        })
    }

    /// What `read` finds in each item of list field `name`.
    pub fn each<T>(
        &mut self,
        name: &str,
        items: &'a [T],
        mut read: impl FnMut(&mut Self, &'a T),
    ) -> &mut Self {
        self.at.push(PathSeg::Key(name.to_string()));
        for (i, item) in items.iter().enumerate() {
            self.at.push(PathSeg::Index(i));
            read(self, item);
            self.at.pop();
        }
        self.at.pop();
        self
    }

    /// What `read` finds in the fields of map field `name`.
    pub fn within(&mut self, name: &str, read: impl FnOnce(&mut Self)) -> &mut Self {
        self.at.push(PathSeg::Key(name.to_string()));
        read(self);
        self.at.pop();
        self
    }
}

/// Reports each of `texts` (reader-facing text, at its path in `source`) given as a map with none
/// of the site's `langs`, as `axis: {min: 0, max: 9}` is: it would read as no text in every
/// language. [`check_translations`] cannot tell such a map from a map of fields, so the caller,
/// which knows where text goes, names the fields. A field on a line `reported` already has a
/// problem is left alone, so that one mistake gives one message.
pub fn check_texts<'a>(
    source: &str,
    file: &Path,
    langs: &[String],
    texts: impl IntoIterator<Item = (Vec<PathSeg>, &'a Localized)>,
    reported: &[Diagnostic],
) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    for (path, text) in texts {
        let Localized::PerLanguage(map) = text else {
            continue;
        };
        if map.keys().any(|k| langs.contains(k)) {
            continue;
        }
        let line = line_of(source, &path);
        if line.is_some() && reported.iter().any(|d| d.location.line == line) {
            continue;
        }
        let location = at_line(file, line);
        let keys: Vec<&str> = map.keys().map(String::as_str).collect();
        let found = if keys.is_empty() {
            "an empty map".to_string()
        } else {
            format!("a map of {}", quoted(&keys))
        };
        let langs: Vec<&str> = langs.iter().map(String::as_str).collect();
        out.push(
            Diagnostic::error(
                location,
                format!(
                    "`{}` is text for readers, but {found} gives it none in {}",
                    dotted(&path),
                    quoted(&langs)
                ),
            )
            .with_help(format!(
                "write one text, or one per language: {}",
                key_lines(&langs, ", ")
            )),
        );
    }
    out
}

/// Reports every localized map in `value` that lacks one of `langs` or names an unknown one.
/// A localized map is recognised as a mapping whose keys are all language keys.
pub fn check_translations(
    source: &str,
    file: &Path,
    line_offset: usize,
    langs: &[String],
) -> Vec<Diagnostic> {
    check_translations_among(source, file, line_offset, langs, langs)
}

/// Like [`check_translations`] for a text published in `required`, some of the site's `langs`
/// (a report in Chinese only may still name its sector in English for the English library).
pub fn check_translations_among(
    source: &str,
    file: &Path,
    line_offset: usize,
    langs: &[String],
    required: &[String],
) -> Vec<Diagnostic> {
    let Ok(value) = serde_yaml::from_str::<Value>(source) else {
        return Vec::new();
    };
    let mut out = Vec::new();
    walk(
        &value,
        &mut Vec::new(),
        &mut |path, v| {
            let Ok(loc) = serde_yaml::from_value::<Localized>(v.clone()) else {
                return;
            };
            let missing = loc.missing(required);
            let unknown = loc.unknown(langs);
            if missing.is_empty() && unknown.is_empty() {
                return;
            }
            let line = line_of(source, path).map(|l| l + line_offset);
            let location = at_line(file, line);
            let dotted = dotted(path);
            if !unknown.is_empty() {
                out.push(
                    Diagnostic::error(
                        location.clone(),
                        format!(
                            "`{dotted}` has text for {}, which is not a language of this site ({})",
                            quoted(&unknown),
                            quoted(&langs.iter().map(String::as_str).collect::<Vec<_>>())
                        ),
                    )
                    .with_help(
                        "remove that text, or add the language to `languages` in content/site.yaml",
                    ),
                );
            }
            if missing.is_empty() {
                return;
            }
            out.push(
                Diagnostic::error(
                    location,
                    format!(
                        "missing translation: `{dotted}` has no text for {}",
                        quoted(&missing)
                    ),
                )
                .with_help(format!(
                    "add {} next to the other languages",
                    key_lines(&missing, " and ")
                )),
            );
        },
        langs,
    );
    out
}

/// `file` at `line`, or the whole file when the line is not known.
fn at_line(file: &Path, line: Option<usize>) -> Location {
    match line {
        Some(l) => Location::at(file, l, None),
        None => Location::file(file),
    }
}

/// What to write for each language of `langs`: `` `zh: …` ``, joined by `sep`.
fn key_lines(langs: &[&str], sep: &str) -> String {
    langs
        .iter()
        .map(|l| format!("`{l}: …`"))
        .collect::<Vec<_>>()
        .join(sep)
}

fn quoted(items: &[&str]) -> String {
    items
        .iter()
        .map(|m| format!("`{m}`"))
        .collect::<Vec<_>>()
        .join(", ")
}

/// `analysts[1].role` for a path.
pub fn dotted(path: &[PathSeg]) -> String {
    let mut s = String::new();
    for seg in path {
        match seg {
            PathSeg::Key(k) => {
                if !s.is_empty() {
                    s.push('.');
                }
                s.push_str(k);
            }
            PathSeg::Index(i) => s.push_str(&format!("[{i}]")),
        }
    }
    s
}

/// `zh`, `en`, `ja`, `zh-Hant`, `pt-BR`: the shape of a language key.
fn looks_like_language(key: &str) -> bool {
    let mut parts = key.split('-');
    let primary = parts.next().unwrap_or("");
    (2..=3).contains(&primary.len())
        && primary.chars().all(|c| c.is_ascii_lowercase())
        && parts.all(|p| (2..=8).contains(&p.len()) && p.chars().all(|c| c.is_ascii_alphanumeric()))
}

fn walk(
    value: &Value,
    path: &mut Vec<PathSeg>,
    on_localized: &mut dyn FnMut(&[PathSeg], &Value),
    langs: &[String],
) {
    match value {
        Value::Mapping(m) => {
            let keys: Vec<&str> = m.keys().filter_map(Value::as_str).collect();
            // A map of texts by language: every key shaped like a language tag, and either one
            // of them a language of the site or every value a string. So `{zh: …, en: …, fr: …}`
            // is seen (and `fr` refused), and so is `{zh-CN: …, en-US: …}`, which would otherwise
            // read as no text at all; `{id: 1, to: 2}` is a map of fields.
            let is_localized = !keys.is_empty()
                && keys.len() == m.len()
                && keys.iter().all(|k| looks_like_language(k))
                && (keys.iter().any(|k| langs.iter().any(|l| l == k))
                    || m.values().all(|v| matches!(v, Value::String(_))));
            if is_localized {
                on_localized(path, value);
                return;
            }
            for (k, v) in m {
                let Some(k) = k.as_str() else { continue };
                path.push(PathSeg::Key(k.to_string()));
                walk(v, path, on_localized, langs);
                path.pop();
            }
        }
        Value::Sequence(items) => {
            for (i, v) in items.iter().enumerate() {
                path.push(PathSeg::Index(i));
                walk(v, path, on_localized, langs);
                path.pop();
            }
        }
        _ => {}
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde::Deserialize;

    #[derive(Debug, Deserialize)]
    #[serde(deny_unknown_fields)]
    #[allow(dead_code)]
    struct Doc {
        title: String,
        subtitle: Option<String>,
    }

    #[test]
    fn text_in_a_language_the_site_lacks_is_refused() {
        let langs = vec!["zh".to_string(), "en".to_string()];
        let src = "title:\n  zh: 标题\n  en: Title\n  fr: Titre\nid: x\n";
        let d = check_translations(src, Path::new("r.yaml"), 0, &langs);
        assert_eq!(d.len(), 1, "{d:?}");
        assert!(d[0].message.contains("`fr`"), "{}", d[0].message);
        assert_eq!(d[0].location.line, Some(1));
        // A mapping of ordinary fields is not taken for one.
        assert!(
            check_translations("a: {id: 1, to: 2}\n", Path::new("r.yaml"), 0, &langs).is_empty()
        );
    }

    #[test]
    fn a_map_of_fields_where_text_goes_is_refused_once() {
        let langs = vec!["zh".to_string(), "en".to_string()];
        let src = "title: T\naxis: {min: 0, max: 9}\nunit: {zh: 元, en: RMB}\nnote: {}\n";
        let text = |yaml: &str| -> Localized { serde_yaml::from_str(yaml).unwrap() };
        let (same, axis, unit, note) = (
            text("T"),
            text("{min: 0, max: 9}"),
            text("{zh: 元, en: RMB}"),
            text("{}"),
        );
        let key = |k: &str| vec![PathSeg::Key(k.into())];
        let texts = || {
            [
                (key("title"), &same),
                (key("axis"), &axis),
                (key("unit"), &unit),
                (key("note"), &note),
            ]
        };
        let d = check_texts(src, Path::new("c.yaml"), &langs, texts(), &[]);
        assert_eq!(d.len(), 2, "{d:?}");
        assert!(d[0].message.contains("`axis`") && d[0].message.contains("`max`, `min`"));
        assert_eq!(d[0].location.line, Some(2));
        assert!(d[1].message.contains("`note`") && d[1].message.contains("an empty map"));
        // A line that already has a problem gets no second one.
        let again = check_texts(src, Path::new("c.yaml"), &langs, texts(), &d[..1]);
        assert_eq!(again.len(), 1);
        assert_eq!(again[0].location.line, Some(4));
    }

    #[test]
    fn text_in_none_of_the_sites_languages_is_refused_not_dropped() {
        let langs = vec!["zh".to_string(), "en".to_string()];
        let src = "id: x\ntitle: {zh-CN: 标题, en-US: Title}\n";
        let d = check_translations(src, Path::new("r.yaml"), 0, &langs);
        assert_eq!(d.len(), 2, "{d:?}");
        assert!(d[0].message.contains("`en-US`") && d[0].message.contains("`zh-CN`"));
        assert!(d[1].message.contains("missing translation: `title`"));
        assert!(d.iter().all(|d| d.location.line == Some(2)));
    }

    #[test]
    fn duplicate_key_points_at_the_second_one() {
        #[derive(serde::Deserialize, Debug)]
        #[allow(dead_code)]
        struct T {
            title: String,
            date: String,
        }
        let d = parse::<T>("title: a\ndate: b\ntitle: c\n", Path::new("x.yaml"), 0).unwrap_err();
        assert_eq!(d.location.line, Some(3), "{d:?}");
        assert!(d.help.as_deref().unwrap_or("").contains("once"));
    }

    #[test]
    fn numbers_are_asked_for_in_plain_words() {
        #[derive(serde::Deserialize, Debug)]
        #[allow(dead_code)]
        struct T {
            v: f64,
            n: u32,
        }
        let d = parse::<T>("v: \"12%\"\nn: 1\n", Path::new("x.yaml"), 0).unwrap_err();
        assert!(
            d.message.contains("expected a number, like 12"),
            "{}",
            d.message
        );
        assert!(!d.message.contains("f64"));
        let help = d.help.clone().unwrap_or_default();
        assert!(!help.contains("quote"), "{help}");
        let d = parse::<T>("v: 1\nn: 2.5\n", Path::new("x.yaml"), 0).unwrap_err();
        assert!(
            d.message.contains("expected a whole number"),
            "{}",
            d.message
        );
    }

    #[test]
    fn syntax_error_has_line_and_column() {
        let d = parse::<Doc>("title: a\n  bad: [\n", Path::new("x.yaml"), 0).unwrap_err();
        assert_eq!(d.location.file, Path::new("x.yaml"));
        assert!(d.location.line.is_some());
        assert!(!d.message.contains(" at line "));
    }

    #[test]
    fn unknown_key_suggests_closest() {
        let d = parse::<Doc>("title: a\nsubtitel: b\n", Path::new("x.yaml"), 10).unwrap_err();
        assert_eq!(d.location.line, Some(12));
        assert!(d.help.unwrap().contains("did you mean `subtitle`"));
    }

    #[test]
    fn finds_lines_of_nested_paths() {
        let src = "title: x\nanalysts:\n  - name: a\n    role:\n      zh: 甲\n  - name: b\n    role: {zh: 乙}\n";
        let path = vec![
            PathSeg::Key("analysts".into()),
            PathSeg::Index(1),
            PathSeg::Key("role".into()),
        ];
        assert_eq!(line_of(src, &path), Some(7));
    }

    #[test]
    fn value_location_points_at_the_value_after_its_key() {
        let src = "date: 2024-02-30\nlanguages:\n  - {key: zh, code: zh, name: 中文}\n  - key: en\n    code: \"en US\"\n";
        let at = |path: &[PathSeg], value: &str| {
            let l = value_location(src, path, value, Path::new("x.yaml")).unwrap();
            (l.line, l.column)
        };
        assert_eq!(
            at(&[PathSeg::Key("date".into())], "2024-02-30"),
            (Some(1), Some(7))
        );
        let code = |i| {
            vec![
                PathSeg::Key("languages".into()),
                PathSeg::Index(i),
                PathSeg::Key("code".into()),
            ]
        };
        // `zh` is also the key before it: the column is the code's.
        assert_eq!(at(&code(0), "zh"), (Some(3), Some(21)));
        assert_eq!(at(&code(1), "en US"), (Some(5), Some(12)));
        assert_eq!(at(&code(1), "not there"), (Some(5), None));
    }

    #[test]
    fn reports_missing_translation_with_line() {
        let src = "title: {zh: 标题, en: Title}\nitems:\n  - label:\n      zh: 甲\n";
        let langs = vec!["zh".to_string(), "en".to_string()];
        let ds = check_translations(src, Path::new("r.yaml"), 0, &langs);
        assert_eq!(ds.len(), 1);
        assert!(ds[0].message.contains("items[0].label"));
        assert!(ds[0].message.contains("`en`"));
        assert_eq!(ds[0].location.line, Some(3));
    }
}
