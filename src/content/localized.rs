//! Translatable text: one value per language code, with one fallback rule for the languages
//! that lack one.
//!
//! In YAML a field is written as a map (`name: {zh: …, en: …, fr: …}`) or, for Chinese and
//! English, the older way with one key per language (`name_zh:`, `name_en:`), which the shipped
//! sheets use. Mixing both for one field is an error (noted as [`Mixed`], reported by the loader
//! at the line of the key).

use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// Language code → value.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(transparent)]
pub struct Localized<T>(BTreeMap<String, T>);

impl<T> Default for Localized<T> {
    fn default() -> Self {
        Localized(BTreeMap::new())
    }
}

/// The codes the older per-language keys exist for (`name_zh`, `name_en`).
pub const OLD_FORM_CODES: [&str; 2] = ["zh", "en"];

/// A translatable value as a page shows it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Picked<'a, T> {
    /// The value shown.
    pub value: &'a T,
    /// The language the value is in: the one asked for, or the fallback.
    pub lang: &'a str,
}

/// Each entry as the model has it, with the fields each entry (by index) writes both ways.
pub(crate) fn read_all<Y, M>(entries: Vec<Y>, read: impl Fn(Y, &mut Vec<Mixed>) -> M) -> (Vec<M>, Vec<(usize, Mixed)>) {
    let mut mixed = Vec::new();
    let models = (entries.into_iter().enumerate())
        .map(|(i, entry)| {
            let mut found = Vec::new();
            let model = read(entry, &mut found);
            mixed.extend(found.into_iter().map(|m| (i, m)));
            model
        })
        .collect();
    (models, mixed)
}

impl Localized<String> {
    /// The text in `code`, or `""` (for tools that write content, not for pages: those
    /// [`pick`](Localized::pick) with the fallback).
    pub fn text_in(&self, code: &str) -> &str {
        self.0.get(code).map_or("", String::as_str)
    }
}

impl<T> Localized<T> {
    /// The value in language `code`, without fallback.
    pub fn get(&self, code: &str) -> Option<&T> {
        self.0.get(code)
    }

    /// Sets the value in language `code`, replacing any.
    pub fn insert(&mut self, code: impl Into<String>, value: T) {
        self.0.insert(code.into(), value);
    }

    /// The languages written, in code order, with their values.
    pub fn iter(&self) -> impl Iterator<Item = (&str, &T)> {
        self.0.iter().map(|(k, v)| (k.as_str(), v))
    }

    /// Whether no language has a value (an optional field left out).
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// The one fallback rule: the value in `lang`, else the one in `fallback` (the site's
    /// source language, which validation requires for every required field).
    pub fn pick<'a>(&'a self, lang: &'a str, fallback: &'a str) -> Option<Picked<'a, T>> {
        let own = self.0.get_key_value(lang);
        own.or_else(|| self.0.get_key_value(fallback))
            .map(|(lang, value)| Picked { value, lang })
    }

    /// Reads one field as written: the map form `map` and the older keys (`zh`, `en`: the
    /// values of `name_zh`, `name_en`). An entry that uses both is noted in `mixed` (once,
    /// at its first older key).
    pub fn read(field: &'static str, map: Option<Self>, zh: Option<T>, en: Option<T>, mixed: &mut Vec<Mixed>) -> Self {
        let had_map = map.is_some();
        let mut out = map.unwrap_or_default();
        let mut first_old = None;
        for (code, value) in OLD_FORM_CODES.into_iter().zip([zh, en]) {
            let Some(v) = value else { continue };
            first_old.get_or_insert(code);
            out.0.entry(code.to_string()).or_insert(v);
        }
        if let Some(code) = first_old.filter(|_| had_map) {
            mixed.push(Mixed {
                field,
                key: old_key(field, code),
            });
        }
        out
    }
}

/// The older key of `field` in language `code`: `name_zh`; a glossary term's own spelling is
/// just `zh`.
pub fn old_key(field: &str, code: &str) -> String {
    if field == "term" {
        code.to_string()
    } else {
        format!("{field}_{code}")
    }
}

impl Localized<String> {
    /// [`Self::pick`] for text: empty when neither language has it (an optional field).
    pub fn text<'a>(&'a self, lang: &'a str, fallback: &'a str) -> &'a str {
        self.pick(lang, fallback).map_or("", |p| p.value.as_str())
    }
}

/// A field written both ways in one entry: the map key (`name`) and the older key that also
/// sets it, as a path from the entry (`name_zh`, `values.2.text_en`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Mixed {
    /// The field's map key (`name`, `text`).
    pub field: &'static str,
    /// Path from the entry to the older key that also sets it (`name_zh`, `values.2.text_en`).
    pub key: String,
}

impl Mixed {
    /// The same, seen from the entry that holds this one at `prefix` (`values.2`).
    pub fn under(self, prefix: &str) -> Mixed {
        Mixed {
            field: self.field,
            key: format!("{prefix}.{}", self.key),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn map(pairs: &[(&str, &str)]) -> Localized<String> {
        let mut l = Localized::default();
        for (k, v) in pairs {
            l.insert(*k, v.to_string());
        }
        l
    }

    #[test]
    fn picks_the_language_else_the_fallback() {
        let l = map(&[("zh", "甲"), ("en", "a")]);
        assert_eq!(
            l.pick("en", "zh").map(|p| (p.value.as_str(), p.lang)),
            Some(("a", "en"))
        );
        assert_eq!(
            l.pick("fr", "zh").map(|p| (p.value.as_str(), p.lang)),
            Some(("甲", "zh"))
        );
        assert_eq!(map(&[]).text("fr", "zh"), "");
    }

    #[test]
    fn both_forms_read_and_mixing_is_noticed() {
        let mut mixed = Vec::new();
        let l = Localized::read("name", None, Some("甲".to_string()), None, &mut mixed);
        assert_eq!(l, map(&[("zh", "甲")]));
        assert!(mixed.is_empty());
        let l = Localized::read("name", Some(map(&[("fr", "b")])), None, Some("a".into()), &mut mixed);
        assert_eq!(
            mixed,
            [Mixed {
                field: "name",
                key: "name_en".into()
            }],
            "a map and an old key for one field"
        );
        assert_eq!(l.get("fr").map(String::as_str), Some("b"));
        assert_eq!(old_key("term", "zh"), "zh");
    }

    #[test]
    fn the_map_form_reads_any_language() {
        let l: Localized<String> = serde_yaml::from_str("{zh: 甲, en: a, fr: b}").unwrap();
        assert_eq!(l.iter().map(|(k, _)| k).collect::<Vec<_>>(), ["en", "fr", "zh"]);
    }
}
