//! Indicator pages: the index by category, one page per indicator with its chart, values,
//! citations and downloads, the chart alone (`chart.svg`, `embed/`), and the open data.

use super::plan::CategoryGroup;
use super::{Ctx, Usage, emit};
use crate::content::{Category, Indicator, Language, Value, ValueKind};
use crate::diagnostics::Diagnostic;
use crate::render::Sink;
use crate::render::chart::{self, Bar};
use crate::render::urls::absolute;
use rayon::prelude::*;
use serde::Serialize;

#[derive(Serialize)]
struct IndexItem {
    id: String,
    name: String,
    unit: String,
    plans: usize,
    values: usize,
}

#[derive(Serialize)]
struct Row {
    id: String,
    plan_title: String,
    plan_href: String,
    kind: String,
    year: String,
    text: String,
    attribute: Option<String>,
    quote: String,
    /// The quote's place in the plan page of this language.
    source_href: String,
    note: Option<String>,
}

/// One record of the open data: a value with its indicator, plan and source anchors.
#[derive(Serialize)]
pub struct Record {
    pub indicator: String,
    pub plan: String,
    pub name_zh: String,
    pub name_en: String,
    pub category: &'static str,
    pub kind: &'static str,
    pub year: String,
    pub value: Option<serde_json::Number>,
    pub value_max: Option<serde_json::Number>,
    pub comparator: &'static str,
    pub unit: String,
    pub unit_en: String,
    pub value_text_zh: String,
    pub value_text_en: String,
    pub attribute: Option<&'static str>,
    pub quote: String,
    pub url_zh: String,
    pub url_en: String,
    pub note_zh: Option<String>,
    pub note_en: Option<String>,
}

impl Ctx<'_> {
    /// Writes the language's indicator pages to `out` as they are rendered; returns the problems.
    pub(super) fn indicator_pages(&self, lang: &Language, usage: &Usage, out: &dyn Sink) -> Vec<Diagnostic> {
        if self.site.indicators.is_empty() {
            return Vec::new();
        }
        let mut problems: Vec<Diagnostic> = emit(
            out,
            (
                format!("{}/indicators/index.html", lang.code),
                self.indicator_index(lang),
            ),
        )
        .into_iter()
        .collect();
        let each: Vec<Vec<Diagnostic>> = self
            .site
            .indicators
            .par_iter()
            .enumerate()
            .map(|(i, ind)| {
                let dir = format!("{}/indicators/{}/", lang.code, ind.id);
                let (svg, height) = self.chart(lang, ind);
                [
                    (
                        format!("{dir}index.html"),
                        self.indicator_page(lang, i, usage, &svg, height),
                    ),
                    (format!("{dir}embed/index.html"), self.embed_page(lang, ind, &svg)),
                    (format!("{dir}chart.svg"), Ok(chart::standalone(&svg))),
                ]
                .into_iter()
                .filter_map(|page| emit(out, page))
                .collect()
            })
            .collect();
        problems.extend(each.into_iter().flatten());
        problems
    }

    fn indicator_index(&self, lang: &Language) -> Result<String, Diagnostic> {
        let code = lang.code.as_str();
        let groups: Vec<CategoryGroup<IndexItem>> = Category::ALL
            .iter()
            .filter_map(|&cat| {
                let items: Vec<IndexItem> = self
                    .site
                    .indicators
                    .iter()
                    .filter(|i| i.category == cat)
                    .map(|i| {
                        let mut plans: Vec<&str> = i.values.iter().map(|v| v.plan.as_str()).collect();
                        plans.sort_unstable();
                        plans.dedup();
                        IndexItem {
                            id: i.id.clone(),
                            name: i.name(code).to_string(),
                            unit: i.unit(code).to_string(),
                            plans: plans.len(),
                            values: i.values.len(),
                        }
                    })
                    .collect();
                (!items.is_empty()).then(|| CategoryGroup {
                    key: cat.key().into(),
                    label: self.s(lang, &format!("category.{}", cat.key())),
                    items,
                })
            })
            .collect();
        let dir = format!("{}/indicators/", lang.code);
        let mut ctx = self.base(lang, &dir, |l| format!("{}/indicators/", l.code));
        ctx.insert("page_title", &self.s(lang, "indicators.title"));
        ctx.insert("description", &self.s(lang, "indicators.intro"));
        ctx.insert("groups", &groups);
        ctx.insert("total", &self.site.indicators.len());
        self.templates.render("indicators.html", &ctx)
    }

    fn indicator_page(
        &self,
        lang: &Language,
        i: usize,
        usage: &Usage,
        svg: &str,
        chart_height: i32,
    ) -> Result<String, Diagnostic> {
        let code = lang.code.as_str();
        let li = self.lang_index(lang);
        let ind = &self.site.indicators[i];
        let dir = format!("{}/indicators/{}/", lang.code, ind.id);
        let rows: Vec<Row> = ind
            .values
            .iter()
            .enumerate()
            .map(|(j, v)| Row {
                id: usage.row_id(self.site, i, j),
                plan_title: self.plan_short(lang, &v.plan),
                plan_href: format!("../../plans/{}/", v.plan),
                kind: self.s(lang, &format!("value_kind.{}", v.kind.key())),
                year: self.year_label(lang, v.year),
                text: v.text(code).to_string(),
                attribute: v.attribute.map(|a| self.s(lang, &format!("attribute.{}", a.key()))),
                quote: v.quote.clone(),
                source_href: format!("../../plans/{}/{}", v.plan, self.fragment(usage, li, i, j)),
                note: v.note(code).map(str::to_string),
            })
            .collect();
        let mut ctx = self.base(lang, &dir, |l| format!("{}/indicators/{}/", l.code, ind.id));
        let other = if code == "zh" { &ind.name_en } else { &ind.name_zh };
        ctx.insert("page_title", ind.name(code));
        ctx.insert("description", ind.definition(code));
        ctx.insert("ind_id", &ind.id);
        ctx.insert("name", ind.name(code));
        ctx.insert("other_name", other);
        ctx.insert("other_locale", if code == "zh" { "en" } else { "zh-CN" });
        ctx.insert("definition", ind.definition(code));
        ctx.insert("category", &self.s(lang, &format!("category.{}", ind.category.key())));
        ctx.insert("category_key", ind.category.key());
        ctx.insert("unit", ind.unit(code));
        ctx.insert("better", &self.s(lang, &format!("better.{}", ind.better.key())));
        ctx.insert("rows", &rows);
        ctx.insert("chart", svg);
        ctx.insert("permalink", &absolute(&self.site.config.base_url, &dir));
        ctx.insert(
            "embed_url",
            &absolute(&self.site.config.base_url, &format!("{dir}embed/")),
        );
        ctx.insert("embed_height", &(chart_height + 80));
        ctx.insert("citations", &self.citations(lang, i, usage));
        self.templates.render("indicator.html", &ctx)
    }

    fn embed_page(&self, lang: &Language, ind: &Indicator, svg: &str) -> Result<String, Diagnostic> {
        let code = lang.code.as_str();
        let dir = format!("{}/indicators/{}/embed/", lang.code, ind.id);
        let mut ctx = self.base(lang, &dir, |l| format!("{}/indicators/{}/embed/", l.code, ind.id));
        let mut plans: Vec<String> = Vec::new();
        for v in &ind.values {
            let t = self.plan_title(lang, &v.plan);
            if !plans.contains(&t) {
                plans.push(t);
            }
        }
        ctx.insert("page_title", ind.name(code));
        ctx.insert("name", ind.name(code));
        ctx.insert("chart", svg);
        ctx.insert("sources", &plans);
        ctx.insert(
            "page_url",
            &absolute(
                &self.site.config.base_url,
                &format!("{}/indicators/{}/", lang.code, ind.id),
            ),
        );
        self.templates.render("embed.html", &ctx)
    }

    fn lang_index(&self, lang: &Language) -> usize {
        self.site
            .config
            .languages
            .iter()
            .position(|l| l.code == lang.code)
            .unwrap_or(0)
    }

    /// `#q-…` where the value is anchored in the plan page of language `li`, else its section.
    fn fragment(&self, usage: &Usage, li: usize, i: usize, j: usize) -> String {
        match (&usage.anchors[li][i][j], &usage.anchors[0][i][j]) {
            (Some((id, _)), _) => format!("#{id}"),
            (None, Some((_, section))) if !section.is_empty() => format!("#{section}"),
            _ => String::new(),
        }
    }

    fn plan_title(&self, lang: &Language, plan: &str) -> String {
        self.site
            .plan(plan)
            .and_then(|p| p.doc(lang).or_else(|| p.doc(self.site.default_language())))
            .map(|d| d.front.title.clone())
            .unwrap_or_else(|| plan.to_string())
    }

    pub(super) fn plan_short(&self, lang: &Language, plan: &str) -> String {
        self.site
            .plan(plan)
            .and_then(|p| p.doc(lang).or_else(|| p.doc(self.site.default_language())))
            .map(|d| d.front.short_title.clone())
            .unwrap_or_else(|| plan.to_string())
    }

    fn bars(&self, lang: &Language, ind: &Indicator) -> Vec<Bar> {
        let code = lang.code.as_str();
        ind.values
            .iter()
            .map(|v: &Value| Bar {
                label: format!(
                    "{} · {} {}",
                    self.plan_short(lang, &v.plan),
                    self.year_label(lang, v.year),
                    self.s(lang, &format!("value_kind.{}", v.kind.key()))
                ),
                value_label: v.text(code).to_string(),
                value: v.number(),
                value_max: v.value_max.as_ref().and_then(serde_json::Number::as_f64),
                reported: v.kind != ValueKind::Target,
            })
            .collect()
    }

    /// The chart's SVG and its height in pixels.
    fn chart(&self, lang: &Language, ind: &Indicator) -> (String, i32) {
        let bars = self.bars(lang, ind);
        let sep = self.s(lang, "list.separator");
        let summary: Vec<String> = bars.iter().map(|b| format!("{}: {}", b.label, b.value_label)).collect();
        let desc = format!(
            "{}{}{}",
            self.s(lang, "indicator.chart_desc"),
            summary.join(&sep),
            self.s(lang, "list.end")
        );
        let svg = chart::render(
            &bars,
            &format!("{} · {}", ind.name(&lang.code), self.s(lang, "indicator.chart")),
            &desc,
            "chart",
        );
        (svg, chart::layout(&bars).height)
    }

    /// One ready-to-paste citation per plan that states the indicator.
    fn citations(&self, lang: &Language, i: usize, usage: &Usage) -> Vec<String> {
        let li = self.lang_index(lang);
        let ind = &self.site.indicators[i];
        let mut seen = Vec::new();
        let mut out = Vec::new();
        for (j, v) in ind.values.iter().enumerate() {
            if seen.contains(&v.plan) {
                continue;
            }
            seen.push(v.plan.clone());
            let Some(doc) = self
                .site
                .plan(&v.plan)
                .and_then(|p| p.doc(lang).or_else(|| p.doc(self.site.default_language())))
            else {
                continue;
            };
            let section_id = usage.anchors[0][i][j]
                .as_ref()
                .map(|(_, s)| s.clone())
                .unwrap_or_default();
            let section = usage.headings[li]
                .get(&v.plan)
                .and_then(|h| h.get(&section_id))
                .cloned()
                .unwrap_or_default();
            let url = absolute(
                &self.site.config.base_url,
                &format!("{}/plans/{}/{}", lang.code, v.plan, self.fragment(usage, li, i, j)),
            );
            let f = &doc.front;
            let mut template = self.s(lang, "indicator.citation");
            if f.doc_number.is_none() {
                template = template.replace("{doc_number}, ", "").replace("{doc_number}，", "");
            }
            out.push(
                template
                    .replace("{issuer}", &f.issuer)
                    .replace("{title}", &f.title)
                    .replace("{doc_number}", f.doc_number.as_deref().unwrap_or(""))
                    .replace("{issued}", &self.format_date(lang, &f.issued))
                    .replace("{section}", &section)
                    .replace("{url}", &url),
            );
        }
        out
    }

    /// One record per value, in sheet order.
    pub(super) fn records(&self, usage: &Usage) -> Vec<Record> {
        let base = &self.site.config.base_url;
        let langs = &self.site.config.languages;
        let url = |code: &str, li: usize, plan: &str, i: usize, j: usize| {
            let li = li.min(langs.len() - 1);
            absolute(base, &format!("{code}/plans/{plan}/{}", self.fragment(usage, li, i, j)))
        };
        let zh = langs.iter().position(|l| l.code == "zh").unwrap_or(0);
        let en = langs.iter().position(|l| l.code == "en").unwrap_or(0);
        let mut records = Vec::new();
        for (i, ind) in self.site.indicators.iter().enumerate() {
            for (j, v) in ind.values.iter().enumerate() {
                records.push(Record {
                    indicator: ind.id.clone(),
                    plan: v.plan.clone(),
                    name_zh: ind.name_zh.clone(),
                    name_en: ind.name_en.clone(),
                    category: ind.category.key(),
                    kind: v.kind.key(),
                    year: v.year.key(),
                    value: v.value.clone(),
                    value_max: v.value_max.clone(),
                    comparator: v.comparator.key(),
                    unit: ind.unit_zh.clone(),
                    unit_en: ind.unit_en.clone(),
                    value_text_zh: v.text_zh.clone(),
                    value_text_en: v.text_en.clone(),
                    attribute: v.attribute.map(|a| a.key()),
                    quote: v.quote.clone(),
                    url_zh: url(&langs[zh].code, zh, &v.plan, i, j),
                    url_en: url(&langs[en].code, en, &v.plan, i, j),
                    note_zh: v.note_zh.clone(),
                    note_en: v.note_en.clone(),
                });
            }
        }
        records
    }
}

/// `{"records": [...]}` as pretty JSON.
pub fn records_json(records: &[&Record]) -> Vec<u8> {
    #[derive(Serialize)]
    struct Doc<'a> {
        records: &'a [&'a Record],
    }
    let mut bytes = serde_json::to_vec_pretty(&Doc { records }).expect("records serialize");
    bytes.push(b'\n');
    bytes
}

/// The same records as CSV, with a UTF-8 byte-order mark so spreadsheet programs read Chinese.
pub fn records_csv(records: &[&Record]) -> Vec<u8> {
    let mut w = csv::WriterBuilder::new().from_writer(b"\xEF\xBB\xBF".to_vec());
    for r in records {
        // Numbers as JSON writes them; optional fields empty.
        let _ = w.serialize(r);
    }
    w.into_inner().unwrap_or_default()
}
