//! What a kind's schema cannot say: shapes per kind, finite and labelable values, axis bounds
//! that do not cut data, wholes that add up, and the rule for chart ids.

use super::axis::{Axis, AxisError, MAX_MAGNITUDE};
use super::scope;
use super::spec::{decimals_of, Kind, Phase, Point, Qualifier, Scale, Spec, MAX_DECIMALS};
use crate::error::{Diagnostic, Location};
use crate::localized::Localized;
use crate::yamlx::{line_of, PathSeg};
use std::path::Path;

/// The chart id rule: lowercase ASCII letters, digits and single inner hyphens, at most 64
/// characters. Ids end up in file names, URLs and SVG `id` attributes, so nothing needs escaping.
pub fn valid_id(id: &str) -> bool {
    !id.is_empty()
        && id.len() <= 64
        && id
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
        && !id.starts_with('-')
        && !id.ends_with('-')
        && !id.contains("--")
}

/// The located error for a chart file whose stem breaks the id rule.
pub fn id_problem(id: &str, file: &Path) -> Diagnostic {
    Diagnostic::error(
        Location::file(file),
        format!("chart id `{id}` (the file name) breaks the id rule"),
    )
    .with_help(
        "name chart files with lowercase ASCII letters, digits and single hyphens, e.g. `market-size.yaml`",
    )
}

struct Ctx<'a> {
    spec: &'a Spec,
    source: &'a str,
    file: &'a Path,
    out: Vec<Diagnostic>,
}

fn key(k: &str) -> PathSeg {
    PathSeg::Key(k.to_string())
}

impl Ctx<'_> {
    fn at(&self, path: &[PathSeg]) -> Location {
        match line_of(self.source, path) {
            Some(l) => Location::at(self.file, l, None),
            None => Location::file(self.file),
        }
    }

    /// Records an error at `path`; every chart error says what to do, so `help` is required.
    fn error(&mut self, path: &[PathSeg], message: String, help: &str) {
        debug_assert!(!help.is_empty(), "chart error without help: {message}");
        self.out
            .push(Diagnostic::error(self.at(path), message).with_help(help));
    }

    /// A category as every message names it: counted from 1 as readers count, with its label
    /// (`category 2 ("2023")`).
    fn category(&self, ci: usize) -> String {
        let label = self.spec.categories.get(ci).map_or("", shown);
        format!("category {} (\"{label}\")", ci + 1)
    }

    fn needs(&mut self, field: &str, what: &str) {
        let kind = self.spec.kind.name();
        self.error(
            &[key("kind")],
            format!("a `{kind}` chart needs `{field}`"),
            what,
        );
    }
}

/// A text as messages quote it: the English one when given (messages are in English), else
/// the first.
fn shown(l: &Localized) -> &str {
    match l {
        Localized::Same(s) => s,
        Localized::PerLanguage(m) => m
            .get("en")
            .or_else(|| m.values().next())
            .map_or("", String::as_str),
    }
}

/// Validates a parsed spec; every problem is located at its YAML line.
pub fn validate(spec: &Spec, file: &Path, source: &str) -> Vec<Diagnostic> {
    let mut c = Ctx {
        spec,
        source,
        file,
        out: Vec::new(),
    };
    match spec.kind {
        Kind::Timeline => timeline(&mut c),
        Kind::Groups if spec.groups.is_empty() => {
            c.needs("groups", "add `groups:` with a name and items")
        }
        Kind::Shifts if spec.shifts.is_empty() => {
            c.needs("shifts", "add `shifts:` with from and to")
        }
        Kind::Groups | Kind::Shifts => {}
        _ => data(&mut c),
    }
    c.out
}

fn timeline(c: &mut Ctx) {
    if c.spec.phases.is_empty() {
        c.needs("phases", "add `phases:` with start, end and label");
    }
    phase_order(c);
    for (pi, p) in c.spec.phases.iter().enumerate() {
        if p.end.is_some_and(|e| e < p.start) {
            c.error(
                &[key("phases"), PathSeg::Index(pi)],
                format!("phase {} ({}) ends before it starts", pi + 1, years(p)),
                "swap `start` and `end`, or check the years",
            );
        }
        if !(-9999..=9999).contains(&p.start) || p.end.is_some_and(|e| !(-9999..=9999).contains(&e))
        {
            c.error(
                &[key("phases"), PathSeg::Index(pi)],
                "phase years must be between -9999 and 9999".into(),
                "write years as four-digit numbers",
            );
        }
    }
}

/// Phases are stages of one sequence, drawn end to end and numbered in file order, so each must
/// start no earlier than the year the one before ends (sharing that year is fine), and only the
/// last may be open-ended. Sorting them instead would renumber the phases the text refers to.
fn phase_order(c: &mut Ctx) {
    for (pi, pair) in c.spec.phases.windows(2).enumerate() {
        let (before, p) = (&pair[0], &pair[1]);
        let problem = match before.end {
            None => "comes after the open-ended",
            Some(end) if p.start < end.max(before.start) => "overlaps or precedes",
            Some(_) => continue,
        };
        c.error(
            &[key("phases"), PathSeg::Index(pi + 1)],
            format!(
                "phase {} ({}) {problem} phase {} ({})",
                pi + 2,
                years(p),
                pi + 1,
                years(before)
            ),
            "list phases in the order of their years, each starting no earlier than the year the one before ends; only the last phase may leave out `end`",
        );
    }
}

/// A phase's years as messages write them: `2024–2027`, `2030+`.
fn years(p: &Phase) -> String {
    match p.end {
        Some(e) => format!("{}–{e}", p.start),
        None => format!("{}+", p.start),
    }
}

fn data(c: &mut Ctx) {
    let spec = c.spec;
    if spec.series.is_empty() {
        c.needs(
            "series",
            "add `series:` with a name and one point per category",
        );
    }
    if spec.categories.is_empty() {
        c.needs("categories", "add `categories:` with one label per point");
    }
    if let Some(d) = spec.decimals.filter(|d| *d > MAX_DECIMALS) {
        c.error(
            &[key("decimals")],
            format!("`decimals: {d}` is more than the {MAX_DECIMALS} a chart shows"),
            "use a smaller unit instead of more decimals",
        );
    }
    if spec.kind == Kind::Bounds && spec.series.len() > 1 {
        c.error(
            &[key("series")],
            format!(
                "a `bounds` chart draws one series (one track per category), but this one has {}",
                spec.series.len()
            ),
            "keep one series here and draw each other series as its own `bounds` chart",
        );
    }
    for (si, s) in spec.series.iter().enumerate() {
        if s.scope.is_some() && !scope::drawn_by(spec.kind) {
            c.error(
                &[key("series"), PathSeg::Index(si), key("scope")],
                format!(
                    "a `{}` chart cannot set a series' `scope` apart",
                    spec.kind.name()
                ),
                "use `kind: bar`, `hbar`, `stacked` or `line`, or draw measures of different scope as separate charts",
            );
        }
        if s.points.len() != spec.categories.len() {
            c.error(
                &[key("series"), PathSeg::Index(si), key("points")],
                format!(
                    "series {} has {} points but there are {} categories",
                    si + 1,
                    s.points.len(),
                    spec.categories.len()
                ),
                "give every series exactly one point per category, in the same order",
            );
        }
        if !s.points.is_empty() && s.present().next().is_none() {
            c.error(
                &[key("series"), PathSeg::Index(si), key("points")],
                format!("series {} has no value: every point is `~`", si + 1),
                "give it at least one value, or remove the series (nothing of it could be drawn)",
            );
        }
        for (pi, p) in s.points.iter().enumerate() {
            if let Some(p) = p {
                let path = [
                    key("series"),
                    PathSeg::Index(si),
                    key("points"),
                    PathSeg::Index(pi),
                    key("value"),
                ];
                point(c, &path, p);
            }
        }
    }
    if let Some((ci, a, b)) = scope::first_mix(spec) {
        c.error(
            &[key("series"), PathSeg::Index(b), key("points"), PathSeg::Index(ci)],
            format!(
                "{} holds values of series {} and {}, which differ in `scope`",
                c.category(ci),
                a + 1,
                b + 1
            ),
            "measures of different scope are not comparable: give each scope its own categories (a category of another scope is set apart), or draw separate charts",
        );
    }
    if c.out.is_empty() {
        axis(c);
    }
    match spec.kind {
        Kind::Pie | Kind::Donut => whole(c),
        Kind::Stacked100 => shares(c),
        _ => {}
    }
    for (bi, b) in spec.bands.iter().enumerate() {
        if !(b.from.is_finite() && b.to.is_finite())
            || b.from >= b.to
            || (spec.scale == Scale::Log && b.from <= 0.0)
        {
            c.error(
                &[key("bands"), PathSeg::Index(bi)],
                "band needs finite `from` < `to` (above zero on a log scale)".into(),
                "write the band's lower end as `from` and its upper end as `to`, both plain numbers",
            );
        }
    }
}

fn point(c: &mut Ctx, path: &[PathSeg], p: &Point) {
    let spec = c.spec;
    if !p.value.is_finite() {
        c.error(
            path,
            "value is not a finite number".into(),
            "write a plain number such as 200 or 0.5",
        );
        return;
    }
    if p.value.abs() > MAX_MAGNITUDE {
        c.error(
            path,
            format!(
                "value {} is too large to label (the limit is 1e15)",
                p.value
            ),
            "express the data in a larger unit (e.g. billions instead of units)",
        );
    } else if spec.decimals.is_none() && decimals_of(p.value) > MAX_DECIMALS {
        c.error(
            path,
            format!(
                "value {} has more than the {MAX_DECIMALS} decimals a chart shows",
                p.value
            ),
            "use a smaller unit, or set `decimals:` to round the labels (the CSV keeps the exact value)",
        );
    }
    if spec.scale == Scale::Log && p.value <= 0.0 {
        c.error(
            path,
            format!("value {} cannot be shown on a log scale", p.value),
            "use values above zero, or `scale: linear`",
        );
    } else if p.value < 0.0 && !matches!(spec.kind, Kind::Bar | Kind::Hbar | Kind::Line) {
        c.error(
            path,
            format!(
                "a `{}` chart cannot show the negative value {}: negative values are only supported by bar, hbar and line charts",
                spec.kind.name(),
                p.value
            ),
            "use `kind: bar`, `hbar` or `line`, or check the sign of the value",
        );
    }
    if p.qualifier == Qualifier::Magnitude
        && !(matches!(spec.kind, Kind::Bar | Kind::Hbar) && spec.scale == Scale::Log)
    {
        c.error(
            path,
            "an order of magnitude is drawn as a range on a log scale".into(),
            "use `scale: log` on a bar or hbar chart, or `qualifier: approx`",
        );
    }
    if p.qualifier.is_bound()
        && !matches!(
            spec.kind,
            Kind::Bounds | Kind::Stacked100 | Kind::Bar | Kind::Hbar
        )
    {
        c.error(
            path,
            format!(
                "a `{}` chart cannot draw the bound `{}`",
                spec.kind.name(),
                p.qualifier.symbol()
            ),
            "use `kind: bounds` for figures known only as bounds",
        );
    }
}

/// The value axis of kinds that have one: declared bounds must hold the data and be drawable.
fn axis(c: &mut Ctx) {
    let spec = c.spec;
    let result = match spec.kind {
        Kind::Bar | Kind::Hbar | Kind::Line => Axis::for_spec(spec, false).map(|_| ()),
        Kind::Stacked => Axis::for_spec(spec, true).map(|_| ()),
        Kind::Bounds => Axis::for_spec(spec, false).and_then(|_| {
            let max = spec.max.unwrap_or(100.0);
            match spec
                .series
                .iter()
                .flat_map(|s| s.present())
                .find(|p| p.value > max)
            {
                Some(p) => Err(AxisError {
                    field: "max",
                    message: format!("value {} is above the track maximum {max}", p.value),
                    help: "set `max:` to at least the largest value",
                }),
                None if max <= 0.0 => Err(AxisError {
                    field: "max",
                    message: format!("`max: {max}` must be above zero"),
                    help: "a bounds track runs from 0 to `max`",
                }),
                None => Ok(()),
            }
        }),
        _ => Ok(()),
    };
    if let Err(e) = result {
        c.error(&[key(e.field)], e.message, e.help);
        return;
    }
    if spec.kind == Kind::Stacked && spec.scale == Scale::Log {
        c.error(
            &[key("scale")],
            "stacked bars cannot use a log scale: parts of a log bar do not add up".into(),
            "use `scale: linear`, or `kind: bar` (drawn as dots on a log scale)",
        );
    }
    if matches!(spec.kind, Kind::Bar | Kind::Hbar | Kind::Stacked)
        && spec.scale == Scale::Linear
        && spec.min.is_some_and(|m| m > 0.0)
    {
        c.error(
            &[key("min")],
            "bars are measured from zero, so `min` cannot be above zero".into(),
            "remove `min`, use `scale: log` (drawn as dots), or a line chart",
        );
    }
}

fn whole(c: &mut Ctx) {
    let spec = c.spec;
    let points: Vec<&Point> = spec.series.iter().flat_map(|s| s.present()).collect();
    let gaps = spec
        .series
        .iter()
        .any(|s| s.points.iter().any(Option::is_none));
    let sum: f64 = points.iter().map(|p| p.value).sum();
    if gaps
        || spec.series.len() != 1
        || (sum - 100.0).abs() > 0.5
        || points.iter().any(|p| p.qualifier != Qualifier::Exact)
    {
        c.error(&[key("series")], format!("a `{}` chart needs one series of exact parts that add up to 100 (they add up to {sum})", spec.kind.name()),
            "use a pie only for a true whole; for shares known only roughly use `kind: stacked100` with a remainder");
    }
}

fn shares(c: &mut Ctx) {
    let spec = c.spec;
    for ci in 0..spec.categories.len() {
        let sum: f64 = spec
            .series
            .iter()
            .filter_map(|s| s.at(ci))
            .map(|p| p.value)
            .sum();
        // Located at the category's last part, where the sum passes 100.
        let last = spec.series.iter().rposition(|s| s.at(ci).is_some());
        if let Some(si) = last.filter(|_| sum > 100.0 + 1e-9) {
            c.error(
                &[
                    key("series"),
                    PathSeg::Index(si),
                    key("points"),
                    PathSeg::Index(ci),
                ],
                format!("parts of {} add up to {sum}, more than 100", c.category(ci)),
                "a 100% bar shows shares of a whole; check the values",
            );
        }
    }
}
