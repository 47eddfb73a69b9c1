//! The words and numbers behind a chart: the data table, the CSV download and the text
//! alternative, all in the page's language and with every qualifier and status spelled out.

use super::frame::status_name;
use super::spec::{Kind, Spec, Status};
use super::text;
use super::DataTable;

fn zh(lang: &str) -> bool {
    lang == "zh"
}

fn cell(spec: &Spec, p: &super::spec::Point, lang: &str) -> String {
    let unit = spec
        .unit
        .as_ref()
        .map(|u| u.text(lang).to_string())
        .unwrap_or_default();
    let mut s = text::point_label(p, lang, spec.decimals, &unit);
    if p.status != Status::Actual {
        s.push_str(&if zh(lang) {
            format!("（{}）", status_name(p.status, lang))
        } else {
            format!(" ({})", status_name(p.status, lang).to_lowercase())
        });
    }
    if let Some(n) = &p.note {
        s.push_str(&if zh(lang) {
            format!("；{}", n.text(lang))
        } else {
            format!("; {}", n.text(lang))
        });
    }
    s
}

/// The data table.
pub fn table(spec: &Spec, lang: &str) -> DataTable {
    let h = |zh_text: &str, en: &str| {
        if zh(lang) {
            zh_text.to_string()
        } else {
            en.to_string()
        }
    };
    match spec.kind {
        Kind::Timeline => DataTable {
            headers: vec![
                h("阶段", "Phase"),
                h("时间", "Years"),
                h("内容", "What happens"),
            ],
            rows: spec
                .phases
                .iter()
                .enumerate()
                .map(|(i, p)| vec![(i + 1).to_string(), years(p), p.label.text(lang).into()])
                .collect(),
        },
        Kind::Groups => DataTable {
            headers: vec![h("类别", "Group"), h("项目", "Items")],
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
                            .join(if zh(lang) { "、" } else { ", " }),
                    ]
                })
                .collect(),
        },
        Kind::Shifts => DataTable {
            headers: vec![h("从", "From"), h("到", "To")],
            rows: spec
                .shifts
                .iter()
                .map(|s| vec![s.from.text(lang).into(), s.to.text(lang).into()])
                .collect(),
        },
        _ => {
            let mut headers = vec![h("类别", "Category")];
            headers.extend(spec.series.iter().map(|s| series_name(s, lang)));
            let rows = spec.categories.iter().enumerate().map(|(ci, c)| {
                let mut row = vec![c.text(lang).to_string()];
                row.extend(
                    spec.series
                        .iter()
                        .map(|s| s.at(ci).map(|p| cell(spec, p, lang)).unwrap_or_default()),
                );
                row
            });
            let mut rows: Vec<Vec<String>> = rows.collect();
            for b in &spec.bands {
                let mut row = vec![b.label.text(lang).to_string()];
                row.push(format!(
                    "{}–{}",
                    text::number(b.from, spec.decimals),
                    text::number(b.to, spec.decimals)
                ));
                row.resize(headers.len(), String::new());
                rows.push(row);
            }
            DataTable { headers, rows }
        }
    }
}

fn series_name(s: &super::spec::Series, lang: &str) -> String {
    let mut name = s.name.text(lang).to_string();
    if let Some(rule) = &s.derived {
        name.push_str(&if zh(lang) {
            format!("（推算：{}）", rule.text(lang))
        } else {
            format!(" (derived: {})", rule.text(lang))
        });
    }
    name
}

fn years(p: &super::spec::Phase) -> String {
    match p.end {
        Some(e) if e != p.start => format!("{}–{}", p.start, e),
        Some(_) => p.start.to_string(),
        None => format!("{}+", p.start),
    }
}

/// CSV, UTF-8 with a byte-order mark so spreadsheet programs read Chinese correctly; data charts
/// are written one value per line with qualifier and status columns.
pub fn csv(spec: &Spec, lang: &str) -> String {
    let mut rows: Vec<Vec<String>> = Vec::new();
    if matches!(spec.kind, Kind::Timeline | Kind::Groups | Kind::Shifts) {
        let t = table(spec, lang);
        rows.push(t.headers);
        rows.extend(t.rows);
    } else {
        rows.push(
            [
                "category",
                "series",
                "value",
                "qualifier",
                "status",
                "label",
                "note",
            ]
            .map(String::from)
            .to_vec(),
        );
        for (ci, c) in spec.categories.iter().enumerate() {
            for s in &spec.series {
                let Some(p) = s.at(ci) else { continue };
                rows.push(vec![
                    c.text(lang).into(),
                    series_name(s, lang),
                    text::number(p.value, spec.decimals).replace(',', ""),
                    format!("{:?}", p.qualifier).to_lowercase(),
                    format!("{:?}", p.status).to_lowercase(),
                    p.label
                        .as_ref()
                        .map(|l| l.text(lang).to_string())
                        .unwrap_or_default(),
                    p.note
                        .as_ref()
                        .map(|n| n.text(lang).to_string())
                        .unwrap_or_default(),
                ]);
            }
        }
    }
    let mut out = String::from("\u{feff}");
    for row in rows {
        let line: Vec<String> = row.iter().map(|c| quote(c)).collect();
        out.push_str(&line.join(","));
        out.push_str("\r\n");
    }
    out
}

fn quote(c: &str) -> String {
    if c.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", c.replace('"', "\"\""))
    } else {
        c.to_string()
    }
}

/// A text alternative summarising the data, for `<desc>` and screen readers.
pub fn alt(spec: &Spec, lang: &str) -> String {
    if let Some(a) = &spec.alt {
        return a.text(lang).to_string();
    }
    let (sep, colon, end) = if zh(lang) {
        ("；", "：", "。")
    } else {
        ("; ", ": ", ".")
    };
    let t = table(spec, lang);
    let parts: Vec<String> = match spec.kind {
        Kind::Timeline => t
            .rows
            .iter()
            .map(|r| format!("{}{colon}{}", r[1], r[2]))
            .collect(),
        Kind::Groups | Kind::Shifts => t
            .rows
            .iter()
            .map(|r| {
                format!(
                    "{}{}{}",
                    r[0],
                    if spec.kind == Kind::Shifts {
                        " → "
                    } else {
                        colon
                    },
                    r[1]
                )
            })
            .collect(),
        _ => t
            .rows
            .iter()
            .map(|r| {
                let values: Vec<String> = r[1..]
                    .iter()
                    .zip(&t.headers[1..])
                    .filter(|(v, _)| !v.is_empty())
                    .map(|(v, h)| {
                        if t.headers.len() > 2 {
                            format!("{h} {v}")
                        } else {
                            v.clone()
                        }
                    })
                    .collect();
                format!(
                    "{}{colon}{}",
                    r[0],
                    values.join(if zh(lang) { "，" } else { ", " })
                )
            })
            .collect(),
    };
    format!("{}{colon}{}{end}", spec.title.text(lang), parts.join(sep))
}
