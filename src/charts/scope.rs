//! Measures of another scope (`scope:` on a series, e.g. a wider market) are never drawn as if
//! comparable: a category holds the values of one scope only (validation), and a category of a
//! declared scope is set apart in a tinted panel with dashed edges and the scope written in it.
//! Bar, hbar, stacked and line charts draw such panels; other kinds refuse `scope`.

use super::draw::Drawing;
use super::frame::{self, SMALL};
use super::spec::{Kind, Spec};
use super::text;
use super::theme::Role;
use crate::localized::Localized;
use plotters::style::text_anchor::HPos;

/// Whether a kind can set a category of another scope apart.
pub fn drawn_by(kind: Kind) -> bool {
    matches!(kind, Kind::Bar | Kind::Hbar | Kind::Stacked | Kind::Line)
}

/// The declared scope of category `ci`: that of the series with a value there, when they
/// have one.
pub fn of_category(spec: &Spec, ci: usize) -> Option<&Localized> {
    spec.series
        .iter()
        .filter(|s| s.at(ci).is_some())
        .find_map(|s| s.scope.as_ref())
}

/// Runs of neighbouring categories of the same declared scope, as (first, last + 1, scope):
/// each run is one panel with its scope written once.
pub fn runs(spec: &Spec) -> Vec<(usize, usize, &Localized)> {
    let mut out: Vec<(usize, usize, &Localized)> = Vec::new();
    for ci in 0..spec.categories.len() {
        let Some(sc) = of_category(spec, ci) else {
            continue;
        };
        match out.last_mut() {
            Some((_, end, last)) if *end == ci && *last == sc => *end = ci + 1,
            _ => out.push((ci, ci + 1, sc)),
        }
    }
    out
}

/// The first category whose values come from series of different scopes (one declared, one
/// not, or two different ones), with the indices of two such series.
pub fn first_mix(spec: &Spec) -> Option<(usize, usize, usize)> {
    (0..spec.categories.len()).find_map(|ci| {
        let present: Vec<usize> = (0..spec.series.len())
            .filter(|&si| spec.series[si].at(ci).is_some())
            .collect();
        let first = *present.first()?;
        present
            .iter()
            .find(|&&si| spec.series[si].scope != spec.series[first].scope)
            .map(|&si| (ci, first, si))
    })
}

/// The scope's text wrapped to a panel's inner width.
pub fn lines(scope: &Localized, lang: &str, width: f64) -> Vec<String> {
    text::wrap(scope.text(lang), SMALL, (width - 8.0).max(SMALL))
}

/// Height of `n` lines of scope text with the panel's padding.
pub fn text_height(n: usize) -> f64 {
    n as f64 * SMALL * frame::LINE + 4.0
}

/// Draws a panel over (x0, y0)–(x1, y1) with the scope's lines at its top, aligned `h`.
pub fn panel(d: &mut Drawing, (x0, y0, x1, y1): (f64, f64, f64, f64), lines: &[String], h: HPos) {
    d.fill(x0, y0, x1, y1, Role::Grid, 0.45);
    d.dashed_outline(x0, y0, x1, y1, Role::Muted);
    let x = match h {
        HPos::Left => x0 + 4.0,
        HPos::Right => x1 - 4.0,
        HPos::Center => (x0 + x1) / 2.0,
    };
    frame::lines(d, lines, x, y0 + 2.0, SMALL, Role::Muted, h);
}
