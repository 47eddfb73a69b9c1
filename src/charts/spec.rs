//! The parts of a chart spec shared by every kind: kinds, points, qualifiers, statuses.

use crate::localized::Localized;
use crate::yamlx::{PathSeg, Texts};
use serde::Deserialize;

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
    /// Every kind, in the order documented.
    pub const ALL: [Kind; 11] = [
        Kind::Bar,
        Kind::Hbar,
        Kind::Stacked,
        Kind::Stacked100,
        Kind::Bounds,
        Kind::Timeline,
        Kind::Line,
        Kind::Pie,
        Kind::Donut,
        Kind::Groups,
        Kind::Shifts,
    ];

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
    /// An order of magnitude (千亿级别): somewhere from this value up to ten times it; drawn as
    /// that range on a log scale.
    #[serde(rename = "magnitude")]
    Magnitude,
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
            Qualifier::Magnitude => "",
        }
    }

    /// The machine-readable code written to CSV files.
    pub fn code(self) -> &'static str {
        match self {
            Qualifier::Exact => "exact",
            Qualifier::Approx => "approx",
            Qualifier::Gt => "gt",
            Qualifier::Gte => "gte",
            Qualifier::Lt => "lt",
            Qualifier::Lte => "lte",
            Qualifier::Magnitude => "magnitude",
        }
    }

    /// Whether the value is a bound rather than a point.
    pub fn is_bound(self) -> bool {
        !matches!(
            self,
            Qualifier::Exact | Qualifier::Approx | Qualifier::Magnitude
        )
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

impl Status {
    /// The machine-readable code written to CSV files (as in YAML).
    pub fn code(self) -> &'static str {
        match self {
            Status::Actual => "actual",
            Status::Estimate => "estimate",
            Status::Forecast => "forecast",
            Status::InProgress => "in_progress",
        }
    }
}

/// A chart after parsing: the fields of its kind's schema ([`super::schema`]), the others empty.
/// Renderers read this one shape; which fields a kind accepts is decided by its schema.
#[derive(Debug, Clone)]
pub struct Spec {
    /// What to draw.
    pub kind: Kind,
    /// Title.
    pub title: Localized,
    /// One-line caption under the title.
    pub caption: Option<Localized>,
    /// Text alternative; generated from the data when absent.
    pub alt: Option<Localized>,
    /// Unit appended to values (`%`, `B`, `亿元`).
    pub unit: Option<Localized>,
    /// Axis title.
    pub axis: Option<Localized>,
    /// Value axis scale.
    pub scale: Scale,
    /// Smallest value of the axis (default: from the data).
    pub min: Option<f64>,
    /// Largest value of the axis (default: from the data).
    pub max: Option<f64>,
    /// Decimals shown; default: as many as the data has.
    pub decimals: Option<usize>,
    /// Category labels.
    pub categories: Vec<Localized>,
    /// Data series.
    pub series: Vec<Series>,
    /// Shaded value ranges (e.g. "models that fit on a phone").
    pub bands: Vec<Band>,
    /// Label of the unexplained remainder of a 100 % bar.
    pub remainder: Option<Localized>,
    /// Phases of a timeline.
    pub phases: Vec<Phase>,
    /// Groups of a groups graphic.
    pub groups: Vec<Group>,
    /// Pairs of a shifts graphic.
    pub shifts: Vec<Shift>,
    /// Notes under the chart.
    pub notes: Vec<Localized>,
    /// Source line.
    pub source: Localized,
}

impl Spec {
    /// Every text a reader sees, with its path in the chart's YAML.
    pub fn texts(&self) -> Vec<(Vec<PathSeg>, &Localized)> {
        let mut t = Texts::default();
        t.field("title", &self.title)
            .field("caption", &self.caption)
            .field("alt", &self.alt)
            .field("unit", &self.unit)
            .field("axis", &self.axis)
            .field("remainder", &self.remainder)
            .field("source", &self.source)
            .list("categories", &self.categories)
            .list("notes", &self.notes)
            .each("series", &self.series, |t, s| {
                t.field("name", &s.name)
                    .field("derived", &s.derived)
                    .field("scope", &s.scope)
                    .each("points", &s.points, |t, p| {
                        if let Some(p) = p {
                            t.field("label", &p.label).field("note", &p.note);
                        }
                    });
            })
            .each("bands", &self.bands, |t, b| {
                t.field("label", &b.label);
            })
            .each("phases", &self.phases, |t, p| {
                t.field("label", &p.label);
            })
            .each("groups", &self.groups, |t, g| {
                t.field("name", &g.name).list("items", &g.items);
            })
            .each("shifts", &self.shifts, |t, s| {
                t.field("from", &s.from).field("to", &s.to);
            });
        t.found
    }
}

impl Default for Spec {
    fn default() -> Self {
        let empty = || Localized::Same(String::new());
        Spec {
            kind: Kind::Bar,
            title: empty(),
            caption: None,
            alt: None,
            unit: None,
            axis: None,
            scale: Scale::Linear,
            min: None,
            max: None,
            decimals: None,
            categories: Vec::new(),
            series: Vec::new(),
            bands: Vec::new(),
            remainder: None,
            phases: Vec::new(),
            groups: Vec::new(),
            shifts: Vec::new(),
            notes: Vec::new(),
            source: empty(),
        }
    }
}

/// Most decimals a label may show: beyond this a chart needs a smaller unit, not more digits.
pub const MAX_DECIMALS: usize = 6;

/// Decimals needed to write `v` exactly (its shortest round-trip form), capped for display.
pub fn decimals_of(v: f64) -> usize {
    super::work::step();
    let s = format!("{v}");
    s.split_once('.').map_or(0, |(_, f)| f.len())
}

/// How many decimals value labels show: one count for all, or each value as many as it needs.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Places {
    /// Every label with this many.
    All(usize),
    /// Each label with its own value's decimals (capped at [`MAX_DECIMALS`]).
    Own,
}

impl Places {
    /// The decimals to write `v` with.
    pub fn of(self, v: f64) -> usize {
        match self {
            Places::All(n) => n,
            Places::Own => decimals_of(v).min(MAX_DECIMALS),
        }
    }
}

impl Spec {
    /// Display decimals: as declared, else as many as the most precise value needs, so that no
    /// source value is rounded (validation refuses data that needs more than [`MAX_DECIMALS`]).
    pub fn places(&self) -> usize {
        self.decimals
            .unwrap_or_else(|| {
                self.series
                    .iter()
                    .flat_map(|s| s.present())
                    .map(|p| decimals_of(p.value))
                    .chain(
                        self.bands
                            .iter()
                            .flat_map(|b| [decimals_of(b.from), decimals_of(b.to)]),
                    )
                    .max()
                    .unwrap_or(0)
            })
            .min(MAX_DECIMALS)
    }

    /// Decimals of value labels. On a log scale (unless `decimals` is declared) each value keeps
    /// its own: values there span decades, and one shared count would write 0.001 beside
    /// 1,000,000.000. A linear scale shares [`Spec::places`] so the labels line up.
    pub fn label_places(&self) -> Places {
        if self.scale == Scale::Log && self.decimals.is_none() {
            Places::Own
        } else {
            Places::All(self.places())
        }
    }

    /// The unit in `lang`, or an empty string.
    pub fn unit_text(&self, lang: &str) -> String {
        self.unit
            .as_ref()
            .map(|u| u.text(lang).to_string())
            .unwrap_or_default()
    }
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
    /// What the series measures when it differs from the rest (a wider market): a category only
    /// such series fill is set apart with this text, never read as comparable (`bar` only).
    #[serde(default)]
    pub scope: Option<Localized>,
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
