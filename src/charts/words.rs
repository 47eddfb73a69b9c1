//! Every word a chart prints, from the site's interface strings (`content/i18n/<lang>.yaml`, keys
//! `chart_*`), so a new language needs no code change.

use super::spec::Status;
use std::collections::BTreeMap;

/// The interface strings of one language.
#[derive(Debug, Clone, Default)]
pub struct Words {
    map: BTreeMap<String, String>,
}

impl From<BTreeMap<String, String>> for Words {
    fn from(map: BTreeMap<String, String>) -> Self {
        Words { map }
    }
}

impl Words {
    /// The string for `key`; the key itself when absent (the strings loader checks that every
    /// language has the same keys, and a test checks the charts' keys are in the default files).
    pub fn get<'a>(&'a self, key: &'a str) -> &'a str {
        self.map.get(key).map(String::as_str).unwrap_or(key)
    }

    /// The string for `key` with each `{name}` replaced.
    pub fn fill(&self, key: &str, args: &[(&str, &str)]) -> String {
        let mut s = self.get(key).to_string();
        for (name, value) in args {
            s = s.replace(&format!("{{{name}}}"), value);
        }
        s
    }

    /// The name of a status, as in legends.
    pub fn status(&self, status: Status) -> &str {
        self.get(match status {
            Status::Actual => "chart_actual",
            Status::Estimate => "chart_estimate",
            Status::Forecast => "chart_forecast",
            Status::InProgress => "chart_in_progress",
        })
    }

    /// A table cell `value` annotated with a status other than "actual".
    pub fn with_status(&self, value: &str, status: Status) -> String {
        match status {
            Status::Actual => value.to_string(),
            Status::Estimate => self.fill("chart_cell_estimate", &[("value", value)]),
            Status::Forecast => self.fill("chart_cell_forecast", &[("value", value)]),
            Status::InProgress => self.fill("chart_cell_in_progress", &[("value", value)]),
        }
    }

    /// "Phase 1" / "第一阶段": numerals come from `chart_numerals` (space-separated) when the
    /// language has them, else digits.
    pub fn phase(&self, i: usize) -> String {
        let digits = (i + 1).to_string();
        let n = self
            .get("chart_numerals")
            .split_whitespace()
            .nth(i)
            .unwrap_or(&digits)
            .to_string();
        self.fill("chart_phase_n", &[("n", &n)])
    }
}
