//! `word/numbering.xml`: the list numbers Word and WPS generate (一、 (一) 1. ①), which are not
//! in the paragraph text, counted as Word counts them.

use super::docx_styles::{attr, child, child_val, is_w};
use roxmltree::Node;
use std::collections::HashMap;

#[derive(Debug, Clone)]
struct Level {
    start: u32,
    format: String,
    text: String,
}

#[derive(Debug, Default)]
struct Num {
    abstract_id: String,
    /// `w:lvlOverride/w:startOverride`: the list restarts at these values.
    starts: HashMap<u8, u32>,
}

/// What a numbered paragraph gets in front of its text.
#[derive(Debug, PartialEq)]
pub(super) enum Label {
    None,
    Bullet,
    Text(String),
}

#[derive(Debug, Default)]
pub(super) struct Numbering {
    nums: HashMap<String, Num>,
    levels: HashMap<String, Vec<Level>>,
    /// Counters per abstract list (numIds sharing one continue each other, as in Word).
    counters: HashMap<String, [u32; 9]>,
    /// numIds whose start overrides were applied.
    restarted: std::collections::HashSet<String>,
    /// Formats met that are read as decimal.
    pub unknown_formats: Vec<String>,
}

impl Numbering {
    pub(super) fn parse(root: Node) -> Numbering {
        let mut n = Numbering::default();
        for a in root.children().filter(|c| is_w(*c, "abstractNum")) {
            let Some(id) = attr(a, "abstractNumId") else { continue };
            let mut levels = vec![
                Level {
                    start: 1,
                    format: "decimal".into(),
                    text: String::new()
                };
                9
            ];
            for l in a.children().filter(|c| is_w(*c, "lvl")) {
                let Some(i) = attr(l, "ilvl").and_then(|i| i.parse::<usize>().ok()).filter(|i| *i < 9) else {
                    continue;
                };
                levels[i] = Level {
                    start: child_val(l, "start").and_then(|s| s.parse().ok()).unwrap_or(1),
                    format: child_val(l, "numFmt").unwrap_or("decimal").to_string(),
                    text: child_val(l, "lvlText").unwrap_or("").to_string(),
                };
            }
            n.levels.insert(id.to_string(), levels);
        }
        for num in root.children().filter(|c| is_w(*c, "num")) {
            let (Some(id), Some(abs)) = (attr(num, "numId"), child_val(num, "abstractNumId")) else {
                continue;
            };
            let starts = num
                .children()
                .filter(|c| is_w(*c, "lvlOverride"))
                .filter_map(|o| {
                    let lvl = attr(o, "ilvl")?.parse().ok()?;
                    Some((
                        lvl,
                        child(o, "startOverride").and_then(|s| attr(s, "val"))?.parse().ok()?,
                    ))
                })
                .collect();
            n.nums.insert(
                id.to_string(),
                Num {
                    abstract_id: abs.to_string(),
                    starts,
                },
            );
        }
        n
    }

    /// Counts one paragraph of list `num_id` at level `ilvl` and returns its label.
    pub(super) fn next(&mut self, num_id: &str, ilvl: u8) -> Label {
        let Some(num) = self.nums.get(num_id) else {
            return Label::None;
        };
        let Some(levels) = self.levels.get(&num.abstract_id) else {
            return Label::None;
        };
        let lvl = usize::from(ilvl.min(8));
        let counters = self.counters.entry(num.abstract_id.clone()).or_insert([0; 9]);
        if self.restarted.insert(num_id.to_string()) {
            for (l, start) in &num.starts {
                if let Some(c) = counters.get_mut(usize::from(*l)) {
                    *c = start.saturating_sub(1);
                }
            }
        }
        counters[lvl] = if counters[lvl] == 0 {
            levels[lvl].start
        } else {
            counters[lvl] + 1
        };
        for c in counters.iter_mut().skip(lvl + 1) {
            *c = 0;
        }
        let level = &levels[lvl];
        match level.format.as_str() {
            "bullet" => return Label::Bullet,
            "none" if level.text.is_empty() => return Label::None,
            _ => {}
        }
        let mut text = level.text.clone();
        for (i, l) in levels.iter().enumerate().take(lvl + 1).rev() {
            let value = if counters[i] == 0 { l.start } else { counters[i] };
            let placeholder = format!("%{}", i + 1);
            if text.contains(&placeholder) {
                let formatted = format_number(value, &l.format).unwrap_or_else(|| {
                    if !self.unknown_formats.contains(&l.format) {
                        self.unknown_formats.push(l.format.clone());
                    }
                    value.to_string()
                });
                text = text.replace(&placeholder, &formatted);
            }
        }
        if text.is_empty() {
            Label::None
        } else {
            Label::Text(text)
        }
    }
}

/// `n` in a Word number format; `None` for a format this reader does not know.
fn format_number(n: u32, format: &str) -> Option<String> {
    Some(match format {
        "decimal" | "none" => n.to_string(),
        "decimalZero" => format!("{n:02}"),
        "decimalFullWidth" | "decimalFullWidth2" => n
            .to_string()
            .chars()
            .map(|c| char::from_u32(c as u32 - '0' as u32 + 0xFF10).unwrap_or(c))
            .collect(),
        "chineseCounting" | "chineseCountingThousand" | "japaneseCounting" | "taiwaneseCounting" => chinese(n),
        "ideographDigital" | "taiwaneseDigital" => n
            .to_string()
            .chars()
            .map(|c| {
                "〇一二三四五六七八九"
                    .chars()
                    .nth(c as usize - '0' as usize)
                    .unwrap_or(c)
            })
            .collect(),
        "chineseLegalSimplified" => {
            let plain = chinese(n);
            plain
                .chars()
                .map(|c| match "一二三四五六七八九十百千".find(c) {
                    Some(i) => "壹贰叁肆伍陆柒捌玖拾佰仟"[i..].chars().next().unwrap_or(c),
                    None => c,
                })
                .collect()
        }
        "ideographTraditional" => "甲乙丙丁戊己庚辛壬癸"
            .chars()
            .nth((n as usize).checked_sub(1)? % 10)?
            .to_string(),
        "decimalEnclosedCircle" | "decimalEnclosedCircleChinese" if (1..=20).contains(&n) => {
            char::from_u32(0x2460 + n - 1)?.to_string()
        }
        "upperLetter" | "lowerLetter" => {
            let base = if format == "upperLetter" { b'A' } else { b'a' };
            let letter = (base + ((n.max(1) - 1) % 26) as u8) as char;
            letter.to_string().repeat(((n.max(1) - 1) / 26 + 1) as usize)
        }
        "upperRoman" => roman(n),
        "lowerRoman" => roman(n).to_lowercase(),
        _ => return None,
    })
}

/// 1 → 一, 10 → 十, 12 → 十二, 20 → 二十, 105 → 一百零五.
fn chinese(n: u32) -> String {
    const DIGITS: [char; 10] = ['零', '一', '二', '三', '四', '五', '六', '七', '八', '九'];
    if n == 0 || n >= 10_000 {
        return n.to_string();
    }
    if (10..20).contains(&n) {
        return format!(
            "十{}",
            if n > 10 {
                DIGITS[(n - 10) as usize].to_string()
            } else {
                String::new()
            }
        );
    }
    let mut out = String::new();
    let mut zero = false;
    for (unit, div) in [("千", 1000), ("百", 100), ("十", 10), ("", 1)] {
        let d = n / div % 10;
        if d == 0 {
            zero = !out.is_empty();
            continue;
        }
        if zero {
            out.push('零');
            zero = false;
        }
        out.push(DIGITS[d as usize]);
        out.push_str(unit);
    }
    out
}

/// 1 → I, 14 → XIV (Word's upperRoman; also the English headings' numbering).
pub fn roman(mut n: u32) -> String {
    let mut out = String::new();
    for (v, s) in [
        (1000, "M"),
        (900, "CM"),
        (500, "D"),
        (400, "CD"),
        (100, "C"),
        (90, "XC"),
        (50, "L"),
        (40, "XL"),
        (10, "X"),
        (9, "IX"),
        (5, "V"),
        (4, "IV"),
        (1, "I"),
    ] {
        while n >= v {
            out.push_str(s);
            n -= v;
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::import::docx_styles::W;

    #[test]
    fn chinese_numbers() {
        let got: Vec<String> = [1, 10, 11, 20, 23, 100, 105, 1010]
            .iter()
            .map(|n| chinese(*n))
            .collect();
        assert_eq!(
            got,
            ["一", "十", "十一", "二十", "二十三", "一百", "一百零五", "一千零一十"]
        );
        assert_eq!(format_number(3, "chineseLegalSimplified").unwrap(), "叁");
        assert_eq!(format_number(2, "decimalEnclosedCircle").unwrap(), "②");
    }

    #[test]
    fn levels_count_and_restart_as_in_word() {
        let xml = format!(
            r#"<w:numbering xmlns:w="{W}">
            <w:abstractNum w:abstractNumId="0">
              <w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/><w:lvlText w:val="%1、"/></w:lvl>
              <w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/><w:lvlText w:val="（%2）"/></w:lvl>
              <w:lvl w:ilvl="2"><w:start w:val="1"/><w:numFmt w:val="bullet"/><w:lvlText w:val="•"/></w:lvl>
            </w:abstractNum>
            <w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num>
            <w:num w:numId="2"><w:abstractNumId w:val="0"/><w:lvlOverride w:ilvl="0"><w:startOverride w:val="5"/></w:lvlOverride></w:num>
            </w:numbering>"#
        );
        let doc = roxmltree::Document::parse(&xml).unwrap();
        let mut n = Numbering::parse(doc.root_element());
        let t = |l: Label| match l {
            Label::Text(t) => t,
            other => format!("{other:?}"),
        };
        assert_eq!(t(n.next("1", 0)), "一、");
        assert_eq!(t(n.next("1", 1)), "（一）");
        assert_eq!(t(n.next("1", 1)), "（二）");
        assert_eq!(t(n.next("1", 2)), "Bullet");
        assert_eq!(t(n.next("1", 0)), "二、");
        assert_eq!(t(n.next("1", 1)), "（一）", "deeper levels restart");
        assert_eq!(t(n.next("2", 0)), "五、", "a start override restarts the list");
        assert_eq!(n.next("9", 0), Label::None);
    }
}
