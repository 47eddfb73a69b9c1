//! Reading a run of text into plain text and embeds.

use super::super::calls::{parse_call, Args};
use super::{inline, Embed, EmbedError, Extract, Kind};
use std::ops::Range;

/// A piece of a scanned run of text.
pub(super) enum Piece {
    Text(Range<usize>),
    /// Text that is not its source verbatim (the source less the emphasis sentinels).
    Owned(String, Range<usize>),
    Embed(usize),
}

impl Extract<'_, '_> {
    /// Splits the source `range` into text and embeds, recording embeds and errors; the text
    /// leaves out the bytes in `skip` (see [`inline::skips`]).
    pub(super) fn scan(&mut self, range: Range<usize>, skip: &[Range<usize>]) -> Vec<Piece> {
        let src = self.src;
        let mut pieces = Vec::new();
        // Text of the run is its source, which holds the emphasis sentinels of the events the
        // run absorbed (already stripped from those events) and, on later lines, the markers of
        // a quote or list: `skip` leaves both out.
        let text = |pieces: &mut Vec<Piece>, r: Range<usize>| {
            if r.is_empty() {
                return;
            }
            match inline::source(src, skip, r.clone()) {
                std::borrow::Cow::Owned(s) => pieces.push(Piece::Owned(s, r)),
                std::borrow::Cow::Borrowed(_) => pieces.push(Piece::Text(r)),
            }
        };
        let mut pos = range.start;
        while let Some(open) = next_open(&src[pos..range.end]).map(|i| pos + i) {
            text(&mut pieces, pos..open);
            let (line, column) = self.loc.line_col(src, open, &mut self.cursor);
            let marker = src[open..].starts_with("{%");
            let closing = inline::closer(src, open);
            let Some(close) = src[open + 2..range.end].find(closing).map(|i| open + 2 + i) else {
                self.error(line, column, inline::not_closed(src, open));
                pos = open;
                break;
            };
            let inner = inline::source(src, skip, open + 2..close);
            let inner = inner.as_ref();
            pos = close + 2;
            if !marker && inner.starts_with("/*") && inner.ends_with("*/") && inner.len() >= 4 {
                text(&mut pieces, open..open + 2);
                text(&mut pieces, open + 4..close - 2);
                text(&mut pieces, close..close + 2);
                continue;
            }
            let call = match inner.trim() {
                "end" if marker => Ok(("end".to_string(), Args::new())),
                other => parse_call(other),
            };
            match call {
                Ok((name, args)) => {
                    let kind = match (marker, name.as_str()) {
                        (false, _) => Kind::Call,
                        (true, "end") => Kind::Close,
                        (true, _) => Kind::Open,
                    };
                    pieces.push(Piece::Embed(self.found.len()));
                    self.found.push(Embed {
                        name,
                        kind,
                        args,
                        line,
                        column,
                        block: false,
                        in_link: self.links > 0,
                    });
                }
                Err(message) => {
                    self.error(line, column, message);
                    text(&mut pieces, open..pos);
                }
            }
        }
        text(&mut pieces, pos..range.end);
        pieces
    }

    pub(super) fn error(&mut self, line: usize, column: usize, message: String) {
        self.errors.push(EmbedError {
            line,
            column,
            message,
        });
    }
}

/// Offset of the first `{{` or `{%` in `text`. Looks at each `{` in turn: two searches for the
/// two markers each ran to the end of a text without the other, once per embed.
pub(super) fn next_open(text: &str) -> Option<usize> {
    let bytes = text.as_bytes();
    let mut from = 0;
    while let Some(i) = text[from..].find('{') {
        let at = from + i;
        if matches!(bytes.get(at + 1), Some(b'{' | b'%')) {
            return Some(at);
        }
        from = at + 1;
    }
    None
}
