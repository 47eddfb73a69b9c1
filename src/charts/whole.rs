//! The downloadable chart is whole on its own (as Our World in Data's grapher exports are): the
//! title, caption, unit, notes and source are drawn into the SVG, in the figure's language.

use super::draw::{Drawing, Shape};
use super::frame::{self, LABEL, SMALL};
use super::spec::Spec;
use super::text;
use super::theme::Role;
use super::words::Words;
use plotters::style::text_anchor::HPos;

const PAD: f64 = 10.0;
const TITLE: f64 = 17.0;

/// Moves every shape down by `dy`.
fn shift(d: &mut Drawing, dy: f64) {
    for s in &mut d.shapes {
        match s {
            Shape::Rect { y0, y1, .. } => {
                *y0 += dy;
                *y1 += dy;
            }
            Shape::Line { points, .. } | Shape::Polygon { points, .. } => {
                points.iter_mut().for_each(|p| p.1 += dy)
            }
            Shape::Dot { y, .. } | Shape::Ring { y, .. } | Shape::Text { y, .. } => *y += dy,
        }
    }
    d.height += dy;
}

/// Draws wrapped `text` from `y`; returns the height used.
fn block(d: &mut Drawing, text_: &str, y: f64, size: f64, role: Role, bold: bool) -> f64 {
    let lines = text::wrap(text_, size, d.width - 2.0 * PAD);
    let start = d.shapes.len();
    let h = frame::lines(d, &lines, PAD, y, size, role, HPos::Left);
    if bold {
        for s in &mut d.shapes[start..] {
            if let Shape::Text { bold, .. } = s {
                *bold = true;
            }
        }
    }
    h
}

/// Adds the figure's title, caption and unit above the chart and its notes and source below.
pub fn frame_for_download(d: &mut Drawing, spec: &Spec, t: &Words, lang: &str) {
    let mut head = Drawing::new(d.width, 0.0);
    let mut y = PAD;
    y += block(&mut head, spec.title.text(lang), y, TITLE, Role::Text, true);
    if let Some(c) = &spec.caption {
        y += block(&mut head, c.text(lang), y, LABEL, Role::Muted, false);
    }
    let unit = spec.unit_text(lang);
    if !unit.is_empty() {
        let line = t.fill("chart_unit_line", &[("unit", &unit)]);
        y += block(&mut head, &line, y, SMALL, Role::Muted, false);
    }
    shift(d, y);
    head.shapes.append(&mut d.shapes);
    d.shapes = head.shapes;
    let mut y = d.height + 4.0;
    for n in &spec.notes {
        y += block(d, n.text(lang), y, SMALL, Role::Muted, false);
    }
    let source = t.fill("chart_source_line", &[("source", spec.source.text(lang))]);
    y += block(d, &source, y, SMALL, Role::Muted, false);
    d.height = y + PAD;
}
