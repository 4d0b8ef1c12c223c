//! `monitoring/*.csv`: observations reported after the plans, in the form statistics offices
//! export (UTF-8 with or without BOM, a header row). Every row is checked like the sheet, with
//! the error at its `file:line:column`.

use super::yaml::Positions;
use super::{file_start, parse_date, sheets::suggest, text};
use crate::content::{Indicator, Observation, Plan, SiteConfig, ValueKind, Year};
use crate::diagnostics::{Diagnostic, Diagnostics, Location};
use std::collections::{BTreeMap, HashMap};
use std::path::Path;

/// Far beyond a statistics office's export for a portal.
const MAX_MONITORING_BYTES: u64 = 32 * 1024 * 1024;

/// Columns every file has; `source_<lang>` is required for the site's first language.
const REQUIRED: [&str; 5] = ["indicator", "plan", "year", "value", "published"];

/// Reads every `monitoring/*.csv` under `source` (none: no folder).
pub(super) fn load_monitoring(
    source: &Path,
    config: &SiteConfig,
    plans: &[Plan],
    indicators: &[Indicator],
    positions: &Positions,
    diags: &mut Diagnostics,
) -> Vec<Observation> {
    let dir = source.join("monitoring");
    let Ok(entries) = std::fs::read_dir(&dir) else {
        return Vec::new();
    };
    let mut files: Vec<_> = entries
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|e| e == "csv"))
        .collect();
    files.sort();
    let known = Known {
        languages: config.languages.iter().map(|l| l.code.as_str()).collect(),
        plans: plans.iter().map(|p| p.id.as_str()).collect(),
        indicators: indicators
            .iter()
            .map(|i| (i.id.as_str(), i.unit.iter().any(|(_, u)| u.trim() == "%")))
            .collect(),
    };
    let mut rows = Vec::new();
    let mut seen: HashMap<(String, String, i32), Location> = HashMap::new();
    for path in files {
        match text::read_limited(&path, MAX_MONITORING_BYTES, "monitoring files") {
            Ok(text) => read_file(&path, &text, &known, &mut seen, &mut rows, diags),
            Err(d) => diags.push(d),
        }
    }
    warn_conflicts(&rows, indicators, positions, diags);
    rows
}

/// A monitoring figure for a year the plan itself states a figure for, with another value: the
/// status uses the monitoring figure (the newer report), so both places are named.
fn warn_conflicts(rows: &[Observation], indicators: &[Indicator], positions: &Positions, diags: &mut Diagnostics) {
    for row in rows {
        let Some((i, ind)) = indicators.iter().enumerate().find(|(_, ind)| ind.id == row.indicator) else {
            continue;
        };
        for (j, v) in ind.values.iter().enumerate() {
            let stated = v.number().filter(|_| v.plan == row.plan && v.kind != ValueKind::Target);
            if v.year == Year::Year(row.year) && stated.is_some_and(|n| n != row.value) {
                let at = positions.at(&format!("indicators.{i}.values.{j}.value"));
                diags.push(
                    Diagnostic::warning(
                        Some(row.at.clone()),
                        format!(
                            "{} for {} in {}: this row says {}, the plan says {} (at {at})",
                            row.indicator,
                            row.year,
                            row.plan,
                            row.value_text,
                            stated.unwrap_or_default()
                        ),
                    )
                    .with_hint(
                        "progress uses this row; if the plan's figure was revised, add a note_zh / note_en saying so",
                    ),
                );
            }
        }
    }
}

/// What rows may refer to.
struct Known<'a> {
    languages: Vec<&'a str>,
    plans: Vec<&'a str>,
    /// Indicator id → whether its unit is a percentage.
    indicators: BTreeMap<&'a str, bool>,
}

fn read_file(
    path: &Path,
    text: &str,
    known: &Known,
    seen: &mut HashMap<(String, String, i32), Location>,
    rows: &mut Vec<Observation>,
    diags: &mut Diagnostics,
) {
    let mut reader = csv::ReaderBuilder::new().flexible(false).from_reader(text.as_bytes());
    let header: Vec<String> = match reader.headers() {
        Ok(h) => h.iter().map(|c| c.trim().to_string()).collect(),
        Err(e) => return diags.push(csv_error(path, &e)),
    };
    if !check_header(path, text, &header, known, diags) {
        return;
    }
    let lines: Vec<&str> = text.lines().collect();
    for record in reader.records() {
        let record = match record {
            Ok(r) => r,
            Err(e) => {
                diags.push(csv_error(path, &e));
                continue;
            }
        };
        let line = record.position().map_or(1, |p| p.line() as usize);
        let raw = lines.get(line - 1).copied().unwrap_or("");
        let field = |name: &str| -> (&str, Location) {
            let i = header.iter().position(|h| h == name);
            let value = i.and_then(|i| record.get(i)).unwrap_or("").trim();
            (value, Location::new(path, line, column_of(raw, &record, i)))
        };
        if let Some(row) = read_row(&field, &header, known, Location::new(path, line, 1), diags) {
            let key = (row.indicator.clone(), row.plan.clone(), row.year);
            if let Some(first) = seen.get(&key) {
                diags.push(
                    Diagnostic::error(
                        Some(field("year").1),
                        format!(
                            "a second figure for {} in {} for {} (the first is at {first})",
                            row.indicator, row.plan, row.year
                        ),
                    )
                    .with_hint("keep one row per indicator, plan and year: delete or correct one of them"),
                );
                continue;
            }
            seen.insert(key, row.at.clone());
            rows.push(row);
        }
    }
}

fn check_header(path: &Path, text: &str, header: &[String], known: &Known, diags: &mut Diagnostics) -> bool {
    let first_line = text.lines().next().unwrap_or("");
    let default_source = format!("source_{}", known.languages[0]);
    let mut ok = true;
    for name in REQUIRED.iter().copied().chain([default_source.as_str()]) {
        if !header.iter().any(|h| h == name) {
            diags.push(
                Diagnostic::error(file_start(path), format!("the header has no column `{name}`")).with_hint(format!(
                    "the first row names the columns: {}, {default_source}, …",
                    REQUIRED.join(",")
                )),
            );
            ok = false;
        }
    }
    for name in header {
        let per_language = ["source_", "note_"]
            .iter()
            .any(|p| name.strip_prefix(p).is_some_and(|code| known.languages.contains(&code)));
        if !REQUIRED.contains(&name.as_str()) && name != "source_url" && !per_language {
            let column = first_line
                .find(name.as_str())
                .map_or(1, |i| first_line[..i].chars().count() + 1);
            diags.push(
                Diagnostic::error(Some(Location::new(path, 1, column)), format!("unknown column `{name}`")).with_hint(
                    format!(
                        "columns are {}, source_url, and source_<language> / note_<language> for {}",
                        REQUIRED.join(", "),
                        known.languages.join(", ")
                    ),
                ),
            );
            ok = false;
        }
    }
    ok
}

/// The column (1-based, in characters) where field `i` of `record` starts on its `raw` line.
///
/// A quoted field with doubled quotes (`"say ""hi"""`) is not found as its value: the search
/// goes on from where it was, never by the value's length (which may end inside a character).
fn column_of(raw: &str, record: &csv::StringRecord, i: Option<usize>) -> usize {
    let Some(i) = i else { return 1 };
    let mut from = 0;
    for (n, value) in record.iter().enumerate() {
        let found = raw[from..].find(value).map(|at| from + at);
        if n == i {
            return raw[..found.unwrap_or(from)].chars().count() + 1;
        }
        if let Some(at) = found {
            from = at + value.len();
        }
    }
    1
}

fn read_row<'a>(
    field: &dyn Fn(&str) -> (&'a str, Location),
    header: &[String],
    known: &Known,
    at: Location,
    diags: &mut Diagnostics,
) -> Option<Observation> {
    let mut error = |(_, loc): (&str, Location), message: String, hint: &str| {
        diags.push(Diagnostic::error(Some(loc), message).with_hint(hint.to_string()));
    };
    let (indicator, plan) = (field("indicator"), field("plan"));
    let Some(&percent) = known.indicators.get(indicator.0) else {
        let hint = suggest(indicator.0, known.indicators.keys().copied());
        error(indicator.clone(), format!("unknown indicator `{}`", indicator.0), &hint);
        return None;
    };
    if !known.plans.contains(&plan.0) {
        let hint = suggest(plan.0, known.plans.iter().copied());
        error(plan.clone(), format!("unknown plan `{}`", plan.0), &hint);
        return None;
    }
    let year = field("year");
    let Some(y) = year.0.parse::<i32>().ok().filter(|y| (1949..=2100).contains(y)) else {
        error(
            year.clone(),
            format!("year {:?} is not a year from 1949 to 2100", year.0),
            "write the year the figure is for, e.g. 2023",
        );
        return None;
    };
    let value = field("value");
    let Some(v) = value.0.parse::<f64>().ok().filter(|v| v.is_finite()) else {
        error(
            value.clone(),
            format!("value {:?} is not a number", value.0),
            "write the number alone (95.5, not 95.5% or 约95): the unit comes from the indicator sheet",
        );
        return None;
    };
    if percent && v > 100.0 {
        error(
            value.clone(),
            format!("value {v} is over 100, but {} is a percentage", indicator.0),
            "write the percentage as a number from 0 to 100",
        );
        return None;
    }
    let published = field("published");
    if parse_date(published.0).is_none() {
        error(
            published.clone(),
            format!("published {:?} is not a date YYYY-MM-DD", published.0),
            "write the day the source was published, e.g. 2024-03-15",
        );
        return None;
    }
    let url = field("source_url");
    if !(url.0.is_empty() || url.0.starts_with("https://") || url.0.starts_with("http://")) {
        error(
            url.clone(),
            format!("source_url {:?} is not an http(s) address", url.0),
            "link the published source, or leave the cell empty",
        );
        return None;
    }
    let per_language = |prefix: &str| -> BTreeMap<String, String> {
        header
            .iter()
            .filter_map(|h| {
                h.strip_prefix(prefix)
                    .map(|code| (code.to_string(), field(h).0.to_string()))
            })
            .filter(|(_, v)| !v.is_empty())
            .collect()
    };
    let source = per_language("source_");
    let source = BTreeMap::from_iter(source.into_iter().filter(|(code, _)| code != "url"));
    let first = field(&format!("source_{}", known.languages[0]));
    if first.0.is_empty() {
        error(
            first,
            "the source is empty".into(),
            "name who published the figure, e.g. 瑞安市统计局《2023年国民经济和社会发展统计公报》",
        );
        return None;
    }
    Some(Observation {
        indicator: indicator.0.to_string(),
        plan: plan.0.to_string(),
        year: y,
        value: v,
        value_text: value.0.to_string(),
        source,
        source_url: (!url.0.is_empty()).then(|| url.0.to_string()),
        published: published.0.to_string(),
        note: per_language("note_"),
        at,
    })
}

fn csv_error(path: &Path, e: &csv::Error) -> Diagnostic {
    let line = e.position().map_or(1, |p| p.line() as usize);
    Diagnostic::error(
        Some(Location::new(path, line, 1)),
        format!("not a readable CSV row: {e}"),
    )
    .with_hint("every row needs as many cells as the header; quote cells that contain commas")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn columns_past_a_quoted_field_with_doubled_quotes() {
        let raw = "a,\"示例 & \"\"公报\"\"\",值,2025";
        let record = csv::ReaderBuilder::new()
            .has_headers(false)
            .from_reader(raw.as_bytes())
            .records()
            .next()
            .unwrap()
            .unwrap();
        assert_eq!(&record[1], "示例 & \"公报\"");
        assert_eq!(column_of(raw, &record, Some(0)), 1);
        assert_eq!(
            column_of(raw, &record, Some(2)),
            raw.find("值").map(|b| raw[..b].chars().count() + 1).unwrap()
        );
        assert_eq!(column_of(raw, &record, Some(3)), raw.chars().count() - 3);
    }
}
