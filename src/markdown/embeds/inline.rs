//! Embeds whose arguments hold Markdown inline syntax (`id="a*b*"`, a caption with backticks or
//! a link): pulldown-cmark reads that syntax before the embed is found, splitting the embed's
//! text into emphasis, code or link events. The source between `{{` and `}}` is what counts, so
//! the events that lie wholly inside it are taken into the run of text the embed is read from.

use std::borrow::Cow;
use std::ops::Range;

/// The first embed in `src[run]` that the run opens but does not close, as the range from its
/// `{{` (or `{%`) to the end of its closer further on, if the closer is in the same block (before
/// a blank line). The look starts at `from` (where the last look for this run stopped: an embed
/// closed inside a run stays closed as the run grows) and leaves there where the next may start.
pub(super) fn unclosed(src: &str, run: Range<usize>, from: &mut usize) -> Option<Range<usize>> {
    let mut pos = (*from).clamp(run.start, run.end);
    while let Some(open) = super::next_open(&src[pos..run.end]).map(|i| pos + i) {
        let closing = closer(src, open);
        match src[open + 2..run.end].find(closing) {
            Some(i) => {
                pos = open + 2 + i + 2;
                *from = pos;
            }
            None => {
                *from = open;
                return closed_later(src, open).map(|end| open..end);
            }
        }
    }
    // Nothing opens after `pos`, but a `{` that ends the run may open with the next text.
    *from = if src[..run.end].ends_with('{') {
        run.end - 1
    } else {
        run.end
    };
    None
}

/// The closer of the embed or marker opened at `open`.
pub(super) fn closer(src: &str, open: usize) -> &'static str {
    if src[open..].starts_with("{%") {
        "%}"
    } else {
        "}}"
    }
}

/// The end of the closer of the embed opened at `open`, if it comes before a blank line.
pub(super) fn closed_later(src: &str, open: usize) -> Option<usize> {
    let rest = &src[open + 2..];
    let block = rest.find("\n\n").map_or(rest, |end| &rest[..end]);
    block.find(closer(src, open)).map(|i| open + 2 + i + 2)
}

/// What is wrong with an embed at `open` whose closer is not in its run of text.
pub(super) fn not_closed(src: &str, open: usize) -> String {
    let closing = closer(src, open);
    if closed_later(src, open).is_some() {
        format!(
            "Markdown syntax pairs across this embed's `{closing}`: a `*`, `_`, `~`, backtick or \
             link bracket inside its arguments is matched with one outside the embed (or the \
             reverse); escape the one outside with a backslash, or move the embed out of that text"
        )
    } else {
        format!("embed is not closed with `{closing}`")
    }
}

/// The author's text of `src[r]`: without the bytes in `skip` (sorted, disjoint ranges: the
/// sentinels the emphasis repair inserted, see `markdown::emphasis`, and the quote markers or
/// indentation that continue a list or quote on the embed's later lines, see [`skips`]).
pub(super) fn source<'s>(src: &'s str, skip: &[Range<usize>], r: Range<usize>) -> Cow<'s, str> {
    let lo = skip.partition_point(|s| s.end <= r.start);
    let hi = skip.partition_point(|s| s.start < r.end);
    if lo >= hi {
        return Cow::Borrowed(&src[r]);
    }
    let mut out = String::with_capacity(r.len());
    let mut last = r.start;
    for s in &skip[lo..hi] {
        out.push_str(&src[last..s.start.max(last)]);
        last = s.end.min(r.end).max(last);
    }
    out.push_str(&src[last..r.end]);
    Cow::Owned(out)
}

/// What the text of a run at source `run` leaves out of its source: each inserted sentinel (at
/// the sorted offsets `inserted`) and, on each later line, the bytes before the line's first
/// event (`events`, the source ranges of the run's events): a `>` or the indentation that
/// continues a list item or quote is Markdown's, not part of what the author wrote in the embed.
pub(super) fn skips(
    src: &str,
    inserted: &[usize],
    run: Range<usize>,
    mut events: Vec<Range<usize>>,
) -> Vec<Range<usize>> {
    let width = crate::markdown::emphasis::SENTINEL.len_utf8();
    let lo = inserted.partition_point(|&p| p < run.start);
    let hi = inserted.partition_point(|&p| p < run.end);
    let mut out: Vec<Range<usize>> = inserted[lo..hi].iter().map(|&p| p..p + width).collect();
    events.sort_by_key(|r| r.start);
    let mut covered = run.start;
    for r in events {
        if r.start > covered {
            let gap = &src[covered..r.start];
            // Only what follows a line break is a container's prefix.
            let from = match gap.rfind('\n') {
                Some(i) => covered + i + 1,
                None if src[..covered].ends_with('\n') => covered,
                None => r.start,
            };
            if from < r.start {
                out.push(from..r.start);
            }
        }
        covered = covered.max(r.end);
    }
    out.sort_by_key(|r| r.start);
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        /// Resuming where the last look stopped finds what a look from the run's start finds,
        /// however the run grows.
        #[test]
        fn a_resumed_look_finds_what_a_fresh_one_does(
            pieces in proptest::collection::vec(
                prop_oneof![
                    Just("{{"), Just("}}"), Just("{%"), Just("%}"), Just("{"), Just("}"),
                    Just(" a"), Just("中"), Just("\n\n"),
                ],
                0..24,
            ),
            cut in proptest::collection::vec(0usize..24, 0..8),
        ) {
            let src: String = pieces.concat();
            let mut ends: Vec<usize> = cut
                .iter()
                .map(|&c| pieces[..c.min(pieces.len())].concat().len())
                .chain([src.len()])
                .collect();
            ends.sort_unstable();
            let mut from = 0;
            for end in ends {
                let fresh = unclosed(&src, 0..end, &mut 0);
                prop_assert_eq!(unclosed(&src, 0..end, &mut from), fresh, "{:?} ..{}", src, end);
            }
        }
    }
}
