//! Images in the Markdown whose path is a file beside the chapter: read into [`Kind::Image`]
//! embeds, their alt text gathered from the events inside them.

use super::{Arg, Args, Capture, Embed, Extract, Kind};
use crate::markdown::stream::Node;
use pulldown_cmark::{Event, Tag, TagEnd};
use std::collections::VecDeque;

impl<'a> Extract<'a, '_> {
    /// Starts reading a local image (`start` is its `Start(Image)` event).
    pub(super) fn begin_image(&mut self, start: &Node<'a>, out: &mut VecDeque<Node<'a>>) {
        let Node::Event(
            Event::Start(Tag::Image {
                dest_url, title, ..
            }),
            r,
        ) = start
        else {
            return;
        };
        if !self.run.is_empty() {
            self.flush(None, out);
        }
        out.extend(self.brk.take());
        let (line, column) = self.loc.line_col(self.src, r.start, &mut self.cursor);
        let mut args = Args::new();
        args.insert("src".into(), Arg::Str(dest_url.to_string()));
        args.insert("alt".into(), Arg::Str(String::new()));
        if !title.is_empty() {
            args.insert("title".into(), Arg::Str(title.to_string()));
        }
        self.image = Some(Capture {
            index: self.found.len(),
            para: self.para.take(),
            nested: 0,
        });
        self.found.push(Embed {
            name: "image".into(),
            kind: Kind::Image,
            args,
            line,
            column,
            block: false,
            in_link: self.links > 0,
        });
    }

    /// Reads one node of an image's alt text; at its end, holds the image until the next node.
    pub(super) fn read_image(&mut self, node: Node<'a>) {
        let Some(cap) = &mut self.image else { return };
        let text = match &node {
            Node::Event(Event::Start(Tag::Image { .. }), _) => {
                cap.nested += 1;
                None
            }
            Node::Event(Event::End(TagEnd::Image), _) if cap.nested == 0 => {
                let cap = self.image.take().expect("reading an image");
                self.placed = Some((cap.index, cap.para));
                return;
            }
            Node::Event(Event::End(TagEnd::Image), _) => {
                cap.nested -= 1;
                None
            }
            Node::Event(Event::Text(t) | Event::Code(t), _) => Some(t.to_string()),
            Node::Event(Event::SoftBreak | Event::HardBreak, _) => Some(" ".into()),
            _ => None,
        };
        if let (Some(t), Some(Arg::Str(alt))) = (text, self.found[cap.index].args.get_mut("alt")) {
            alt.push_str(&t);
        }
    }
}

/// Whether an image destination is a file beside the chapter (not a URL, site path or anchor).
pub(super) fn is_local(dest: &str) -> bool {
    !dest.is_empty()
        && !dest.starts_with('/')
        && !dest.starts_with('#')
        && !crate::markdown::links::is_external(dest)
        && crate::markdown::links::refused_scheme(dest).is_none()
}
