//! Shortcodes: `{{ name(arg=…) }}` and `{% name(arg=…) %}…{% end %}` in Markdown render the
//! template `templates/shortcodes/<name>.html` (a site's own file takes the place of the
//! built-in one). The template gets the arguments as typed, `lang`, the interface strings `t`
//! and, in the body form, `body`: the Markdown between the markers, already rendered to HTML.
//!
//! A template may declare its arguments on its first line, `{# args: value, label, kind?=note|warning, body #}`:
//! `?` marks an optional argument, `=a|b` the texts allowed, `body` that the body form is
//! required (without it, the body form is refused) and `block` that the shortcode must be a
//! paragraph of its own (its HTML is a block). Undeclared arguments are then errors.

use crate::error::{Diagnostic, Error, Location};
use crate::markdown::embeds::{Arg, Kind};
use crate::markdown::Embed;
use crate::templates::Templates;
use std::collections::BTreeMap;
use std::path::Path;

/// Names the Markdown passes on to templates, which arguments may not take.
const RESERVED: &[&str] = &["body", "lang", "t"];

/// The shortcodes a site has.
pub struct Known<'t> {
    templates: &'t Templates,
    names: Vec<String>,
}

/// The shortcodes of `templates`: every `shortcodes/<name>.html`.
pub fn known(templates: &Templates) -> Known<'_> {
    let names = templates
        .names_under("shortcodes/")
        .into_iter()
        .filter_map(|n| n.strip_suffix(".html").map(str::to_string))
        .collect();
    Known { templates, names }
}

/// One declared argument.
struct Param<'d> {
    name: &'d str,
    required: bool,
    choices: Vec<&'d str>,
}

fn params(decl: &str) -> Vec<Param<'_>> {
    decl.split(',')
        .map(str::trim)
        .filter(|p| !p.is_empty())
        .map(|p| {
            let (head, choices) = match p.split_once('=') {
                Some((h, c)) => (h.trim(), c.split('|').map(str::trim).collect()),
                None => (p, Vec::new()),
            };
            let name = head.strip_suffix('?').unwrap_or(head).trim();
            Param {
                name,
                required: !head.ends_with('?'),
                choices,
            }
        })
        .collect()
}

fn at(file: &Path, e: &Embed) -> Location {
    Location::at(file, e.line, Some(e.column))
}

/// Checks a shortcode call against the known names and its template's declaration.
pub fn check(known: &Known, file: &Path, e: &Embed) -> Result<(), Diagnostic> {
    let err = |msg: String, help: String| Err(Diagnostic::error(at(file, e), msg).with_help(help));
    let shown = if e.kind == Kind::Open {
        format!("{{% {}(…) %}}", e.name)
    } else {
        format!("{{{{ {}(…) }}}}", e.name)
    };
    if !known.names.contains(&e.name) {
        let all: Vec<String> = super::figures::EMBED_NAMES
            .iter()
            .map(|s| s.to_string())
            .chain(known.names.iter().cloned())
            .collect();
        let best = all
            .iter()
            .map(|k| (strsim::jaro_winkler(&e.name, k), k))
            .filter(|(s, _)| *s > 0.8)
            .max_by(|a, b| a.0.total_cmp(&b.0));
        let mean = best.map_or(String::new(), |(_, k)| format!("did you mean `{k}`? "));
        return err(
            format!(
                "unknown embed `{}` in `{shown}`: no built-in embed or shortcode has that name",
                e.name
            ),
            format!(
                "{mean}known: {}; a site adds one as templates/shortcodes/{}.html",
                all.join(", "),
                e.name
            ),
        );
    }
    if let Some(k) = e.args.keys().find(|k| RESERVED.contains(&k.as_str())) {
        return err(
            format!("shortcode argument `{k}` is reserved"),
            format!(
                "rename it; {} are given to every shortcode template",
                RESERVED.join(", ")
            ),
        );
    }
    let Some(decl) = known.templates.shortcode_args(&e.name) else {
        return Ok(());
    };
    let params = params(decl);
    let file_name = format!("templates/shortcodes/{}.html", e.name);
    let wants_body = params.iter().any(|p| p.name == "body" && p.required);
    if wants_body != (e.kind == Kind::Open) {
        let help = if wants_body {
            format!("write {{% {}(…) %}} on a line, the text below it, and {{% end %}} on a line of its own", e.name)
        } else {
            format!("write {{{{ {}(…) }}}}; {file_name} takes no body", e.name)
        };
        let msg = if wants_body {
            "needs a body"
        } else {
            "takes no body"
        };
        return err(format!("shortcode `{}` {msg}", e.name), help);
    }
    if params.iter().any(|p| p.name == "block") && !e.block {
        return err(
            format!("shortcode `{}` must be a paragraph of its own", e.name),
            format!("put `{shown}` on a line of its own with a blank line before and after"),
        );
    }
    let declared: Vec<&str> = params
        .iter()
        .map(|p| p.name)
        .filter(|n| !matches!(*n, "body" | "block"))
        .collect();
    for (k, v) in &e.args {
        let Some(p) = params
            .iter()
            .find(|p| p.name == k && declared.contains(&p.name))
        else {
            let best = declared
                .iter()
                .map(|d| (strsim::jaro_winkler(k, d), d))
                .filter(|(s, _)| *s > 0.8)
                .max_by(|a, b| a.0.total_cmp(&b.0));
            let mean = best.map_or(String::new(), |(_, d)| format!("did you mean `{d}`? "));
            return err(
                format!("shortcode `{}` has no argument `{k}`", e.name),
                format!("{mean}its arguments ({file_name}): {}", declared.join(", ")),
            );
        };
        if !p.choices.is_empty() && !v.as_str().is_some_and(|s| p.choices.contains(&s)) {
            return err(
                format!(
                    "argument `{k}` of shortcode `{}` is `{v}` ({})",
                    e.name,
                    v.type_name()
                ),
                format!(
                    "use one of: {}",
                    p.choices
                        .iter()
                        .map(|c| format!("\"{c}\""))
                        .collect::<Vec<_>>()
                        .join(", ")
                ),
            );
        }
    }
    if let Some(p) = params
        .iter()
        .find(|p| p.required && declared.contains(&p.name) && !e.args.contains_key(p.name))
    {
        return err(
            format!("shortcode `{}` needs the argument `{}`", e.name, p.name),
            format!("its arguments ({file_name}): {}", declared.join(", ")),
        );
    }
    Ok(())
}

/// Renders a (checked) shortcode; a template error names the template and the Markdown place.
pub fn render(
    templates: &Templates,
    lang: &str,
    t: &BTreeMap<String, String>,
    file: &Path,
    e: &Embed,
    body: Option<String>,
) -> Result<String, Diagnostic> {
    let mut ctx: BTreeMap<&str, serde_json::Value> =
        e.args.iter().map(|(k, v)| (k.as_str(), value(v))).collect();
    ctx.insert("lang", lang.into());
    ctx.insert("t", serde_json::to_value(t).unwrap_or_default());
    if let Some(b) = body {
        ctx.insert("body", b.into());
    }
    let name = format!("shortcodes/{}.html", e.name);
    templates.render(&name, &ctx).map_err(|err| {
        let msg = match err {
            Error::Template(m) => m,
            other => other.to_string(),
        };
        let detail: Vec<&str> = msg.lines().filter(|l| !l.contains("= help:")).collect();
        Diagnostic::error(
            at(file, e),
            format!(
                "shortcode `{}` (templates/{name}) failed: {}",
                e.name,
                detail.join("\n")
            ),
        )
        .with_help(format!("fix templates/{name} or the arguments given here"))
    })
}

/// A template value; a whole number stays whole (`3`, not `3.0`), so a figure prints as written.
fn value(v: &Arg) -> serde_json::Value {
    match v {
        Arg::Num(n) if n.fract() == 0.0 && n.abs() < 9.0e15 => (*n as i64).into(),
        other => serde_json::to_value(other).unwrap_or_default(),
    }
}
