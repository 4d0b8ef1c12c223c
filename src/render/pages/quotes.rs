//! Each value's quote, as the default-language plan page anchored it: the quote is in the text,
//! it picks one occurrence (it occurs once, or `occurrence: N` says which), and the block it is
//! anchored in (paragraph, list item, or the table row of a cell) states the value's number.
//! Errors at the value's YAML line; the plan lines in the messages say where to look.

use super::Usage;
use crate::content::numerals;
use crate::content::{Comparator, Site, Value, ValueKind, Year};
use crate::diagnostics::{Diagnostic, Location};
use crate::render::annotate::{Occurrence, Quoted};
use std::collections::BTreeMap;

/// Every problem with a quote, in sheet order.
pub(super) fn check(site: &Site, usage: &Usage) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    for (i, ind) in site.indicators.iter().enumerate() {
        for (j, v) in ind.values.iter().enumerate() {
            let Some(plan) = site.plan(&v.plan).filter(|p| !p.broken) else {
                continue;
            };
            let Some(doc) = plan.doc(site.default_language()) else {
                continue;
            };
            let at = |field: &str| {
                Some(
                    site.indicator_positions
                        .at(&format!("indicators.{i}.values.{j}.{field}")),
                )
            };
            let file = doc
                .path
                .file_name()
                .map_or_else(String::new, |f| f.to_string_lossy().into_owned());
            if let Some(d) = check_value(v, &usage.quoted[i][j], &file, at) {
                out.push(d);
            }
        }
    }
    out.extend(claimed_twice(site, usage));
    out
}

/// A block of a plan's text: (plan, line, text).
type Block<'a> = (&'a str, usize, &'a str);

/// A value's claim on a number in a block: (number, kind, year, the value's place in the sheet).
type Claim = (f64, ValueKind, Year, (usize, usize));

/// A number the text states once cannot be two figures: the 2011–2015 achievement and the 2020
/// target anchored at the same "达到100%" are one figure filed twice (values of one kind and year
/// share a mention: "均达到98%" states two indicators' targets).
fn claimed_twice(site: &Site, usage: &Usage) -> Vec<Diagnostic> {
    // Per block (plan, line, text): the values anchored in it, in sheet order.
    let mut blocks: BTreeMap<Block, Vec<(usize, usize)>> = BTreeMap::new();
    for (i, ind) in site.indicators.iter().enumerate() {
        for (j, v) in ind.values.iter().enumerate() {
            let k = v.occurrence.map_or(1, |k| k as usize);
            if let Some(o) = (k.checked_sub(1)).and_then(|k| usage.quoted[i][j].occurrences.get(k))
                && v.number().is_some()
            {
                blocks.entry((&v.plan, o.line, &o.block)).or_default().push((i, j));
            }
        }
    }
    let pos = &site.indicator_positions;
    let mut out = Vec::new();
    for ((_, line, block), values) in blocks {
        // Per number: the (kind, year) of each claim so far, with the first value claiming it.
        let mut claims: Vec<Claim> = Vec::new();
        for (i, j) in values {
            let v = &site.indicators[i].values[j];
            let x = v.number().unwrap_or_default();
            let same_number = |c: &&Claim| numerals::same(c.0, x);
            if claims
                .iter()
                .filter(same_number)
                .any(|c| (c.1, c.2) == (v.kind, v.year))
            {
                continue;
            }
            let earlier: Vec<(usize, usize)> = claims.iter().filter(same_number).map(|c| c.3).collect();
            claims.push((x, v.kind, v.year, (i, j)));
            if earlier.is_empty() || earlier.len() < numerals::count(block, x) {
                continue;
            }
            let (fi, fj) = earlier[0];
            let first = &site.indicators[fi].values[fj];
            let file = site.plan(&v.plan).and_then(|p| p.doc(site.default_language()));
            let file = file
                .and_then(|d| d.path.file_name())
                .map_or_else(String::new, |f| f.to_string_lossy().into_owned());
            out.push(
                Diagnostic::error(
                    Some(pos.at(&format!("indicators.{i}.values.{j}.quote"))),
                    format!(
                        "the quote of this {} {} anchors the words of the {} {} on line {}: \
                         {file}:{line} states {} once, and one mention cannot be both figures",
                        v.year.key(),
                        v.kind.key(),
                        first.year.key(),
                        first.kind.key(),
                        pos.at(&format!("indicators.{fi}.values.{fj}.quote")).line,
                        numerals::format(x),
                    ),
                )
                .with_hint(format!(
                    "quote the words that state the {} {}; where only a table states it, quote its cell \
                     (add `occurrence: N` if the cell's words also occur earlier in the text)",
                    v.year.key(),
                    v.kind.key()
                )),
            );
        }
    }
    out
}

/// The problem with value `v`'s quote, found in plan file `file` as `quoted`, if any.
fn check_value(v: &Value, quoted: &Quoted, file: &str, at: impl Fn(&str) -> Option<Location>) -> Option<Diagnostic> {
    let occurrences = &quoted.occurrences;
    let n = occurrences.len();
    if n == 0 {
        return Some(
            Diagnostic::error(
                at("quote"),
                format!("quote not found in plan {}: {:?}", v.plan, v.quote),
            )
            .with_hint(
                "copy the words exactly from the plan's Chinese text (compared after NFKC, ignoring spaces); \
                 a quote cannot span two paragraphs, list items or table cells",
            ),
        );
    }
    let numbers = stated_numbers(v);
    // The occurrences that state the value, for the hint (only once there is an error).
    let suggestion = || {
        let stating: Vec<usize> = (1..=n)
            .filter(|&k| numbers.iter().all(|&x| numerals::states(&occurrences[k - 1].block, x)))
            .collect();
        match stating.as_slice() {
            [] => String::new(),
            _ if numbers.is_empty() => String::new(),
            [k] => format!(
                "; occurrence {k} ({}) states it: add `occurrence: {k}`",
                place(file, &occurrences[k - 1])
            ),
            ks => format!(
                "; occurrences {} state it: add `occurrence:` with the one that is this value",
                {
                    let mut shown: Vec<String> = ks.iter().take(6).map(usize::to_string).collect();
                    if ks.len() > 6 {
                        shown.push(format!("and {} more", ks.len() - 6));
                    }
                    shown.join(", ")
                }
            ),
        }
    };
    let Some(k) = v.occurrence.map(|k| k as usize) else {
        if n > 1 {
            return Some(
                Diagnostic::error(
                    at("quote"),
                    format!(
                        "quote occurs {n} times in plan {} ({}): say which one states the value",
                        v.plan,
                        lines(file, occurrences)
                    ),
                )
                .with_hint(format!(
                    "make the quote longer so the plan text holds it once, or add `occurrence: N` (1 to {n}) \
                     to the value to anchor the N-th{}",
                    suggestion()
                )),
            );
        }
        return unstated(v, &numbers, (1, &occurrences[0]), file, suggestion, at);
    };
    if k == 0 {
        return None; // an error where the sheet is read
    }
    if k > n {
        return Some(
            Diagnostic::error(
                at("occurrence"),
                format!(
                    "`occurrence: {k}`, but the quote occurs {} in plan {} ({})",
                    if n == 1 {
                        "once".to_string()
                    } else {
                        format!("{n} times")
                    },
                    v.plan,
                    lines(file, occurrences)
                ),
            )
            .with_hint(if n == 1 {
                "remove `occurrence:`: it is for a quote the text holds more than once".to_string()
            } else {
                format!("use a number from 1 to {n}{}", suggestion())
            }),
        );
    }
    unstated(v, &numbers, (k, &occurrences[k - 1]), file, suggestion, at)
}

/// The error for a quote anchored at occurrence `k` whose block does not state `numbers`.
fn unstated(
    v: &Value,
    numbers: &[f64],
    (k, o): (usize, &Occurrence),
    file: &str,
    suggestion: impl Fn() -> String,
    at: impl Fn(&str) -> Option<Location>,
) -> Option<Diagnostic> {
    let missing: Vec<String> = (numbers.iter())
        .filter(|&&x| !numerals::states(&o.block, x))
        .map(|&x| numerals::format(x))
        .collect();
    if missing.is_empty() {
        return None;
    }
    let which = if v.occurrence.is_some() {
        format!(" (occurrence {k})")
    } else {
        String::new()
    };
    let states = match numerals::listed(&o.block, 8) {
        s if s.is_empty() => "no number".to_string(),
        s => format!("it states {s}"),
    };
    let missing = missing.join(" and ");
    Some(
        Diagnostic::error(
            at("quote"),
            format!(
                "the {} this quote anchors{which} ({}) does not state the value {missing}; {states}",
                if o.row { "table row" } else { "paragraph" },
                place(file, o),
            ),
        )
        .with_hint(format!(
            "make the quote longer so it reaches the words that state {missing}, or, if only a table \
             states it, quote that row's cell{}",
            suggestion()
        )),
    )
}

/// The numbers the anchored text must state: the value (and a range's maximum); none for a
/// qualitative value.
fn stated_numbers(v: &Value) -> Vec<f64> {
    let max = (v.comparator == Comparator::Range)
        .then(|| v.value_max.as_ref().and_then(serde_json::Number::as_f64))
        .flatten();
    v.number().into_iter().chain(max).collect()
}

fn place(file: &str, o: &Occurrence) -> String {
    format!("{file}:{}", o.line)
}

/// "jiaxing-2016.zh.md lines 12, 40": where the occurrences are.
fn lines(file: &str, occurrences: &[Occurrence]) -> String {
    let mut shown: Vec<String> = Vec::new();
    for o in occurrences {
        let line = o.line.to_string();
        if shown.last() != Some(&line) {
            shown.push(line);
        }
    }
    let noun = if shown.len() == 1 { "line" } else { "lines" };
    let more = shown.len().saturating_sub(6);
    shown.truncate(6);
    if more > 0 {
        shown.push(format!("and {more} more"));
    }
    format!("{file} {noun} {}", shown.join(", "))
}
