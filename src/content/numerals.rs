//! Numbers as plan texts write them: Arabic digits (thousands separators, decimals, a percent
//! sign, 万 / 亿 scaling: "1.5万", "2,000家", "95%以上") and Chinese numerals ("五个", "十大",
//! "千家", "两万", "三亿五千万", "七连优"). The build uses them to prove that the block a
//! value's quote is anchored in states the value's number.
//!
//! Crates that parse Chinese numerals (`chinese-number`) read a whole string that is nothing but
//! a numeral, and refuse a bare unit (千家); plan text needs the numerals found inside running
//! text, so this small scanner does both.

/// Every number `text` states, in order of appearance. `text` is NFKC-normalised (ASCII
/// digits). A number scaled by 万, 千 or 亿 is listed both as written and scaled ("1.5万" gives
/// 1.5 and 15,000): the sheet records either, with its unit (万元 or 元).
pub fn numbers_in(text: &str) -> Vec<f64> {
    let chars: Vec<char> = text.chars().collect();
    let mut out = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        if chars[i].is_ascii_digit() {
            i = arabic(&chars, i, &mut out);
        } else if chinese_value(chars[i]).is_some() {
            let start = i;
            while i < chars.len() && chinese_value(chars[i]).is_some() {
                i += 1;
            }
            chinese(&chars[start..i], &mut out);
        } else {
            i += 1;
        }
    }
    out
}

/// Whether `text` states `value` (equal up to rounding in the last of 9 significant digits).
pub fn states(text: &str, value: f64) -> bool {
    numbers_in(text).into_iter().any(|n| same(n, value))
}

/// How many times `text` states `value`.
pub fn count(text: &str, value: f64) -> usize {
    numbers_in(text).into_iter().filter(|&n| same(n, value)).count()
}

/// The numbers as a reader would list them: "95, 98.5, 2,000" (at most `max`, each once).
pub fn listed(text: &str, max: usize) -> String {
    let mut seen: Vec<f64> = Vec::new();
    for n in numbers_in(text) {
        if !seen.iter().any(|&s| same(s, n)) {
            seen.push(n);
        }
    }
    let more = seen.len() > max;
    let mut shown: Vec<String> = seen.into_iter().take(max).map(format).collect();
    if more {
        shown.push("…".into());
    }
    shown.join(", ")
}

/// Equal up to rounding in the last of 9 significant digits.
pub fn same(a: f64, b: f64) -> bool {
    (a - b).abs() <= 1e-9 * a.abs().max(b.abs()).max(1.0)
}

/// A number as plan texts write it: `2000`, `0.53`.
pub fn format(n: f64) -> String {
    format!("{n}")
}

/// Reads the Arabic number starting at `chars[i]` into `out`; returns the index after it.
fn arabic(chars: &[char], mut i: usize, out: &mut Vec<f64>) -> usize {
    let digit = |k: usize| chars.get(k).is_some_and(char::is_ascii_digit);
    let mut written = String::new();
    while digit(i) {
        written.push(chars[i]);
        i += 1;
        // "2,000": a comma followed by exactly three digits groups them.
        if chars.get(i) == Some(&',') && digit(i + 1) && digit(i + 2) && digit(i + 3) && !digit(i + 4) {
            i += 1;
        }
    }
    if chars.get(i) == Some(&'.') && digit(i + 1) {
        written.push('.');
        i += 1;
        while digit(i) {
            written.push(chars[i]);
            i += 1;
        }
    }
    let Ok(n) = written.parse::<f64>() else {
        return i;
    };
    out.push(n);
    // 万, 千万, 亿, 万亿 …: the scale multiplies; its characters are not read again as numerals.
    let mut factor = 1.0;
    while let Some(f) = chars.get(i).and_then(|&c| match c {
        '百' if chars.get(i + 1) == Some(&'万') => Some(1e2),
        '千' => Some(1e3),
        '万' => Some(1e4),
        '亿' => Some(1e8),
        _ => None,
    }) {
        factor *= f;
        i += 1;
    }
    if factor > 1.0 {
        out.push(n * factor);
    }
    i
}

/// 0–9 for the digits, 10 / 100 / 1000 / 10⁴ / 10⁸ for the units.
fn chinese_value(c: char) -> Option<u64> {
    Some(match c {
        '零' | '〇' => 0,
        '一' => 1,
        '二' | '两' => 2,
        '三' => 3,
        '四' => 4,
        '五' => 5,
        '六' => 6,
        '七' => 7,
        '八' => 8,
        '九' => 9,
        '十' => 10,
        '百' => 100,
        '千' => 1000,
        '万' => 10_000,
        '亿' => 100_000_000,
        _ => return None,
    })
}

/// A run of Chinese numeral characters: "三十五" is 35, "十一五" two numbers (11 and 5), a run
/// of bare digits ("二〇二五") also the number its digits spell.
fn chinese(run: &[char], out: &mut Vec<f64>) {
    let values: Vec<u64> = run.iter().filter_map(|&c| chinese_value(c)).collect();
    if values.len() > 1 && values.iter().all(|&v| v < 10) {
        let spelled = values
            .iter()
            .fold(0u64, |acc, &d| acc.saturating_mul(10).saturating_add(d));
        out.push(spelled as f64);
    }
    let (mut total, mut section, mut digit): (u64, u64, Option<u64>) = (0, 0, None);
    let mut small_unit = u64::MAX; // the last unit below 万 in this section, to split "十一五"
    for &v in &values {
        match v {
            0 => {} // 零 only holds a place: 一百零五
            1..=9 => {
                if digit.is_some() {
                    // Two digits without a unit between them start a new number.
                    out.push(sum(&[total, section, digit.unwrap_or(0)]));
                    (total, section, small_unit) = (0, 0, u64::MAX);
                }
                digit = Some(v);
            }
            10 | 100 | 1000 => {
                if v >= small_unit && digit.is_none() && section > 0 {
                    out.push(sum(&[total, section]));
                    (total, section) = (0, 0);
                }
                section = section.saturating_add(digit.take().unwrap_or(1) * v);
                small_unit = v;
            }
            _ => {
                let part = section.saturating_add(digit.take().unwrap_or(0)).max(1);
                total = if v == 100_000_000 {
                    total.saturating_add(part).saturating_mul(v)
                } else {
                    total.saturating_add(part.saturating_mul(v))
                };
                (section, small_unit) = (0, u64::MAX);
            }
        }
    }
    if section > 0 || digit.is_some() || total > 0 {
        out.push(sum(&[total, section, digit.unwrap_or(0)]));
    } else if values.contains(&0) {
        out.push(0.0);
    }
}

fn sum(parts: &[u64]) -> f64 {
    parts.iter().fold(0u64, |a, &b| a.saturating_add(b)) as f64
}

#[cfg(test)]
mod tests {
    use super::*;

    fn nums(s: &str) -> Vec<f64> {
        numbers_in(s)
    }

    #[test]
    fn arabic_numbers_with_separators_decimals_and_scales() {
        assert_eq!(nums("合格率达到95%以上"), [95.0]);
        assert_eq!(nums("培育2,000家企业"), [2000.0]);
        assert_eq!(nums("从0.53降至0.33"), [0.53, 0.33]);
        assert_eq!(nums("1.5万家"), [1.5, 15000.0]);
        assert_eq!(nums("产值3亿元"), [3.0, 3e8]);
        assert_eq!(nums("投入5千万"), [5.0, 5e7]);
        assert_eq!(nums("1000万元以上"), [1000.0, 1e7]);
        assert_eq!(nums("2万亿"), [2.0, 2e12]);
        assert_eq!(
            nums("1,2,3"),
            [1.0, 2.0, 3.0],
            "a comma between single digits lists them"
        );
        assert_eq!(nums("2025年"), [2025.0]);
        assert_eq!(nums("1-3家"), [1.0, 3.0]);
    }

    #[test]
    fn chinese_numerals_in_running_text() {
        assert_eq!(nums("五个"), [5.0]);
        assert_eq!(nums("十大"), [10.0]);
        assert_eq!(nums("千家"), [1000.0]);
        assert_eq!(nums("七连优"), [7.0]);
        assert_eq!(nums("三十五项"), [35.0]);
        assert_eq!(nums("一百零五"), [105.0]);
        assert_eq!(nums("两万"), [20000.0]);
        assert_eq!(nums("三亿五千万"), [350_000_000.0]);
        assert_eq!(nums("十二"), [12.0]);
        assert_eq!(nums("二十"), [20.0]);
        assert_eq!(nums("零"), [0.0]);
        assert!(nums(&"亿".repeat(50)).iter().all(|n| n.is_finite()), "no overflow");
    }

    #[test]
    fn runs_that_are_two_numbers_or_spelled_digits() {
        assert_eq!(nums("十一五"), [11.0, 5.0]);
        assert_eq!(nums("二〇二五年"), [2025.0, 2.0, 2.0, 5.0]);
        assert_eq!(nums("十百"), [10.0, 100.0]);
    }

    #[test]
    fn states_compares_up_to_rounding() {
        assert!(states("驰名商标达到25件", 25.0));
        assert!(!states("驰名商标达到20件", 25.0));
        assert!(states("提高0.1个百分点", 0.1));
        assert!(states("新增省级以上品牌五个", 5.0));
        assert!(!states("质量强市", 1.0));
    }

    #[test]
    fn listed_and_formatted_for_messages() {
        assert_eq!(listed("20件、20件和2,000家", 5), "20, 2000");
        assert_eq!(listed("1 2 3 4", 3), "1, 2, 3, …");
        assert_eq!(format(2030.0), "2030");
        assert_eq!(format(0.53), "0.53");
    }
}
