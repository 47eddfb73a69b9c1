//! One YAML schema per chart kind. The `kind:` key is read first; the whole file is then read
//! into that kind's own struct, which rejects any field the kind does not use (`phases:` on a bar
//! chart) with "did you mean". Reading the file again, rather than re-deserializing a buffered
//! value, keeps serde's line and column in every error.

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

/// Reads a chart file with the schema of its kind.
pub fn parse(source: &str, file: &Path) -> Result<Spec, Diagnostic> {
    use crate::yamlx::parse as read;
    let head: Head = read(source, file, 0)?;
    Ok(match head.kind {
        Kind::Bar | Kind::Hbar => read::<Bars>(source, file, 0)?.into(),
        Kind::Stacked => read::<Stacked>(source, file, 0)?.into(),
        Kind::Line => read::<Line>(source, file, 0)?.into(),
        Kind::Bounds => read::<Bounds>(source, file, 0)?.into(),
        Kind::Stacked100 => read::<Stacked100>(source, file, 0)?.into(),
        Kind::Pie | Kind::Donut => read::<Pie>(source, file, 0)?.into(),
        Kind::Timeline => read::<Timeline>(source, file, 0)?.into(),
        Kind::Groups => read::<Groups>(source, file, 0)?.into(),
        Kind::Shifts => read::<Shifts>(source, file, 0)?.into(),
    })
}
