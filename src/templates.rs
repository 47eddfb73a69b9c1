//! Tera templates from `templates/`: loading, filters, and rendering with errors that name the
//! template, line and column.

use crate::error::{Diagnostic, Error, Location, Result};
use serde::Serialize;
use std::path::Path;

/// Templates every site needs; a missing one is reported by name.
pub const REQUIRED: &[&str] = &[
    "home.html",
    "landing.html",
    "chapter.html",
    "analysts.html",
    "related.html",
    "disclosures.html",
    "404.html",
    "search.html",
    "partials/figure.html",
];

/// The loaded templates.
pub struct Templates {
    tera: tera::Tera,
}

impl Templates {
    /// Loads every file under `ROOT/templates/`, named by its path relative to that folder.
    pub fn load(root: &Path) -> Result<Templates> {
        let dir = root.join("templates");
        let mut sources = Vec::new();
        for entry in walkdir::WalkDir::new(&dir).sort_by_file_name() {
            let entry = entry.map_err(|e| Error::io("read", &dir, e.into()))?;
            let rel = entry.path().strip_prefix(&dir).unwrap_or(entry.path());
            if entry.file_type().is_symlink() {
                return Err(Diagnostic::error(
                    Location::file(Path::new("templates").join(rel)),
                    "symbolic links are not followed in templates/",
                )
                .with_help("replace the link with the file itself")
                .into());
            }
            if !entry.file_type().is_file() {
                continue;
            }
            let name = rel.to_string_lossy().replace('\\', "/");
            let shown = Path::new("templates").join(rel);
            sources.push((name, crate::fsx::read_text(root, &shown)?));
        }
        let missing: Vec<Diagnostic> = REQUIRED
            .iter()
            .filter(|r| !sources.iter().any(|(n, _)| n == *r))
            .map(|r| {
                Diagnostic::error(
                    Location::file(Path::new("templates").join(r)),
                    "required template is missing",
                )
                .with_help("restore it from a new site made with `yanbao init`, or create it")
            })
            .collect();
        if !missing.is_empty() {
            return Err(missing.into());
        }
        let mut tera = tera::Tera::new();
        tera.autoescape_on([".html", ".xml", ".svg"]);
        tera.register_filter("date", tera_contrib::dates::date);
        tera.register_filter("slug", tera_contrib::slug::slug);
        tera.register_filter("urlencode", tera_contrib::urlencode::urlencode);
        tera.add_raw_templates(sources.iter().map(|(n, s)| (n.as_str(), s.as_str())))
            .map_err(template_error)?;
        Ok(Templates { tera })
    }

    /// Renders template `name` with `context`.
    pub fn render(&self, name: &str, context: &impl Serialize) -> Result<String> {
        let ctx = tera::Context::from_serialize(context).map_err(template_error)?;
        self.tera.render(name, &ctx).map_err(template_error)
    }
}

/// Turns a Tera error and its whole cause chain into one message.
fn template_error(e: tera::Error) -> Error {
    // Tera names templates relative to templates/; point authors at the real file.
    let mut msg = e.to_string().replace("--> ", "--> templates/");
    if !msg.starts_with("error") {
        msg = format!("error: template: {msg}");
    }
    msg.push_str("\n  = help: fix the template named above (Tera 2 syntax); `yanbao init` writes a copy of the default templates to compare with");
    let mut source = std::error::Error::source(&e);
    while let Some(s) = source {
        msg.push_str(&format!("\ncaused by: {s}"));
        source = s.source();
    }
    Error::Template(msg)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn site_with(templates: &[(&str, &str)]) -> tempfile::TempDir {
        let dir = tempfile::tempdir().unwrap();
        for name in REQUIRED {
            let p = dir.path().join("templates").join(name);
            std::fs::create_dir_all(p.parent().unwrap()).unwrap();
            std::fs::write(p, "ok").unwrap();
        }
        for (name, body) in templates {
            std::fs::write(dir.path().join("templates").join(name), body).unwrap();
        }
        dir
    }

    #[test]
    fn syntax_error_names_template_line_and_column() {
        let dir = site_with(&[("chapter.html", "<p>\n{{ title }\n</p>")]);
        let err = Templates::load(dir.path()).err().unwrap().to_string();
        assert!(err.contains("chapter.html:2:"), "{err}");
    }

    #[test]
    fn missing_template_is_named() {
        let dir = site_with(&[]);
        std::fs::remove_file(dir.path().join("templates/404.html")).unwrap();
        let err = Templates::load(dir.path()).err().unwrap().to_string();
        assert!(err.contains("templates/404.html"), "{err}");
    }

    #[test]
    fn html_is_escaped() {
        let dir = site_with(&[("home.html", "<p>{{ x }}</p>")]);
        let t = Templates::load(dir.path()).unwrap();
        let out = t
            .render("home.html", &serde_json_like("<script>&"))
            .unwrap();
        assert_eq!(out, "<p>&lt;script&gt;&amp;</p>");
    }

    fn serde_json_like(x: &str) -> std::collections::BTreeMap<&'static str, String> {
        [("x", x.to_string())].into_iter().collect()
    }
}
