//! Page contexts: what each template sees. One function per page type.

mod glossary;
mod indicators;
mod plan;
mod search;

use super::Sink;
use super::annotate::{Found, Terms};
use super::ids::Reserved;
use super::markdown::Heading;
use super::templates::Templates;
use super::urls::{absolute, base_path, root_prefix};
use crate::content::{FrontMatter, Language, Plan, Site};
use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::load::theme::{Strings, Theme};
use crate::memo::{self, Memo};
pub(crate) use plan::PlanOutcome;
use rayon::prelude::*;
use serde::Serialize;
use std::collections::HashMap;
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
struct PlanCard {
    id: String,
    href: String,
    title: String,
    short_title: String,
    issuer: String,
    doc_number: Option<String>,
    issued: String,
    issued_iso: String,
    published_iso: Option<String>,
    period: String,
    region: String,
    kind: String,
    summary: String,
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
}

pub fn render_all(
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
    };
    add_page(out, diags, "index.html".into(), cx.chooser());
    add_page(out, diags, "404.html".into(), cx.not_found());
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
    problems.extend(cx.unfound_quotes(&usage));
    if !diags.has_errors() && !problems.iter().any(Diagnostic::is_error) {
        out.checkpoint();
    }
    for (i, lang) in site.config.languages.iter().enumerate() {
        add_page(out, diags, format!("{}/index.html", lang.code), cx.home(lang));
        add_page(out, diags, format!("{}/atom.xml", lang.code), cx.feed(lang));
        if site.config.search {
            add_page(
                out,
                diags,
                format!("{}/search/index.html", lang.code),
                cx.search_page(lang),
            );
        }
        problems.extend(cx.indicator_pages(lang, &usage, out));
        if !site.glossary.is_empty() {
            add_page(
                out,
                diags,
                format!("{}/glossary/index.html", lang.code),
                cx.glossary_page(lang, i, &usage),
            );
        }
    }
    add_page(out, diags, "sitemap.xml".into(), cx.sitemap());
    add_page(out, diags, "robots.txt".into(), cx.robots());
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
type Page = (String, Result<String, Diagnostic>);

/// Hands a rendered page to `out`, or its problem to `diags`.
fn add_page(out: &dyn Sink, diags: &mut Diagnostics, path: String, page: Result<String, Diagnostic>) {
    diags.extend(emit(out, (path, page)));
}

/// Hands a rendered page to `out`, or returns its problem.
fn emit(out: &dyn Sink, (path, page): Page) -> Option<Diagnostic> {
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
pub struct TermUse {
    pub plan: Arc<str>,
    pub count: u32,
    pub linked: bool,
}

/// What rendering the plan pages found out, for the indicator and glossary pages.
pub struct Usage {
    /// Per language index, per indicator, per value: where the plan page anchors it
    /// (the quote in the default language, the figure in the others).
    pub anchors: Vec<Vec<Vec<Found>>>,
    /// Per indicator, per value: its number among the plan's values of that indicator (1-based).
    pub ordinals: Vec<Vec<usize>>,
    /// Per language index, per term: the plans that use it.
    pub terms: Vec<Vec<Vec<TermUse>>>,
    /// Per language index: plan id → heading id → heading text, for the sections that hold a
    /// quote (citations name them).
    pub headings: Vec<HashMap<String, HashMap<String, String>>>,
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
            headings: vec![HashMap::new(); site.config.languages.len()],
            ordinals,
            terms: vec![vec![Vec::new(); site.glossary.len()]; site.config.languages.len()],
        }
    }

    /// Takes in what one plan's pages found.
    fn record(&mut self, values_by_plan: &HashMap<String, Vec<(usize, usize)>>, outcome: &plan::PlanOutcome) {
        let values = values_by_plan.get(&outcome.plan).map(Vec::as_slice).unwrap_or(&[]);
        let plan: Arc<str> = outcome.plan.as_str().into();
        for (li, findings) in outcome.languages.iter().enumerate() {
            self.headings[li].insert(outcome.plan.clone(), findings.headings.clone());
            for (&(i, j), f) in values.iter().zip(&findings.found) {
                if f.is_some() {
                    self.anchors[li][i][j] = f.clone();
                }
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
    pub fn anchor_id(&self, site: &Site, i: usize, j: usize) -> String {
        format!("q-{}-{}", site.indicators[i].id, self.ordinals[i][j])
    }

    /// `v-<plan>-<n>`: the id of a value's row on its indicator page.
    pub fn row_id(&self, site: &Site, i: usize, j: usize) -> String {
        format!("v-{}-{}", site.indicators[i].values[j].plan, self.ordinals[i][j])
    }
}

impl Ctx<'_> {
    fn strings(&self, lang: &Language) -> Option<&Strings> {
        self.theme.strings.get(&lang.locale)
    }

    fn s(&self, lang: &Language, key: &str) -> String {
        self.strings(lang).and_then(|s| s.get(key)).cloned().unwrap_or_default()
    }

    fn info(lang: &Language) -> LangInfo {
        LangInfo {
            code: lang.code.clone(),
            locale: lang.locale.clone(),
            title: lang.title.clone(),
            description: lang.description.clone(),
        }
    }

    /// Context shared by every page: `page_dir` is the page's folder, e.g. `zh/plans/x/`.
    fn base(&self, lang: &Language, page_dir: &str, same_page_in: impl Fn(&Language) -> String) -> Context {
        self.base_at(lang, page_dir, root_prefix(page_dir), same_page_in)
    }

    /// [`Self::base`] with links starting from `root` (relative, or the base path for 404.html).
    fn base_at(
        &self,
        lang: &Language,
        page_dir: &str,
        root: String,
        same_page_in: impl Fn(&Language) -> String,
    ) -> Context {
        let base_url = &self.site.config.base_url;
        let mut ctx = Context::new();
        ctx.insert("lang", &Self::info(lang));
        ctx.insert("locale", &lang.locale);
        ctx.insert("root", &root);
        ctx.insert("page_dir", page_dir);
        ctx.insert("canonical", &absolute(base_url, page_dir));
        ctx.insert("base_url", base_url);
        ctx.insert("page_title", &lang.title);
        ctx.insert("description", &lang.description);
        ctx.insert("search", &self.site.config.search);
        let alternates: Vec<Alternate> = self
            .site
            .config
            .languages
            .iter()
            .map(|l| {
                let dir = same_page_in(l);
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
        ctx.insert(
            "languages",
            &self.site.config.languages.iter().map(Self::info).collect::<Vec<_>>(),
        );
        ctx
    }

    fn chooser(&self) -> Result<String, Diagnostic> {
        let lang = self.site.default_language();
        let mut ctx = self.base(lang, "", |l| format!("{}/", l.code));
        ctx.insert("x_default", &absolute(&self.site.config.base_url, ""));
        let sites: Vec<_> = self
            .site
            .config
            .languages
            .iter()
            .map(|l| (Self::info(l), self.s(l, "chooser.enter")))
            .collect();
        ctx.insert("sites", &sites);
        self.templates.render("chooser.html", &ctx)
    }

    fn not_found(&self) -> Result<String, Diagnostic> {
        let lang = self.site.default_language();
        // A server shows 404.html at any address: links (the language switch too) must not be relative.
        let root = base_path(&self.site.config.base_url);
        let mut ctx = self.base_at(lang, "", root, |l| format!("{}/", l.code));
        let messages: Vec<_> = self
            .site
            .config
            .languages
            .iter()
            .map(|l| {
                (
                    Self::info(l),
                    self.s(l, "not_found.title"),
                    self.s(l, "not_found.text"),
                    self.s(l, "nav.home"),
                )
            })
            .collect();
        ctx.insert("messages", &messages);
        self.templates.render("404.html", &ctx)
    }

    fn cards(&self, lang: &Language) -> Vec<PlanCard> {
        let mut cards: Vec<PlanCard> = self.site.plans.iter().filter_map(|p| self.card(lang, p)).collect();
        cards.sort_by(|a, b| b.issued_iso.cmp(&a.issued_iso).then_with(|| a.id.cmp(&b.id)));
        cards
    }

    fn card(&self, lang: &Language, plan: &Plan) -> Option<PlanCard> {
        let doc = plan.doc(lang).or_else(|| plan.doc(self.site.default_language()))?;
        let f: &FrontMatter = &doc.front;
        let dir = format!("{}/plans/{}/", lang.code, plan.id);
        Some(PlanCard {
            id: plan.id.clone(),
            href: format!("plans/{}/", plan.id),
            title: f.title.clone(),
            short_title: f.short_title.clone(),
            issuer: f.issuer.clone(),
            doc_number: f.doc_number.clone(),
            issued: self.format_date(lang, &f.issued),
            issued_iso: f.issued.clone(),
            published_iso: f.published.clone(),
            period: f.period.replace('-', "–"),
            region: f.region.clone(),
            kind: self.s(lang, &format!("kind.{}", f.kind.key())),
            summary: f.summary.clone(),
            url: absolute(&self.site.config.base_url, &dir),
        })
    }

    /// `2021-12-24` → `2021年12月24日` / `24 December 2021`, by the theme's `date.format`.
    fn format_date(&self, lang: &Language, iso: &str) -> String {
        let Some(date) = crate::load::parse_date(iso) else {
            return iso.to_string();
        };
        let months = self.s(lang, "date.months");
        let month_name = months
            .split_whitespace()
            .nth(usize::from(u8::from(date.month())) - 1)
            .unwrap_or("");
        self.s(lang, "date.format")
            .replace("{year}", &date.year().to_string())
            .replace("{month}", &u8::from(date.month()).to_string())
            .replace("{month_name}", month_name)
            .replace("{day}", &date.day().to_string())
    }

    fn home(&self, lang: &Language) -> Result<String, Diagnostic> {
        let mut ctx = self.base(lang, &format!("{}/", lang.code), |l| format!("{}/", l.code));
        ctx.insert("plans", &self.cards(lang));
        ctx.insert("page_title", &lang.title);
        ctx.insert("description", &lang.description);
        self.templates.render("home.html", &ctx)
    }

    fn feed(&self, lang: &Language) -> Result<String, Diagnostic> {
        let mut ctx = self.base(lang, &format!("{}/", lang.code), |l| format!("{}/", l.code));
        let cards = self.cards(lang);
        let updated = cards
            .iter()
            .map(|c| c.published_iso.clone().unwrap_or(c.issued_iso.clone()))
            .max()
            .unwrap_or_else(|| "2000-01-01".into());
        ctx.insert("updated", &updated);
        ctx.insert("plans", &cards);
        self.templates.render("atom.xml", &ctx)
    }

    fn sitemap(&self) -> Result<String, Diagnostic> {
        // Page folders with `{lang}` standing for each language's code.
        let mut dirs = vec!["{lang}/".to_string()];
        dirs.extend(self.site.plans.iter().map(|p| format!("{{lang}}/plans/{}/", p.id)));
        if !self.site.indicators.is_empty() {
            dirs.push("{lang}/indicators/".into());
            dirs.extend(
                self.site
                    .indicators
                    .iter()
                    .map(|i| format!("{{lang}}/indicators/{}/", i.id)),
            );
        }
        if !self.site.glossary.is_empty() {
            dirs.push("{lang}/glossary/".into());
        }
        #[derive(Serialize)]
        struct Entry {
            loc: String,
            alternates: Vec<(String, String)>,
        }
        let base = &self.site.config.base_url;
        let mut entries = vec![Entry {
            loc: base.clone(),
            alternates: vec![],
        }];
        for dir in &dirs {
            let alternates: Vec<(String, String)> = self
                .site
                .config
                .languages
                .iter()
                .map(|l| (l.locale.clone(), absolute(base, &dir.replace("{lang}", &l.code))))
                .chain(std::iter::once((
                    "x-default".to_string(),
                    absolute(base, &dir.replace("{lang}", &self.site.default_language().code)),
                )))
                .collect();
            for lang in &self.site.config.languages {
                entries.push(Entry {
                    loc: absolute(base, &dir.replace("{lang}", &lang.code)),
                    alternates: alternates.clone(),
                });
            }
        }
        let mut ctx = Context::new();
        ctx.insert("entries", &entries);
        self.templates.render("sitemap.xml", &ctx)
    }

    fn robots(&self) -> Result<String, Diagnostic> {
        let mut ctx = Context::new();
        ctx.insert("sitemap", &absolute(&self.site.config.base_url, "sitemap.xml"));
        self.templates.render("robots.txt", &ctx)
    }
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
