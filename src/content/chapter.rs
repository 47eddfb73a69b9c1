//! Chapter files: `<slug>.<lang>.md` with YAML front matter.

use crate::error::{Diagnostic, Location};
use serde::Deserialize;
use std::path::{Path, PathBuf};

/// Front matter of a chapter.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FrontMatter {
    /// Chapter title.
    pub title: String,
    /// Position in the report, shared by the chapter's translations.
    pub order: i64,
    /// One-sentence summary for the contents and `<meta description>`.
    #[serde(default)]
    pub summary: Option<String>,
}

/// One language version of a chapter, read from disk.
#[derive(Debug, Clone)]
pub struct ChapterSource {
    /// Path relative to the site root, for messages.
    pub file: PathBuf,
    /// Parsed front matter.
    pub front: FrontMatter,
    /// Markdown after the front matter.
    pub body: String,
    /// 1-based line in the file where `body` starts.
    pub body_line: usize,
}

/// Splits `text` into front matter and body and parses the front matter; errors point at lines
/// of the Markdown file.
pub fn parse(text: &str, file: &Path) -> Result<ChapterSource, Diagnostic> {
    let (front, body, body_line) = parse_front(
        text,
        file,
        "chapter",
        "start the file with a `---` line, then `title:` and `order:`, then another `---` line",
    )?;
    Ok(ChapterSource {
        file: file.to_path_buf(),
        front,
        body,
        body_line,
    })
}

/// Splits a Markdown file of kind `what` (chapter, page) into its parsed front matter, its body
/// and the 1-based line where the body starts; `help` says how the front matter should start.
pub fn parse_front<T: serde::de::DeserializeOwned>(
    text: &str,
    file: &Path,
    what: &str,
    help: &str,
) -> Result<(T, String, usize), Diagnostic> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let missing = || {
        Diagnostic::error(
            Location::at(file, 1, Some(1)),
            format!("{what} has no front matter"),
        )
        .with_help(help)
    };
    let first_end = text.find('\n').ok_or_else(missing)?;
    if text[..first_end].trim_end() != "---" {
        return Err(missing());
    }
    let mut offset = first_end + 1;
    for (line_no, line) in (2..).zip(text[offset..].split_inclusive('\n')) {
        if line.trim_end() == "---" {
            let yaml = &text[first_end + 1..offset];
            let body = &text[offset + line.len()..];
            let front: T = crate::yamlx::parse(yaml, file, 1)?;
            return Ok((front, body.to_string(), line_no + 1));
        }
        offset += line.len();
    }
    Err(
        Diagnostic::error(Location::at(file, 1, Some(1)), "front matter is not closed")
            .with_help("add a line with only `---` after the front matter"),
    )
}

/// Splits `name.zh.md` into (`name`, `zh`).
pub fn split_file_name(name: &str) -> Option<(&str, &str)> {
    let stem = name.strip_suffix(".md")?;
    let (slug, lang) = stem.rsplit_once('.')?;
    Some((slug, lang))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_front_matter_and_body_line() {
        let src = "---\ntitle: 概览\norder: 1\n---\n# Hi\n";
        let c = parse(src, Path::new("a.zh.md")).unwrap();
        assert_eq!(c.front.title, "概览");
        assert_eq!(c.body, "# Hi\n");
        assert_eq!(c.body_line, 5);
    }

    #[test]
    fn front_matter_error_points_at_markdown_line() {
        let src = "---\ntitle: 概览\nordr: 1\n---\nbody\n";
        let d = parse(src, Path::new("a.zh.md")).unwrap_err();
        assert_eq!(d.location.line, Some(3));
        assert!(d.help.unwrap().contains("order"));
    }

    #[test]
    fn unclosed_front_matter() {
        let d = parse("---\ntitle: x\n", Path::new("a.md")).unwrap_err();
        assert!(d.message.contains("not closed"));
    }

    #[test]
    fn splits_language_suffix() {
        assert_eq!(
            split_file_name("open-source.en.md"),
            Some(("open-source", "en"))
        );
        assert_eq!(split_file_name("x.md"), None);
    }
}
