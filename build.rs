//! Compiles the default theme into the binary: every file under `templates/`, `static/` and
//! `content/i18n/` becomes an entry of `THEME` (path in a site, bytes), in path order, so a site
//! overrides it file by file and an installed `yanbao` needs no checkout.

use std::fmt::Write as _;
use std::path::{Path, PathBuf};

fn files(dir: &Path, out: &mut Vec<PathBuf>) {
    let mut entries: Vec<PathBuf> = std::fs::read_dir(dir)
        .map(|d| d.flatten().map(|e| e.path()).collect())
        .unwrap_or_default();
    entries.sort();
    for p in entries {
        if p.is_dir() {
            files(&p, out);
        } else if p.is_file() {
            out.push(p);
        }
    }
}

fn main() {
    let root = PathBuf::from(std::env::var("CARGO_MANIFEST_DIR").expect("cargo sets it"));
    let mut found = Vec::new();
    for dir in ["templates", "static", "content/i18n"] {
        println!("cargo:rerun-if-changed={dir}");
        files(&root.join(dir), &mut found);
    }
    let mut entries: Vec<(String, &PathBuf)> = found
        .iter()
        .map(|abs| {
            let rel = abs.strip_prefix(&root).expect("under the root");
            (
                rel.to_str().expect("UTF-8 theme path").replace('\\', "/"),
                abs,
            )
        })
        .collect();
    // Sorted as strings, the order `theme::file` searches in.
    entries.sort();
    let mut code = String::from("/// The default theme: (path in a site, contents), in path order.\npub const THEME: &[(&str, &[u8])] = &[\n");
    for (rel, abs) in entries {
        writeln!(
            code,
            "    ({rel:?}, include_bytes!({:?})),",
            abs.display().to_string()
        )
        .expect("write to a string");
    }
    code.push_str("];\n");
    let out = PathBuf::from(std::env::var("OUT_DIR").expect("cargo sets it")).join("theme.rs");
    std::fs::write(out, code).expect("write theme.rs");
}
