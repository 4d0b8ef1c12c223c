//! Paragraph-level structure: headings from styles, bold and Chinese numbering, 专栏 boxes,
//! a table of contents, lists and tables.

use super::report::Report;
use super::tables::Table;
use super::{Hint, Item, Para};
use regex::Regex;
use std::sync::LazyLock;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum HeadingLevel {
    /// 一、
    Chapter,
    /// (一)
    Section,
    /// 1.
    Item,
    /// (1)
    SubItem,
}

impl HeadingLevel {
    /// Word outline level 0 (Heading 1) is a chapter, and so on down.
    fn from_outline(level: u8) -> HeadingLevel {
        match level {
            0 => HeadingLevel::Chapter,
            1 => HeadingLevel::Section,
            2 => HeadingLevel::Item,
            _ => HeadingLevel::SubItem,
        }
    }

    fn deeper(self) -> HeadingLevel {
        match self {
            HeadingLevel::Chapter => HeadingLevel::Section,
            HeadingLevel::Section => HeadingLevel::Item,
            _ => HeadingLevel::SubItem,
        }
    }
}

#[derive(Debug, PartialEq)]
pub(super) enum Block {
    Heading(HeadingLevel, String),
    Paragraph(String),
    BoxStart(String),
    BoxEnd,
    ListItem(String),
    ListEnd,
    Table(Table),
}

pub(super) struct Classified {
    pub blocks: Vec<Block>,
    /// The paragraph the source marks as the document title, if it does.
    pub title: Option<String>,
    pub report: Report,
}

static CHAPTER: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"^[一二三四五六七八九十]+、").unwrap());
static SECTION: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"^[(（][一二三四五六七八九十]+[)）]").unwrap());
static ITEM: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"^(\d{1,2})\s*[.．、]\s*(\D|$)").unwrap());
static SUB_ITEM: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"^[(（]\d{1,2}[)）]").unwrap());
static BOX: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"^专栏\s*\d+").unwrap());
static TOC: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"^目\s*录$").unwrap());

/// A heading longer than this with no sentence end is body text, not a title.
const MAX_TITLE_CHARS: usize = 50;

fn level_of(p: &str) -> Option<HeadingLevel> {
    if CHAPTER.is_match(p) {
        Some(HeadingLevel::Chapter)
    } else if SECTION.is_match(p) {
        Some(HeadingLevel::Section)
    } else if SUB_ITEM.is_match(p) {
        Some(HeadingLevel::SubItem)
    } else if ITEM.is_match(p) {
        Some(HeadingLevel::Item)
    } else {
        None
    }
}

fn item_number(p: &str) -> Option<u32> {
    ITEM.captures(p).and_then(|c| c[1].parse().ok())
}

/// Splits `1.总体目标。到2020年……` into the title sentence and the body that follows it.
fn split_title(p: &str) -> Option<(String, Option<String>)> {
    let chars: Vec<char> = p.chars().collect();
    let end = chars.iter().position(|c| matches!(c, '。' | '！' | '？'));
    match end {
        Some(i) if i < MAX_TITLE_CHARS => {
            let title: String = chars[..=i].iter().collect();
            let body: String = chars[i + 1..].iter().collect();
            let body = body.trim();
            Some((title, (!body.is_empty()).then(|| body.to_string())))
        }
        None if chars.len() <= MAX_TITLE_CHARS => Some((p.to_string(), None)),
        _ => None,
    }
}

fn is_short_title(p: &str) -> bool {
    p.chars().count() <= 30 && !p.contains('。')
}

/// Document titles: "…规划", "…实施意见", "…工作要点" standing alone.
pub(super) fn looks_like_title(p: &str) -> bool {
    p.chars().count() <= 40
        && ["规划", "意见", "要点", "方案"].iter().any(|s| p.ends_with(s))
        && !p.contains("印发")
        && !p.contains('〔')
        && !p.starts_with('《')
}

pub(super) fn classify(items: &[Item]) -> Classified {
    let mut c = Classifier::default();
    for item in items {
        match item {
            Item::Table(t) => c.table(t),
            Item::Para(p) => c.para(p),
        }
    }
    c.finish()
}

#[derive(Default)]
struct Classifier {
    blocks: Vec<Block>,
    report: Report,
    title: Option<String>,
    /// Some(last item number) while inside a box.
    box_items: Option<u32>,
    toc_first: Option<String>,
    in_toc: bool,
    in_list: bool,
    /// The level of the last heading, for headings the source marks only by bold type.
    last_level: Option<HeadingLevel>,
    counts: [usize; 3],
}

impl Classifier {
    fn close_lists(&mut self) {
        if self.in_toc || self.in_list {
            self.blocks.push(Block::ListEnd);
        }
        self.in_toc = false;
        self.in_list = false;
    }

    fn close_box(&mut self) {
        if self.box_items.take().is_some() {
            self.blocks.push(Block::BoxEnd);
        }
    }

    fn heading(&mut self, level: HeadingLevel, text: String, source: usize) {
        self.close_lists();
        self.close_box();
        self.last_level = Some(level);
        self.counts[source] += 1;
        self.blocks.push(Block::Heading(level, text));
    }

    fn table(&mut self, t: &Table) {
        self.close_lists();
        self.blocks.push(Block::Table(t.clone()));
    }

    fn para(&mut self, p: &Para) {
        let text = p.text.as_str();
        match p.hint {
            Hint::Title if self.title.is_none() => {
                self.title = Some(text.to_string());
                self.close_lists();
                return self.blocks.push(Block::Paragraph(text.to_string()));
            }
            Hint::Bullet | Hint::TocEntry => {
                if self.in_toc && p.hint == Hint::Bullet {
                    self.close_lists();
                }
                self.in_list = true;
                return self.blocks.push(Block::ListItem(text.to_string()));
            }
            Hint::Outline(n) => {
                let level = level_of(text).unwrap_or(HeadingLevel::from_outline(n));
                return self.heading(level, text.to_string(), 1);
            }
            _ => {}
        }
        if self.in_list && !self.in_toc {
            self.close_lists();
        }
        if self.in_toc && self.toc_entry(text) {
            return;
        }
        if TOC.is_match(text) {
            self.close_lists();
            self.blocks.push(Block::Paragraph(text.to_string()));
            self.in_toc = true;
            return;
        }
        if BOX.is_match(text) {
            self.close_box();
            self.blocks.push(Block::BoxStart(text.to_string()));
            self.box_items = Some(0);
            return;
        }
        let level = level_of(text);
        if self.stays_in_box(text, level) {
            return self.blocks.push(Block::Paragraph(text.to_string()));
        }
        if level.is_none() && p.hint == Hint::Bold && self.bold_heading(text) {
            return;
        }
        self.numbered(text, level);
    }

    /// Inside a 目录, short titles are entries until the first one comes round again.
    fn toc_entry(&mut self, text: &str) -> bool {
        let squashed: String = text.split_whitespace().collect();
        let repeats = self.toc_first.as_deref() == Some(squashed.as_str());
        if !repeats && is_short_title(text) {
            self.toc_first.get_or_insert(squashed);
            self.blocks.push(Block::ListItem(text.to_string()));
            return true;
        }
        self.close_lists();
        false
    }

    /// Inside a box, text and the box's own numbered items stay paragraphs; anything else
    /// closes the box.
    fn stays_in_box(&mut self, text: &str, level: Option<HeadingLevel>) -> bool {
        let Some(last) = self.box_items else {
            return false;
        };
        let continues = match level {
            None => !text.starts_with("——"),
            Some(HeadingLevel::Item) => item_number(text) == Some(last + 1) && !is_short_title(text),
            Some(_) => false,
        };
        if continues {
            if level.is_some() {
                self.box_items = item_number(text);
            }
            return true;
        }
        self.close_box();
        false
    }

    /// A short bold paragraph without numbering (`前言`) is a heading one level below the last
    /// one, or a chapter before any: a guess, reported.
    fn bold_heading(&mut self, text: &str) -> bool {
        let short = text.chars().count() <= 30 && !text.contains(['。', '；', ';']) && !text.ends_with(['：', ':']);
        if !short || looks_like_title(text) {
            return false;
        }
        let level = self.last_level.map_or(HeadingLevel::Chapter, HeadingLevel::deeper);
        self.report.guess(format!(
            "bold paragraph {:?} without numbering made a level-{} heading",
            text,
            level as usize + 2
        ));
        self.heading(level, text.to_string(), 2);
        true
    }

    fn numbered(&mut self, text: &str, level: Option<HeadingLevel>) {
        match level.and_then(|l| split_title(text).map(|t| (l, t))) {
            Some((level, (title, body))) => {
                self.heading(level, title, 0);
                if let Some(body) = body {
                    self.blocks.push(Block::Paragraph(body));
                }
            }
            None => {
                if level.is_some() {
                    self.report.note(format!(
                        "numbered text without a short title kept as a paragraph: {:?}",
                        text.chars().take(30).collect::<String>()
                    ));
                }
                self.blocks.push(Block::Paragraph(text.to_string()));
            }
        }
    }

    fn finish(mut self) -> Classified {
        self.close_lists();
        self.close_box();
        let [numbering, styles, bold] = self.counts;
        if numbering + styles + bold > 0 {
            self.report.recovered(format!(
                "{} headings: {numbering} from the Chinese numbering, {styles} from heading styles or outline levels, {bold} from bold type",
                numbering + styles + bold
            ));
        }
        Classified {
            blocks: self.blocks,
            title: self.title,
            report: self.report,
        }
    }
}
