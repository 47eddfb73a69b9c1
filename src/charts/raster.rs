//! PNG export: a chart's stand-alone SVG rasterised at build time with resvg (usvg parses,
//! tiny-skia paints), the same path for the social card. Fonts come from the system, but only
//! the one CJK family the SVGs need is loaded: scanning every system font costs far more than
//! the rasterising itself.
//!
//! A PNG is a pure function of its SVG bytes, the scale and the fonts, so a build may reuse the
//! PNG of its previous output when the SVG beside it is byte-identical and the PNG carries the
//! same [`Raster::key`] (a `tEXt` chunk naming yanbao's version and the fonts it used).

use crate::error::{Diagnostic, Location};
use resvg::tiny_skia;
use resvg::usvg::{self, fontdb};
use std::path::{Path, PathBuf};
use std::sync::Arc;

mod glyphs;
#[cfg(test)]
pub(crate) use glyphs::tests::drawn_as_usvg_draws;

/// The scale of chart PNGs: twice the SVG's size, sharp on slides and high-density screens.
pub const SCALE: f32 = 2.0;

/// Font families yanbao looks for, best first, each as its regular and bold files: each holds
/// Chinese, Japanese and Latin glyphs.
const CJK_FILES: &[&[&str]] = &[
    &["NotoSansCJK-Regular.ttc", "NotoSansCJK-Bold.ttc"],
    &["NotoSansCJKsc-Regular.otf", "NotoSansCJKsc-Bold.otf"],
    &["NotoSansSC-Regular.otf", "NotoSansSC-Bold.otf"],
    &["SourceHanSans-Regular.ttc", "SourceHanSans-Bold.ttc"],
    &["SourceHanSansSC-Regular.otf", "SourceHanSansSC-Bold.otf"],
    &["PingFang.ttc"],
    &["msyh.ttc", "msyhbd.ttc"],
    &["wqy-microhei.ttc"],
    &["wqy-zenhei.ttc"],
];

/// Latin fonts used only when no CJK font is installed, so English charts still have text.
const LATIN_FILES: &[&[&str]] = &[
    &["DejaVuSans.ttf", "DejaVuSans-Bold.ttf"],
    &["LiberationSans-Regular.ttf", "LiberationSans-Bold.ttf"],
    &["Arial.ttf", "Arial Bold.ttf"],
];

/// The font a build names when it finds no CJK font.
pub const NEEDED_FONT: &str =
    "Noto Sans CJK SC (Debian/Ubuntu: fonts-noto-cjk; macOS and Windows ship PingFang SC / Microsoft YaHei)";

/// Bumped whenever the rasterising code changes its output, so no older PNG is reused.
const REVISION: u32 = 1;
/// Keyword of the PNG `tEXt` chunk that carries [`Raster::key`].
const KEY_CHUNK: &str = "yanbao-raster";

/// Where system fonts live on Linux, macOS and Windows.
fn system_dirs() -> Vec<PathBuf> {
    let mut dirs: Vec<PathBuf> = [
        "/usr/share/fonts",
        "/usr/local/share/fonts",
        "/System/Library/Fonts",
        "/Library/Fonts",
        "C:\\Windows\\Fonts",
    ]
    .iter()
    .map(PathBuf::from)
    .collect();
    if let Some(home) = std::env::var_os("HOME") {
        let home = PathBuf::from(home);
        dirs.extend([home.join(".local/share/fonts"), home.join(".fonts")]);
    }
    dirs
}

/// Turns SVG into PNG with the fonts it found; shared by every thread of a build.
#[derive(Clone)]
pub struct Raster {
    fonts: Arc<fontdb::Database>,
    key: String,
    cjk: bool,
    previous: Option<PathBuf>,
}

impl std::fmt::Debug for Raster {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Raster").field("key", &self.key).finish()
    }
}

impl Raster {
    /// A rasteriser with the system's CJK font (see [`Raster::from_dirs`]).
    pub fn system() -> Raster {
        Raster::from_dirs(&system_dirs())
    }

    /// A rasteriser with the best CJK font found under `dirs` (a Latin one if there is none).
    pub fn from_dirs(dirs: &[PathBuf]) -> Raster {
        let mut files = find(dirs, CJK_FILES);
        let cjk = !files.is_empty();
        if !cjk {
            files = find(dirs, LATIN_FILES);
        }
        let mut db = fontdb::Database::new();
        let mut key = format!("yanbao {} r{REVISION}", env!("CARGO_PKG_VERSION"));
        for f in &files {
            // Read once into memory: a font loaded by path is opened and mapped again for
            // every text run, which cost more than the rasterising itself.
            if let Ok(bytes) = std::fs::read(f) {
                db.load_font_source(fontdb::Source::Binary(Arc::new(bytes)));
            }
            let size = std::fs::metadata(f).map(|m| m.len()).unwrap_or(0);
            let name = f.file_name().unwrap_or_default().to_string_lossy();
            key.push_str(&format!("; {name} {size}"));
        }
        // The SVG's generic families (`system-ui`, `sans-serif`) resolve to the font found.
        // Simplified Chinese first: a CJK collection's first face is often its Japanese one.
        let names: Vec<String> = db
            .faces()
            .filter_map(|f| f.families.first().map(|n| n.0.clone()))
            .collect();
        if let Some(family) = names.iter().find(|n| n.ends_with(" SC")).or(names.first()) {
            db.set_sans_serif_family(family.clone());
        }
        Raster {
            fonts: Arc::new(db),
            key,
            cjk,
            previous: None,
        }
    }

    /// Lets the rasteriser reuse PNGs from a previous build's output folder.
    pub fn reusing(mut self, previous: &Path) -> Raster {
        self.previous = Some(previous.to_path_buf());
        self
    }

    /// Whether a CJK font was found.
    pub fn has_cjk(&self) -> bool {
        self.cjk
    }

    /// The build's one warning when no CJK font was found: PNG text in Chinese will be missing.
    pub fn font_warning(&self, out: &Path) -> Option<Diagnostic> {
        (!self.cjk).then(|| {
            Diagnostic::warning(
                Location::file(out),
                "no CJK font found: Chinese text in PNG charts and social cards will be missing",
            )
            .with_help(format!("install {NEEDED_FONT}"))
        })
    }

    /// What a PNG made here records about how it was made: yanbao's version and the fonts.
    pub fn key(&self) -> &str {
        &self.key
    }

    /// usvg's options with the fonts found.
    pub fn usvg_options(&self) -> usvg::Options<'static> {
        usvg::Options {
            fontdb: self.fonts.clone(),
            ..usvg::Options::default()
        }
    }

    /// Rasterises `svg` at `scale` into PNG bytes (the same bytes for the same input).
    pub fn png(&self, svg: &str, scale: f32) -> Result<Vec<u8>, String> {
        self.render(svg, scale, &self.key)
    }

    /// [`Raster::png`], with `key` as the PNG's key chunk.
    fn render(&self, svg: &str, scale: f32, key: &str) -> Result<Vec<u8>, String> {
        let options = self.usvg_options();
        if let Some(pixmap) = glyphs::render(svg, scale, &options) {
            return encode(pixmap, key);
        }
        let tree = usvg::Tree::from_str(svg, &options).map_err(|e| format!("SVG for PNG: {e}"))?;
        let size = tree
            .size()
            .to_int_size()
            .scale_by(scale)
            .ok_or("empty SVG")?;
        let mut pixmap = tiny_skia::Pixmap::new(size.width(), size.height())
            .ok_or_else(|| format!("PNG of {}×{} px is too large", size.width(), size.height()))?;
        resvg::render(
            &tree,
            tiny_skia::Transform::from_scale(scale, scale),
            &mut pixmap.as_mut(),
        );
        encode(pixmap, key)
    }

    /// The PNG for `svg`: the previous output's `png_path` if its SVG at `svg_path` has the same
    /// bytes and the PNG the same key, else a new one.
    pub fn png_reusing(
        &self,
        svg: &str,
        svg_path: &str,
        png_path: &str,
    ) -> Result<Vec<u8>, String> {
        if let Some(old) = self
            .previous
            .as_ref()
            .and_then(|dir| reusable(dir, svg, svg_path, png_path, &self.key))
        {
            return Ok(old);
        }
        self.png(svg, SCALE)
    }
}

impl Raster {
    /// The PNG of `svg`, an SVG the output does not hold (a social card), at `scale`: the
    /// previous output's `png_path` if its key says it was made the same way from an SVG with the
    /// same digest, else a new one, whose key carries that digest.
    pub fn png_reusing_digest(
        &self,
        svg: &str,
        png_path: &str,
        scale: f32,
    ) -> Result<Vec<u8>, String> {
        let key = format!("{}; svg {:016x} x{scale}", self.key, fnv1a(svg.as_bytes()));
        let old = self
            .previous
            .as_ref()
            .and_then(|dir| std::fs::read(dir.join(png_path)).ok())
            .filter(|png| key_of(png).as_deref() == Some(key.as_str()));
        match old {
            Some(png) => Ok(png),
            None => self.render(svg, scale, &key),
        }
    }
}

/// 64-bit FNV-1a: a digest that stays the same across builds, platforms and Rust versions.
fn fnv1a(bytes: &[u8]) -> u64 {
    bytes.iter().fold(0xcbf2_9ce4_8422_2325, |h, &b| {
        (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3)
    })
}

/// The previous PNG, if its SVG is unchanged and it was made the same way.
fn reusable(dir: &Path, svg: &str, svg_path: &str, png_path: &str, key: &str) -> Option<Vec<u8>> {
    let old_svg = std::fs::read(dir.join(svg_path)).ok()?;
    if old_svg != svg.as_bytes() {
        return None;
    }
    let png = std::fs::read(dir.join(png_path)).ok()?;
    (key_of(&png).as_deref() == Some(key)).then_some(png)
}

/// The [`Raster::key`] a PNG carries, if it carries one.
pub fn key_of(png: &[u8]) -> Option<String> {
    let reader = png::Decoder::new(std::io::Cursor::new(png))
        .read_info()
        .ok()?;
    reader
        .info()
        .uncompressed_latin1_text
        .iter()
        .find(|t| t.keyword == KEY_CHUNK)
        .map(|t| t.text.clone())
}

/// Encodes a premultiplied pixmap (consumed: its pixels are demultiplied in place) as an 8-bit RGBA PNG with the key chunk.
fn encode(pixmap: tiny_skia::Pixmap, key: &str) -> Result<Vec<u8>, String> {
    let (width, height) = (pixmap.width(), pixmap.height());
    let mut rgba = pixmap.take();
    // Most pixels of a chart are fully opaque or fully transparent: both are their own
    // demultiplied form (a transparent one is all zeros either way), so only edges divide.
    for px in rgba.chunks_exact_mut(4) {
        if let (false, Some(p)) = (
            matches!(px[3], 0 | 255),
            tiny_skia::PremultipliedColorU8::from_rgba(px[0], px[1], px[2], px[3]),
        ) {
            let c = p.demultiply();
            px.copy_from_slice(&[c.red(), c.green(), c.blue(), c.alpha()]);
        }
    }
    let mut bytes = Vec::new();
    let mut enc = png::Encoder::new(&mut bytes, width, height);
    enc.set_color(png::ColorType::Rgba);
    enc.set_depth(png::BitDepth::Eight);
    enc.add_text_chunk(KEY_CHUNK.into(), key.into())
        .map_err(|e| e.to_string())?;
    let mut w = enc.write_header().map_err(|e| e.to_string())?;
    w.write_image_data(&rgba).map_err(|e| e.to_string())?;
    w.finish().map_err(|e| e.to_string())?;
    Ok(bytes)
}

/// The files of the first family of `families` found under `dirs` (one path per file name).
fn find(dirs: &[PathBuf], families: &[&[&str]]) -> Vec<PathBuf> {
    let mut found: Vec<(usize, usize, PathBuf)> = dirs
        .iter()
        .filter(|d| d.is_dir())
        .flat_map(|d| walkdir::WalkDir::new(d).follow_links(true).max_depth(6))
        .filter_map(|e| e.ok())
        .filter_map(|e| {
            let name = e.file_name().to_str()?;
            let (family, file) = families
                .iter()
                .enumerate()
                .find_map(|(i, f)| Some((i, f.iter().position(|n| *n == name)?)))?;
            Some((family, file, e.into_path()))
        })
        .collect();
    // Sorted, so the same fonts win on every build whatever order the folders list in.
    found.sort();
    found.dedup_by(|a, b| (a.0, a.1) == (b.0, b.1));
    let best = found.first().map(|f| f.0);
    found
        .into_iter()
        .filter(|f| Some(f.0) == best)
        .map(|f| f.2)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    const SVG: &str = "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"40\" height=\"20\"><rect width=\"40\" height=\"20\" fill=\"#0b4f8a\"/><text x=\"2\" y=\"15\" font-size=\"12\" fill=\"#fff\">图 Ab</text></svg>";

    fn dims(png: &[u8]) -> (u32, u32) {
        let at = |i: usize| u32::from_be_bytes(png[i..i + 4].try_into().unwrap());
        (at(16), at(20))
    }

    #[test]
    fn encodes_every_alpha_as_tiny_skia_demultiplies_it() {
        let mut pixmap = tiny_skia::Pixmap::new(4, 1).unwrap();
        let colours = [
            (0, 0, 0, 0),
            (10, 20, 30, 255),
            (40, 60, 80, 128),
            (1, 2, 3, 7),
        ];
        for (px, (r, g, b, a)) in pixmap.pixels_mut().iter_mut().zip(colours) {
            *px = tiny_skia::PremultipliedColorU8::from_rgba(r, g, b, a).unwrap();
        }
        let png = encode(pixmap.clone(), "k").unwrap();
        let mut reader = png::Decoder::new(std::io::Cursor::new(png))
            .read_info()
            .unwrap();
        let mut rgba = vec![0; reader.output_buffer_size()];
        reader.next_frame(&mut rgba).unwrap();
        let expected: Vec<u8> = pixmap
            .pixels()
            .iter()
            .flat_map(|p| {
                let c = p.demultiply();
                [c.red(), c.green(), c.blue(), c.alpha()]
            })
            .collect();
        assert_eq!(rgba, expected);
        assert_eq!(
            &rgba[8..12],
            &[80, 120, 159, 128],
            "a half-covered pixel is divided"
        );
    }

    #[test]
    fn without_a_cjk_font_it_warns_naming_the_font_and_still_rasterises() {
        let empty = tempfile::tempdir().unwrap();
        let r = Raster::from_dirs(&[empty.path().to_path_buf()]);
        assert!(!r.has_cjk());
        let w = r.font_warning(Path::new("public")).expect("a warning");
        let text = w.render(None);
        assert!(
            text.contains("Noto Sans CJK SC") && text.contains("fonts-noto-cjk"),
            "{text}"
        );
        let png = r.png(SVG, SCALE).unwrap();
        assert_eq!(dims(&png), (80, 40));
    }

    #[test]
    fn finds_the_first_family_listed_and_both_its_weights() {
        let dir = tempfile::tempdir().unwrap();
        let sub = dir.path().join("a/b");
        std::fs::create_dir_all(&sub).unwrap();
        for f in ["wqy-zenhei.ttc", "msyh.ttc", "msyhbd.ttc", "other.ttf"] {
            std::fs::write(sub.join(f), b"not a font").unwrap();
        }
        let found = find(&[dir.path().to_path_buf()], CJK_FILES);
        let names: Vec<_> = found.iter().map(|p| p.file_name().unwrap()).collect();
        assert_eq!(names, ["msyh.ttc", "msyhbd.ttc"]);
        // Unreadable fonts are skipped: no CJK face is known, but nothing fails.
        let r = Raster::from_dirs(&[dir.path().to_path_buf()]);
        assert!(r.png(SVG, 1.0).is_ok());
    }

    #[test]
    fn pngs_are_deterministic_scaled_and_carry_their_key() {
        let r = Raster::system();
        let a = r.png(SVG, SCALE).unwrap();
        assert_eq!(a, r.png(SVG, SCALE).unwrap());
        assert_eq!(dims(&a), (80, 40));
        assert_eq!(key_of(&a).as_deref(), Some(r.key()));
        assert!(
            r.png("<svg", 1.0).is_err(),
            "bad SVG is an error, not a panic"
        );
    }

    #[test]
    fn reuses_a_previous_card_only_for_the_same_svg_digest() {
        let r = Raster::system();
        let dir = tempfile::tempdir().unwrap();
        let reusing = r.clone().reusing(dir.path());
        let made = reusing.png_reusing_digest(SVG, "card.png", 1.0).unwrap();
        assert_eq!(dims(&made), (40, 20));
        // The key names the SVG's digest; plant a PNG of another SVG under that key to see reuse.
        let key = key_of(&made).unwrap();
        let mut pixmap = tiny_skia::Pixmap::new(3, 3).unwrap();
        pixmap.fill(tiny_skia::Color::BLACK);
        let planted = encode(pixmap, &key).unwrap();
        std::fs::write(dir.path().join("card.png"), &planted).unwrap();
        assert_eq!(
            reusing.png_reusing_digest(SVG, "card.png", 1.0).unwrap(),
            planted
        );
        // Another SVG, or another scale, is drawn again.
        let other = SVG.replace("Ab", "Cd");
        let redrawn = reusing.png_reusing_digest(&other, "card.png", 1.0).unwrap();
        assert_ne!(redrawn, planted);
        assert_eq!(
            redrawn,
            r.png_reusing_digest(&other, "card.png", 1.0).unwrap()
        );
        assert_ne!(
            reusing.png_reusing_digest(SVG, "card.png", 2.0).unwrap(),
            planted
        );
    }

    #[test]
    fn reuses_a_previous_png_only_for_the_same_svg_and_key() {
        let r = Raster::system();
        let dir = tempfile::tempdir().unwrap();
        let other = SVG.replace("#0b4f8a", "#000000");
        // A PNG of another SVG stands where the old one was, so reuse is visible in the bytes.
        let planted = r.png(&other, SCALE).unwrap();
        std::fs::write(dir.path().join("c.svg"), SVG).unwrap();
        std::fs::write(dir.path().join("c.png"), &planted).unwrap();
        let reusing = r.clone().reusing(dir.path());
        assert_eq!(reusing.png_reusing(SVG, "c.svg", "c.png").unwrap(), planted);
        let fresh = r.png(&other, SCALE).unwrap();
        std::fs::write(dir.path().join("c.svg"), SVG.replace("Ab", "Cd")).unwrap();
        assert_ne!(reusing.png_reusing(SVG, "c.svg", "c.png").unwrap(), planted);
        // Same SVG, but the PNG was made another way (no key): made again.
        std::fs::write(dir.path().join("c.svg"), SVG).unwrap();
        let keyless = encode(tiny_skia::Pixmap::new(80, 40).unwrap(), "other").unwrap();
        std::fs::write(dir.path().join("c.png"), &keyless).unwrap();
        assert_eq!(
            reusing.png_reusing(SVG, "c.svg", "c.png").unwrap(),
            r.png(SVG, SCALE).unwrap()
        );
        assert_eq!(fresh, planted);
    }
}
