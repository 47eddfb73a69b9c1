//! Charts: specs declared in YAML (`content/reports/<r>/charts/<id>.yaml`), rendered at build time
//! into SVG, a data table and CSV.
//!
//! The rest of yanbao uses only [`load`], [`ChartSpec::title`], [`render`] and [`Figure`].

use crate::error::{Diagnostic, Location};
use crate::localized::Localized;
use serde::{Deserialize, Serialize};
use std::path::{Path, PathBuf};

/// A chart as declared by the author.
#[derive(Debug, Clone)]
pub struct ChartSpec {
    /// Identifier (the file stem), used by embeds.
    pub id: String,
    /// The YAML file, relative to the site root.
    pub file: PathBuf,
    raw: RawSpec,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawSpec {
    kind: String,
    title: Localized,
    #[serde(default)]
    caption: Option<Localized>,
    source: Localized,
    #[serde(default)]
    notes: Vec<Localized>,
    #[serde(default)]
    categories: Vec<Localized>,
    #[serde(default)]
    series: Vec<RawSeries>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawSeries {
    name: Localized,
    values: Vec<f64>,
}

/// A chart rendered for one language: everything the figure partial shows.
#[derive(Debug, Clone, Serialize)]
pub struct Figure {
    /// The chart kind (`bar`, `timeline` …), for a CSS class.
    pub kind: String,
    /// Chart title.
    pub title: String,
    /// Caption under the title (plain text), if any.
    pub caption: Option<String>,
    /// Text alternative describing what the chart shows.
    pub alt: String,
    /// Source line.
    pub source: String,
    /// Notes under the chart.
    pub notes: Vec<String>,
    /// SVG markup for inline use in the page.
    pub svg: String,
    /// HTML markup for structured graphics drawn without SVG; shown instead of `svg` when set.
    pub html: Option<String>,
    /// Stand-alone SVG file (own styles for light and dark mode).
    pub svg_file: String,
    /// CSV with the data (UTF-8 with BOM).
    pub csv: String,
    /// The data as a table.
    pub table: DataTable,
}

/// Tabular form of a chart's data.
#[derive(Debug, Clone, Serialize)]
pub struct DataTable {
    /// Column headers.
    pub headers: Vec<String>,
    /// Rows of cells, formatted with qualifiers.
    pub rows: Vec<Vec<String>>,
}

impl ChartSpec {
    /// Title in `lang`.
    pub fn title(&self, lang: &str) -> &str {
        self.raw.title.text(lang)
    }
}

/// Parses and validates one chart file.
pub fn load(
    id: &str,
    file: &Path,
    source: &str,
    langs: &[String],
) -> Result<ChartSpec, Vec<Diagnostic>> {
    let raw: RawSpec = crate::yamlx::parse(source, file, 0).map_err(|d| vec![d])?;
    let mut problems = crate::yamlx::check_translations(source, file, 0, langs);
    for s in &raw.series {
        if s.values.len() != raw.categories.len() {
            problems.push(Diagnostic::error(
                Location::file(file),
                "series and categories differ in length",
            ));
        }
    }
    if !problems.is_empty() {
        return Err(problems);
    }
    Ok(ChartSpec {
        id: id.to_string(),
        file: file.to_path_buf(),
        raw,
    })
}

/// Renders a chart for one language.
pub fn render(spec: &ChartSpec, lang: &str) -> Result<Figure, Diagnostic> {
    let r = &spec.raw;
    let title = r.title.text(lang).to_string();
    let mut headers = vec![String::new()];
    headers.extend(r.series.iter().map(|s| s.name.text(lang).to_string()));
    let rows: Vec<Vec<String>> = r
        .categories
        .iter()
        .enumerate()
        .map(|(i, c)| {
            let mut row = vec![c.text(lang).to_string()];
            row.extend(r.series.iter().map(|s| s.values[i].to_string()));
            row
        })
        .collect();
    let mut csv = String::from("\u{feff}");
    for row in std::iter::once(&headers).chain(rows.iter()) {
        csv.push_str(&row.join(","));
        csv.push_str("\r\n");
    }
    let esc = |s: &str| {
        s.replace('&', "&amp;")
            .replace('<', "&lt;")
            .replace('>', "&gt;")
    };
    let svg = format!(
        "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 640 80\" role=\"img\" aria-labelledby=\"{id}-t\"><title id=\"{id}-t\">{t}</title><text x=\"10\" y=\"40\" fill=\"currentColor\">{t}</text></svg>",
        id = spec.id,
        t = esc(&title)
    );
    Ok(Figure {
        caption: r.caption.as_ref().map(|c| c.text(lang).to_string()),
        alt: title.clone(),
        source: r.source.text(lang).to_string(),
        notes: r.notes.iter().map(|n| n.text(lang).to_string()).collect(),
        kind: r.kind.clone(),
        html: None,
        svg_file: svg.clone(),
        svg,
        csv,
        table: DataTable { headers, rows },
        title,
    })
}
