//! Indicator pages: the index by category, one page per indicator with its chart, values,
//! citations and downloads, the chart alone (`chart.svg`, `embed/`), and the open data.

use super::plan::CategoryGroup;
use super::text::{Other, Shown};
use super::{Ctx, Usage, emit};
use crate::changes::Step;
use crate::content::{Category, Indicator, Language, Value, ValueKind};
use crate::diagnostics::Diagnostic;
use crate::render::Sink;
use crate::render::chart::{self, Bar};
use crate::routes::{Format, Page, absolute, relative};
use rayon::prelude::*;
use serde::Serialize;

#[derive(Serialize)]
struct IndexItem {
    id: String,
    href: String,
    name: Shown,
    unit: Shown,
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
    text: Shown,
    attribute: Option<String>,
    quote: String,
    /// The quote's place in the plan page of this language.
    source_href: String,
    note: Option<Shown>,
    /// What the value counts, where the sheet says.
    measure: Option<String>,
    /// What exactly is counted, where narrower or wider than the definition.
    scope: Option<Shown>,
}

/// One table of values: those the chart compares, or those it leaves out (another measure).
#[derive(Serialize)]
struct ValueTable {
    id: &'static str,
    rows: Vec<Row>,
}

impl Row {
    fn fallback(&self) -> bool {
        self.text.fallback() || self.note.as_ref().is_some_and(Shown::fallback)
    }
}

impl Ctx<'_> {
    /// Writes the language's pages of each indicator (the page, its embed, its chart) to `out`
    /// as they are rendered; returns the problems.
    pub(super) fn indicator_pages(
        &self,
        lang: &Language,
        usage: &Usage,
        steps: &[Step],
        out: &dyn Sink,
    ) -> Vec<Diagnostic> {
        if self.site.indicators.is_empty() {
            return Vec::new();
        }
        let code = lang.code.as_str();
        let each: Vec<Vec<Diagnostic>> = self
            .site
            .indicators
            .par_iter()
            .enumerate()
            .map(|(i, ind)| {
                let (svg, height) = self.chart(lang, ind);
                let id = ind.id.as_str();
                [
                    (
                        Page::Indicator(id).file(code),
                        self.indicator_page(lang, i, (usage, steps), &svg, height),
                    ),
                    (Page::Embed(id).file(code), self.embed_page(lang, ind, &svg)),
                    (Page::Chart(id).file(code), Ok(chart::standalone(&svg))),
                ]
                .into_iter()
                .filter_map(|page| emit(out, page))
                .collect()
            })
            .collect();
        each.into_iter().flatten().collect()
    }

    pub(super) fn indicator_index(&self, lang: &Language) -> Result<String, Diagnostic> {
        let here = Page::Indicators.dir(&lang.code);
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
                            href: relative(&here, &Page::Indicator(&i.id).dir(&lang.code)),
                            name: self.shown(lang, &i.name),
                            unit: self.shown(lang, &i.unit),
                            plans: plans.len(),
                            values: i.values.len(),
                        }
                    })
                    .collect();
                (!items.is_empty()).then(|| CategoryGroup {
                    key: cat.key().into(),
                    label: self.category_label(lang, cat),
                    items,
                })
            })
            .collect();
        let untranslated = (groups.iter().flat_map(|g| &g.items)).any(|i| i.name.fallback() || i.unit.fallback());
        let mut ctx = self.base(lang, Page::Indicators);
        ctx.insert("untranslated", &untranslated);
        ctx.insert("page_title", &self.s(lang, "indicators.title"));
        ctx.insert("description", &self.s(lang, "indicators.intro"));
        ctx.insert("groups", &groups);
        ctx.insert("total", &self.site.indicators.len());
        ctx.insert("json_ld", &self.catalog_json_ld(lang));
        self.templates.render("indicators.html", &ctx)
    }

    fn indicator_page(
        &self,
        lang: &Language,
        i: usize,
        (usage, steps): (&Usage, &[Step]),
        svg: &str,
        chart_height: i32,
    ) -> Result<String, Diagnostic> {
        let code = lang.code.as_str();
        let ind = &self.site.indicators[i];
        let page = Page::Indicator(&ind.id);
        let here = page.dir(code);
        let main = ind.chart_measure();
        let (plotted, other) = self.value_rows(lang, i, usage, &here);
        let has_measure = ind.values.iter().any(|v| v.measure.is_some() || !v.scope.is_empty());
        let has_inferred = ind.values.iter().any(|v| !v.inferred.is_empty());
        let (name, definition, unit) = (
            self.shown(lang, &ind.name),
            self.shown(lang, &ind.definition),
            self.shown(lang, &ind.unit),
        );
        let untranslated = name.fallback()
            || definition.fallback()
            || unit.fallback()
            || plotted.iter().chain(&other).any(Row::fallback);
        let others: Vec<Other> = self.others(lang, &ind.name);
        let mut ctx = self.base(lang, page);
        ctx.insert("page_title", &name.text);
        ctx.insert("description", &definition.text);
        ctx.insert("ind_id", &ind.id);
        ctx.insert("name", &name);
        ctx.insert("others", &others);
        ctx.insert("definition", &definition);
        ctx.insert("untranslated", &untranslated);
        ctx.insert("index_href", &relative(&here, &Page::Indicators.dir(code)));
        ctx.insert("chart_href", &relative(&here, &Page::Chart(&ind.id).file(code)));
        ctx.insert("category", &self.category_label(lang, ind.category));
        ctx.insert("category_key", ind.category.key());
        ctx.insert("unit", &unit);
        ctx.insert("better", &self.s(lang, &format!("better.{}", ind.better.key())));
        ctx.insert("has_measure", &has_measure);
        ctx.insert("has_inferred", &has_inferred);
        ctx.insert(
            "chart_measure",
            &main.map_or_else(String::new, |m| self.measure_label(lang, m)),
        );
        let mut tables = vec![ValueTable {
            id: "values",
            rows: plotted,
        }];
        if !other.is_empty() {
            tables.push(ValueTable {
                id: "values-other",
                rows: other,
            });
        }
        ctx.insert("tables", &tables);
        ctx.insert("progress", &self.indicator_progress(lang, i, usage));
        ctx.insert(
            "progress_href",
            &relative(&here, &Page::Progress(crate::routes::Order::Status).dir(code)),
        );
        ctx.insert("as_of", &self.as_of_line(lang));
        ctx.insert("chart", svg);
        let base = &self.site.config.base_url;
        ctx.insert("permalink", &absolute(base, &here));
        ctx.insert("embed_url", &absolute(base, &Page::Embed(&ind.id).dir(code)));
        ctx.insert("embed_height", &(chart_height + 80));
        ctx.insert("citations", &self.citations(lang, i, usage));
        ctx.insert("data_csv", &Page::IndicatorData(&ind.id, Format::Csv).file(code));
        ctx.insert("data_json", &Page::IndicatorData(&ind.id, Format::Json).file(code));
        ctx.insert("json_ld", &self.dataset_json_ld(lang, i));
        // Releases: its history, the release to cite it "as of", its feed (none without releases).
        ctx.insert("history", &self.history(lang, &ind.id, steps, usage));
        ctx.insert("as_of_release", &self.as_of(&ind.id));
        if !self.site.releases.is_empty() {
            ctx.insert("feed_href", &relative(&here, &Page::IndicatorFeed(&ind.id).file(code)));
            ctx.insert(
                "feed_title",
                &format!("{} · {}", name.text, self.s(lang, "changes.feed")),
            );
        }
        self.templates.render("indicator.html", &ctx)
    }

    /// The indicator's value rows on its page at `here`: those of its chart measure (plotted)
    /// and the others (listed apart, without a bar).
    fn value_rows(&self, lang: &Language, i: usize, usage: &Usage, here: &str) -> (Vec<Row>, Vec<Row>) {
        let code = lang.code.as_str();
        let li = self.lang_index(lang);
        let ind = &self.site.indicators[i];
        let main = ind.chart_measure();
        let rows: Vec<Row> = ind
            .values
            .iter()
            .enumerate()
            .map(|(j, v)| {
                let plan_href = relative(here, &Page::Plan(&v.plan).dir(code));
                Row {
                    id: usage.row_id(self.site, i, j),
                    plan_title: self.plan_short(lang, &v.plan),
                    source_href: format!("{plan_href}{}", self.fragment(usage, li, i, j)),
                    plan_href,
                    kind: self.value_kind(lang, v),
                    year: self.value_year(lang, v),
                    text: self.shown(lang, &v.text),
                    attribute: v.attribute.map(|a| self.attribute_label(lang, a)),
                    quote: v.quote.clone(),
                    note: (!v.note.is_empty()).then(|| self.shown(lang, &v.note)),
                    measure: v.measure.map(|m| self.measure_label(lang, m)),
                    scope: (!v.scope.is_empty()).then(|| self.shown(lang, &v.scope)),
                }
            })
            .collect();
        let (mut plotted, mut other) = (Vec::new(), Vec::new());
        for (row, v) in rows.into_iter().zip(&ind.values) {
            if v.measure == main {
                plotted.push(row);
            } else {
                other.push(row);
            }
        }
        (plotted, other)
    }

    fn embed_page(&self, lang: &Language, ind: &Indicator, svg: &str) -> Result<String, Diagnostic> {
        let mut ctx = self.base(lang, Page::Embed(&ind.id));
        let mut plans: Vec<String> = Vec::new();
        for v in &ind.values {
            let t = self.plan_title(lang, &v.plan);
            if !plans.contains(&t) {
                plans.push(t);
            }
        }
        let name = self.shown(lang, &ind.name);
        ctx.insert("page_title", &name.text);
        ctx.insert("name", &name);
        ctx.insert("chart", svg);
        ctx.insert("sources", &plans);
        ctx.insert(
            "page_url",
            &absolute(&self.site.config.base_url, &Page::Indicator(&ind.id).dir(&lang.code)),
        );
        self.templates.render("embed.html", &ctx)
    }

    pub(super) fn lang_index(&self, lang: &Language) -> usize {
        self.site
            .config
            .languages
            .iter()
            .position(|l| l.code == lang.code)
            .unwrap_or(0)
    }

    /// `#q-…` where the value is anchored in the plan page of language `li`, else its section.
    pub(super) fn fragment(&self, usage: &Usage, li: usize, i: usize, j: usize) -> String {
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

    /// The chart's bars: the values of the indicator's chart measure, each labelled with its
    /// plan, year, kind and (where the sheet gives one) scope.
    fn bars(&self, lang: &Language, ind: &Indicator) -> Vec<Bar> {
        let main = ind.chart_measure();
        ind.values
            .iter()
            .filter(|v| v.measure == main)
            .map(|v: &Value| Bar {
                label: format!(
                    "{} · {} {}{}",
                    self.plan_short(lang, &v.plan),
                    self.value_year(lang, v),
                    self.value_kind(lang, v),
                    if v.scope.is_empty() {
                        String::new()
                    } else {
                        format!(" · {}", self.text(lang, &v.scope))
                    }
                ),
                value_label: self.text(lang, &v.text).to_string(),
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
        let measure = ind
            .chart_measure()
            .map_or_else(String::new, |m| format!(" ({})", self.measure_label(lang, m)));
        let svg = chart::render(
            &bars,
            &format!(
                "{} · {}{measure}",
                self.shown(lang, &ind.name).text,
                self.s(lang, "indicator.chart")
            ),
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
                &format!(
                    "{}{}",
                    Page::Plan(&v.plan).dir(&lang.code),
                    self.fragment(usage, li, i, j)
                ),
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
}
