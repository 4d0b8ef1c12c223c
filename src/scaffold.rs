//! `plansite new`: a small, complete site to start from.

use std::fs;
use std::io;
use std::path::Path;

const SITE_YAML: &str = r#"# Site settings. The first language is the source language of the plans.
base_url: https://plans.example.org/
languages:
  - code: zh
    locale: zh-CN
    title: 规划公开平台
    description: 本地规划全文，便于公众查阅与引用。
  - code: en
    locale: en
    title: Plan Portal
    description: Full texts of local plans, for the public to read and cite.
# The licence the open data (/data/) is published under: choose the one your portal uses.
license:
  url: https://creativecommons.org/licenses/by/4.0/
  title: Creative Commons Attribution 4.0 International (CC BY 4.0)
"#;

const PLAN_ZH: &str = r#"---
title: 示例市质量发展“十五五”规划
short_title: 示例市质量规划
issuer: 示例市人民政府
issued: 2026-01-15
period: 2026-2030
region: 示例省示例市
kind: plan
summary: 本规划提出示例市2026—2030年质量发展的目标和任务。
---

## 一、发展目标

到2030年，制造业产品质量合格率达到95%以上。

## 二、主要任务

### (一)提升产品质量

推进**“质量强市”**建设，开展质量提升行动。

::: box 专栏1:质量提升行动

开展重点产品质量攻关。

:::
"#;

const PLAN_EN: &str = r#"---
title: Example City Quality Development Plan for the 15th Five-Year Period
short_title: Example City Quality Plan
issuer: Example City People's Government
issued: 2026-01-15
period: 2026-2030
region: Example City, Example Province
kind: plan
summary: The plan sets out Example City's quality development goals and tasks for 2026-2030.
---

## I. Goals

By 2030, the pass rate of manufactured products in quality inspections reaches 95% or more.

## II. Main Tasks

### (I) Improve Product Quality

Advance the **"Quality-Strong City"** initiative and carry out quality improvement campaigns.

::: box Box 1: Quality Improvement Campaign

Tackle quality problems of key products.

:::
"#;

const INDICATORS_YAML: &str = r#"# Indicators: one entry per concept, with the values each plan sets.
# Every quote must appear word for word in the plan's Chinese text.
indicators:
  - id: manufacturing-product-pass-rate
    name_zh: 制造业产品质量合格率
    name_en: Manufacturing product quality pass rate
    definition_zh: 抽查的制造业产品中质量合格的比例。
    definition_en: Share of sampled manufactured products that pass quality inspection.
    category: product
    unit_zh: '%'
    unit_en: '%'
    better: higher
    values:
      - plan: example-2026
        kind: target
        year: 2030
        value: 95
        comparator: '>='
        text_zh: 95%以上
        text_en: 95% or more
        attribute: expected
        quote: 制造业产品质量合格率达到95%以上
"#;

const GLOSSARY_YAML: &str = r#"# Glossary: terms linked in every plan page and explained on the glossary page.
terms:
  - id: quality-strong-city
    zh: 质量强市
    en: Quality-Strong City
    aliases_zh: []
    aliases_en: []
    definition_zh: 城市以质量为核心推动发展的战略目标。各地据此制定规划和行动。
    definition_en: A city's strategic goal of building its development on quality. Local plans and campaigns follow from it.
"#;

/// Figures reported after the plan, one row per indicator, plan and year (example data of the
/// example city).
const MONITORING_CSV: &str = "indicator,plan,year,value,source_zh,source_en,source_url,published,note_zh,note_en
manufacturing-product-pass-rate,example-2026,2026,93.1,示例市市场监管局（示例数据）,Example City Administration for Market Regulation (example data),,2027-03-15,,
";

/// Creates `dir/content/...`. Refuses to overwrite an existing `content` folder.
pub fn create(dir: &Path) -> io::Result<Vec<String>> {
    let content = dir.join("content");
    if content.exists() {
        return Err(io::Error::new(
            io::ErrorKind::AlreadyExists,
            format!("{} already exists", content.display()),
        ));
    }
    let files = [
        ("content/site.yaml", SITE_YAML),
        ("content/plans/example-2026.zh.md", PLAN_ZH),
        ("content/plans/example-2026.en.md", PLAN_EN),
        ("content/indicators.yaml", INDICATORS_YAML),
        ("content/glossary.yaml", GLOSSARY_YAML),
        ("content/monitoring/example.csv", MONITORING_CSV),
    ];
    for (rel, text) in files {
        let path = dir.join(rel);
        fs::create_dir_all(path.parent().expect("scaffold paths have a parent"))?;
        fs::write(&path, text)?;
    }
    let mut written: Vec<String> = files.iter().map(|(rel, _)| rel.to_string()).collect();
    written.extend(record_translations(&content)?);
    Ok(written)
}

/// A new site starts with its translation reviewed: every section recorded as translated
/// from the source text it was written with.
fn record_translations(content: &Path) -> io::Result<Vec<String>> {
    let mut diags = crate::diagnostics::Diagnostics::default();
    let site = crate::load::load(content, &mut diags).ok_or_else(|| io::Error::other("the new site does not load"))?;
    let editions = crate::render::survey::survey(&site).map_err(|d| io::Error::other(d.message))?;
    let date = time::OffsetDateTime::now_utc().date().to_string();
    let mut out = Vec::new();
    for e in editions.iter().filter(|e| e.translated) {
        let (record, _) = crate::translations::mark_reviewed(&e.record, &e.sources, &[], &date);
        crate::translations::save(content, (&e.plan, &e.lang), &record, (&e.path, &e.source_path))?;
        out.push(format!("content/translations/{}.{}.yaml", e.plan, e.lang));
    }
    Ok(out)
}
