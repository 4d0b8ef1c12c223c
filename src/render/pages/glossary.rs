//! The glossary page per language, `/data/glossary.json`, and the open data files.

use super::indicators::{records_csv, records_json};
use super::{Ctx, Usage};
use crate::content::{Language, Site, Term};
use crate::diagnostics::Diagnostic;
use crate::render::Sink;
use crate::render::annotate::first_link_id;
use pinyin::ToPinyin;
use serde::Serialize;
use std::collections::{BTreeMap, HashMap};

#[derive(Serialize)]
struct Entry {
    id: String,
    term: String,
    other: String,
    aliases: Vec<String>,
    definition: String,
    related: Vec<(String, String)>,
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

/// The sort key of a term: pinyin for Chinese (per character), lower case otherwise.
pub fn sort_key(term: &str, zh: bool) -> String {
    // Opening quotes and brackets do not count: “浙江制造” files under Z, "at most one trip" under A.
    let term = term.trim_start_matches(|c: char| !c.is_alphanumeric());
    if !zh {
        return term.to_lowercase();
    }
    let mut key = String::new();
    for c in term.chars() {
        match c.to_pinyin() {
            Some(p) => key.push_str(p.plain()),
            None => key.extend(c.to_lowercase()),
        }
        key.push(' ');
    }
    key
}

impl Ctx<'_> {
    pub(super) fn glossary_page(&self, lang: &Language, li: usize, usage: &Usage) -> Result<String, Diagnostic> {
        let code = lang.code.as_str();
        let zh = lang.locale.starts_with("zh");
        let mut order: Vec<(String, usize)> = self
            .site
            .glossary
            .iter()
            .enumerate()
            .map(|(i, t)| (sort_key(t.term(code), zh), i))
            .collect();
        order.sort();
        let by_id: HashMap<&str, &Term> = self.site.glossary.iter().map(|t| (t.id.as_str(), t)).collect();
        let mut letters: Vec<Letter> = Vec::new();
        for (key, i) in order {
            let t: &Term = &self.site.glossary[i];
            let letter = key
                .chars()
                .next()
                .filter(char::is_ascii_alphabetic)
                .map_or("#".to_string(), |c| c.to_ascii_uppercase().to_string());
            let entry = Entry {
                id: t.id.clone(),
                term: t.term(code).to_string(),
                other: t.term(if code == "zh" { "en" } else { "zh" }).to_string(),
                aliases: t.aliases(code).to_vec(),
                definition: t.definition(code).to_string(),
                related: t
                    .related
                    .iter()
                    .filter_map(|r| by_id.get(r.as_str()))
                    .map(|g| (g.id.clone(), g.term(code).to_string()))
                    .collect(),
                used_in: usage.terms[li][i]
                    .iter()
                    .map(|u| {
                        let frag = if u.linked {
                            format!("#{}", first_link_id(&t.id))
                        } else {
                            String::new()
                        };
                        (
                            self.plan_short(lang, &u.plan),
                            u.count,
                            format!("../plans/{}/{frag}", u.plan),
                        )
                    })
                    .collect(),
            };
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
        let dir = format!("{}/glossary/", lang.code);
        let mut ctx = self.base(lang, &dir, |l| format!("{}/glossary/", l.code));
        ctx.insert("page_title", &self.s(lang, "glossary.title"));
        ctx.insert("description", &self.s(lang, "glossary.intro"));
        ctx.insert("letters", &letters);
        // The context holds its own copy: at 10,000 plans the entries list ~400,000 uses.
        drop(letters);
        ctx.insert("other_locale", if code == "zh" { "en" } else { "zh-CN" });
        self.templates.render("glossary.html", &ctx)
    }

    /// A warning for terms the default-language text uses in fewer than two plans.
    pub(super) fn rare_terms(&self, usage: &Usage) -> Vec<Diagnostic> {
        if self.site.plans.len() < 2 {
            return Vec::new();
        }
        self.site
            .glossary
            .iter()
            .enumerate()
            .filter(|(i, _)| usage.terms[0][*i].len() < 2)
            .map(|(i, t)| {
                Diagnostic::warning(
                    Some(self.site.glossary_positions.at(&format!("terms.{i}.zh"))),
                    format!("term `{}` occurs in {} plan(s)", t.zh, usage.terms[0][i].len()),
                )
                .with_hint("the glossary explains shared vocabulary: add an alias the plans use, or drop the term")
            })
            .collect()
    }

    /// `/data/` into `out`, one file at a time: indicator records (all, and per indicator) and
    /// the glossary with its counts. At 10,000 plans these files hold 160 MB.
    pub(super) fn open_data(&self, usage: &Usage, out: &dyn Sink) {
        if !self.site.indicators.is_empty() {
            let records = self.records(usage);
            let all: Vec<_> = records.iter().collect();
            out.add("data/indicators.json".into(), records_json(&all));
            out.add("data/indicators.csv".into(), records_csv(&all));
            for ind in &self.site.indicators {
                let mine: Vec<_> = records.iter().filter(|r| r.indicator == ind.id).collect();
                out.add(format!("data/indicators/{}.json", ind.id), records_json(&mine));
                out.add(format!("data/indicators/{}.csv", ind.id), records_csv(&mine));
            }
        }
        if !self.site.glossary.is_empty() {
            #[derive(Serialize)]
            struct Doc<'a> {
                terms: TermCounts<'a>,
            }
            let terms = TermCounts { site: self.site, usage };
            let mut bytes = serde_json::to_vec_pretty(&Doc { terms }).expect("serializes");
            bytes.push(b'\n');
            out.add("data/glossary.json".into(), bytes);
        }
    }
}

/// The glossary's terms, each with its counts per language and plan. Each term is made (as a
/// JSON value, which sorts its keys) only while it is written: at 10,000 plans, all of them at
/// once took 150 MB.
struct TermCounts<'a> {
    site: &'a Site,
    usage: &'a Usage,
}

impl Serialize for TermCounts<'_> {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        #[derive(Serialize)]
        struct Out<'a> {
            #[serde(flatten)]
            term: &'a Term,
            /// language code → plan id → occurrences.
            counts: BTreeMap<&'a str, BTreeMap<&'a str, u32>>,
        }
        let site = self.site;
        serializer.collect_seq(site.glossary.iter().enumerate().map(|(i, term)| {
            let counts = (site.config.languages.iter().enumerate())
                .map(|(li, l)| {
                    let per_plan = self.usage.terms[li][i].iter().map(|u| (&*u.plan, u.count)).collect();
                    (l.code.as_str(), per_plan)
                })
                .collect();
            serde_json::to_value(Out { term, counts }).expect("serializes")
        }))
    }
}

#[cfg(test)]
mod tests {
    use super::sort_key;

    #[test]
    fn chinese_sorts_by_pinyin() {
        let mut terms = vec!["质量", "标准", "河长制", "安全"];
        terms.sort_by_key(|t| sort_key(t, true));
        assert_eq!(terms, ["安全", "标准", "河长制", "质量"]);
        assert!(sort_key("Zebra", false) > sort_key("apple", false));
    }
}
