//! Images beside a chapter: checked against the report's co-located files, written as `<img>`
//! with their pixel size (so the page does not shift while they load), and, when an image is a
//! paragraph of its own, made a numbered figure that `{{ ref(id=…) }}` can point at.

use super::paths::{colocated, Paths};
use crate::content::files::is_image;
use crate::content::Report;
use crate::error::{Diagnostic, Location};
use crate::escape::html as esc;
use crate::markdown::Embed;
use serde::Serialize;
use std::path::Path;

/// An image shown as a figure.
#[derive(Debug, Clone)]
pub struct ImageFigure {
    /// Figure id (without the `figure-` of its element id).
    pub id: String,
}

/// The figure id of a co-located image: its path without the extension, with characters an id
/// cannot hold (`/`, spaces) turned into `-`. `img/fig 1.png` → `img-fig-1`.
pub fn figure_id(key: &str) -> String {
    let stem = key.rsplit_once('.').map_or(key, |(s, _)| s);
    stem.chars()
        .map(|c| {
            if c.is_alphanumeric() || c == '-' || c == '_' {
                c
            } else {
                '-'
            }
        })
        .collect()
}

/// Figure ids of every image of `report`, which headings must not take.
pub fn ids(report: &Report) -> impl Iterator<Item = String> + '_ {
    report
        .files
        .keys()
        .filter(|k| is_image(k))
        .map(|k| figure_id(k))
}

/// Checks an image embed; a figure when it is a paragraph of its own.
pub fn check(report: &Report, file: &Path, e: &Embed) -> Result<Option<ImageFigure>, Diagnostic> {
    let at = Location::at(file, e.line, Some(e.column));
    let src = e.str_arg("src").unwrap_or_default();
    let key = colocated(report, src).map_err(|m| {
        Diagnostic::error(at.clone(), format!("image `{src}`: {m}"))
            .with_help("put the image in the report's chapters/ folder (or a folder inside it) and write its path relative to the chapter, e.g. ![图 1](fig-1.png)")
    })?;
    if !is_image(&key) {
        return Err(Diagnostic::error(at, format!("`{src}` is not an image"))
            .with_help(format!("images are .png, .jpg, .gif, .webp, .avif or .svg files; link to other files with [text]({src})")));
    }
    Ok(e.block.then(|| ImageFigure {
        id: figure_id(&key),
    }))
}

/// The figure id of an image embed (empty if its file is unknown, which was reported).
pub fn figure_id_of(report: &Report, e: &Embed) -> String {
    colocated(report, e.str_arg("src").unwrap_or_default())
        .map(|k| figure_id(&k))
        .unwrap_or_default()
}

/// The `<img>` element of an image embed (already checked).
pub fn img_tag(paths: &Paths, report: &Report, e: &Embed) -> String {
    let src = e.str_arg("src").unwrap_or_default();
    let Ok(key) = colocated(report, src) else {
        return String::new();
    };
    let href = paths.href(&paths.attachment(&report.slug, &key));
    let mut tag = format!(
        "<img src=\"{}\" alt=\"{}\"",
        esc(&href),
        esc(e.str_arg("alt").unwrap_or_default())
    );
    if let Some(t) = e.str_arg("title") {
        tag.push_str(&format!(" title=\"{}\"", esc(t)));
    }
    if let Some((w, h)) = report.files.get(&key).and_then(|f| f.size) {
        tag.push_str(&format!(" width=\"{w}\" height=\"{h}\""));
    }
    tag.push_str(" loading=\"lazy\" decoding=\"async\">");
    tag
}

/// The context of the image figure partial (`partials/image-figure.html`).
#[derive(Debug, Clone, Serialize)]
pub struct ImageFigureContext {
    /// Element id (`figure-<id>`).
    pub id: String,
    /// "图 2" / "Figure 2".
    pub label: String,
    /// The `<img>` element (HTML).
    pub img: String,
    /// The caption: the image's title, else its alt text.
    pub caption: String,
}

/// The caption of an image figure.
pub fn caption(e: &Embed) -> String {
    e.str_arg("title")
        .filter(|t| !t.is_empty())
        .or(e.str_arg("alt"))
        .unwrap_or_default()
        .to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn figure_ids_are_valid_html_ids() {
        assert_eq!(figure_id("fig-1.png"), "fig-1");
        assert_eq!(figure_id("img/fig 1.png"), "img-fig-1");
        assert_eq!(figure_id("图表.v2.jpg"), "图表-v2");
    }
}
