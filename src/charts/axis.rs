//! The value axis (linear or log): its range from the data and the declared bounds, refusing
//! bounds that cut data and ranges that cannot be drawn, and a counted set of ticks.

use super::spec::{Qualifier, Scale, Spec};

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

/// `v` as an author would write it: in exponent form when plain digits would run long.
fn shown(v: f64) -> String {
    if v != 0.0 && (v.abs() < 1e-6 || v.abs() >= 1e16) {
        format!("{v:e}")
    } else {
        v.to_string()
    }
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
            // Ticks between bounds closer than the labels' finest place would all read alike
            // (or need hundreds of digits: `max: 1e-300` gave labels longer than the chart).
            let finest = 10f64.powi(-(super::spec::MAX_DECIMALS as i32));
            if spec.scale != Scale::Log && b - a < finest {
                return Err(axis_error(
                    "max",
                    format!(
                        "`min: {}` to `max: {}` is a span below {finest}, finer than a label can show",
                        shown(a),
                        shown(b)
                    ),
                    "widen the bounds, remove them, or express the data in a smaller unit",
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
            let min = spec
                .min
                .unwrap_or_else(|| exact(1.0, lo.log10().floor() as i32));
            let max = spec
                .max
                .unwrap_or_else(|| exact(1.0, hi.max(min * 10.0).log10().ceil() as i32));
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
    /// steps on a linear one; never more than [`MAX_TICKS`]. Each tick is the double its decimal
    /// literal reads as (0.3, not 0.30000000000000004), so labels need no rounding.
    pub fn ticks(&self) -> Vec<f64> {
        if self.log {
            let (a, b) = (self.min.log10().ceil(), self.max.log10().floor());
            let decades = (b - a).max(0.0);
            let every = (decades / (MAX_TICKS - 1) as f64).ceil().max(1.0);
            let n = (decades / every).floor() as usize;
            return (0..=n.min(MAX_TICKS))
                .map(|k| exact(1.0, (a + every * k as f64) as i32))
                .collect();
        }
        let (step, places) = nice_step((self.max - self.min) / 5.0);
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
                    rounded(v, places)
                }
            })
            .collect()
    }

    /// Decimals every tick label of a linear axis shows: those of its step, so 0.5 steps read
    /// 0.0, 0.5, 1.0 alike. `None` on a log axis, where each power of ten has its own.
    pub fn tick_places(&self) -> Option<usize> {
        (!self.log).then(|| nice_step((self.max - self.min) / 5.0).1)
    }
}

/// `f × 10^e` as the double its decimal literal reads as (10^-3 is 0.001 exactly as written).
fn exact(f: f64, e: i32) -> f64 {
    format!("{f}e{e}")
        .parse()
        .unwrap_or_else(|_| f * 10f64.powi(e))
}

/// `v` rounded to `places` decimals through its decimal form, dropping float noise.
fn rounded(v: f64, places: usize) -> f64 {
    format!("{v:.places$}").parse().unwrap_or(v)
}

/// A round step near `raw` (1, 2, 2.5 or 5 times a power of ten) and the decimals it needs.
fn nice_step(raw: f64) -> (f64, usize) {
    if raw <= 0.0 || !raw.is_finite() {
        return (1.0, 0);
    }
    let e = raw.log10().floor() as i32;
    let n = raw / 10f64.powi(e);
    let (f, e) = if n <= 1.0 {
        (1.0, e)
    } else if n <= 2.0 {
        (2.0, e)
    } else if n <= 2.5 {
        (2.5, e)
    } else if n <= 5.0 {
        (5.0, e)
    } else {
        (1.0, e + 1)
    };
    let places = (i32::from(f == 2.5) - e).max(0) as usize;
    (exact(f, e), places)
}

fn nice_ceiling(v: f64) -> f64 {
    let (step, places) = nice_step(v / 5.0);
    rounded((v / step).ceil() * step, places)
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
