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
    pub fn parse(raw: &str) -> Result<BaseUrl, String> {
        let raw = raw.trim();
        let rest = raw
            .strip_prefix("https://")
            .or_else(|| raw.strip_prefix("http://"))
            .ok_or_else(|| format!("base URL `{raw}` must start with http:// or https://"))?;
        let scheme_len = raw.len() - rest.len();
        let (host, path) = match rest.find('/') {
            Some(i) => (&rest[..i], &rest[i..]),
            None => (rest, "/"),
        };
        if host.is_empty() || host.contains(['?', '#', ' ']) {
            return Err(format!("base URL `{raw}` has no valid host"));
        }
        if path.contains(['?', '#']) {
            return Err(format!(
                "base URL `{raw}` must not contain a query or fragment"
            ));
        }
        let mut path = path.to_string();
        if !path.ends_with('/') {
            path.push('/');
        }
        Ok(BaseUrl {
            origin: raw[..scheme_len + host.len()].to_string(),
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
    }
}
