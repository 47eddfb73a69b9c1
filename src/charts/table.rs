//! The words and numbers behind a chart: the data table, the CSV download and the text
//! alternative, all in the page's language (words from [`Words`]) with every qualifier and
//! status spelled out.

use super::spec::{Kind, Phase, Places, Point, Series, Spec};
use super::text;
use super::words::Words;
use super::DataTable;

/// A table cell. `places` is the spec's [`Spec::label_places`], worked out once per table by
/// the caller: it reads every point, so working it out per cell made tables quadratic.
fn cell(p: &Point, places: Places, unit: &str, t: &Words, lang: &str) -> String {
    let s = t.with_status(
        &text::point_label(p, lang, places.of(p.value), unit),
        p.status,
    );
    match &p.note {
        Some(n) => t.fill("chart_with_note", &[("value", &s), ("note", n.text(lang))]),
        None => s,
    }
}

/// The data table.
pub fn table(spec: &Spec, t: &Words, lang: &str) -> DataTable {
    let h = |key: &str| t.get(key).to_string();
    match spec.kind {
        Kind::Timeline => DataTable {
            headers: vec![h("chart_phase"), h("chart_years"), h("chart_what")],
            rows: spec
                .phases
                .iter()
                .enumerate()
                .map(|(i, p)| vec![t.phase(i), years(p), p.label.text(lang).into()])
                .collect(),
        },
        Kind::Groups => DataTable {
            headers: vec![h("chart_group"), h("chart_items")],
            rows: spec
                .groups
                .iter()
                .map(|g| {
                    vec![
                        g.name.text(lang).into(),
                        g.items
                            .iter()
                            .map(|i| i.text(lang))
                            .collect::<Vec<_>>()
                            .join(t.get("chart_list_sep")),
                    ]
                })
                .collect(),
        },
        Kind::Shifts => DataTable {
            headers: vec![h("chart_from"), h("chart_to")],
            rows: spec
                .shifts
                .iter()
                .map(|s| vec![s.from.text(lang).into(), s.to.text(lang).into()])
                .collect(),
        },
        _ => {
            let mut headers = vec![h("chart_category")];
            headers.extend(spec.series.iter().map(|s| series_name(s, t, lang)));
            let (places, unit) = (spec.label_places(), spec.unit_text(lang));
            let mut rows: Vec<Vec<String>> = spec
                .categories
                .iter()
                .enumerate()
                .map(|(ci, c)| {
                    let mut row = vec![c.text(lang).to_string()];
                    row.extend(spec.series.iter().map(|s| match s.at(ci) {
                        Some(p) => cell(p, places, &unit, t, lang),
                        // A gap is said, never an empty cell a reader could take for an oversight.
                        None => t.get("chart_no_value").to_string(),
                    }));
                    row
                })
                .collect();
            for b in &spec.bands {
                let mut row = vec![b.label.text(lang).to_string()];
                row.push(super::bands::range(b));
                row.resize(headers.len(), String::new());
                rows.push(row);
            }
            DataTable { headers, rows }
        }
    }
}

/// A series' name as the table and CSV give it: with how it is derived and, for a measure of
/// another scope, that scope, so no reader of the data alone takes it as comparable.
fn series_name(s: &Series, t: &Words, lang: &str) -> String {
    let name = s.name.text(lang);
    let name = match &s.derived {
        Some(rule) => t.fill(
            "chart_derived_rule",
            &[("name", name), ("rule", rule.text(lang))],
        ),
        None => name.to_string(),
    };
    match &s.scope {
        Some(scope) => t.fill(
            "chart_scoped",
            &[("name", &name), ("scope", scope.text(lang))],
        ),
        None => name,
    }
}

fn years(p: &Phase) -> String {
    match p.end {
        Some(e) if e != p.start => format!("{}–{}", p.start, e),
        Some(_) => p.start.to_string(),
        None => format!("{}+", p.start),
    }
}

/// CSV, UTF-8 with a byte-order mark so spreadsheet programs read Chinese correctly. Headers are
/// in the figure's language; data charts are written one source value per line (never rounded)
/// with unit, qualifier, status, label, note and source columns.
pub fn csv(spec: &Spec, t: &Words, lang: &str) -> String {
    let source = spec.source.text(lang).to_string();
    let mut rows: Vec<Vec<String>> = Vec::new();
    if matches!(spec.kind, Kind::Timeline | Kind::Groups | Kind::Shifts) {
        let table = table(spec, t, lang);
        rows.push(table.headers);
        rows.extend(table.rows);
        rows[0].push(t.get("source").to_string());
        for row in rows.iter_mut().skip(1) {
            row.push(source.clone());
        }
    } else {
        rows.push(
            [
                "chart_category",
                "chart_series",
                "chart_value",
                "chart_unit",
                "chart_qualifier",
                "chart_status",
                "chart_label",
                "chart_note",
                "source",
            ]
            .map(|k| t.get(k).to_string())
            .to_vec(),
        );
        let unit = spec.unit_text(lang);
        let text_of = |l: &Option<crate::localized::Localized>| {
            l.as_ref()
                .map(|l| l.text(lang).to_string())
                .unwrap_or_default()
        };
        for (ci, c) in spec.categories.iter().enumerate() {
            for s in &spec.series {
                let Some(p) = s.at(ci) else {
                    rows.push(gap_row(c.text(lang), series_name(s, t, lang), t, &source));
                    continue;
                };
                rows.push(vec![
                    c.text(lang).into(),
                    series_name(s, t, lang),
                    // Shortest form that reads back as the same number: the source value.
                    format!("{}", p.value),
                    unit.clone(),
                    p.qualifier.code().to_string(),
                    p.status.code().to_string(),
                    text_of(&p.label),
                    text_of(&p.note),
                    source.clone(),
                ]);
            }
        }
    }
    let mut out = String::from("\u{feff}");
    for row in rows {
        let line: Vec<String> = row.iter().map(|c| csv_cell(c)).collect();
        out.push_str(&line.join(","));
        out.push_str("\r\n");
    }
    out
}

/// The CSV row of a gap (`~`): an empty value, so no program reads a number, and the "no value"
/// word where a label would be, so a reader sees the gap is in the source.
fn gap_row(category: &str, series: String, t: &Words, source: &str) -> Vec<String> {
    let mut row = vec![category.to_string(), series];
    row.extend(["", "", "", ""].map(String::from));
    row.push(t.get("chart_no_value").to_string());
    row.push(String::new());
    row.push(source.to_string());
    row
}

/// One CSV cell. A cell a spreadsheet would run as a formula (OWASP "CSV injection": starting
/// with `=`, `+`, `@`, tab, CR, or `-` when it is not a number) gets a leading single quote and
/// is quoted; cells with separators, quotes or line breaks are quoted.
pub fn csv_cell(c: &str) -> String {
    let formula = c.starts_with(['=', '+', '@', '\t', '\r'])
        || (c.starts_with('-') && c.parse::<f64>().is_err());
    let c = if formula {
        format!("'{c}")
    } else {
        c.to_string()
    };
    if formula || c.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", c.replace('"', "\"\""))
    } else {
        c
    }
}

/// Whether series `si` has a gap in category `ci` only because the category holds another
/// scope's values: that gap is how scopes are kept apart, not missing data, so the text
/// alternative leaves it out (the table still says "no value").
fn other_scope_gap(spec: &Spec, ci: usize, si: usize) -> bool {
    let Some(s) = spec.series.get(si).filter(|s| s.at(ci).is_none()) else {
        return false;
    };
    spec.series
        .iter()
        .any(|o| o.at(ci).is_some() && o.scope != s.scope)
}

/// A text alternative summarising the data, for `<desc>` and screen readers.
pub fn alt(spec: &Spec, t: &Words, lang: &str) -> String {
    if let Some(a) = &spec.alt {
        return a.text(lang).to_string();
    }
    let item = |label: &str, values: &str| {
        t.fill("chart_alt_item", &[("label", label), ("values", values)])
    };
    let table = table(spec, t, lang);
    let parts: Vec<String> = match spec.kind {
        Kind::Timeline => table.rows.iter().map(|r| item(&r[1], &r[2])).collect(),
        Kind::Groups => table.rows.iter().map(|r| item(&r[0], &r[1])).collect(),
        Kind::Shifts => table
            .rows
            .iter()
            .map(|r| format!("{} → {}", r[0], r[1]))
            .collect(),
        _ => table
            .rows
            .iter()
            .enumerate()
            .map(|(ci, r)| {
                // A category without any value is said once, not once per series.
                let none = t.get("chart_no_value");
                if r.len() > 2 && r[1..].iter().all(|v| v == none) {
                    return item(&r[0], none);
                }
                let values: Vec<String> = r[1..]
                    .iter()
                    .zip(&table.headers[1..])
                    .enumerate()
                    .filter(|(si, (v, _))| !v.is_empty() && !other_scope_gap(spec, ci, *si))
                    .map(|(_, vh)| vh)
                    .map(|(v, h)| {
                        if table.headers.len() > 2 {
                            format!("{h} {v}")
                        } else {
                            v.clone()
                        }
                    })
                    .collect();
                item(&r[0], &values.join(t.get("chart_alt_values_sep")))
            })
            .collect(),
    };
    format!(
        "{}{}",
        item(spec.title.text(lang), &parts.join(t.get("chart_alt_sep"))),
        t.get("chart_alt_end")
    )
}

#[cfg(test)]
mod tests {
    use super::csv_cell;

    #[test]
    fn formulas_are_defused_and_numbers_kept() {
        for (raw, cell) in [
            ("=HYPERLINK(\"x\")", "\"'=HYPERLINK(\"\"x\"\")\""),
            ("+1+2", "\"'+1+2\""),
            ("-2+3", "\"'-2+3\""),
            ("@SUM(A1)", "\"'@SUM(A1)\""),
            ("\tcmd", "\"'\tcmd\""),
            ("\rcmd", "\"'\rcmd\""),
            ("-12.5", "-12.5"),
            ("a,b", "\"a,b\""),
            ("市场", "市场"),
        ] {
            assert_eq!(csv_cell(raw), cell, "{raw:?}");
        }
    }
}
