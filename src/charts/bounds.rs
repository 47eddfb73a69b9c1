//! Figures known only roughly: bound tracks (`< 20 %` drawn as a possible range, never as a
//! point).

use super::draw::Drawing;
use super::frame::{self, Entry, LABEL, SMALL};
use super::spec::{decimals_of, Qualifier, Spec, Status};
use super::text;
use super::theme::Role;
use super::words::Words;
use plotters::style::text_anchor::{HPos, VPos};

const PAD: f64 = 10.0;

/// One track per category from 0 to the axis maximum; bounds shade the range the value may take.
pub fn bounds(spec: &Spec, t: &Words, lang: &str, w: f64) -> Drawing {
    let max = spec.max.unwrap_or(100.0);
    let places = spec.places();
    let unit = spec.unit_text(lang);
    let label_w = (w * 0.38).min(
        spec.categories
            .iter()
            .map(|c| text::width(c.text(lang), LABEL))
            .fold(0.0, f64::max)
            + 4.0,
    );
    let narrow = w < 500.0;
    let (left, right) = if narrow {
        (PAD, w - PAD)
    } else {
        (PAD + label_w + 12.0, w - PAD - 8.0)
    };
    let mut d = Drawing::new(w, 0.0);
    // One swatch per kind of mark drawn: shaded ranges for bounds, dots for approximate values.
    let points = || spec.series.iter().flat_map(|s| s.present());
    let mut entries = Vec::new();
    if points().any(|p| p.qualifier.is_bound()) {
        entries.push(Entry {
            label: t.get("chart_possible_range").into(),
            role: Role::Series(0),
            status: Status::Estimate,
            dot: false,
            approx: false,
        });
    }
    if points().any(|p| p.qualifier == Qualifier::Approx) {
        entries.push(Entry {
            label: t.get("chart_approx_value").into(),
            role: Role::Series(0),
            status: Status::Actual,
            dot: true,
            approx: false,
        });
    }
    entries.extend(
        frame::legend_entries(spec, t, lang, false)
            .into_iter()
            .filter(|e| e.status == Status::Actual),
    );
    let mut y = PAD + frame::legend(&mut d, &entries, PAD, PAD, w - PAD);
    let series = spec.series.first();
    for (ci, c) in spec.categories.iter().enumerate() {
        let Some(p) = series.and_then(|s| s.at(ci)) else {
            continue;
        };
        let lines = text::wrap(
            c.text(lang),
            LABEL,
            if narrow { w - 2.0 * PAD } else { label_w },
        );
        let text_h = lines.len() as f64 * LABEL * frame::LINE;
        let track_top = if narrow { y + text_h + 4.0 } else { y + 10.0 };
        if narrow {
            frame::lines(&mut d, &lines, PAD, y, LABEL, Role::Text, HPos::Left);
        } else {
            frame::lines(
                &mut d,
                &lines,
                PAD + label_w,
                track_top + 11.0 - text_h / 2.0,
                LABEL,
                Role::Text,
                HPos::Right,
            );
        }
        let (t0, t1) = (track_top, track_top + 22.0);
        let x = |v: f64| left + (right - left) * (v / max).clamp(0.0, 1.0);
        d.fill(left, t0, right, t1, Role::Grid, 1.0);
        let role = Role::Series(0);
        let vx = x(p.value);
        match p.qualifier {
            q if q.is_bound() => {
                let (a, b) = if q.is_lower_bound() {
                    (vx, right)
                } else {
                    (left, vx)
                };
                d.status_bar(a, t0, b, t1, role, Status::Estimate);
                d.line(vec![(vx, t0 - 5.0), (vx, t1 + 5.0)], role, 3);
            }
            Qualifier::Approx => d.shapes.push(super::draw::Shape::Dot {
                x: vx,
                y: (t0 + t1) / 2.0,
                r: 7.0,
                role,
            }),
            _ => d.status_bar(left, t0, vx, t1, role, p.status),
        }
        let label = text::point_label(p, lang, places, &unit);
        let lw = text::width(&label, LABEL);
        let (lx, anchor) = if vx + 10.0 + lw < right {
            (vx + 10.0, HPos::Left)
        } else {
            (vx - 10.0, HPos::Right)
        };
        d.bold(
            label,
            lx,
            t1 + 14.0,
            LABEL,
            Role::Text,
            anchor,
            VPos::Center,
        );
        // The track's ends are labelled unless the value label needs the room (the axis is
        // the same for every track, so nothing is lost).
        let (a, b) = match anchor {
            HPos::Left => (lx, lx + lw),
            _ => (lx - lw, lx),
        };
        // The track's end is written exactly: `max: 12.5` on integer data must not read 12.
        let max_label = format!("{}{unit}", text::number(max, places.max(decimals_of(max))));
        let ends = [
            ("0".to_string(), left, HPos::Left),
            (max_label, right, HPos::Right),
        ];
        for (text_, x, h) in ends {
            let tw = text::width(&text_, SMALL);
            let (ta, tb) = if matches!(h, HPos::Left) {
                (x, x + tw)
            } else {
                (x - tw, x)
            };
            if tb + 8.0 < a || ta > b + 8.0 {
                d.text(text_, x, t1 + 14.0, SMALL, Role::Muted, h, VPos::Center);
            }
        }
        y = t1 + 30.0;
    }
    d.height = y + PAD;
    d
}
