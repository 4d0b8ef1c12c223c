//! 以上 / 以下 are inclusive: "95%以上" is "95% or more", "10蒸吨以下" "10 t/h or less". A
//! translation that says "more than 95%" (or "over", "above"; "less than", "below", "under")
//! for it says something else. Warns where the English text of a sheet value, or of a plan
//! section (the k-th section of each edition), says so for a number its Chinese counterpart
//! qualifies with 以上 / 以下 — unless the Chinese also says 超过 / 低于 that number (those are
//! exclusive: "more than", "below").

use crate::content::{Localized, Plan, Site, numerals};
use crate::diagnostics::{Diagnostic, Diagnostics, Location};
use crate::load::localized_path;
use regex::Regex;
use std::sync::LazyLock;
use unicode_normalization::UnicodeNormalization;

/// The English language of the site, if it has one besides the source language.
fn english(site: &Site) -> Option<&str> {
    (site.config.languages[1..].iter())
        .map(|l| l.code.as_str())
        .find(|c| *c == "en" || c.starts_with("en-"))
}

/// The sheet: each indicator's name and definition, each value's text and note, Chinese
/// against English.
pub(super) fn check_sheet(site: &Site, diags: &mut Diagnostics) {
    let Some(en) = english(site) else {
        return;
    };
    let zh = site.default_language().code.as_str();
    let pos = &site.indicator_positions;
    let mut warn = |entry: &str, field: &str, text: &Localized<String>| {
        let (Some(a), Some(b)) = (text.get(zh), text.get(en)) else {
            return;
        };
        for m in misreadings(a, b) {
            let at = pos.at(&localized_path(pos, entry, field, en).0);
            diags.push(Diagnostic::warning(Some(at), m.message()).with_hint(m.hint()));
        }
    };
    for (i, ind) in site.indicators.iter().enumerate() {
        let entry = format!("indicators.{i}");
        warn(&entry, "name", &ind.name);
        warn(&entry, "definition", &ind.definition);
        for (j, v) in ind.values.iter().enumerate() {
            let entry = format!("{entry}.values.{j}");
            warn(&entry, "text", &v.text);
            warn(&entry, "note", &v.note);
        }
    }
}

/// A plan's English edition against its source: the summaries, and each section (the text
/// from one heading to the next) against the source's section in the same place. Editions
/// whose headings differ in number are not compared (that is an error of its own).
pub(super) fn check_plan(site: &Site, plan: &Plan, diags: &mut Diagnostics) {
    let (Some(en), Some(source)) = (english(site), plan.doc(site.default_language())) else {
        return;
    };
    let Some(doc) = plan.docs.get(en).map(|d| &**d).filter(|d| d.has_text()) else {
        return;
    };
    for m in misreadings(&source.front.summary, &doc.front.summary) {
        diags.push(Diagnostic::warning(Some(doc.positions.at("summary")), m.message()).with_hint(m.hint()));
    }
    let (Ok(a), Ok(b)) = (crate::load::read_body(source), crate::load::read_body(doc)) else {
        return; // unreadable: reported where the page is rendered
    };
    let (a, b) = (sections(&a), sections(&b));
    if a.len() != b.len() {
        return;
    }
    for ((_, zh), (start, text)) in a.iter().zip(&b) {
        for m in misreadings(zh, text) {
            let line = doc.body_line + start + text[..m.at].matches('\n').count();
            diags.push(Diagnostic::warning(Some(Location::new(&doc.path, line, 1)), m.message()).with_hint(m.hint()));
        }
    }
}

/// The body split before each ATX heading line: (first line, 0-based, within the body; text).
fn sections(body: &str) -> Vec<(usize, &str)> {
    let mut out = Vec::new();
    let (mut start, mut start_line, mut offset) = (0, 0, 0);
    for (n, line) in body.split_inclusive('\n').enumerate() {
        let hashes = line.len() - line.trim_start_matches('#').len();
        if (1..=6).contains(&hashes) && line[hashes..].starts_with([' ', '\t']) && n > 0 {
            out.push((start_line, &body[start..offset]));
            (start, start_line) = (offset, n);
        }
        offset += line.len();
    }
    out.push((start_line, &body[start..]));
    out
}

/// Which way a qualifier points.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Way {
    /// 以上 (inclusive), "more than" (exclusive).
    Up,
    /// 以下 (inclusive), "less than" (exclusive).
    Down,
}

/// An English phrase that reads a Chinese 以上 / 以下 as exclusive.
#[derive(Debug, Clone, PartialEq)]
pub(super) struct Misread {
    /// Byte offset of the phrase in the English text.
    pub at: usize,
    /// The phrase as written ("more than 50").
    pub phrase: String,
    /// The Chinese words it translates ("50家以上").
    pub zh: String,
    /// 以上 read as "more than", or 以下 as "less than".
    pub way: Way,
}

impl Misread {
    /// The warning's message.
    pub(super) fn message(&self) -> String {
        let (inclusive, exclusive) = match self.way {
            Way::Up => ("以上", "超过"),
            Way::Down => ("以下", "低于"),
        };
        format!(
            "“{}” for “{}”: {inclusive} includes the number (only {exclusive} excludes it)",
            self.phrase, self.zh
        )
    }

    /// What to write instead.
    pub(super) fn hint(&self) -> &'static str {
        match self.way {
            Way::Up => "write “N or more” (“95% or more”, “50 or more enterprises”) or “at least N”",
            Way::Down => "write “N or less” (“10 t/h or less”) or “at most N”",
        }
    }
}

/// A number (Arabic or Chinese, with 万 / 亿), a unit of a few characters, then 以上 / 以下.
static ZH_INCLUSIVE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"([0-9０-９][0-9０-９,.．]*[%％万亿千]?|[零〇一二两三四五六七八九十百千万亿]+)[^0-9０-９，。；、,.;:：()（）\s]{0,5}?(以上|以下)")
        .expect("valid regex")
});

/// 超过 / 低于 and their kin before a number: the exclusive ones.
static ZH_EXCLUSIVE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(超过|超|多于|高于|大于|突破|低于|少于|小于|不足|不到)([0-9０-９][0-9０-９,.．]*[%％万亿千]?|[零〇一二两三四五六七八九十百千万亿]+)")
        .expect("valid regex")
});

/// "more than 50", "over 1.5 million", "below 10": an exclusive comparison before a number
/// (ASCII word boundaries: Unicode ones would make the search slow on text with “quotes”).
static EN_EXCLUSIVE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?i-u)\b(?:(no|not)\s+)?(more than|greater than|over|above|exceeding|less than|fewer than|below|under)\s+(?:RMB\s+|CNY\s+)?([0-9]{1,3}(?:,[0-9]{3})+(?:\.[0-9]+)?|[0-9]+(?:\.[0-9]+)?|one|two|three|four|five|six|seven|eight|nine|ten)(\s*(?:thousand|million|billion))?",
    )
    .expect("valid regex")
});

/// The numbers `zh` qualifies with 以上 (`Up`) or 以下 (`Down`), with the words that do, and
/// the numbers it compares exclusively (超过 / 低于).
fn chinese_numbers(zh: &str) -> (Vec<(f64, Way, String)>, Vec<f64>) {
    let inclusive = (ZH_INCLUSIVE.captures_iter(zh))
        .flat_map(|c| {
            let way = if &c[2] == "以上" { Way::Up } else { Way::Down };
            let words = c[0].to_string();
            numerals::numbers_in(&normalize(&c[1]))
                .into_iter()
                .map(move |n| (n, way, words.clone()))
        })
        .collect();
    let exclusive = (ZH_EXCLUSIVE.captures_iter(zh))
        .flat_map(|c| numerals::numbers_in(&normalize(&c[2])))
        .collect();
    (inclusive, exclusive)
}

/// Full-width digits and signs as ASCII.
fn normalize(s: &str) -> String {
    s.nfkc().collect()
}

/// The English number: digits (with separators) or a word, scaled by "million" and kin.
fn english_number(digits: &str, scale: Option<&str>) -> Vec<f64> {
    let words = [
        "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten",
    ];
    let lower = digits.to_ascii_lowercase();
    let n = match words.iter().position(|w| *w == lower) {
        Some(k) => (k + 1) as f64,
        None => match digits.replace(',', "").parse::<f64>() {
            Ok(n) => n,
            Err(_) => return Vec::new(),
        },
    };
    let factor = match scale.map(|s| s.trim().to_ascii_lowercase()).as_deref() {
        Some("thousand") => 1e3,
        Some("million") => 1e6,
        Some("billion") => 1e9,
        _ => 1.0,
    };
    if factor == 1.0 { vec![n] } else { vec![n, n * factor] }
}

/// The places where `en` says "more than N" (or "less than N") for a number that `zh` qualifies
/// with 以上 (以下), and does not also compare exclusively.
pub(super) fn misreadings(zh: &str, en: &str) -> Vec<Misread> {
    if !zh.contains("以上") && !zh.contains("以下") || !EN_EXCLUSIVE.is_match(en) {
        return Vec::new();
    }
    let (inclusive, exclusive) = chinese_numbers(zh);
    if inclusive.is_empty() {
        return Vec::new();
    }
    let mut out = Vec::new();
    for c in EN_EXCLUSIVE.captures_iter(en) {
        if c.get(1).is_some() {
            continue; // "no less than", "not more than": inclusive already
        }
        let way = match c[2].to_ascii_lowercase().as_str() {
            "less than" | "fewer than" | "below" | "under" => Way::Down,
            _ => Way::Up,
        };
        let numbers = english_number(&c[3], c.get(4).map(|m| m.as_str()));
        let exclusive_too = numbers.iter().any(|&n| exclusive.iter().any(|&x| numerals::same(n, x)));
        let matched = (inclusive.iter()).find(|(x, w, _)| *w == way && numbers.iter().any(|&n| numerals::same(n, *x)));
        if let (Some((_, _, words)), false) = (matched, exclusive_too) {
            let whole = c.get(0).expect("the match");
            out.push(Misread {
                at: whole.start(),
                phrase: whole.as_str().trim_end().to_string(),
                zh: words.clone(),
                way,
            });
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn phrases(zh: &str, en: &str) -> Vec<String> {
        misreadings(zh, en).into_iter().map(|m| m.phrase).collect()
    }

    #[test]
    fn more_than_for_yishang_is_a_misreading() {
        assert_eq!(phrases("95%以上", "more than 95%"), ["more than 95"]);
        assert_eq!(phrases("培育50家以上", "over 50 enterprises"), ["over 50"]);
        assert_eq!(phrases("3个以上", "above three"), ["above three"]);
        assert_eq!(
            phrases("1000万元以上", "more than 10 million yuan"),
            ["more than 10 million"]
        );
        assert_eq!(phrases("1,000家以上", "More than 1,000 firms"), ["More than 1,000"]);
        assert_eq!(phrases("10蒸吨/小时以下", "boilers below 10 t/h"), ["below 10"]);
        assert_eq!(phrases("十大以上", "over 10"), ["over 10"]);
    }

    #[test]
    fn inclusive_english_and_exclusive_chinese_are_fine() {
        assert!(phrases("95%以上", "95% or more").is_empty());
        assert!(phrases("95%以上", "no less than 95%").is_empty());
        assert!(phrases("10以下", "not more than 10").is_empty());
        assert!(
            phrases("超过50家", "more than 50 firms").is_empty(),
            "超过 is exclusive"
        );
        assert!(phrases("超过50家，其中30家以上", "more than 50 firms").is_empty());
        assert!(phrases("低于5%", "below 5%").is_empty());
        assert!(phrases("50家以上", "more than 60 firms").is_empty(), "another number");
        assert!(phrases("50家以上", "less than 50 firms").is_empty(), "the other way");
        assert!(phrases("省级以上", "above provincial level").is_empty());
    }

    #[test]
    fn sections_split_before_headings() {
        let s = sections("intro\n## A\ntext\n### B\nmore\n#hashtag\n");
        assert_eq!(s, [(0, "intro\n"), (1, "## A\ntext\n"), (3, "### B\nmore\n#hashtag\n")]);
    }

    #[test]
    fn the_message_says_what_to_write() {
        let m = &misreadings("培育50家以上", "over 50 enterprises")[0];
        assert_eq!(
            m.message(),
            "“over 50” for “50家以上”: 以上 includes the number (only 超过 excludes it)"
        );
        assert_eq!(m.at, 0);
        assert!(m.hint().contains("or more"));
    }
}
