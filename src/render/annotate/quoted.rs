//! Where each quote of a page occurs, block by block: every occurrence and the text of its block,
//! so the build can prove that a quote picks one place and that the block states the value.

use std::sync::Arc;

/// Where a quote occurs in the text, in order.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Quoted {
    /// Every occurrence, in text order (empty: the quote is not in the text).
    pub occurrences: Vec<Occurrence>,
}

/// One occurrence of a quote: the block it sits in.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Occurrence {
    /// The line the block starts on (of the Markdown body until the page makes it the file's).
    pub line: usize,
    /// The block's text (NFKC, without whitespace): the paragraph or list item, or the whole
    /// row of a table cell. Shared by the occurrences in one block: a short quote may occur
    /// many times in one long paragraph.
    pub block: Arc<str>,
    /// The block is a table row.
    pub row: bool,
}

/// The occurrences of a page's quotes, per target.
#[derive(Debug, Default)]
pub struct Log {
    /// Per target of the page (by index): where its quote occurs.
    pub per_target: Vec<Quoted>,
    /// The Markdown line the current block starts on.
    pub line: usize,
    /// In a table row: the row's text so far, and the (target, occurrence) found in it (their
    /// block is the whole row, known at its end).
    row: Option<(String, Vec<(usize, usize)>)>,
}

impl Log {
    /// The log of a page with `targets` targets, before its first block.
    pub fn new(targets: usize) -> Self {
        Log {
            per_target: vec![Quoted::default(); targets],
            line: 1,
            row: None,
        }
    }

    /// A table row (or the head row) starts: its cells are one block for the quotes in them.
    pub fn begin_row(&mut self) {
        self.row = Some((String::new(), Vec::new()));
    }

    /// The row ends: the quotes found in its cells get its whole text as their block.
    pub fn end_row(&mut self) {
        if let Some((text, found)) = self.row.take() {
            let text: Arc<str> = Arc::from(text);
            for (t, k) in found {
                self.per_target[t].occurrences[k].block = text.clone();
            }
        }
    }

    /// The (normalised) text of the block being annotated: part of its row's, in a table.
    pub fn block_text(&mut self, text: &str) {
        if let Some((row, _)) = &mut self.row {
            // Cells stay apart: "94" and "95" in two cells are not the number 9495.
            if !row.is_empty() {
                row.push_str(" | ");
            }
            row.push_str(text);
        }
    }

    /// Records an occurrence of target `t`'s quote in the current block, whose text is `text`;
    /// returns its number (1-based).
    pub fn occurs(&mut self, t: usize, text: &Arc<str>) -> usize {
        let occurrences = &mut self.per_target[t].occurrences;
        let (block, row) = match &mut self.row {
            Some((_, found)) => {
                found.push((t, occurrences.len()));
                (Arc::from(""), true)
            }
            None => (text.clone(), false),
        };
        occurrences.push(Occurrence {
            line: self.line,
            block,
            row,
        });
        occurrences.len()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_cell_s_block_is_its_whole_row() {
        let mut log = Log::new(2);
        log.line = 3;
        let para: Arc<str> = Arc::from("合格率达到95%");
        assert_eq!(log.occurs(0, &para), 1);
        log.line = 7;
        log.begin_row();
        log.block_text("中国驰名商标");
        assert_eq!(log.occurs(1, &Arc::from("中国驰名商标")), 1);
        log.block_text("25");
        log.block_text("30");
        log.end_row();
        assert_eq!(log.occurs(0, &para), 2);
        let cell = &log.per_target[1].occurrences[0];
        assert_eq!((cell.line, &*cell.block, cell.row), (7, "中国驰名商标 | 25 | 30", true));
        assert_eq!(&*log.per_target[0].occurrences[0].block, "合格率达到95%");
    }
}
