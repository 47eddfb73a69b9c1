//! Structured graphics drawn as SVG: a timeline of phases, items in named groups, and
//! from → to shifts.

use super::draw::{Drawing, Shape};
use super::frame::{self, LABEL, SMALL};
use super::spec::Spec;
use super::text;
use super::theme::Role;
use super::words::Words;
use plotters::style::text_anchor::{HPos, VPos};

const PAD: f64 = 10.0;

/// Years a phase lasts (inclusive); an open-ended one counts as long as the average closed one.
fn durations(spec: &Spec) -> Vec<f64> {
    let closed: Vec<f64> = spec
        .phases
        .iter()
        .filter_map(|p| Some((p.end? - p.start) as f64 + 1.0))
        .collect();
    let open = if closed.is_empty() {
        1.0
    } else {
        closed.iter().sum::<f64>() / closed.len() as f64
    };
    spec.phases
        .iter()
        .map(|p| p.end.map_or(open, |e| (e - p.start) as f64 + 1.0).max(1.0))
        .collect()
}

/// Phases as consecutive segments, as long as their durations in years; an open-ended phase runs
/// to the edge with an arrow.
pub fn timeline(spec: &Spec, t: &Words, lang: &str, w: f64) -> Drawing {
    let mut d = Drawing::new(w, 0.0);
    let (left, right) = (PAD, w - PAD - 14.0);
    let lengths = durations(spec);
    let total: f64 = lengths.iter().sum::<f64>().max(1.0);
    let starts: Vec<f64> = lengths
        .iter()
        .scan(0.0, |acc, l| {
            let s = *acc;
            *acc += l;
            Some(left + (right - left) * s / total)
        })
        .collect();
    let narrow = w < 500.0;
    let top = PAD + 4.0;
    let bar_h = 30.0;
    let mut max_lines = 0;
    for (i, p) in spec.phases.iter().enumerate() {
        let seg = (right - left) * lengths[i] / total;
        let x0 = starts[i];
        let x1 = x0 + seg - 3.0;
        let role = Role::Series(i);
        // Light fill with a coloured edge keeps the year labels readable in both themes.
        d.shapes.push(Shape::Rect {
            x0,
            y0: top,
            x1,
            y1: top + bar_h,
            role,
            fill: true,
            opacity: 0.22,
        });
        d.rect(x0, top + bar_h - 4.0, x1, top + bar_h, role);
        let years = match p.end {
            Some(e) if e != p.start => format!("{}–{}", p.start, e),
            Some(_) => p.start.to_string(),
            None => format!("{}+", p.start),
        };
        let phase = t.phase(i);
        d.bold(
            years,
            (x0 + x1) / 2.0,
            top + bar_h / 2.0,
            LABEL,
            Role::Text,
            HPos::Center,
            VPos::Center,
        );
        let mut lines = vec![phase];
        lines.extend(text::wrap(
            p.label.text(lang),
            if narrow { SMALL } else { LABEL },
            seg - 12.0,
        ));
        max_lines = max_lines.max(lines.len());
        frame::lines(
            &mut d,
            &lines,
            (x0 + x1) / 2.0,
            top + bar_h + 8.0,
            if narrow { SMALL } else { LABEL },
            Role::Text,
            HPos::Center,
        );
        if p.end.is_none() {
            let (ax, ay) = (x1, top + bar_h / 2.0);
            d.shapes.push(Shape::Polygon {
                points: vec![(ax, top - 4.0), (ax + 14.0, ay), (ax, top + bar_h + 4.0)],
                role,
            });
        }
    }
    d.height = top + bar_h + 8.0 + max_lines as f64 * LABEL * frame::LINE + PAD + 4.0;
    d
}

/// Groups side by side (stacked on narrow canvases), each a header and a column of item chips.
pub fn groups(spec: &Spec, lang: &str, w: f64) -> Drawing {
    let mut d = Drawing::new(w, 0.0);
    let n = spec.groups.len().max(1) as f64;
    let narrow = w < 500.0;
    let col_w = if narrow {
        w - 2.0 * PAD
    } else {
        (w - 2.0 * PAD - 12.0 * (n - 1.0)) / n
    };
    let mut bottom: f64 = 0.0;
    let mut y_next = PAD;
    for (gi, g) in spec.groups.iter().enumerate() {
        let (x0, y0) = if narrow {
            (PAD, y_next)
        } else {
            (PAD + (col_w + 12.0) * gi as f64, PAD)
        };
        let role = Role::Series(gi);
        let head = text::wrap(g.name.text(lang), LABEL, col_w - 16.0);
        let head_h = head.len() as f64 * LABEL * frame::LINE + 12.0;
        d.rect(x0, y0, x0 + col_w, y0 + 4.0, role);
        frame::lines(
            &mut d,
            &head,
            x0 + 8.0,
            y0 + 10.0,
            LABEL,
            Role::Text,
            HPos::Left,
        );
        let mut y = y0 + 4.0 + head_h;
        let chip_h = 30.0;
        let per_row = if narrow { 2 } else { 1 }.max(1);
        let chip_w = (col_w - 8.0 * (per_row as f64 - 1.0)) / per_row as f64;
        for (ii, item) in g.items.iter().enumerate() {
            let cx = x0 + (chip_w + 8.0) * (ii % per_row) as f64;
            let cy = y + (chip_h + 8.0) * (ii / per_row) as f64;
            d.tinted_box(cx, cy, cx + chip_w, cy + chip_h, role);
            d.text(
                item.text(lang),
                cx + chip_w / 2.0,
                cy + chip_h / 2.0,
                LABEL,
                Role::Text,
                HPos::Center,
                VPos::Center,
            );
        }
        let rows = g.items.len().div_ceil(per_row) as f64;
        y += rows * (chip_h + 8.0);
        bottom = bottom.max(y);
        y_next = y + 12.0;
    }
    d.height = bottom + PAD;
    d
}

/// One row per shift: "from" box, arrow, "to" box.
pub fn shifts(spec: &Spec, lang: &str, w: f64) -> Drawing {
    let mut d = Drawing::new(w, 0.0);
    let arrow_w = 44.0;
    let box_w = (w - 2.0 * PAD - arrow_w) / 2.0;
    let mut y = PAD;
    for (i, s) in spec.shifts.iter().enumerate() {
        let from = text::wrap(s.from.text(lang), LABEL, box_w - 16.0);
        let to = text::wrap(s.to.text(lang), LABEL, box_w - 16.0);
        let h = (from.len().max(to.len()) as f64 * LABEL * frame::LINE + 16.0).max(36.0);
        let (fx, tx) = (PAD, PAD + box_w + arrow_w);
        d.shapes.push(Shape::Rect {
            x0: fx,
            y0: y,
            x1: fx + box_w,
            y1: y + h,
            role: Role::Track,
            fill: false,
            opacity: 1.0,
        });
        d.tinted_box(tx, y, tx + box_w, y + h, Role::Series(i));
        let lh = LABEL * frame::LINE;
        frame::lines(
            &mut d,
            &from,
            fx + box_w / 2.0,
            y + (h - lh * from.len() as f64) / 2.0,
            LABEL,
            Role::Muted,
            HPos::Center,
        );
        frame::lines(
            &mut d,
            &to,
            tx + box_w / 2.0,
            y + (h - lh * to.len() as f64) / 2.0,
            LABEL,
            Role::Text,
            HPos::Center,
        );
        let (ax0, ax1, ay) = (fx + box_w + 6.0, tx - 6.0, y + h / 2.0);
        d.line(vec![(ax0, ay), (ax1 - 8.0, ay)], Role::Muted, 2);
        d.shapes.push(Shape::Polygon {
            points: vec![(ax1 - 10.0, ay - 6.0), (ax1, ay), (ax1 - 10.0, ay + 6.0)],
            role: Role::Muted,
        });
        y += h + 10.0;
    }
    d.height = y + PAD - 10.0 + 4.0;
    d
}
