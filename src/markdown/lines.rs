//! Line and column numbers from byte offsets, by binary search in a table of line starts built
//! once per text (counting newlines from the start for every link made long files quadratic).

/// Byte offsets where each line of a text starts.
#[derive(Debug, Clone)]
pub struct LineTable {
    starts: Vec<usize>,
}

impl LineTable {
    /// Indexes the lines of `text`.
    pub fn new(text: &str) -> Self {
        let newlines = text.bytes().enumerate().filter(|(_, b)| *b == b'\n');
        let starts = std::iter::once(0).chain(newlines.map(|(i, _)| i + 1));
        LineTable {
            starts: starts.collect(),
        }
    }

    /// Number of lines indexed.
    pub fn len(&self) -> usize {
        self.starts.len()
    }

    /// Whether the table is empty (never: a text has at least one line).
    pub fn is_empty(&self) -> bool {
        self.starts.is_empty()
    }

    /// 1-based line of the byte at `offset`.
    pub fn line(&self, offset: usize) -> usize {
        self.starts.partition_point(|&s| s <= offset).max(1)
    }

    /// Byte offset where the 1-based `line` starts.
    pub fn start(&self, line: usize) -> usize {
        self.starts[line.clamp(1, self.starts.len()) - 1]
    }
}

/// The last position a column was counted for (see [`Locator::line_col`]).
#[derive(Debug, Default, Clone, Copy)]
pub struct Cursor {
    start: usize,
    offset: usize,
    chars: usize,
}

/// Where in a file a text's offsets are: its line table, the file line the text starts on, and
/// the offsets of characters the pass inserted (which columns must not count).
pub struct Locator<'b> {
    /// The text's lines.
    pub lines: LineTable,
    /// 1-based file line of the text's first line.
    pub first_line: usize,
    /// Sorted offsets of inserted one-character sentinels.
    pub inserted: &'b [usize],
}

impl Locator<'_> {
    /// 1-based file line of `offset`.
    pub fn line(&self, offset: usize) -> usize {
        self.first_line + self.lines.line(offset) - 1
    }

    /// 1-based file line and column (in characters of the author's text) of `offset` in `text`.
    /// `cursor` remembers the last offset asked and its character count, so that many offsets on
    /// one long line, asked in order, are counted once.
    pub fn line_col(&self, text: &str, offset: usize, cursor: &mut Cursor) -> (usize, usize) {
        let line = self.lines.line(offset);
        let start = self.lines.start(line);
        let (from, mut chars) = match *cursor {
            Cursor {
                start: s,
                offset: o,
                chars,
            } if s == start && o <= offset => (o, chars),
            _ => (start, 0),
        };
        chars += text.get(from..offset).map_or(0, |s| s.chars().count());
        *cursor = Cursor {
            start,
            offset,
            chars,
        };
        let before = |p: usize| self.inserted.partition_point(|&i| i < p);
        let inserted = before(offset) - before(start);
        (
            self.first_line + line - 1,
            chars.saturating_sub(inserted) + 1,
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lines_come_from_the_table() {
        let t = LineTable::new("ab\ncd\n\nx");
        assert_eq!(t.len(), 4);
        assert_eq!(
            [0, 2, 3, 5, 6, 7, 8].map(|o| t.line(o)),
            [1, 1, 2, 2, 3, 4, 4]
        );
        assert_eq!(t.start(3), 6);
    }

    #[test]
    fn columns_skip_inserted_characters() {
        let text = "x\n中\u{2E3B}**a** {{";
        let at = [text.find('\u{2E3B}').unwrap()];
        let loc = Locator {
            lines: LineTable::new(text),
            first_line: 10,
            inserted: &at,
        };
        let mut cursor = Cursor::default();
        assert_eq!(loc.line_col(text, 2, &mut cursor), (11, 1));
        assert_eq!(
            loc.line_col(text, text.find("{{").unwrap(), &mut cursor),
            (11, 8)
        );
        assert_eq!(loc.line_col(text, 1, &mut cursor), (10, 2));
        assert_eq!(
            loc.line_col(text, text.find("**").unwrap(), &mut cursor),
            (11, 2)
        );
        assert_eq!(loc.line(0), 10);
    }
}
