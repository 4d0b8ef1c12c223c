//! Plan pages: the text with its quotes anchored and glossary terms linked, plus the
//! plan's indicator values. The default language renders first: its quote anchors tell the
//! other languages which section each figure sits in.

use super::text::Shown;
use super::{Ctx, Made, Usage, alignment, staleness, term_use, toc};
use crate::content::{FrozenSection, Language, Plan};
use crate::diagnostics::{Diagnostic, Location};
use crate::render::annotate::{Found, NoteFound, Quoted, Target, Targets, Terms};
use crate::render::markdown::{self, Labels, Options2};
use crate::routes::{Page, relative, root_prefix};
use crate::translations::SourceSection;
use serde::Serialize;
use std::collections::{HashMap, HashSet};
use std::sync::LazyLock;

/// A plan's value as its page lists it.
#[derive(Serialize)]
pub(super) struct ValueRow {
    pub indicator: String,
    pub name: Shown,
    pub href: String,
    pub kind: String,
    pub year: String,
    pub text: Shown,
    pub attribute: Option<String>,
    pub unit: Shown,
    /// `#q-…` in this page, where the text states the value.
    pub anchor: Option<String>,
}

#[derive(Serialize)]
pub(super) struct CategoryGroup<T> {
    pub key: String,
    pub label: String,
    pub items: Vec<T>,
}

/// What a plan's pages found, per language: anchors per value of the plan, (count, first
/// link) per glossary term, heading texts by id; and the pages' paths.
pub struct PlanOutcome {
    pub(crate) plan: String,
    pub(crate) paths: Vec<String>,
    pub(crate) problems: Vec<Diagnostic>,
    pub(crate) languages: Vec<Findings>,
}

/// What one language's page of a plan found.
pub(crate) struct Findings {
    /// Per value of the plan: where it is anchored.
    pub found: Vec<Found>,
    /// Per value of the plan: where its quote occurs, lines of the plan file (the default
    /// language only; empty in the others).
    pub quoted: Vec<Quoted>,
    /// Per glossary term used: (term index, occurrences, whether one is linked).
    pub terms: Vec<(usize, u32, bool)>,
    /// Heading text by id, for the sections that hold a quote or a responsibility note.
    pub headings: HashMap<String, String>,
    /// The responsibility notes, in text order.
    pub notes: Vec<NoteFound>,
    /// The source-language sections as a release freezes them, for the changes since the
    /// latest release (only on a site with releases; empty in the other languages).
    pub sections: Vec<FrozenSection>,
}

/// One rendered plan page and what it found: anchors per value, (count, first link) per
/// glossary term, heading texts by id.
struct PlanRender {
    page: Made,
    /// Its section anchors, when the page shows its own text (not the source's in its stead).
    anchors: Option<alignment::Anchors>,
    found: Vec<Found>,
    quoted: Vec<Quoted>,
    terms: Vec<(usize, u32, bool)>,
    headings: HashMap<String, String>,
    notes: Vec<NoteFound>,
    /// (section id, raw text) per heading, when gathered (see [`Sections::gather`]).
    section_texts: Vec<(String, String)>,
    /// (section id, glossary term) at each term's first use in each section.
    section_terms: Vec<(String, usize)>,
}

/// What a plan page does with its sections for translation upkeep.
#[derive(Default, Clone, Copy)]
struct Sections<'a> {
    /// Gather each section's text (the source edition of a plan with a translation record).
    gather: bool,
    /// Notices under the headings of stale sections.
    notices: Option<&'a std::collections::BTreeMap<String, String>>,
}

/// The source sections as a release freezes them, named by their headings (when `wanted`).
fn frozen(wanted: bool, sources: &[SourceSection], headings: &HashMap<String, String>) -> Vec<FrozenSection> {
    (sources.iter().filter(|_| wanted))
        .map(|s| FrozenSection {
            heading: headings.get(&s.id).cloned().unwrap_or_default(),
            id: s.id.clone(),
            fingerprint: s.fingerprint.clone(),
        })
        .collect()
}

impl Ctx<'_> {
    /// A plan page's feed (the releases that changed it), on a site with releases.
    fn feed_link(&self, ctx: &mut tera::Context, lang: &Language, title: &str) {
        if !self.site.releases.is_empty() {
            ctx.insert("feed_href", "atom.xml");
            ctx.insert("feed_title", &format!("{title} · {}", self.s(lang, "changes.feed")));
        }
    }
}

impl PlanRender {
    /// A page that could not be rendered: it found nothing.
    fn failed(path: String, err: Diagnostic) -> Self {
        PlanRender {
            page: (path, Err(err)),
            anchors: None,
            found: Vec::new(),
            quoted: Vec::new(),
            terms: Vec::new(),
            headings: HashMap::new(),
            notes: Vec::new(),
            section_texts: Vec::new(),
            section_terms: Vec::new(),
        }
    }
}

impl Ctx<'_> {
    /// The glossary matcher for pages in `lang`; links point at `{lang}/glossary/` from a plan page.
    pub(super) fn terms(&self, lang: &Language) -> Terms {
        // Plan ids are one path segment: the way to the glossary is the same from every plan.
        let entry_url = relative(&Page::Plan("x").dir(&lang.code), &Page::Glossary.dir(&lang.code));
        let source = &self.site.default_language().code;
        Terms::from_glossary(&self.site.glossary, (&lang.code, source), &entry_url, lang.script())
    }

    /// Every language's page of `plan`, default language first (its quote anchors tell the
    /// other languages where to look for each figure), and what they found (paths not yet
    /// filled in). Independent of other plans.
    pub(super) fn plan_pages(&self, plan: &Plan, terms: &[Terms], usage: &Usage) -> (Vec<Made>, PlanOutcome) {
        let values = self.values_by_plan.get(&plan.id).map(Vec::as_slice).unwrap_or(&[]);
        let mut pages = Vec::new();
        let mut outcome = PlanOutcome {
            plan: plan.id.clone(),
            paths: Vec::new(),
            problems: Vec::new(),
            languages: Vec::new(),
        };
        let mut quotes: Vec<Found> = Vec::new();
        let mut source_anchors = None;
        let mut note_sections: Vec<String> = Vec::new();
        let tracked = self.site.config.languages[1..]
            .iter()
            .any(|l| self.record(plan, l).is_some());
        // With releases, the changes page compares each section with the latest release's.
        let released = !self.site.releases.is_empty();
        let mut sources: Vec<SourceSection> = Vec::new();
        let mut source_terms = Vec::new();
        for (li, lang) in self.site.config.languages.iter().enumerate() {
            let targets = Targets::new(
                values
                    .iter()
                    .enumerate()
                    .filter_map(|(k, &(i, j))| self.target(lang, li, usage, i, j, quotes.get(k).cloned().flatten()))
                    .collect(),
            );
            let upkeep = (li > 0 && plan.doc(lang).is_some_and(|d| d.has_text()))
                .then(|| self.record(plan, lang))
                .flatten()
                .map(|record| {
                    let default = &self.site.default_language().code;
                    let others = self.other_languages(lang, Page::Plan(&plan.id));
                    let href = others.iter().find(|l| &l.0 == default).map_or("", |l| l.3.as_str());
                    self.upkeep(lang, record, &sources, href)
                });
            let sections = Sections {
                gather: li == 0 && (tracked || released),
                notices: upkeep.as_ref().map(|u| &u.notices),
            };
            let r = self.plan_page(
                lang,
                li,
                plan,
                (&targets, sections),
                terms,
                usage,
                &mut outcome.problems,
            );
            if li == 0 {
                quotes = r.found.clone();
                source_anchors = r.anchors;
                let script = lang.script();
                sources = (r.section_texts.iter())
                    .map(|(id, raw)| SourceSection::new(id, raw, script))
                    .collect();
                source_terms = r.section_terms.clone();
            } else if let (Some(a), Some(b), Some(source), Some(doc)) = (
                &source_anchors,
                &r.anchors,
                plan.doc(self.site.default_language()),
                plan.doc(lang),
            ) && source.has_text()
            {
                outcome.problems.extend(alignment::check(source, a, doc, b));
                (outcome.problems).extend(term_use::unmatched_terms(
                    (&self.site.glossary, &self.site.default_language().code),
                    (lang, doc, b),
                    &source_terms,
                    &r.section_terms,
                ));
                if let Some(upkeep) = &upkeep {
                    (outcome.problems).extend(staleness::warnings(
                        (plan, &self.site.default_language().code),
                        lang,
                        upkeep,
                        (source, a),
                        (doc, b),
                    ));
                }
            }
            // Citations name the section of each quote, agency pages each note's: only those
            // headings are kept.
            if li == 0 {
                note_sections = r.notes.iter().map(|n| n.section.clone()).collect();
            }
            let cited: HashSet<&str> = (quotes.iter().flatten().map(|(_, s)| s.as_str()))
                .chain(note_sections.iter().map(String::as_str))
                .collect();
            pages.push(r.page);
            outcome.languages.push(Findings {
                found: r.found,
                quoted: if li == 0 { r.quoted } else { Vec::new() },
                terms: r.terms,
                // The changes page names changed sections: with releases, every heading is kept.
                sections: frozen(li == 0 && released, &sources, &r.headings),
                headings: r
                    .headings
                    .into_iter()
                    .filter(|(id, _)| released || cited.contains(id.as_str()))
                    .collect(),
                notes: r.notes,
            });
        }
        (pages, outcome)
    }

    /// What to anchor for value `(i, j)`: its quote in the default language, its figure
    /// (in the section holding the quote) in the others.
    fn target(&self, lang: &Language, li: usize, usage: &Usage, i: usize, j: usize, quote: Found) -> Option<Target> {
        let ind = &self.site.indicators[i];
        let v = &ind.values[j];
        let text = self.text(lang, &v.text);
        let status = self.progress.of_value(i, j).map(|t| self.status_label(lang, t));
        let link = (
            self.value_href(lang, i, j, usage),
            match &status {
                Some(s) => format!("{}: {text} ({s})", self.text(lang, &ind.name)),
                None => format!("{}: {text}", self.text(lang, &ind.name)),
            },
            self.s(lang, "plan.indicator_chip"),
        );
        if li == 0 {
            return Some(Target {
                patterns: vec![v.quote.clone()],
                section: None,
                id: usage.anchor_id(self.site, i, j),
                links: vec![link],
                figure: false,
                status,
                occurrence: v.occurrence.map_or(1, |n| n as usize),
            });
        }
        let (_, section) = quote?;
        v.number()?;
        let token = NUMBER.find(text)?.as_str();
        let mut patterns = vec![token.to_string()];
        if token.contains(',') {
            patterns.push(token.replace(',', ""));
        }
        Some(Target {
            patterns,
            section: Some(section),
            id: usage.anchor_id(self.site, i, j),
            links: vec![link],
            figure: true,
            status,
            occurrence: 1,
        })
    }

    #[allow(clippy::too_many_arguments)]
    fn plan_page(
        &self,
        lang: &Language,
        li: usize,
        plan: &Plan,
        (targets, sections): (&Targets, Sections<'_>),
        terms: &[Terms],
        usage: &Usage,
        problems: &mut Vec<Diagnostic>,
    ) -> PlanRender {
        let default = self.site.default_language();
        let page = Page::Plan(&plan.id);
        let (dir, path) = (page.dir(&lang.code), page.file(&lang.code));
        let own = plan.doc(lang);
        let Some(source_doc) = own.filter(|d| d.has_text()).or_else(|| plan.doc(default)) else {
            let err = Diagnostic::error(None, format!("plan {} has no {} document", plan.id, default.code));
            return PlanRender::failed(path, err);
        };
        let meta_doc = own.unwrap_or(source_doc);
        let fallback = !own.is_some_and(|d| d.has_text()) && lang.code != default.code;
        let body_locale = if fallback { &default.locale } else { &lang.locale };

        let agency_links = (!fallback).then(|| self.agency_links(lang, plan)).flatten();
        let opts = Options2 {
            allow_html: self.site.config.allow_html,
            labels: Labels {
                section_link: self.s(lang, "plan.section_link"),
                table: self.s(lang, "plan.table"),
                missing_table: self.s(lang, "plan.missing_table"),
            },
            other_languages: self.other_languages(lang, page),
            reserved: Some(self.reserved),
            targets: (!fallback).then_some(targets),
            // The text's own language decides: the source text stands in for a missing one.
            break_spaces: !(if fallback { default } else { lang })
                .script()
                .joins_wide_line_breaks(),
            terms: terms.get(if fallback { 0 } else { li }),
            agencies: agency_links.as_ref(),
            section_texts: sections.gather,
            section_notices: sections.notices,
        };
        let body = match crate::load::read_body(source_doc) {
            Ok(body) => body,
            Err(err) => return PlanRender::failed(path, err),
        };
        if li == 0
            && let Some(links) = &agency_links
        {
            problems.extend(self.unknown_agencies(&links.linker, source_doc, &body));
        }
        let mut rendered = markdown::render(&body, &opts);
        if !fallback {
            problems.extend(rendered.problems.iter().map(|p| diagnostic(source_doc, p)));
        }
        let found = if fallback { Vec::new() } else { rendered.found.clone() };
        let mut quoted = if fallback {
            Vec::new()
        } else {
            std::mem::take(&mut rendered.quoted)
        };
        for o in quoted.iter_mut().flat_map(|q| &mut q.occurrences) {
            o.line += source_doc.body_line - 1;
        }
        let anchors = (!fallback).then(|| alignment::anchors(source_doc, &rendered));

        let mut ctx = self.base(lang, page);
        ctx.insert("plan", &self.card(lang, plan, &dir));
        ctx.insert("front", &meta_doc.front);
        ctx.insert(
            "published",
            &meta_doc.front.published.as_deref().map(|d| self.format_date(lang, d)),
        );
        ctx.insert("page_title", &meta_doc.front.title);
        ctx.insert("description", &meta_doc.front.summary);
        self.feed_link(&mut ctx, lang, &meta_doc.front.title);
        ctx.insert("body", &rendered.html);
        ctx.insert("toc", &toc(&rendered.headings));
        ctx.insert("fallback", &fallback);
        ctx.insert("body_locale", body_locale);
        let values = self.plan_values(lang, plan, usage, &found);
        let untranslated =
            (values.iter().flat_map(|g| &g.items)).any(|v| v.name.fallback() || v.text.fallback() || v.unit.fallback());
        ctx.insert("untranslated", &(untranslated && !fallback));
        ctx.insert("indicators", &values);
        ctx.insert("glance", &self.glance(lang, &plan.id));
        ctx.insert(
            "progress_href",
            &relative(&dir, &Page::Progress(crate::routes::Order::Status).dir(&lang.code)),
        );
        let html = self.templates.render("plan.html", &ctx);
        let terms = (rendered.term_counts.into_iter().zip(rendered.term_first).enumerate())
            .filter(|(_, (count, _))| *count > 0)
            .map(|(t, (count, first))| (t, count, first.is_some()))
            .collect();
        let section_texts = (rendered.headings.iter().map(|h| h.id.clone()))
            .zip(rendered.section_texts)
            .collect();
        let headings = rendered.headings.into_iter().map(|h| (h.id, h.text)).collect();
        PlanRender {
            page: (path, html),
            anchors,
            found,
            quoted,
            terms,
            headings,
            notes: if fallback { Vec::new() } else { rendered.notes },
            section_texts,
            section_terms: if fallback { Vec::new() } else { rendered.section_terms },
        }
    }

    /// Links from each heading of `page` in `lang` to the same section in the other languages.
    fn other_languages(&self, lang: &Language, page: Page) -> markdown::LanguageLinks {
        let root = root_prefix(&page.dir(&lang.code));
        (self.site.config.languages.iter())
            .filter(|l| l.code != lang.code)
            .map(|l| {
                let href = format!("{root}{}", page.dir(&l.code));
                (l.code.clone(), l.locale.clone(), self.s(l, "lang.short"), href)
            })
            .collect()
    }

    /// The plan's values grouped by category, each linked to its indicator page and its place in the text.
    fn plan_values(
        &self,
        lang: &Language,
        plan: &Plan,
        usage: &Usage,
        found: &[Found],
    ) -> Vec<CategoryGroup<ValueRow>> {
        let values = self.values_by_plan.get(&plan.id).map(Vec::as_slice).unwrap_or(&[]);
        let mut groups: Vec<CategoryGroup<ValueRow>> = Vec::new();
        for &cat in crate::content::Category::ALL {
            let items: Vec<ValueRow> = values
                .iter()
                .enumerate()
                .filter(|(_, (i, _))| self.site.indicators[*i].category == cat)
                .map(|(k, &(i, j))| {
                    let ind = &self.site.indicators[i];
                    let v = &ind.values[j];
                    ValueRow {
                        indicator: ind.id.clone(),
                        name: self.shown(lang, &ind.name),
                        href: self.value_href(lang, i, j, usage),
                        kind: self.value_kind(lang, v),
                        year: self.value_year(lang, v),
                        text: self.shown(lang, &v.text),
                        attribute: v.attribute.map(|a| self.attribute_label(lang, a)),
                        unit: self.shown(lang, &ind.unit),
                        anchor: found.get(k).cloned().flatten().map(|(id, _)| id),
                    }
                })
                .collect();
            if !items.is_empty() {
                groups.push(CategoryGroup {
                    key: cat.key().to_string(),
                    label: self.category_label(lang, cat),
                    items,
                });
            }
        }
        groups
    }

    /// The link from value `(i, j)`'s plan page in `lang` to its row on the indicator page.
    fn value_href(&self, lang: &Language, i: usize, j: usize, usage: &Usage) -> String {
        let ind = &self.site.indicators[i];
        let from = Page::Plan(&ind.values[j].plan).dir(&lang.code);
        let to = Page::Indicator(&ind.id).dir(&lang.code);
        format!("{}#{}", relative(&from, &to), usage.row_id(self.site, i, j))
    }
}

/// The first number in a value's text: `95%` in "95% or more", `1,000` in "1,000 firms".
static NUMBER: LazyLock<regex::Regex> =
    LazyLock::new(|| regex::Regex::new(r"(\d{1,3}(,\d{3})+|\d+)(\.\d+)?%?").expect("valid regex"));

/// A renderer's problem as a diagnostic at its line of `doc`.
fn diagnostic(doc: &crate::content::PlanDoc, p: &markdown::Problem) -> Diagnostic {
    let at = Some(Location::new(&doc.path, doc.body_line + p.line - 1, 1));
    let d = if p.warning {
        Diagnostic::warning(at, p.message.clone())
    } else {
        Diagnostic::error(at, p.message.clone())
    };
    d.with_hint(p.hint.clone())
}
