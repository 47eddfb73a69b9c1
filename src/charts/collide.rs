//! Labels never overlap: value labels are left out when, by the width estimate, they would
//! collide with kept text, data dots, bound arrows or the edge of a bar, or leave the canvas. (The browser suite
//! measures the real result.)

use super::draw::{Drawing, Shape};
use super::theme::Role;
use plotters::style::text_anchor::{HPos, VPos};

impl Drawing {
    /// Leaves out every value label whose box (by [`super::text::width`]) overlaps text already
    /// kept or leaves the canvas; fixed text is kept first, labels in paint order. When any is
    /// left out, `note` is added under the chart, so the reader knows to look at the table.
    pub fn drop_colliding_labels(&mut self, note: &str) {
        let (w, h) = (self.width, self.height);
        let mut kept: Vec<[f64; 4]> = self
            .shapes
            .iter()
            .filter_map(|s| match s {
                Shape::Text {
                    droppable: false, ..
                } => text_box(s),
                // Marks a label must not cover: data dots and bound arrowheads.
                Shape::Dot { x, y, r, .. } | Shape::Ring { x, y, r, .. } => {
                    Some([x - r, y - r, x + r, y + r])
                }
                Shape::Polygon {
                    points,
                    role: Role::Text,
                } => Some(
                    points
                        .iter()
                        .fold([f64::MAX, f64::MAX, f64::MIN, f64::MIN], |b, (x, y)| {
                            [b[0].min(*x), b[1].min(*y), b[2].max(*x), b[3].max(*y)]
                        }),
                ),
                _ => None,
            })
            .collect();
        // Bars: a label may sit wholly inside one (a stacked part's value), never across an edge.
        let bars: Vec<[f64; 4]> = self
            .shapes
            .iter()
            .filter(|s| matches!(s, Shape::Rect { fill: true, .. }))
            .filter_map(Shape::series_box)
            .collect();
        let before = self.shapes.len();
        self.shapes.retain(|s| {
            let Shape::Text {
                droppable: true, ..
            } = s
            else {
                return true;
            };
            let Some(b) = text_box(s) else { return false };
            let inside = b[0] >= 0.0 && b[1] >= 0.0 && b[2] <= w && b[3] <= h;
            let free = kept.iter().all(|k| !overlaps(k, &b))
                && bars.iter().all(|r| !overlaps(r, &b) || contains(r, &b));
            if inside && free {
                kept.push(b);
            }
            inside && free
        });
        if self.shapes.len() < before {
            let y = self.height + 4.0;
            self.text(note, 10.0, y, 12.0, Role::Muted, HPos::Left, VPos::Top);
            self.height = y + 22.0;
        }
    }
}

/// The box [x0, y0, x1, y1] a text shape covers (its line box), with a margin (2 px across,
/// 1 px down) for the estimate's error against real fonts.
pub fn text_box(s: &Shape) -> Option<[f64; 4]> {
    let Shape::Text {
        text,
        x,
        y,
        size,
        h,
        v,
        ..
    } = s
    else {
        return None;
    };
    let w = super::text::width(text, *size);
    let x0 = match h {
        HPos::Left => *x,
        HPos::Center => x - w / 2.0,
        HPos::Right => x - w,
    };
    // Browsers give CJK-capable fonts a line box of about 1.4 em.
    let h = size * 1.4;
    let y0 = match v {
        VPos::Top => *y,
        VPos::Center => y - h / 2.0,
        VPos::Bottom => y - h,
    };
    Some([x0 - 2.0, y0 - 1.0, x0 + w + 2.0, y0 + h + 1.0])
}

fn contains(outer: &[f64; 4], inner: &[f64; 4]) -> bool {
    outer[0] <= inner[0] && outer[1] <= inner[1] && inner[2] <= outer[2] && inner[3] <= outer[3]
}

fn overlaps(a: &[f64; 4], b: &[f64; 4]) -> bool {
    a[0] < b[2] && b[0] < a[2] && a[1] < b[3] && b[1] < a[3]
}
