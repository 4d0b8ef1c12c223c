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
    ];
    for (rel, text) in files {
        let path = dir.join(rel);
        fs::create_dir_all(path.parent().expect("scaffold paths have a parent"))?;
        fs::write(&path, text)?;
    }
    Ok(files.iter().map(|(rel, _)| rel.to_string()).collect())
}
