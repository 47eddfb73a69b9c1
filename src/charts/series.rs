//! Line charts for time series, and pies/donuts for true wholes.

use super::draw::{Drawing, Shape};
use super::frame::{self, Axis, AxisError, LABEL, SMALL};
use super::scope;
use super::spec::{Kind, Spec, Status};
use super::text;
use super::theme::Role;
use super::words::Words;
use plotters::style::text_anchor::{HPos, VPos};

const PAD: f64 = 10.0;

/// Lines over the categories; segments leading to estimates or forecasts are thin, actual ones
/// bold; a gap (`~`) breaks the line.
pub fn line(spec: &Spec, t: &Words, lang: &str, w: f64) -> Result<Drawing, AxisError> {
    let axis = Axis::for_spec(spec, false)?;
    let places = spec.label_places();
    let unit = spec.unit_text(lang);
    let left = PAD + frame::value_labels_width(&axis) + 8.0;
    // Room on the right for the label at each line's end, at most a third of the canvas.
    let end_labels = spec
        .series
        .iter()
        .filter_map(|s| s.points.last()?.as_ref())
        .map(|p| {
            text::width(
                &text::point_label(p, lang, places.of(p.value), &unit),
                SMALL,
            )
        })
        .fold(0.0, f64::max);
    let right = w - PAD - (end_labels + 12.0).max(24.0).min(w / 3.0);
    let mut d = Drawing::new(w, 0.0);
    let y = frame::header(&mut d, spec, t, lang, left, w - PAD, PAD, true);
    let n = spec.categories.len().max(1);
    let step = (right - left) / (n.max(2) - 1) as f64;
    // Categories of another scope are panels one step wide, with the scope written above the plot.
    let panels: Vec<((f64, f64), Vec<String>)> = scope::runs(spec)
        .into_iter()
        .map(|(first, end, sc)| {
            let (a, b) = (left + step * first as f64, left + step * (end - 1) as f64);
            let span = (
                (a - step / 2.0).max(left - 4.0),
                (b + step / 2.0).min(right + 4.0),
            );
            (span, scope::lines(sc, lang, span.1 - span.0))
        })
        .collect();
    let scope_h = panels
        .iter()
        .map(|(_, l)| scope::text_height(l.len()))
        .fold(0.0, f64::max);
    let top = y + 10.0 + scope_h;
    let bottom = top + if w < 500.0 { 190.0 } else { 230.0 };
    for ((x0, x1), lines) in &panels {
        scope::panel(
            &mut d,
            (*x0, top - scope_h, *x1, bottom),
            lines,
            HPos::Center,
        );
    }
    frame::value_grid(&mut d, &axis, (left, right), (top, bottom));
    // Labels are thinned to every k-th by the widest, then each is kept inside the canvas
    // (moved inward at an edge) and left out if it would still touch its neighbour; a name
    // wider than half the plot is shortened (the table has it whole).
    let longest = (right - left).max(w / 2.0) / 2.0;
    let names: Vec<String> = spec
        .categories
        .iter()
        .map(|c| text::shorten(c.text(lang), SMALL, longest))
        .collect();
    let widest = names
        .iter()
        .map(|c| text::width(c, SMALL))
        .fold(0.0, f64::max);
    let every = ((widest + 10.0) / step).ceil().clamp(1.0, n as f64) as usize;
    let mut last_right = f64::MIN;
    for (i, name) in names.iter().enumerate().filter(|(i, _)| i % every == 0) {
        let at = (left + step * i as f64, bottom + 12.0);
        if let Some(r) = frame::under(&mut d, name, at, Role::Text, last_right) {
            last_right = r;
        }
    }
    for (si, s) in spec.series.iter().enumerate() {
        let pts: Vec<(usize, f64, f64, Status)> = s
            .points
            .iter()
            .enumerate()
            .filter_map(|(i, p)| {
                Some((
                    i,
                    left + step * i as f64,
                    axis.map(p.as_ref()?.value, bottom, top),
                    p.as_ref()?.status,
                ))
            })
            .collect();
        // Only neighbours are joined: a gap in the data is a gap in the line.
        for pair in pts.windows(2).filter(|p| p[1].0 == p[0].0 + 1) {
            let pair = [
                (pair[0].1, pair[0].2, pair[0].3),
                (pair[1].1, pair[1].2, pair[1].3),
            ];
            let width = if pair[1].2 == Status::Actual { 3 } else { 1 };
            d.line(
                vec![(pair[0].0, pair[0].1), (pair[1].0, pair[1].1)],
                Role::Series(si),
                width,
            );
        }
        // Points are styled by status like the legend's swatches (filled, ringed, …).
        for (_, x, y, st) in &pts {
            d.status_dot(*x, *y, Role::Series(si), *st);
        }
        if let (Some(&(_, x, y, _)), Some(p)) = (pts.last(), s.at(s.points.len().saturating_sub(1)))
        {
            d.label(
                text::point_label(p, lang, places.of(p.value), &unit),
                x + 8.0,
                y,
                SMALL,
                Role::Text,
                HPos::Left,
                VPos::Center,
            );
        }
    }
    d.line(vec![(left, bottom), (right, bottom)], Role::Muted, 1);
    d.height = bottom + 30.0 + PAD;
    Ok(d)
}

/// Wedges of one series that adds up to 100, with a labelled key beside (or below) the circle.
pub fn pie(spec: &Spec, lang: &str, w: f64) -> Drawing {
    let narrow = w < 500.0;
    let r = if narrow {
        (w - 2.0 * PAD) / 2.0 * 0.7
    } else {
        110.0
    };
    let (cx, cy) = (
        if narrow { w / 2.0 } else { PAD + r + 10.0 },
        PAD + r + 10.0,
    );
    let hole = if spec.kind == Kind::Donut {
        r * 0.55
    } else {
        0.0
    };
    let mut d = Drawing::new(w, 0.0);
    let Some(s) = spec.series.first() else {
        return d;
    };
    let unit = spec
        .unit
        .as_ref()
        .map(|u| u.text(lang).to_string())
        .unwrap_or_else(|| "%".into());
    let places = spec.places();
    let mut start = -90.0f64;
    let (kx, mut ky) = if narrow {
        (PAD, cy + r + 20.0)
    } else {
        (cx + r + 30.0, PAD + 20.0)
    };
    for (i, p) in s.present().enumerate() {
        // Pies are validated to have every part present.
        let sweep = 360.0 * p.value / 100.0;
        let arc = |radius: f64, a0: f64, a1: f64| -> Vec<(f64, f64)> {
            let steps = ((a1 - a0).abs() / 2.0).ceil().max(1.0) as usize;
            (0..=steps)
                .map(|k| {
                    let a = (a0 + (a1 - a0) * k as f64 / steps as f64).to_radians();
                    (cx + radius * a.cos(), cy + radius * a.sin())
                })
                .collect()
        };
        let mut poly = arc(r, start, start + sweep);
        if hole > 0.0 {
            poly.extend(arc(hole, start + sweep, start));
        } else {
            poly.push((cx, cy));
        }
        d.shapes.push(Shape::Polygon {
            points: poly,
            role: Role::Series(i),
        });
        start += sweep;
        let label = format!(
            "{} {}",
            spec.categories.get(i).map(|c| c.text(lang)).unwrap_or(""),
            text::point_label(p, lang, places, &unit)
        );
        d.rect(kx, ky - 7.0, kx + 14.0, ky + 7.0, Role::Series(i));
        for (li, l) in text::wrap(&label, LABEL, w - kx - 24.0 - PAD)
            .iter()
            .enumerate()
        {
            d.text(
                l.clone(),
                kx + 22.0,
                ky + li as f64 * LABEL * frame::LINE,
                LABEL,
                Role::Text,
                HPos::Left,
                VPos::Center,
            );
        }
        ky +=
            LABEL * frame::LINE * text::wrap(&label, LABEL, w - kx - 24.0 - PAD).len() as f64 + 8.0;
    }
    d.height = (cy + r + 10.0).max(ky) + PAD;
    d
}
