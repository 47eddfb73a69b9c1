//! Bands (`bands:`, a shaded value range on bar, horizontal-bar and stacked charts): their
//! extent on the axis, never thinner than can be seen, and their labels, never hidden by bars.

use super::collide::text_box;
use super::draw::{Drawing, Shape};
use super::frame::SMALL;
use super::spec::{decimals_of, Band};
use super::text;
use super::theme::Role;
use super::words::Words;
use plotters::style::text_anchor::{HPos, VPos};

/// Least extent of a band (px): a range far smaller than the axis (0–100 beside 1.2 million)
/// would otherwise be drawn zero pixels wide, i.e. not at all.
pub const MIN_BAND: f64 = 6.0;

/// A band's pixel extent along the value axis: from `a` to `b`, or, when that is thinner than
/// [`MIN_BAND`], [`MIN_BAND`] around its middle kept within the plot's `lo..hi`. The second value
/// says whether it was widened, so its label can give the exact range.
pub fn span(a: f64, b: f64, (lo, hi): (f64, f64)) -> ((f64, f64), bool) {
    let (a, b) = (a.min(b), a.max(b));
    let (lo, hi) = (lo.min(hi), lo.max(hi));
    if b - a >= MIN_BAND || hi - lo < MIN_BAND {
        return ((a, b), false);
    }
    let start = ((a + b - MIN_BAND) / 2.0).clamp(lo, hi - MIN_BAND);
    ((start, start + MIN_BAND), true)
}

/// A band's label; a widened band's also gives its exact range, as the data table does, so the
/// drawn width is not read as the range.
pub fn label(b: &Band, t: &Words, lang: &str, widened: bool) -> String {
    let label = b.label.text(lang);
    if !widened {
        return label.to_string();
    }
    t.fill("chart_alt_item", &[("label", label), ("values", &range(b))])
}

/// A band's range as the reader sees it: each end exact, thousands grouped like value labels.
pub fn range(b: &Band) -> String {
    format!(
        "{}–{}",
        text::number(b.from, decimals_of(b.from)),
        text::number(b.to, decimals_of(b.to))
    )
}

/// Writes the label of a horizontal band (`y0..y1`) of a vertical chart, after the marks so no
/// bar paints over it. It goes at the right end of its band, else the left, and inside the band
/// when it fits, else above it (below when the band is at the top); the first of these spots
/// that no bar or fixed text covers is taken, the first of all when none is free.
pub fn vertical_label(
    d: &mut Drawing,
    label: String,
    (y0, y1): (f64, f64),
    (left, right): (f64, f64),
    top: f64,
) {
    let mut rows = Vec::new();
    if y1 - y0 >= SMALL + 8.0 {
        rows.push((y0 + 4.0, VPos::Top));
    }
    if y0 - top >= SMALL + 4.0 {
        rows.push((y0 - 2.0, VPos::Bottom));
    }
    rows.push((y1 + 2.0, VPos::Top));
    let spots: Vec<Shape> = rows
        .iter()
        .flat_map(|&(y, v)| {
            [(right - 4.0, HPos::Right), (left + 4.0, HPos::Left)].map(|(x, h)| Shape::Text {
                text: label.clone(),
                x,
                y,
                size: SMALL,
                role: Role::Text,
                h,
                v,
                bold: false,
                droppable: false,
            })
        })
        .collect();
    let taken: Vec<[f64; 4]> = d.shapes.iter().filter_map(cover).collect();
    let free = spots
        .iter()
        .position(|s| text_box(s).is_some_and(|b| taken.iter().all(|t| !overlaps(t, &b))));
    if let Some(s) = spots.into_iter().nth(free.unwrap_or(0)) {
        d.shapes.push(s);
    }
}

/// Writes the labels of the bands of a horizontal chart under its axis from `y`, each starting
/// at its band (`x`), or ending at `max_x` when it would run past it; a label that would touch
/// one already written goes on a row of its own. Returns the number of rows used.
pub fn horizontal_labels(d: &mut Drawing, labels: Vec<(String, f64)>, y: f64, max_x: f64) -> usize {
    let mut row_ends: Vec<f64> = Vec::new();
    for (label, x) in labels {
        let w = text::width(&label, SMALL);
        let (start, end, x, h) = if x + w <= max_x {
            (x, x + w, x, HPos::Left)
        } else {
            (max_x - w, max_x, max_x, HPos::Right)
        };
        let row = match row_ends.iter().position(|e| *e + 8.0 <= start) {
            Some(r) => r,
            None => {
                row_ends.push(f64::MIN);
                row_ends.len() - 1
            }
        };
        row_ends[row] = end;
        d.text(
            label,
            x,
            y + ROW * row as f64,
            SMALL,
            Role::Text,
            h,
            VPos::Center,
        );
    }
    row_ends.len()
}

/// Height of a row of band labels under a horizontal chart.
pub const ROW: f64 = 20.0;

/// The box a shape covers that a band label must keep clear of: bars and fixed text (value
/// labels give way to it later, see [`Drawing::drop_colliding_labels`]).
fn cover(s: &Shape) -> Option<[f64; 4]> {
    match s {
        Shape::Rect { .. } => s.series_box(),
        Shape::Text {
            droppable: false, ..
        } => text_box(s),
        _ => None,
    }
}

fn overlaps(a: &[f64; 4], b: &[f64; 4]) -> bool {
    a[0] < b[2] && b[0] < a[2] && a[1] < b[3] && b[1] < a[3]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_thin_band_is_widened_within_the_plot() {
        assert_eq!(span(100.0, 300.0, (0.0, 400.0)), ((100.0, 300.0), false));
        assert_eq!(span(141.0, 141.03, (141.0, 500.0)), ((141.0, 147.0), true));
        assert_eq!(span(499.9, 500.0, (141.0, 500.0)), ((494.0, 500.0), true));
        assert_eq!(span(300.0, 300.0, (500.0, 100.0)), ((297.0, 303.0), true));
    }
}
