//! Tables from Word and HTML as a grid of cells, and their GFM form.
//!
//! Merged cells rule: a merged cell's text stays in its first (top-left) grid cell and the
//! cells it covers are left empty. That is how the curated plans write merged row labels
//! (`| 产品质量 | … |` then `|  | … |`), and it never repeats a figure. Every merge is reported.

use super::draft::escape_inline;
use super::report::{Kind, Report};
use super::{Item, Para};

/// Spans beyond these are treated as typing errors in the source, not as a table shape.
const MAX_COLSPAN: usize = 64;
const MAX_ROWSPAN: usize = 1000;

#[derive(Debug, Clone, PartialEq)]
enum Slot {
    /// A cell's own text; `rows` × `cols` is the area it spans.
    Origin { text: String, rows: usize, cols: usize },
    /// Part of the merged cell whose origin is at (row, col).
    Covered(usize, usize),
}

/// A table being read row by row; cells are placed at the next free column as in HTML.
#[derive(Debug, Default)]
pub(super) struct TableBuilder {
    grid: Vec<Vec<Option<Slot>>>,
    /// Rows started with [`TableBuilder::row`]; spans reaching past them are clipped.
    rows: usize,
    col: usize,
}

impl TableBuilder {
    pub(super) fn row(&mut self) {
        self.rows += 1;
        self.col = 0;
        self.ensure(self.rows - 1, 0);
    }

    fn ensure(&mut self, row: usize, col: usize) {
        while self.grid.len() <= row {
            self.grid.push(Vec::new());
        }
        let cells = &mut self.grid[row];
        while cells.len() <= col {
            cells.push(None);
        }
    }

    fn free_col(&mut self) -> usize {
        let row = self.rows.saturating_sub(1);
        while self.grid[row].get(self.col).is_some_and(Option::is_some) {
            self.col += 1;
        }
        self.col
    }

    /// Adds a cell spanning `cols` columns and `rows` rows (HTML colspan/rowspan, Word gridSpan).
    pub(super) fn cell(&mut self, text: String, cols: usize, rows: usize) {
        if self.rows == 0 {
            self.row();
        }
        let (cols, rows) = (cols.clamp(1, MAX_COLSPAN), rows.clamp(1, MAX_ROWSPAN));
        let (r0, c0) = (self.rows - 1, self.free_col());
        for r in r0..r0 + rows {
            for c in c0..c0 + cols {
                self.ensure(r, c);
                let slot = &mut self.grid[r][c];
                if slot.is_none() {
                    *slot = Some(Slot::Covered(r0, c0));
                }
            }
        }
        self.grid[r0][c0] = Some(Slot::Origin { text, rows, cols });
        self.col = c0 + cols;
    }

    /// Word's `vMerge` continuation: the cell continues the merged cell above it.
    pub(super) fn continue_above(&mut self, cols: usize) {
        if self.rows < 2 {
            return self.cell(String::new(), cols, 1);
        }
        let (r, c0) = (self.rows - 1, self.free_col());
        let origin = match self.grid[r - 1].get(c0) {
            Some(Some(Slot::Covered(or, oc))) => (*or, *oc),
            Some(Some(Slot::Origin { .. })) => (r - 1, c0),
            _ => return self.cell(String::new(), cols, 1),
        };
        let cols = cols.clamp(1, MAX_COLSPAN);
        for c in c0..c0 + cols {
            self.ensure(r, c);
            self.grid[r][c] = Some(Slot::Covered(origin.0, origin.1));
        }
        if let Some(Slot::Origin { rows, .. }) = &mut self.grid[origin.0][origin.1] {
            *rows = (*rows).max(r + 1 - origin.0);
        }
        self.col = c0 + cols;
    }

    pub(super) fn finish(mut self) -> Table {
        self.grid.truncate(self.rows);
        let width = self.grid.iter().map(Vec::len).max().unwrap_or(0);
        let mut cells = Vec::new();
        let mut merges = Vec::new();
        for (r, row) in self.grid.iter().enumerate() {
            let mut out = Vec::with_capacity(width);
            for c in 0..width {
                match row.get(c).cloned().flatten() {
                    Some(Slot::Origin { text, rows, cols }) => {
                        let rows = rows.min(self.rows - r);
                        if rows > 1 || cols > 1 {
                            merges.push(Merge {
                                row: r,
                                col: c,
                                rows,
                                cols,
                                text: text.clone(),
                            });
                        }
                        out.push(text);
                    }
                    _ => out.push(String::new()),
                }
            }
            cells.push(out);
        }
        Table { cells, merges }
    }
}

/// A merged cell: its position (0-based) and the area it spans.
#[derive(Debug, Clone, PartialEq)]
pub struct Merge {
    pub row: usize,
    pub col: usize,
    pub rows: usize,
    pub cols: usize,
    pub text: String,
}

impl Merge {
    /// The report line for this merge (rows and columns counted from 1, as a reader counts).
    pub fn describe(&self, table: usize) -> String {
        let span = |what: &str, first: usize, n: usize| {
            if n > 1 {
                format!("{what}s {}–{}", first + 1, first + n)
            } else {
                format!("{what} {}", first + 1)
            }
        };
        format!(
            "table {table}: {:?} is merged over {}, {}; the text stays in the first cell, the others are left empty",
            shorten(&self.text, 20),
            span("row", self.row, self.rows),
            span("column", self.col, self.cols)
        )
    }
}

/// A rectangular table: every row has the same number of cells.
#[derive(Debug, Clone, PartialEq)]
pub struct Table {
    pub cells: Vec<Vec<String>>,
    pub merges: Vec<Merge>,
}

impl Table {
    pub fn width(&self) -> usize {
        self.cells.first().map_or(0, Vec::len)
    }

    /// A first row that is one cell across the whole table is a caption, not a header:
    /// it is taken out and returned.
    pub fn take_caption(&mut self) -> Option<String> {
        let first = self.cells.first()?;
        let spans_all = self
            .merges
            .iter()
            .any(|m| m.row == 0 && m.col == 0 && m.cols == self.width() && m.rows == 1);
        if self.cells.len() < 2 || self.width() < 2 || !spans_all || first[0].trim().is_empty() {
            return None;
        }
        let caption = self.cells.remove(0).swap_remove(0);
        self.merges.retain(|m| m.row != 0);
        for m in &mut self.merges {
            m.row -= 1;
        }
        Some(caption)
    }

    /// The table as GFM: the first row is the header.
    pub fn to_markdown(&self) -> String {
        let mut md = String::new();
        for (i, row) in self.cells.iter().enumerate() {
            let cells: Vec<String> = row.iter().map(|c| escape_inline(&one_line(c))).collect();
            md.push_str(&format!("| {} |\n", cells.join(" | ")));
            if i == 0 {
                md.push_str(&format!("|{}\n", "---|".repeat(row.len())));
            }
        }
        md
    }
}

/// Takes table captions (a first row spanning the table) out into paragraphs before their tables.
pub(super) fn take_captions(items: Vec<Item>, report: &mut Report) -> Vec<Item> {
    let mut out = Vec::with_capacity(items.len());
    for item in items {
        match item {
            Item::Table(mut t) => {
                if let Some(caption) = t.take_caption() {
                    report.guess(format!(
                        "table caption {:?} taken from the table's first row",
                        shorten(&caption, 30)
                    ));
                    out.push(Item::Para(Para::plain(caption)));
                }
                out.push(Item::Table(t));
            }
            other => out.push(other),
        }
    }
    out
}

/// Reports the tables kept and each merge (tables counted from 1 in document order).
pub(super) fn report(tables: &[&Table], report: &mut Report) {
    if tables.is_empty() {
        return;
    }
    report.recovered(format!("{} tables, as GFM tables (first row = header)", tables.len()));
    for (i, t) in tables.iter().enumerate() {
        for m in &t.merges {
            report.push(Kind::Merge, m.describe(i + 1));
        }
    }
}

/// Cell text on one line: GFM cells cannot hold line breaks (other spacing is the source's).
fn one_line(s: &str) -> String {
    s.replace(['\n', '\r', '\t'], " ").trim().to_string()
}

pub(super) fn shorten(s: &str, n: usize) -> String {
    let mut out: String = s.chars().take(n).collect();
    if s.chars().count() > n {
        out.push('…');
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn build(rows: &[&[(&str, usize, usize)]]) -> Table {
        let mut b = TableBuilder::default();
        for row in rows {
            b.row();
            for (text, cols, rows) in *row {
                b.cell(text.to_string(), *cols, *rows);
            }
        }
        b.finish()
    }

    #[test]
    fn rowspan_leaves_the_covered_cells_empty() {
        let t = build(&[
            &[("分类", 1, 1), ("指标", 1, 1)],
            &[("产品质量", 1, 2), ("合格率", 1, 1)],
            &[("抽检率", 1, 1)],
        ]);
        assert_eq!(t.cells, [["分类", "指标"], ["产品质量", "合格率"], ["", "抽检率"]]);
        assert_eq!(t.merges.len(), 1);
        assert!(
            t.merges[0].describe(1).contains("rows 2–3, column 1"),
            "{}",
            t.merges[0].describe(1)
        );
        assert_eq!(
            t.to_markdown(),
            "| 分类 | 指标 |\n|---|---|\n| 产品质量 | 合格率 |\n|  | 抽检率 |\n"
        );
    }

    #[test]
    fn colspan_and_word_vertical_merges_give_the_same_grid() {
        let mut b = TableBuilder::default();
        b.row();
        b.cell("a".into(), 1, 1);
        b.cell("b".into(), 2, 1);
        b.row();
        b.cell("c".into(), 1, 1);
        b.cell("d".into(), 2, 1);
        b.row();
        b.continue_above(1);
        b.cell("e|f".into(), 1, 1);
        b.cell("g".into(), 1, 1);
        let t = b.finish();
        assert_eq!(t.cells, [["a", "b", ""], ["c", "d", ""], ["", "e|f", "g"]]);
        assert_eq!(t.merges.len(), 3, "{:?}", t.merges);
        assert!(t.to_markdown().contains("| e\\|f |"));
    }

    #[test]
    fn spans_past_the_last_row_are_clipped_and_captions_come_out() {
        let mut t = build(&[&[("表1 主要指标", 2, 1)], &[("名称", 1, 5), ("值", 1, 1)]]);
        assert_eq!(t.cells.len(), 2);
        assert_eq!(t.take_caption().as_deref(), Some("表1 主要指标"));
        assert_eq!(t.cells, [["名称", "值"]]);
        assert!(t.merges.is_empty(), "a one-row span is no merge: {:?}", t.merges);
    }
}
