//! Progress charts on an indicator page, as a reader meets them: one chart per plan with a
//! numeric target, in that plan's progress block, saying in words what the block says, on one
//! time axis for every plan, with the straight path dashed and every user text escaped.

mod common;
use common::*;
use std::path::{Path, PathBuf};

/// A second plan for the scaffold's indicator: a 2023 figure, a target of ≥96 % by 2028.
const PLAN_ZH: &str = "---
title: 示例市质量提升三年行动计划
short_title: 示例市三年行动
issuer: 示例市人民政府
issued: 2024-02-01
period: 2024-2028
region: 示例省示例市
kind: plan
summary: 示例市2024—2028年质量提升行动。
---

## 一、目标

2023年制造业产品质量合格率为90%，到2028年达到96%以上。
";

const PLAN_EN: &str = "---
title: Example City Three-Year Quality Action Plan
short_title: Example City Action Plan
issuer: Example City People's Government
issued: 2024-02-01
period: 2024-2028
region: Example City, Example Province
kind: plan
summary: Example City's quality actions for 2024-2028.
---

## I. Goals

The pass rate was 90% in 2023 and reaches 96% or more by 2028.
";

const VALUES: &str = "    values:
      - plan: example-2024
        kind: actual
        year: 2023
        value: 90
        comparator: '='
        text_zh: 90%
        text_en: 90%
        quote: 2023年制造业产品质量合格率为90%
      - plan: example-2024
        kind: target
        year: 2028
        value: 96
        comparator: '>='
        text_zh: 96%以上
        text_en: 96% or more
        quote: 到2028年达到96%以上
";

/// Monitoring rows: the scaffold's plan slips below its path (93.1 in 2026, 93.0 in 2027:
/// off track), the second keeps ahead of its own (90 → 91 → 93: on track). One source name
/// carries the characters markup must escape.
const MONITORING: &str = "indicator,plan,year,value,source_zh,source_en,source_url,published
manufacturing-product-pass-rate,example-2026,2026,93.1,示例市市场监管局,Example City Market Regulation,,2027-03-15
manufacturing-product-pass-rate,example-2026,2027,93.0,示例市市场监管局,Example City Market Regulation,,2027-06-01
manufacturing-product-pass-rate,example-2024,2024,91,\"示例市统计局 <试行> & \"\"公报\"\"\",\"Stats <Bureau> & \"\"Co\"\"\",,2025-03-01
manufacturing-product-pass-rate,example-2024,2025,93,示例市统计局,Example City Statistics Bureau,,2026-03-01
";

/// `plansite new`'s site with the second plan and the monitoring rows: its content folder.
fn site(dir: &Path) -> PathBuf {
    assert!(plansite(&["new", "site"], dir).status.success());
    let content = dir.join("site/content");
    std::fs::write(content.join("plans/example-2024.zh.md"), PLAN_ZH).unwrap();
    std::fs::write(content.join("plans/example-2024.en.md"), PLAN_EN).unwrap();
    let sheet = std::fs::read_to_string(content.join("indicators.yaml")).unwrap();
    std::fs::write(
        content.join("indicators.yaml"),
        sheet.replacen("    values:\n", VALUES, 1),
    )
    .unwrap();
    std::fs::write(content.join("monitoring/example.csv"), MONITORING).unwrap();
    content
}

/// The page as written (not canonicalised: SVG attributes such as viewBox keep their case).
fn page(out: &Path, lang: &str) -> String {
    let path = out.join(format!("{lang}/indicators/manufacturing-product-pass-rate/index.html"));
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// A plan's progress block.
fn block<'a>(html: &'a str, plan: &str) -> &'a str {
    let start = html
        .find(&format!("id=\"progress-{plan}\""))
        .or_else(|| html.find(&format!("id=progress-{plan} ")))
        .unwrap_or_else(|| panic!("no progress block for {plan}"));
    let rest = &html[start..];
    &rest[..rest.find("</section>").expect("the block closes")]
}

/// The block's chart: its `<svg>…</svg>`.
fn chart(block: &str) -> &str {
    let start = block.find("<svg").expect("a chart in the block");
    let end = block[start..].find("</svg>").expect("the chart closes") + start + 6;
    &block[start..end]
}

/// The labelled years of a chart: (x, year) for each 4-digit text.
fn year_ticks(svg: &str) -> Vec<(i32, String)> {
    let doc = roxmltree::Document::parse(svg).expect("the chart is well-formed XML");
    doc.descendants()
        .filter(|n| n.has_tag_name("text"))
        .filter_map(|n| {
            let t = n.text()?.trim().to_string();
            let x = n.attribute("x")?.parse().ok()?;
            (t.len() == 4 && t.parse::<i32>().is_ok()).then_some((x, t))
        })
        .collect()
}

/// The texts drawn in a chart, unescaped.
fn texts(svg: &str) -> Vec<String> {
    let doc = roxmltree::Document::parse(svg).expect("the chart is well-formed XML");
    (doc.descendants().filter(|n| n.has_tag_name("text")))
        .filter_map(|n| n.text().map(|t| t.trim().to_string()))
        .collect()
}

#[test]
fn one_chart_per_plan_in_its_block_on_one_time_axis() {
    let dir = tempfile::tempdir().unwrap();
    let content = site(dir.path());
    let out = dir.path().join("public");
    build_site(&content, &out);
    for lang in ["zh", "en"] {
        let html = page(&out, lang);
        assert_eq!(html.matches("trend-svg").count(), 2, "{lang}: one chart per plan");
        let mut ticks = Vec::new();
        for (plan, status) in [("example-2026", "off-track"), ("example-2024", "on-track")] {
            let b = block(&html, plan);
            let svg = chart(b);
            // Inside a figure with a caption, after the block's list.
            let figure = &b[b.find("<figure").expect("a figure")..];
            assert!(figure.contains("<figcaption>") && figure.find("<svg") < figure.find("<figcaption>"));
            // Accessible: named by its title and description, ids unique to the plan.
            let id = format!("trend-{plan}");
            assert!(
                svg.contains(&format!("role=\"img\" aria-labelledby=\"{id}-title {id}-desc\"")),
                "{svg}"
            );
            assert!(svg.contains(&format!("<title id=\"{id}-title\">")));
            let desc = &svg[svg.find(&format!("<desc id=\"{id}-desc\">")).expect("a description")..];
            assert!(desc.find("</desc>").unwrap() > 40, "the description says what is drawn");
            assert!(svg.contains("viewBox=\"0 0 "), "viewBox kept: {}", &svg[..200]);
            // The status the block shows is written in the chart, beside a coloured target.
            let label = regex::Regex::new(&format!(r#"<span class="?st st-{status}"?>([^<]+)</span>"#))
                .unwrap()
                .captures(b)
                .unwrap_or_else(|| panic!("{lang} {plan}: the block says {status}"))[1]
                .to_string();
            let drawn = texts(svg).join(" ");
            assert!(drawn.contains(&label), "{lang} {plan}: “{label}” in the chart: {drawn}");
            // A dashed straight path (with its legend entry), and monitoring figures as squares.
            assert_eq!(
                svg.matches("stroke-dasharray").count(),
                2,
                "{lang} {plan}: path and legend"
            );
            assert!(svg.contains("<rect"), "{lang} {plan}: monitoring squares");
            ticks.push(year_ticks(svg));
        }
        assert_eq!(ticks[0], ticks[1], "{lang}: both plans' years at the same places");
        let years: Vec<&str> = ticks[0].iter().map(|t| t.1.as_str()).collect();
        assert_eq!(
            (years.first(), years.last()),
            (Some(&"2023"), Some(&"2030")),
            "{years:?}"
        );
    }
}

#[test]
fn charts_are_escaped_and_the_same_every_build() {
    let dir = tempfile::tempdir().unwrap();
    let content = site(dir.path());
    let (a, b) = (dir.path().join("a"), dir.path().join("b"));
    build_site(&content, &a);
    build_site(&content, &b);
    for lang in ["zh", "en"] {
        let html = page(&a, lang);
        assert_eq!(html, page(&b, lang), "{lang}: two builds, the same bytes");
        let svg = chart(block(&html, "example-2024"));
        // The source's name reaches the description escaped, and the SVG still parses.
        let doc = roxmltree::Document::parse(svg).expect("well-formed");
        let desc = (doc.descendants().find(|n| n.has_tag_name("desc")))
            .and_then(|n| n.text())
            .unwrap()
            .to_string();
        let source = if lang == "zh" {
            "示例市统计局 <试行> & \"公报\""
        } else {
            "Stats <Bureau> & \"Co\""
        };
        assert!(desc.contains(source), "{lang}: {desc}");
        assert!(!svg.contains("<试行>") && !svg.contains("<Bureau>"));
    }
}
