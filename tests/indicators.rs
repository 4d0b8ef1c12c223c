//! The indicator sheet as a journalist meets it: every value anchored in the plan text and
//! linked both ways, charts that are accessible and stable, open data that agrees with the YAML.

mod common;
use common::*;
use serde_json::Value as Json;
use std::collections::HashMap;

fn sheet() -> serde_yaml::Value {
    serde_yaml::from_str(&read(&repo().join("content/indicators.yaml"))).unwrap()
}

fn records(out: &std::path::Path) -> Vec<Json> {
    let data: Json = serde_json::from_str(&read(&out.join("data/indicators.json"))).unwrap();
    data["records"].as_array().unwrap().clone()
}

#[test]
fn every_value_is_anchored_in_its_plan_and_linked_both_ways() {
    let out = shared_build("indicators-site");
    let mut pages: HashMap<String, String> = HashMap::new();
    let mut page = |rel: &str| {
        pages
            .entry(rel.to_string())
            .or_insert_with(|| read(&out.join(rel)))
            .clone()
    };
    let recs = records(out);
    assert!(recs.len() >= 500, "the sheet covers the plans' targets: {}", recs.len());
    let mut english_figures = 0;
    let row = regex::Regex::new(r#"<tr id=(v-[a-z0-9-]+)>.*?</tr>"#).unwrap();
    for r in &recs {
        let (plan, ind) = (r["plan"].as_str().unwrap(), r["indicator"].as_str().unwrap());
        let zh_url = r["url_zh"].as_str().unwrap();
        let anchor = zh_url.split_once('#').expect("zh url has an anchor").1;
        let zh = page(&format!("zh/plans/{plan}/index.html"));
        // The anchor is a highlighted quote holding the quoted words.
        let mark = regex::Regex::new(&format!(
            r#"<mark class=quote id={}>(.*?)</mark>"#,
            regex::escape(anchor)
        ))
        .unwrap();
        let found = mark
            .captures(&zh)
            .unwrap_or_else(|| panic!("{plan}: no quote anchor {anchor}"));
        assert!(!found[1].is_empty());
        // From the text to the indicator page, and from its row back to the text.
        let ind_page = page(&format!("zh/indicators/{ind}/index.html"));
        let back = format!(
            "href=../../plans/{plan}/#{}",
            r["url_zh"].as_str().unwrap().split('#').nth(1).unwrap()
        );
        assert!(
            row.captures_iter(&ind_page)
                .any(|c| c[0].contains(&back) && zh.contains(&format!("/indicators/{ind}/#{}", &c[1]))),
            "{ind}/{plan}: row and quote link each other"
        );
        let en_url = r["url_en"].as_str().unwrap();
        let en_anchor = en_url.split_once('#').expect("en url has an anchor").1;
        assert!(
            element_ids(&page(&format!("en/plans/{plan}/index.html"))).contains(en_anchor),
            "{en_url}"
        );
        english_figures += usize::from(en_anchor.starts_with("q-"));
    }
    assert!(
        english_figures * 10 >= recs.len() * 7,
        "most English figures link to their indicator: {english_figures}"
    );
}

#[test]
fn open_data_agrees_with_the_yaml() {
    let out = shared_build("indicators-site");
    let yaml = sheet();
    let mut expected = Vec::new();
    for ind in yaml["indicators"].as_sequence().unwrap() {
        for v in ind["values"].as_sequence().unwrap() {
            expected.push((ind["id"].as_str().unwrap().to_string(), v.clone()));
        }
    }
    let recs = records(out);
    assert_eq!(recs.len(), expected.len());
    for (r, (id, v)) in recs.iter().zip(&expected) {
        assert_eq!(r["indicator"], *id);
        assert_eq!(r["plan"].as_str(), v["plan"].as_str());
        assert_eq!(r["quote"].as_str(), v["quote"].as_str());
        assert_eq!(r["value_text_zh"].as_str(), v["text_zh"].as_str());
        assert_eq!(
            r["value"].as_f64(),
            v["value"].as_f64(),
            "{id}: the number equals the sheet"
        );
        assert_eq!(r["comparator"].as_str(), v["comparator"].as_str());
        assert_eq!(r["measure"].as_str(), v["measure"].as_str(), "{id}: measure");
        for lang in ["zh", "en"] {
            let key = format!("scope_{lang}");
            assert_eq!(r[&key].as_str(), v[&key].as_str(), "{id}: {key}");
        }
        let inferred: Vec<&str> = v["inferred"]
            .as_sequence()
            .into_iter()
            .flatten()
            .filter_map(|f| f.as_str())
            .collect();
        assert_eq!(
            r["inferred"].as_str(),
            (!inferred.is_empty()).then(|| inferred.join(";")).as_deref()
        );
    }
    // The CSV: a BOM for spreadsheet programs, then the same records.
    let csv_bytes = std::fs::read(out.join("data/indicators.csv")).unwrap();
    assert!(csv_bytes.starts_with(b"\xEF\xBB\xBF"));
    let mut reader = csv::Reader::from_reader(&csv_bytes[3..]);
    let headers = reader.headers().unwrap().clone();
    for field in [
        "indicator",
        "plan",
        "name_zh",
        "name_en",
        "category",
        "kind",
        "year",
        "value",
        "comparator",
        "unit",
        "value_text_zh",
        "value_text_en",
        "attribute",
        "quote",
        "url_zh",
        "url_en",
    ] {
        assert!(headers.iter().any(|h| h == field), "CSV column {field}");
    }
    let rows: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
    assert_eq!(rows.len(), recs.len());
    let col = |name: &str| headers.iter().position(|h| h == name).unwrap();
    for (row, r) in rows.iter().zip(&recs) {
        assert_eq!(&row[col("quote")], r["quote"].as_str().unwrap());
        let value = r["value"].as_f64().map(|v| v.to_string()).unwrap_or_default();
        assert_eq!(
            row[col("value")]
                .parse::<f64>()
                .ok()
                .map(|v| v.to_string())
                .unwrap_or_default(),
            value
        );
    }
    // Per-indicator downloads hold exactly that indicator's records.
    let one: Json = serde_json::from_str(&read(&out.join("data/indicators/pm25-concentration.json"))).unwrap();
    let n = recs.iter().filter(|r| r["indicator"] == "pm25-concentration").count();
    assert_eq!(one["records"].as_array().unwrap().len(), n);
}

#[test]
fn charts_are_accessible_standalone_files_and_inline() {
    let out = shared_build("indicators-site");
    for lang in ["zh", "en"] {
        let svg = read(&out.join(format!("{lang}/indicators/pm25-concentration/chart.svg")));
        assert!(svg.starts_with("<?xml"), "a standalone SVG document");
        assert!(svg.contains("viewBox=\""), "not minified: viewBox keeps its case");
        assert!(has_tag(&svg, "svg", &[("role", "img")]));
        assert!(svg.contains("<title id=\"chart-title\">") && svg.contains("<desc id=\"chart-desc\">"));
        let page = read(&out.join(format!("{lang}/indicators/pm25-concentration/index.html")));
        assert!(page.contains("<title id=chart-title>"), "the chart is inline too");
        let embed = read(&out.join(format!("{lang}/indicators/pm25-concentration/embed/index.html")));
        assert!(
            embed.contains("<svg") && !embed.contains("class=site-header"),
            "embed has no chrome"
        );
    }
    let desc = regex::Regex::new(r#"<desc id="chart-desc">(.*?)</desc>"#).unwrap();
    let zh = read(&out.join("zh/indicators/pm25-concentration/chart.svg"));
    let d = &desc.captures(&zh).unwrap()[1];
    assert!(d.contains("25微克/立方米"), "the description carries the values: {d}");
}

#[test]
fn plan_pages_list_their_indicators() {
    let out = shared_build("indicators-site");
    let page = read(&out.join("en/plans/yiwu-2024/index.html"));
    assert!(page.contains("<h2 id=indicators>Indicators in this plan</h2>"));
    assert!(page.contains("href=../../indicators/manufacturing-product-pass-rate/#v-yiwu-2024-1"));
    let index = read(&out.join("zh/indicators/index.html"));
    for cat in ["product", "engineering", "service", "environment"] {
        assert!(element_ids(&index).contains(cat), "category {cat}");
    }
}

/// Every number in the sheet is stated by its quote (in digits, in Chinese numerals, or in
/// 万 / 千 units: `19.5万件` = 195000) or, for a table row's label, by a cell of that row.
/// Catches transcription slips such as 95 for 96.
#[test]
fn every_number_is_stated_by_its_quote_or_its_table_row() {
    let yaml = sheet();
    let mut wrong = Vec::new();
    let norm = |s: &str| -> String {
        unicode_normalization::UnicodeNormalization::nfkc(s)
            .filter(|c| !c.is_whitespace() && *c != ',')
            .collect()
    };
    let mut rows: HashMap<String, Vec<String>> = HashMap::new();
    let numerals = ["零", "一", "二", "三", "四", "五", "六", "七", "八", "九", "十"];
    for ind in yaml["indicators"].as_sequence().unwrap() {
        for v in ind["values"].as_sequence().unwrap() {
            let plan = v["plan"].as_str().unwrap();
            let plan_rows = rows.entry(plan.to_string()).or_insert_with(|| {
                read(&repo().join(format!("content/plans/{plan}.zh.md")))
                    .lines()
                    .filter(|l| l.starts_with('|'))
                    .map(norm)
                    .collect()
            });
            let quote = norm(v["quote"].as_str().unwrap());
            let row_cells: Vec<String> = plan_rows
                .iter()
                .filter(|r| r.split('|').any(|c| c == quote))
                .flat_map(|r| r.split('|').map(str::to_string).collect::<Vec<_>>())
                .collect();
            for key in ["value", "value_max"] {
                let Some(n) = v[key].as_f64() else { continue };
                let fmt = |x: f64| format!("{x}");
                let stated = states(&quote, &fmt(n))
                    || (n.fract() == 0.0 && n <= 10.0 && quote.contains(numerals[n as usize]))
                    || (n >= 10000.0 && quote.contains(&format!("{}万", fmt(n / 10000.0))))
                    || (n == 1000.0 && quote.contains("千"))
                    || row_cells.iter().any(|c| states(c, &fmt(n)));
                if !stated {
                    wrong.push(format!(
                        "{} / {}: {key} {n} not in {quote:?}",
                        ind["id"].as_str().unwrap(),
                        v["plan"].as_str().unwrap()
                    ));
                }
            }
        }
    }
    assert!(wrong.is_empty(), "{} value(s):\n{}", wrong.len(), wrong.join("\n"));
}

/// `text` contains the number `n` on its own: "95" is in "达到95%" but not in "1995" or "95.5";
/// trailing zeros are the same number ("83.2" in "83.20%", "7250" in "7250.00万元").
fn states(text: &str, n: &str) -> bool {
    let numeric = |c: char| c.is_ascii_digit() || c == '.';
    text.match_indices(n).any(|(i, _)| {
        let before = text[..i].chars().next_back();
        let run: String = text[i + n.len()..].chars().take_while(|&c| numeric(c)).collect();
        let run = run.trim_end_matches('.');
        let zeros = |s: &str| s.chars().all(|c| c == '0');
        let same = run.is_empty()
            || (n.contains('.') && zeros(run))
            || run.strip_prefix('.').is_some_and(|r| !n.contains('.') && zeros(r));
        !before.is_some_and(numeric) && same
    })
}

/// An indicator whose values count different things: the chart plots only the main measure,
/// the others get a table of their own, and scope, measure and inferred fields reach the
/// page, the chart and the open data.
#[test]
fn a_chart_compares_only_values_of_one_measure() {
    let dir = tempfile::tempdir().unwrap();
    let content = dir.path().join("content");
    copy_tree(&repo().join("content"), &content);
    let mut yaml = sheet();
    // An indicator with three or more numeric values whose last one has a label of its own.
    let inds = yaml["indicators"].as_sequence_mut().unwrap();
    let label = |v: &serde_yaml::Value| format!("{:?}{:?}{:?}", v["plan"], v["year"], v["kind"]);
    let ind = inds
        .iter_mut()
        .find(|ind| {
            let vs = ind["values"].as_sequence().unwrap();
            let last = label(vs.last().unwrap());
            vs.len() >= 3
                && vs.iter().all(|v| v["value"].is_number())
                && vs.iter().filter(|v| label(v) == last).count() == 1
        })
        .expect("an indicator with three values");
    let id = ind["id"].as_str().unwrap().to_string();
    let values = ind["values"].as_sequence_mut().unwrap();
    let n = values.len();
    for (k, v) in values.iter_mut().enumerate() {
        let m = v.as_mapping_mut().unwrap();
        for key in ["scope", "scope_zh", "scope_en", "inferred"] {
            m.remove(key);
        }
        m.insert("measure".into(), (if k + 1 == n { "new" } else { "stock" }).into());
    }
    values[0]["scope_zh"] = "仅含测试口径".into();
    values[0]["scope_en"] = "Test scope only".into();
    values[1]["inferred"] = serde_yaml::from_str("[year]").unwrap();
    std::fs::write(content.join("indicators.yaml"), serde_yaml::to_string(&yaml).unwrap()).unwrap();
    let out = dir.path().join("public");
    build_site(&content, &out);

    let recs: Vec<Json> = records(&out)
        .into_iter()
        .filter(|r| r["indicator"] == id.as_str())
        .collect();
    assert_eq!(recs.len(), n);
    assert_eq!(recs[0]["measure"], "stock");
    assert_eq!(recs[n - 1]["measure"], "new");
    assert_eq!(recs[0]["scope_en"], "Test scope only");
    assert_eq!(recs[1]["inferred"], "year");
    assert_eq!(recs[0]["inferred"], Json::Null);
    let csv = read(&out.join("data/indicators.csv"));
    let header = csv.trim_start_matches('\u{feff}').lines().next().unwrap();
    for column in ["measure", "scope_zh", "scope_en", "inferred"] {
        assert!(header.split(',').any(|c| c == column), "CSV column {column}: {header}");
    }
    let schema: Json = serde_json::from_str(&read(&out.join("data/indicators.schema.json"))).unwrap();
    let fields = schema["fields"].as_array().unwrap();
    let measure = fields
        .iter()
        .find(|f| f["name"] == "measure")
        .expect("measure in the Table Schema");
    assert_eq!(
        measure["constraints"]["enum"],
        serde_json::json!(["stock", "new", "cumulative", "rate"])
    );

    let page = read(&out.join(format!("en/indicators/{id}/index.html")));
    let other = page
        .find("id=values-other")
        .expect("a table of the values measured differently");
    let row = |r: &Json| page.find(&format!("id={}", r["value_id"].as_str().unwrap())).unwrap();
    assert!(
        recs[..n - 1].iter().all(|r| row(r) < other),
        "the stock values in the main table"
    );
    assert!(row(&recs[n - 1]) > other, "the new value in the other table");
    assert!(page.contains("Test scope only") && page.contains("level reached") && page.contains("newly added"));
    assert!(page.contains("(inferred)") && page.contains("“Inferred”: the plan does not state"));
    // The chart: n - 1 bars, titled with the measure, the scope in its bar's label.
    let svg = read(&out.join(format!("en/indicators/{id}/chart.svg")));
    let desc = regex::Regex::new(r#"<desc id="chart-desc">(.*?)</desc>"#).unwrap();
    let d = desc.captures(&svg).unwrap()[1].to_string();
    assert_eq!(d.matches("; ").count() + 1, n - 1, "one item per plotted value: {d}");
    assert!(d.contains("Test scope only"), "{d}");
    assert!(svg.contains("(level reached)</title>"), "the title names the measure");
}
