//! The built-in theme: the default templates, styles and interface strings, compiled in from the
//! repository's `templates/`, `static/` and `content/i18n/` (see `build.rs`). A site's own file
//! with the same path takes its place, file by file.

include!(concat!(env!("OUT_DIR"), "/theme.rs"));

/// The built-in file at `path` (such as `templates/base.html`), if there is one.
pub fn file(path: &str) -> Option<&'static [u8]> {
    THEME
        .binary_search_by(|(p, _)| p.cmp(&path))
        .ok()
        .map(|i| THEME[i].1)
}

/// Built-in files under `folder` (such as `templates/`), as paths relative to it, with contents.
pub fn under(folder: &str) -> impl Iterator<Item = (&'static str, &'static [u8])> + '_ {
    THEME
        .iter()
        .filter_map(move |(p, bytes)| Some((p.strip_prefix(folder)?, *bytes)))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn holds_the_repository_theme_in_path_order() {
        assert!(
            THEME.windows(2).all(|w| w[0].0 < w[1].0),
            "sorted for binary search"
        );
        assert!(file("templates/base.html").is_some());
        assert!(file("static/style.css").is_some());
        assert!(file("content/i18n/zh.yaml").is_some());
        assert!(file("templates/nope.html").is_none());
        assert!(under("templates/").any(|(p, _)| p == "partials/head.html"));
    }
}
