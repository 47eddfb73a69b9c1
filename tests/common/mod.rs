//! Helpers for integration tests: temporary copies of real sites and running the real binary.
#![allow(dead_code)]

pub mod search_index;

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

/// A site in a temporary folder.
pub struct TestSite {
    pub dir: tempfile::TempDir,
}

fn repo() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// Copies a folder tree (files and folders; links are copied as the files they point at).
pub fn copy_dir(from: &Path, to: &Path) {
    for entry in walkdir::WalkDir::new(from) {
        let entry = entry.unwrap();
        let rel = entry.path().strip_prefix(from).unwrap();
        let dest = to.join(rel);
        if entry.file_type().is_dir() {
            std::fs::create_dir_all(&dest).unwrap();
        } else {
            std::fs::copy(entry.path(), &dest).unwrap();
        }
    }
}

impl TestSite {
    /// The small fixture site with the repo's templates, static files and interface strings.
    pub fn mini() -> TestSite {
        TestSite::fixture("mini")
    }

    /// A fixture site from `tests/fixtures/<name>` with the repo's templates, static files and
    /// interface strings.
    pub fn fixture(name: &str) -> TestSite {
        let site = TestSite {
            dir: tempfile::tempdir().unwrap(),
        };
        copy_dir(&repo().join("tests/fixtures").join(name), site.root());
        copy_dir(
            &repo().join("content/i18n"),
            &site.root().join("content/i18n"),
        );
        site.add_theme();
        site
    }

    /// The small fixture site with only its content: templates, styles and interface strings
    /// come from the built-in theme.
    pub fn bare() -> TestSite {
        let site = TestSite {
            dir: tempfile::tempdir().unwrap(),
        };
        copy_dir(&repo().join("tests/fixtures/mini"), site.root());
        site
    }

    /// A copy of the repository's own default site.
    pub fn default_site() -> TestSite {
        let site = TestSite {
            dir: tempfile::tempdir().unwrap(),
        };
        copy_dir(&repo().join("content"), &site.root().join("content"));
        site.add_theme();
        site
    }

    fn add_theme(&self) {
        copy_dir(&repo().join("templates"), &self.root().join("templates"));
        copy_dir(&repo().join("static"), &self.root().join("static"));
    }

    pub fn root(&self) -> &Path {
        self.dir.path()
    }

    pub fn write(&self, rel: &str, text: &str) {
        let p = self.root().join(rel);
        std::fs::create_dir_all(p.parent().unwrap()).unwrap();
        std::fs::write(p, text).unwrap();
    }

    pub fn read(&self, rel: &str) -> String {
        std::fs::read_to_string(self.root().join(rel)).unwrap_or_else(|e| panic!("{rel}: {e}"))
    }

    /// Replaces `from` with `to` in a file, failing if `from` is absent.
    pub fn edit(&self, rel: &str, from: &str, to: &str) {
        let text = self.read(rel);
        assert!(text.contains(from), "{rel} does not contain {from:?}");
        self.write(rel, &text.replacen(from, to, 1));
    }

    pub fn out(&self, rel: &str) -> String {
        self.read(&format!("public/{rel}"))
    }

    /// Runs `yanbao build --root <site>` plus `args`.
    pub fn build(&self, args: &[&str]) -> Output {
        Command::new(env!("CARGO_BIN_EXE_yanbao"))
            .arg("build")
            .arg("--root")
            .arg(self.root())
            .args(args)
            .output()
            .unwrap()
    }

    /// Builds and asserts success, returning stdout.
    pub fn build_ok(&self, args: &[&str]) -> String {
        let out = self.build(args);
        assert!(
            out.status.success(),
            "build failed:\n{}",
            String::from_utf8_lossy(&out.stderr)
        );
        String::from_utf8(out.stdout).unwrap()
    }

    /// Builds and asserts failure, returning stderr.
    pub fn build_err(&self, args: &[&str]) -> String {
        let out = self.build(args);
        assert!(!out.status.success(), "build unexpectedly succeeded");
        String::from_utf8(out.stderr).unwrap()
    }

    /// Every file under `public/` with its bytes, sorted by path.
    pub fn snapshot(&self) -> Vec<(String, Vec<u8>)> {
        tree(&self.root().join("public"))
    }

    /// Paths of every HTML page under `public/`.
    pub fn pages(&self) -> Vec<String> {
        self.snapshot()
            .into_iter()
            .map(|(p, _)| p)
            .filter(|p| p.ends_with(".html"))
            .collect()
    }
}

/// Every file under `base` with its bytes, sorted by path.
pub fn tree(base: &Path) -> Vec<(String, Vec<u8>)> {
    let mut files: Vec<(String, Vec<u8>)> = walkdir::WalkDir::new(base)
        .into_iter()
        .flatten()
        .filter(|e| e.file_type().is_file())
        .map(|e| {
            let rel = e
                .path()
                .strip_prefix(base)
                .unwrap()
                .to_string_lossy()
                .replace('\\', "/");
            (rel, std::fs::read(e.path()).unwrap())
        })
        .collect();
    files.sort();
    files
}

/// Values of `attr` (`href`, `src` or `id`) in `html`, read with the HTML tokenizer the build
/// uses, so any quoting style and entity is read as a browser reads it.
pub fn attr_values(html: &str, attr: &str) -> Vec<String> {
    let index = yanbao::pageindex::PageIndex::of(html);
    match attr {
        "id" => index.ids().map(str::to_string).collect(),
        "href" | "src" => index.urls(attr).map(str::to_string).collect(),
        other => panic!("the page index does not read `{other}`"),
    }
}

/// Decodes `%XX` escapes.
pub fn percent_decode(s: &str) -> String {
    percent_encoding::percent_decode_str(s)
        .decode_utf8_lossy()
        .into_owned()
}
