//! Figures known only roughly: bound tracks (`< 20 %` drawn as a possible range, never as a point)
//! and 100 % bars whose unexplained remainder is shown as such.

use super::draw::Drawing;
use super::frame::{self, Entry, LABEL, SMALL};
use super::spec::{Qualifier, Spec, Status};
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
    let mut entries = vec![Entry {
        label: t.get("chart_possible_range").into(),
        role: Role::Series(0),
        status: Status::Estimate,
        dot: false,
    }];
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
        d.shapes.push(super::draw::Shape::Rect {
            x0: left,
            y0: t0,
            x1: right,
            y1: t1,
            role: Role::Grid,
            fill: true,
            opacity: 1.0,
        });
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
        let max_label = format!("{}{unit}", text::number(max, places));
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

/// One 100 % bar per category: the series are parts, and whatever they leave is drawn as an
/// explicit "unspecified" remainder instead of being shared out.
pub fn stacked100(spec: &Spec, t: &Words, lang: &str, w: f64) -> Drawing {
    let places = spec.places();
    let unit = spec
        .unit
        .as_ref()
        .map(|u| u.text(lang).to_string())
        .unwrap_or_else(|| "%".into());
    let remainder = spec
        .remainder
        .as_ref()
        .map(|r| r.text(lang).to_string())
        .unwrap_or_else(|| t.get("chart_unspecified").to_string());
    let (left, right) = (PAD, w - PAD);
    let mut d = Drawing::new(w, 0.0);
    let mut entries: Vec<Entry> = spec
        .series
        .iter()
        .enumerate()
        .map(|(i, s)| Entry {
            label: s.name.text(lang).into(),
            role: Role::Series(i),
            status: Status::Actual,
            dot: false,
        })
        .collect();
    entries.push(Entry {
        label: remainder.clone(),
        role: Role::Track,
        status: Status::InProgress,
        dot: false,
    });
    let mut y = PAD + frame::legend(&mut d, &entries, PAD, PAD, w - PAD);
    for (ci, c) in spec.categories.iter().enumerate() {
        if spec.categories.len() > 1 {
            y += frame::lines(
                &mut d,
                &text::wrap(c.text(lang), LABEL, w - 2.0 * PAD),
                left,
                y,
                LABEL,
                Role::Text,
                HPos::Left,
            ) + 4.0;
        }
        let (t0, t1) = (y, y + 34.0);
        let x = |v: f64| left + (right - left) * (v / 100.0).clamp(0.0, 1.0);
        let mut acc = 0.0;
        let mut labels = Vec::new();
        for (si, s) in spec.series.iter().enumerate() {
            let Some(p) = s.at(ci) else { continue };
            let (a, b) = (x(acc), x(acc + p.value));
            d.status_bar(a, t0, b, t1, Role::Series(si), p.status);
            if p.qualifier.is_bound() {
                bound_mark(
                    &mut d,
                    b,
                    t0,
                    t1,
                    Role::Series(si),
                    p.qualifier.is_lower_bound(),
                );
            }
            labels.push((
                (a + b) / 2.0,
                text::point_label(p, lang, places, &unit),
                s.name.text(lang).to_string(),
            ));
            acc += p.value;
        }
        if acc < 100.0 - 1e-9 {
            let a = x(acc);
            d.status_bar(a, t0, right, t1, Role::Track, Status::InProgress);
            // The remainder is not a figure of the source: name it, never compute a number for it.
            labels.push(((a + right) / 2.0, String::new(), remainder.clone()));
        }
        // Labels go left to right under their parts; one that would touch the previous starts
        // a new row, and a long one wraps within the bar's width.
        let (mut ly, mut row_bottom) = (t1 + 6.0, t1 + 6.0);
        let mut last_end = f64::MIN;
        for (cx, value, name) in labels {
            let full = format!("{name} {value}").trim_end().to_string();
            let lines = text::wrap(&full, SMALL, right - left);
            let lw = lines
                .iter()
                .map(|l| text::width(l, SMALL))
                .fold(0.0, f64::max);
            // `max` then `min`, not `clamp`: a label wider than the bar must not panic.
            let lx = (cx - lw / 2.0).min(right - lw).max(left);
            if lx < last_end + 8.0 {
                ly = row_bottom;
            }
            let h = frame::lines(&mut d, &lines, lx, ly, SMALL, Role::Text, HPos::Left);
            row_bottom = row_bottom.max(ly + h);
            last_end = lx + lw;
        }
        y = row_bottom + 14.0;
    }
    d.height = y + PAD;
    d
}

/// A bound drawn as a bound: a heavy tick at the stated value with an arrowhead pointing where
/// the true value may lie.
fn bound_mark(d: &mut Drawing, x: f64, t0: f64, t1: f64, role: Role, lower: bool) {
    d.line(vec![(x, t0 - 5.0), (x, t1 + 5.0)], role, 3);
    let dir = if lower { 1.0 } else { -1.0 };
    let my = (t0 + t1) / 2.0;
    d.shapes.push(super::draw::Shape::Polygon {
        points: vec![
            (x + dir * 3.0, my - 6.0),
            (x + dir * 11.0, my),
            (x + dir * 3.0, my + 6.0),
        ],
        role: Role::Text,
    });
}
