//! The changes between releases as readers see them: the `/{lang}/changes/` page (newest
//! release first, the unreleased changes on top), each indicator's revision history, its
//! "as of release" citation links, and the Atom feeds of [`feeds`]. All of it comes from
//! [`crate::changes::steps`], computed once per build and only on a site with releases.

mod feeds;

use super::{Ctx, Usage};
use crate::changes::{SectionWhat, Snapshot, Step, ValueChange, What};
use crate::content::{FrozenValue, Language, old_key};
use crate::diagnostics::Diagnostic;
use crate::routes::{Page, absolute, relative};
use serde::Serialize;

/// One value change as a page lists it.
#[derive(Serialize)]
pub(super) struct ChangeView {
    /// `added`, `removed`, `value`, `source` or `note`.
    what: &'static str,
    /// The indicator's name in the page's language.
    name: String,
    /// Its row on the indicator page, from the page showing the change.
    href: String,
    /// The plan's short title, and its id.
    plan: String,
    pub(super) plan_id: String,
    /// The value as it was and as it is (for `value`; the value itself for the others).
    from: String,
    to: String,
    /// The change in one line of plain text (feeds).
    pub(super) text: String,
}

/// One plan text change as a page lists it.
#[derive(Serialize)]
struct SectionView {
    /// `changed`, `added`, `removed`, `plan-added` or `plan-removed`.
    what: &'static str,
    plan: String,
    plan_id: String,
    /// The section (or plan) on the plan page.
    href: String,
    heading: String,
    text: String,
}

/// One release (or the unreleased changes) as the changes page shows it.
#[derive(Serialize)]
pub(super) struct StepView {
    /// The anchor on the changes page: `r-<tag>`, or `unreleased`.
    pub(super) id: String,
    /// The tag; `None` for the unreleased changes.
    pub(super) tag: Option<String>,
    /// The release day as ISO and as the language writes it.
    pub(super) released_iso: String,
    released: String,
    previous: Option<String>,
    /// For a first release: how many values it has.
    pub(super) first: Option<usize>,
    /// Its frozen data, from the page showing it.
    data_json: Option<String>,
    data_csv: Option<String>,
    /// Its entry on the changes page, from the page showing it.
    pub(super) changes_href: String,
    pub(super) values: Vec<ChangeView>,
    sections: Vec<SectionView>,
    /// The plans it changed (for a first release: every plan it holds), for the plan feeds.
    pub(super) plans: std::collections::BTreeSet<String>,
}

/// The release to cite an indicator "as of": its tag and frozen files' absolute URLs.
#[derive(Serialize)]
pub(super) struct AsOf {
    tag: String,
    json: String,
    csv: String,
}

/// A step's anchor on the changes page: `r-<tag>`, or `unreleased`.
fn step_id(s: &Step) -> String {
    s.at.tag.map_or_else(|| "unreleased".to_string(), |t| format!("r-{t}"))
}

impl Ctx<'_> {
    /// The live values as a release would freeze them, to compare with the latest release;
    /// nothing (not even the records) on a site without releases.
    pub(super) fn live_values(&self, usage: &Usage) -> Vec<FrozenValue> {
        if self.site.releases.is_empty() {
            return Vec::new();
        }
        (self.records(usage).into_iter())
            .map(|r| {
                let fields: std::collections::BTreeMap<String, serde_json::Value> = r.fields.into_iter().collect();
                let text = |k: &str| fields.get(k).and_then(|v| v.as_str()).unwrap_or_default().to_string();
                FrozenValue {
                    indicator: r.indicator,
                    value_id: text("value_id"),
                    plan: text("plan"),
                    fields,
                }
            })
            .collect()
    }

    /// The steps of the site, made from `live` (see [`Self::live_values`]).
    pub(super) fn steps<'a>(&'a self, live: &'a [FrozenValue], usage: &'a Usage) -> Vec<Step<'a>> {
        if self.site.releases.is_empty() {
            return Vec::new();
        }
        let live = Snapshot {
            tag: None,
            released: "",
            values: live,
            sections: &usage.sections,
        };
        crate::changes::steps(&self.site.releases, Some(live), &self.site.default_language().code)
    }

    /// A frozen record's text field in `lang` (the source language's when empty).
    fn frozen_text(&self, v: &FrozenValue, field: &str, lang: &Language) -> String {
        let get = |code: &str| {
            (v.fields.get(&old_key(field, code)))
                .and_then(|j| j.as_str())
                .unwrap_or_default()
        };
        let text = get(&lang.code);
        if text.is_empty() {
            get(&self.site.default_language().code)
        } else {
            text
        }
        .to_string()
    }

    /// A value change in `lang`, linked from the page in folder `from`.
    fn change_view(&self, lang: &Language, c: &ValueChange, from: &str) -> ChangeView {
        let v = c.value();
        let name = match self.site.indicators.iter().find(|i| i.id == v.indicator) {
            Some(ind) => self.shown(lang, &ind.name).text,
            None => self.frozen_text(v, "name", lang),
        };
        let page = Page::Indicator(&v.indicator).dir(&lang.code);
        let what = match c.what {
            What::Added => "added",
            What::Removed => "removed",
            What::Value => "value",
            What::Source => "source",
            What::Note => "note",
        };
        let figure = |r: Option<&FrozenValue>| r.map(|r| self.frozen_text(r, "value_text", lang)).unwrap_or_default();
        let (from_text, to_text) = (figure(c.old), figure(c.new));
        let plan = self.plan_short(lang, &v.plan);
        let label = self.s(lang, &format!("changes.{what}"));
        let text = match c.what {
            What::Value => format!(
                "{name} ({plan}): {label} {from_text} {} {to_text}",
                self.s(lang, "changes.to")
            ),
            What::Removed => format!("{name} ({plan}): {label} {from_text}"),
            _ => format!("{name} ({plan}): {label} {to_text}"),
        };
        ChangeView {
            what,
            name,
            href: format!("{}#{}", relative(from, &page), v.value_id),
            plan,
            plan_id: v.plan.clone(),
            from: from_text,
            to: to_text,
            text,
        }
    }

    /// Every step in `lang` as seen from the page in folder `from`.
    pub(super) fn step_views(&self, lang: &Language, steps: &[Step], usage: &Usage, from: &str) -> Vec<StepView> {
        steps.iter().map(|s| self.step_view(lang, s, usage, from)).collect()
    }

    /// One step in `lang`; sections are named by their heading in `lang` where the edition has
    /// it, else as frozen (the source language's).
    fn step_view(&self, lang: &Language, s: &Step, usage: &Usage, from: &str) -> StepView {
        let code = &lang.code;
        let li = self.lang_index(lang);
        let usage_heading = |plan: &str, id: &str| usage.headings[li].get(plan)?.get(id).cloned();
        let sections = (s.sections.iter())
            .map(|c| {
                let what = match c.what {
                    SectionWhat::Changed => "changed",
                    SectionWhat::Added => "added",
                    SectionWhat::Removed => "removed",
                    SectionWhat::PlanAdded => "plan-added",
                    SectionWhat::PlanRemoved => "plan-removed",
                };
                let plan = self.plan_short(lang, c.plan);
                let page = relative(from, &Page::Plan(c.plan).dir(code));
                let (href, heading) = match c.section {
                    Some(sec) => (
                        format!("{page}#{}", sec.id),
                        usage_heading(c.plan, &sec.id).unwrap_or_else(|| sec.heading.clone()),
                    ),
                    None => (page, String::new()),
                };
                let label = self.s(lang, &format!("changes.section.{what}"));
                SectionView {
                    what,
                    plan_id: c.plan.to_string(),
                    text: format!("{plan}: {label} {heading}").trim_end().to_string(),
                    plan,
                    href,
                    heading,
                }
            })
            .collect();
        let mut plans: std::collections::BTreeSet<String> = (s.values.iter().map(|c| c.value().plan.clone()))
            .chain(s.sections.iter().map(|c| c.plan.to_string()))
            .collect();
        if s.previous.is_none() {
            plans.extend(s.at.values.iter().map(|v| v.plan.clone()));
            plans.extend(s.at.sections.keys().cloned());
        }
        let file = |name: &str| s.at.tag.map(|t| relative(from, &Page::ReleaseFile(t, name).file("")));
        StepView {
            id: step_id(s),
            tag: s.at.tag.map(str::to_string),
            released_iso: s.at.released.to_string(),
            released: self.format_date(lang, s.at.released),
            previous: s.previous.map(str::to_string),
            first: s.previous.is_none().then_some(s.at.values.len()),
            data_json: file("indicators.json"),
            data_csv: file("indicators.csv"),
            changes_href: format!("{}#{}", relative(from, &Page::Changes.dir(code)), step_id(s)),
            values: s.values.iter().map(|c| self.change_view(lang, c, from)).collect(),
            sections,
            plans,
        }
    }

    /// `/{lang}/changes/`.
    pub(super) fn changes_page(&self, lang: &Language, steps: &[Step], usage: &Usage) -> Result<String, Diagnostic> {
        let here = Page::Changes.dir(&lang.code);
        let mut ctx = self.base(lang, Page::Changes);
        ctx.insert("page_title", &self.s(lang, "changes.title"));
        ctx.insert("description", &self.s(lang, "changes.intro"));
        ctx.insert("steps", &self.step_views(lang, steps, usage, &here));
        ctx.insert("feed_href", &relative(&here, &Page::ChangesFeed.file(&lang.code)));
        ctx.insert("feed_title", &self.s(lang, "changes.feed"));
        self.templates.render("changes.html", &ctx)
    }

    /// An indicator's revision history: the steps that changed it (or first released it),
    /// newest first, linked to the changes page. Empty on a site without releases.
    pub(super) fn history(&self, lang: &Language, ind: &str, steps: &[Step], usage: &Usage) -> Vec<StepView> {
        let from = Page::Indicator(ind).dir(&lang.code);
        let mut out = Vec::new();
        for s in steps {
            let mut view = self.step_view(lang, s, usage, &from);
            view.sections.clear();
            if s.previous.is_none() {
                let n = s.at.values.iter().filter(|v| v.indicator == ind).count();
                if n == 0 {
                    continue;
                }
                view.first = Some(n);
            } else {
                let mine = s.values.iter().zip(view.values.drain(..));
                let kept: Vec<ChangeView> = mine
                    .filter(|(c, _)| c.value().indicator == ind)
                    .map(|(_, v)| v)
                    .collect();
                if kept.is_empty() {
                    continue;
                }
                view.values = kept;
            }
            out.push(view);
        }
        out
    }

    /// "As of release TAG": the latest release holding indicator `ind` (tag, its JSON and CSV as
    /// absolute URLs), for citing a value that later amendments will not change.
    pub(super) fn as_of(&self, ind: &str) -> Option<AsOf> {
        let mut releases: Vec<_> = self.site.releases.iter().collect();
        releases.sort_by(|a, b| (&b.released, &b.tag).cmp(&(&a.released, &a.tag)));
        let r = releases
            .into_iter()
            .find(|r| r.values.iter().any(|v| v.indicator == ind))?;
        let base = &self.site.config.base_url;
        let url = |name| absolute(base, &Page::ReleaseFile(&r.tag, name).file(""));
        Some(AsOf {
            tag: r.tag.clone(),
            json: url("indicators.json"),
            csv: url("indicators.csv"),
        })
    }
}
