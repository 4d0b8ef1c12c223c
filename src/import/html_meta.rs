//! The metadata a portal prints around the article — the info table most portals put above it
//! (索引号, 发布机构, 文号, 发布日期, 来源 …), the date-and-source line, `<meta>` tags of the CMS
//! and the headline — into the front matter.

use super::html::collapse;
use super::report::Report;
use super::tables::shorten;
use super::{Meta, classify};
use regex::Regex;
use scraper::{ElementRef, Html, Node, Selector};
use std::sync::LazyLock;

static LABEL: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(concat!(
        r"(索\s*引\s*号|发布机构|发文机关|发文单位|发布日期|发布时间|成文日期|发文日期|印发日期|",
        r"文\s*号|发文字号|信息来源|文章来源|来\s*源|主题分类|组配分类|体裁分类|标\s*题|名\s*称|公开方式|",
        r"有\s*效\s*性|生效日期|浏览次数|访问次数|点击数|字\s*号)\s*[:：]"
    ))
    .unwrap()
});
static DATE: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(\d{4})\s*[-年/.]\s*(\d{1,2})\s*[-月/.]\s*(\d{1,2})").unwrap());

/// `2023-1-5`, `2023年1月5日` → `2023-01-05`.
fn iso_date(s: &str) -> Option<String> {
    let c = DATE.captures(s)?;
    Some(format!("{}-{:0>2}-{:0>2}", &c[1], &c[2], &c[3]))
}

pub(super) fn collect(doc: &Html, body: ElementRef, report: &mut Report) -> Meta {
    let mut meta = Meta::default();
    meta_tags(doc, &mut meta);
    let mut lines = Vec::new();
    chrome_lines(doc.root_element(), body, &mut lines, &mut String::new());
    for (label, value) in label_pairs(&lines) {
        apply(&label, &value, &mut meta, report);
    }
    if meta.title.is_none() {
        meta.title = headline(doc, body);
    }
    if meta.issuer.is_none()
        && let Some((_, source)) = meta.extras.iter().find(|(l, _)| l == "来源")
    {
        meta.issuer = Some(source.clone());
        report.guess(format!("issuer {source:?} taken from the page's 来源 (source)"));
    }
    meta
}

/// The CMS's own `<meta>` tags (TRS WCM and others write these).
fn meta_tags(doc: &Html, meta: &mut Meta) {
    let Ok(sel) = Selector::parse("meta[name][content]") else {
        return;
    };
    for el in doc.select(&sel) {
        let content = collapse(el.value().attr("content").unwrap_or(""));
        if content.is_empty() {
            continue;
        }
        match el.value().attr("name").unwrap_or("").to_lowercase().as_str() {
            "articletitle" => meta.title = Some(content),
            "pubdate" => meta.published = iso_date(&content).or(meta.published.take()),
            "contentsource" => meta.extra("来源", &content),
            _ => {}
        }
    }
}

/// The page's text outside the article, one line per block, cell or line break.
fn chrome_lines(el: ElementRef, body: ElementRef, lines: &mut Vec<String>, current: &mut String) {
    const SKIP: &[&str] = &["script", "style", "noscript", "template", "head", "select", "button"];
    for child in el.children() {
        match child.value() {
            Node::Text(t) => current.push_str(t),
            Node::Element(e) => {
                let Some(c) = ElementRef::wrap(child) else { continue };
                if c.id() == body.id() || SKIP.contains(&e.name()) {
                    continue;
                }
                let inline = matches!(
                    e.name(),
                    "a" | "span" | "font" | "b" | "strong" | "em" | "i" | "label" | "small"
                );
                if !inline {
                    end_line(lines, current);
                }
                chrome_lines(c, body, lines, current);
                if !inline {
                    end_line(lines, current);
                }
            }
            _ => {}
        }
    }
}

fn end_line(lines: &mut Vec<String>, current: &mut String) {
    let line = collapse(current);
    if !line.is_empty() {
        lines.push(line);
    }
    current.clear();
}

/// `label：value` pairs; a label alone in its cell takes the next line as its value.
fn label_pairs(lines: &[String]) -> Vec<(String, String)> {
    let mut pairs = Vec::new();
    for (i, line) in lines.iter().enumerate() {
        let found: Vec<_> = LABEL.captures_iter(line).map(|c| c.get(0).unwrap()).collect();
        for (j, m) in found.iter().enumerate() {
            let end = found.get(j + 1).map_or(line.len(), |n| n.start());
            let mut value = line[m.end()..end].trim().to_string();
            if value.is_empty()
                && found.len() == 1
                && let Some(next) = lines.get(i + 1).filter(|n| !LABEL.is_match(n))
            {
                value = next.clone();
            }
            let label: String = m
                .as_str()
                .chars()
                .filter(|c| !c.is_whitespace() && !matches!(c, ':' | '：'))
                .collect();
            pairs.push((label, value));
        }
    }
    pairs
}

fn apply(label: &str, value: &str, meta: &mut Meta, report: &mut Report) {
    let value = value.trim();
    if value.is_empty() {
        return;
    }
    let moved = |report: &mut Report| {
        report.dropped(format!(
            "page metadata {label}：{:?}: moved to the front matter",
            shorten(value, 40)
        ));
    };
    match label {
        "发布机构" | "发文机关" | "发文单位" => {
            meta.issuer.get_or_insert_with(|| value.to_string());
        }
        "发布日期" | "发布时间" => {
            if let Some(d) = iso_date(value) {
                meta.published.get_or_insert(d);
            }
        }
        "成文日期" | "发文日期" | "印发日期" => {
            if let Some(d) = iso_date(value) {
                meta.issued.get_or_insert(d);
            }
        }
        "文号" | "发文字号" => {
            meta.doc_number.get_or_insert_with(|| value.to_string());
        }
        "标题" | "名称" => {
            meta.title.get_or_insert_with(|| value.to_string());
        }
        "信息来源" | "文章来源" | "来源" => meta.extra("来源", value),
        "索引号" | "主题分类" | "组配分类" | "体裁分类" | "有效性" | "生效日期" | "公开方式" => {
            meta.extra(label, value)
        }
        _ => {
            report.dropped(format!("page counter or widget {label}：{:?}", shorten(value, 20)));
            return;
        }
    }
    moved(report);
}

/// The page's headline outside the article, else the first part of `<title>`.
fn headline(doc: &Html, body: ElementRef) -> Option<String> {
    let sel = Selector::parse("h1, h2, .title, .article-title, .bt, #title").ok()?;
    let outside = doc
        .select(&sel)
        .filter(|h| !h.ancestors().any(|a| a.id() == body.id()))
        .map(|h| collapse(&h.text().collect::<String>()))
        .find(|t| classify::looks_like_title(t));
    outside.or_else(|| {
        let sel = Selector::parse("title").ok()?;
        let title = collapse(&doc.select(&sel).next()?.text().collect::<String>());
        let first = title.split(['_', '|', '—', '-']).next()?.trim().to_string();
        (!first.is_empty()).then_some(first)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn info_table_cells_and_inline_pairs() {
        let lines: Vec<String> = [
            "索 引 号：",
            "113307/2024-1",
            "文号：义政办发〔2024〕3号",
            "发布日期：2024-07-02 17:11 来源：市政府办公室 浏览次数：",
        ]
        .iter()
        .map(|s| s.to_string())
        .collect();
        let pairs = label_pairs(&lines);
        assert_eq!(
            pairs,
            [
                ("索引号".to_string(), "113307/2024-1".to_string()),
                ("文号".into(), "义政办发〔2024〕3号".into()),
                ("发布日期".into(), "2024-07-02 17:11".into()),
                ("来源".into(), "市政府办公室".into()),
                ("浏览次数".into(), "".into()),
            ]
        );
        assert_eq!(iso_date("2021年3月5日").as_deref(), Some("2021-03-05"));
    }
}
