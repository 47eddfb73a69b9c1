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

/// A tick value as shown on the axis. A linear axis writes every tick with the decimals of its
/// step (0.5 steps read 0.0, 0.5, 1.0); a log axis writes each power of ten as it is (10, not
/// 10.000 beside a 0.001), and one below 10^-6 as 10⁻⁷ rather than a row of zeros.
pub fn tick_label(v: f64, axis: &Axis) -> String {
    match axis.tick_places() {
        Some(places) => text::number(v, places),
        None => log_label(v),
    }
}

/// Superscript digits 0–9.
const SUPERSCRIPTS: [char; 10] = ['⁰', '¹', '²', '³', '⁴', '⁵', '⁶', '⁷', '⁸', '⁹'];

/// A log-axis tick: its shortest exact decimal form, or a power of ten in superscript when that
/// form would need more than [`MAX_DECIMALS`] places.
fn log_label(v: f64) -> String {
    let places = decimals_of(v);
    if places <= MAX_DECIMALS || v <= 0.0 {
        return text::number(v, places);
    }
    let e = v.log10().round() as i32;
    if format!("1e{e}").parse::<f64>().ok() != Some(v) {
        return text::number(v, places);
    }
    let sup: String = e
        .to_string()
        .chars()
        .map(|c| match c.to_digit(10) {
            Some(d) => SUPERSCRIPTS.get(d as usize).copied().unwrap_or(c),
            None => '⁻',
        })
        .collect();
    format!("10{sup}")
}

/// Where a label `width` wide under the point `x` starts: centred on it, or moved inward (never
/// past the point, so it still reads as that point's) when centring would cut it at an edge of
/// a `w` canvas; `None` when it cannot fit at all (a cut "-1,000,000" reads ",000,000").
pub fn edge_left(x: f64, width: f64, w: f64) -> Option<f64> {
    let mut x0 = x - width / 2.0;
    if x0 < 2.0 {
        x0 = x.min(2.0);
    }
    if x0 + width > w - 2.0 {
        x0 = (w - 2.0 - width).max(x - width);
    }
    (x0 >= 0.0 && x0 + width <= w).then_some(x0)
}

/// Draws `label` under the point `x` from `y` down as [`edge_left`] places it, anchored on the
/// point when centred, unless it would come within 8 px of `after` (the previous label's right
/// edge); returns its own right edge when drawn.
pub fn under(
    d: &mut Drawing,
    label: &str,
    (x, y): (f64, f64),
    role: Role,
    after: f64,
) -> Option<f64> {
    let width = text::width(label, SMALL);
    let x0 = edge_left(x, width, d.width)?;
    // Side by side, a label that would touch the previous one is left out.
    if x0 < after + 8.0 {
        return None;
    }
    let (ax, h) = if (x0 + width / 2.0 - x).abs() < 0.01 {
        (x, HPos::Center)
    } else {
        (x0, HPos::Left)
    };
    d.text(label, ax, y, SMALL, role, h, VPos::Top);
    Some(x0 + width)
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

#[cfg(test)]
mod tests {
    use super::*;

    fn labels(min: f64, max: f64, log: bool) -> Vec<String> {
        let axis = Axis { min, max, log };
        axis.ticks().iter().map(|t| tick_label(*t, &axis)).collect()
    }

    /// The number a label writes, read back (separators dropped, 10⁻ⁿ expanded).
    fn value_of(label: &str) -> f64 {
        if let Some(exp) = label.strip_prefix("10").filter(|e| e.starts_with('⁻')) {
            let digits: String = exp
                .chars()
                .filter_map(|c| SUPERSCRIPTS.iter().position(|s| *s == c))
                .map(|d| char::from(b'0' + d as u8))
                .collect();
            return format!("1e-{digits}").parse().unwrap();
        }
        label.replace(',', "").parse().unwrap()
    }

    #[test]
    fn log_ticks_read_like_the_numbers_they_are() {
        assert_eq!(
            labels(0.001, 1e6, true),
            [
                "0.001",
                "0.01",
                "0.1",
                "1",
                "10",
                "100",
                "1,000",
                "10,000",
                "100,000",
                "1,000,000"
            ]
        );
        // Twelve decades and more: every other power, still exact.
        assert_eq!(
            labels(1e-3, 1e9, true),
            [
                "0.001",
                "0.1",
                "10",
                "1,000",
                "100,000",
                "10,000,000",
                "1,000,000,000"
            ]
        );
        // Beyond six decimals a power of ten is written as such, not as a row of zeros.
        assert_eq!(
            labels(1e-9, 1e-4, true),
            ["10⁻⁹", "10⁻⁸", "10⁻⁷", "0.000001", "0.00001", "0.0001"]
        );
    }

    #[test]
    fn linear_ticks_share_the_decimals_of_their_step() {
        // 0.1 × 3 is 0.30000000000000004: it must not print as 0.300000.
        assert_eq!(
            labels(0.0, 0.5, false),
            ["0.0", "0.1", "0.2", "0.3", "0.4", "0.5"]
        );
        assert_eq!(
            labels(0.0, 12.5, false),
            ["0.0", "2.5", "5.0", "7.5", "10.0", "12.5"]
        );
        assert_eq!(
            labels(0.0, 125.0, false),
            ["0", "25", "50", "75", "100", "125"]
        );
        assert_eq!(labels(-20.0, 40.0, false), ["-20", "0", "20", "40"]);
        assert_eq!(
            labels(0.0, 1.5e9, false),
            ["0", "500,000,000", "1,000,000,000", "1,500,000,000"]
        );
        assert_eq!(
            labels(0.0, 0.0025, false),
            ["0.0000", "0.0005", "0.0010", "0.0015", "0.0020", "0.0025"]
        );
    }

    #[test]
    fn no_tick_label_rounds_its_value_or_pads_a_power_of_ten() {
        let mut seen = 0;
        for e in -3..=9 {
            for (lo_e, log) in [(e - 3, true), (e, false)] {
                let hi = 10f64.powi(e);
                let lo = if log { 10f64.powi(lo_e) } else { 0.0 };
                for max in [hi, hi * 1.5, hi * 2.5, hi * 7.0] {
                    let axis = Axis { min: lo, max, log };
                    for t in axis.ticks() {
                        let l = tick_label(t, &axis);
                        assert_eq!(value_of(&l), t, "{l} on {lo}–{max}");
                        if log {
                            assert!(
                                !(l.contains('.') && l.ends_with('0')),
                                "{l}: trailing zero on a log axis"
                            );
                        }
                        seen += 1;
                    }
                }
            }
        }
        assert!(seen > 200, "{seen}");
    }
}
