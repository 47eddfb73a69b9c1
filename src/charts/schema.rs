//! One YAML schema per chart kind. The `kind:` key is read first; the whole file is then read
//! into that kind's own struct, which rejects any field the kind does not use (`phases:` on a bar
//! chart) with "did you mean", or with the kinds the field belongs to. Reading the file again,
//! rather than re-deserializing a buffered value (as `#[serde(tag = "kind")]` would), keeps
//! serde's line and column in every error.

use super::spec::{Band, Group, Kind, Phase, Scale, Series, Shift, Spec};
use crate::error::Diagnostic;
use crate::localized::Localized;
use serde::Deserialize;
use std::path::Path;

/// Just the tag, to choose the schema.
#[derive(Deserialize)]
struct Head {
    kind: Kind,
}

/// A kind's own schema: read into its struct, then into the [`Spec`] the renderers share.
trait Schema: serde::de::DeserializeOwned + Into<Spec> {
    /// Every top-level key the kind accepts.
    const FIELDS: &'static [&'static str];
}

/// Declares a kind's schema: the fields every chart has, plus the listed ones.
macro_rules! schema {
    ($(#[$doc:meta])* $name:ident { $($(#[$fdoc:meta])* $field:ident : $ty:ty),* $(,)? }) => {
        $(#[$doc])*
        #[derive(Debug, Deserialize)]
        #[serde(deny_unknown_fields)]
        struct $name {
            kind: Kind,
            title: Localized,
            #[serde(default)]
            caption: Option<Localized>,
            #[serde(default)]
            alt: Option<Localized>,
            #[serde(default)]
            notes: Vec<Localized>,
            source: Localized,
            $($(#[$fdoc])* #[serde(default)] $field: $ty,)*
        }

        impl Schema for $name {
            const FIELDS: &'static [&'static str] = &[
                "kind", "title", "caption", "alt", "notes", "source", $(stringify!($field)),*
            ];
        }

        impl From<$name> for Spec {
            fn from(s: $name) -> Spec {
                Spec {
                    kind: s.kind,
                    title: s.title,
                    caption: s.caption,
                    alt: s.alt,
                    notes: s.notes,
                    source: s.source,
                    $($field: s.$field,)*
                    ..Spec::default()
                }
            }
        }
    };
}

schema!(
    /// `bar` and `hbar`: grouped bars on a linear axis, dots on a log axis.
    Bars {
        unit: Option<Localized>,
        axis: Option<Localized>,
        scale: Scale,
        min: Option<f64>,
        max: Option<f64>,
        decimals: Option<usize>,
        categories: Vec<Localized>,
        series: Vec<Series>,
        bands: Vec<Band>,
    }
);

schema!(
    /// `stacked`: parts piled up from zero, so linear only (validation refuses `log`).
    Stacked {
        unit: Option<Localized>,
        axis: Option<Localized>,
        scale: Scale,
        max: Option<f64>,
        decimals: Option<usize>,
        categories: Vec<Localized>,
        series: Vec<Series>,
        bands: Vec<Band>,
    }
);

schema!(
    /// `line`: time series.
    Line {
        unit: Option<Localized>,
        axis: Option<Localized>,
        scale: Scale,
        min: Option<f64>,
        max: Option<f64>,
        decimals: Option<usize>,
        categories: Vec<Localized>,
        series: Vec<Series>,
    }
);

schema!(
    /// `bounds`: one 0–max track per category.
    Bounds {
        unit: Option<Localized>,
        max: Option<f64>,
        decimals: Option<usize>,
        categories: Vec<Localized>,
        series: Vec<Series>,
    }
);

schema!(
    /// `stacked100`: shares of a whole with a named remainder.
    Stacked100 {
        unit: Option<Localized>,
        decimals: Option<usize>,
        categories: Vec<Localized>,
        series: Vec<Series>,
        remainder: Option<Localized>,
    }
);

schema!(
    /// `pie` and `donut`: one series of exact parts of 100.
    Pie {
        unit: Option<Localized>,
        decimals: Option<usize>,
        categories: Vec<Localized>,
        series: Vec<Series>,
    }
);

schema!(
    /// `timeline`: phases.
    Timeline { phases: Vec<Phase> }
);

schema!(
    /// `groups`: items in named groups.
    Groups { groups: Vec<Group> }
);

schema!(
    /// `shifts`: from → to pairs.
    Shifts { shifts: Vec<Shift> }
);

/// The top-level keys a kind accepts.
fn fields(kind: Kind) -> &'static [&'static str] {
    match kind {
        Kind::Bar | Kind::Hbar => Bars::FIELDS,
        Kind::Stacked => Stacked::FIELDS,
        Kind::Line => Line::FIELDS,
        Kind::Bounds => Bounds::FIELDS,
        Kind::Stacked100 => Stacked100::FIELDS,
        Kind::Pie | Kind::Donut => Pie::FIELDS,
        Kind::Timeline => Timeline::FIELDS,
        Kind::Groups => Groups::FIELDS,
        Kind::Shifts => Shifts::FIELDS,
    }
}

/// Reads `source` with schema `S`; a key that another kind accepts is named as belonging there.
fn read<S: Schema>(source: &str, file: &Path, kind: Kind) -> Result<Spec, Diagnostic> {
    crate::yamlx::parse::<S>(source, file, 0)
        .map(Into::into)
        .map_err(|d| belongs_elsewhere(d, kind))
}

/// For "unknown field `phases`" on a kind that lacks it, says which kinds take `phases`.
fn belongs_elsewhere(mut d: Diagnostic, kind: Kind) -> Diagnostic {
    let Some(field) = d
        .message
        .split("unknown field `")
        .nth(1)
        .and_then(|r| r.split('`').next())
    else {
        return d;
    };
    let owners: Vec<String> = Kind::ALL
        .iter()
        .filter(|k| fields(**k).contains(&field))
        .map(|k| format!("`{}`", k.name()))
        .collect();
    if owners.is_empty() {
        return d;
    }
    let hint = format!(
        "`{field}` belongs to {} charts, not `{}` charts",
        owners.join(", "),
        kind.name()
    );
    d.help = Some(match d.help.take() {
        Some(h) => format!("{hint}; {h}"),
        None => hint,
    });
    d
}

/// Reads a chart file with the schema of its kind.
pub fn parse(source: &str, file: &Path) -> Result<Spec, Diagnostic> {
    let head: Head = crate::yamlx::parse(source, file, 0)?;
    let kind = head.kind;
    match kind {
        Kind::Bar | Kind::Hbar => read::<Bars>(source, file, kind),
        Kind::Stacked => read::<Stacked>(source, file, kind),
        Kind::Line => read::<Line>(source, file, kind),
        Kind::Bounds => read::<Bounds>(source, file, kind),
        Kind::Stacked100 => read::<Stacked100>(source, file, kind),
        Kind::Pie | Kind::Donut => read::<Pie>(source, file, kind),
        Kind::Timeline => read::<Timeline>(source, file, kind),
        Kind::Groups => read::<Groups>(source, file, kind),
        Kind::Shifts => read::<Shifts>(source, file, kind),
    }
}
