//! A small drawing list replayed onto plotters' SVG backend. Layout code pushes shapes with
//! colour roles; [`render`] draws them and [`super::theme`] turns the colours into CSS variables.

use super::spec::Status;
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
        self.shapes.push(Shape::Rect {
            x0,
            y0,
            x1,
            y1,
            role,
            fill: true,
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

    /// Leaves out every value label whose box (by [`super::text::width`]) overlaps text already
    /// kept or leaves the canvas; fixed text is kept first, labels in paint order. When any is
    /// left out, `note` is added under the chart, so the reader knows to look at the table.
    pub fn drop_colliding_labels(&mut self, note: &str) {
        let (w, h) = (self.width, self.height);
        let mut kept: Vec<[f64; 4]> = self
            .shapes
            .iter()
            .filter_map(|s| match s {
                Shape::Text {
                    droppable: false, ..
                } => text_box(s),
                // Marks a label must not cover: data dots and bound arrowheads.
                Shape::Dot { x, y, r, .. } | Shape::Ring { x, y, r, .. } => {
                    Some([x - r, y - r, x + r, y + r])
                }
                Shape::Polygon {
                    points,
                    role: Role::Text,
                } => Some(
                    points
                        .iter()
                        .fold([f64::MAX, f64::MAX, f64::MIN, f64::MIN], |b, (x, y)| {
                            [b[0].min(*x), b[1].min(*y), b[2].max(*x), b[3].max(*y)]
                        }),
                ),
                _ => None,
            })
            .collect();
        let before = self.shapes.len();
        self.shapes.retain(|s| {
            let Shape::Text {
                droppable: true, ..
            } = s
            else {
                return true;
            };
            let Some(b) = text_box(s) else { return false };
            let inside = b[0] >= 0.0 && b[1] >= 0.0 && b[2] <= w && b[3] <= h;
            let free = kept.iter().all(|k| !overlaps(k, &b));
            if inside && free {
                kept.push(b);
            }
            inside && free
        });
        if self.shapes.len() < before {
            let y = self.height + 4.0;
            self.text(note, 10.0, y, 12.0, Role::Muted, HPos::Left, VPos::Top);
            self.height = y + 22.0;
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

    /// A box tinted with a role's colour and outlined in it (chips, "to" boxes).
    pub fn tinted_box(&mut self, x0: f64, y0: f64, x1: f64, y1: f64, role: Role) {
        self.shapes.push(Shape::Rect {
            x0,
            y0,
            x1,
            y1,
            role,
            fill: true,
            opacity: 0.18,
        });
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

    /// A bar styled by status: solid when actual, light and hatched when estimated or forecast,
    /// outlined and hatched while in progress, so status never depends on colour alone.
    pub fn status_bar(&mut self, x0: f64, y0: f64, x1: f64, y1: f64, role: Role, status: Status) {
        let (x0, x1) = (x0.min(x1), x0.max(x1));
        let (y0, y1) = (y0.min(y1), y0.max(y1));
        match status {
            Status::Actual => self.rect(x0, y0, x1, y1, role),
            Status::Estimate => {
                self.shapes.push(Shape::Rect {
                    x0,
                    y0,
                    x1,
                    y1,
                    role,
                    fill: true,
                    opacity: 0.35,
                });
                self.hatch(x0, y0, x1, y1, role, false, 6.0);
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
            // A forecast is further from fact than an estimate: paler, hatched the other way,
            // and only a dashed outline.
            Status::Forecast => {
                self.shapes.push(Shape::Rect {
                    x0,
                    y0,
                    x1,
                    y1,
                    role,
                    fill: true,
                    opacity: 0.15,
                });
                self.hatch(x0, y0, x1, y1, role, true, 6.0);
                self.dashed_outline(x0, y0, x1, y1, role);
            }
            Status::InProgress => {
                self.hatch(x0, y0, x1, y1, role, false, 10.0);
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
        }
    }

    /// A dot styled by status: filled when actual, a ring with a centre when estimated, a bare
    /// ring when forecast, a double ring while in progress.
    pub fn status_dot(&mut self, x: f64, y: f64, role: Role, status: Status) {
        let ring = |r| Shape::Ring { x, y, r, role };
        match status {
            Status::Actual => self.shapes.push(Shape::Dot { x, y, r: 6.0, role }),
            Status::Estimate => {
                self.shapes.push(ring(6.0));
                self.shapes.push(Shape::Dot { x, y, r: 2.0, role });
            }
            Status::Forecast => self.shapes.push(ring(6.0)),
            Status::InProgress => {
                self.shapes.push(ring(6.0));
                self.shapes.push(ring(3.0));
            }
        }
    }

    /// A bound drawn as a bound: a heavy tick across the mark's end at (x, y) and, beyond it, an
    /// arrowhead pointing where the true value may lie. `along` is the unit direction of growing
    /// values (up: (0, -1); right: (1, 0)); `lower` says the truth is above the stated value.
    /// Returns how far the mark reaches beyond (x, y), so labels can move past it.
    pub fn bound_arrow(&mut self, x: f64, y: f64, along: (f64, f64), lower: bool) -> f64 {
        let (ax, ay) = along;
        let (px_, py) = (-ay, ax);
        self.line(
            vec![(x - px_ * 8.0, y - py * 8.0), (x + px_ * 8.0, y + py * 8.0)],
            Role::Text,
            3,
        );
        // The head sits beyond the end either way; it points outwards for a lower bound
        // ("more than") and back towards the mark for an upper bound ("less than").
        let (near, far) = (4.0, 14.0);
        let (base, tip) = if lower { (near, far) } else { (far, near) };
        self.shapes.push(Shape::Polygon {
            points: vec![
                (x + ax * base + px_ * 6.0, y + ay * base + py * 6.0),
                (x + ax * tip, y + ay * tip),
                (x + ax * base - px_ * 6.0, y + ay * base - py * 6.0),
            ],
            role: Role::Text,
        });
        far
    }

    /// A rectangle outlined with 4 px dashes.
    pub fn dashed_outline(&mut self, x0: f64, y0: f64, x1: f64, y1: f64, role: Role) {
        let corners = [(x0, y0), (x1, y0), (x1, y1), (x0, y1), (x0, y0)];
        for side in corners.windows(2) {
            let ((ax, ay), (bx, by)) = (side[0], side[1]);
            let len = (bx - ax).abs() + (by - ay).abs();
            // Bounded by the canvas, so the dash count is small.
            let n = (len / 4.0).ceil().min(2000.0) as usize;
            for k in (0..n).step_by(2) {
                let (t0, t1) = (k as f64 / n as f64, ((k + 1) as f64 / n as f64).min(1.0));
                self.line(
                    vec![
                        (ax + (bx - ax) * t0, ay + (by - ay) * t0),
                        (ax + (bx - ax) * t1, ay + (by - ay) * t1),
                    ],
                    role,
                    1,
                );
            }
        }
    }

    /// Diagonal hatching clipped to a rectangle.
    #[allow(clippy::too_many_arguments)]
    pub fn hatch(
        &mut self,
        x0: f64,
        y0: f64,
        x1: f64,
        y1: f64,
        role: Role,
        backward: bool,
        gap: f64,
    ) {
        let mut c = x0 + y0 + gap;
        while c < x1 + y1 {
            let xa = x0.max(c - y1);
            let xb = x1.min(c - y0);
            if xb > xa {
                let (ya, yb) = (c - xa, c - xb);
                let seg = if backward {
                    vec![(x0 + x1 - xa, ya), (x0 + x1 - xb, yb)]
                } else {
                    vec![(xa, ya), (xb, yb)]
                };
                self.line(seg, role, 1);
            }
            c += gap;
        }
    }
}

/// The box [x0, y0, x1, y1] a text shape covers (its line box), with a margin (2 px across,
/// 1 px down) for the estimate's error against real fonts.
pub fn text_box(s: &Shape) -> Option<[f64; 4]> {
    let Shape::Text {
        text,
        x,
        y,
        size,
        h,
        v,
        ..
    } = s
    else {
        return None;
    };
    let w = super::text::width(text, *size);
    let x0 = match h {
        HPos::Left => *x,
        HPos::Center => x - w / 2.0,
        HPos::Right => x - w,
    };
    // Browsers give CJK-capable fonts a line box of about 1.4 em.
    let h = size * 1.4;
    let y0 = match v {
        VPos::Top => *y,
        VPos::Center => y - h / 2.0,
        VPos::Bottom => y - h,
    };
    Some([x0 - 2.0, y0 - 1.0, x0 + w + 2.0, y0 + h + 1.0])
}

fn overlaps(a: &[f64; 4], b: &[f64; 4]) -> bool {
    a[0] < b[2] && b[0] < a[2] && a[1] < b[3] && b[1] < a[3]
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
