//! URLs of output pages: the base URL, sub-path hosting, and percent-encoding of path segments.

use percent_encoding::{utf8_percent_encode, AsciiSet, CONTROLS};

/// Characters escaped in a URL path segment (RFC 3986 `pchar` allows the rest).
const SEGMENT: &AsciiSet = &CONTROLS
    .add(b' ')
    .add(b'"')
    .add(b'#')
    .add(b'%')
    .add(b'/')
    .add(b'<')
    .add(b'>')
    .add(b'?')
    .add(b'[')
    .add(b'\\')
    .add(b']')
    .add(b'^')
    .add(b'`')
    .add(b'{')
    .add(b'|')
    .add(b'}');

/// Characters escaped in a fragment identifier.
const FRAGMENT: &AsciiSet = &CONTROLS
    .add(b' ')
    .add(b'"')
    .add(b'<')
    .add(b'>')
    .add(b'`')
    .add(b'#')
    .add(b'%');

/// The absolute URL the site is served from, split into origin and path.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BaseUrl {
    origin: String,
    path: String,
}

impl BaseUrl {
    /// Parses `https://host[:port]/sub/path/`; the path always ends with `/`.
    /// Anything but an http(s) URL with a host and no credentials, query or fragment is refused;
    /// the path comes back percent-encoded, so it is safe in any attribute.
    pub fn parse(raw: &str) -> Result<BaseUrl, String> {
        let raw = raw.trim();
        let shown: String = raw.chars().take(80).collect();
        let url = url::Url::parse(raw).map_err(|e| match e {
            url::ParseError::RelativeUrlWithoutBase => {
                format!("base URL `{shown}` must start with http:// or https://")
            }
            e => format!("base URL `{shown}` is not a valid URL ({e})"),
        })?;
        if !matches!(url.scheme(), "http" | "https") {
            return Err(format!(
                "base URL `{shown}` must start with http:// or https://"
            ));
        }
        if url.host_str().is_none_or(str::is_empty) {
            return Err(format!("base URL `{shown}` has no host"));
        }
        if !url.username().is_empty() || url.password().is_some() {
            return Err(format!(
                "base URL `{shown}` must not contain a user name or password"
            ));
        }
        if url.query().is_some() || url.fragment().is_some() || raw.contains(['?', '#']) {
            return Err(format!(
                "base URL `{shown}` must not contain a query or fragment"
            ));
        }
        let mut path = url.path().to_string();
        if !path.ends_with('/') {
            path.push('/');
        }
        Ok(BaseUrl {
            origin: url.origin().ascii_serialization(),
            path,
        })
    }

    /// The path prefix, e.g. `/research/aigc/`.
    pub fn path(&self) -> &str {
        &self.path
    }

    /// Root-relative URL for a site path given as unencoded segments joined by `/`
    /// (e.g. `en/aigc-2024/overview/`).
    pub fn href(&self, site_path: &str) -> String {
        format!("{}{}", self.path, encode_path(site_path))
    }

    /// Absolute URL for a site path, for canonical links, hreflang and sitemaps.
    pub fn absolute(&self, site_path: &str) -> String {
        format!("{}{}", self.origin, self.href(site_path))
    }
}

/// Percent-encodes each segment of a `/`-separated path, keeping the slashes.
pub fn encode_path(site_path: &str) -> String {
    site_path
        .split('/')
        .map(|seg| utf8_percent_encode(seg, SEGMENT).to_string())
        .collect::<Vec<_>>()
        .join("/")
}

/// Percent-encodes a fragment (heading id) for use after `#`.
pub fn encode_fragment(id: &str) -> String {
    utf8_percent_encode(id, FRAGMENT).to_string()
}

/// Schemes a link written in YAML or Markdown may use; the rest (`javascript:`, `data:`,
/// `vbscript:`, `file:`…) could run code or reach the reader's disk.
const ALLOWED_SCHEMES: [&str; 3] = ["http", "https", "mailto"];

/// The scheme of `raw` as a browser reads it (leading spaces and controls dropped, tabs and
/// newlines removed, case folded), or `None` for a relative URL.
pub fn scheme_of(raw: &str) -> Option<String> {
    let cleaned: String = raw
        .trim_start_matches(|c: char| c <= ' ')
        .chars()
        .filter(|c| !matches!(c, '\t' | '\n' | '\r'))
        .collect();
    let colon = cleaned.find(':')?;
    let scheme = &cleaned[..colon];
    let mut chars = scheme.chars();
    let first_ok = chars.next().is_some_and(|c| c.is_ascii_alphabetic());
    (first_ok && chars.all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.')))
        .then(|| scheme.to_ascii_lowercase())
}

/// Checks a link target: http(s), mailto, or relative to the site; says why not otherwise.
pub fn check_link(raw: &str) -> Result<(), String> {
    if raw.chars().any(|c| c.is_control() && c != '\t') {
        return Err("the URL contains control characters".into());
    }
    match scheme_of(raw) {
        Some(s) if !ALLOWED_SCHEMES.contains(&s.as_str()) => Err(format!(
            "URLs with the `{s}:` scheme are not allowed; use http:, https:, mailto: or a path on the site"
        )),
        _ => Ok(()),
    }
}

/// How an invalid link's message starts, so the YAML error can be moved to the value's own line.
pub const LINK_PREFIX: &str = "link `";

/// A link target read from YAML, checked by [`check_link`] as it is read (so the YAML error
/// carries the line and column).
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
#[serde(transparent)]
pub struct LinkUrl(String);

impl LinkUrl {
    /// The URL as written.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl<'de> serde::Deserialize<'de> for LinkUrl {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let s = String::deserialize(d)?;
        check_link(&s).map_err(|why| {
            let shown: String = s.chars().take(60).flat_map(char::escape_debug).collect();
            serde::de::Error::custom(format!("{LINK_PREFIX}{shown}`: {why}"))
        })?;
        Ok(LinkUrl(s))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sub_path_hosting() {
        let b = BaseUrl::parse("https://example.org/research/aigc").unwrap();
        assert_eq!(b.path(), "/research/aigc/");
        assert_eq!(b.href("en/"), "/research/aigc/en/");
        assert_eq!(
            b.absolute("style.css"),
            "https://example.org/research/aigc/style.css"
        );
    }

    #[test]
    fn encodes_spaces_and_chinese() {
        let b = BaseUrl::parse("http://localhost:1111").unwrap();
        assert_eq!(b.href("报告 一/"), "/%E6%8A%A5%E5%91%8A%20%E4%B8%80/");
        assert_eq!(
            encode_fragment("多模态 a"),
            "%E5%A4%9A%E6%A8%A1%E6%80%81%20a"
        );
    }

    #[test]
    fn rejects_relative_and_queries() {
        assert!(BaseUrl::parse("/research/").is_err());
        assert!(BaseUrl::parse("https://x.org/?a=1").is_err());
        assert!(BaseUrl::parse("https://x.org/#a").is_err());
        assert!(BaseUrl::parse("javascript:alert(1)//x.org/").is_err());
        assert!(BaseUrl::parse("https://u:p@x.org/").is_err());
        assert!(BaseUrl::parse("https://x.org\"><script>/").is_err());
    }

    #[test]
    fn only_safe_link_schemes_pass() {
        for ok in [
            "https://x.org/a",
            "HTTP://x.org",
            "mailto:a@b.c",
            "/about/",
            "aigc-2024/",
            "#top",
            "a:b/c"[2..].as_ref(),
        ] {
            assert!(check_link(ok).is_ok(), "{ok}");
        }
        for bad in [
            "javascript:alert(1)",
            "JaVaScRiPt:alert(1)",
            "  javascript:alert(1)",
            "\u{1}javascript:x",
            "java\tscript:x",
            "java\nscript:x",
            "data:text/html,<script>",
            "vbscript:msgbox",
            "file:///etc/passwd",
        ] {
            assert!(check_link(bad).is_err(), "{bad:?}");
        }
    }

    #[test]
    fn markup_in_the_path_is_percent_encoded() {
        let b = BaseUrl::parse("https://example.org/\"><script>alert(1)</script>/").unwrap();
        for bad in ['"', '<', '>', '\'', ' '] {
            assert!(!b.path().contains(bad), "{bad:?} in {}", b.path());
            assert!(!b.absolute("x/").contains(bad));
        }
    }
}
