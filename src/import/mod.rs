//! `plansite import`: turn a received plan — a Word file (.docx), a saved government portal page
//! (.html) or raw text (.txt) — into a Markdown draft that an editor then curates.
//!
//! Every reader produces the same [`Source`]: paragraphs with what the file says about their
//! role (heading style, bold type, Word list), tables as grids, footnotes and front-matter facts.
//! Structure then comes from one place ([`classify`]), mostly from the Chinese numbering markers,
//! since most government files style headings as bold or plain paragraphs.

mod classify;
mod decode;
mod docx;
mod docx_package;
mod docx_styles;
mod draft;
mod html;
mod html_meta;
mod indicators;
mod numbering;
pub use numbering::roman;
mod redhead;
pub mod report;
mod segment;
mod tables;

use report::Report;
use std::path::Path;

/// What an import produced: the Markdown draft, a draft indicator fragment and the report.
#[derive(Debug, Default)]
pub struct Import {
    /// The draft plan document: front matter and body.
    pub markdown: String,
    /// A draft `indicators.yaml` fragment, when some table looks like indicator rows.
    pub indicators: Option<String>,
    /// What was recovered, dropped and guessed, for the curator.
    pub report: Report,
}

/// Document facts for the front matter.
#[derive(Debug, Default, Clone)]
pub struct Meta {
    /// The document's title, where the file states one.
    pub title: Option<String>,
    /// The issuing body (`示例市人民政府`).
    pub issuer: Option<String>,
    /// `YYYY-MM-DD`: date signed or issued (成文日期, or the date in the red header).
    pub issued: Option<String>,
    /// `YYYY-MM-DD`: when the portal published it (发布日期).
    pub published: Option<String>,
    /// Official document number (文号), as found (`示政发〔2026〕1号`).
    pub doc_number: Option<String>,
    /// Facts the plan format has no field for (签发人, 来源, 索引号, page headers): written
    /// into the front matter as comments for the curator.
    pub extras: Vec<(String, String)>,
}

impl Meta {
    fn extra(&mut self, label: &str, value: &str) {
        let value = value.trim();
        if !value.is_empty() && !self.extras.iter().any(|(l, v)| l == label && v == value) {
            self.extras.push((label.to_string(), value.to_string()));
        }
    }
}

/// What the file says about a paragraph's role.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Hint {
    /// Nothing marks it: its role comes from its text (numbering markers) alone.
    #[default]
    Plain,
    /// All its text is bold (or in a heading typeface such as 黑体).
    Bold,
    /// A heading style or outline level (0 = top).
    Outline(u8),
    /// The document's title style, or the page's headline.
    Title,
    /// An item of a bulleted or numbered list.
    Bullet,
    /// A line of the document's table of contents.
    TocEntry,
}

/// One paragraph as a reader found it.
#[derive(Debug, Clone, Default)]
pub struct Para {
    /// Its text (in Word, all its runs joined).
    pub text: String,
    /// What the file says about its role.
    pub hint: Hint,
    /// Most of its text is red: the red header (红头) of an official document.
    pub red: bool,
}

impl Para {
    /// A paragraph with no hint.
    pub fn plain(text: impl Into<String>) -> Para {
        Para {
            text: text.into(),
            ..Para::default()
        }
    }
}

/// One block of the document, in reading order.
#[derive(Debug, Clone)]
pub enum Item {
    /// A paragraph.
    Para(Para),
    /// A table, as a grid of cell texts.
    Table(tables::Table),
}

/// The text of paragraphs (and of tables, cell by cell), joined by spaces.
fn items_text(items: &[Item]) -> String {
    let mut parts = Vec::new();
    for item in items {
        match item {
            Item::Para(p) => parts.push(p.text.clone()),
            Item::Table(t) => parts.extend(t.cells.iter().flatten().filter(|c| !c.is_empty()).cloned()),
        }
    }
    parts.join(" ")
}

/// A document as a reader found it.
#[derive(Debug, Default)]
pub struct Source {
    /// Paragraphs and tables, in reading order.
    pub items: Vec<Item>,
    /// Footnote texts; footnote `n` (from 1) is referenced by [`draft::footnote_mark`]`(n)`.
    pub footnotes: Vec<String>,
    /// Front-matter facts found in the file.
    pub meta: Meta,
    /// What the reader recovered, dropped and guessed so far.
    pub report: Report,
}

/// Imports the file at `path` (its bytes already read) as the plan `id`, by its extension.
/// The error says what the file is and what to do.
pub fn import_file(path: &Path, bytes: &[u8], id: &str) -> Result<Import, String> {
    let ext = path
        .extension()
        .map(|e| e.to_string_lossy().to_lowercase())
        .unwrap_or_default();
    if decode::is_ole(bytes) || matches!(ext.as_str(), "doc" | "wps" | "wpt" | "dot") {
        return Err(format!(
            "is a legacy binary {} file, which import cannot read: open it in Word or WPS and save it as .docx (Word document), then import the .docx",
            if ext == "wps" { "WPS" } else { "Word (.doc)" }
        ));
    }
    let mut source = match ext.as_str() {
        "docx" | "docm" | "dotx" => docx::read(bytes)?,
        "html" | "htm" | "shtml" | "xhtml" => {
            let decoded = decode::html(bytes)?;
            let mut source = html::read(&decoded.text);
            if let Some(note) = decoded.note {
                source.report.note(note);
            }
            source
        }
        "txt" | "text" => {
            let decoded = decode::text(bytes)?;
            let mut import = import_text(&decoded.text, id);
            if let Some(note) = decoded.note {
                import.report.note(note);
            }
            return Ok(import);
        }
        "" => return Err("has no extension: name it .docx, .html or .txt after what it holds".into()),
        other => {
            return Err(format!(
                "has the extension .{other}, which import does not read: it reads .docx (save Word, WPS and PDF files as .docx), .html (a saved portal page) and .txt"
            ));
        }
    };
    // Only files keep the red header as its own paragraphs: raw text runs it into the notice.
    redhead::take(&mut source);
    Ok(finish(source, id))
}

/// Imports raw text (as copied from a government portal) as the plan `id`. Never fails: odd
/// input becomes paragraphs plus notes.
pub fn import_text(raw: &str, id: &str) -> Import {
    let text = raw
        .trim_start_matches('\u{feff}')
        .replace("\r\n", "\n")
        .replace('\r', "\n");
    let seg = segment::segment(&text);
    let mut report = Report::default();
    for note in seg.notes {
        report.dropped(note);
    }
    let source = Source {
        items: seg.paragraphs.into_iter().map(|p| Item::Para(Para::plain(p))).collect(),
        footnotes: Vec::new(),
        meta: seg.meta,
        report,
    };
    finish(source, id)
}

/// The steps every format shares: notice facts, structure, tables, the draft.
fn finish(mut source: Source, id: &str) -> Import {
    let leading: Vec<&str> = source
        .items
        .iter()
        .map_while(|i| match i {
            Item::Para(p) => Some(p.text.as_str()),
            Item::Table(_) => None,
        })
        .collect();
    segment::header_facts(leading, &mut source.meta);
    let mut report = source.report;
    let items = tables::take_captions(source.items, &mut report);
    let classified = classify::classify(&items);
    report.extend(classified.report);
    let title = source
        .meta
        .title
        .clone()
        .or(classified.title)
        .or_else(|| {
            classified.blocks.iter().find_map(|b| match b {
                classify::Block::Paragraph(t) if classify::looks_like_title(t) => Some(t.clone()),
                _ => None,
            })
        })
        .unwrap_or_default();
    let tables: Vec<&tables::Table> = classified
        .blocks
        .iter()
        .filter_map(|b| match b {
            classify::Block::Table(t) => Some(t),
            _ => None,
        })
        .collect();
    tables::report(&tables, &mut report);
    let indicators = indicators::draft(id, &tables, &mut report);
    if !source.footnotes.is_empty() {
        report.recovered(format!("{} footnotes, as Markdown footnotes", source.footnotes.len()));
    }
    let markdown = draft::write(id, &source.meta, &title, &classified.blocks, &source.footnotes);
    Import {
        markdown,
        indicators,
        report,
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
        assert_eq!(imp.report.lines(report::Kind::Dropped).count(), 3);
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

    #[test]
    fn bold_and_styled_paragraphs_become_headings_and_tables_stay_tables() {
        let para = |text: &str, hint| {
            Item::Para(Para {
                text: text.into(),
                hint,
                red: false,
            })
        };
        let mut b = tables::TableBuilder::default();
        b.row();
        b.cell("指标".into(), 1, 1);
        b.cell("2025年".into(), 1, 1);
        b.row();
        b.cell("合格率".into(), 1, 1);
        b.cell("95%".into(), 1, 1);
        let source = Source {
            items: vec![
                para("前言", Hint::Bold),
                para("总体要求", Hint::Outline(0)),
                para("推进建设", Hint::Bold),
                Item::Table(b.finish()),
            ],
            ..Source::default()
        };
        let md = finish(source, "x").markdown;
        assert!(
            md.contains("## 前言\n\n## 总体要求\n\n### 推进建设\n\n| 指标 | 2025年 |\n|---|---|\n| 合格率 | 95% |\n"),
            "{md}"
        );
    }
}
