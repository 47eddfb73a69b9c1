//! 100 % bars: parts of a whole drawn as they are known. An exact part is solid, an approximate
//! or bounded one (≈ one third, more than 50 %) is cross-hatched with its bound marked, and
//! whatever the parts leave is an explicit remainder instead of being shared out.

use super::draw::Drawing;
use super::frame::{self, Entry, LABEL, SMALL};
use super::spec::{Point, Qualifier, Spec, Status};
use super::text;
use super::theme::Role;
use super::words::Words;
use plotters::style::text_anchor::HPos;

const PAD: f64 = 10.0;

/// How a part is styled: by its status unless actual, else as approximate when its size is
/// not exact.
#[derive(Clone, Copy, PartialEq, Eq)]
struct Look {
    status: Status,
    approx: bool,
}

fn look(p: &Point) -> Look {
    Look {
        status: p.status,
        approx: p.status == Status::Actual && p.qualifier != Qualifier::Exact,
    }
}

/// Draws one part in its look.
fn part(d: &mut Drawing, (x0, y0, x1, y1): (f64, f64, f64, f64), role: Role, p: &Point) {
    if look(p).approx {
        d.approx_bar(x0, y0, x1, y1, role);
    } else {
        d.status_bar(x0, y0, x1, y1, role, p.status);
    }
}

/// Legend: each series' swatch in the look of its parts (solid when they differ), then one
/// grey swatch per other look that appears, so every swatch matches marks on the chart.
fn legend(spec: &Spec, t: &Words, lang: &str) -> Vec<Entry> {
    let looks: Vec<Vec<Look>> = spec
        .series
        .iter()
        .map(|s| s.present().map(look).collect())
        .collect();
    let solid = Look {
        status: Status::Actual,
        approx: false,
    };
    let mut out: Vec<Entry> = spec
        .series
        .iter()
        .zip(&looks)
        .enumerate()
        .map(|(i, (s, ls))| {
            let l = match ls.first() {
                Some(f) if ls.iter().all(|l| l == f) => *f,
                _ => solid,
            };
            Entry {
                label: s.name.text(lang).into(),
                role: Role::Series(i),
                status: l.status,
                dot: false,
                approx: l.approx,
            }
        })
        .collect();
    let mut statuses: Vec<Status> = looks.iter().flatten().map(|l| l.status).collect();
    statuses.sort();
    statuses.dedup();
    for st in statuses.into_iter().filter(|s| *s != Status::Actual) {
        out.push(Entry {
            label: t.status(st).to_string(),
            role: Role::Track,
            status: st,
            dot: false,
            approx: false,
        });
    }
    if looks.iter().flatten().any(|l| l.approx) {
        out.push(Entry {
            label: t.get("chart_approximate").to_string(),
            role: Role::Track,
            status: Status::Actual,
            dot: false,
            approx: true,
        });
    }
    out
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
    let mut entries = legend(spec, t, lang);
    entries.push(Entry {
        label: remainder.clone(),
        role: Role::Track,
        status: Status::InProgress,
        dot: false,
        approx: false,
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
            part(&mut d, (a, t0, b, t1), Role::Series(si), p);
            if p.qualifier.is_bound() {
                d.line(vec![(b, t0 - 5.0), (b, t1 + 5.0)], Role::Series(si), 3);
                // Inside the part: beyond its end lies the next part, or the canvas edge.
                let lower = p.qualifier.is_lower_bound();
                d.bound_arrow_within(b, (t0 + t1) / 2.0, (1.0, 0.0), lower, b - a);
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
