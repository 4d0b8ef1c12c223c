//! `/data/`: every indicator value as JSON and CSV (all, and per indicator), and the glossary
//! with its counts. Each translatable field has one column per language of the site.

use super::{Ctx, Usage};
use crate::content::{Localized, Site, old_key};
use crate::render::Sink;
use crate::routes::{Format, Order, Page, absolute};
use crate::tracking::{Seen, Source, Status, TargetProgress};
use serde::Serialize;
use serde::ser::SerializeMap;
use serde_json::Value as Json;
use std::collections::BTreeMap;

/// One record of the open data: a value with its indicator, plan and source anchors (or an
/// agency's task), as (column, value) in column order.
pub(super) struct Record {
    /// The indicator (or agency) it belongs to.
    pub indicator: String,
    pub fields: Vec<(String, Json)>,
}

impl Serialize for Record {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut map = serializer.serialize_map(Some(self.fields.len()))?;
        for (k, v) in &self.fields {
            map.serialize_entry(k, v)?;
        }
        map.end()
    }
}

fn text(t: Option<&String>) -> Json {
    t.map_or(Json::Null, |t| Json::String(t.clone()))
}

impl Ctx<'_> {
    /// One record per value, in sheet order.
    pub(super) fn records(&self, usage: &Usage) -> Vec<Record> {
        let base = &self.site.config.base_url;
        let langs = &self.site.config.languages;
        let source = &self.site.default_language().code;
        // Per language: (column suffix, code).
        let per_lang = |name: &str, field: &Localized<String>| -> Vec<(String, Json)> {
            langs
                .iter()
                .map(|l| (old_key(name, &l.code), text(field.get(&l.code))))
                .collect()
        };
        let agencies = (!self.site.agencies.is_empty()).then(|| self.section_agencies(usage));
        let mut records = Vec::new();
        for (i, ind) in self.site.indicators.iter().enumerate() {
            for (j, v) in ind.values.iter().enumerate() {
                let mut fields = vec![
                    ("indicator".to_string(), Json::from(ind.id.clone())),
                    ("plan".to_string(), Json::from(v.plan.clone())),
                    // The value's row on its indicator page (`#v-…`): with `indicator`, the key.
                    ("value_id".to_string(), Json::from(usage.row_id(self.site, i, j))),
                ];
                fields.extend(per_lang("name", &ind.name));
                fields.extend([
                    ("category".to_string(), Json::from(ind.category.key())),
                    ("kind".to_string(), Json::from(v.kind.key())),
                    ("year".to_string(), Json::from(v.year.key())),
                    ("value".to_string(), v.value.clone().map_or(Json::Null, Json::Number)),
                    (
                        "value_max".to_string(),
                        v.value_max.clone().map_or(Json::Null, Json::Number),
                    ),
                    ("comparator".to_string(), Json::from(v.comparator.key())),
                    (
                        "measure".to_string(),
                        v.measure.map_or(Json::Null, |m| Json::from(m.key())),
                    ),
                ]);
                // The source language's unit is `unit`; an unwritten unit is empty.
                fields.extend(langs.iter().map(|l| {
                    let column = if &l.code == source {
                        "unit".into()
                    } else {
                        old_key("unit", &l.code)
                    };
                    (column, Json::from(ind.unit.get(&l.code).cloned().unwrap_or_default()))
                }));
                fields.extend(per_lang("value_text", &v.text));
                fields.extend([
                    (
                        "attribute".to_string(),
                        v.attribute.map_or(Json::Null, |a| Json::from(a.key())),
                    ),
                    ("quote".to_string(), Json::from(v.quote.clone())),
                ]);
                fields.extend(langs.iter().enumerate().map(|(li, l)| {
                    let url = format!("{}{}", Page::Plan(&v.plan).dir(&l.code), self.fragment(usage, li, i, j));
                    (old_key("url", &l.code), Json::from(absolute(base, &url)))
                }));
                fields.extend(per_lang("note", &v.note));
                fields.extend(per_lang("scope", &v.scope));
                // Fields the plan does not state (`kind`, `year`), `;`-separated as in one CSV cell.
                let inferred: Vec<&str> = v.inferred.iter().map(|f| f.key()).collect();
                let inferred = (!inferred.is_empty()).then(|| Json::from(inferred.join(";")));
                fields.push(("inferred".to_string(), inferred.unwrap_or(Json::Null)));
                fields.extend(self.progress_fields(i, j));
                if let Some(agencies) = &agencies {
                    // The agencies of the value's section, where a note names them.
                    let section = usage.anchors[0][i][j].as_ref().map(|(_, s)| s.clone());
                    let ids = section.and_then(|s| agencies.get(&(v.plan.clone(), s)).cloned());
                    fields.push(("agencies".to_string(), Json::from(ids.unwrap_or_default())));
                }
                records.push(Record {
                    indicator: ind.id.clone(),
                    fields,
                });
            }
        }
        records
    }

    /// A target's status and what it rests on, as flat columns (the same in JSON and CSV;
    /// `null` / empty for values that are not targets). Numbers are exact, not rounded as
    /// pages show them.
    fn progress_fields(&self, i: usize, j: usize) -> Vec<(String, Json)> {
        let t = self.progress.of_value(i, j);
        let source = |s: &Seen| match s.source {
            Source::Plan(_) => "plan",
            Source::Monitoring(_) => "monitoring",
        };
        let used: Vec<&Seen> = t.map(|t| t.used().collect()).unwrap_or_default();
        let start = used.len().checked_sub(2).map(|k| used[k]);
        let latest = used.last().copied();
        // Derived numbers to six decimals: 140.4, not 140.39999999999998.
        let number = |x: Option<f64>| {
            x.and_then(|x| serde_json::Number::from_f64((x * 1e6).round() / 1e6))
                .map_or(Json::Null, Json::Number)
        };
        // Observed numbers as their source writes them.
        let written = |s: Option<&Seen>| match s.map(|s| s.source) {
            Some(Source::Plan(k)) => self.site.indicators[i].values[k]
                .value
                .clone()
                .map_or(Json::Null, Json::Number),
            Some(Source::Monitoring(r)) => {
                serde_json::from_str(&self.site.monitoring[r].value_text).unwrap_or(Json::Null)
            }
            None => Json::Null,
        };
        let method = format!(
            "{}#method",
            Page::Progress(Order::Status).dir(&self.site.default_language().code)
        );
        vec![
            ("status".into(), t.map_or(Json::Null, |t| Json::from(t.status().key()))),
            (
                "status_early".into(),
                t.map_or(Json::Null, |t| Json::from(t.assessment.early)),
            ),
            ("status_rule".into(), t.map_or(Json::Null, |t| Json::from(rule(t)))),
            (
                "status_as_of".into(),
                t.map_or(Json::Null, |_| Json::from(self.progress.as_of.clone())),
            ),
            (
                "status_method".into(),
                t.map_or(Json::Null, |_| {
                    Json::from(absolute(&self.site.config.base_url, &method))
                }),
            ),
            ("start_year".into(), start.map_or(Json::Null, |s| Json::from(s.year))),
            ("start_value".into(), written(start)),
            (
                "start_source".into(),
                start.map_or(Json::Null, |s| Json::from(source(s))),
            ),
            ("latest_year".into(), latest.map_or(Json::Null, |s| Json::from(s.year))),
            ("latest_value".into(), written(latest)),
            (
                "latest_source".into(),
                latest.map_or(Json::Null, |s| Json::from(source(s))),
            ),
            ("path_value".into(), number(t.and_then(|t| t.assessment.path_value))),
            (
                "yearly_change_needed".into(),
                number(t.and_then(|t| t.assessment.yearly_change_needed)),
            ),
        ]
    }

    /// `/data/monitoring.csv`: the monitoring rows as read (every file, in file and row order),
    /// in the columns they are written in, so what the statuses rest on can be checked.
    fn monitoring_csv(&self) -> Vec<u8> {
        let langs = &self.site.config.languages;
        let mut w = csv_writer();
        let _ = w.write_record(self.monitoring_header());
        for o in &self.site.monitoring {
            let mut row = vec![
                o.indicator.clone(),
                o.plan.clone(),
                o.year.to_string(),
                o.value_text.clone(),
            ];
            row.extend(langs.iter().map(|l| o.source.get(&l.code).cloned().unwrap_or_default()));
            row.extend([o.source_url.clone().unwrap_or_default(), o.published.clone()]);
            row.extend(langs.iter().map(|l| o.note.get(&l.code).cloned().unwrap_or_default()));
            let _ = w.write_record(&row);
        }
        w.into_inner().unwrap_or_default()
    }

    /// The indicator values (all, and per indicator), the monitoring rows, and the Data Package
    /// with the values' schema, made from the columns the files are written with.
    fn value_files(&self, usage: &Usage, agency_columns: Option<&[String]>, out: &dyn Sink) {
        let records = self.records(usage);
        let all: Vec<_> = records.iter().collect();
        let value_columns = records.first().map(columns).unwrap_or_default();
        out.add(Page::ValuesSchema.file(""), self.values_schema(&value_columns));
        let package = self.data_package(&self.monitoring_header(), agency_columns);
        out.add(Page::DataPackage.file(""), package);
        out.add(Page::IndicatorsData(Format::Json).file(""), records_json(&all));
        out.add(Page::IndicatorsData(Format::Csv).file(""), records_csv(&all));
        out.add(Page::MonitoringData.file(""), self.monitoring_csv());
        for ind in &self.site.indicators {
            let mine: Vec<_> = records.iter().filter(|r| r.indicator == ind.id).collect();
            out.add(Page::IndicatorData(&ind.id, Format::Json).file(""), records_json(&mine));
            out.add(Page::IndicatorData(&ind.id, Format::Csv).file(""), records_csv(&mine));
        }
    }

    /// The columns of `monitoring.csv`.
    fn monitoring_header(&self) -> Vec<String> {
        let langs = &self.site.config.languages;
        let mut header = vec!["indicator".to_string(), "plan".into(), "year".into(), "value".into()];
        header.extend(langs.iter().map(|l| format!("source_{}", l.code)));
        header.extend(["source_url".to_string(), "published".into()]);
        header.extend(langs.iter().map(|l| format!("note_{}", l.code)));
        header
    }

    /// `/data/` into `out`, one file at a time: indicator records (all, and per indicator) and
    /// the glossary with its counts. At 10,000 plans these files hold 160 MB.
    pub(super) fn open_data(&self, usage: &Usage, out: &dyn Sink) {
        let mut agency_columns = None;
        if !self.site.agencies.is_empty() {
            let records = self.agency_records(usage);
            let all: Vec<_> = records.iter().collect();
            out.add(Page::AgenciesData(Format::Json).file(""), records_json(&all));
            out.add(Page::AgenciesData(Format::Csv).file(""), records_csv(&all));
            agency_columns = records.first().map(columns);
        }
        if !self.site.indicators.is_empty() {
            // The catalogue is made beside the records: it is a third of this function's work.
            rayon::join(
                || out.add(Page::Catalog.file(""), self.dcat_catalog()),
                || self.value_files(usage, agency_columns.as_deref(), out),
            );
        }
        // Each release as it was frozen: never made again, so it stays the same forever.
        for r in &self.site.releases {
            for (name, bytes) in &r.files {
                out.add(Page::ReleaseFile(&r.tag, name).file(""), bytes.clone());
            }
        }
        if !self.site.glossary.is_empty() {
            #[derive(Serialize)]
            struct Doc<'a> {
                terms: TermCounts<'a>,
            }
            let terms = TermCounts { site: self.site, usage };
            let mut bytes = serde_json::to_vec_pretty(&Doc { terms }).expect("serializes");
            bytes.push(b'\n');
            out.add(Page::GlossaryData.file(""), bytes);
        }
    }
}

/// Every `status_rule` [`rule`] gives (the Data Package's allowed values).
pub(super) const RULES: [&str; 7] = [
    "no-number",
    "target-year-over",
    "no-observation",
    "met-before-target-year",
    "latest-at-or-after-target-year",
    "straight-path",
    "one-observation",
];

/// A record's column names.
fn columns(r: &Record) -> Vec<String> {
    r.fields.iter().map(|(k, _)| k.clone()).collect()
}

/// Which step of the rule decided a status (open data's `status_rule`).
fn rule(t: &TargetProgress) -> &'static str {
    match (t.status(), t.assessment.early) {
        (Status::Qualitative, _) => "no-number",
        (Status::NoData, _) if t.latest().is_some() => "target-year-over",
        (Status::NoData, _) => "no-observation",
        (Status::Met, true) => "met-before-target-year",
        (Status::Met | Status::NotMet, _) => "latest-at-or-after-target-year",
        (Status::OnTrack | Status::OffTrack, _) => "straight-path",
        (Status::TooEarly, _) => "one-observation",
    }
}

/// `{"records": [...]}` as pretty JSON.
pub(super) fn records_json(records: &[&Record]) -> Vec<u8> {
    #[derive(Serialize)]
    struct Doc<'a> {
        records: &'a [&'a Record],
    }
    let mut bytes = serde_json::to_vec_pretty(&Doc { records }).expect("records serialize");
    bytes.push(b'\n');
    bytes
}

/// A CSV writer as every file of `/data/` is written: RFC 4180 (CRLF line ends, fields quoted
/// where needed, quotes doubled) after a UTF-8 byte-order mark, so spreadsheet programs read
/// Chinese.
fn csv_writer() -> csv::Writer<Vec<u8>> {
    csv::WriterBuilder::new()
        .terminator(csv::Terminator::CRLF)
        .from_writer(b"\xEF\xBB\xBF".to_vec())
}

/// The same records as CSV (see [`csv_writer`]).
pub(super) fn records_csv(records: &[&Record]) -> Vec<u8> {
    let mut w = csv_writer();
    if let Some(first) = records.first() {
        let _ = w.write_record(first.fields.iter().map(|(k, _)| k));
    }
    for r in records {
        // Numbers as JSON writes them; missing fields empty.
        let row: Vec<&Json> = r.fields.iter().map(|(_, v)| v).collect();
        let _ = w.serialize(row);
    }
    w.into_inner().unwrap_or_default()
}

/// The glossary's terms, each with its counts per language and plan. Each term is made (as a
/// JSON value, which sorts its keys) only while it is written: at 10,000 plans, all of them at
/// once took 150 MB.
struct TermCounts<'a> {
    site: &'a Site,
    usage: &'a Usage,
}

impl Serialize for TermCounts<'_> {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let site = self.site;
        let langs = &site.config.languages;
        serializer.collect_seq(site.glossary.iter().enumerate().map(|(i, term)| {
            let mut entry = serde_json::Map::new();
            entry.insert("id".into(), Json::from(term.id.clone()));
            for l in langs {
                entry.insert(old_key("term", &l.code), text(term.term.get(&l.code)));
                let aliases = term.aliases.get(&l.code).cloned().unwrap_or_default();
                entry.insert(old_key("aliases", &l.code), Json::from(aliases));
                entry.insert(old_key("definition", &l.code), text(term.definition.get(&l.code)));
            }
            if !term.related.is_empty() {
                entry.insert("related".into(), Json::from(term.related.clone()));
            }
            // language code → plan id → occurrences.
            let counts: BTreeMap<&str, BTreeMap<&str, u32>> = (langs.iter().enumerate())
                .map(|(li, l)| {
                    let per_plan = self.usage.terms[li][i].iter().map(|u| (&*u.plan, u.count)).collect();
                    (l.code.as_str(), per_plan)
                })
                .collect();
            entry.insert("counts".into(), serde_json::to_value(counts).expect("serializes"));
            Json::Object(entry)
        }))
    }
}
