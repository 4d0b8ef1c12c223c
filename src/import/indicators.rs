//! A draft `indicators.yaml` fragment for tables whose rows look like indicator rows: a name
//! column, value columns headed by years or 目标/基期, and optionally unit and 预期性/约束性.
//! One value per cell, the row label as its quote; every entry is marked DRAFT for the curator.

use super::draft::yaml_str;
use super::report::Report;
use super::tables::Table;
use regex::Regex;
use std::fmt::Write as _;
use std::sync::LazyLock;

static YEAR: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"(19|20)\d{2}").unwrap());
static NUMBER: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"\d+(?:\.\d+)?").unwrap());
static RANGE: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"(\d+(?:\.\d+)?)\s*[-~～—–]\s*(\d+(?:\.\d+)?)").unwrap());
static LEADING_NUMBER: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^\s*(?:\d{1,2}\s*[.．、]?|[(（]\d{1,2}[)）])\s*").unwrap());
static UNIT_SUFFIX: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"[(（]([^()（）]{1,12})[)）]\s*$").unwrap());

#[derive(Debug, Clone, Copy, PartialEq)]
enum Kind {
    Target,
    Baseline,
    Actual,
}

impl Kind {
    fn key(self) -> &'static str {
        match self {
            Kind::Target => "target",
            Kind::Baseline => "baseline",
            Kind::Actual => "actual",
        }
    }
}

/// What each column of an indicator table holds.
#[derive(Debug)]
struct Columns {
    name: usize,
    unit: Option<usize>,
    attribute: Option<usize>,
    category: Option<usize>,
    /// (column, year if the header names one, kind).
    values: Vec<(usize, Option<i32>, Kind)>,
}

fn columns(t: &Table) -> Option<Columns> {
    let header = t.cells.first()?;
    let find = |words: &[&str]| header.iter().position(|h| words.iter().any(|w| h.contains(w)));
    let attribute = find(&["属性", "性质"]).or_else(|| {
        (0..t.width()).find(|c| {
            t.cells
                .iter()
                .skip(1)
                .any(|r| matches!(r[*c].trim(), "预期性" | "约束性"))
        })
    });
    let unit = find(&["单位"]);
    let mut values = Vec::new();
    for (c, h) in header.iter().enumerate() {
        if Some(c) == attribute || Some(c) == unit {
            continue;
        }
        // Values are short: a column of sentences (总体目标) is text, whatever its header.
        let body: Vec<&String> = t
            .cells
            .iter()
            .skip(1)
            .map(|r| &r[c])
            .filter(|v| !v.trim().is_empty())
            .collect();
        if body.is_empty() || body.iter().any(|v| v.chars().count() > 20) {
            continue;
        }
        let year = YEAR.find(h).and_then(|y| y.as_str().parse().ok());
        let kind = if ["基期", "基准", "现状", "基数", "现值"].iter().any(|w| h.contains(w)) {
            Kind::Baseline
        } else if ["完成", "实际"].iter().any(|w| h.contains(w)) {
            Kind::Actual
        } else if year.is_some() || h.contains("目标") {
            Kind::Target
        } else {
            continue;
        };
        values.push((c, year, kind));
    }
    // Of several plain year columns, the last year is the target and earlier ones baselines.
    let last = values.iter().filter(|v| v.2 == Kind::Target).filter_map(|v| v.1).max();
    for v in &mut values {
        if v.2 == Kind::Target && v.1.is_some() && v.1 < last && !header[v.0].contains("目标") {
            v.2 = Kind::Baseline;
        }
    }
    let first_value = values.first()?.0;
    let name = header
        .iter()
        .position(|h| (h.contains("指标") || h.contains("名称") || h.contains("项目")) && !h.contains("属性"))
        .filter(|c| *c < first_value)
        .unwrap_or(first_value.checked_sub(1)?);
    let category = (name > 0).then_some(0);
    let numeric_rows = t
        .cells
        .iter()
        .skip(1)
        .filter(|r| values.iter().any(|v| NUMBER.is_match(&r[v.0])))
        .count();
    (numeric_rows >= 2).then_some(Columns {
        name,
        unit,
        attribute,
        category,
        values,
    })
}

/// The fragment for all indicator-like tables of plan `id`, or `None` if there are none.
pub(super) fn draft(id: &str, tables: &[&Table], report: &mut Report) -> Option<String> {
    let mut out = String::new();
    let mut n = 0;
    for (ti, t) in tables.iter().enumerate() {
        let Some(cols) = columns(t) else { continue };
        let header = &t.cells[0];
        let roles: Vec<String> = cols
            .values
            .iter()
            .map(|(c, year, kind)| {
                format!(
                    "{:?} → {} {}",
                    header[*c],
                    kind.key(),
                    year.map_or("(year?)".into(), |y| y.to_string())
                )
            })
            .collect();
        report.guess(format!(
            "table {}: rows read as indicators (name column {:?}; {}); see the draft indicators fragment",
            ti + 1,
            header[cols.name],
            roles.join(", ")
        ));
        let _ = writeln!(out, "# From table {} ({}):", ti + 1, header.join(" | "));
        let mut category = String::new();
        for row in t.cells.iter().skip(1) {
            if let Some(c) = cols.category.filter(|c| !row[*c].trim().is_empty()) {
                category = row[c].clone();
            }
            let label = row[cols.name].trim();
            let cells: Vec<_> = cols.values.iter().filter(|v| !row[v.0].trim().is_empty()).collect();
            if label.is_empty() || cells.is_empty() {
                continue;
            }
            n += 1;
            indicator(&mut out, id, n, row, &cols, &category);
            for (c, year, kind) in cells {
                value(&mut out, id, &row[*c], *year, *kind, row, &cols);
            }
        }
    }
    if n == 0 {
        return None;
    }
    report.recovered(format!(
        "{n} draft indicators from tables, in the indicators fragment (each marked DRAFT)"
    ));
    let head = format!(
        "# DRAFT indicators from `plansite import --id {id}`: one value per table cell, the row label as its quote.\n\
         # For the curator: check every value against the plan; reuse an indicator id of content/indicators.yaml\n\
         # or choose a new one; fill in the fields marked DRAFT; then merge the entries into content/indicators.yaml.\n"
    );
    Some(format!("{head}indicators:\n{out}"))
}

fn indicator(out: &mut String, id: &str, n: usize, row: &[String], cols: &Columns, category: &str) {
    let label = row[cols.name].trim();
    let name = LEADING_NUMBER.replace(label, "");
    let unit_in_name = UNIT_SUFFIX.captures(&name).map(|c| c[1].to_string());
    let name_zh = UNIT_SUFFIX.replace(&name, "").trim().to_string();
    let unit = cols
        .unit
        .map(|c| row[c].trim().to_string())
        .filter(|u| !u.is_empty())
        .or(unit_in_name)
        .or_else(|| cols.values.iter().find_map(|v| unit_of(&row[v.0])))
        .unwrap_or_default();
    let category_key = [
        ("产品", "product"),
        ("工程", "engineering"),
        ("服务", "service"),
        ("环境", "environment"),
    ]
    .iter()
    .find(|(w, _)| category.contains(w))
    .map_or("other", |(_, k)| k);
    let lower = ["浓度", "下降", "降低", "事故", "死亡", "排放", "能耗"]
        .iter()
        .any(|w| name_zh.contains(w));
    let en_unit = if unit.is_ascii() || unit == "µg/m3" {
        yaml_str(&unit)
    } else {
        "\"\"  # DRAFT: translate".into()
    };
    let _ = writeln!(out, "- id: draft-{id}-{n}  # DRAFT: a shared indicator id");
    let _ = writeln!(out, "  name_zh: {}", yaml_str(&name_zh));
    let _ = writeln!(out, "  name_en: \"\"  # DRAFT: translate");
    let _ = writeln!(out, "  definition_zh: \"\"  # DRAFT");
    let _ = writeln!(out, "  definition_en: \"\"  # DRAFT");
    let _ = writeln!(
        out,
        "  category: {category_key}  # DRAFT: check ({})",
        yaml_str(category.trim())
    );
    let _ = writeln!(out, "  unit_zh: {}", yaml_str(&unit));
    let _ = writeln!(out, "  unit_en: {en_unit}");
    let _ = writeln!(
        out,
        "  better: {}  # DRAFT: check",
        if lower { "lower" } else { "higher" }
    );
    let _ = writeln!(out, "  values:");
}

/// The unit written after the number in a value cell: `98%` → `%`.
fn unit_of(cell: &str) -> Option<String> {
    let m = NUMBER.find(cell)?;
    let rest = cell[m.end()..].trim();
    let rest = ["以上", "以下", "左右", "以内"]
        .iter()
        .fold(rest.to_string(), |r, w| r.replace(w, ""));
    let rest = rest.trim();
    (!rest.is_empty() && rest.chars().count() <= 8).then(|| rest.to_string())
}

fn value(out: &mut String, id: &str, cell: &str, year: Option<i32>, kind: Kind, row: &[String], cols: &Columns) {
    let cell = cell.trim();
    let comparator = if ["≥", ">=", "以上", "不低于", "不少于", "至少"]
        .iter()
        .any(|w| cell.contains(w))
    {
        ">="
    } else if ["≤", "<=", "以下", "不高于", "不超过", "以内"]
        .iter()
        .any(|w| cell.contains(w))
    {
        "<="
    } else if ["＞", ">", "超过", "突破"].iter().any(|w| cell.contains(w)) {
        ">"
    } else if ["＜", "<", "低于"].iter().any(|w| cell.contains(w)) {
        "<"
    } else if ["左右", "约"].iter().any(|w| cell.contains(w)) {
        "~"
    } else if RANGE.is_match(cell) {
        "range"
    } else {
        "="
    };
    let _ = writeln!(out, "  - plan: {id}");
    let _ = writeln!(out, "    kind: {}  # DRAFT: check", kind.key());
    match year {
        Some(y) => {
            let _ = writeln!(out, "    year: {y}");
        }
        None => out.push_str("    year: \"\"  # DRAFT: the year the value is for\n"),
    }
    match (comparator, RANGE.captures(cell), NUMBER.find(cell)) {
        ("range", Some(r), _) => {
            let _ = writeln!(out, "    value: {}\n    value_max: {}", &r[1], &r[2]);
        }
        (_, _, Some(n)) => {
            let _ = writeln!(out, "    value: {}", n.as_str());
        }
        _ => out.push_str("    value: null  # qualitative\n"),
    }
    let _ = writeln!(out, "    comparator: {}", yaml_str(comparator));
    let _ = writeln!(out, "    text_zh: {}", yaml_str(cell));
    if cell.is_ascii() {
        let _ = writeln!(out, "    text_en: {}", yaml_str(cell));
    } else {
        let _ = writeln!(out, "    text_en: \"\"  # DRAFT: translate");
    }
    if let Some(a) = cols.attribute.map(|c| row[c].trim()) {
        match a {
            "预期性" => out.push_str("    attribute: expected\n"),
            "约束性" => out.push_str("    attribute: binding\n"),
            _ => {}
        }
    }
    let _ = writeln!(out, "    quote: {}", yaml_str(row[cols.name].trim()));
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::import::tables::TableBuilder;

    fn table(rows: &[&[&str]]) -> Table {
        let mut b = TableBuilder::default();
        for r in rows {
            b.row();
            for c in *r {
                b.cell(c.to_string(), 1, 1);
            }
        }
        b.finish()
    }

    #[test]
    fn indicator_rows_become_draft_values() {
        let t = table(&[
            &["领域", "指标", "2020年", "2025年", "属性"],
            &["产品质量", "1.制造业产品质量合格率(%)", "94", "95以上", "预期性"],
            &["", "2.PM2.5浓度(µg/m3)", "22", "25", "约束性"],
        ]);
        let mut report = Report::default();
        let y = draft("x-2025", &[&t], &mut report).unwrap();
        let sheet: serde_yaml::Value = serde_yaml::from_str(&y).unwrap();
        let first = &sheet["indicators"][0];
        assert_eq!(first["name_zh"].as_str(), Some("制造业产品质量合格率"));
        assert_eq!(first["unit_zh"].as_str(), Some("%"));
        assert_eq!(first["category"].as_str(), Some("product"));
        let v = &first["values"];
        assert_eq!(
            (v[0]["kind"].as_str(), v[0]["year"].as_i64()),
            (Some("baseline"), Some(2020))
        );
        assert_eq!(
            (v[1]["kind"].as_str(), v[1]["comparator"].as_str()),
            (Some("target"), Some(">="))
        );
        assert_eq!(v[1]["quote"].as_str(), Some("1.制造业产品质量合格率(%)"));
        assert_eq!(v[1]["attribute"].as_str(), Some("expected"));
        let second = &sheet["indicators"][1];
        assert_eq!(
            (second["better"].as_str(), second["values"][1]["attribute"].as_str()),
            (Some("lower"), Some("binding"))
        );
        assert!(y.contains("# DRAFT"));
    }

    #[test]
    fn text_tables_are_not_indicators() {
        let t = table(&[
            &["任务", "牵头单位"],
            &["推进标准化", "市场监管局"],
            &["品牌培育", "经信局"],
        ]);
        assert!(draft("x", &[&t], &mut Report::default()).is_none());
    }
}
