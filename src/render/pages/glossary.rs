//! The glossary page per language: terms sorted the way the language's script sorts, each
//! with its translations, definition, related terms and the plans that use it.

use super::text::{Other, Shown};
use super::{Ctx, Usage};
use crate::content::{Language, Term};
use crate::diagnostics::Diagnostic;
use crate::load::localized_path;
use crate::render::annotate::first_link_id;
use crate::routes::{Page, relative};
use serde::Serialize;
use std::collections::HashMap;

#[derive(Serialize)]
struct Entry {
    id: String,
    term: Shown,
    others: Vec<Other>,
    aliases: Vec<String>,
    definition: Shown,
    /// The term or definition stands in for a missing translation.
    untranslated: bool,
    related: Vec<(String, Shown)>,
    /// (plan title, occurrences, link to the first one).
    used_in: Vec<(String, u32, String)>,
}

#[derive(Serialize)]
struct Letter {
    letter: String,
    /// `letter-A`, …; `letter-other` for terms that start with no letter.
    anchor: String,
    entries: Vec<Entry>,
}

impl Ctx<'_> {
    pub(super) fn glossary_page(&self, lang: &Language, li: usize, usage: &Usage) -> Result<String, Diagnostic> {
        let source = self.site.default_language();
        let mut order: Vec<(String, usize)> = (self.site.glossary.iter().enumerate())
            .map(|(i, t)| {
                let shown = self.shown(lang, &t.term);
                // A term shown in the source language sorts the way that language does.
                let script = if shown.fallback() {
                    source.script()
                } else {
                    lang.script()
                };
                (script.sort_key(&shown.text), i)
            })
            .collect();
        order.sort();
        let by_id: HashMap<&str, &Term> = self.site.glossary.iter().map(|t| (t.id.as_str(), t)).collect();
        let mut letters: Vec<Letter> = Vec::new();
        for (key, i) in order {
            let entry = self.glossary_entry(lang, (li, i), &by_id, usage);
            let letter = key
                .chars()
                .next()
                .filter(char::is_ascii_alphabetic)
                .map_or("#".to_string(), |c| c.to_ascii_uppercase().to_string());
            // Letters A–Z in order; terms that start with no letter gather in one group at the end.
            let anchor = format!("letter-{}", if letter == "#" { "other" } else { &letter });
            match letters.iter_mut().find(|l| l.anchor == anchor) {
                Some(l) => l.entries.push(entry),
                None => letters.push(Letter {
                    anchor,
                    letter: if letter == "#" {
                        self.s(lang, "glossary.other_letter")
                    } else {
                        letter
                    },
                    entries: vec![entry],
                }),
            }
        }
        letters.sort_by_key(|l| (l.anchor == "letter-other", l.anchor.clone()));
        let mut ctx = self.base(lang, Page::Glossary);
        ctx.insert("page_title", &self.s(lang, "glossary.title"));
        ctx.insert("description", &self.s(lang, "glossary.intro"));
        ctx.insert("letters", &letters);
        // The context holds its own copy: at 10,000 plans the entries list ~400,000 uses.
        drop(letters);
        self.templates.render("glossary.html", &ctx)
    }

    /// Term `i` as the glossary page in `lang` (language index `li`) lists it.
    fn glossary_entry(
        &self,
        lang: &Language,
        (li, i): (usize, usize),
        by_id: &HashMap<&str, &Term>,
        usage: &Usage,
    ) -> Entry {
        let code = lang.code.as_str();
        let t: &Term = &self.site.glossary[i];
        let here = Page::Glossary.dir(code);
        let (term, definition) = (self.shown(lang, &t.term), self.shown(lang, &t.definition));
        Entry {
            id: t.id.clone(),
            untranslated: term.fallback() || definition.fallback(),
            term,
            others: self.others(lang, &t.term),
            aliases: t.aliases.get(code).cloned().unwrap_or_default(),
            definition,
            related: (t.related.iter())
                .filter_map(|r| by_id.get(r.as_str()))
                .map(|g| (g.id.clone(), self.shown(lang, &g.term)))
                .collect(),
            used_in: usage.terms[li][i]
                .iter()
                .map(|u| {
                    let frag = if u.linked {
                        format!("#{}", first_link_id(&t.id))
                    } else {
                        String::new()
                    };
                    let plan = relative(&here, &Page::Plan(&u.plan).dir(code));
                    (self.plan_short(lang, &u.plan), u.count, format!("{plan}{frag}"))
                })
                .collect(),
        }
    }

    /// A warning for terms the default-language text uses in fewer than two plans.
    pub(super) fn rare_terms(&self, usage: &Usage) -> Vec<Diagnostic> {
        if self.site.plans.len() < 2 {
            return Vec::new();
        }
        let source = self.site.default_language();
        self.site
            .glossary
            .iter()
            .enumerate()
            .filter(|(i, _)| usage.terms[0][*i].len() < 2)
            .map(|(i, t)| {
                let pos = &self.site.glossary_positions;
                let (path, _) = localized_path(pos, &format!("terms.{i}"), "term", &source.code);
                Diagnostic::warning(
                    Some(pos.at(&path)),
                    format!(
                        "term `{}` occurs in {} plan(s)",
                        t.term.text(&source.code, ""),
                        usage.terms[0][i].len()
                    ),
                )
                .with_hint("the glossary explains shared vocabulary: add an alias the plans use, or drop the term")
            })
            .collect()
    }
}
