//! The sheets against the site's languages: every required text in the source language, the
//! translations that are missing (their pages fall back, with a notice), text in languages
//! the site does not have, and glossary spellings claimed twice (compared by each language's
//! script).

use crate::content::{Language, Localized, Site};
use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::load::localized_path;
use crate::load::yaml::Positions;
use std::collections::{BTreeMap, HashMap};

/// One sheet's entries, seen through their translatable fields.
struct Sheet<'a> {
    file: &'static str,
    /// "indicator" or "term", for messages.
    noun: &'static str,
    pos: &'a Positions,
    /// Where texts in languages the site lacks were first seen: code → YAML path.
    unknown: BTreeMap<String, String>,
}

impl Sheet<'_> {
    /// Checks one field of the entry `id` at `entry`: the source language has it when
    /// `required`; the languages that lack it are added to `missing`.
    fn field<T: Filled>(
        &mut self,
        site: &Site,
        (entry, id): (&str, &str),
        (field, text, required): (&str, &Localized<T>, bool),
        missing: &mut Vec<(String, String)>,
        diags: &mut Diagnostics,
    ) {
        let langs = &site.config.languages;
        let source = &langs[0].code;
        for (code, _) in text.iter() {
            if !langs.iter().any(|l| l.code == code) {
                let (path, _) = localized_path(self.pos, entry, field, code);
                self.unknown.entry(code.to_string()).or_insert(path);
            }
        }
        if !text.get(source).is_some_and(Filled::filled) {
            if required {
                diags.push(
                    Diagnostic::error(
                        Some(self.pos.at(entry)),
                        format!("{} `{id}` has no {field} in {source} (the source language)", self.noun),
                    )
                    .with_hint(format!(
                        "add `{}:` (or `{source}:` under `{field}:`); the other languages fall back to it",
                        localized_path(self.pos, entry, field, source).1
                    )),
                );
            }
            return;
        }
        for lang in &langs[1..] {
            if text.get(&lang.code).is_none() {
                missing.push((lang.code.clone(), field.to_string()));
            }
        }
    }

    /// One warning per entry and language for the translations it lacks.
    fn warn_missing(
        &self,
        site: &Site,
        (entry, id): (&str, &str),
        missing: Vec<(String, String)>,
        diags: &mut Diagnostics,
    ) {
        let mut by_lang: BTreeMap<String, Vec<String>> = BTreeMap::new();
        for (code, name) in missing {
            by_lang.entry(code).or_default().push(name);
        }
        let source = &site.default_language().code;
        for (code, names) in by_lang {
            diags.push(
                Diagnostic::warning(
                    Some(self.pos.at(entry)),
                    format!(
                        "{} `{id}` is not translated to {code} ({}): its {code} pages show the {source} text",
                        self.noun,
                        names.join(", ")
                    ),
                )
                .with_hint(format!(
                    "add the {code} text in the field's map, e.g. `name: {{{source}: …, {code}: …}}`"
                )),
            );
        }
    }

    /// One warning per language the site does not list.
    fn warn_unknown(&self, langs: &[Language], diags: &mut Diagnostics) {
        let codes: Vec<&str> = langs.iter().map(|l| l.code.as_str()).collect();
        for (code, path) in &self.unknown {
            diags.push(
                Diagnostic::warning(
                    Some(self.pos.at(path)),
                    format!(
                        "{} has text in `{code}`, which is not a language of this site ({}): it is not shown",
                        self.file,
                        codes.join(", ")
                    ),
                )
                .with_hint(format!("add `{code}` to `languages` in site.yaml, or remove its text")),
            );
        }
    }
}

/// A value that counts as written: non-empty text, or any list of aliases.
trait Filled {
    fn filled(&self) -> bool;
}

impl Filled for String {
    fn filled(&self) -> bool {
        !self.trim().is_empty()
    }
}

impl Filled for Vec<String> {
    fn filled(&self) -> bool {
        true
    }
}

pub(super) fn check_indicators(site: &Site, diags: &mut Diagnostics) {
    let mut sheet = Sheet {
        file: "indicators.yaml",
        noun: "indicator",
        pos: &site.indicator_positions,
        unknown: BTreeMap::new(),
    };
    for (i, ind) in site.indicators.iter().enumerate() {
        let entry = format!("indicators.{i}");
        let at = (entry.as_str(), ind.id.as_str());
        let mut missing = Vec::new();
        sheet.field(site, at, ("name", &ind.name, true), &mut missing, diags);
        sheet.field(site, at, ("definition", &ind.definition, true), &mut missing, diags);
        sheet.field(site, at, ("unit", &ind.unit, false), &mut missing, diags);
        for (j, v) in ind.values.iter().enumerate() {
            let value = format!("{entry}.values.{j}");
            let mut in_value = Vec::new();
            sheet.field(site, (&value, &ind.id), ("text", &v.text, true), &mut in_value, diags);
            sheet.field(site, (&value, &ind.id), ("note", &v.note, false), &mut in_value, diags);
            missing.extend(
                in_value
                    .into_iter()
                    .map(|(code, name)| (code, format!("values.{j}.{name}"))),
            );
        }
        sheet.warn_missing(site, at, missing, diags);
    }
    sheet.warn_unknown(&site.config.languages, diags);
}

pub(super) fn check_glossary(site: &Site, diags: &mut Diagnostics) {
    let mut sheet = Sheet {
        file: "glossary.yaml",
        noun: "term",
        pos: &site.glossary_positions,
        unknown: BTreeMap::new(),
    };
    for (i, term) in site.glossary.iter().enumerate() {
        let entry = format!("terms.{i}");
        let at = (entry.as_str(), term.id.as_str());
        let mut missing = Vec::new();
        sheet.field(site, at, ("term", &term.term, true), &mut missing, diags);
        sheet.field(site, at, ("definition", &term.definition, true), &mut missing, diags);
        // Aliases are other spellings in one language: they are never translations.
        sheet.field(site, at, ("aliases", &term.aliases, false), &mut Vec::new(), diags);
        sheet.warn_missing(site, at, missing, diags);
    }
    sheet.warn_unknown(&site.config.languages, diags);
    check_spellings(site, diags);
}

/// Each spelling (term or alias, compared the way its language's script compares) belongs to
/// one entry only.
fn check_spellings(site: &Site, diags: &mut Diagnostics) {
    let pos = &site.glossary_positions;
    for lang in &site.config.languages {
        let script = lang.script();
        // Where a spelling is written: (entry, field, alias number).
        let path = |(i, field, k): (usize, &str, Option<usize>)| {
            let (path, _) = localized_path(pos, &format!("terms.{i}"), field, &lang.code);
            k.map_or(path.clone(), |k| format!("{path}.{k}"))
        };
        // Normalised spelling → where it is first written.
        let mut claimed: HashMap<String, (usize, &str, Option<usize>)> = HashMap::new();
        for (i, term) in site.glossary.iter().enumerate() {
            let aliases = term.aliases.get(&lang.code).into_iter().flatten().enumerate();
            let spellings = (term.term.get(&lang.code).map(|t| ("term", None, t)).into_iter())
                .chain(aliases.map(|(k, a)| ("aliases", Some(k), a)));
            for (field, k, spelling) in spellings {
                let key = script.normalize(spelling);
                if key.is_empty() {
                    continue;
                }
                let Some(&first) = claimed.get(&key) else {
                    claimed.insert(key, (i, field, k));
                    continue;
                };
                let message = if first.0 == i {
                    format!("`{spelling}` is listed twice in term `{}`", term.id)
                } else {
                    format!(
                        "`{spelling}` is already a spelling of term `{}` (line {})",
                        site.glossary[first.0].id,
                        pos.at(&path(first)).line
                    )
                };
                diags.push(
                    Diagnostic::error(Some(pos.at(&path((i, field, k)))), message)
                        .with_hint("each term and alias may belong to one entry only: remove or merge"),
                );
            }
        }
    }
}
