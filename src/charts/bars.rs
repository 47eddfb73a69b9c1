//! Vertical bar charts (grouped or stacked), on linear or log axes, with bands and scope panels.

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

/// Vertical bars; `stacked` piles the series up instead of grouping them. On a log axis values
/// are dots: a bar's length from an arbitrary baseline would mean nothing.
pub fn vertical(
    spec: &Spec,
    t: &Words,
    lang: &str,
    w: f64,
    stacked: bool,
) -> Result<Drawing, AxisError> {
    let axis = Axis::for_spec(spec, stacked)?;
    let places = spec.label_places();
    let left = PAD + frame::value_labels_width(&axis) + 8.0;
    let right = w - PAD;
    let n = spec.categories.len().max(1) as f64;
    let slot = (right - left) / n;
    let mut cat_lines: Vec<Vec<String>> = spec
        .categories
        .iter()
        .map(|c| text::wrap(c.text(lang), LABEL, slot - 8.0))
        .collect();
    let notes: Vec<Vec<&str>> = (0..spec.categories.len())
        .map(|i| {
            spec.series
                .iter()
                .filter_map(|s| s.at(i)?.note.as_ref())
                .map(|n| n.text(lang))
                .collect()
        })
        .collect();
    let mut note_lines: Vec<Vec<String>> = notes
        .iter()
        .map(|ns| {
            ns.iter()
                .flat_map(|n| text::wrap(n, SMALL, slot - 8.0))
                .collect()
        })
        .collect();
    // Labels that do not fit their slot (a word wider than it) would collide: number the
    // categories instead and spell them out in a key under the chart.
    let fits = |lines: &Vec<Vec<String>>, size| {
        lines
            .iter()
            .flatten()
            .all(|l| text::width(l, size) <= slot - 4.0)
    };
    let mut key = Vec::new();
    if !fits(&cat_lines, LABEL) {
        for (i, c) in spec.categories.iter().enumerate() {
            let mut entry = format!("{}  {}", i + 1, c.text(lang));
            for n in &notes[i] {
                entry = t.fill("chart_with_note", &[("value", &entry), ("note", n)]);
            }
            key.extend(text::wrap(&entry, SMALL, w - 2.0 * PAD));
        }
        cat_lines = key_numbers(spec.categories.len(), slot);
        note_lines = vec![Vec::new(); spec.categories.len()];
    } else if !fits(&note_lines, SMALL) {
        // Only the notes are too wide: they move under the chart, named by their category.
        for (i, c) in spec.categories.iter().enumerate() {
            for n in &notes[i] {
                let entry = t.fill("chart_alt_item", &[("label", c.text(lang)), ("values", n)]);
                key.extend(text::wrap(&entry, SMALL, w - 2.0 * PAD));
            }
        }
        note_lines = vec![Vec::new(); spec.categories.len()];
    }
    let cat_h = cat_lines.iter().map(|l| l.len()).max().unwrap_or(1) as f64 * LABEL * frame::LINE;
    let note_h = note_lines.iter().map(|l| l.len()).max().unwrap_or(0) as f64 * SMALL * frame::LINE;
    let plot_h = if w < 500.0 { 200.0 } else { 240.0 };
    let mut d = Drawing::new(w, 0.0);
    let y = frame::header(&mut d, spec, t, lang, left, right, PAD, axis.log);
    let label_room = 2.0 * SMALL * frame::LINE + 6.0;
    let (top, bottom) = (y + label_room, y + label_room + plot_h);
    let mut band_labels = Vec::new();
    for b in &spec.bands {
        let (span, widened) = bands::span(
            axis.map(b.to, bottom, top),
            axis.map(b.from, bottom, top),
            (top, bottom),
        );
        d.rect(left, span.0, right, span.1, Role::Band);
        band_labels.push((bands::label(b, t, lang, widened), span));
    }
    scope_breaks(&mut d, spec, lang, (left, slot), (top, bottom));
    frame::value_grid(&mut d, &axis, (left, right), (top, bottom));
    let base = axis.map(if axis.log { axis.min } else { 0.0 }, bottom, top);
    let k = spec.series.len().max(1) as f64;
    let unit = spec.unit_text(lang);
    for (ci, lines) in cat_lines.iter().enumerate() {
        let x0 = left + slot * ci as f64;
        let present: Vec<usize> = (0..spec.series.len())
            .filter(|&si| spec.series[si].at(ci).is_some())
            .collect();
        let bar_w = if stacked {
            (slot * 0.7).min(90.0)
        } else {
            (slot * 0.7 / k).min(90.0)
        };
        // Gaps do not leave holes: the bars a category has are centred in its slot.
        let shown = if stacked {
            1.0
        } else {
            present.len().max(1) as f64
        };
        let gx = x0 + (slot - bar_w * shown) / 2.0;
        let mut acc = 0.0;
        for (pos, &si) in present.iter().enumerate() {
            let Some(p) = spec.series[si].at(ci) else {
                continue;
            };
            let (bx, from, to) = if stacked {
                (gx, acc, acc + p.value)
            } else {
                (
                    gx + bar_w * pos as f64,
                    if axis.log { axis.min } else { 0.0 },
                    p.value,
                )
            };
            acc += p.value;
            let (y0, y1) = (
                axis.map(to, bottom, top),
                if stacked {
                    axis.map(from, bottom, top)
                } else {
                    base
                },
            );
            let label = text::point_label(p, lang, places.of(p.value), &unit);
            if axis.log {
                let cx = bx + bar_w / 2.0;
                // An order of magnitude is the decade it names, drawn as that range.
                let y_top = if p.qualifier == Qualifier::Magnitude {
                    let y10 = axis.map(p.value * 10.0, bottom, top);
                    d.status_bar(cx - 6.0, y10, cx + 6.0, y0, Role::Series(si), p.status);
                    y10
                } else {
                    d.status_dot(cx, y0, Role::Series(si), p.status);
                    if p.qualifier.is_bound() {
                        y0 - 6.0
                            - d.bound_arrow(cx, y0 - 6.0, (0.0, -1.0), p.qualifier.is_lower_bound())
                    } else {
                        y0
                    }
                };
                d.label(
                    label,
                    cx,
                    y_top - 10.0,
                    SMALL,
                    Role::Text,
                    HPos::Center,
                    VPos::Bottom,
                );
                continue;
            }
            // Every bar gets the same whole number of pixels: edges rounded one by one made
            // bars of one chart 1–3 px wide.
            let (x0, x1) = snapped(bx + 1.0, bar_w - 2.0);
            d.status_bar(x0, y0, x1, y1, Role::Series(si), p.status);
            if !stacked {
                let q = p.qualifier;
                let up = p.value >= 0.0;
                let reach = if q.is_bound() {
                    let end = if up { y0.min(y1) } else { y0.max(y1) };
                    let along = if up { (0.0, -1.0) } else { (0.0, 1.0) };
                    d.bound_arrow(bx + bar_w / 2.0, end, along, q.is_lower_bound() == up)
                } else {
                    0.0
                };
                // Above a positive bar, below a negative one (past a bound's arrow).
                let (ly, v) = if up {
                    (y0.min(y1) - 4.0 - reach, VPos::Bottom)
                } else {
                    (y0.max(y1) + 4.0 + reach, VPos::Top)
                };
                d.label(
                    label,
                    bx + bar_w / 2.0,
                    ly,
                    SMALL,
                    Role::Text,
                    HPos::Center,
                    v,
                );
            } else if (y1 - y0).abs() > SMALL + 4.0 {
                d.label(
                    label,
                    bx + bar_w / 2.0,
                    (y0 + y1) / 2.0,
                    SMALL,
                    Role::Text,
                    HPos::Center,
                    VPos::Center,
                );
            }
        }
        let cx = x0 + slot / 2.0;
        frame::lines(
            &mut d,
            lines,
            cx,
            bottom + 6.0,
            LABEL,
            Role::Text,
            HPos::Center,
        );
        frame::lines(
            &mut d,
            &note_lines[ci],
            cx,
            bottom + 6.0 + cat_h + 2.0,
            SMALL,
            Role::Muted,
            HPos::Center,
        );
    }
    if !axis.log {
        d.line(vec![(left, base), (right, base)], Role::Muted, 1);
    }
    for (label, span) in band_labels {
        bands::vertical_label(&mut d, label, span, (left, right), top);
    }
    let key_top = bottom + 6.0 + cat_h + note_h + 6.0;
    let key_h = frame::lines(&mut d, &key, PAD, key_top, SMALL, Role::Text, HPos::Left);
    d.height = key_top + key_h + PAD - 2.0;
    Ok(d)
}

/// A bar from `x` `width` wide, snapped to whole pixels with the width rounded once (at least
/// one pixel), so equal bars are drawn equal.
fn snapped(x: f64, width: f64) -> (f64, f64) {
    let x0 = x.round();
    (x0, x0 + width.round().max(1.0))
}

/// The numbers under the bars when the names are in the key: every one when they fit their
/// slots, else every 2nd, 5th, 10th … (2, 4, 6 or 5, 10, 15), so no two numbers touch.
fn key_numbers(n: usize, slot: f64) -> Vec<Vec<String>> {
    let widest = text::width(&n.to_string(), LABEL) + 6.0;
    let need = (widest / slot).ceil().max(1.0) as usize;
    let every = [1, 2, 5]
        .iter()
        .flat_map(|m| (0..12).map(move |e| m * 10usize.pow(e)))
        .filter(|&e| e >= need)
        .min()
        .unwrap_or(n);
    (1..=n)
        .map(|i| {
            if every == 1 || i % every == 0 {
                vec![i.to_string()]
            } else {
                Vec::new()
            }
        })
        .collect()
}

/// A category of another scope (`scope:`) is set apart, so it is not read as comparable
/// with its neighbours.
fn scope_breaks(
    d: &mut Drawing,
    spec: &Spec,
    lang: &str,
    (left, slot): (f64, f64),
    (top, bottom): (f64, f64),
) {
    for (first, end, sc) in scope::runs(spec) {
        let (x0, x1) = (
            left + slot * first as f64 + 2.0,
            left + slot * end as f64 - 2.0,
        );
        let y0 = top - 2.0 * SMALL * frame::LINE;
        let lines = scope::lines(sc, lang, x1 - x0);
        scope::panel(d, (x0, y0, x1, bottom), &lines, HPos::Center);
    }
}
