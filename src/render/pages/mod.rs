//! Page contexts: what each template sees. One function per page type.

mod agencies;
mod alignment;
mod changes;
mod datapackage;
mod dataset;
mod dcat;
mod glossary;
mod indicators;
mod labels;
mod open_data;
mod plan;
mod progress;
mod quotes;
mod search;
mod site;
mod staleness;
mod term_use;
mod text;
mod trends;

use super::Sink;
use super::annotate::{Found, Quoted, Terms};
use super::ids::Reserved;
use super::markdown::Heading;
use super::templates::Templates;
use crate::content::{FrozenSection, Language, Plan, Site};
use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::load::theme::Theme;
use crate::memo;
use crate::render::Memo;
use crate::routes::{self, Format, Page, absolute, root_prefix};
use crate::tracking::Progress;
pub use plan::PlanOutcome;
use rayon::prelude::*;
use serde::Serialize;
use std::collections::{BTreeMap, HashMap};
use std::sync::Arc;
use tera::Context;

#[derive(Serialize, Clone)]
struct LangInfo {
    code: String,
    locale: String,
    title: String,
    description: String,
}

#[derive(Serialize)]
struct Alternate {
    code: String,
    locale: String,
    title: String,
    href: String,
    url: String,
}

#[derive(Serialize)]
struct TocEntry {
    id: String,
    text: String,
    children: Vec<TocEntry>,
}

struct Ctx<'a> {
    site: &'a Site,
    theme: &'a Theme,
    templates: &'a Templates,
    reserved: &'a Reserved,
    values_by_plan: HashMap<String, Vec<(usize, usize)>>,
    /// Every target's status, computed once: pages and open data show the same.
    progress: Progress,
    shared: Shared,
}

/// What every page of a language shows alike, made once per build (template values share
/// their maps when cloned): per language `lang` and `links` (paths from the site root, which
/// templates put after `root`), and the list of `languages`.
struct Shared {
    labels: Vec<labels::RowLabels>,
    lang: Vec<tera::Value>,
    links: Vec<tera::Value>,
    languages: tera::Value,
}

impl Shared {
    fn new(site: &Site, theme: &Theme) -> Self {
        let langs = &site.config.languages;
        Shared {
            labels: (langs.iter())
                .map(|l| labels::RowLabels::new(|key| ui_string(theme, l, key)))
                .collect(),
            lang: langs
                .iter()
                .map(|l| tera::Value::from_serializable(&Ctx::info(l)))
                .collect(),
            links: langs
                .iter()
                .map(|l| tera::Value::from_serializable(&Links::of(site, l)))
                .collect(),
            languages: tera::Value::from_serializable(&langs.iter().map(Ctx::info).collect::<Vec<_>>()),
        }
    }
}

pub(super) fn render_all(
    site: &Site,
    theme: &Theme,
    templates: &Templates,
    reserved: &Reserved,
    memo: Option<&Memo>,
    out: &dyn Sink,
    diags: &mut Diagnostics,
) {
    let cx = Ctx {
        site,
        theme,
        templates,
        reserved,
        values_by_plan: values_by_plan(site),
        progress: Progress::of(site),
        shared: Shared::new(site, theme),
    };
    let terms: Vec<Terms> = site.config.languages.iter().map(|l| cx.terms(l)).collect();
    let mut usage = Usage::new(site);
    let mut problems = Vec::new();
    let plans: Vec<&Plan> = site
        .plans
        .iter()
        .filter(|p| !p.broken && p.doc(site.default_language()).is_some())
        .collect();
    // Pages leave as soon as they are rendered; only what they found is kept.
    let outcomes: Vec<Arc<PlanOutcome>> = plans
        .par_iter()
        .map(|p| cx.plan(p, &terms, &usage, memo, out))
        .collect();
    // Each outcome is freed once recorded (unless a memo keeps it): `usage` has what it found.
    for outcome in outcomes {
        usage.record(&cx.values_by_plan, &outcome);
        problems.extend(outcome.problems.iter().cloned());
    }
    problems.extend(quotes::check(site, &usage));
    if !diags.has_errors() && !problems.iter().any(Diagnostic::is_error) {
        out.checkpoint();
    }
    // What changed in each release: nothing to do (not even the live records) without releases.
    let live = cx.live_values(&usage);
    let steps = cx.steps(&live, &usage);
    let pages = routes::language_pages(site);
    for (li, lang) in site.config.languages.iter().enumerate() {
        for &page in &pages {
            let rendered = match page {
                Page::Home => cx.home(lang),
                Page::Feed => cx.feed(lang),
                Page::Search => cx.search_page(lang),
                Page::Indicators => cx.indicator_index(lang),
                Page::Glossary => cx.glossary_page(lang, li, &usage),
                // In parallel, below: each lists every target of the site.
                Page::Progress(_) => continue,
                Page::Agencies => cx.agencies_page(lang, &usage),
                Page::Agency(id) => cx.agency_page(lang, id, &usage),
                Page::Changes => cx.changes_page(lang, &steps, &usage),
                // In bulk, below.
                Page::ChangesFeed | Page::PlanFeed(_) | Page::IndicatorFeed(_) => continue,
                // In bulk: the plans above (with what they found), the indicators below.
                Page::Plan(_) | Page::Indicator(_) | Page::Embed(_) | Page::Chart(_) => continue,
                Page::Chooser
                | Page::NotFound
                | Page::Sitemap
                | Page::Robots
                | Page::IndicatorsData(_)
                | Page::IndicatorData(..)
                | Page::GlossaryData
                | Page::AgenciesData(_)
                | Page::MonitoringData
                | Page::DataPackage
                | Page::ValuesSchema
                | Page::Catalog
                | Page::ReleaseFile(..) => continue,
            };
            add_page(out, diags, page.file(&lang.code), rendered);
        }
        problems.extend(cx.indicator_pages(lang, &usage, &steps, out));
        for (path, bytes) in cx.release_feeds(lang, &steps, &usage) {
            out.add(path, bytes);
        }
    }
    let progress: Vec<(routes::Order, &Language)> = (pages.iter())
        .filter_map(|p| match p {
            Page::Progress(order) => Some(*order),
            _ => None,
        })
        .flat_map(|order| site.config.languages.iter().map(move |l| (order, l)))
        .collect();
    let rendered: Vec<Made> = progress
        .par_iter()
        .map(|&(order, lang)| {
            let file = Page::Progress(order).file(&lang.code);
            (file, cx.progress_page(lang, order, &usage))
        })
        .collect();
    for made in rendered {
        diags.extend(emit(out, made));
    }
    for (page, rendered) in [
        (Page::Chooser, cx.chooser()),
        (Page::NotFound, cx.not_found()),
        (Page::Sitemap, cx.sitemap(&pages)),
        (Page::Robots, cx.robots()),
    ] {
        add_page(out, diags, page.file(""), rendered);
    }
    cx.open_data(&usage, out);
    problems.extend(cx.rare_terms(&usage));
    diags.extend(problems);
}

impl Ctx<'_> {
    /// The pages of `plan` into `out`, or the ones of the memo's last build when its inputs are
    /// unchanged; what they found.
    fn plan(
        &self,
        plan: &Plan,
        terms: &[Terms],
        usage: &Usage,
        memo: Option<&Memo>,
        out: &dyn Sink,
    ) -> Arc<PlanOutcome> {
        let (outcome, reused) = memo::reuse(
            memo,
            |m| &m.rendered,
            plan,
            || {
                let (pages, mut outcome) = self.plan_pages(plan, terms, usage);
                for page in pages {
                    outcome.paths.push(page.0.clone());
                    outcome.problems.extend(emit(out, page));
                }
                outcome
            },
        );
        if reused {
            for path in &outcome.paths {
                out.keep(path.clone());
            }
        }
        outcome
    }
}

/// A rendered page or why it failed: (output path, HTML).
type Made = (String, Result<String, Diagnostic>);

/// Hands a rendered page to `out`, or its problem to `diags`.
fn add_page(out: &dyn Sink, diags: &mut Diagnostics, path: String, page: Result<String, Diagnostic>) {
    diags.extend(emit(out, (path, page)));
}

/// Hands a rendered page to `out`, or returns its problem.
fn emit(out: &dyn Sink, (path, page): Made) -> Option<Diagnostic> {
    match page {
        Ok(text) => {
            out.add(path, text.into_bytes());
            None
        }
        Err(d) => Some(d),
    }
}

/// Per plan, the indicator values it states: (indicator index, value index), in sheet order.
fn values_by_plan(site: &Site) -> HashMap<String, Vec<(usize, usize)>> {
    let mut map: HashMap<String, Vec<(usize, usize)>> = HashMap::new();
    for (i, ind) in site.indicators.iter().enumerate() {
        for (j, v) in ind.values.iter().enumerate() {
            map.entry(v.plan.clone()).or_default().push((i, j));
        }
    }
    map
}

/// How often one plan uses a glossary term, and whether it links one of them (the first, id
/// [`first_link_id`](super::annotate::first_link_id)). There are about a million at 10,000
/// plans: the uses of one plan share its id.
#[derive(Clone)]
pub(super) struct TermUse {
    pub plan: Arc<str>,
    pub count: u32,
    pub linked: bool,
}

/// What rendering the plan pages found out, for the indicator and glossary pages.
pub(super) struct Usage {
    /// Per language index, per indicator, per value: where the plan page anchors it
    /// (the quote in the default language, the figure in the others).
    pub anchors: Vec<Vec<Vec<Found>>>,
    /// Per indicator, per value: where its quote occurs in the default-language text.
    pub quoted: Vec<Vec<Quoted>>,
    /// Per indicator, per value: its number among the plan's values of that indicator (1-based).
    pub ordinals: Vec<Vec<usize>>,
    /// Per language index, per term: the plans that use it.
    pub terms: Vec<Vec<Vec<TermUse>>>,
    /// Per language index: plan id → heading id → heading text, for the sections that hold a
    /// quote (citations name them) or a responsibility note (agency pages name them).
    pub headings: Vec<HashMap<String, HashMap<String, String>>>,
    /// The responsibility notes of the source-language texts, plans in id order.
    pub tasks: Vec<agencies::Task>,
    /// Per agency: its tasks (indexes into `tasks`), in order.
    pub agency_tasks: Vec<Vec<usize>>,
    /// Plan id → its source-language sections now (only on a site with releases).
    pub sections: BTreeMap<String, Vec<FrozenSection>>,
}

impl Usage {
    fn new(site: &Site) -> Self {
        let mut ordinals = Vec::new();
        for ind in &site.indicators {
            let mut per_plan: HashMap<&str, usize> = HashMap::new();
            ordinals.push(
                ind.values
                    .iter()
                    .map(|v| {
                        let n = per_plan.entry(v.plan.as_str()).or_default();
                        *n += 1;
                        *n
                    })
                    .collect(),
            );
        }
        Usage {
            anchors: vec![
                site.indicators.iter().map(|i| vec![None; i.values.len()]).collect();
                site.config.languages.len()
            ],
            quoted: site
                .indicators
                .iter()
                .map(|i| vec![Quoted::default(); i.values.len()])
                .collect(),
            headings: vec![HashMap::new(); site.config.languages.len()],
            ordinals,
            terms: vec![vec![Vec::new(); site.glossary.len()]; site.config.languages.len()],
            tasks: Vec::new(),
            agency_tasks: vec![Vec::new(); site.agencies.len()],
            sections: BTreeMap::new(),
        }
    }

    /// Takes in what one plan's pages found.
    fn record(&mut self, values_by_plan: &HashMap<String, Vec<(usize, usize)>>, outcome: &plan::PlanOutcome) {
        let values = values_by_plan.get(&outcome.plan).map(Vec::as_slice).unwrap_or(&[]);
        let plan: Arc<str> = outcome.plan.as_str().into();
        if let Some(source) = outcome.languages.first() {
            self.record_tasks(&plan, source);
            if !source.sections.is_empty() {
                self.sections.insert(outcome.plan.clone(), source.sections.clone());
            }
        }
        for (li, findings) in outcome.languages.iter().enumerate() {
            self.headings[li].insert(outcome.plan.clone(), findings.headings.clone());
            for (&(i, j), f) in values.iter().zip(&findings.found) {
                if f.is_some() {
                    self.anchors[li][i][j] = f.clone();
                }
            }
            for (&(i, j), q) in values.iter().zip(&findings.quoted) {
                self.quoted[i][j] = q.clone();
            }
            for &(t, count, linked) in &findings.terms {
                self.terms[li][t].push(TermUse {
                    plan: plan.clone(),
                    count,
                    linked,
                });
            }
        }
    }

    /// `q-<indicator>-<n>`: the stable id of a value's place in the plan text.
    pub(super) fn anchor_id(&self, site: &Site, i: usize, j: usize) -> String {
        format!("q-{}-{}", site.indicators[i].id, self.ordinals[i][j])
    }

    /// `v-<plan>-<n>`: the id of a value's row on its indicator page.
    pub(super) fn row_id(&self, site: &Site, i: usize, j: usize) -> String {
        format!("v-{}-{}", site.indicators[i].values[j].plan, self.ordinals[i][j])
    }
}

impl Ctx<'_> {
    fn s(&self, lang: &Language, key: &str) -> String {
        ui_string(self.theme, lang, key)
    }

    fn info(lang: &Language) -> LangInfo {
        LangInfo {
            code: lang.code.clone(),
            locale: lang.locale.clone(),
            title: lang.title.clone(),
            description: lang.description.clone(),
        }
    }

    /// Context shared by every page: `page` in `lang`, with its alternates in every language.
    fn base(&self, lang: &Language, page: Page) -> Context {
        let dir = page.dir(&lang.code);
        self.base_at(lang, &dir, root_prefix(&dir), page)
    }

    /// [`Self::base`] for the page in folder `page_dir` with links starting from `root`
    /// (relative, or the base path for 404.html) and `alternate` in each language.
    fn base_at(&self, lang: &Language, page_dir: &str, root: String, alternate: Page) -> Context {
        let base_url = &self.site.config.base_url;
        let li = self.lang_index(lang);
        let mut ctx = Context::new();
        ctx.insert_value("lang", self.shared.lang[li].clone());
        ctx.insert("locale", &lang.locale);
        ctx.insert("source_locale", &self.site.default_language().locale);
        ctx.insert("root", &root);
        ctx.insert_value("links", self.shared.links[li].clone());
        ctx.insert("page_dir", page_dir);
        ctx.insert("canonical", &absolute(base_url, page_dir));
        ctx.insert("base_url", base_url);
        ctx.insert("page_title", &lang.title);
        ctx.insert("description", &lang.description);
        ctx.insert("search", &self.site.config.search);
        // A page with a feed of its own (releases) sets these; the site feed is linked anyway.
        ctx.insert("feed_href", "");
        ctx.insert("feed_title", "");
        let alternates: Vec<Alternate> = self
            .site
            .config
            .languages
            .iter()
            .map(|l| {
                let dir = alternate.dir(&l.code);
                Alternate {
                    code: l.code.clone(),
                    locale: l.locale.clone(),
                    title: self.s(l, "lang.name"),
                    href: format!("{root}{dir}"),
                    url: absolute(base_url, &dir),
                }
            })
            .collect();
        ctx.insert("alternates", &alternates);
        ctx.insert_value("languages", self.shared.languages.clone());
        ctx
    }
}

/// The links every page has (navigation, feed, downloads) as paths from the site root: templates
/// see `links.home` and write `{{ root }}{{ links.home }}`.
#[derive(Serialize)]
struct Links {
    home: String,
    indicators: String,
    glossary: String,
    /// Empty when the sheet has no target.
    progress: String,
    /// Empty without an agency registry.
    agencies: String,
    agencies_csv: String,
    agencies_json: String,
    search: String,
    feed: String,
    sitemap: String,
    indicators_csv: String,
    indicators_json: String,
    glossary_json: String,
    monitoring_csv: String,
    /// Empty on a site without releases.
    changes: String,
}

impl Links {
    fn of(site: &Site, lang: &Language) -> Links {
        let code = lang.code.as_str();
        Links {
            home: Page::Home.dir(code),
            indicators: Page::Indicators.dir(code),
            glossary: Page::Glossary.dir(code),
            progress: if routes::has_targets(site) {
                Page::Progress(routes::Order::Status).dir(code)
            } else {
                String::new()
            },
            agencies: if site.agencies.is_empty() {
                String::new()
            } else {
                Page::Agencies.dir(code)
            },
            agencies_csv: Page::AgenciesData(Format::Csv).file(code),
            agencies_json: Page::AgenciesData(Format::Json).file(code),
            search: Page::Search.dir(code),
            feed: Page::Feed.file(code),
            sitemap: Page::Sitemap.file(code),
            indicators_csv: Page::IndicatorsData(Format::Csv).file(code),
            indicators_json: Page::IndicatorsData(Format::Json).file(code),
            glossary_json: Page::GlossaryData.file(code),
            monitoring_csv: Page::MonitoringData.file(code),
            changes: if site.releases.is_empty() {
                String::new()
            } else {
                Page::Changes.dir(code)
            },
        }
    }
}

/// The theme's UI string `key` in `lang` (empty if missing: loading the theme reported it).
fn ui_string(theme: &Theme, lang: &Language, key: &str) -> String {
    (theme.strings.get(&lang.locale))
        .and_then(|s| s.get(key))
        .cloned()
        .unwrap_or_default()
}

/// Chapters with their sections: deeper levels stay in the text, not the table of contents.
fn toc(headings: &[Heading]) -> Vec<TocEntry> {
    let top = headings.iter().map(|h| h.level).min().unwrap_or(2);
    let mut out: Vec<TocEntry> = Vec::new();
    for h in headings {
        let entry = TocEntry {
            id: h.id.clone(),
            text: h.text.clone(),
            children: Vec::new(),
        };
        if h.level == top {
            out.push(entry);
        } else if h.level == top + 1 {
            match out.last_mut() {
                Some(parent) => parent.children.push(entry),
                None => out.push(entry),
            }
        }
    }
    out
}
