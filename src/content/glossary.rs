//! `content/glossary.yaml`: terms the plans share, explained for a general reader.

use super::localized::{Localized, Mixed};
use serde::Deserialize;

/// `glossary.yaml` as written (both ways of writing translatable fields); the model is
/// [`Glossary::into_terms`].
#[derive(Debug, Deserialize, Default)]
#[serde(deny_unknown_fields)]
pub struct Glossary {
    #[serde(default)]
    terms: Vec<TermYaml>,
}

impl Glossary {
    /// The terms, and per term (by index) the fields it writes both ways.
    pub fn into_terms(self) -> (Vec<Term>, Vec<(usize, Mixed)>) {
        super::localized::read_all(self.terms, TermYaml::into_term)
    }
}

/// Written (by tools such as the benchmark corpus) in the map form of translatable fields.
#[derive(Debug, Clone, serde::Serialize)]
pub struct Term {
    /// The anchor on the glossary page, the same in every language.
    pub id: String,
    /// The term itself, per language.
    pub term: Localized<String>,
    /// Other spellings the texts use, per language (never taken from another language).
    pub aliases: Localized<Vec<String>>,
    /// The explanation for a general reader, per language; its first sentence is the link tooltip.
    pub definition: Localized<String>,
    /// Ids of related terms, linked from this term's entry.
    pub related: Vec<String>,
}

impl Term {
    /// The spellings of the term in `lang`: the term, then its aliases.
    pub fn spellings<'a>(&'a self, lang: &str) -> impl Iterator<Item = &'a String> {
        self.term
            .get(lang)
            .into_iter()
            .chain(self.aliases.get(lang).into_iter().flatten())
    }
}

/// The first sentence of a definition: the tooltip in plan pages.
pub fn first_sentence(definition: &str) -> &str {
    let d = definition.trim();
    let end = d
        .char_indices()
        .find(|&(i, c)| c == '。' || (c == '.' && ends_sentence(&d[i + 1..])))
        .map(|(i, c)| i + c.len_utf8());
    end.map_or(d, |e| &d[..e])
}

/// ". Next" ends a sentence; "e.g. x" does not.
fn ends_sentence(after: &str) -> bool {
    let mut chars = after.chars();
    chars.next() == Some(' ') && chars.next().is_some_and(|c| c.is_uppercase())
}

/// A term as written in YAML.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct TermYaml {
    id: String,
    #[serde(default)]
    term: Option<Localized<String>>,
    #[serde(default)]
    zh: Option<String>,
    #[serde(default)]
    en: Option<String>,
    #[serde(default)]
    aliases: Option<Localized<Vec<String>>>,
    #[serde(default)]
    aliases_zh: Option<Vec<String>>,
    #[serde(default)]
    aliases_en: Option<Vec<String>>,
    #[serde(default)]
    definition: Option<Localized<String>>,
    #[serde(default)]
    definition_zh: Option<String>,
    #[serde(default)]
    definition_en: Option<String>,
    #[serde(default)]
    related: Vec<String>,
}

impl TermYaml {
    fn into_term(self, mixed: &mut Vec<Mixed>) -> Term {
        Term {
            id: self.id,
            term: Localized::read("term", self.term, self.zh, self.en, mixed),
            aliases: Localized::read("aliases", self.aliases, self.aliases_zh, self.aliases_en, mixed),
            definition: Localized::read(
                "definition",
                self.definition,
                self.definition_zh,
                self.definition_en,
                mixed,
            ),
            related: self.related,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_first_sentence_is_the_tooltip() {
        assert_eq!(first_sentence("第一句。第二句。"), "第一句。");
        assert_eq!(first_sentence("First one (e.g. x). Second."), "First one (e.g. x).");
    }

    #[test]
    fn terms_read_both_forms() {
        let g: Glossary = serde_yaml::from_str(
            "terms:\n- {id: a, zh: 甲, en: a, aliases_en: [as], definition_zh: 甲。, definition_en: A.}\n\
             - {id: b, term: {zh: 乙, fr: bé}, aliases: {fr: [bés]}, definition: {zh: 乙。}, en: b}\n",
        )
        .unwrap();
        let (terms, mixed) = g.into_terms();
        assert_eq!(terms[0].spellings("en").collect::<Vec<_>>(), ["a", "as"]);
        assert_eq!(terms[1].spellings("fr").collect::<Vec<_>>(), ["bé", "bés"]);
        assert_eq!(
            mixed,
            [(
                1,
                Mixed {
                    field: "term",
                    key: "en".into()
                }
            )]
        );
    }
}
