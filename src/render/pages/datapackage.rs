//! `/data/datapackage.json`: a Frictionless (Tabular) Data Package describing every CSV of
//! `/data/`, with a Table Schema for each: field types, required fields, the keyword columns'
//! allowed values, primary keys, and the monitoring rows' link to the indicators. The CSVs are
//! described here rather than by CSVW files: one document covers them all, and
//! `frictionless validate` checks the files against it.
//!
//! The schemas are made from the columns the CSVs are written with, so a column added to the
//! open data without a type here is still described (as text) and the check stays honest.

use super::Ctx;
use crate::agencies::Role;
use crate::content::{Attribute, Category, Comparator, Level, Measure, ValueKind};
use crate::routes::{Format, Page};
use crate::tracking::Status;
use serde_json::{Value as Json, json};

/// How every CSV of the site is written (RFC 4180, with a byte-order mark for spreadsheets).
fn dialect() -> Json {
    json!({"delimiter": ",", "lineTerminator": "\r\n", "quoteChar": "\"", "doubleQuote": true, "header": true})
}

/// A field of `type`, with its constraints.
fn field(name: &str, ty: &str, required: bool, allowed: Option<Vec<&str>>) -> Json {
    let mut f = json!({"name": name, "type": ty});
    if ty == "string" && (name == "status_method" || name.starts_with("url_")) {
        f["format"] = Json::from("uri");
    }
    let mut c = serde_json::Map::new();
    if required {
        c.insert("required".into(), Json::from(true));
    }
    if let Some(values) = allowed {
        c.insert("enum".into(), Json::from(values));
    }
    if !c.is_empty() {
        f["constraints"] = Json::Object(c);
    }
    f
}

fn keys<T: Copy>(all: &[T], key: fn(T) -> &'static str) -> Option<Vec<&'static str>> {
    Some(all.iter().map(|&x| key(x)).collect())
}

/// A column of the indicator-value CSVs (see `open_data::records`).
fn value_field(name: &str) -> Json {
    let number = "number";
    match name {
        "indicator" | "plan" | "value_id" | "quote" => field(name, "string", true, None),
        "category" => field(name, "string", true, keys(Category::ALL, Category::key)),
        "kind" => field(name, "string", true, keys(ValueKind::ALL, ValueKind::key)),
        "comparator" => field(name, "string", true, keys(Comparator::ALL, Comparator::key)),
        "attribute" => field(name, "string", false, keys(Attribute::ALL, Attribute::key)),
        "measure" => field(name, "string", false, keys(Measure::ALL, Measure::key)),
        "inferred" => {
            let mut f = field(name, "string", false, None);
            f["constraints"]["pattern"] = Json::from("(kind|year)(;(kind|year))?");
            f
        }
        "status" => field(name, "string", false, keys(&Status::ALL, Status::key)),
        "status_rule" => field(name, "string", false, Some(super::open_data::RULES.to_vec())),
        "start_source" | "latest_source" => field(name, "string", false, Some(vec!["plan", "monitoring"])),
        "value" | "value_max" | "start_value" | "latest_value" | "path_value" | "yearly_change_needed" => {
            field(name, number, false, None)
        }
        "start_year" | "latest_year" => field(name, "integer", false, None),
        "status_early" => field(name, "boolean", false, None),
        "status_as_of" => field(name, "date", false, None),
        "year" => {
            let mut f = field(name, "string", true, None);
            f["constraints"]["pattern"] = Json::from("[0-9]{4}|yearly|[0-9]{4}-[0-9]{4}");
            f
        }
        _ => field(name, "string", name.starts_with("url_"), None),
    }
}

/// A column of `monitoring.csv`.
fn monitoring_field(name: &str) -> Json {
    match name {
        "indicator" | "plan" => field(name, "string", true, None),
        "year" => field(name, "integer", true, None),
        "value" => field(name, "number", true, None),
        "published" => field(name, "date", true, None),
        _ => field(name, "string", false, None),
    }
}

/// A column of `agencies.csv`.
fn agency_field(name: &str) -> Json {
    match name {
        "agency" | "plan" | "section" => field(name, "string", true, None),
        "level" => field(name, "string", true, keys(&Level::ALL, Level::key)),
        "role" => field(name, "string", true, keys(&[Role::Lead, Role::Supporting], Role::key)),
        _ => field(name, "string", name.starts_with("url_"), None),
    }
}

/// A Table Schema of `columns`.
fn schema(columns: &[String], of: fn(&str) -> Json, primary: &[&str]) -> Json {
    json!({
        "fields": columns.iter().map(|c| of(c)).collect::<Vec<_>>(),
        "missingValues": [""],
        "primaryKey": primary,
    })
}

/// A CSV resource at `path` (from `/data/`).
fn resource(name: &str, path: &str, title: &str, schema: Json) -> Json {
    json!({
        "name": name,
        "path": path,
        "title": title,
        "profile": "tabular-data-resource",
        "format": "csv",
        "mediatype": "text/csv",
        "encoding": "utf-8",
        "dialect": dialect(),
        "schema": schema,
    })
}

/// Pretty JSON with a final newline, as every file of `/data/`.
pub(super) fn pretty(value: &Json) -> Vec<u8> {
    let mut bytes = serde_json::to_vec_pretty(value).expect("JSON values serialize");
    bytes.push(b'\n');
    bytes
}

/// `/data/` path → the path relative to `/data/` (where datapackage.json is).
fn in_data(page: Page) -> String {
    let file = page.file("");
    file.strip_prefix("data/").unwrap_or(&file).to_string()
}

impl Ctx<'_> {
    /// The shared Table Schema of the indicator-value CSVs (all, and per indicator), from the
    /// columns they are written with.
    pub(super) fn values_schema(&self, columns: &[String]) -> Vec<u8> {
        pretty(&schema(columns, value_field, &["indicator", "value_id"]))
    }

    /// `datapackage.json`: the value CSVs (pointing at the shared schema), `monitoring.csv`
    /// with its key into the values, and `agencies.csv` where the site has agencies.
    pub(super) fn data_package(&self, monitoring: &[String], agencies: Option<&[String]>) -> Vec<u8> {
        let site = self.site;
        let source = site.default_language();
        let values_schema = Json::from(in_data(Page::ValuesSchema));
        let mut resources = vec![resource(
            "indicators",
            &in_data(Page::IndicatorsData(Format::Csv)),
            "Every indicator value of every plan",
            values_schema.clone(),
        )];
        for ind in &site.indicators {
            resources.push(resource(
                &format!("indicator-{}", ind.id),
                &in_data(Page::IndicatorData(&ind.id, Format::Csv)),
                self.text(source, &ind.name),
                values_schema.clone(),
            ));
        }
        for r in site
            .releases
            .iter()
            .filter(|r| r.files.iter().any(|(n, _)| *n == "indicators.csv"))
        {
            // A release's CSV keeps the schema it was frozen with.
            let frozen = r.files.iter().any(|(n, _)| *n == "indicators.schema.json");
            let schema = match frozen {
                true => Json::from(in_data(Page::ReleaseFile(&r.tag, "indicators.schema.json"))),
                false => values_schema.clone(),
            };
            resources.push(resource(
                &format!("release-{}", r.tag),
                &in_data(Page::ReleaseFile(&r.tag, "indicators.csv")),
                &format!("Every indicator value as of release {}", r.tag),
                schema,
            ));
        }
        let mut monitoring_schema = schema(monitoring, monitoring_field, &["indicator", "plan", "year"]);
        monitoring_schema["foreignKeys"] = json!([{
            "fields": ["indicator"],
            "reference": {"resource": "indicators", "fields": ["indicator"]},
        }]);
        resources.push(resource(
            "monitoring",
            &in_data(Page::MonitoringData),
            "Monitoring figures reported after the plans, as published",
            monitoring_schema,
        ));
        if let Some(columns) = agencies {
            resources.push(resource(
                "agencies",
                &in_data(Page::AgenciesData(Format::Csv)),
                "The responsible bodies of each plan task",
                schema(columns, agency_field, &["agency", "plan", "section"]),
            ));
        }
        let base = &site.config.base_url;
        let mut package = json!({
            "profile": "tabular-data-package",
            "name": package_name(base),
            "id": crate::routes::absolute(base, &Page::DataPackage.file("")),
            "title": source.title,
            "description": source.description,
            "homepage": base,
            "resources": resources,
        });
        if let Some(license) = &site.config.license {
            package["licenses"] = json!([{"path": license.url, "title": license.title}]);
        }
        pretty(&package)
    }
}

/// A Data Package name (`[a-z0-9._-]`) from the site's address: `plans-example-org`.
fn package_name(base_url: &str) -> String {
    let rest = base_url.split_once("://").map_or(base_url, |(_, r)| r);
    let name: String = (rest.to_lowercase().chars())
        .map(|c| if c.is_ascii_alphanumeric() { c } else { '-' })
        .collect();
    let name = name.trim_matches('-').to_string();
    if name.is_empty() { "plansite".into() } else { name }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn package_names_are_slugs_of_the_address() {
        assert_eq!(package_name("https://plans.example.org/"), "plans-example-org");
        assert_eq!(package_name("http://127.0.0.1:8080/portal/"), "127-0-0-1-8080-portal");
    }

    #[test]
    fn keyword_columns_allow_their_keywords_only() {
        let kind = value_field("kind");
        assert_eq!(kind["constraints"]["enum"], json!(["target", "actual", "baseline"]));
        assert_eq!(kind["constraints"]["required"], json!(true));
        assert_eq!(value_field("url_en")["format"], json!("uri"));
        assert_eq!(value_field("note_en").get("constraints"), None);
    }
}
