//! Laying out a text as usvg does: shaped by rustybuzz with the face usvg would pick, placed
//! glyph by glyph with usvg's arithmetic (the same floating-point steps, so the same pixels).

use super::read::Wanted;
use super::Drawn;
use resvg::tiny_skia::{Path, PathBuilder, Transform};
use resvg::usvg::fontdb;
use std::collections::HashMap;

/// Lays out the texts of each top-level element (`wanted`, in document order); an element is
/// drawn here only if all its texts could be.
pub(super) fn shape(wanted: Vec<(usize, Vec<Wanted>)>, fonts: &fontdb::Database) -> Vec<Drawn> {
    let mut faces: HashMap<fontdb::ID, Vec<(usize, usize)>> = HashMap::new();
    let mut failed = vec![false; wanted.len()];
    for (i, (_, texts)) in wanted.iter().enumerate() {
        for (j, t) in texts.iter().enumerate() {
            match face_for(t, fonts) {
                Some(id) => faces.entry(id).or_default().push((i, j)),
                None => failed[i] = true,
            }
        }
    }
    let mut paths: HashMap<(usize, usize), Option<Path>> = HashMap::new();
    for (id, members) in faces {
        let laid = fonts.with_face_data(id, |data, index| {
            let face = rustybuzz::Face::from_slice(data, index)?;
            let t = face.tables();
            // Colour, SVG and bitmap glyphs are drawn otherwise by usvg.
            if t.colr.is_some() || t.svg.is_some() || t.sbix.is_some() || t.cbdt.is_some() {
                return None;
            }
            let mut outlines = HashMap::new();
            Some(
                members
                    .iter()
                    .map(|&(i, j)| ((i, j), lay_out(&wanted[i].1[j], &face, &mut outlines)))
                    .collect::<Vec<_>>(),
            )
        });
        for ((i, j), path) in laid.flatten().into_iter().flatten() {
            match path {
                Some(p) => {
                    paths.insert((i, j), p);
                }
                None => failed[i] = true,
            }
        }
    }
    let mut drawn = Vec::new();
    for (i, (index, texts)) in wanted.iter().enumerate() {
        if failed[i] || (0..texts.len()).any(|j| !paths.contains_key(&(i, j))) {
            continue;
        }
        for (j, t) in texts.iter().enumerate() {
            drawn.push(Drawn {
                index: *index,
                path: paths.remove(&(i, j)).flatten(),
                fill: t.fill,
            });
        }
    }
    drawn
}

/// The face usvg would pick for `t`: its families, then usvg's serif fallback, at its weight.
fn face_for(t: &Wanted, fonts: &fontdb::Database) -> Option<fontdb::ID> {
    let mut families: Vec<fontdb::Family<'_>> = t
        .families
        .iter()
        .map(|f| match f {
            svgtypes::FontFamily::Serif => fontdb::Family::Serif,
            svgtypes::FontFamily::SansSerif => fontdb::Family::SansSerif,
            svgtypes::FontFamily::Cursive => fontdb::Family::Cursive,
            svgtypes::FontFamily::Fantasy => fontdb::Family::Fantasy,
            svgtypes::FontFamily::Monospace => fontdb::Family::Monospace,
            svgtypes::FontFamily::Named(s) => fontdb::Family::Name(s.as_str()),
        })
        .collect();
    families.push(fontdb::Family::Serif);
    fonts.query(&fontdb::Query {
        families: &families,
        weight: fontdb::Weight(t.weight),
        stretch: fontdb::Stretch::Normal,
        style: fontdb::Style::Normal,
    })
}

/// Glyph outlines of one face in font units, each read once.
type Outlines = HashMap<u16, Option<Path>>;

/// The path of `t`'s glyphs placed as usvg places them (`Some(None)`: nothing to fill), or
/// `None` when the face lacks one of its characters (usvg would look for another font).
fn lay_out(
    t: &Wanted,
    face: &rustybuzz::Face<'_>,
    outlines: &mut Outlines,
) -> Option<Option<Path>> {
    let mut buffer = rustybuzz::UnicodeBuffer::new();
    buffer.push_str(&t.content);
    buffer.set_direction(rustybuzz::Direction::LeftToRight);
    let shaped = rustybuzz::shape(face, &[], buffer);
    let (infos, positions) = (shaped.glyph_infos(), shaped.glyph_positions());
    if infos.iter().any(|g| g.glyph_id == 0) {
        return None;
    }
    let sx = t.size / f32::from(rustybuzz::ttf_parser::Face::units_per_em(face));
    // Glyphs of one cluster share a position; a cluster advances by its widest glyph.
    let mut clusters: Vec<(std::ops::Range<usize>, f32)> = Vec::new();
    let mut start = 0;
    for i in 1..=infos.len() {
        if i == infos.len() || infos[i].cluster != infos[start].cluster {
            let width = positions[start..i]
                .iter()
                .map(|p| p.x_advance as f32 * sx)
                .fold(0.0, f32::max);
            clusters.push((start..i, width));
            start = i;
        }
    }
    let total = clusters.iter().fold(0.0, |w, c| w + c.1);
    let span = Transform::default()
        .pre_translate(t.x, t.y)
        .pre_translate(0.0, 0.0);
    let (mut x, mut y) = (t.anchor.start(total), 0.0);
    let mut builder = PathBuilder::new();
    for (k, (range, advance)) in clusters.into_iter().enumerate() {
        if k == 0 {
            x += t.shift.0;
            y += t.shift.1;
        }
        let cluster = Transform::default().post_concat(Transform::default().pre_translate(x, y));
        let mut inner = 0.0;
        for (info, pos) in infos[range.clone()].iter().zip(&positions[range]) {
            let glyph =
                Transform::from_translate(inner + pos.x_offset as f32, -pos.y_offset as f32);
            inner += pos.x_advance as f32;
            let ts = span
                .pre_concat(cluster)
                .pre_concat(Transform::from_scale(sx, sx))
                .pre_concat(glyph)
                .pre_concat(Transform::from_scale(1.0, -1.0));
            let id = info.glyph_id as u16;
            let outline = outlines
                .entry(id)
                .or_insert_with(|| outline(face, id))
                .as_ref()
                .and_then(|p| p.clone().transform(ts));
            if let Some(p) = outline {
                builder.push_path(&p);
            }
        }
        x += advance;
    }
    Some(builder.finish())
}

/// A glyph's outline in font units.
fn outline(face: &rustybuzz::Face<'_>, id: u16) -> Option<Path> {
    struct Builder(PathBuilder);
    impl rustybuzz::ttf_parser::OutlineBuilder for Builder {
        fn move_to(&mut self, x: f32, y: f32) {
            self.0.move_to(x, y);
        }
        fn line_to(&mut self, x: f32, y: f32) {
            self.0.line_to(x, y);
        }
        fn quad_to(&mut self, x1: f32, y1: f32, x: f32, y: f32) {
            self.0.quad_to(x1, y1, x, y);
        }
        fn curve_to(&mut self, x1: f32, y1: f32, x2: f32, y2: f32, x: f32, y: f32) {
            self.0.cubic_to(x1, y1, x2, y2, x, y);
        }
        fn close(&mut self) {
            self.0.close();
        }
    }
    let mut b = Builder(PathBuilder::new());
    face.outline_glyph(rustybuzz::ttf_parser::GlyphId(id), &mut b)?;
    b.0.finish()
}
