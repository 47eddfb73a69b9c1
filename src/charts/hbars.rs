//! Horizontal bar charts: one row per category, grouped series, bands; dots on a log axis.

use super::bands;
use super::draw::Drawing;
use super::frame::{self, Axis, AxisError, LABEL, SMALL};
use super::scope;
use super::spec::{Qualifier, Spec};
use super::text;
use super::theme::Role;
use super::words::Words;
use plotters::style::text_anchor::{HPos, VPos};

const PAD: f64 = 10.0;

/// Horizontal bars, one row per category (several series are grouped within the row); dots on
/// a log axis.
pub fn horizontal(spec: &Spec, t: &Words, lang: &str, w: f64) -> Result<Drawing, AxisError> {
    let axis = Axis::for_spec(spec, false)?;
    let places = spec.label_places();
    // Narrow canvases put each category label above its bars, so the plot keeps the full width.
    let above = w < 500.0;
    let label_w = if above {
        w - 2.0 * PAD
    } else {
        (w * 0.34).min(
            spec.categories
                .iter()
                .map(|c| text::width(c.text(lang), LABEL))
                .fold(0.0, f64::max)
                + 4.0,
        )
    };
    let left = if above {
        PAD + 12.0
    } else {
        PAD + label_w + 10.0
    };
    let unit = spec.unit_text(lang);
    // Room for value labels right of the bars, but never more than a third of the canvas: a
    // longer label is left out (the table has it) rather than squeezing the plot to nothing.
    let value_w = spec
        .series
        .iter()
        .flat_map(|s| s.present())
        .map(|p| {
            text::width(
                &text::point_label(p, lang, places.of(p.value), &unit),
                SMALL,
            )
        })
        .fold(0.0, f64::max)
        .min(w / 3.0);
    let right = (w - PAD - value_w - 8.0).max(left + 40.0);
    let mut d = Drawing::new(w, 0.0);
    let mut y = PAD;
    let entries = frame::legend_entries(spec, t, lang, axis.log);
    y += frame::legend(&mut d, &entries, PAD, y, w - PAD);
    let k = spec.series.len().max(1) as f64;
    let bar_h = 18.0;
    let top = y + 4.0;
    let mut row_top = top;
    let mut rows = Vec::new();
    let runs = scope::runs(spec);
    let mut panels: Vec<(f64, f64, Vec<String>)> = Vec::new();
    for (ci, c) in spec.categories.iter().enumerate() {
        // A word wider than the label column is broken, so no name runs into the plot.
        let lines = text::wrap_within(c.text(lang), LABEL, label_w);
        let text_h = lines.len() as f64 * LABEL * frame::LINE;
        let h = if above {
            text_h + bar_h * k + 16.0
        } else {
            text_h.max(bar_h * k) + 14.0
        };
        // A run of rows of another scope is one panel, with the scope written above its first row.
        let run = runs.iter().position(|r| r.0 <= ci && ci < r.1);
        if let Some(ri) = run.filter(|&ri| runs[ri].0 == ci) {
            let lines = scope::lines(runs[ri].2, lang, w - 2.0 * PAD);
            let scope_h = scope::text_height(lines.len());
            panels.push((row_top + 2.0, row_top, lines));
            row_top += scope_h;
        }
        rows.push((row_top, h, lines));
        row_top += h;
        if run.is_some_and(|ri| runs[ri].1 == ci + 1) {
            if let Some(p) = panels.last_mut() {
                p.1 = row_top - 2.0;
            }
        }
    }
    // Vertical rules stop short of the scope lines, and of names written above their bars, so
    // no rule runs through text.
    let mut gaps: Vec<(f64, f64)> = panels
        .iter()
        .map(|(y0, _, l)| (*y0, y0 + scope::text_height(l.len())))
        .collect();
    if above {
        gaps.extend(rows.iter().map(|(rt, _, lines)| {
            (
                rt + 2.0,
                rt + 6.0 + lines.len() as f64 * LABEL * frame::LINE,
            )
        }));
        gaps.sort_by(|a, b| a.0.total_cmp(&b.0));
    }
    for (y0, y1, lines) in &panels {
        scope::panel(
            &mut d,
            (PAD / 2.0, *y0, w - PAD / 2.0, *y1),
            lines,
            HPos::Left,
        );
    }
    let bottom = row_top;
    let mut last_right = f64::MIN;
    for tick in axis.ticks() {
        let tx = axis.map(tick, left, right);
        rule(&mut d, tx, (top, bottom), &gaps, Role::Grid);
        let label = frame::tick_label(tick, &axis);
        // Tick labels side by side are thinned: one that would touch the previous is left out
        // (its grid line stays).
        if let Some(r) = frame::under(&mut d, &label, (tx, bottom + 6.0), Role::Muted, last_right) {
            last_right = r;
        }
    }
    let mut band_labels = Vec::new();
    for b in &spec.bands {
        let ((x0, x1), widened) = bands::span(
            axis.map(b.from, left, right),
            axis.map(b.to, left, right),
            (left, right),
        );
        d.rect(x0, top, x1, bottom, Role::Band);
        band_labels.push((bands::label(b, t, lang, widened), x0 + 4.0));
    }
    let band_rows = bands::horizontal_labels(&mut d, band_labels, bottom + 34.0, w - PAD);
    let base = axis.map(if axis.log { axis.min } else { 0.0 }, left, right);
    for (ci, (rt, h, lines)) in rows.iter().enumerate() {
        let text_h = lines.len() as f64 * LABEL * frame::LINE;
        let by = if above {
            frame::lines(&mut d, lines, PAD, rt + 4.0, LABEL, Role::Text, HPos::Left);
            rt + 8.0 + text_h
        } else {
            frame::lines(
                &mut d,
                lines,
                PAD + label_w,
                rt + (h - text_h) / 2.0,
                LABEL,
                Role::Text,
                HPos::Right,
            );
            rt + (h - bar_h * k) / 2.0
        };
        for (si, s) in spec.series.iter().enumerate() {
            let Some(p) = s.at(ci) else { continue };
            let y0 = by + bar_h * si as f64;
            let x1 = axis.map(p.value, left, right);
            let label = text::point_label(p, lang, places.of(p.value), &unit);
            let cy = y0 + bar_h / 2.0;
            if axis.log {
                let x_end = if p.qualifier == Qualifier::Magnitude {
                    let x10 = axis.map(p.value * 10.0, left, right);
                    d.status_bar(x1, cy - 6.0, x10, cy + 6.0, Role::Series(si), p.status);
                    x10
                } else {
                    d.status_dot(x1, cy, Role::Series(si), p.status);
                    if p.qualifier.is_bound() {
                        x1 + 6.0
                            + d.bound_arrow(x1 + 6.0, cy, (1.0, 0.0), p.qualifier.is_lower_bound())
                    } else {
                        x1
                    }
                };
                d.label(
                    label,
                    x_end + 10.0,
                    cy,
                    SMALL,
                    Role::Text,
                    HPos::Left,
                    VPos::Center,
                );
                continue;
            }
            d.status_bar(
                base,
                y0 + 1.0,
                x1,
                y0 + bar_h - 1.0,
                Role::Series(si),
                p.status,
            );
            let q = p.qualifier;
            let right_ward = p.value >= 0.0;
            let reach = if q.is_bound() {
                let along = if right_ward { (1.0, 0.0) } else { (-1.0, 0.0) };
                d.bound_arrow(x1, cy, along, q.is_lower_bound() == right_ward)
            } else {
                0.0
            };
            let (lx, h) = if right_ward {
                (x1.max(base) + 6.0 + reach, HPos::Left)
            } else {
                (x1.min(base) - 6.0 - reach, HPos::Right)
            };
            d.label(label, lx, cy, SMALL, Role::Text, h, VPos::Center);
        }
    }
    if !axis.log {
        rule(&mut d, base, (top, bottom), &gaps, Role::Muted);
    }
    let mut extra = bands::ROW * band_rows as f64;
    if let Some(a) = &spec.axis {
        d.text(
            a.text(lang),
            right,
            bottom + 34.0 + extra,
            SMALL,
            Role::Muted,
            HPos::Right,
            VPos::Center,
        );
        extra += 20.0;
    }
    d.height = bottom + 30.0 + extra + PAD;
    Ok(d)
}

/// A vertical rule at `x` from `top` to `bottom`, interrupted by `gaps` (sorted, within it).
fn rule(d: &mut Drawing, x: f64, (top, bottom): (f64, f64), gaps: &[(f64, f64)], role: Role) {
    let mut y = top;
    for &(g0, g1) in gaps {
        if g0 > y {
            d.line(vec![(x, y), (x, g0)], role, 1);
        }
        y = y.max(g1);
    }
    if bottom > y {
        d.line(vec![(x, y), (x, bottom)], role, 1);
    }
}
