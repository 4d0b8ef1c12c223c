//! Stale translations on the page and in `check`: a translated section whose source text
//! changed after its review gets a notice under its heading (linking the source section) and a
//! warning at its heading; a section with no record gets a warning only.

use super::Ctx;
use super::alignment::Anchors;
use crate::content::{Language, Plan, PlanDoc, TranslationRecord};
use crate::diagnostics::{Diagnostic, Location};
use crate::render::escape::escape;
use crate::translations::{SourceSection, State, short_diff, states};
use std::collections::BTreeMap;

/// One translated edition's sections against the source, before its page is rendered.
pub(super) struct Upkeep<'a> {
    states: Vec<(&'a SourceSection, State)>,
    /// Section id → the notice under its heading.
    pub(super) notices: BTreeMap<String, String>,
}

impl Ctx<'_> {
    /// The record of `plan`'s edition in `lang`, if it was ever reviewed.
    pub(super) fn record(&self, plan: &Plan, lang: &Language) -> Option<&TranslationRecord> {
        (self.site.translations).get(&(plan.id.clone(), lang.code.clone()))
    }

    /// How `lang`'s edition stands against `sources`, with the notice for each stale section;
    /// `source_href` is the source-language page, relative to this one.
    pub(super) fn upkeep<'a>(
        &self,
        lang: &Language,
        record: &TranslationRecord,
        sources: &'a [SourceSection],
        source_href: &str,
    ) -> Upkeep<'a> {
        let states = states(sources, record);
        let default = self.site.default_language();
        let link = escape(&self.s(lang, "plan.stale_link"));
        let notices = (states.iter())
            .filter_map(|(s, state)| match state {
                State::Stale { reviewed, .. } => {
                    let text = self.s(lang, "plan.stale").replace("{date}", &self.format_date(lang, reviewed));
                    let id = escape(&s.id);
                    Some((
                        s.id.clone(),
                        format!(
                            "<p class=\"notice stale\" role=\"note\">{} <a href=\"{}#{id}\" hreflang=\"{}\">{link}</a></p>",
                            escape(&text),
                            escape(source_href),
                            escape(&default.locale),
                        ),
                    ))
                }
                _ => None,
            })
            .collect();
        Upkeep { states, notices }
    }
}

/// The warnings of one edition: each stale section at its heading, with what changed in the
/// source; each unrecorded one.
pub(super) fn warnings(
    (plan, source_lang): (&Plan, &str),
    lang: &Language,
    upkeep: &Upkeep<'_>,
    (source, source_anchors): (&PlanDoc, &Anchors),
    (doc, anchors): (&PlanDoc, &Anchors),
) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    for (s, state) in &upkeep.states {
        let Some((line, heading)) = anchors.get(&s.id) else {
            continue; // a missing section is an error of its own (alignment)
        };
        let at = Some(Location::new(&doc.path, *line, 1));
        let source_line = source_anchors.get(&s.id).map_or(source.body_line, |(l, _)| *l);
        let command = format!(
            "plansite translations --reviewed {} --lang {} --section {}",
            plan.id, lang.code, s.id
        );
        match state {
            State::UpToDate => {}
            State::Stale { reviewed, old } => out.push(
                Diagnostic::warning(
                    at,
                    format!(
                        "section `{}` ({heading}) may be out of date: its {source_lang} text changed after the translation was reviewed on {reviewed}",
                        s.id
                    ),
                )
                .with_hint(format!(
                    "changed in {}:{source_line}: {}\nupdate the translation, then run `{command}`",
                    source.path.display(),
                    short_diff(old, &s.text)
                )),
            ),
            State::Unrecorded => out.push(
                Diagnostic::warning(
                    at,
                    format!(
                        "section `{}` ({heading}) has no translation record: whether it is up to date cannot be told",
                        s.id
                    ),
                )
                .with_hint(format!(
                    "once it is checked against {}:{source_line}, run `{command}`",
                    source.path.display()
                )),
            ),
        }
    }
    out
}
