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
    ///
    /// Boxes are looked up in a grid by where they are, so a chart of n labels and bars costs
    /// about n comparisons, not n² (a bar chart of 10,000 bars took seconds); the tests count
    /// them through [`super::work`].
    pub fn drop_colliding_labels(&mut self, note: &str) {
        let (w, h) = (self.width, self.height);
        let mut kept = Grid::default();
        for b in self.shapes.iter().filter_map(fixed_box) {
            kept.insert(b);
        }
        // Bars: a label may sit wholly inside one (a stacked part's value), never across an edge.
        let mut bars = Grid::default();
        for s in self.shapes.iter() {
            if let (Shape::Rect { fill: true, .. }, Some(b)) = (s, s.series_box()) {
                bars.insert(b);
            }
        }
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
            let free = inside
                && !kept.any(&b, |k| overlaps(k, &b))
                && !bars.any(&b, |r| overlaps(r, &b) && !contains(r, &b));
            if free {
                kept.insert(b);
            }
            free
        });
        if self.shapes.len() < before {
            let y = self.height + 4.0;
            self.text(note, 10.0, y, 12.0, Role::Muted, HPos::Left, VPos::Top);
            self.height = y + 22.0;
        }
    }
}

/// The box of a shape every value label must keep clear of: fixed text, data dots and bound
/// arrowheads.
fn fixed_box(s: &Shape) -> Option<[f64; 4]> {
    match s {
        Shape::Text {
            droppable: false, ..
        } => text_box(s),
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
    }
}

/// Side of a grid cell (px): about a label's height, so a label spans a few cells.
const CELL: f64 = 16.0;

/// Most boxes a label is compared with. A label whose cells hold more (bars a pixel wide) sits
/// in a crowd no reader could match it to its bar: it is left out as if it collided, which keeps
/// the work per label bounded however dense the chart.
const CROWD: usize = 64;

/// How far from the origin, in px, the grid looks: well past any chart's canvas.
const REACH: f64 = 100_000.0;

/// Boxes filed under every grid cell they touch, so a query reads only its neighbours.
#[derive(Default)]
struct Grid {
    boxes: Vec<[f64; 4]>,
    cells: std::collections::HashMap<(i64, i64), Vec<usize>>,
}

impl Grid {
    /// The cells a box touches. A box with a non-finite side touches none, and sides are clamped
    /// to [`REACH`]: an unbounded box would name more cells than could be walked.
    fn cells_of(b: &[f64; 4]) -> impl Iterator<Item = (i64, i64)> {
        let finite = b.iter().all(|v| v.is_finite());
        let cell = |v: f64| (v.clamp(-REACH, REACH) / CELL).floor() as i64;
        let (x0, y0, x1, y1) = (cell(b[0]), cell(b[1]), cell(b[2]), cell(b[3]));
        let (x1, y1) = if finite { (x1, y1) } else { (x0 - 1, y0 - 1) };
        (x0..=x1).flat_map(move |x| (y0..=y1).map(move |y| (x, y)))
    }

    fn insert(&mut self, b: [f64; 4]) {
        let id = self.boxes.len();
        self.boxes.push(b);
        for c in Self::cells_of(&b) {
            self.cells.entry(c).or_default().push(id);
        }
    }

    /// Whether any box near `b` satisfies `hit`, or more than [`CROWD`] boxes are near it.
    fn any(&self, b: &[f64; 4], hit: impl Fn(&[f64; 4]) -> bool) -> bool {
        let mut near = Self::cells_of(b)
            .filter_map(|c| self.cells.get(&c))
            .flatten();
        for _ in 0..CROWD {
            let Some(&id) = near.next() else {
                return false;
            };
            super::work::step();
            if hit(&self.boxes[id]) {
                return true;
            }
        }
        near.next().is_some()
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn boxes_far_out_or_not_finite_name_few_cells() {
        assert_eq!(Grid::cells_of(&[0.0, 0.0, 15.0, 31.0]).count(), 2);
        assert_eq!(
            Grid::cells_of(&[f64::NEG_INFINITY, 0.0, 1.0, 1.0]).count(),
            0
        );
        assert_eq!(Grid::cells_of(&[0.0, f64::NAN, 1.0, 1.0]).count(), 0);
        // Clamped to the reach: a box from 1e12 to 2e12 is one column at its edge.
        assert_eq!(Grid::cells_of(&[1e12, 0.0, 2e12, 1.0]).count(), 1);
    }
}
