//! A small drawing list replayed onto plotters' SVG backend. Layout code pushes shapes with
//! colour roles; [`render`] draws them and [`super::theme`] turns the colours into CSS variables.

use super::theme::Role;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};
use plotters_backend::DrawingBackend;

/// One shape.
#[derive(Clone)]
pub enum Shape {
    /// Axis-aligned rectangle, filled or outlined.
    Rect {
        x0: f64,
        y0: f64,
        x1: f64,
        y1: f64,
        role: Role,
        fill: bool,
        opacity: f64,
    },
    /// Open polyline.
    Line {
        points: Vec<(f64, f64)>,
        role: Role,
        width: u32,
    },
    /// Closed filled polygon.
    Polygon { points: Vec<(f64, f64)>, role: Role },
    /// A filled circle.
    Dot { x: f64, y: f64, r: f64, role: Role },
    /// A circle outline.
    Ring { x: f64, y: f64, r: f64, role: Role },
    /// A line of text.
    Text {
        text: String,
        x: f64,
        y: f64,
        size: f64,
        role: Role,
        h: HPos,
        v: VPos,
        bold: bool,
        /// A value label that may be left out (the data table has the value) when it would
        /// collide with other text or leave the canvas.
        droppable: bool,
    },
}

impl Shape {
    /// The box of a rect drawn for a data series (a bar or a part of one), as (left, top,
    /// right, bottom) whichever way its corners were given; `None` for any other shape.
    pub fn series_box(&self) -> Option<[f64; 4]> {
        match self {
            Shape::Rect {
                x0,
                y0,
                x1,
                y1,
                role: Role::Series(_),
                ..
            } => Some([x0.min(*x1), y0.min(*y1), x0.max(*x1), y0.max(*y1)]),
            _ => None,
        }
    }
}

/// Shapes on a canvas of a given size.
#[derive(Clone, Default)]
pub struct Drawing {
    /// Canvas width (px, also the viewBox width).
    pub width: f64,
    /// Canvas height.
    pub height: f64,
    /// Shapes in paint order.
    pub shapes: Vec<Shape>,
}

impl Drawing {
    /// An empty canvas.
    pub fn new(width: f64, height: f64) -> Self {
        Drawing {
            width,
            height,
            shapes: Vec::new(),
        }
    }

    /// A filled rectangle.
    pub fn rect(&mut self, x0: f64, y0: f64, x1: f64, y1: f64, role: Role) {
        self.fill(x0, y0, x1, y1, role, 1.0);
    }

    /// A rectangle filled with a role's colour at `opacity` (tints, light bars).
    #[allow(clippy::too_many_arguments)]
    pub fn fill(&mut self, x0: f64, y0: f64, x1: f64, y1: f64, role: Role, opacity: f64) {
        self.shapes.push(Shape::Rect {
            x0,
            y0,
            x1,
            y1,
            role,
            fill: true,
            opacity,
        });
    }

    /// A rectangle's 1 px outline.
    pub fn outline(&mut self, x0: f64, y0: f64, x1: f64, y1: f64, role: Role) {
        self.shapes.push(Shape::Rect {
            x0,
            y0,
            x1,
            y1,
            role,
            fill: false,
            opacity: 1.0,
        });
    }

    /// A line through `points`.
    pub fn line(&mut self, points: Vec<(f64, f64)>, role: Role, width: u32) {
        self.shapes.push(Shape::Line {
            points,
            role,
            width,
        });
    }

    /// Text anchored at (x, y).
    #[allow(clippy::too_many_arguments)]
    pub fn text(
        &mut self,
        text: impl Into<String>,
        x: f64,
        y: f64,
        size: f64,
        role: Role,
        h: HPos,
        v: VPos,
    ) {
        self.shapes.push(Shape::Text {
            text: text.into(),
            x,
            y,
            size,
            role,
            h,
            v,
            bold: false,
            droppable: false,
        });
    }

    /// A value label: like [`Drawing::text`], but left out if it would collide or overflow.
    #[allow(clippy::too_many_arguments)]
    pub fn label(
        &mut self,
        text: impl Into<String>,
        x: f64,
        y: f64,
        size: f64,
        role: Role,
        h: HPos,
        v: VPos,
    ) {
        self.text(text, x, y, size, role, h, v);
        if let Some(Shape::Text { droppable, .. }) = self.shapes.last_mut() {
            *droppable = true;
        }
    }

    /// Bold text anchored at (x, y).
    #[allow(clippy::too_many_arguments)]
    pub fn bold(
        &mut self,
        text: impl Into<String>,
        x: f64,
        y: f64,
        size: f64,
        role: Role,
        h: HPos,
        v: VPos,
    ) {
        self.text(text, x, y, size, role, h, v);
        if let Some(Shape::Text { bold, .. }) = self.shapes.last_mut() {
            *bold = true;
        }
    }
}

fn px(v: f64) -> i32 {
    v.round() as i32
}

/// Draws the shapes with plotters' SVG backend and returns the raw SVG.
pub fn render(d: &Drawing) -> Result<String, String> {
    let mut buf = String::new();
    {
        let mut backend =
            SVGBackend::with_string(&mut buf, (d.width.round() as u32, d.height.round() as u32));
        for s in &d.shapes {
            draw_shape(&mut backend, s)
                .map_err(|e| format!("plotters could not draw the chart: {e:?}"))?;
        }
        backend
            .present()
            .map_err(|e| format!("plotters could not finish the chart: {e:?}"))?;
    }
    Ok(buf)
}

fn draw_shape(
    b: &mut SVGBackend,
    s: &Shape,
) -> Result<(), plotters_backend::DrawingErrorKind<std::io::Error>> {
    match s {
        Shape::Rect {
            x0,
            y0,
            x1,
            y1,
            role,
            fill,
            opacity,
        } => {
            let color = role.rgb().mix(*opacity);
            b.draw_rect((px(*x0), px(*y0)), (px(*x1), px(*y1)), &color, *fill)
        }
        Shape::Line {
            points,
            role,
            width,
        } => {
            let style = ShapeStyle {
                color: role.rgb().to_rgba(),
                filled: false,
                stroke_width: *width,
            };
            b.draw_path(points.iter().map(|(x, y)| (px(*x), px(*y))), &style)
        }
        Shape::Polygon { points, role } => {
            b.fill_polygon(points.iter().map(|(x, y)| (px(*x), px(*y))), &role.rgb())
        }
        Shape::Dot { x, y, r, role } => {
            b.draw_circle((px(*x), px(*y)), r.round() as u32, &role.rgb(), true)
        }
        Shape::Ring { x, y, r, role } => {
            let style = ShapeStyle {
                color: role.rgb().to_rgba(),
                filled: false,
                stroke_width: 2,
            };
            b.draw_circle((px(*x), px(*y)), r.round() as u32, &style, false)
        }
        Shape::Text {
            text,
            x,
            y,
            size,
            role,
            h,
            v,
            bold,
            ..
        } => {
            // plotters writes font-size as size / 1.24; compensate so the SVG says `size`.
            let font = FontDesc::new(
                FontFamily::SansSerif,
                size * 1.24,
                if *bold {
                    FontStyle::Bold
                } else {
                    FontStyle::Normal
                },
            );
            let color = role.rgb();
            let style = TextStyle::from(font).color(&color).pos(Pos::new(*h, *v));
            b.draw_text(text, &style, (px(*x), px(*y)))
        }
    }
}
