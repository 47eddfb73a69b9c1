//! Text of a rasterised SVG, laid out and drawn by yanbao rather than usvg. usvg parses the font
//! afresh for every `<text>` (rustybuzz builds its GSUB/GPOS tables each time) and for every
//! glyph (four times): with a CJK font that was the larger part of a chart PNG's cost. Here each
//! face is parsed once per SVG and each glyph outlined once, with usvg's shaping and arithmetic,
//! so the pixels come out the same (tests compare them with usvg's, byte for byte). resvg draws
//! the rest of the SVG and the texts are drawn over it: the same pixels as in document order as
//! long as nothing later in the document reaches a text, else the whole SVG is left to usvg. A
//! text this does not fully understand (another attribute, a `tspan`, a glyph the font lacks,
//! right-to-left script…) stays in the SVG for usvg to draw.

use resvg::tiny_skia::{self, Path, Transform};
use resvg::usvg::{self, roxmltree};

mod layout;
mod read;

use layout::shape;
use read::{texts_of, Inherit};

/// Prefix of the ids given to top-level elements, to find them again in usvg's tree.
const ID_PREFIX: &str = "yanbao-raster-";

/// Renders `svg` at `scale`, drawing its plain texts itself; `None` when the SVG has no such
/// text (or anything that could make its texts look otherwise, such as a style sheet) or
/// cannot be drawn, for the caller to render it with resvg alone.
pub(super) fn render(
    svg: &str,
    scale: f32,
    options: &usvg::Options<'_>,
) -> Option<tiny_skia::Pixmap> {
    let doc = roxmltree::Document::parse(svg).ok()?;
    let root = doc.root_element();
    if !plain_document(&doc) {
        return None;
    }
    let inherit = Inherit::root(root, options)?;
    let mut wanted = Vec::new();
    for (index, el) in root.children().filter(|n| n.is_element()).enumerate() {
        if let Some(texts) = texts_of(el, &inherit) {
            wanted.push((index, texts));
        }
    }
    let drawn = shape(wanted, &options.fontdb);
    if drawn.is_empty() {
        return None;
    }
    let rest = without(svg, root, &drawn)?;
    let tree = usvg::Tree::from_str(&rest, options).ok()?;
    let size = tree.size().to_int_size().scale_by(scale)?;
    let order: Option<Vec<usize>> = tree
        .root()
        .children()
        .iter()
        .map(|n| node_index(n, root))
        .collect();
    // Texts are drawn over the rest: the same pixels as in document order as long as nothing
    // after a text in the document touches it.
    let later = tree.root().children().iter().zip(order?);
    for (node, at) in later {
        let area = reach(node);
        if drawn.iter().any(|t| t.index < at && t.touches(area)) {
            return None;
        }
    }
    let mut pixmap = tiny_skia::Pixmap::new(size.width(), size.height())?;
    let ts = Transform::from_scale(scale, scale);
    resvg::render(&tree, ts, &mut pixmap.as_mut());
    for t in &drawn {
        t.draw(ts, &mut pixmap);
    }
    Some(pixmap)
}

/// What a node may paint, in user units: its bounds with its stroke (and its filters' region).
fn reach(node: &usvg::Node) -> tiny_skia::Rect {
    let stroke = node.abs_stroke_bounding_box();
    match node.abs_layer_bounding_box() {
        Some(layer) => {
            let l = layer.to_rect();
            tiny_skia::Rect::from_ltrb(
                l.left().min(stroke.left()),
                l.top().min(stroke.top()),
                l.right().max(stroke.right()),
                l.bottom().max(stroke.bottom()),
            )
            .unwrap_or(stroke)
        }
        None => stroke,
    }
}

/// No style sheet, `xml:space`, `use` or `tref` anywhere: what could change a text's look or
/// refer to it from elsewhere; and no id already taken by [`ID_PREFIX`].
fn plain_document(doc: &roxmltree::Document<'_>) -> bool {
    doc.descendants().all(|n| {
        !n.is_element()
            || (!matches!(n.tag_name().name(), "style" | "use" | "tref")
                && n.attributes().all(|a| {
                    a.name() != "space"
                        && a.name() != "style"
                        && !(a.name() == "id" && a.value().starts_with(ID_PREFIX))
                }))
    })
}

/// The index among the root's elements of the element a node of usvg's tree came from. A
/// group usvg made for an element (for its `opacity`) has no id; its first child has.
fn node_index(node: &usvg::Node, root: roxmltree::Node<'_, '_>) -> Option<usize> {
    match node {
        usvg::Node::Group(g) if g.id().is_empty() => node_index(g.children().first()?, root),
        n => index_of(n.id(), root),
    }
}

/// The index among the root's elements of the element with id `id`.
fn index_of(id: &str, root: roxmltree::Node<'_, '_>) -> Option<usize> {
    if let Some(n) = id.strip_prefix(ID_PREFIX) {
        return n.parse().ok();
    }
    root.children()
        .filter(|n| n.is_element())
        .position(|n| !id.is_empty() && n.attribute("id") == Some(id))
}

/// A text laid out: its glyphs as one path in user units, and its colour.
struct Drawn {
    index: usize,
    path: Option<Path>,
    fill: Option<[u8; 3]>,
}

impl Drawn {
    /// Whether `area` comes within a pixel's reach (anti-aliasing included) of the text.
    fn touches(&self, area: tiny_skia::Rect) -> bool {
        let Some(b) = self.path.as_ref().map(Path::bounds) else {
            return false;
        };
        const MARGIN: f32 = 1.0;
        b.left() - MARGIN < area.right()
            && area.left() < b.right() + MARGIN
            && b.top() - MARGIN < area.bottom()
            && area.top() < b.bottom() + MARGIN
    }

    /// Fills the text as resvg fills a text's path.
    fn draw(&self, ts: Transform, pixmap: &mut tiny_skia::Pixmap) {
        let (Some(path), Some([r, g, b])) = (&self.path, self.fill) else {
            return;
        };
        if path.bounds().width() == 0.0 || path.bounds().height() == 0.0 {
            return;
        }
        let mut paint = tiny_skia::Paint::default();
        paint.set_color_rgba8(r, g, b, 255);
        paint.anti_alias = true;
        pixmap.fill_path(path, &paint, tiny_skia::FillRule::Winding, ts, None);
    }
}

/// `svg` without the top-level elements drawn here, every other top-level element carrying an
/// id (its index after [`ID_PREFIX`] when it had none) so that its node is found in usvg's tree.
fn without(svg: &str, root: roxmltree::Node<'_, '_>, drawn: &[Drawn]) -> Option<String> {
    let mut out = String::with_capacity(svg.len());
    let mut pos = 0;
    for (index, el) in root.children().filter(|n| n.is_element()).enumerate() {
        let range = el.range();
        if drawn.iter().any(|d| d.index == index) {
            out.push_str(svg.get(pos..range.start)?);
            pos = range.end;
        } else if el.attribute("id").is_none() {
            let name = svg.get(range.start + 1..)?;
            let name_end = range.start
                + 1
                + name.find(|c: char| c.is_ascii_whitespace() || c == '/' || c == '>')?;
            out.push_str(svg.get(pos..name_end)?);
            out.push_str(&format!(" id=\"{ID_PREFIX}{index}\""));
            pos = name_end;
        }
    }
    out.push_str(svg.get(pos..)?);
    Some(out)
}

#[cfg(test)]
pub(crate) mod tests {
    use super::read::{collapse, length};
    use super::*;
    use crate::charts::raster::Raster;

    /// usvg's own rendering of `svg`.
    fn by_usvg(svg: &str, scale: f32, options: &usvg::Options<'_>) -> tiny_skia::Pixmap {
        let tree = usvg::Tree::from_str(svg, options).unwrap();
        let size = tree.size().to_int_size().scale_by(scale).unwrap();
        let mut pixmap = tiny_skia::Pixmap::new(size.width(), size.height()).unwrap();
        resvg::render(
            &tree,
            Transform::from_scale(scale, scale),
            &mut pixmap.as_mut(),
        );
        pixmap
    }

    /// Whether the texts of `svg` were drawn here; panics unless the pixels are usvg's.
    pub(crate) fn drawn_as_usvg_draws(svg: &str, scale: f32) -> bool {
        let raster = Raster::system();
        let options = raster.usvg_options();
        let Some(ours) = render(svg, scale, &options) else {
            return false;
        };
        let theirs = by_usvg(svg, scale, &options);
        let differ = ours
            .data()
            .iter()
            .zip(theirs.data())
            .filter(|(a, b)| a != b)
            .count();
        assert_eq!(
            differ, 0,
            "{differ} bytes differ from usvg's rendering of {svg}"
        );
        true
    }

    #[test]
    fn every_chart_kind_in_both_languages_is_drawn_as_usvg_draws_it() {
        let cjk = Raster::system().has_cjk();
        let mut drawn = 0;
        let mut all = 0;
        for (kind, yaml) in crate::charts::tests::every_kind() {
            for lang in crate::charts::tests::LANGS {
                let fig = crate::charts::tests::draw(&crate::charts::tests::chart(&yaml), lang);
                let svg = fig.unwrap_or_else(|e| panic!("{kind}: {e:?}")).svg_file;
                for scale in [1.0, super::super::SCALE] {
                    all += 1;
                    drawn += usize::from(drawn_as_usvg_draws(&svg, scale));
                }
            }
        }
        // With a CJK font nearly every chart is drawn here (one whose texts overlap a later
        // shape is left to usvg); without one, nothing is.
        if cjk {
            assert!(drawn * 10 >= all * 8, "only {drawn} of {all} drawn here");
        }
    }

    const FONTS: &str = "font-family=\"'Noto Sans CJK SC',sans-serif\"";

    fn svg(body: &str) -> String {
        format!(
            "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"300\" height=\"80\" {FONTS}>\
             <rect width=\"300\" height=\"80\" fill=\"#fff\"/>{body}</svg>"
        )
    }

    #[test]
    fn plain_texts_in_groups_anchored_shifted_bold_are_drawn_here() {
        if !Raster::system().has_cjk() {
            return;
        }
        for body in [
            "<text x=\"10\" y=\"40\" font-size=\"20\" fill=\"#0b4f8a\">图表 Chart AV 2024</text>",
            "<g fill=\"#123456\" font-weight=\"bold\"><text x=\"150\" y=\"30\" text-anchor=\"middle\" dy=\"0.5ex\">市场规模</text>\
             <text x=\"290\" y=\"60\" text-anchor=\"end\" dx=\"-1em\" font-size=\"11.29\">  Wrapped\n\ttext  </text></g>",
            "<text x=\"5\" y=\"50\" font-weight=\"700\" font-size=\"24\">é ﬁ ½ 〇</text><text/>",
        ] {
            assert!(drawn_as_usvg_draws(&svg(body), 2.0), "{body}");
        }
    }

    #[test]
    fn what_it_does_not_understand_is_left_to_usvg() {
        for body in [
            // Attributes and children it does not read.
            "<text x=\"10\" y=\"40\" letter-spacing=\"3\">字距</text>",
            "<text x=\"10\" y=\"40\" transform=\"rotate(-90 10 40)\">旋转</text>",
            "<text x=\"10\" y=\"40\">分<tspan fill=\"red\">段</tspan></text>",
            "<text x=\"10 20 30\" y=\"40\">逐字</text>",
            "<text x=\"10\" y=\"40\" fill=\"currentColor\">色</text>",
            "<g opacity=\"0.5\"><text x=\"10\" y=\"40\">半透明</text></g>",
            // Right to left, and a character the font lacks (a private-use one, which no
            // font has; an emoji may be in whatever font a machine without CJK fonts has).
            "<text x=\"10\" y=\"40\">שלום</text>",
            "<text x=\"10\" y=\"40\">\u{10FFFD}</text>",
            // A later shape over the text: drawing the text last would change the pixels.
            "<text x=\"10\" y=\"40\" font-size=\"20\">遮挡</text><rect x=\"20\" y=\"25\" width=\"30\" height=\"20\"/>",
        ] {
            assert!(!drawn_as_usvg_draws(&svg(body), 2.0), "drawn here: {body}");
        }
        // A style sheet could restyle any text: the whole SVG is left to usvg.
        let styled = svg("<style>text{fill:red}</style><text x=\"10\" y=\"40\">样式</text>");
        assert!(!drawn_as_usvg_draws(&styled, 2.0));
    }

    #[test]
    fn a_text_usvg_cannot_place_leaves_the_rest_drawn_here() {
        if !Raster::system().has_cjk() {
            return;
        }
        // One text left to usvg (it lacks a glyph), one drawn here; both as usvg draws them.
        let body = "<text x=\"10\" y=\"30\">\u{1F600}</text><text x=\"10\" y=\"70\">正文</text>";
        assert!(drawn_as_usvg_draws(&svg(body), 2.0));
    }

    #[test]
    fn whitespace_collapses_as_in_svg() {
        assert_eq!(collapse("  a \n\t b  "), "a b");
        assert_eq!(collapse(" "), "");
        assert_eq!(collapse("\n中\r\n文\n"), "中 文");
        assert_eq!(collapse("x"), "x");
    }

    #[test]
    fn lengths_in_user_units_em_and_ex() {
        assert_eq!(length("12", 10.0), Some(12.0));
        assert_eq!(length("3px", 10.0), Some(3.0));
        assert_eq!(length("0.5ex", 10.0), Some(2.5));
        assert_eq!(length("-1em", 10.0), Some(-10.0));
        assert_eq!(length("1em", f32::NAN), None);
        assert_eq!(length("5%", 10.0), None);
        assert_eq!(length("1 2", 10.0), None);
    }
}
