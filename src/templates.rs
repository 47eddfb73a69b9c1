//! Tera templates: the built-in theme's, with a site's `templates/` files in place of the
//! built-in ones of the same name; loading, filters, and rendering with errors that name the
//! template, line and column.

use crate::error::{Diagnostic, Error, Location, Result};
use serde::Serialize;
use std::collections::BTreeMap;
use std::path::Path;

/// The loaded templates.
pub struct Templates {
    tera: tera::Tera,
    /// The `{# args: … #}` line of each shortcode template that has one, by shortcode name.
    shortcode_args: BTreeMap<String, String>,
}

impl Templates {
    /// Loads the built-in templates, then every file under `ROOT/templates/` (named by its path
    /// relative to that folder), which takes the place of the built-in one of the same name.
    pub fn load(root: &Path) -> Result<Templates> {
        let mut sources: BTreeMap<String, String> = crate::theme::under("templates/")
            .map(|(name, bytes)| {
                (
                    name.to_string(),
                    String::from_utf8_lossy(bytes).into_owned(),
                )
            })
            .collect();
        let dir = root.join("templates");
        if dir.exists() {
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
                sources.insert(name, crate::fsx::read_text(root, &shown)?);
            }
        }
        let mut tera = tera::Tera::new();
        tera.autoescape_on([".html", ".xml", ".svg"]);
        tera.register_filter("date", tera_contrib::dates::date);
        tera.register_filter("slug", tera_contrib::slug::slug);
        tera.register_filter("urlencode", tera_contrib::urlencode::urlencode);
        tera.register_filter("css_string", |s: &str, _: tera::Kwargs, _: &tera::State| {
            crate::escape::css_string(s)
        });
        tera.add_raw_templates(sources.iter().map(|(n, s)| (n.as_str(), s.as_str())))
            .map_err(template_error)?;
        let shortcode_args = sources
            .iter()
            .filter_map(|(n, s)| {
                let name = n.strip_prefix("shortcodes/")?.strip_suffix(".html")?;
                let decl = s
                    .trim_start()
                    .strip_prefix("{#")?
                    .split_once("#}")?
                    .0
                    .trim();
                Some((
                    name.to_string(),
                    decl.strip_prefix("args:")?.trim().to_string(),
                ))
            })
            .collect();
        Ok(Templates {
            tera,
            shortcode_args,
        })
    }

    /// Names of the templates under `folder` (such as `shortcodes/`), relative to it, sorted.
    pub fn names_under(&self, folder: &str) -> Vec<String> {
        let mut names: Vec<String> = self
            .tera
            .get_template_names()
            .filter_map(|n| n.strip_prefix(folder).map(str::to_string))
            .collect();
        names.sort();
        names
    }

    /// The argument declaration of shortcode `name` (the text after `{# args:`), if its template
    /// starts with one.
    pub fn shortcode_args(&self, name: &str) -> Option<&str> {
        self.shortcode_args.get(name).map(String::as_str)
    }

    /// Renders template `name` with `context`.
    pub fn render(&self, name: &str, context: &impl Serialize) -> Result<String> {
        let ctx = tera::Context::from_serialize(context).map_err(template_error)?;
        self.tera.render(name, &ctx).map_err(template_error)
    }

    /// Renders template `name` into bytes with the fields of `context` and, over them, `preset`:
    /// values made once for many pages (see [`Prepared`]).
    pub fn render_with(
        &self,
        name: &str,
        context: &impl Serialize,
        preset: &[(&'static str, &Prepared)],
    ) -> Result<Vec<u8>> {
        let mut ctx = tera::Context::from_serialize(context).map_err(template_error)?;
        for (key, value) in preset {
            ctx.insert_value(*key, value.0.clone());
        }
        let mut out = Vec::with_capacity(64 * 1024);
        self.tera
            .render_to(name, &ctx, &mut out)
            .map_err(template_error)?;
        // The preview keeps every page: without this each would hold the whole 64 KB (a page
        // is ~30 KB), which was half of the preview's memory at 10,000 pages.
        out.shrink_to_fit();
        Ok(out)
    }
}

/// A value in the form templates read, made once and set into the context of many pages:
/// Tera's values are reference-counted, so each page then copies a pointer, not the text
/// (the interface strings and a report's landing data are the same on all its pages).
#[derive(Debug, Clone)]
pub struct Prepared(tera::Value);

impl Prepared {
    /// `value` in template form.
    pub fn new(value: &impl Serialize) -> Prepared {
        Prepared(tera::Value::from_serializable(value))
    }

    /// This value, a map (a serialized struct), with field `key` set to `value`; anything else
    /// is returned as it is.
    pub fn with(&self, key: &'static str, value: &impl Serialize) -> Prepared {
        let Some(map) = self.0.as_map() else {
            return self.clone();
        };
        let mut map = map.clone();
        map.insert(key.into(), tera::Value::from_serializable(value));
        Prepared(tera::Value::from(map))
    }
}

/// The templates' `date` filter on its own, applied as the built-in templates apply it
/// (`value | date(format=t.date_format, locale=lang.code)`): content checks run it on what the
/// templates will give it, so what it refuses is an error at the content, not in a template.
pub struct DateFilter(tera::Tera);

impl Default for DateFilter {
    fn default() -> Self {
        let mut tera = tera::Tera::new();
        tera.register_filter("date", tera_contrib::dates::date);
        tera.add_raw_template("date", "{{ value | date(format=format, locale=locale) }}")
            .expect("the one-line date template parses");
        DateFilter(tera)
    }
}

impl DateFilter {
    /// `value` formatted with the UTS 35 pattern `format` in `locale`, or the filter's reason.
    pub fn format(
        &self,
        value: &str,
        format: &str,
        locale: &str,
    ) -> std::result::Result<String, String> {
        let mut ctx = tera::Context::new();
        ctx.insert("value", value);
        ctx.insert("format", format);
        ctx.insert("locale", locale);
        self.0.render("date", &ctx).map_err(|e| innermost(&e))
    }
}

/// The first line of the last error of a cause chain: the filter's own words, without the
/// template location Tera adds (which names the one-line template, of no use to an author).
fn innermost(e: &(dyn std::error::Error + 'static)) -> String {
    let mut last = e;
    while let Some(s) = last.source() {
        last = s;
    }
    let text = last.to_string();
    let first = text.lines().next().unwrap_or_default();
    first.trim_start_matches("error: ").to_string()
}

/// Turns a Tera error and its whole cause chain into one message.
fn template_error(e: tera::Error) -> Error {
    // Tera names templates relative to templates/; point authors at the real file.
    let mut msg = e.to_string().replace("--> ", "--> templates/");
    if !msg.starts_with("error") {
        msg = format!("error: template: {msg}");
    }
    msg.push_str("\n  = help: fix the template named above (Tera 2 syntax); `yanbao init --eject` writes a copy of the built-in templates to compare with");
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
        for (name, body) in templates {
            let p = dir.path().join("templates").join(name);
            std::fs::create_dir_all(p.parent().unwrap()).unwrap();
            std::fs::write(p, body).unwrap();
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
    fn the_built_in_theme_serves_a_site_without_templates() {
        let dir = tempfile::tempdir().unwrap();
        let t = Templates::load(dir.path()).unwrap();
        let names: Vec<&str> = t.tera.get_template_names().collect();
        assert!(names.contains(&"chapter.html") && names.contains(&"partials/head.html"));
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
