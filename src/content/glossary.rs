//! `content/glossary.yaml`: terms the plans share, explained for a general reader.

use serde::{Deserialize, Serialize};

#[derive(Debug, Deserialize, Serialize, Default)]
#[serde(deny_unknown_fields)]
pub struct Glossary {
    #[serde(default)]
    pub terms: Vec<Term>,
}

#[derive(Debug, Deserialize, Serialize, Clone)]
#[serde(deny_unknown_fields)]
pub struct Term {
    /// The anchor on the glossary page, the same in every language.
    pub id: String,
    pub zh: String,
    pub en: String,
    #[serde(default)]
    pub aliases_zh: Vec<String>,
    #[serde(default)]
    pub aliases_en: Vec<String>,
    pub definition_zh: String,
    pub definition_en: String,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub related: Vec<String>,
}

impl Term {
    pub fn term(&self, lang: &str) -> &str {
        if lang == "zh" { &self.zh } else { &self.en }
    }
    pub fn aliases(&self, lang: &str) -> &[String] {
        if lang == "zh" {
            &self.aliases_zh
        } else {
            &self.aliases_en
        }
    }
    pub fn definition(&self, lang: &str) -> &str {
        if lang == "zh" {
            &self.definition_zh
        } else {
            &self.definition_en
        }
    }
    /// The first sentence of the definition: the tooltip in plan pages.
    pub fn short_definition(&self, lang: &str) -> &str {
        let d = self.definition(lang).trim();
        let end = d
            .char_indices()
            .find(|&(i, c)| c == '。' || (c == '.' && ends_sentence(&d[i + 1..])))
            .map(|(i, c)| i + c.len_utf8());
        end.map_or(d, |e| &d[..e])
    }
}

/// ". Next" ends a sentence; "e.g. x" does not.
fn ends_sentence(after: &str) -> bool {
    let mut chars = after.chars();
    chars.next() == Some(' ') && chars.next().is_some_and(|c| c.is_uppercase())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn short_definition_is_the_first_sentence() {
        let t: Term = serde_yaml::from_str(
            "{id: a, zh: 甲, en: a, definition_zh: 第一句。第二句。, definition_en: First one (e.g. x). Second.}",
        )
        .unwrap();
        assert_eq!(t.short_definition("zh"), "第一句。");
        assert_eq!(t.short_definition("en"), "First one (e.g. x).");
    }
}
