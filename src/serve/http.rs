//! Answers one HTTP request from the last good build, `static/` on disk, or the live-reload
//! endpoints; refuses anything that would leave the site.

use super::Snapshot;
use std::path::{Component, Path, PathBuf};

/// What to send back.
#[derive(Debug, PartialEq, Eq)]
pub enum Reply {
    /// A generated file or a static file's bytes.
    File {
        status: u16,
        content_type: &'static str,
        bytes: Vec<u8>,
        /// The bytes are a page packed by `render::packed` (gzip).
        packed: bool,
    },
    /// The live-reload script.
    Script,
    /// The Server-Sent-Events stream.
    Events,
    /// Refused: the path tries to leave the site.
    Forbidden,
}

/// Content type by file extension.
pub fn content_type(path: &str) -> &'static str {
    match path.rsplit('.').next().unwrap_or("") {
        "html" => "text/html; charset=utf-8",
        "css" => "text/css; charset=utf-8",
        "js" => "text/javascript; charset=utf-8",
        "svg" => "image/svg+xml",
        "csv" => "text/csv; charset=utf-8",
        "xml" => "application/xml",
        "json" => "application/json",
        "woff2" => "font/woff2",
        "png" => "image/png",
        "jpg" | "jpeg" => "image/jpeg",
        "ico" => "image/x-icon",
        "txt" => "text/plain; charset=utf-8",
        _ => "application/octet-stream",
    }
}

/// Decodes and checks a request path relative to the base path; `None` when it must be refused.
pub(super) fn site_path(url: &str, base: &str) -> Option<Result<String, ()>> {
    let path = url.split(['?', '#']).next().unwrap_or("");
    let rel = path
        .strip_prefix(base)
        .or_else(|| (path.to_string() + "/").strip_prefix(base).map(|_| ""))?;
    let decoded = percent_encoding::percent_decode_str(rel)
        .decode_utf8()
        .ok()?;
    if decoded.contains(['\\', '\0']) || decoded.starts_with('/') {
        return Some(Err(()));
    }
    if Path::new(decoded.as_ref())
        .components()
        .any(|c| !matches!(c, Component::Normal(_) | Component::CurDir))
    {
        return Some(Err(()));
    }
    Some(Ok(decoded.into_owned()))
}

/// Resolves a request for `url` (path and query) against the snapshot and `static_dir`.
pub fn resolve(snapshot: &Snapshot, static_dir: &Path, base: &str, url: &str) -> Reply {
    let rel = match site_path(url, base) {
        Some(Ok(rel)) => rel,
        Some(Err(())) => return Reply::Forbidden,
        None => return not_found(snapshot),
    };
    match rel.as_str() {
        "__yanbao/live.js" => return Reply::Script,
        "__yanbao/events" => return Reply::Events,
        _ => {}
    }
    let candidates = if rel.is_empty() || rel.ends_with('/') {
        vec![format!("{rel}index.html")]
    } else {
        vec![rel.clone(), format!("{rel}/index.html")]
    };
    for c in &candidates {
        if let Some(file) = snapshot.get(c) {
            return Reply::File {
                status: 200,
                content_type: content_type(c),
                bytes: file.bytes.clone(),
                packed: file.is_packed(),
            };
        }
    }
    match static_file(static_dir, &rel) {
        Ok(Some(bytes)) => Reply::File {
            status: 200,
            content_type: content_type(&rel),
            bytes,
            packed: false,
        },
        Ok(None) => not_found(snapshot),
        Err(()) => Reply::Forbidden,
    }
}

/// Reads `static/<rel>` if it exists and really lies inside `static/` (symlinks out are refused).
fn static_file(static_dir: &Path, rel: &str) -> Result<Option<Vec<u8>>, ()> {
    let path: PathBuf = static_dir.join(rel);
    if !path.is_file() {
        // Not the site's own: the built-in theme's, if it has that file.
        return Ok(crate::theme::file(&format!("static/{rel}")).map(<[u8]>::to_vec));
    }
    let (Ok(real), Ok(dir)) = (path.canonicalize(), static_dir.canonicalize()) else {
        return Ok(None);
    };
    if !real.starts_with(dir) {
        return Err(());
    }
    Ok(std::fs::read(real).ok())
}

fn not_found(snapshot: &Snapshot) -> Reply {
    let (bytes, packed) = snapshot
        .get("404.html")
        .map(|f| (f.bytes.clone(), f.is_packed()))
        .unwrap_or_else(|| (b"404 Not Found".to_vec(), false));
    Reply::File {
        status: 404,
        content_type: content_type("404.html"),
        bytes,
        packed,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn snap() -> Snapshot {
        let mut s = Snapshot::default();
        for (path, body) in [
            // Sorted by path, as a build gives them.
            ("404.html", "missing"),
            ("en/a b/index.html", "page"),
            ("index.html", "home"),
        ] {
            let file = crate::render::OutputFile {
                path: path.into(),
                bytes: body.as_bytes().to_vec(),
            };
            std::sync::Arc::make_mut(&mut s.files).push(std::sync::Arc::new(file));
        }
        s
    }

    #[test]
    fn serves_pages_directories_and_404() {
        let dir = tempfile::tempdir().unwrap();
        let s = snap();
        assert!(matches!(
            resolve(&s, dir.path(), "/", "/"),
            Reply::File { status: 200, .. }
        ));
        assert!(matches!(
            resolve(&s, dir.path(), "/", "/en/a%20b/?x=1"),
            Reply::File { status: 200, .. }
        ));
        assert!(matches!(
            resolve(&s, dir.path(), "/", "/en/a%20b"),
            Reply::File { status: 200, .. }
        ));
        assert_eq!(
            resolve(&s, dir.path(), "/", "/nope/"),
            Reply::File {
                status: 404,
                content_type: "text/html; charset=utf-8",
                bytes: b"missing".to_vec(),
                packed: false,
            }
        );
        assert_eq!(
            resolve(&s, dir.path(), "/", "/__yanbao/events"),
            Reply::Events
        );
    }

    #[test]
    fn refuses_traversal() {
        let dir = tempfile::tempdir().unwrap();
        let s = snap();
        for bad in [
            "/../etc/passwd",
            "/%2e%2e/%2e%2e/etc/passwd",
            "/a/%2E%2E/%2E%2E/x",
            "/..%5c..%5cwin.ini",
            "/%2Fetc%2Fpasswd",
            "/a%00b",
        ] {
            assert_eq!(resolve(&s, dir.path(), "/", bad), Reply::Forbidden, "{bad}");
        }
    }

    #[cfg(unix)]
    #[test]
    fn refuses_symlinks_out_of_static() {
        let dir = tempfile::tempdir().unwrap();
        let outside = tempfile::tempdir().unwrap();
        std::fs::write(outside.path().join("secret.txt"), "s").unwrap();
        std::os::unix::fs::symlink(
            outside.path().join("secret.txt"),
            dir.path().join("leak.txt"),
        )
        .unwrap();
        std::fs::write(dir.path().join("style.css"), "body{}").unwrap();
        let s = snap();
        assert_eq!(resolve(&s, dir.path(), "/", "/leak.txt"), Reply::Forbidden);
        assert!(matches!(
            resolve(&s, dir.path(), "/", "/style.css"),
            Reply::File {
                status: 200,
                content_type: "text/css; charset=utf-8",
                ..
            }
        ));
    }
}
