//! Putting embeds' HTML into a rendered text at their slots; a shortcode with a body gets the
//! HTML between its `{% … %}` and `{% end %}` slots (with the embeds inside already in).

use super::stream::Slot;

/// Builds the final HTML: `html` with `render(slot)` inserted at every slot, in one pass.
pub fn splice(html: &str, slots: &[Slot], mut render: impl FnMut(&Slot) -> String) -> String {
    splice_bodies(html, slots, |_| Mark::Plain, |s, _| render(s))
}

/// What a slot is to [`splice_bodies`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mark {
    /// An embed without a body.
    Plain,
    /// Opens a body.
    Open,
    /// Closes the body opened last.
    Close,
}

impl Mark {
    /// What `slot` is, by the kind of the embed in `embeds` it holds.
    pub fn of(embeds: &[super::Embed], slot: &Slot) -> Mark {
        match embeds.get(slot.embed).map(|e| e.kind) {
            Some(super::embeds::Kind::Open) => Mark::Open,
            Some(super::embeds::Kind::Close) => Mark::Close,
            _ => Mark::Plain,
        }
    }
}

/// Like [`splice`], but the HTML between an [`Mark::Open`] slot and its [`Mark::Close`] is
/// handed to `render` as the body of the opening slot instead of being written in place.
/// Unpaired marks (reported as errors when the text was read) are treated as plain.
pub fn splice_bodies(
    html: &str,
    slots: &[Slot],
    mark: impl Fn(&Slot) -> Mark,
    mut render: impl FnMut(&Slot, Option<String>) -> String,
) -> String {
    let marks: Vec<Mark> = slots.iter().map(&mark).collect();
    let partner = pairs(&marks);
    let mut out = String::with_capacity(html.len() + slots.len() * 64);
    part(
        html,
        slots,
        &partner,
        0..slots.len(),
        0..html.len(),
        &mut render,
        &mut out,
    );
    out
}

/// For each slot, the index of the slot that closes it, if it opens a body.
fn pairs(marks: &[Mark]) -> Vec<Option<usize>> {
    let mut partner = vec![None; marks.len()];
    let mut open = Vec::new();
    for (i, m) in marks.iter().enumerate() {
        match m {
            Mark::Open => open.push(i),
            Mark::Close => {
                if let Some(o) = open.pop() {
                    partner[o] = Some(i);
                }
            }
            Mark::Plain => {}
        }
    }
    partner
}

/// Writes `html[bytes]` with the slots `range` spliced in.
fn part(
    html: &str,
    slots: &[Slot],
    partner: &[Option<usize>],
    range: std::ops::Range<usize>,
    bytes: std::ops::Range<usize>,
    render: &mut impl FnMut(&Slot, Option<String>) -> String,
    out: &mut String,
) {
    let mut last = bytes.start;
    let mut i = range.start;
    while i < range.end {
        let s = &slots[i];
        let Some(text) = html.get(last..s.at) else {
            i += 1;
            continue;
        };
        out.push_str(text);
        if s.newline_before {
            out.push('\n');
        }
        match partner[i].filter(|&c| c < range.end) {
            Some(close) => {
                let end = slots[close].at;
                let mut body = String::new();
                part(
                    html,
                    slots,
                    partner,
                    i + 1..close,
                    s.at..end,
                    render,
                    &mut body,
                );
                out.push_str(&render(s, Some(body)));
                last = end;
                i = close + 1;
            }
            None => {
                out.push_str(&render(s, None));
                last = s.at;
                i += 1;
            }
        }
    }
    out.push_str(html.get(last..bytes.end).unwrap_or_default());
}

#[cfg(test)]
mod tests {
    use super::*;

    fn slot(at: usize, embed: usize) -> Slot {
        Slot {
            at,
            embed,
            block: true,
            newline_before: false,
        }
    }

    #[test]
    fn bodies_nest_and_take_their_html() {
        // [open0] a [open1] b [close2] c [close3] d, with a plain slot 4 inside.
        let html = "<x>A<y>B<z>C<w>D";
        let slots = [slot(3, 0), slot(7, 1), slot(8, 4), slot(11, 2), slot(15, 3)];
        let marks = [
            Mark::Open,
            Mark::Open,
            Mark::Plain,
            Mark::Close,
            Mark::Close,
        ];
        let out = splice_bodies(
            html,
            &slots,
            |s| marks[slots.iter().position(|x| x == s).unwrap()],
            |s, body| match body {
                Some(b) => format!("[{}:{b}]", s.embed),
                None => format!("({})", s.embed),
            },
        );
        assert_eq!(out, "<x>[0:A<y>[1:B(4)<z>]C<w>]D");
    }

    #[test]
    fn an_unclosed_body_is_written_in_place() {
        let slots = [slot(1, 0)];
        let out = splice_bodies(
            "ab",
            &slots,
            |_| Mark::Open,
            |_, b| format!("[{}]", b.is_some()),
        );
        assert_eq!(out, "a[false]b");
    }
}
