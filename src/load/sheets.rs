//! `indicators.yaml` and `glossary.yaml`: the two data sheets beside the plans. Both are
//! optional; each entry is checked on its own here, references to plans in `validate`.

use super::cache::{Cache, Sheet, read_sheet};
use super::yaml;
use crate::content::{Comparator, Glossary, IndicatorSheet, Localized, Measure, Mixed, Year, old_key, validate_id};
use crate::diagnostics::{Diagnostic, Diagnostics};
use std::collections::{HashMap, HashSet};
use std::path::Path;

pub(super) use super::cache::{Indicators, Terms};

/// Reads and checks the sheet at `path` with `parse` (through `cache` when given).
pub(super) fn load_sheet<T: Clone + Default>(
    path: &Path,
    diags: &mut Diagnostics,
    cache: Option<&Sheet<T>>,
    parse: impl FnOnce(&str, &mut Diagnostics) -> T,
) -> T {
    match cache {
        Some(sheet) => sheet.load(path, diags, parse),
        None => read_sheet(path, diags).map_or_else(T::default, |text| parse(&text, diags)),
    }
}

pub(super) fn parse_sheet<T: serde::de::DeserializeOwned>(
    text: &str,
    path: &Path,
    diags: &mut Diagnostics,
) -> Option<(T, yaml::Positions)> {
    yaml::parse::<T>(text, path, 0).map_err(|ds| diags.extend(ds)).ok()
}

pub(super) fn load_indicators(source: &Path, diags: &mut Diagnostics, cache: Option<&Cache>) -> Indicators {
    let path = source.join("indicators.yaml");
    load_sheet(&path, diags, cache.map(|c| &c.indicators), |text, diags| {
        check_indicators(text, &path, diags)
    })
}

pub(super) fn load_glossary(source: &Path, diags: &mut Diagnostics, cache: Option<&Cache>) -> Terms {
    let path = source.join("glossary.yaml");
    load_sheet(&path, diags, cache.map(|c| &c.glossary), |text, diags| {
        check_glossary(text, &path, diags)
    })
}

fn check_indicators(text: &str, path: &Path, diags: &mut Diagnostics) -> Indicators {
    diags.extend(super::text::warn_invisible(text, path, 1));
    let Some((sheet, pos)) = parse_sheet::<IndicatorSheet>(text, path, diags) else {
        return Indicators::default();
    };
    let (indicators, mixed) = sheet.into_indicators();
    report_mixed(&pos, "indicators", mixed, diags);
    let mut ids: HashMap<&str, usize> = HashMap::new();
    for (i, ind) in indicators.iter().enumerate() {
        let at = |field: &str| Some(pos.at(&format!("indicators.{i}.{field}")));
        if let Err(e) = validate_id(&ind.id) {
            diags.push(Diagnostic::error(at("id"), format!("indicator id {:?}: {e}", ind.id)));
        }
        if let Some(first) = ids.insert(&ind.id, i) {
            let line = pos.at(&format!("indicators.{first}.id")).line;
            diags.push(
                Diagnostic::error(
                    at("id"),
                    format!("indicator id `{}` is used twice (first on line {line})", ind.id),
                )
                .with_hint("merge the two entries' values, or give one a new id"),
            );
        }
        let entry = format!("indicators.{i}");
        for (field, text) in [("name", &ind.name), ("definition", &ind.definition)] {
            no_empty_text(diags, &pos, &entry, field, text);
        }
        let mut seen: HashMap<(&str, String, &str), usize> = HashMap::new();
        for (j, v) in ind.values.iter().enumerate() {
            let vat = |field: &str| Some(pos.at(&format!("indicators.{i}.values.{j}.{field}")));
            require_text(diags, vat("quote"), "quote", &v.quote);
            if v.occurrence == Some(0) {
                diags.push(
                    Diagnostic::error(vat("occurrence"), "`occurrence` counts from 1")
                        .with_hint("`occurrence: 1` is the quote's first occurrence in the plan text, 2 the second"),
                );
            }
            no_empty_text(diags, &pos, &format!("{entry}.values.{j}"), "text", &v.text);
            match (v.comparator, v.number(), v.value_max.as_ref().and_then(|n| n.as_f64())) {
                (Comparator::Range, Some(lo), Some(hi)) if lo < hi => {}
                (Comparator::Range, _, _) => diags.push(
                    Diagnostic::error(vat("comparator"), "a range needs `value` and a larger `value_max`")
                        .with_hint("e.g. for 1-3家: value: 1, value_max: 3, comparator: range"),
                ),
                (_, _, Some(_)) => diags.push(
                    Diagnostic::error(vat("value_max"), "`value_max` is only for `comparator: range`")
                        .with_hint("remove it, or set comparator: range"),
                ),
                _ => {}
            }
            if v.measure == Some(Measure::Cumulative) && !matches!(v.year, Year::Span(..)) {
                diags.push(
                    Diagnostic::error(vat("measure"), "a cumulative figure needs the period it covers as its year")
                        .with_hint("write the span the plan gives, e.g. year: 2011-2015 for “十二五”期间累计; a level reached by a year is `measure: stock`"),
                );
            }
            let key = (v.plan.as_str(), v.year.key(), v.quote.as_str());
            if let Some(first) = seen.insert(key, j) {
                let line = pos.at(&format!("indicators.{i}.values.{first}")).line;
                diags.push(
                    Diagnostic::error(
                        Some(pos.at(&format!("indicators.{i}.values.{j}"))),
                        format!(
                            "duplicate value: plan {} year {} with the same quote is already on line {line}",
                            v.plan,
                            v.year.key()
                        ),
                    )
                    .with_hint("remove one; a plan that states two different figures needs two different quotes"),
                );
            }
        }
    }
    (indicators, pos)
}

fn check_glossary(text: &str, path: &Path, diags: &mut Diagnostics) -> Terms {
    diags.extend(super::text::warn_invisible(text, path, 1));
    let Some((glossary, pos)) = parse_sheet::<Glossary>(text, path, diags) else {
        return Terms::default();
    };
    let (terms, mixed) = glossary.into_terms();
    report_mixed(&pos, "terms", mixed, diags);
    let ids: HashSet<&str> = terms.iter().map(|t| t.id.as_str()).collect();
    let mut first_id: HashMap<&str, usize> = HashMap::new();
    for (i, term) in terms.iter().enumerate() {
        let at = |field: &str| Some(pos.at(&format!("terms.{i}.{field}")));
        if let Err(e) = validate_id(&term.id) {
            diags.push(Diagnostic::error(at("id"), format!("term id {:?}: {e}", term.id)));
        }
        if let Some(first) = first_id.insert(&term.id, i) {
            let line = pos.at(&format!("terms.{first}.id")).line;
            diags.push(
                Diagnostic::error(
                    at("id"),
                    format!("term id `{}` is used twice (first on line {line})", term.id),
                )
                .with_hint("ids are the glossary anchors: give each term its own"),
            );
        }
        let entry = format!("terms.{i}");
        for (field, text) in [("term", &term.term), ("definition", &term.definition)] {
            no_empty_text(diags, &pos, &entry, field, text);
        }
        for (k, rel) in term.related.iter().enumerate() {
            if !ids.contains(rel.as_str()) {
                diags.push(
                    Diagnostic::error(
                        at(&format!("related.{k}")),
                        format!("related term `{rel}` does not exist"),
                    )
                    .with_hint(suggest(rel, ids.iter().copied())),
                );
            }
        }
    }
    (terms, pos)
}

/// A translatable field written both ways in one entry: an error at the older key.
pub(super) fn report_mixed(pos: &yaml::Positions, list: &str, mixed: Vec<(usize, Mixed)>, diags: &mut Diagnostics) {
    for (i, m) in mixed {
        let field = m.field;
        let old = m.key.rsplit('.').next().unwrap_or(&m.key);
        diags.push(
            Diagnostic::error(
                Some(pos.key(&format!("{list}.{i}.{}", m.key))),
                format!("`{old}` and `{field}` both set the {field}: a field is written one way"),
            )
            .with_hint(format!(
                "either `{field}: {{zh: …, en: …}}` with every language in it, or `{}:` and `{}:` without `{field}:`",
                old_key(field, "zh"),
                old_key(field, "en")
            )),
        );
    }
}

/// Where the `code` value of translatable field `field` of the entry at `entry` is written,
/// and its name there: `indicators.3.name.fr` (`name.fr`), or the older `indicators.3.name_zh`.
pub fn localized_path(pos: &yaml::Positions, entry: &str, field: &str, code: &str) -> (String, String) {
    let map = format!("{field}.{code}");
    let map_path = format!("{entry}.{map}");
    if pos.has(&map_path) {
        return (map_path, map);
    }
    let old = old_key(field, code);
    (format!("{entry}.{old}"), old)
}

/// Every language's text of a field is written out (a missing language falls back; an empty
/// one would show nothing).
pub(super) fn no_empty_text(
    diags: &mut Diagnostics,
    pos: &yaml::Positions,
    entry: &str,
    field: &str,
    text: &Localized<String>,
) {
    for (code, t) in text.iter().filter(|(_, t)| t.trim().is_empty()) {
        let (path, name) = localized_path(pos, entry, field, code);
        require_text(diags, Some(pos.at(&path)), &name, t);
    }
}

fn require_text(diags: &mut Diagnostics, at: Option<crate::diagnostics::Location>, field: &str, text: &str) {
    if text.trim().is_empty() {
        diags.push(Diagnostic::error(at, format!("`{field}` is empty")).with_hint("write it out; readers see it"));
    }
}

/// "did you mean" for an unknown id among `known`.
pub fn suggest<'a>(unknown: &str, known: impl Iterator<Item = &'a str>) -> String {
    let best = known
        .map(|k| (strsim::jaro_winkler(unknown, k), k))
        .filter(|(s, _)| *s > 0.8)
        .max_by(|a, b| a.0.total_cmp(&b.0));
    match best {
        Some((_, k)) => format!("did you mean `{k}`?"),
        None => "check the spelling against the existing ids".into(),
    }
}
