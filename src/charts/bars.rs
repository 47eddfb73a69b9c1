//! Bar charts: vertical (grouped or stacked) and horizontal, on linear or log axes, with bands.

use super::draw::Drawing;
use super::frame::{self, Axis, LABEL, SMALL};
use super::spec::Spec;
use super::text;
use super::theme::Role;
use plotters::style::text_anchor::{HPos, VPos};

const PAD: f64 = 10.0;

fn unit(spec: &Spec, lang: &str) -> String {
    spec.unit
        .as_ref()
        .map(|u| u.text(lang).to_string())
        .unwrap_or_default()
}

/// Vertical bars; `stacked` piles the series up instead of grouping them.
pub fn vertical(spec: &Spec, lang: &str, w: f64, stacked: bool) -> Drawing {
    let axis = Axis::for_spec(spec, stacked);
    let left = PAD + frame::value_labels_width(&axis, spec.decimals) + 8.0;
    let right = w - PAD;
    let n = spec.categories.len().max(1) as f64;
    let slot = (right - left) / n;
    let cat_lines: Vec<Vec<String>> = spec
        .categories
        .iter()
        .map(|c| text::wrap(c.text(lang), LABEL, slot - 8.0))
        .collect();
    let note_lines: Vec<Vec<String>> = (0..spec.categories.len())
        .map(|i| {
            spec.series
                .iter()
                .filter_map(|s| s.at(i)?.note.as_ref())
                .flat_map(|n| text::wrap(n.text(lang), SMALL, slot - 8.0))
                .collect()
        })
        .collect();
    let cat_h = cat_lines.iter().map(|l| l.len()).max().unwrap_or(1) as f64 * LABEL * frame::LINE;
    let note_h = note_lines.iter().map(|l| l.len()).max().unwrap_or(0) as f64 * SMALL * frame::LINE;
    let plot_h = if w < 500.0 { 200.0 } else { 240.0 };
    let mut d = Drawing::new(w, 0.0);
    let y = frame::header(&mut d, spec, lang, left, right, PAD);
    let label_room = 2.0 * SMALL * frame::LINE + 6.0;
    let (top, bottom) = (y + label_room, y + label_room + plot_h);
    for b in &spec.bands {
        let (y0, y1) = (axis.map(b.to, bottom, top), axis.map(b.from, bottom, top));
        d.rect(left, y0, right, y1, Role::Band);
        d.text(
            b.label.text(lang),
            right - 4.0,
            y0 + 4.0,
            SMALL,
            Role::Text,
            HPos::Right,
            VPos::Top,
        );
    }
    frame::value_grid(&mut d, &axis, (left, right), (top, bottom), spec.decimals);
    let base = axis.map(if axis.log { axis.min } else { 0.0 }, bottom, top);
    let k = spec.series.len().max(1) as f64;
    let unit = unit(spec, lang);
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
            d.status_bar(
                bx + 1.0,
                y0,
                bx + bar_w - 1.0,
                y1,
                Role::Series(si),
                p.status,
            );
            if !stacked {
                let label = text::wrap(
                    &text::point_label(p, lang, spec.decimals, &unit),
                    SMALL,
                    slot / shown - 4.0,
                );
                let lh = SMALL * frame::LINE;
                frame::lines(
                    &mut d,
                    &label,
                    bx + bar_w / 2.0,
                    y0.min(y1) - 4.0 - lh * label.len() as f64,
                    SMALL,
                    Role::Text,
                    HPos::Center,
                );
            } else if (y1 - y0).abs() > SMALL + 4.0 {
                d.text(
                    text::point_label(p, lang, spec.decimals, &unit),
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
    d.line(vec![(left, base), (right, base)], Role::Muted, 1);
    d.height = bottom + 6.0 + cat_h + note_h + PAD + 4.0;
    d
}

/// Horizontal bars, one row per category (several series are grouped within the row).
pub fn horizontal(spec: &Spec, lang: &str, w: f64) -> Drawing {
    let axis = Axis::for_spec(spec, false);
    let label_w = (w * 0.34).min(
        spec.categories
            .iter()
            .map(|c| text::width(c.text(lang), LABEL))
            .fold(0.0, f64::max)
            + 4.0,
    );
    let left = PAD + label_w + 10.0;
    let unit = unit(spec, lang);
    let value_w = spec
        .series
        .iter()
        .flat_map(|s| s.present())
        .map(|p| text::width(&text::point_label(p, lang, spec.decimals, &unit), SMALL))
        .fold(0.0, f64::max);
    let right = w - PAD - value_w - 8.0;
    let mut d = Drawing::new(w, 0.0);
    let mut y = PAD;
    y += frame::legend(&mut d, &frame::legend_entries(spec, lang), PAD, y, w - PAD);
    let k = spec.series.len().max(1) as f64;
    let bar_h = 18.0;
    let top = y + 4.0;
    let mut row_top = top;
    let mut rows = Vec::new();
    for c in &spec.categories {
        let lines = text::wrap(c.text(lang), LABEL, label_w);
        let h = (lines.len() as f64 * LABEL * frame::LINE).max(bar_h * k) + 14.0;
        rows.push((row_top, h, lines));
        row_top += h;
    }
    let bottom = row_top;
    for t in axis.ticks() {
        let tx = axis.map(t, left, right);
        d.line(vec![(tx, top), (tx, bottom)], Role::Grid, 1);
        d.text(
            frame::tick_label(t, &axis, spec.decimals),
            tx,
            bottom + 6.0,
            SMALL,
            Role::Muted,
            HPos::Center,
            VPos::Top,
        );
    }
    for b in &spec.bands {
        let (x0, x1) = (axis.map(b.from, left, right), axis.map(b.to, left, right));
        d.rect(x0, top, x1, bottom, Role::Band);
        d.text(
            b.label.text(lang),
            x0 + 4.0,
            bottom + 34.0,
            SMALL,
            Role::Text,
            HPos::Left,
            VPos::Center,
        );
    }
    let base = axis.map(if axis.log { axis.min } else { 0.0 }, left, right);
    for (ci, (rt, h, lines)) in rows.iter().enumerate() {
        let text_h = lines.len() as f64 * LABEL * frame::LINE;
        frame::lines(
            &mut d,
            lines,
            PAD + label_w,
            rt + (h - text_h) / 2.0,
            LABEL,
            Role::Text,
            HPos::Right,
        );
        let by = rt + (h - bar_h * k) / 2.0;
        for (si, s) in spec.series.iter().enumerate() {
            let Some(p) = s.at(ci) else { continue };
            let y0 = by + bar_h * si as f64;
            let x1 = axis.map(p.value, left, right);
            d.status_bar(
                base,
                y0 + 1.0,
                x1,
                y0 + bar_h - 1.0,
                Role::Series(si),
                p.status,
            );
            d.text(
                text::point_label(p, lang, spec.decimals, &unit),
                x1.max(base) + 6.0,
                y0 + bar_h / 2.0,
                SMALL,
                Role::Text,
                HPos::Left,
                VPos::Center,
            );
        }
    }
    d.line(vec![(base, top), (base, bottom)], Role::Muted, 1);
    let mut extra = if spec.bands.is_empty() { 0.0 } else { 20.0 };
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
    d
}
