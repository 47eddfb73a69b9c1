//! Parts every data chart shares: the value axis (linear or log) with its ticks, and the legend.

use super::draw::Drawing;
use super::spec::{decimals_of, Qualifier, Scale, Spec, Status, MAX_DECIMALS};
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

/// Largest magnitude a chart labels: beyond it labels grow past the canvas, and sums or ranges
/// of such values can overflow; authors should pick a larger unit instead.
pub const MAX_MAGNITUDE: f64 = 1e15;
/// Most ticks an axis draws; tick generation is counted, never open-ended.
const MAX_TICKS: usize = 12;

/// A value axis mapping data values onto a pixel range.
#[derive(Debug, Clone, Copy)]
pub struct Axis {
    /// Smallest value shown.
    pub min: f64,
    /// Largest value shown.
    pub max: f64,
    /// Logarithmic?
    pub log: bool,
}

/// Why an axis cannot be drawn, and which YAML field to blame.
#[derive(Debug, Clone, PartialEq)]
pub struct AxisError {
    /// `max`, `min` or `series`.
    pub field: &'static str,
    /// What is wrong.
    pub message: String,
    /// How to fix it.
    pub help: &'static str,
}

fn axis_error(field: &'static str, message: String, help: &'static str) -> AxisError {
    AxisError {
        field,
        message,
        help,
    }
}

/// The values an axis must show: every point (or every stacked total) and every band end.
fn axis_values(spec: &Spec, stacked: bool) -> Vec<f64> {
    let mut values: Vec<f64> = if stacked {
        (0..spec.categories.len())
            .map(|i| {
                spec.series
                    .iter()
                    .filter_map(|s| s.at(i))
                    .map(|p| p.value)
                    .sum()
            })
            .collect()
    } else {
        // An order of magnitude spans up to ten times its value.
        spec.series
            .iter()
            .flat_map(|s| s.present())
            .flat_map(|p| match p.qualifier {
                Qualifier::Magnitude => vec![p.value, p.value * 10.0],
                _ => vec![p.value],
            })
            .collect()
    };
    values.extend(spec.bands.iter().flat_map(|b| [b.from, b.to]));
    values
}

impl Axis {
    /// An axis covering every value of the spec (and its bands), with some headroom; a declared
    /// `min`/`max` that would cut data, or a range that cannot be drawn, is an error.
    pub fn for_spec(spec: &Spec, stacked: bool) -> Result<Axis, AxisError> {
        let values = axis_values(spec, stacked);
        if let Some(v) = values
            .iter()
            .find(|v| !v.is_finite() || v.abs() > MAX_MAGNITUDE)
        {
            return Err(axis_error(
                "series",
                format!("{v} is too large to label (the limit is 1e15, totals included)"),
                "express the data in a larger unit (e.g. billions instead of units)",
            ));
        }
        let hi = values.iter().cloned().fold(f64::MIN, f64::max);
        let lo = values.iter().cloned().fold(f64::MAX, f64::min);
        for (field, v) in [("min", spec.min), ("max", spec.max)] {
            match v {
                Some(v) if !v.is_finite() || v.abs() > MAX_MAGNITUDE => {
                    return Err(axis_error(
                        field,
                        format!("`{field}: {v}` is not a drawable number"),
                        "write a finite number within ±1e15",
                    ))
                }
                Some(v) if spec.scale == Scale::Log && v <= 0.0 => {
                    return Err(axis_error(
                        field,
                        format!("`{field}: {v}` cannot be shown on a log scale"),
                        "a log axis needs bounds above zero",
                    ))
                }
                _ => {}
            }
        }
        if let (Some(a), Some(b)) = (spec.min, spec.max) {
            if b <= a {
                return Err(axis_error(
                    "max",
                    format!("`max: {b}` is not above `min: {a}`"),
                    "the axis needs `max` greater than `min`",
                ));
            }
        }
        if let Some(m) = spec.max.filter(|m| values.iter().any(|v| v > m)) {
            return Err(axis_error(
                "max",
                format!("`max: {m}` cuts the data, which goes up to {hi}"),
                "raise `max` or remove it: an axis that cuts data draws different values alike",
            ));
        }
        if let Some(m) = spec.min.filter(|m| values.iter().any(|v| v < m)) {
            return Err(axis_error(
                "min",
                format!("`min: {m}` cuts the data, which goes down to {lo}"),
                "lower `min` or remove it: an axis that cuts data draws different values alike",
            ));
        }
        let axis = if values.is_empty() {
            Axis {
                min: 0.0,
                max: 1.0,
                log: spec.scale == Scale::Log,
            }
        } else if spec.scale == Scale::Log {
            let min = spec.min.unwrap_or_else(|| 10f64.powf(lo.log10().floor()));
            let max = spec
                .max
                .unwrap_or_else(|| 10f64.powf(hi.max(min * 10.0).log10().ceil()));
            Axis {
                min,
                max,
                log: true,
            }
        } else {
            let min = spec
                .min
                .unwrap_or_else(|| -nice_ceiling((-lo).max(0.0) * 1.08));
            let max = spec.max.unwrap_or_else(|| {
                let m = nice_ceiling(hi.max(0.0) * 1.08);
                if m > min {
                    m
                } else {
                    min + 1.0
                }
            });
            Axis {
                min,
                max,
                log: false,
            }
        };
        let span = if axis.log {
            axis.max.log10() - axis.min.log10()
        } else {
            axis.max - axis.min
        };
        if !(span.is_finite() && span > 0.0 && axis.min.is_finite() && axis.max.is_finite()) {
            return Err(axis_error(
                "series",
                format!("the range {}–{} cannot be drawn", axis.min, axis.max),
                "check the values, `min` and `max`; use a larger unit for huge numbers",
            ));
        }
        Ok(axis)
    }

    /// Position of `v` between pixels `a` (min) and `b` (max).
    pub fn map(&self, v: f64, a: f64, b: f64) -> f64 {
        let t = if self.log {
            (v.max(self.min).log10() - self.min.log10()) / (self.max.log10() - self.min.log10())
        } else {
            (v - self.min) / (self.max - self.min)
        };
        let t = if t.is_finite() { t } else { 0.0 };
        a + (b - a) * t.clamp(0.0, 1.0)
    }

    /// Tick values: powers of ten on a log axis (every k-th when there are many), 4–6 round
    /// steps on a linear one; never more than [`MAX_TICKS`].
    pub fn ticks(&self) -> Vec<f64> {
        if self.log {
            let (a, b) = (self.min.log10().ceil(), self.max.log10().floor());
            let decades = (b - a).max(0.0);
            let every = (decades / (MAX_TICKS - 1) as f64).ceil().max(1.0);
            let n = (decades / every).floor() as usize;
            return (0..=n.min(MAX_TICKS))
                .map(|k| 10f64.powf(a + every * k as f64))
                .collect();
        }
        let step = nice_step((self.max - self.min) / 5.0);
        let first = (self.min / step).ceil();
        let n = ((self.max / step + 1e-6).floor() - first).max(0.0);
        if !n.is_finite() {
            return Vec::new();
        }
        (0..=(n as usize).min(MAX_TICKS))
            .map(|k| {
                let v = (first + k as f64) * step;
                if v.abs() < step * 1e-9 {
                    0.0
                } else {
                    v
                }
            })
            .collect()
    }
}

fn nice_step(raw: f64) -> f64 {
    if raw <= 0.0 || !raw.is_finite() {
        return 1.0;
    }
    let mag = 10f64.powf(raw.log10().floor());
    let n = raw / mag;
    let f = if n <= 1.0 {
        1.0
    } else if n <= 2.0 {
        2.0
    } else if n <= 2.5 {
        2.5
    } else if n <= 5.0 {
        5.0
    } else {
        10.0
    };
    f * mag
}

fn nice_ceiling(v: f64) -> f64 {
    let step = nice_step(v / 5.0);
    (v / step).ceil() * step
}

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
            });
        }
    }
    let magnitude = spec
        .series
        .iter()
        .flat_map(|s| s.present())
        .any(|p| p.qualifier == Qualifier::Magnitude);
    if magnitude {
        out.push(Entry {
            label: t.get("chart_magnitude").to_string(),
            role: Role::Track,
            status: Status::Actual,
            dot: false,
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn log_axis_spans_powers_of_ten() {
        let a = Axis {
            min: 10.0,
            max: 100_000.0,
            log: true,
        };
        assert_eq!(a.ticks(), vec![10.0, 100.0, 1000.0, 10_000.0, 100_000.0]);
        assert_eq!(a.map(1000.0, 0.0, 400.0), 200.0);
    }

    #[test]
    fn linear_ticks_are_round() {
        let a = Axis {
            min: 0.0,
            max: 100.0,
            log: false,
        };
        assert_eq!(a.ticks(), vec![0.0, 20.0, 40.0, 60.0, 80.0, 100.0]);
    }
}
