//! Charts: specs declared in YAML (`content/reports/<r>/charts/<id>.yaml`), rendered at build time
//! through plotters' SVG backend into scalable, accessible, theme-aware SVG, plus a data table,
//! a CSV file and a text alternative.
//!
//! The rest of yanbao uses only [`load`], [`ChartSpec::title`], [`render`] and [`Figure`].
//! Layout is computed here (plotters cannot measure CJK text); [`draw`] replays it onto plotters.

mod axis;
mod bands;
mod bars;
mod bounds;
mod collide;
mod compact;
mod diagrams;
mod draw;
mod frame;
mod hbars;
mod marks;
pub mod raster;
mod schema;
mod scope;
mod series;
mod shares;
pub mod spec;
mod table;
mod text;
mod theme;
mod validate;
mod whole;
mod words;
pub(crate) mod work;

pub use text::{width as text_width, wrap as wrap_text};
pub use validate::valid_id;
pub use words::Words;

use crate::error::{Diagnostic, Location};
use serde::Serialize;
use spec::{Kind, Spec};
use std::path::{Path, PathBuf};

/// Canvas widths. The page shows the widest layout that fits the figure's own width (a container
/// query in static/charts.css), so an SVG is never scaled down and 12-unit text stays at least
/// 12 CSS px from a 280 px figure (a 320 px phone) up.
const WIDE: f64 = 640.0;
/// For figures 440–639 px wide.
const MID: f64 = 440.0;
/// For figures under 440 px wide.
const NARROW: f64 = 280.0;

/// A chart as declared by the author.
#[derive(Debug, Clone)]
pub struct ChartSpec {
    /// Identifier (the file stem), used by embeds.
    pub id: String,
    /// The YAML file, relative to the site root.
    pub file: PathBuf,
    spec: Spec,
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
    /// Markup for the page: the wide, middle and narrow SVG, each shown at its own figure widths.
    pub svg: String,
    /// HTML markup for structured graphics drawn without SVG; shown instead of `svg` when set.
    pub html: Option<String>,
    /// Stand-alone SVG file: title, caption, unit, notes and source drawn in, resolved colours.
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
        self.spec.title.text(lang)
    }

    /// The chart's kind.
    pub fn kind(&self) -> Kind {
        self.spec.kind
    }
}

/// Parses and validates one chart file.
pub fn load(
    id: &str,
    file: &Path,
    source: &str,
    langs: &[String],
) -> Result<ChartSpec, Vec<Diagnostic>> {
    load_among(id, file, source, langs, langs)
}

/// Like [`load`] for a chart of a report published in `required`, some of the site's `langs`.
pub fn load_among(
    id: &str,
    file: &Path,
    source: &str,
    langs: &[String],
    required: &[String],
) -> Result<ChartSpec, Vec<Diagnostic>> {
    if !valid_id(id) {
        return Err(vec![validate::id_problem(id, file)]);
    }
    let spec: Spec = schema::parse(source, file).map_err(|d| vec![d])?;
    let mut problems = crate::yamlx::check_translations_among(source, file, 0, langs, required);
    let texts = crate::yamlx::check_texts(source, file, langs, spec.texts(), &problems);
    problems.extend(texts);
    problems.extend(validate::validate(&spec, file, source));
    if !problems.is_empty() {
        return Err(problems);
    }
    Ok(ChartSpec {
        id: id.to_string(),
        file: file.to_path_buf(),
        spec,
    })
}

fn layout(spec: &Spec, t: &Words, lang: &str, w: f64) -> Result<draw::Drawing, String> {
    let axis_error = |e: frame::AxisError| e.message;
    Ok(match spec.kind {
        Kind::Bar => bars::vertical(spec, t, lang, w, false).map_err(axis_error)?,
        Kind::Stacked => bars::vertical(spec, t, lang, w, true).map_err(axis_error)?,
        Kind::Hbar => hbars::horizontal(spec, t, lang, w).map_err(axis_error)?,
        Kind::Bounds => bounds::bounds(spec, t, lang, w),
        Kind::Stacked100 => shares::stacked100(spec, t, lang, w),
        Kind::Timeline => diagrams::timeline(spec, t, lang, w),
        Kind::Groups => diagrams::groups(spec, lang, w),
        Kind::Shifts => diagrams::shifts(spec, lang, w),
        Kind::Line => series::line(spec, t, lang, w).map_err(axis_error)?,
        Kind::Pie | Kind::Donut => series::pie(spec, lang, w),
    })
}

fn svg(
    chart: &ChartSpec,
    t: &Words,
    lang: &str,
    w: f64,
    suffix: &str,
    alt: &str,
    standalone: bool,
) -> Result<String, Diagnostic> {
    // Validation should have refused whatever cannot be drawn; if not, say where to look.
    let located = |e: String| {
        Diagnostic::error(Location::file(&chart.file), e)
            .with_help("the chart passed validation but cannot be drawn: check its values and bounds, and report this as a yanbao bug")
    };
    let mut drawing = layout(&chart.spec, t, lang, w).map_err(located)?;
    drawing.drop_colliding_labels(t.get("chart_values_in_table"));
    if standalone {
        whole::frame_for_download(&mut drawing, &chart.spec, t, lang);
    }
    let raw = draw::render(&drawing).map_err(located)?;
    Ok(theme::finish(
        &raw,
        &format!("{}-{suffix}", chart.id),
        chart.title(lang),
        alt,
        standalone,
    ))
}

/// Renders a chart for one language, with the chart words `t` of that language.
pub fn render(chart: &ChartSpec, lang: &str, t: &Words) -> Result<Figure, Diagnostic> {
    let s = &chart.spec;
    let alt = table::alt(s, t, lang);
    let wide = svg(chart, t, lang, WIDE, "w", &alt, false)?;
    let mid = svg(chart, t, lang, MID, "m", &alt, false)?;
    let narrow = svg(chart, t, lang, NARROW, "n", &alt, false)?;
    Ok(Figure {
        kind: s.kind.name().to_string(),
        title: chart.title(lang).to_string(),
        caption: s.caption.as_ref().map(|c| c.text(lang).to_string()),
        source: s.source.text(lang).to_string(),
        notes: s.notes.iter().map(|n| n.text(lang).to_string()).collect(),
        svg: format!(
            "<div class=\"chart-sizes\"><div class=\"chart-wide\">{wide}</div><div class=\"chart-mid\">{mid}</div><div class=\"chart-narrow\">{narrow}</div></div>"
        ),
        html: None,
        svg_file: format!(
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n{}\n",
            svg(chart, t, lang, WIDE, "f", &alt, true)?
        ),
        csv: table::csv(s, t, lang),
        table: table::table(s, t, lang),
        alt,
    })
}

#[cfg(test)]
mod tests;
#[cfg(test)]
mod tests_bands;
#[cfg(test)]
mod tests_data;
#[cfg(test)]
mod tests_encodings;
#[cfg(test)]
mod tests_layout;
#[cfg(test)]
mod tests_props;
#[cfg(test)]
mod tests_rules;
