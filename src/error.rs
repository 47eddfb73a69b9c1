//! Located user errors and how they are shown.
//!
//! Every problem an author can cause is a [`Diagnostic`]: a file (relative to the site root), a line
//! and column where known, what is wrong, and how to fix it. I/O failures keep the path they failed on.

use std::fmt;
use std::path::{Path, PathBuf};

/// A place in a source file; line and column are 1-based.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct Location {
    /// The file, relative to the site root where possible.
    pub file: PathBuf,
    /// 1-based line, when known.
    pub line: Option<usize>,
    /// 1-based column, when known.
    pub column: Option<usize>,
}

impl Location {
    /// A location naming only a file.
    pub fn file(file: impl Into<PathBuf>) -> Self {
        Location {
            file: file.into(),
            line: None,
            column: None,
        }
    }

    /// A location with a line (and optionally a column).
    pub fn at(file: impl Into<PathBuf>, line: usize, column: Option<usize>) -> Self {
        Location {
            file: file.into(),
            line: Some(line),
            column,
        }
    }
}

impl fmt::Display for Location {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.file.display())?;
        if let Some(line) = self.line {
            write!(f, ":{line}")?;
            if let Some(col) = self.column {
                write!(f, ":{col}")?;
            }
        }
        Ok(())
    }
}

/// How serious a diagnostic is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Severity {
    /// Fails the build.
    Error,
    /// Reported; fails only `check --strict`.
    Warning,
}

/// One problem in the author's input, with where it is and what to do about it.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct Diagnostic {
    /// Error or warning.
    pub severity: Severity,
    /// Where the problem is.
    pub location: Location,
    /// What is wrong.
    pub message: String,
    /// How to fix it, when we can tell.
    pub help: Option<String>,
}

impl Diagnostic {
    /// An error at `location`.
    pub fn error(location: Location, message: impl Into<String>) -> Self {
        Diagnostic {
            severity: Severity::Error,
            location,
            message: message.into(),
            help: None,
        }
    }

    /// A warning at `location`.
    pub fn warning(location: Location, message: impl Into<String>) -> Self {
        Diagnostic {
            severity: Severity::Warning,
            ..Diagnostic::error(location, message)
        }
    }

    /// Adds a hint on how to fix the problem.
    pub fn with_help(mut self, help: impl Into<String>) -> Self {
        self.help = Some(help.into());
        self
    }

    /// Renders the diagnostic with the offending source line when `source` is given.
    pub fn render(&self, source: Option<&str>) -> String {
        let label = match self.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
        };
        let mut out = format!("{label}: {}\n  --> {}\n", self.message, self.location);
        if let (Some(src), Some(line)) = (source, self.location.line) {
            if let Some(text) = src.lines().nth(line.saturating_sub(1)) {
                let num = line.to_string();
                let pad = " ".repeat(num.len());
                let (text, col) = excerpt(text, self.location.column);
                out.push_str(&format!("{pad} |\n{num} | {text}\n"));
                if let Some(col) = col {
                    // Full-width characters take two terminal cells.
                    let lead: String = text
                        .chars()
                        .take(col.saturating_sub(1))
                        .map(|c| match c {
                            '\t' => "\t",
                            c if crate::markdown::cjk::is_cjk(c) => "  ",
                            _ => " ",
                        })
                        .collect();
                    out.push_str(&format!("{pad} | {lead}^\n"));
                }
            }
        }
        if let Some(help) = &self.help {
            out.push_str(&format!("  = help: {help}\n"));
        }
        out
    }
}

/// Characters of a source line shown around the column: a line of 100,000 characters printed
/// whole buried the message.
const EXCERPT: usize = 100;

/// At most [`EXCERPT`] characters of `text` around the 1-based `column` (the start without a
/// column), with `...` where the line goes on, and the column within what is shown.
fn excerpt(text: &str, column: Option<usize>) -> (String, Option<usize>) {
    let len = text.chars().count();
    if len <= EXCERPT {
        return (text.to_string(), column);
    }
    let at = column.unwrap_or(1).saturating_sub(1).min(len);
    let start = at.saturating_sub(EXCERPT / 2).min(len - EXCERPT);
    let mut shown: String = text.chars().skip(start).take(EXCERPT).collect();
    let lead = if start > 0 { "..." } else { "" };
    if start + EXCERPT < len {
        shown.push_str("...");
    }
    let col = column.map(|_| at - start + lead.len() + 1);
    (format!("{lead}{shown}"), col)
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.render(None).trim_end())
    }
}

/// Everything that can stop a build.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// One or more problems in the author's input.
    #[error("{}", render_all(.0))]
    Content(Vec<Diagnostic>),
    /// A template failed to parse or render; the text is Tera's report with template:line:col.
    #[error("{0}")]
    Template(String),
    /// Reading or writing a file failed.
    #[error("could not {action} {}: {source}", .path.display())]
    Io {
        /// What we were doing ("read", "write", "create folder" ...).
        action: &'static str,
        /// The path involved.
        path: PathBuf,
        /// The underlying error.
        source: std::io::Error,
    },
}

fn render_all(diags: &[Diagnostic]) -> String {
    let n = diags.len();
    let mut out: String = diags.iter().map(|d| d.render(None)).collect();
    if n > 1 {
        out.push_str(&format!("{n} problems found"));
    }
    out.trim_end().to_string()
}

impl Error {
    /// An I/O error on `path`.
    pub fn io(action: &'static str, path: &Path, source: std::io::Error) -> Self {
        Error::Io {
            action,
            path: path.to_path_buf(),
            source,
        }
    }

    /// The diagnostics carried, if this is a content error.
    pub fn diagnostics(&self) -> &[Diagnostic] {
        match self {
            Error::Content(d) => d,
            _ => &[],
        }
    }
}

impl From<Diagnostic> for Error {
    fn from(d: Diagnostic) -> Self {
        Error::Content(vec![d])
    }
}

impl From<Vec<Diagnostic>> for Error {
    fn from(d: Vec<Diagnostic>) -> Self {
        Error::Content(d)
    }
}

/// Result with the crate's error.
pub type Result<T, E = Error> = std::result::Result<T, E>;

/// Collects diagnostics while a stage runs so that all problems are reported at once.
#[derive(Debug, Default)]
pub struct Diagnostics(Vec<Diagnostic>, Option<Error>);

impl From<Vec<Diagnostic>> for Diagnostics {
    fn from(v: Vec<Diagnostic>) -> Self {
        Diagnostics(v, None)
    }
}

impl Diagnostics {
    /// Records one problem.
    pub fn push(&mut self, d: Diagnostic) {
        self.0.push(d);
    }

    /// Records every problem of a failed result and returns its value otherwise.
    pub fn take<T>(&mut self, r: Result<T>) -> Option<T> {
        match r {
            Ok(v) => Some(v),
            Err(Error::Content(ds)) => {
                self.0.extend(ds);
                None
            }
            Err(other) => {
                self.1.get_or_insert(other);
                None
            }
        }
    }

    /// Adds everything `other` recorded after what this one holds (the first fatal error wins).
    pub fn merge(&mut self, other: Diagnostics) {
        self.0.extend(other.0);
        if self.1.is_none() {
            self.1 = other.1;
        }
    }

    /// A copy of what was recorded, unless a non-content error (which cannot be copied) was.
    pub fn copied(&self) -> Option<Vec<Diagnostic>> {
        self.1.is_none().then(|| self.0.clone())
    }

    /// Whether any error (not warning) was recorded.
    pub fn has_errors(&self) -> bool {
        self.1.is_some() || self.0.iter().any(|d| d.severity == Severity::Error)
    }

    /// Fails with all recorded diagnostics if any is an error; warnings are returned otherwise.
    pub fn finish(mut self) -> Result<Vec<Diagnostic>> {
        if let Some(fatal) = self.1 {
            return Err(fatal);
        }
        self.0.sort();
        self.0.dedup();
        if self.has_errors() {
            Err(Error::Content(self.0))
        } else {
            Ok(self.0)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_long_line_is_shown_around_the_column() {
        let line = format!("{}{{{{ bad }}}}{}", "字".repeat(5_000), "x".repeat(5_000));
        let d = Diagnostic::error(Location::at(Path::new("a.md"), 1, Some(5_001)), "bad");
        let out = d.render(Some(&line));
        assert!(out.len() < 1_000, "{} bytes", out.len());
        let shown = out.lines().nth(3).unwrap_or_default();
        let caret = out.lines().nth(4).unwrap_or_default();
        assert!(
            shown.starts_with("1 | ...字") && shown.ends_with("x..."),
            "{shown}"
        );
        // The caret stands under the `{{`: 50 Chinese characters (two cells each) and the dots.
        assert_eq!(caret, format!("  | {}^", " ".repeat(3 + 100)));
        // Short lines and lines without a column are shown as before.
        assert_eq!(excerpt("short", Some(2)), ("short".to_string(), Some(2)));
        assert!(excerpt(&"y".repeat(300), None).0.starts_with("yyy"));
    }

    #[test]
    fn renders_location_snippet_and_help() {
        let d = Diagnostic::error(Location::at("content/a.yaml", 2, Some(3)), "bad value")
            .with_help("write a number");
        let out = d.render(Some("x: 1\ny: zz\n"));
        assert!(out.contains("error: bad value"));
        assert!(out.contains("--> content/a.yaml:2:3"));
        assert!(out.contains("2 | y: zz"));
        assert!(out.contains("  ^"));
        assert!(out.contains("help: write a number"));
    }

    #[test]
    fn caret_accounts_for_full_width_characters() {
        let d = Diagnostic::error(Location::at("a.yaml", 1, Some(5)), "x");
        assert!(d
            .render(Some("中文: ["))
            .contains("1 | 中文: [\n  |       ^"));
    }

    #[test]
    fn diagnostics_fail_only_on_errors() {
        let mut ds = Diagnostics::default();
        ds.push(Diagnostic::warning(Location::file("a"), "w"));
        assert_eq!(ds.finish().unwrap().len(), 1);
        let mut ds = Diagnostics::default();
        ds.push(Diagnostic::error(Location::file("a"), "e"));
        assert!(ds.finish().is_err());
    }
}
