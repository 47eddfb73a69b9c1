//! The call syntax of embeds and shortcodes: `name(key="text", n=3.5, open=true)`, with typed
//! arguments.

use serde::Serialize;
use std::collections::BTreeMap;
use std::fmt;

/// One argument value, typed as written: quoted text, a number or `true`/`false`.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(untagged)]
pub enum Arg {
    /// `"text"` or `'text'`.
    Str(String),
    /// `3`, `-1.5`.
    Num(f64),
    /// `true` or `false`.
    Bool(bool),
}

impl Arg {
    /// The text of a string argument.
    pub fn as_str(&self) -> Option<&str> {
        match self {
            Arg::Str(s) => Some(s),
            _ => None,
        }
    }

    /// The type's name, for messages.
    pub fn type_name(&self) -> &'static str {
        match self {
            Arg::Str(_) => "text",
            Arg::Num(_) => "number",
            Arg::Bool(_) => "true/false",
        }
    }
}

impl fmt::Display for Arg {
    fn fmt(&self, f: &mut fmt::Formatter) -> fmt::Result {
        match self {
            Arg::Str(s) => f.write_str(s),
            Arg::Num(n) => write!(f, "{n}"),
            Arg::Bool(b) => write!(f, "{b}"),
        }
    }
}

impl PartialEq<&str> for Arg {
    fn eq(&self, other: &&str) -> bool {
        self.as_str() == Some(*other)
    }
}

/// Arguments by name.
pub type Args = BTreeMap<String, Arg>;

/// Parses `name(key="value", other='v', n=3, flag=true)`.
pub fn parse_call(s: &str) -> Result<(String, Args), String> {
    let help = "write an embed as {{ chart(id=\"market-size\") }}; to show the braces literally write {{/* … */}}";
    let open = s
        .find('(')
        .ok_or_else(|| format!("malformed embed `{{{{ {s} }}}}`: expected `name(...)`; {help}"))?;
    let name = s[..open].trim();
    if name.is_empty() || !name.chars().all(|c| c.is_ascii_alphanumeric() || c == '_') {
        return Err(format!(
            "malformed embed `{{{{ {s} }}}}`: `{name}` is not an embed name; {help}"
        ));
    }
    let body = s[open + 1..]
        .strip_suffix(')')
        .ok_or_else(|| format!("malformed embed `{{{{ {s} }}}}`: missing `)`; {help}"))?;
    let mut args = BTreeMap::new();
    let mut rest = body.trim();
    while !rest.is_empty() {
        let eq = rest.find('=').ok_or_else(|| {
            format!("malformed argument `{rest}`: expected key=\"value\"; {help}")
        })?;
        let key = rest[..eq].trim().to_string();
        if key.is_empty() || !key.chars().all(|c| c.is_ascii_alphanumeric() || c == '_') {
            return Err(format!("`{key}` is not an argument name; {help}"));
        }
        let (value, after) = parse_value(&key, rest[eq + 1..].trim_start())?;
        if args.insert(key.clone(), value).is_some() {
            return Err(format!("argument `{key}` is given twice"));
        }
        rest = after.trim_start();
        rest = rest.strip_prefix(',').unwrap_or(rest).trim_start();
    }
    Ok((name.to_string(), args))
}

/// One value at the start of `v`, and the text after it.
fn parse_value<'v>(key: &str, v: &'v str) -> Result<(Arg, &'v str), String> {
    if let Some(quote) = v.chars().next().filter(|c| *c == '"' || *c == '\'') {
        let close = v[1..]
            .find(quote)
            .ok_or_else(|| format!("argument `{key}` has an unclosed quote"))?;
        return Ok((Arg::Str(v[1..1 + close].to_string()), &v[close + 2..]));
    }
    let end = v
        .find(|c: char| c == ',' || c.is_whitespace())
        .unwrap_or(v.len());
    let word = &v[..end];
    let value = match word {
        "true" => Arg::Bool(true),
        "false" => Arg::Bool(false),
        _ => match word.parse::<f64>() {
            Ok(n) if n.is_finite() && word.chars().any(|c| c.is_ascii_digit()) => Arg::Num(n),
            _ => {
                return Err(format!(
                "argument `{key}` needs a quoted value (\"…\"), a number or true/false, not `{word}`"
            ))
            }
        },
    };
    Ok((value, &v[end..]))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_typed_calls() {
        let (name, args) =
            parse_call("chart(id=\"market-size\", b='中文', n=-2.5, on=true, k=3)").unwrap();
        assert_eq!(name, "chart");
        assert_eq!(args["id"], "market-size");
        assert_eq!(args["b"], "中文");
        assert_eq!(args["n"], Arg::Num(-2.5));
        assert_eq!(args["on"], Arg::Bool(true));
        assert_eq!(args["k"], Arg::Num(3.0));
    }

    #[test]
    fn malformed_calls_are_errors() {
        for bad in [
            "chart",
            "chart(id=x)",
            "chart(id=\"x\"",
            "(id=\"x\")",
            "a b(c=\"d\")",
            "c(a=\"1\", a=\"2\")",
            "c(n=inf)",
            "c(n=NaN)",
            "c(=\"x\")",
            "c(n=1e999)",
        ] {
            assert!(parse_call(bad).is_err(), "{bad}");
        }
    }
}
