//! The chart schema as authors write it in YAML, and its validation.

use crate::error::{Diagnostic, Location};
use crate::localized::Localized;
use crate::yamlx::{line_of, PathSeg};
use serde::Deserialize;
use std::path::Path;

/// Chart kinds.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Kind {
    /// Vertical bars; several series are grouped.
    Bar,
    /// Horizontal bars; several series are grouped.
    Hbar,
    /// Vertical bars with series stacked.
    Stacked,
    /// One horizontal bar per category whose parts add up to 100 %, with an explicit remainder.
    Stacked100,
    /// Figures known only as bounds or approximations, each on its own 0–max track.
    Bounds,
    /// Phases on a time axis.
    Timeline,
    /// Lines over categories (time series).
    Line,
    /// Parts of a true whole.
    Pie,
    /// A pie with a hole.
    Donut,
    /// Items in named groups (a structured graphic).
    Groups,
    /// From → to pairs (a structured graphic).
    Shifts,
}

impl Kind {
    /// The name used in YAML and CSS classes.
    pub fn name(self) -> &'static str {
        match self {
            Kind::Bar => "bar",
            Kind::Hbar => "hbar",
            Kind::Stacked => "stacked",
            Kind::Stacked100 => "stacked100",
            Kind::Bounds => "bounds",
            Kind::Timeline => "timeline",
            Kind::Line => "line",
            Kind::Pie => "pie",
            Kind::Donut => "donut",
            Kind::Groups => "groups",
            Kind::Shifts => "shifts",
        }
    }
}

/// How a value relates to the truth.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Deserialize)]
pub enum Qualifier {
    /// Exactly this value.
    #[default]
    #[serde(rename = "exact", alias = "=")]
    Exact,
    /// About this value.
    #[serde(rename = "approx", alias = "≈")]
    Approx,
    /// More than this value.
    #[serde(rename = "gt", alias = ">")]
    Gt,
    /// At least this value.
    #[serde(rename = "gte", alias = "≥")]
    Gte,
    /// Less than this value.
    #[serde(rename = "lt", alias = "<")]
    Lt,
    /// At most this value.
    #[serde(rename = "lte", alias = "≤")]
    Lte,
}

impl Qualifier {
    /// The symbol shown before a value.
    pub fn symbol(self) -> &'static str {
        match self {
            Qualifier::Exact => "",
            Qualifier::Approx => "≈",
            Qualifier::Gt => ">",
            Qualifier::Gte => "≥",
            Qualifier::Lt => "<",
            Qualifier::Lte => "≤",
        }
    }

    /// Whether the value is a bound rather than a point.
    pub fn is_bound(self) -> bool {
        !matches!(self, Qualifier::Exact | Qualifier::Approx)
    }

    /// Whether the true value lies above the stated one.
    pub fn is_lower_bound(self) -> bool {
        matches!(self, Qualifier::Gt | Qualifier::Gte)
    }
}

/// Where a figure stands in time.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Deserialize, PartialOrd, Ord)]
#[serde(rename_all = "snake_case")]
pub enum Status {
    /// Reported.
    #[default]
    Actual,
    /// Estimated.
    Estimate,
    /// Forecast.
    Forecast,
    /// Still in progress (e.g. a model in training).
    InProgress,
}

/// A chart as written in YAML.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Spec {
    /// What to draw.
    pub kind: Kind,
    /// Title.
    pub title: Localized,
    /// One-line caption under the title.
    #[serde(default)]
    pub caption: Option<Localized>,
    /// Text alternative; generated from the data when absent.
    #[serde(default)]
    pub alt: Option<Localized>,
    /// Unit appended to values (`%`, `B`, `亿元`).
    #[serde(default)]
    pub unit: Option<Localized>,
    /// Axis title.
    #[serde(default)]
    pub axis: Option<Localized>,
    /// Value axis scale.
    #[serde(default)]
    pub scale: Scale,
    /// Largest value of the axis (default: from the data).
    #[serde(default)]
    pub max: Option<f64>,
    /// Decimals shown.
    #[serde(default)]
    pub decimals: usize,
    /// Category labels.
    #[serde(default)]
    pub categories: Vec<Localized>,
    /// Data series.
    #[serde(default)]
    pub series: Vec<Series>,
    /// Shaded value ranges (e.g. "models that fit on a phone").
    #[serde(default)]
    pub bands: Vec<Band>,
    /// Label of the unexplained remainder of a 100 % bar.
    #[serde(default)]
    pub remainder: Option<Localized>,
    /// Phases of a timeline.
    #[serde(default)]
    pub phases: Vec<Phase>,
    /// Groups of a groups graphic.
    #[serde(default)]
    pub groups: Vec<Group>,
    /// Pairs of a shifts graphic.
    #[serde(default)]
    pub shifts: Vec<Shift>,
    /// Notes under the chart.
    #[serde(default)]
    pub notes: Vec<Localized>,
    /// Source line.
    pub source: Localized,
}

/// Linear or logarithmic value axis.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Scale {
    /// Linear from zero.
    #[default]
    Linear,
    /// Base-10 logarithmic.
    Log,
}

/// One data series.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Series {
    /// Name in the legend and table.
    pub name: Localized,
    /// A series computed from others must say how; it is labelled as derived.
    #[serde(default)]
    pub derived: Option<Localized>,
    /// One point per category; `~` (null) leaves a gap.
    pub points: Vec<Option<Point>>,
}

impl Series {
    /// The point of category `i`, unless it is a gap.
    pub fn at(&self, i: usize) -> Option<&Point> {
        self.points.get(i)?.as_ref()
    }

    /// The points that are not gaps.
    pub fn present(&self) -> impl Iterator<Item = &Point> {
        self.points.iter().flatten()
    }
}

/// One data point.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Point {
    /// The number.
    pub value: f64,
    /// Exact, approximate or a bound.
    #[serde(default)]
    pub qualifier: Qualifier,
    /// Actual, estimate, forecast or in progress.
    #[serde(default)]
    pub status: Status,
    /// Label shown instead of the formatted value (e.g. "千亿级别").
    #[serde(default)]
    pub label: Option<Localized>,
    /// A note shown with the point (e.g. a different scope).
    #[serde(default)]
    pub note: Option<Localized>,
}

/// A shaded range of the value axis.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Band {
    /// Lower end.
    pub from: f64,
    /// Upper end.
    pub to: f64,
    /// What the range means.
    pub label: Localized,
}

/// A phase of a timeline.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Phase {
    /// First year.
    pub start: i32,
    /// Last year; open-ended when absent.
    #[serde(default)]
    pub end: Option<i32>,
    /// What happens.
    pub label: Localized,
}

/// A named group of items.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Group {
    /// Group name.
    pub name: Localized,
    /// Items.
    pub items: Vec<Localized>,
}

/// A shift from one thing to another.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Shift {
    /// From.
    pub from: Localized,
    /// To.
    pub to: Localized,
}

/// Validates what serde cannot: shapes per kind, finite values, log scale, wholes.
pub fn validate(spec: &Spec, file: &Path, source: &str) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    let at = |path: &[PathSeg]| match line_of(source, path) {
        Some(l) => Location::at(file, l, None),
        None => Location::file(file),
    };
    let key = |k: &str| PathSeg::Key(k.to_string());
    let needs = |field: &str, what: &str| -> Option<Diagnostic> {
        Some(
            Diagnostic::error(
                at(&[key("kind")]),
                format!("a `{}` chart needs `{field}`", spec.kind.name()),
            )
            .with_help(what.to_string()),
        )
    };
    let data_kinds = !matches!(spec.kind, Kind::Timeline | Kind::Groups | Kind::Shifts);
    if data_kinds && spec.series.is_empty() {
        out.extend(needs(
            "series",
            "add `series:` with a name and one point per category",
        ));
    }
    if data_kinds && spec.categories.is_empty() {
        out.extend(needs(
            "categories",
            "add `categories:` with one label per point",
        ));
    }
    if spec.kind == Kind::Timeline && spec.phases.is_empty() {
        out.extend(needs("phases", "add `phases:` with start, end and label"));
    }
    if spec.kind == Kind::Groups && spec.groups.is_empty() {
        out.extend(needs("groups", "add `groups:` with a name and items"));
    }
    if spec.kind == Kind::Shifts && spec.shifts.is_empty() {
        out.extend(needs("shifts", "add `shifts:` with from and to"));
    }
    for (si, s) in spec.series.iter().enumerate() {
        let spath = [key("series"), PathSeg::Index(si)];
        if data_kinds && s.points.len() != spec.categories.len() {
            out.push(
                Diagnostic::error(
                    at(&[key("series"), PathSeg::Index(si), key("points")]),
                    format!(
                        "series {} has {} points but there are {} categories",
                        si + 1,
                        s.points.len(),
                        spec.categories.len()
                    ),
                )
                .with_help("give every series exactly one point per category, in the same order"),
            );
        }
        for (pi, p) in s
            .points
            .iter()
            .enumerate()
            .filter_map(|(i, p)| Some((i, p.as_ref()?)))
        {
            let ppath = [
                spath[0].clone(),
                spath[1].clone(),
                key("points"),
                PathSeg::Index(pi),
                key("value"),
            ];
            if !p.value.is_finite() {
                out.push(
                    Diagnostic::error(at(&ppath), "value is not a finite number")
                        .with_help("write a plain number such as 200 or 0.5"),
                );
            } else if spec.scale == Scale::Log && p.value <= 0.0 {
                out.push(
                    Diagnostic::error(
                        at(&ppath),
                        format!("value {} cannot be shown on a log scale", p.value),
                    )
                    .with_help("use values above zero, or `scale: linear`"),
                );
            } else if p.value < 0.0 && !matches!(spec.kind, Kind::Bar | Kind::Hbar | Kind::Line) {
                out.push(Diagnostic::error(
                    at(&ppath),
                    "negative values are only supported by bar, hbar and line charts",
                ));
            }
            if p.qualifier.is_bound()
                && !matches!(
                    spec.kind,
                    Kind::Bounds | Kind::Stacked100 | Kind::Bar | Kind::Hbar
                )
            {
                out.push(
                    Diagnostic::error(
                        at(&ppath),
                        format!(
                            "a `{}` chart cannot draw the bound `{}`",
                            spec.kind.name(),
                            p.qualifier.symbol()
                        ),
                    )
                    .with_help("use `kind: bounds` for figures known only as bounds"),
                );
            }
        }
    }
    if matches!(spec.kind, Kind::Pie | Kind::Donut) {
        out.extend(check_whole(spec, &at(&[key("series")])));
    }
    if spec.kind == Kind::Stacked100 {
        for (ci, _) in spec.categories.iter().enumerate() {
            let sum: f64 = spec
                .series
                .iter()
                .filter_map(|s| s.at(ci))
                .map(|p| p.value)
                .sum();
            if sum > 100.0 + 1e-9 {
                out.push(
                    Diagnostic::error(
                        at(&[key("series")]),
                        format!(
                            "parts of category {} add up to {sum}, more than 100",
                            ci + 1
                        ),
                    )
                    .with_help("a 100% bar shows shares of a whole; check the values"),
                );
            }
        }
    }
    for (bi, b) in spec.bands.iter().enumerate() {
        if !(b.from.is_finite() && b.to.is_finite())
            || b.from >= b.to
            || (spec.scale == Scale::Log && b.from <= 0.0)
        {
            out.push(Diagnostic::error(
                at(&[key("bands"), PathSeg::Index(bi)]),
                "band needs finite `from` < `to` (above zero on a log scale)",
            ));
        }
    }
    for (pi, p) in spec.phases.iter().enumerate() {
        if p.end.is_some_and(|e| e < p.start) {
            out.push(Diagnostic::error(
                at(&[key("phases"), PathSeg::Index(pi)]),
                "phase ends before it starts",
            ));
        }
    }
    out
}

fn check_whole(spec: &Spec, loc: &Location) -> Vec<Diagnostic> {
    let mut out = Vec::new();
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
        out.push(Diagnostic::error(loc.clone(), format!("a `{}` chart needs one series of exact parts that add up to 100 (they add up to {sum})", spec.kind.name()))
            .with_help("use a pie only for a true whole; for shares known only roughly use `kind: stacked100` with a remainder"));
    }
    out
}
