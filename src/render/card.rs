//! The social card: a 1200×630 PNG made at build time, the site's mark (the four bars of the
//! favicon) on its accent colour. It carries no text because drawing CJK text would need a font
//! shipped with the binary; `og:image:alt` names the site instead. A `static/social-card.png`
//! replaces it.

use super::OutputFile;
use crate::error::{Error, Result};
use std::path::Path;

/// Site path of the card.
pub const PATH: &str = "social-card.png";
/// Width in pixels (the size OpenGraph and `summary_large_image` recommend).
pub const WIDTH: u32 = 1200;
/// Height in pixels.
pub const HEIGHT: u32 = 630;

const ACCENT: [u8; 3] = [0x0b, 0x4f, 0x8a];
const BAND: [u8; 3] = [0xe3, 0xee, 0xf8];
const WHITE: [u8; 3] = [0xff, 0xff, 0xff];
/// The favicon's bars on its 32-unit grid: x, top y; all end at y = 22.
const BARS: [(f32, f32); 4] = [(8.0, 12.0), (14.0, 8.0), (20.0, 16.0), (26.0, 14.0)];

/// The card as an output file; the same bytes on every build.
pub fn file() -> Result<OutputFile> {
    let mut px = vec![0u8; (WIDTH * HEIGHT * 3) as usize];
    for (i, p) in px.chunks_exact_mut(3).enumerate() {
        let y = i as u32 / WIDTH;
        p.copy_from_slice(if y >= HEIGHT - 24 { &BAND } else { &ACCENT });
    }
    // 20 px per favicon unit, the mark centred in the card above the band.
    let (scale, ox, oy) = (20.0, WIDTH as f32 / 2.0 - 17.0 * 20.0, 303.0 - 15.0 * 20.0);
    for (x, top) in BARS {
        let (cx, y0, y1) = (ox + x * scale, oy + top * scale, oy + 22.0 * scale);
        capsule(&mut px, cx, y0, y1, 1.5 * scale);
    }
    let mut bytes = Vec::new();
    let mut enc = png::Encoder::new(&mut bytes, WIDTH, HEIGHT);
    enc.set_color(png::ColorType::Rgb);
    enc.set_depth(png::BitDepth::Eight);
    enc.write_header()
        .and_then(|mut w| w.write_image_data(&px))
        .map_err(|e| Error::io("encode", Path::new(PATH), std::io::Error::other(e)))?;
    Ok(OutputFile {
        path: PATH.into(),
        bytes,
    })
}

/// Paints a vertical bar with round ends (a stroke from `y0` to `y1` with radius `r`).
fn capsule(px: &mut [u8], cx: f32, y0: f32, y1: f32, r: f32) {
    let (xa, xb) = ((cx - r).max(0.0) as u32, ((cx + r) as u32).min(WIDTH - 1));
    let (ya, yb) = ((y0 - r).max(0.0) as u32, ((y1 + r) as u32).min(HEIGHT - 1));
    for y in ya..=yb {
        for x in xa..=xb {
            let (fx, fy) = (x as f32 + 0.5, y as f32 + 0.5);
            let dy = if fy < y0 {
                y0 - fy
            } else if fy > y1 {
                fy - y1
            } else {
                0.0
            };
            if (fx - cx).powi(2) + dy.powi(2) <= r * r {
                let i = ((y * WIDTH + x) * 3) as usize;
                px[i..i + 3].copy_from_slice(&WHITE);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn card_is_a_png_of_the_announced_size() {
        let f = file().unwrap();
        assert!(f.bytes.starts_with(b"\x89PNG\r\n\x1a\n"));
        // IHDR: width and height as big-endian u32 at bytes 16..24.
        assert_eq!(&f.bytes[16..20], &WIDTH.to_be_bytes());
        assert_eq!(&f.bytes[20..24], &HEIGHT.to_be_bytes());
        assert_eq!(f.bytes, file().unwrap().bytes, "deterministic");
    }
}
