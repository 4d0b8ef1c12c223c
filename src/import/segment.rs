//! Line-level cleanup: drop portal chrome and table pipes, then split lines into paragraphs.

use super::Meta;
use regex::Regex;
use std::sync::LazyLock;

pub(super) struct Segmented {
    pub paragraphs: Vec<String>,
    pub meta: Meta,
    pub notes: Vec<String>,
}

pub(super) static ISO_DATE: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"\d{4}-\d{2}-\d{2}").unwrap());
pub(super) static CN_DATE: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^(\d{4})年(\d{1,2})月(\d{1,2})日$").unwrap());
pub(super) static DOC_NUMBER: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"\p{Han}{1,8}〔\d{4}〕\d+号?").unwrap());
/// Portal chrome: navigation, counters, font-size widgets, index numbers.
static CHROME: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(concat!(
        r"^(首页|主动公开|打印|>.*|字体.*|政策解读.*|.*(浏览|访问)次数[:：]?\s*|",
        r"索引号.*|组配分类.*|生成日期.*|发布(日期|时间)[:：].*|",
        r"\d{4}-\d{2}-\d{2}(\s+\d{2}:\d{2})?\s*文章来源[:：].*|[0-9A-Z]{18}/\d{4}-\d+|\d{4}-\d{2}-\d{2})$"
    ))
    .unwrap()
});
static PUBLISHER: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"发布机构\s*\|\s*([^|]+?)\s*\|").unwrap());

/// Splits the document into paragraphs and collects metadata from the chrome it drops.
pub(super) fn segment(text: &str) -> Segmented {
    let mut meta = Meta::default();
    let mut notes = Vec::new();
    let mut paragraphs: Vec<String> = Vec::new();
    let mut in_header = true;
    for (n, line) in text.lines().enumerate() {
        let trimmed = line.trim();
        if trimmed.is_empty() {
            continue;
        }
        if let Some(m) = PUBLISHER.captures(trimmed) {
            meta.issuer.get_or_insert_with(|| m[1].to_string());
        }
        let unpiped = trimmed.trim_matches(|c: char| c == '|' || c.is_whitespace());
        if CHROME.is_match(unpiped) {
            if let Some(d) = ISO_DATE.find(unpiped) {
                meta.published.get_or_insert_with(|| d.as_str().to_string());
                // A lone organisation name right above a lone date is the portal's publisher field.
                if in_header
                    && unpiped.len() == 10
                    && let Some(prev) = paragraphs.last().filter(|p| is_org_name(p))
                {
                    meta.issuer.get_or_insert_with(|| prev.clone());
                    paragraphs.pop();
                }
            }
            notes.push(format!("line {}: dropped portal text {:?}", n + 1, shorten(unpiped)));
            continue;
        }
        for cell in unpiped.split('|').map(str::trim).filter(|c| !c.is_empty()) {
            for para in split_paragraphs(cell) {
                if in_header {
                    note_header_facts(&para, &mut meta);
                }
                if para.chars().count() > 60 {
                    in_header = false;
                }
                paragraphs.push(para);
            }
        }
    }
    Segmented {
        paragraphs,
        meta,
        notes,
    }
}

/// The notice header's facts (文号, the signing date) from the paragraphs before the text proper.
pub(super) fn header_facts<'a>(paragraphs: impl IntoIterator<Item = &'a str>, meta: &mut Meta) {
    for para in paragraphs {
        if para.chars().count() > 60 {
            break;
        }
        note_header_facts(para, meta);
    }
}

fn note_header_facts(para: &str, meta: &mut Meta) {
    if let Some(m) = DOC_NUMBER.find(para) {
        meta.doc_number.get_or_insert_with(|| m.as_str().to_string());
    }
    if let Some(c) = CN_DATE.captures(para) {
        let iso = format!("{}-{:0>2}-{:0>2}", &c[1], &c[2], &c[3]);
        meta.issued.get_or_insert(iso);
    }
}

fn is_org_name(p: &str) -> bool {
    p.chars().count() <= 30
        && ["办公室", "政府", "委员会", "局", "小组"]
            .iter()
            .any(|s| p.ends_with(s))
}

fn shorten(s: &str) -> String {
    s.chars().take(40).collect()
}

/// Splits a line at whitespace that stands for a lost paragraph break.
///
/// Raw portal text often keeps a whole chapter on one line with single spaces where the
/// paragraphs were. A space between two pieces of Chinese text is such a break; a space next
/// to Latin letters or digits (`PM2.5 25 µg/m³`) is ordinary text. Short lines such as
/// `目  录` keep their spacing.
pub(super) fn split_paragraphs(line: &str) -> Vec<String> {
    if line.chars().count() <= 20 {
        return vec![line.to_string()];
    }
    let mut out = Vec::new();
    let mut current = String::new();
    let mut chars = line.chars().peekable();
    while let Some(c) = chars.next() {
        if !c.is_whitespace() {
            current.push(c);
            continue;
        }
        let mut ws = String::from(c);
        while let Some(&w) = chars.peek().filter(|w| w.is_whitespace()) {
            ws.push(w);
            chars.next();
        }
        let prev = current.chars().last();
        let next = chars.peek().copied();
        let breaks = matches!((prev, next), (Some(p), Some(n)) if ends_chinese(p) && starts_chinese(n))
            && !is_bare_marker(&current);
        if breaks {
            out.push(std::mem::take(&mut current));
        } else {
            current.push_str(&ws);
        }
    }
    if !current.is_empty() {
        out.push(current);
    }
    out
}

fn is_han(c: char) -> bool {
    matches!(c, '\u{3400}'..='\u{9fff}' | '\u{f900}'..='\u{faff}')
}

fn ends_chinese(c: char) -> bool {
    is_han(c) || "。，、；：？！”’》）】〕…—),:;!?".contains(c)
}

fn starts_chinese(c: char) -> bool {
    is_han(c) || c.is_ascii_digit() || "“‘《（【〔(—".contains(c)
}

/// `(一)` or `1.` alone: the heading text follows after the space.
fn is_bare_marker(s: &str) -> bool {
    s.chars().count() <= 5
        && s.chars()
            .all(|c| c.is_ascii_digit() || "()（）.、．一二三四五六七八九十".contains(c))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn splits_chinese_paragraph_breaks_only() {
        let line = "瑞安市人民政府 2021年12月24日 (此件公开发布) 细颗粒物(PM2.5)平均浓度为22ug/m³ 下降。";
        let parts = split_paragraphs(line);
        assert_eq!(
            parts,
            [
                "瑞安市人民政府",
                "2021年12月24日",
                "(此件公开发布)",
                "细颗粒物(PM2.5)平均浓度为22ug/m³ 下降。"
            ]
        );
    }

    #[test]
    fn keeps_marker_and_title_together() {
        assert_eq!(
            split_paragraphs("(一) 加强组织领导充分发挥政府在质量发展中的作用"),
            ["(一) 加强组织领导充分发挥政府在质量发展中的作用"]
        );
    }

    #[test]
    fn publisher_and_dates_come_from_chrome() {
        let s =
            segment("11330782097919258G/2024-560720\n义乌市质量强市工作领导小组办公室\n2024-07-02\n主动公开\n正文。\n");
        assert_eq!(s.meta.issuer.as_deref(), Some("义乌市质量强市工作领导小组办公室"));
        assert_eq!(s.meta.published.as_deref(), Some("2024-07-02"));
        assert_eq!(s.paragraphs, ["正文。"]);
    }
}
