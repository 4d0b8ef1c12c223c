//! Round trip: each shipped plan's curated Chinese Markdown, written out as a .docx whose
//! headings are plain bold paragraphs and whose tables are real Word tables (merged row labels
//! as vertical merges), imports back to the same headings and the same table cells.

use super::*;
use pulldown_cmark::{Event, Options, Parser, Tag, TagEnd};

/// What the curated text says, as a drafting office would type it into Word.
fn write_docx(md: &str, path: &Path) {
    let mut d = Docx::new();
    let mut text = String::new();
    let mut rows: Vec<Vec<String>> = Vec::new();
    let mut in_table = false;
    let opts = Options::ENABLE_TABLES | Options::ENABLE_FOOTNOTES | Options::ENABLE_HEADING_ATTRIBUTES;
    for e in Parser::new_ext(md, opts) {
        match e {
            Event::Text(t) | Event::Code(t) => text.push_str(&t),
            Event::SoftBreak | Event::HardBreak => text.push('\n'),
            Event::Start(Tag::Table(_)) => in_table = true,
            Event::Start(Tag::TableHead | Tag::TableRow) => rows.push(Vec::new()),
            Event::End(TagEnd::TableCell) => rows.last_mut().unwrap().push(std::mem::take(&mut text)),
            Event::End(TagEnd::Table) => {
                in_table = false;
                d.table(&word_rows(&rows));
                rows.clear();
            }
            Event::End(TagEnd::Heading(_)) => {
                d.bold(&std::mem::take(&mut text));
            }
            Event::End(TagEnd::Paragraph | TagEnd::Item) if !in_table => {
                let para = std::mem::take(&mut text);
                let para = para.trim();
                if let Some(title) = para.strip_prefix("::: box ") {
                    d.bold(title);
                } else if !para.is_empty() && !para.starts_with(":::") {
                    for line in para.lines() {
                        d.text(line);
                    }
                }
            }
            _ => {}
        }
    }
    d.save(path);
}

/// Rows as Word cells: an empty first-column cell under a label continues the label's cell.
fn word_rows(rows: &[Vec<String>]) -> Vec<Vec<Cell<'_>>> {
    let continues = |r: usize| r >= 2 && rows[r][0].is_empty();
    let mut out = Vec::new();
    for (r, row) in rows.iter().enumerate() {
        let mut cells = Vec::new();
        for (c, text) in row.iter().enumerate() {
            cells.push(match (c, continues(r)) {
                (0, true) => Cell::MergeContinue,
                (0, false) if r >= 1 && rows.get(r + 1).is_some() && continues(r + 1) => Cell::MergeStart(text),
                _ => Cell::Text(text),
            });
        }
        out.push(cells);
    }
    out
}

#[test]
fn curated_plans_survive_a_round_trip_through_word() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir_all(dir.path().join("site/content/plans")).unwrap();
    let mut counts = Vec::new();
    for id in PLANS {
        let curated = fs::read_to_string(repo().join(format!("content/plans/{id}.zh.md"))).unwrap();
        let body = curated.splitn(3, "---\n").nth(2).expect("front matter");
        let file = dir.path().join(format!("{id}.docx"));
        write_docx(body, &file);
        let imp = import(dir.path(), &file, id);
        let back = imp.body();
        let (want_h, got_h) = (headings(body), headings(back));
        let diff: Vec<_> = want_h.iter().zip(&got_h).filter(|(a, b)| a != b).take(5).collect();
        assert!(
            want_h == got_h,
            "{id}: headings differ ({} curated, {} imported); first differences: {diff:?}",
            want_h.len(),
            got_h.len()
        );
        assert_eq!(tables(body), tables(back), "{id}: table cells");
        counts.push(format!(
            "{id}: {} headings, {} tables",
            want_h.len(),
            tables(body).len()
        ));
    }
    eprintln!("round trip: {}", counts.join("; "));
}
