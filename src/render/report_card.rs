//! A report's own social card (`og:image`): 1200×630, the report's title, date and publisher in
//! the page's language on the site's accent colour. It is drawn as SVG and rasterised by the same
//! path as the chart PNGs ([`crate::charts::raster`]); the title wraps at CJK character or Latin
//! word boundaries, shrinks to fit three lines and is cut with "…" beyond that.

use super::paths::Paths;
use super::OutputFile;
use crate::charts::raster::Raster;
use crate::charts::{text_width, wrap_text};
use crate::content::{Report, Site};
use crate::error::{Diagnostic, Location};

/// Width in pixels (the size OpenGraph and `summary_large_image` recommend).
pub const WIDTH: u32 = 1200;
/// Height in pixels.
pub const HEIGHT: u32 = 630;
/// Left and right margin of the text.
const MARGIN: f64 = 80.0;
/// Title sizes tried in turn until the title fits in [`MAX_LINES`].
const SIZES: [f64; 3] = [64.0, 54.0, 46.0];
const MAX_LINES: usize = 3;
/// The estimate of text widths errs by a few per cent; keep that much room.
const SLACK: f64 = 0.92;
const FONTS: &str =
    "'Noto Sans CJK SC','PingFang SC','Microsoft YaHei','Source Han Sans SC',sans-serif";

/// Site path of the card of `report` in `lang`.
pub fn path(site: &Site, report: &Report, lang: &str) -> String {
    let paths = Paths::new(&site.config);
    format!("{}social-card.png", paths.report(lang, &report.slug))
}

/// The card of `report` in `lang` as a PNG file.
pub fn file(
    site: &Site,
    report: &Report,
    lang: &str,
    raster: &Raster,
) -> Result<OutputFile, Diagnostic> {
    let m = &report.manifest;
    let svg = svg(
        m.title.text(lang),
        &m.date,
        site.config.site.publisher.name.text(lang),
    );
    let path = path(site, report, lang);
    let bytes = raster
        .png_reusing_digest(&svg, &path, 1.0)
        .map_err(|e| Diagnostic::error(Location::file(&report.dir), e))?;
    Ok(OutputFile { path, bytes })
}

/// Punctuation that must not begin a line (Chinese line-breaking rules, 避头点).
const NO_LINE_START: &str = "，。、；：！？）」』》〉】”’,.;:!?)";

/// `wrap_text`, with punctuation that would begin a line hung at the end of the line before
/// (it fits: the width estimate leaves [`SLACK`]).
fn wrap(text: &str, size: f64, max: f64) -> Vec<String> {
    let mut lines: Vec<String> = Vec::new();
    for mut line in wrap_text(text, size, max) {
        if let Some(prev) = lines.last_mut() {
            while let Some(c) = line.chars().next().filter(|c| NO_LINE_START.contains(*c)) {
                prev.push(c);
                line.remove(0);
            }
        }
        if !line.trim().is_empty() {
            lines.push(line);
        }
    }
    lines
}

/// The title in lines of one size that fit the card: the largest size that needs at most
/// [`MAX_LINES`], else the smallest with its last line cut short.
fn title_lines(title: &str) -> (f64, Vec<String>) {
    let max = (f64::from(WIDTH) - 2.0 * MARGIN) * SLACK;
    for size in SIZES {
        let lines = wrap(title, size, max);
        if lines.len() <= MAX_LINES {
            return (size, lines);
        }
    }
    let size = SIZES[SIZES.len() - 1];
    let mut lines = wrap(title, size, max);
    lines.truncate(MAX_LINES);
    if let Some(last) = lines.last_mut() {
        while !last.is_empty() && text_width(&format!("{last}…"), size) > max {
            last.pop();
        }
        *last = format!("{}…", last.trim_end());
    }
    (size, lines)
}

fn xml(s: &str) -> String {
    crate::escape::html(s).into_owned()
}

/// The card as SVG: publisher at the top, the title in the middle, the date at the bottom.
pub fn svg(title: &str, date: &str, publisher: &str) -> String {
    let (size, lines) = title_lines(title);
    let line_h = size * 1.25;
    let top = (f64::from(HEIGHT) - line_h * lines.len() as f64) / 2.0 + size;
    let title_text: String = lines
        .iter()
        .enumerate()
        .map(|(i, l)| {
            format!(
                "<text x=\"{MARGIN}\" y=\"{:.1}\" font-size=\"{size}\" font-weight=\"bold\">{}</text>",
                top + line_h * i as f64,
                xml(l)
            )
        })
        .collect();
    let publisher = wrap_text(publisher, 30.0, (f64::from(WIDTH) - 2.0 * MARGIN) * SLACK)
        .into_iter()
        .next()
        .unwrap_or_default();
    format!(
        "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{WIDTH}\" height=\"{HEIGHT}\" viewBox=\"0 0 {WIDTH} {HEIGHT}\" font-family=\"{FONTS}\">\
<rect width=\"{WIDTH}\" height=\"{HEIGHT}\" fill=\"#0b4f8a\"/>\
<rect y=\"{}\" width=\"{WIDTH}\" height=\"24\" fill=\"#e3eef8\"/>\
<g fill=\"#e3eef8\"><text x=\"{MARGIN}\" y=\"110\" font-size=\"30\">{}</text>\
<text x=\"{MARGIN}\" y=\"{}\" font-size=\"30\">{}</text></g>\
<g fill=\"#ffffff\">{title_text}</g></svg>",
        HEIGHT - 24,
        xml(&publisher),
        HEIGHT - 70,
        xml(date),
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use resvg::usvg;

    /// Every text of the card, measured with the real font after layout, lies inside it.
    fn assert_inside(svg: &str, raster: &Raster) {
        let tree = usvg::Tree::from_str(svg, &raster.usvg_options()).unwrap();
        let mut texts = 0;
        for node in tree.root().children() {
            if let usvg::Node::Group(g) = node {
                for n in g.children() {
                    if let usvg::Node::Text(t) = n {
                        texts += 1;
                        let b = t.abs_bounding_box();
                        assert!(
                            b.left() >= 0.0
                                && b.top() >= 0.0
                                && b.right() <= WIDTH as f32 - 40.0
                                && b.bottom() <= HEIGHT as f32 - 24.0,
                            "text outside the card: {b:?}"
                        );
                    }
                }
            }
        }
        assert!(texts >= 3, "the card has its texts");
    }

    #[test]
    fn long_cjk_and_latin_titles_wrap_and_stay_inside_the_card() {
        let raster = Raster::system();
        if !raster.has_cjk() {
            eprintln!("no CJK font: cannot measure the card");
            return;
        }
        let zh = "AIGC行业趋势：多模态大模型与商业化落地的全景扫描——从技术突破到产业应用的深度研究，兼论开源生态与算力成本的长期演变以及监管框架";
        let (size, lines) = title_lines(zh);
        assert_eq!(lines.len(), 3);
        assert_eq!(size, 46.0);
        assert!(lines[2].ends_with('…'), "{lines:?}");
        assert_inside(&svg(zh, "2024-04-22", "浦银国际证券有限公司"), &raster);
        let en = "Generative AI industry trends: multimodal models, open source and the road to commercial use";
        assert_inside(
            &svg(en, "2024-04-22", "SPDB International Securities Limited"),
            &raster,
        );
        let (_, short) = title_lines("AIGC");
        assert_eq!(short, vec!["AIGC".to_string()]);
        let (_, lines) = title_lines("AIGC 行业趋势：强调应用落地，多模态是大势所趋");
        assert!(lines.iter().all(|l| !l.starts_with('，')), "{lines:?}");
    }

    #[test]
    fn the_card_text_is_drawn_by_yanbao_as_usvg_would_draw_it() {
        if !Raster::system().has_cjk() {
            return;
        }
        for (title, publisher) in [
            ("AIGC 行业趋势：强调应用落地，多模态是大势所趋", "浦银国际"),
            (
                "Generative AI: the road to commercial use & <scale>",
                "SPDB International",
            ),
        ] {
            let card = svg(title, "2024-04-22", publisher);
            assert!(crate::charts::raster::drawn_as_usvg_draws(&card, 1.0));
        }
    }

    #[test]
    fn the_card_escapes_its_texts() {
        let s = svg("<b>&</b>", "2024", "\"P\"");
        assert!(s.contains("&lt;b&gt;&amp;&lt;/b&gt;"));
        assert!(!s.contains("<b>"));
    }
}
