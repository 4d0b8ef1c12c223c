//! Paragraph-level structure: headings from Chinese numbering, 专栏 boxes, a table of contents.

use regex::Regex;
use std::sync::LazyLock;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum HeadingLevel {
    /// 一、
    Chapter,
    /// (一)
    Section,
    /// 1.
    Item,
    /// (1)
    SubItem,
}

#[derive(Debug, PartialEq)]
pub enum Block {
    Heading(HeadingLevel, String),
    Paragraph(String),
    BoxStart(String),
    BoxEnd,
    ListItem(String),
    ListEnd,
}

pub struct Classified {
    pub blocks: Vec<Block>,
    pub notes: Vec<String>,
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
pub fn looks_like_title(p: &str) -> bool {
    p.chars().count() <= 40
        && ["规划", "意见", "要点", "方案"].iter().any(|s| p.ends_with(s))
        && !p.contains("印发")
        && !p.contains('〔')
        && !p.starts_with('《')
}

pub fn classify(paragraphs: &[String]) -> Classified {
    let mut blocks = Vec::new();
    let mut notes = Vec::new();
    let mut box_items: Option<u32> = None; // Some(last item number) while inside a box
    let mut toc_first: Option<String> = None;
    let mut in_toc = false;

    for p in paragraphs {
        if in_toc {
            let squashed: String = p.split_whitespace().collect();
            let repeats = toc_first.as_deref() == Some(squashed.as_str());
            if !repeats && is_short_title(p) {
                toc_first.get_or_insert(squashed);
                blocks.push(Block::ListItem(p.clone()));
                continue;
            }
            in_toc = false;
            blocks.push(Block::ListEnd);
        }
        if TOC.is_match(p) {
            blocks.push(Block::Paragraph(p.clone()));
            in_toc = true;
            continue;
        }
        if BOX.is_match(p) {
            if box_items.is_some() {
                blocks.push(Block::BoxEnd);
            }
            blocks.push(Block::BoxStart(p.clone()));
            box_items = Some(0);
            continue;
        }
        let level = level_of(p);
        if let Some(last) = box_items {
            let continues_box = match level {
                None => !p.starts_with("——"),
                Some(HeadingLevel::Item) => item_number(p) == Some(last + 1) && !is_short_title(p),
                Some(_) => false,
            };
            if continues_box {
                if level.is_some() {
                    box_items = item_number(p);
                }
                blocks.push(Block::Paragraph(p.clone()));
                continue;
            }
            blocks.push(Block::BoxEnd);
            box_items = None;
        }
        match level.and_then(|l| split_title(p).map(|t| (l, t))) {
            Some((level, (title, body))) => {
                blocks.push(Block::Heading(level, title));
                if let Some(body) = body {
                    blocks.push(Block::Paragraph(body));
                }
            }
            None => {
                if level.is_some() {
                    notes.push(format!(
                        "numbered text without a short title kept as a paragraph: {:?}",
                        p.chars().take(30).collect::<String>()
                    ));
                }
                blocks.push(Block::Paragraph(p.clone()));
            }
        }
    }
    if in_toc {
        blocks.push(Block::ListEnd);
    }
    if box_items.is_some() {
        blocks.push(Block::BoxEnd);
    }
    Classified { blocks, notes }
}
