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

fn years(p: &super::spec::Phase) -> String {
    match p.end {
        Some(e) if e != p.start => format!("{}–{}", p.start, e),
        Some(_) => p.start.to_string(),
        None => format!("{}+", p.start),
    }
}

/// Phases as consecutive segments, as long as their durations in years; an open-ended phase runs
/// to the edge with an arrow. When a segment is too short for its words, the phases become rows
/// on a shared year axis instead ([`gantt`]).
pub fn timeline(spec: &Spec, t: &Words, lang: &str, w: f64) -> Drawing {
    let (left, right) = (PAD, w - PAD - 14.0);
    let lengths = durations(spec);
    let total: f64 = lengths.iter().sum::<f64>().max(1.0);
    let size = if w < 500.0 { SMALL } else { LABEL };
    let fits = spec.phases.iter().enumerate().all(|(i, p)| {
        let seg = (right - left) * lengths[i] / total - 12.0;
        let longest_word = text::wrap(p.label.text(lang), size, 0.0)
            .iter()
            .map(|l| text::width(l, size))
            .fold(0.0, f64::max);
        text::width(&years(p), LABEL) * 1.1 <= seg
            && text::width(&t.phase(i), size) <= seg
            && longest_word <= seg
    });
    if !fits {
        return gantt(spec, t, lang, w, &lengths);
    }
    let mut d = Drawing::new(w, 0.0);
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
        d.fill(x0, top, x1, top + bar_h, role, 0.22);
        d.rect(x0, top + bar_h - 4.0, x1, top + bar_h, role);
        let phase = t.phase(i);
        d.bold(
            years(p),
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

/// Phases as rows on a shared year axis (for narrow canvases or short phases): each row names the
/// phase, its years and what happens, over a bar from its first to its last year.
fn gantt(spec: &Spec, t: &Words, lang: &str, w: f64, lengths: &[f64]) -> Drawing {
    let mut d = Drawing::new(w, 0.0);
    let (left, right) = (PAD, w - PAD - 14.0);
    let first = spec.phases.iter().map(|p| p.start).min().unwrap_or(0) as f64;
    let last = spec
        .phases
        .iter()
        .zip(lengths)
        .map(|(p, l)| p.start as f64 + l)
        .fold(first + 1.0, f64::max);
    let x = |year: f64| left + (right - left) * (year - first) / (last - first);
    let mut y = PAD;
    for (i, p) in spec.phases.iter().enumerate() {
        let role = Role::Series(i);
        let head = t.fill(
            "chart_alt_item",
            &[("label", &t.phase(i)), ("values", &years(p))],
        );
        let start = d.shapes.len();
        y += frame::lines(
            &mut d,
            &text::wrap(&head, SMALL, w - 2.0 * PAD),
            PAD,
            y,
            SMALL,
            Role::Text,
            HPos::Left,
        );
        for s in &mut d.shapes[start..] {
            if let Shape::Text { bold, .. } = s {
                *bold = true;
            }
        }
        let lines = text::wrap(p.label.text(lang), LABEL, w - 2.0 * PAD);
        y += frame::lines(&mut d, &lines, PAD, y, LABEL, Role::Text, HPos::Left) + 4.0;
        let (x0, x1) = (x(p.start as f64), x(p.start as f64 + lengths[i]) - 2.0);
        d.rect(x0, y, x1.max(x0 + 2.0), y + 10.0, role);
        if p.end.is_none() {
            d.shapes.push(Shape::Polygon {
                points: vec![(x1, y - 3.0), (x1 + 12.0, y + 5.0), (x1, y + 13.0)],
                role,
            });
        }
        y += 22.0;
    }
    d.height = y + PAD - 8.0;
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
        // Two chips a row on narrow canvases when every item fits half the width; a chip grows
        // to hold its wrapped text.
        let half = (col_w - 8.0) / 2.0;
        let two = narrow
            && g.items
                .iter()
                .all(|it| text::width(it.text(lang), LABEL) + 12.0 <= half);
        let per_row = if two { 2 } else { 1 };
        let chip_w = if two { half } else { col_w };
        for row in g.items.chunks(per_row) {
            let wrapped: Vec<Vec<String>> = row
                .iter()
                .map(|it| text::wrap(it.text(lang), LABEL, chip_w - 12.0))
                .collect();
            let lh = LABEL * frame::LINE;
            let chip_h = wrapped
                .iter()
                .map(|l| l.len() as f64 * lh + 10.0)
                .fold(30.0, f64::max);
            for (k, lines) in wrapped.iter().enumerate() {
                let cx = x0 + (chip_w + 8.0) * k as f64;
                d.tinted_box(cx, y, cx + chip_w, y + chip_h, role);
                let top = y + (chip_h - lh * lines.len() as f64) / 2.0;
                frame::lines(
                    &mut d,
                    lines,
                    cx + chip_w / 2.0,
                    top,
                    LABEL,
                    Role::Text,
                    HPos::Center,
                );
            }
            y += chip_h + 8.0;
        }
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
        d.outline(fx, y, fx + box_w, y + h, Role::Track);
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
