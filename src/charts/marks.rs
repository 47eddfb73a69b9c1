//! Marks styled by status and qualifier, so that neither ever depends on colour alone: bars and
//! dots for actual, estimated, forecast and in-progress values, hatching, dashed outlines, and
//! arrows for bounds.

use super::draw::{Drawing, Shape};
use super::spec::Status;
use super::theme::Role;

impl Drawing {
    /// A box tinted with a role's colour and outlined in it (chips, "to" boxes).
    pub fn tinted_box(&mut self, x0: f64, y0: f64, x1: f64, y1: f64, role: Role) {
        self.fill(x0, y0, x1, y1, role, 0.18);
        self.outline(x0, y0, x1, y1, role);
    }

    /// A bar styled by status: solid when actual, light and hatched when estimated or forecast,
    /// outlined and hatched while in progress, so status never depends on colour alone.
    pub fn status_bar(&mut self, x0: f64, y0: f64, x1: f64, y1: f64, role: Role, status: Status) {
        let (x0, x1) = (x0.min(x1), x0.max(x1));
        let (y0, y1) = (y0.min(y1), y0.max(y1));
        match status {
            Status::Actual => self.rect(x0, y0, x1, y1, role),
            Status::Estimate => {
                self.fill(x0, y0, x1, y1, role, 0.35);
                self.hatch(x0, y0, x1, y1, role, false, 6.0);
                self.outline(x0, y0, x1, y1, role);
            }
            // A forecast is further from fact than an estimate: paler, hatched the other way,
            // and only a dashed outline.
            Status::Forecast => {
                self.fill(x0, y0, x1, y1, role, 0.15);
                self.hatch(x0, y0, x1, y1, role, true, 6.0);
                self.dashed_outline(x0, y0, x1, y1, role);
            }
            Status::InProgress => {
                self.hatch(x0, y0, x1, y1, role, false, 10.0);
                self.outline(x0, y0, x1, y1, role);
            }
        }
    }

    /// A part whose size is known only roughly (≈, or a bound): light and cross-hatched, so it
    /// never reads as an exact share nor as an estimate (hatched one way).
    pub fn approx_bar(&mut self, x0: f64, y0: f64, x1: f64, y1: f64, role: Role) {
        let (x0, x1) = (x0.min(x1), x0.max(x1));
        let (y0, y1) = (y0.min(y1), y0.max(y1));
        self.fill(x0, y0, x1, y1, role, 0.3);
        self.hatch(x0, y0, x1, y1, role, false, 7.0);
        self.hatch(x0, y0, x1, y1, role, true, 7.0);
        self.outline(x0, y0, x1, y1, role);
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
        self.bound_tick(x, y, along);
        // The head sits beyond the end either way; it points outwards for a lower bound
        // ("more than") and back towards the mark for an upper bound ("less than").
        let (near, far) = (4.0, 14.0);
        let (base, tip) = if lower { (near, far) } else { (far, near) };
        self.arrow_head(x, y, along, base, tip);
        far
    }

    /// A bound drawn inside its own mark, for marks that touch a neighbour (the parts of a
    /// 100 % bar): the heavy tick at the end (x, y) and the head just before it, pointing
    /// outwards for a lower bound and back into the mark for an upper one. `room` is the mark's
    /// length along `along`; a head that does not fit is shrunk, and left out below 8 px (the
    /// tick, the cross-hatching and the label's `<`/`>` still say it is a bound).
    pub fn bound_arrow_within(
        &mut self,
        x: f64,
        y: f64,
        along: (f64, f64),
        lower: bool,
        room: f64,
    ) {
        self.bound_tick(x, y, along);
        let far = 14.0_f64.min(room - 2.0);
        if far < 6.0 {
            return;
        }
        let near = far * 4.0 / 14.0;
        // Negative offsets: measured back from the end, into the mark.
        let (base, tip) = if lower { (-far, -near) } else { (-near, -far) };
        self.arrow_head(x, y, along, base, tip);
    }

    /// The heavy tick across a bound's end.
    fn bound_tick(&mut self, x: f64, y: f64, (ax, ay): (f64, f64)) {
        let (px_, py) = (-ay, ax);
        self.line(
            vec![(x - px_ * 8.0, y - py * 8.0), (x + px_ * 8.0, y + py * 8.0)],
            Role::Text,
            3,
        );
    }

    /// A triangular head along `along` from (x, y): its base `base` and its tip `tip` away.
    fn arrow_head(&mut self, x: f64, y: f64, (ax, ay): (f64, f64), base: f64, tip: f64) {
        let (px_, py) = (-ay, ax);
        self.shapes.push(Shape::Polygon {
            points: vec![
                (x + ax * base + px_ * 6.0, y + ay * base + py * 6.0),
                (x + ax * tip, y + ay * tip),
                (x + ax * base - px_ * 6.0, y + ay * base - py * 6.0),
            ],
            role: Role::Text,
        });
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
