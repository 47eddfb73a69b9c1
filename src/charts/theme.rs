//! Colours: a colour-blind-safe palette (Okabe–Ito) referenced through CSS custom properties, so
//! charts follow the page into dark mode. plotters only knows fixed colours, so each role is drawn
//! in a unique colour and rewritten afterwards.

use plotters::style::RGBColor;

/// What a colour is for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Role {
    /// Data series 0–5.
    Series(usize),
    /// Labels and titles.
    Text,
    /// Secondary labels, axes.
    Muted,
    /// Grid lines.
    Grid,
    /// Unspecified remainders and tracks.
    Track,
    /// Shaded bands.
    Band,
}

/// Light-mode colours; (role variable, hex).
const SERIES: [(&str, &str); 6] = [
    ("--chart-1", "#0072B2"),
    ("--chart-2", "#D55E00"),
    ("--chart-3", "#009E73"),
    ("--chart-4", "#CC79A7"),
    ("--chart-5", "#56B4E9"),
    ("--chart-6", "#E69F00"),
];
const TEXT: (&str, &str) = ("--chart-text", "#1B1F24");
const MUTED: (&str, &str) = ("--chart-muted", "#4D5761");
const GRID: (&str, &str) = ("--chart-grid", "#D5DBE1");
const TRACK: (&str, &str) = ("--chart-track", "#8A96A3");
const BAND: (&str, &str) = ("--chart-band", "#F2E6C9");

/// Dark-mode colours, in the order of [`all`]; static/charts.css applies them (a test keeps the
/// two in sync). The band is a warm brown light enough to stand apart from the dark page.
#[cfg(test)]
const DARK: [&str; 11] = [
    "#56B4E9", "#F28E52", "#3CC3A0", "#E3A3CB", "#9AD2F2", "#F5C04A", "#E6E9ED", "#A9B3BD",
    "#35404B", "#7D8893", "#6B5A2A",
];

impl Role {
    fn entry(self) -> (&'static str, &'static str) {
        match self {
            Role::Series(i) => SERIES[i % SERIES.len()],
            Role::Text => TEXT,
            Role::Muted => MUTED,
            Role::Grid => GRID,
            Role::Track => TRACK,
            Role::Band => BAND,
        }
    }

    /// The fixed colour plotters draws with.
    pub fn rgb(self) -> RGBColor {
        let hex = self.entry().1;
        let n = u32::from_str_radix(&hex[1..], 16).unwrap_or(0);
        RGBColor((n >> 16) as u8, (n >> 8) as u8, n as u8)
    }
}

fn all() -> Vec<(&'static str, &'static str)> {
    let mut v: Vec<_> = SERIES.to_vec();
    v.extend([TEXT, MUTED, GRID, TRACK, BAND]);
    v
}

#[cfg(test)]
/// CSS declarations of every chart variable for light (`dark = false`) or dark mode.
pub fn css_variables(dark: bool) -> String {
    all()
        .iter()
        .zip(DARK)
        .map(|((var, light), d)| format!("{var}:{};", if dark { d } else { light }))
        .collect()
}

/// Font stack written into stand-alone files, which cannot rely on the page's CSS.
const FONTS: &str = "'PingFang SC','Hiragino Sans','Noto Sans CJK SC','Noto Sans CJK JP','Source Han Sans SC','Microsoft YaHei',system-ui,sans-serif";

/// Escapes text and attribute values for XML, quotes included.
pub fn xml_escape(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
        .replace('\'', "&#39;")
}

/// Rewrites plotters' SVG: the root gets accessible markup, font sizes are rounded. For the page
/// (`standalone = false`) colours become CSS variables and the SVG scales (viewBox only); a
/// stand-alone file keeps resolved colours, a size, a white background and a named font stack,
/// so it renders the same in any viewer.
pub fn finish(raw: &str, id: &str, title: &str, desc: &str, standalone: bool) -> String {
    let mut svg = raw.to_string();
    if standalone {
        svg = svg.replace(
            "font-family=\"sans-serif\"",
            &format!("font-family=\"{FONTS}\""),
        );
    } else {
        for (var, hex) in all() {
            for attr in ["fill", "stroke"] {
                svg = svg.replace(
                    &format!("{attr}=\"{hex}\""),
                    &format!("style=\"{attr}:var({var},{hex})\""),
                );
            }
        }
    }
    svg = svg.replace(" opacity=\"1\"", "");
    svg = round_font_sizes(&svg);
    svg = super::compact::merge_polylines(&svg);
    let body_start = svg.find('>').map_or(0, |i| i + 1);
    let (w, h) = view_box(&svg[..body_start]);
    let (size, background) = if standalone {
        (
            format!(" width=\"{w}\" height=\"{h}\""),
            "<rect width=\"100%\" height=\"100%\" fill=\"#FFFFFF\"/>",
        )
    } else {
        (String::new(), "")
    };
    let id = xml_escape(id);
    format!(
        "<svg xmlns=\"http://www.w3.org/2000/svg\"{size} viewBox=\"0 0 {w} {h}\" class=\"chart-svg\" role=\"img\" aria-labelledby=\"{id}-title {id}-desc\"><title id=\"{id}-title\">{}</title><desc id=\"{id}-desc\">{}</desc>{background}{}",
        xml_escape(title),
        xml_escape(desc),
        svg[body_start..].trim_start()
    )
}

fn view_box(open_tag: &str) -> (String, String) {
    let attr = |name: &str| {
        open_tag
            .split(&format!(" {name}=\""))
            .nth(1)
            .and_then(|s| s.split('"').next())
            .unwrap_or("0")
            .to_string()
    };
    (attr("width"), attr("height"))
}

fn round_font_sizes(svg: &str) -> String {
    let mut out = String::with_capacity(svg.len());
    let mut rest = svg;
    while let Some(i) = rest.find("font-size=\"") {
        let start = i + "font-size=\"".len();
        out.push_str(&rest[..start]);
        let end = rest[start..].find('"').map_or(rest.len(), |e| start + e);
        let v: f64 = rest[start..end].parse().unwrap_or(12.0);
        out.push_str(&format!("{}", (v * 10.0).round() / 10.0));
        rest = &rest[end..];
    }
    out.push_str(rest);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn colours_become_variables_and_root_is_accessible() {
        let raw = "<svg width=\"640\" height=\"300\" viewBox=\"0 0 640 300\" xmlns=\"http://www.w3.org/2000/svg\">\n<rect x=\"0\" opacity=\"1\" fill=\"#0072B2\" stroke=\"none\"/><text font-size=\"10.483870967741936\" fill=\"#1B1F24\">a</text></svg>";
        let out = finish(raw, "m", "Title & <b>", "Desc", false);
        assert!(
            out.starts_with("<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 640 300\"")
        );
        assert!(!out.contains("width=\"640\""));
        assert!(out.contains("<title id=\"m-title\">Title &amp; &lt;b&gt;</title>"));
        assert!(out.contains("style=\"fill:var(--chart-1,#0072B2)\""));
        assert!(out.contains("font-size=\"10.5\""));
        assert!(!out.contains("opacity=\"1\""));
    }

    fn luminance(hex: &str) -> f64 {
        let n = u32::from_str_radix(&hex[1..], 16).unwrap();
        let lin = |c: u32| {
            let c = c as f64 / 255.0;
            if c <= 0.03928 {
                c / 12.92
            } else {
                ((c + 0.055) / 1.055).powf(2.4)
            }
        };
        0.2126 * lin((n >> 16) & 255) + 0.7152 * lin((n >> 8) & 255) + 0.0722 * lin(n & 255)
    }

    fn contrast(a: &str, b: &str) -> f64 {
        let (x, y) = (luminance(a), luminance(b));
        (x.max(y) + 0.05) / (x.min(y) + 0.05)
    }

    #[test]
    fn dark_fills_stand_apart_from_the_dark_page() {
        // The page background in dark mode (static/style.css `--bg`).
        let bg = "#12161b";
        for ((var, _), dark) in all().iter().zip(DARK) {
            let need = if var[8..].parse::<u8>().is_ok() {
                3.0 // data colours: WCAG 1.4.11 non-text contrast
            } else if *var == "--chart-band" {
                2.0 // a filled area must read as a shape (the old #4A3F22 gave 1.7)
            } else {
                1.5 // grid lines and tracks: visibly apart, not loud
            };
            assert!(
                contrast(dark, bg) >= need,
                "{var} {dark}: {:.2}",
                contrast(dark, bg)
            );
        }
    }
}
