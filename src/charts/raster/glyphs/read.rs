//! Reading the texts of an SVG: which ones are plain enough to draw here, and their
//! properties as usvg resolves them (inherited from groups and the root, usvg's defaults).

use resvg::usvg::{self, roxmltree};
use std::str::FromStr;

/// Attributes a `<text>` drawn here may carry; any other leaves it to usvg.
const TEXT_ATTRS: &[&str] = &["x", "y", "dx", "dy", "id", "class", "role", "aria-hidden"];
/// Inherited attributes read from the text, its group and the root.
const INHERITED: &[&str] = &[
    "text-anchor",
    "font-family",
    "font-size",
    "font-weight",
    "fill",
];
/// Other attributes a group of texts may carry.
const GROUP_ATTRS: &[&str] = &["id", "class"];
/// Attributes of the root `<svg>` that do not change how its texts look.
const ROOT_ATTRS: &[&str] = &[
    "width",
    "height",
    "viewBox",
    "version",
    "class",
    "role",
    "aria-labelledby",
    "aria-label",
];

/// The text properties in force at an element.
#[derive(Clone)]
pub(super) struct Inherit<'a> {
    attrs: [Option<&'a str>; 5],
    font_size: f32,
}

impl<'a> Inherit<'a> {
    /// At the root, over usvg's defaults.
    pub(super) fn root(
        root: roxmltree::Node<'a, '_>,
        options: &'a usvg::Options<'_>,
    ) -> Option<Self> {
        let base = Inherit {
            attrs: [None, Some(options.font_family.as_str()), None, None, None],
            font_size: options.font_size,
        };
        base.within(root, ROOT_ATTRS)
    }

    /// Inside `el`, whose other attributes must be among `allowed` (or ARIA's, or namespaced
    /// such as `xml:lang`).
    fn within(&self, el: roxmltree::Node<'a, '_>, allowed: &[&str]) -> Option<Self> {
        let mut next = self.clone();
        for a in el.attributes() {
            let name = a.name();
            if let Some(i) = INHERITED.iter().position(|n| *n == name) {
                next.attrs[i] = Some(a.value());
            } else if a.namespace().is_none()
                && !allowed.contains(&name)
                && !name.starts_with("aria-")
            {
                return None;
            }
        }
        if let Some(size) = el.attribute("font-size") {
            next.font_size = length(size, self.font_size)?;
        }
        Some(next)
    }
}

/// The texts of a top-level element: itself if a text, or every text of a group holding only texts.
pub(super) fn texts_of<'a>(el: roxmltree::Node<'a, '_>, at: &Inherit<'a>) -> Option<Vec<Wanted>> {
    match el.tag_name().name() {
        "text" => Some(vec![Wanted::of(el, at)?]),
        "g" => {
            let at = at.within(el, GROUP_ATTRS)?;
            let mut texts = Vec::new();
            for n in el.children() {
                if n.is_element() {
                    (n.tag_name().name() == "text").then_some(())?;
                    texts.push(Wanted::of(n, &at)?);
                } else if n.is_text() && !n.text().unwrap_or("").trim().is_empty() {
                    return None;
                }
            }
            Some(texts)
        }
        _ => None,
    }
}

/// A text to draw, as read from the SVG.
pub(super) struct Wanted {
    pub(super) content: String,
    pub(super) x: f32,
    pub(super) y: f32,
    /// Shift of the first character (`dx`, `dy`).
    pub(super) shift: (f32, f32),
    pub(super) anchor: Anchor,
    pub(super) size: f32,
    pub(super) weight: u16,
    pub(super) families: Vec<svgtypes::FontFamily>,
    pub(super) fill: Option<[u8; 3]>,
}

impl Wanted {
    fn of(el: roxmltree::Node<'_, '_>, outer: &Inherit<'_>) -> Option<Wanted> {
        let at = outer.within(el, TEXT_ATTRS)?;
        let mut content = String::new();
        for n in el.children() {
            (n.is_text()).then_some(())?;
            content.push_str(n.text()?);
        }
        let [anchor, family, _, weight, fill] = at.attrs;
        let size = at.font_size;
        let number =
            |name: &str, rel: f32| el.attribute(name).map_or(Some(0.0), |v| length(v, rel));
        let (x, y) = (number("x", f32::NAN)?, number("y", f32::NAN)?);
        let (dx, dy) = (number("dx", size)?, number("dy", size)?);
        (size > 0.0).then_some(())?;
        Some(Wanted {
            content: collapse(&content),
            x,
            y,
            shift: (dx, dy),
            anchor: match anchor.unwrap_or("start") {
                "start" => Anchor::Start,
                "middle" => Anchor::Middle,
                "end" => Anchor::End,
                _ => return None,
            },
            size,
            weight: match weight.unwrap_or("normal") {
                "normal" => 400,
                "bold" => 700,
                w => w.parse().ok().filter(|w| (1..=1000).contains(w))?,
            },
            families: svgtypes::parse_font_families(family?).ok()?,
            fill: match fill.unwrap_or("black") {
                "none" => None,
                f => {
                    let c = svgtypes::Color::from_str(f).ok()?;
                    (c.alpha == 255).then_some([c.red, c.green, c.blue])?.into()
                }
            },
        })
        .filter(|w| w.content.chars().all(left_to_right))
    }
}

/// `text-anchor`.
#[derive(Clone, Copy)]
pub(super) enum Anchor {
    Start,
    Middle,
    End,
}

impl Anchor {
    /// Where a text of `width` starts, relative to its anchor point (as usvg computes it).
    pub(super) fn start(self, width: f32) -> f32 {
        match self {
            Anchor::Start => 0.0,
            Anchor::Middle => -width / 2.0,
            Anchor::End => -width,
        }
    }
}

/// A length in user units: a number, `px`, or `em`/`ex` of the font size `em`; a NaN `em`
/// refuses the relative units.
pub(super) fn length(value: &str, em: f32) -> Option<f32> {
    let l = svgtypes::Length::from_str(value).ok()?;
    let n = l.number as f32;
    let v = match l.unit {
        svgtypes::LengthUnit::None | svgtypes::LengthUnit::Px => n,
        svgtypes::LengthUnit::Em => n * em,
        svgtypes::LengthUnit::Ex => n * em / 2.0,
        _ => return None,
    };
    v.is_finite().then_some(v)
}

/// A text's characters as SVG's default `xml:space` makes them (as usvg does): line breaks
/// and tabs become spaces, runs of spaces one, and one space is trimmed at either end.
pub(super) fn collapse(text: &str) -> String {
    let mut s = String::with_capacity(text.len());
    for c in text.chars() {
        let c = if matches!(c, '\r' | '\n' | '\t') {
            ' '
        } else {
            c
        };
        if !(c == ' ' && s.ends_with(' ')) {
            s.push(c);
        }
    }
    if s == " " {
        s.clear();
    }
    if s.len() > 1 && s.ends_with(' ') {
        s.pop();
    }
    if s.len() > 1 && s.starts_with(' ') {
        s.remove(0);
    }
    s
}

/// Whether `c` keeps a line left to right: usvg reorders right-to-left scripts (and obeys
/// bidi controls), which this does not.
fn left_to_right(c: char) -> bool {
    !matches!(u32::from(c),
        0x0590..=0x08FF | 0xFB1D..=0xFDFF | 0xFE70..=0xFEFF | 0x10800..=0x10FFF
        | 0x1E800..=0x1EFFF | 0x200E | 0x200F | 0x202A..=0x202E | 0x2066..=0x2069)
}
