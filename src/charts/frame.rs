//! Parts every data chart shares: the legend, the value grid and its tick labels, wrapped lines.

pub use super::axis::{Axis, AxisError};
use super::draw::Drawing;
use super::spec::{decimals_of, Qualifier, Spec, Status, MAX_DECIMALS};
use super::text;
use super::theme::Role;
use super::words::Words;
use plotters::style::text_anchor::{HPos, VPos};

/// Font size of labels (px in the viewBox).
pub const LABEL: f64 = 13.0;
/// Font size of secondary labels.
pub const SMALL: f64 = 12.0;
/// Line height as a multiple of the font size; CJK fonts' boxes are ~1.4 em tall.
pub const LINE: f64 = 1.5;

/// A legend entry: a swatch styled like the marks it names.
pub struct Entry {
    /// Text.
    pub label: String,
    /// Colour.
    pub role: Role,
    /// Styling.
    pub status: Status,
    /// The marks are dots (log axes), not bars.
    pub dot: bool,
    /// The marks are approximate parts (cross-hatched), whatever the status.
    pub approx: bool,
}

/// Legend entries for a spec: series names when there are several (derived ones marked), and
/// every status other than "actual" that appears. With one series the status swatches take its
/// colour, so each swatch looks like the marks it names.
pub fn legend_entries(spec: &Spec, t: &Words, lang: &str, dot: bool) -> Vec<Entry> {
    let mut out = Vec::new();
    if spec.series.len() > 1 {
        for (i, s) in spec.series.iter().enumerate() {
            let name = s.name.text(lang);
            let label = if s.derived.is_some() {
                t.fill("chart_derived", &[("name", name)])
            } else {
                name.to_string()
            };
            out.push(Entry {
                label,
                role: Role::Series(i),
                status: Status::Actual,
                dot,
                approx: false,
            });
        }
    }
    let mut statuses: Vec<Status> = spec
        .series
        .iter()
        .flat_map(|s| s.present().map(|p| p.status))
        .collect();
    statuses.sort();
    statuses.dedup();
    let role = if spec.series.len() == 1 {
        Role::Series(0)
    } else {
        Role::Track
    };
    if statuses.len() > 1 || statuses.first().is_some_and(|s| *s != Status::Actual) {
        // With several series their own swatches already show the "actual" style.
        if spec.series.len() > 1 {
            statuses.retain(|s| *s != Status::Actual);
        }
        for st in statuses {
            out.push(Entry {
                label: t.status(st).to_string(),
                role,
                status: st,
                dot,
                approx: false,
            });
        }
    }
    // The ranges' swatch is a bar styled like the first range drawn.
    let magnitude = spec
        .series
        .iter()
        .flat_map(|s| s.present())
        .find(|p| p.qualifier == Qualifier::Magnitude);
    if let Some(p) = magnitude {
        out.push(Entry {
            label: t.get("chart_magnitude").to_string(),
            role,
            status: p.status,
            dot: false,
            approx: false,
        });
    }
    out
}

/// Draws a wrapping legend from `y` across the width; returns the height used.
pub fn legend(d: &mut Drawing, entries: &[Entry], x0: f64, y: f64, max_x: f64) -> f64 {
    if entries.is_empty() {
        return 0.0;
    }
    // Entries flow in rows; a label longer than the width wraps under itself.
    let (mut x, mut row, mut row_h) = (x0, 0.0, 22.0);
    for e in entries {
        let lines = text::wrap(&e.label, SMALL, (max_x - x0 - 22.0).max(SMALL));
        let text_w = lines
            .iter()
            .map(|l| text::width(l, SMALL))
            .fold(0.0, f64::max);
        let w = 16.0 + 6.0 + text_w + 16.0;
        if x + w > max_x && x > x0 {
            x = x0;
            row += row_h;
            row_h = 22.0;
        }
        let top = y + row;
        if e.dot {
            d.status_dot(x + 8.0, top + 8.0, e.role, e.status);
        } else if e.approx {
            d.approx_bar(x, top + 2.0, x + 16.0, top + 14.0, e.role);
        } else {
            d.status_bar(x, top + 2.0, x + 16.0, top + 14.0, e.role, e.status);
        }
        for (i, l) in lines.iter().enumerate() {
            d.text(
                l,
                x + 22.0,
                top + 8.0 + 18.0 * i as f64,
                SMALL,
                Role::Text,
                HPos::Left,
                VPos::Center,
            );
        }
        row_h = f64::max(row_h, 18.0 * lines.len() as f64 + 4.0);
        x += w;
    }
    row + row_h + 4.0
}

/// A tick value as shown on the axis: every tick of an axis with the decimals its finest tick
/// needs (0.5 steps show one decimal; a log axis shows 0.001 as such), independent of the data.
pub fn tick_label(v: f64, axis: &Axis) -> String {
    let places = axis
        .ticks()
        .iter()
        .map(|t| decimals_of(*t))
        .max()
        .unwrap_or(0)
        .min(MAX_DECIMALS);
    text::number(v, places)
}

/// Width of the widest tick label, for the left margin.
pub fn value_labels_width(axis: &Axis) -> f64 {
    axis.ticks()
        .iter()
        .map(|t| text::width(&tick_label(*t, axis), SMALL))
        .fold(0.0, f64::max)
}

/// Horizontal grid lines with their values at the left edge of the plot.
pub fn value_grid(
    d: &mut Drawing,
    axis: &Axis,
    (left, right): (f64, f64),
    (top, bottom): (f64, f64),
) {
    for t in axis.ticks() {
        let ty = axis.map(t, bottom, top);
        d.line(vec![(left, ty), (right, ty)], Role::Grid, 1);
        d.text(
            tick_label(t, axis),
            left - 6.0,
            ty,
            SMALL,
            Role::Muted,
            HPos::Right,
            VPos::Center,
        );
    }
}

/// Draws the legend and the axis title from the top of a chart; returns where the plot may start.
#[allow(clippy::too_many_arguments)]
pub fn header(
    d: &mut Drawing,
    spec: &Spec,
    t: &Words,
    lang: &str,
    left: f64,
    right: f64,
    pad: f64,
    dot: bool,
) -> f64 {
    let mut y = pad + legend(d, &legend_entries(spec, t, lang, dot), left, pad, right);
    if let Some(a) = &spec.axis {
        d.text(
            a.text(lang),
            pad,
            y + 6.0,
            SMALL,
            Role::Muted,
            HPos::Left,
            VPos::Center,
        );
        y += 20.0;
    }
    y
}

/// Draws wrapped lines centred or anchored at x, starting at `top`; returns the height used.
#[allow(clippy::too_many_arguments)]
pub fn lines(
    d: &mut Drawing,
    lines: &[String],
    x: f64,
    top: f64,
    size: f64,
    role: Role,
    h: HPos,
) -> f64 {
    let lh = size * LINE;
    for (i, l) in lines.iter().enumerate() {
        d.text(
            l.clone(),
            x,
            top + lh * i as f64 + lh / 2.0,
            size,
            role,
            h,
            VPos::Center,
        );
    }
    lh * lines.len() as f64
}
