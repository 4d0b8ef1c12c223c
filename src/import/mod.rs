//! `plansite import`: turn a raw plan text (as published on a government portal) into a
//! Markdown draft that an editor then curates.
//!
//! The raw texts lose most structure: whole chapters sit on one line, tables are flattened
//! to one cell per line, and portal chrome surrounds the document. Structure is therefore
//! recovered from the Chinese numbering markers, never from newlines alone.

mod classify;
mod segment;

use classify::{Block, HeadingLevel};
use std::fmt::Write as _;

/// What an import produced: the Markdown draft and notes for the curator.
#[derive(Debug, Default)]
pub struct Import {
    pub markdown: String,
    pub notes: Vec<String>,
}

/// Imports `raw` as the plan `id`. Never fails: odd input becomes paragraphs plus notes.
pub fn import_text(raw: &str, id: &str) -> Import {
    let text = raw
        .trim_start_matches('\u{feff}')
        .replace("\r\n", "\n")
        .replace('\r', "\n");
    let seg = segment::segment(&text);
    let blocks = classify::classify(&seg.paragraphs);
    let mut notes = seg.notes;
    notes.extend(blocks.notes);

    let mut md = String::new();
    front_matter(&mut md, id, &seg.meta, &blocks.blocks);
    let mut in_box = false;
    for block in &blocks.blocks {
        match block {
            Block::BoxStart(title) => {
                if in_box {
                    md.push_str(":::\n\n");
                }
                let _ = writeln!(md, "::: box {title}\n");
                in_box = true;
            }
            Block::BoxEnd => {
                md.push_str(":::\n\n");
                in_box = false;
            }
            Block::Heading(level, text) => {
                let hashes = "#".repeat(level.depth());
                let _ = writeln!(md, "{hashes} {}\n", escape_inline(text));
            }
            Block::Paragraph(text) => {
                let _ = writeln!(md, "{}\n", escape_paragraph(text));
            }
            Block::ListItem(text) => {
                let _ = writeln!(md, "- {}", escape_inline(text));
            }
            Block::ListEnd => md.push('\n'),
        }
    }
    if in_box {
        md.push_str(":::\n");
    }
    let markdown = md.trim_end().to_string() + "\n";
    Import { markdown, notes }
}

fn front_matter(md: &mut String, id: &str, meta: &segment::Meta, blocks: &[Block]) {
    let title = blocks
        .iter()
        .find_map(|b| match b {
            Block::Paragraph(t) if classify::looks_like_title(t) => Some(t.clone()),
            _ => None,
        })
        .unwrap_or_default();
    md.push_str("---\n");
    let _ = writeln!(
        md,
        "# Draft imported by `plansite import --id {id}`: fill in the empty fields."
    );
    let _ = writeln!(md, "title: {}", yaml_str(&title));
    md.push_str("short_title: \"\"\n");
    let _ = writeln!(md, "issuer: {}", yaml_str(meta.issuer.as_deref().unwrap_or("")));
    if let Some(n) = &meta.doc_number {
        let _ = writeln!(md, "doc_number: {}", yaml_str(n));
    }
    let _ = writeln!(md, "issued: {}", yaml_str(meta.issued.as_deref().unwrap_or("")));
    if let Some(p) = &meta.published {
        let _ = writeln!(md, "published: {}", yaml_str(p));
    }
    md.push_str("period: \"\"\nregion: \"\"\nkind: plan\nsummary: \"\"\n---\n\n");
}

fn yaml_str(s: &str) -> String {
    serde_json::to_string(s).unwrap_or_default()
}

/// Escapes characters that would turn plain text into Markdown syntax mid-line.
fn escape_inline(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        if matches!(
            c,
            '\\' | '*' | '_' | '`' | '[' | ']' | '<' | '>' | '|' | '#' | '~' | '$'
        ) {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

/// Like [`escape_inline`], and also keeps a leading `1.` or `-` from becoming a list.
fn escape_paragraph(text: &str) -> String {
    let escaped = escape_inline(text);
    let digits = escaped.chars().take_while(|c| c.is_ascii_digit()).count();
    let after = escaped[digits..].chars().next();
    if digits > 0 && matches!(after, Some('.' | ')')) {
        return format!("{}\\{}", &escaped[..digits], &escaped[digits..]);
    }
    if escaped.starts_with(['-', '+', '=']) {
        return format!("\\{escaped}");
    }
    escaped
}

impl HeadingLevel {
    fn depth(self) -> usize {
        match self {
            HeadingLevel::Chapter => 2,
            HeadingLevel::Section => 3,
            HeadingLevel::Item => 4,
            HeadingLevel::SubItem => 5,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_line_chapter_is_split_into_headings_and_paragraphs() {
        let raw = "一、现实基础 (一)发展现状。 1.产品质量稳步提升。全市合格率95%。 2.服务质量提升显著。满意度高。\n";
        let md = import_text(raw, "x").markdown;
        assert!(md.contains("## 一、现实基础\n"), "{md}");
        assert!(md.contains("### (一)发展现状。\n"), "{md}");
        assert!(md.contains("#### 1.产品质量稳步提升。\n\n全市合格率95%。\n"), "{md}");
        assert!(md.contains("#### 2.服务质量提升显著。\n\n满意度高。\n"), "{md}");
    }

    #[test]
    fn portal_chrome_and_pipes_are_dropped() {
        let raw = "首页\n> 政务公开 > 专题\n发布日期:2017-03-23 17:11 信息来源:市政府办公室 浏览次数:\n正文第一段。 |\n|||||\n";
        let imp = import_text(raw, "x");
        assert!(!imp.markdown.contains("首页"));
        assert!(!imp.markdown.contains("浏览次数"));
        assert!(!imp.markdown.contains('|'));
        assert!(imp.markdown.contains("published: \"2017-03-23\""), "{}", imp.markdown);
        assert!(imp.markdown.contains("正文第一段。"));
    }

    #[test]
    fn boxes_close_at_the_next_heading() {
        let raw = "1.实施行动。\n专栏1:消费品质量提升行动\n在消费品行业开展活动。\n2.实施工程。\n";
        let md = import_text(raw, "x").markdown;
        assert!(
            md.contains("::: box 专栏1:消费品质量提升行动\n\n在消费品行业开展活动。\n\n:::\n\n#### 2.实施工程。"),
            "{md}"
        );
    }

    #[test]
    fn numbered_items_inside_a_box_stay_paragraphs_until_the_sequence_breaks() {
        let raw = "专栏1:质量创新\n1.探索平台建设。内容一。\n2.加快联盟培育。内容二。\n3.加强宏观质量研究\n正文。\n";
        let md = import_text(raw, "x").markdown;
        assert!(md.contains("1\\.探索平台建设。内容一。"), "{md}");
        assert!(
            md.contains("2\\.加快联盟培育。内容二。\n\n:::\n\n#### 3.加强宏观质量研究"),
            "{md}"
        );
    }

    #[test]
    fn numbers_inside_sentences_are_not_headings_and_markdown_is_escaped() {
        let raw = "PM2.5 25 µg/m³ 达标。\n2020\n*注*:见表\n";
        let md = import_text(raw, "x").markdown;
        assert!(md.contains("PM2.5 25 µg/m³ 达标。"), "{md}");
        assert!(md.contains("\n2020\n"), "{md}");
        assert!(md.contains("\\*注\\*:见表"), "{md}");
    }

    #[test]
    fn a_table_of_contents_becomes_a_list() {
        let raw = "目  录\n前  言\n一、 基础\n(一)成效\n前  言\n正文开始。\n一、 基础\n";
        let md = import_text(raw, "x").markdown;
        assert!(md.contains("- 前  言\n- 一、 基础\n- (一)成效\n"), "{md}");
        assert!(md.contains("## 一、 基础"), "{md}");
    }
}
