//! The text pass before parsing: embeds become placeholders and emphasis next to Chinese
//! punctuation is repaired, everywhere except inside code blocks and code spans.

use super::cjk;
use super::embeds::{self, Embed, EmbedError};

/// The prepared text and what was found in it.
pub struct Prepared {
    /// Text for pulldown-cmark; same lines as the input.
    pub text: String,
    /// Embeds, with lines relative to the input (1-based).
    pub embeds: Vec<Embed>,
    /// Malformed embeds.
    pub errors: Vec<EmbedError>,
}

/// Prepares `input` (see the module comment).
pub fn prepare(input: &str) -> Prepared {
    let mut p = Prepared {
        text: String::with_capacity(input.len() + 64),
        embeds: Vec::new(),
        errors: Vec::new(),
    };
    let mut fence: Option<(char, usize)> = None;
    for (i, line) in input.split_inclusive('\n').enumerate() {
        let line_no = i + 1;
        let trimmed = line.trim_start_matches(' ');
        let indent = line.len() - trimmed.len();
        let fence_run = |c: char| trimmed.chars().take_while(|&x| x == c).count();
        if let Some((c, n)) = fence {
            p.text.push_str(line);
            if indent < 4 && fence_run(c) >= n && trimmed.trim_start_matches(c).trim().is_empty() {
                fence = None;
            }
            continue;
        }
        if indent < 4 {
            for c in ['`', '~'] {
                let n = fence_run(c);
                if n >= 3 {
                    fence = Some((c, n));
                }
            }
            if fence.is_some() {
                p.text.push_str(line);
                continue;
            }
        }
        prepare_line(line, line_no, &mut p);
    }
    p
}

/// Handles one line outside fenced code, leaving code spans as they are.
fn prepare_line(line: &str, line_no: usize, p: &mut Prepared) {
    let mut rest = line;
    let mut col = 0;
    while let Some(start) = rest.find('`') {
        let run = rest[start..].chars().take_while(|&c| c == '`').count();
        let after = &rest[start + run..];
        let close = find_run(after, run);
        let prose = &rest[..start];
        let seg = prose_segment(prose, line_no, col, line, p);
        p.text.push_str(&seg);
        col += prose.chars().count();
        let code_end = match close {
            Some(c) => start + run + c + run,
            None => start + run,
        };
        p.text.push_str(&rest[start..code_end]);
        col += rest[start..code_end].chars().count();
        rest = &rest[code_end..];
    }
    let seg = prose_segment(rest, line_no, col, line, p);
    p.text.push_str(&seg);
}

fn prose_segment(text: &str, line_no: usize, col: usize, line: &str, p: &mut Prepared) -> String {
    let replaced = embeds::extract_line(text, line_no, col, line, &mut p.embeds, &mut p.errors);
    cjk::fix_emphasis(&replaced)
}

/// Byte offset of the next run of exactly `n` backticks in `s`.
fn find_run(s: &str, n: usize) -> Option<usize> {
    let b = s.as_bytes();
    let mut i = 0;
    while i < b.len() {
        if b[i] == b'`' {
            let len = b[i..].iter().take_while(|&&c| c == b'`').count();
            if len == n {
                return Some(i);
            }
            i += len;
        } else {
            i += 1;
        }
    }
    None
}
