//! Progress as pages show it: each target's status with the observation it rests on, the
//! progress pages (every target, in three server-rendered orderings), a plan's "targets at a
//! glance" counts, and the per-plan progress blocks of an indicator page.
//!
//! Statuses are computed once ([`crate::tracking::Progress`]); this module only words them.

use super::plan::CategoryGroup;
use super::text::Shown;
use super::{Ctx, Usage};
use crate::content::{Category, Language};
use crate::diagnostics::Diagnostic;
use crate::render::escape::escape;
use crate::routes::{Order, Page, relative};
use crate::tracking::{Seen, Source, Status, TargetProgress};
use serde::Serialize;

/// One target as a row of the progress page, the plan page and the indicator page.
#[derive(Serialize)]
pub(super) struct TargetRow {
    /// The status key (`met`, `no-data`, …): open data's and CSS's word for it.
    pub status: &'static str,
    /// The status as readers see it ("met (achieved early)").
    pub status_label: String,
    pub plan: String,
    pub plan_title: String,
    pub plan_href: String,
    pub indicator_name: Shown,
    /// The target's row on its indicator page.
    pub indicator_href: String,
    /// The target's place in the plan text.
    pub source_href: String,
    #[serde(skip)]
    pub category: Category,
    pub target: Shown,
    /// "Target for 2025: " before the target's text.
    pub target_label: String,
    /// The observation the status rests on, as a sentence part: "22 µg/m³ (2020, stated in the plan)".
    pub latest: Option<String>,
    /// For on/off track: the first figure of the straight path, in the same words.
    pub start: Option<String>,
    /// For on/off track: where the straight path stands in the latest observation's year.
    pub path: Option<String>,
    /// The change per year still needed to reach the target by its year.
    pub needed: Option<String>,
}

/// Counts by status, for a plan's glance block and the progress page's table.
#[derive(Serialize)]
pub(super) struct StatusCount {
    pub status: &'static str,
    pub label: String,
    pub count: usize,
    /// Where the targets of this count are listed.
    pub href: String,
}

/// A plan's targets for one indicator, on the indicator page.
#[derive(Serialize)]
pub(super) struct PlanProgress {
    pub plan: String,
    pub plan_title: String,
    pub plan_href: String,
    pub targets: Vec<TargetRow>,
    /// The plan's progress chart (inline SVG), empty without a numeric target to draw.
    pub chart: String,
    pub chart_caption: String,
}

/// A group of rows on a progress page, with the id the glance blocks link to.
///
/// The rows are written here, not in the template: a progress page has a row per target of the
/// site, and Tera took about 60,000 instructions a row (a fifth of the seed build for six pages).
#[derive(Serialize)]
struct Group {
    id: String,
    label: String,
    /// Its heading level: 3, or 4 under a plan's heading.
    level: u8,
    count: usize,
    /// The table rows (`<tr>…</tr>`), escaped.
    rows: String,
}

impl Ctx<'_> {
    /// The status of `t` in `lang`, with "achieved early" where it applies.
    pub(super) fn status_label(&self, lang: &Language, t: &TargetProgress) -> String {
        let key = match (t.status(), t.assessment.early) {
            (Status::Met, true) => "status.met-early",
            (s, _) => return self.s(lang, &format!("status.{}", s.key())),
        };
        self.s(lang, key)
    }

    /// "Statuses as of …": the date set in site.yaml, or the newest date of the sources.
    pub(super) fn as_of_line(&self, lang: &Language) -> String {
        let key = if self.site.config.as_of.is_some() {
            "progress.as_of_config"
        } else {
            "progress.as_of"
        };
        let date = self.format_date(lang, &self.progress.as_of);
        self.s(lang, key).replace("{date}", &date)
    }

    /// Target `t` as a row on the page in folder `here`.
    pub(super) fn target_row(&self, lang: &Language, here: &str, t: &TargetProgress, usage: &Usage) -> TargetRow {
        let (i, j) = (t.indicator, t.value);
        let ind = &self.site.indicators[i];
        let v = &ind.values[j];
        let code = lang.code.as_str();
        let li = self.lang_index(lang);
        let plan_href = relative(here, &Page::Plan(&v.plan).dir(code));
        let unit = self.text(lang, &ind.unit);
        TargetRow {
            status: t.status().key(),
            status_label: self.status_label(lang, t),
            plan: v.plan.clone(),
            plan_title: self.plan_short(lang, &v.plan),
            source_href: format!("{plan_href}{}", self.fragment(usage, li, i, j)),
            plan_href,
            indicator_name: self.shown(lang, &ind.name),
            indicator_href: format!(
                "{}#{}",
                relative(here, &Page::Indicator(&ind.id).dir(code)),
                usage.row_id(self.site, i, j)
            ),
            category: ind.category,
            target: self.shown(lang, &v.text),
            target_label: self
                .s(lang, "progress.target_in")
                .replace("{year}", &self.value_year(lang, v)),
            latest: t.used().last().map(|s| self.observation(lang, i, s)),
            start: (t.assessment.used.len() > 1)
                .then(|| t.used().next().map(|s| self.observation(lang, i, s)))
                .flatten(),
            path: t.assessment.path_value.map(|p| format_number(p, false, unit)),
            needed: t.assessment.yearly_change_needed.map(|c| {
                self.s(lang, "progress.per_year")
                    .replace("{change}", &format_number(c, true, unit))
            }),
        }
    }

    /// An observation in words: its value, year and where it comes from.
    pub(super) fn observation(&self, lang: &Language, i: usize, s: &Seen) -> String {
        let ind = &self.site.indicators[i];
        let (value, source) = match s.source {
            Source::Plan(k) => {
                let v = &ind.values[k];
                let source = self
                    .s(lang, "progress.source_plan")
                    .replace("{kind}", &self.value_kind(lang, v));
                (self.text(lang, &v.text).to_string(), source)
            }
            Source::Monitoring(r) => {
                let o = &self.site.monitoring[r];
                let default = &self.site.default_language().code;
                let who = (o.source.get(&lang.code).filter(|s| !s.is_empty()))
                    .or_else(|| o.source.get(default))
                    .cloned()
                    .unwrap_or_default();
                let source = (self.s(lang, "progress.source_monitoring"))
                    .replace("{source}", &who)
                    .replace("{date}", &self.format_date(lang, &o.published));
                (
                    format!("{}{}", o.value_text, unit_suffix(self.text(lang, &ind.unit))),
                    source,
                )
            }
        };
        (self.s(lang, "progress.observation"))
            .replace("{value}", &value)
            .replace("{year}", &self.year_label(lang, crate::content::Year::Year(s.year)))
            .replace("{source}", &source)
    }

    /// Counts of `targets` by status, each linking to `href(status key)`; statuses with no
    /// target are left out.
    pub(super) fn status_counts<'a>(
        &self,
        lang: &Language,
        targets: impl IntoIterator<Item = &'a TargetProgress> + Clone,
        href: impl Fn(&str) -> String,
    ) -> Vec<StatusCount> {
        let counts = crate::tracking::Progress::counts(targets.clone());
        let early = targets.into_iter().filter(|t| t.assessment.early).count();
        let mut out = Vec::new();
        for s in Status::ALL {
            let count = counts[s as usize];
            if count == 0 {
                continue;
            }
            let mut label = self.s(lang, &format!("status.{}", s.key()));
            if s == Status::Met && early > 0 {
                label = self
                    .s(lang, "progress.met_count")
                    .replace("{early}", &early.to_string());
            }
            out.push(StatusCount {
                status: s.key(),
                label,
                count,
                href: href(s.key()),
            });
        }
        out
    }

    /// A plan's "targets at a glance": counts by status, linked to its list on the progress page.
    pub(super) fn glance(&self, lang: &Language, plan: &str) -> Vec<StatusCount> {
        let here = Page::Plan(plan).dir(&lang.code);
        let list = relative(&here, &Page::Progress(Order::Plan).dir(&lang.code));
        let targets = self.progress.of_plan(plan);
        self.status_counts(lang, targets, |s| format!("{list}#{}", group_id(plan, s)))
    }

    /// Indicator `i`'s targets per plan, in sheet order, for its page.
    pub(super) fn indicator_progress(&self, lang: &Language, i: usize, usage: &Usage) -> Vec<PlanProgress> {
        let here = Page::Indicator(&self.site.indicators[i].id).dir(&lang.code);
        let mut out: Vec<PlanProgress> = Vec::new();
        for t in self.progress.of_indicator(i) {
            let row = self.target_row(lang, &here, t, usage);
            match out.iter_mut().find(|p| p.plan == row.plan) {
                Some(p) => p.targets.push(row),
                None => out.push(PlanProgress {
                    plan: row.plan.clone(),
                    plan_title: row.plan_title.clone(),
                    plan_href: row.plan_href.clone(),
                    targets: vec![row],
                    chart: String::new(),
                    chart_caption: String::new(),
                }),
            }
        }
        self.trend_charts(lang, i, &mut out);
        out
    }

    /// The progress page in `order`.
    pub(super) fn progress_page(&self, lang: &Language, order: Order, usage: &Usage) -> Result<String, Diagnostic> {
        let code = lang.code.as_str();
        let page = Page::Progress(order);
        let here = page.dir(code);
        let rows = (self.progress.targets.iter()).map(|t| (t, self.target_row(lang, &here, t, usage)));
        let flat = |items| {
            vec![CategoryGroup {
                key: String::new(),
                label: String::new(),
                items,
            }]
        };
        let sections = match order {
            Order::Status => flat(group(
                rows,
                |t, _| t.status() as usize,
                |k| {
                    let s = Status::ALL[k];
                    (s.key().to_string(), self.s(lang, &format!("status.{}", s.key())))
                },
                |r| self.row_html(lang, r, true),
            )),
            Order::Category => flat(group(
                rows,
                |_, r| r.category.index(),
                |k| {
                    let c = Category::ALL[k];
                    (c.key().to_string(), self.category_label(lang, c))
                },
                |r| self.row_html(lang, r, true),
            )),
            Order::Plan => self.plan_groups(lang, &here, usage),
        };
        let orders: Vec<(String, String, bool)> = Order::ALL
            .iter()
            .map(|&o| {
                let href = relative(&here, &Page::Progress(o).dir(code));
                (href, self.s(lang, &format!("progress.by.{}", o.key())), o == order)
            })
            .collect();
        let by_status = relative(&here, &Page::Progress(Order::Status).dir(code));
        let mut ctx = self.base(lang, page);
        ctx.insert("page_title", &self.s(lang, "progress.title"));
        ctx.insert("description", &self.s(lang, "progress.intro"));
        ctx.insert("as_of", &self.as_of_line(lang));
        ctx.insert("orders", &orders);
        ctx.insert("order", order.key());
        ctx.insert("sections", &sections);
        let (status_keys, by_category) = self.category_counts(lang);
        ctx.insert("status_keys", &status_keys);
        ctx.insert("by_category", &by_category);
        ctx.insert("total", &self.progress.targets.len());
        ctx.insert(
            "counts",
            &self.status_counts(lang, &self.progress.targets, |s| format!("{by_status}#{s}")),
        );
        self.templates.render("progress.html", &ctx)
    }

    /// Per plan (in site order), its targets grouped by status: the lists a plan's glance links to.
    fn plan_groups(&self, lang: &Language, here: &str, usage: &Usage) -> Vec<CategoryGroup<Group>> {
        let mut out = Vec::new();
        for plan in &self.site.plans {
            let rows = (self.progress.of_plan(&plan.id)).map(|t| (t, self.target_row(lang, here, t, usage)));
            let mut groups = group(
                rows,
                |t, _| t.status() as usize,
                |k| {
                    let s = Status::ALL[k];
                    (
                        group_id(&plan.id, s.key()),
                        self.s(lang, &format!("status.{}", s.key())),
                    )
                },
                |r| self.row_html(lang, r, false),
            );
            groups.iter_mut().for_each(|g| g.level = 4);
            if !groups.is_empty() {
                out.push(CategoryGroup {
                    key: format!("plan-{}", plan.id),
                    label: self.plan_short(lang, &plan.id),
                    items: groups,
                });
            }
        }
        out
    }

    /// The statuses some target has, and per category its label, its count for each of them
    /// and its total (empty columns would only crowd a phone's screen).
    fn category_counts(&self, lang: &Language) -> (Vec<&'static str>, Vec<CategoryCounts>) {
        let all = crate::tracking::Progress::counts(&self.progress.targets);
        let shown: Vec<usize> = (0..Status::ALL.len()).filter(|&k| all[k] > 0).collect();
        let rows = Category::ALL
            .iter()
            .filter_map(|&c| {
                let targets =
                    (self.progress.targets.iter()).filter(|t| self.site.indicators[t.indicator].category == c);
                let counts = crate::tracking::Progress::counts(targets);
                let total: usize = counts.iter().sum();
                (total > 0).then(|| {
                    (
                        self.category_label(lang, c),
                        shown.iter().map(|&k| counts[k]).collect(),
                        total,
                    )
                })
            })
            .collect();
        (shown.iter().map(|&k| Status::ALL[k].key()).collect(), rows)
    }
}

impl Ctx<'_> {
    /// One row of a progress page's table; `with_plan` adds the plan's cell first.
    fn row_html(&self, lang: &Language, r: &TargetRow, with_plan: bool) -> String {
        let mut out = String::with_capacity(600);
        out.push_str("<tr>");
        if with_plan {
            out.push_str(&format!(
                "<td><a href=\"{}\">{}</a></td>",
                escape(&r.plan_href),
                escape(&r.plan_title)
            ));
        }
        out.push_str(&format!(
            "<td><a href=\"{}\">{}</a></td><td>{}{} <a class=\"source-link\" href=\"{}\">{}</a></td>",
            escape(&r.indicator_href),
            shown_html(&r.indicator_name),
            escape(&r.target_label),
            shown_html(&r.target),
            escape(&r.source_href),
            escape(&self.s(lang, "indicator.in_text")),
        ));
        let none = "<span class=\"muted\">–</span>";
        let latest = r.latest.as_deref().map_or(none.to_string(), escape);
        out.push_str(&format!(
            "<td>{latest}</td><td><span class=\"st st-{}\">{}</span>",
            r.status,
            escape(&r.status_label)
        ));
        if let Some(path) = &r.path {
            let label = self.s(lang, "progress.path");
            out.push_str(&format!(
                "<br><span class=\"muted\">{}{}</span>",
                escape(&label),
                escape(path)
            ));
        }
        let needed = r.needed.as_deref().map_or(none.to_string(), escape);
        out.push_str(&format!("</td><td>{needed}</td></tr>\n"));
        out
    }
}

/// A text in a page, marked with its language where it stands in for a missing translation.
fn shown_html(t: &Shown) -> String {
    match &t.locale {
        Some(locale) => format!("<span lang=\"{}\">{}</span>", escape(locale), escape(&t.text)),
        None => escape(&t.text),
    }
}

/// A category's label, its count per shown status, and its total.
type CategoryCounts = (String, Vec<usize>, usize);

/// The id of a plan's list of targets with one status on the by-plan page.
fn group_id(plan: &str, status: &str) -> String {
    format!("{plan}-{status}")
}

/// For the by-status and by-category pages: rows grouped by `key` (an index into the
/// grouping's `ALL`), groups in that order, each named by `name(key)` as (id, label).
fn group<'a>(
    rows: impl Iterator<Item = (&'a TargetProgress, TargetRow)>,
    key: impl Fn(&TargetProgress, &TargetRow) -> usize,
    name: impl Fn(usize) -> (String, String),
    html: impl Fn(&TargetRow) -> String,
) -> Vec<Group> {
    let mut keyed: Vec<(usize, TargetRow)> = rows.map(|(t, r)| (key(t, &r), r)).collect();
    // Stable: within a group, rows keep sheet order.
    keyed.sort_by_key(|(k, _)| *k);
    let mut out: Vec<(usize, Group)> = Vec::new();
    for (k, row) in keyed {
        match out.last_mut() {
            Some((last, g)) if *last == k => {
                g.rows.push_str(&html(&row));
                g.count += 1;
            }
            _ => {
                let (id, label) = name(k);
                out.push((
                    k,
                    Group {
                        id,
                        label,
                        level: 3,
                        count: 1,
                        rows: html(&row),
                    },
                ));
            }
        }
    }
    out.into_iter().map(|(_, g)| g).collect()
}

/// ` µg/m³` after a bare number; `%` and Chinese units (个, 万元) follow it directly.
fn unit_suffix(unit: &str) -> String {
    use unicode_width::UnicodeWidthChar;
    match unit.chars().next() {
        None => String::new(),
        Some('%' | '‰') => unit.to_string(),
        Some(c) if c.width() == Some(2) => unit.to_string(),
        Some(_) => format!(" {unit}"),
    }
}

/// A derived number for reading, not for reuse (open data has the exact one): at most two
/// decimals, `+` before a rise when `signed`, and the unit.
fn format_number(x: f64, signed: bool, unit: &str) -> String {
    let mut s = format!("{x:.2}");
    if s.contains('.') {
        s = s.trim_end_matches('0').trim_end_matches('.').to_string();
    }
    if s == "-0" {
        s = "0".into();
    }
    if signed && x > 0.0 && s != "0" {
        s.insert(0, '+');
    }
    format!("{s}{}", unit_suffix(unit))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn derived_numbers_read_plainly() {
        assert_eq!(format_number(29.8, true, "家"), "+29.8家");
        assert_eq!(format_number(-0.6666, true, "%"), "-0.67%");
        assert_eq!(format_number(3.0, false, "µg/m³"), "3 µg/m³");
        assert_eq!(format_number(-0.001, true, ""), "0");
        assert_eq!(format_number(0.0, true, "t"), "0 t");
    }

    #[test]
    fn units_follow_numbers_as_written() {
        assert_eq!(unit_suffix("%"), "%");
        assert_eq!(unit_suffix("万元"), "万元");
        assert_eq!(unit_suffix("km"), " km");
        assert_eq!(unit_suffix("µg/m³"), " µg/m³");
        assert_eq!(unit_suffix(""), "");
    }
}
