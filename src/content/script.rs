//! How a language's text behaves, set per language in `site.yaml` (`script: han | latin`) or
//! derived from its locale: how terms sort and compare, how glossary terms are found in the
//! text, and whether a line break inside a paragraph is a space.

use pinyin::ToPinyin;
use serde::{Deserialize, Serialize};
use unicode_normalization::UnicodeNormalization;
use unicode_normalization::char::is_combining_mark;

/// How a language's text is written: decides sorting, comparing, finding terms and line breaks.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Deserialize, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Script {
    /// Chinese characters, no spaces between words: sorted by pinyin, compared after NFKC,
    /// terms found anywhere in the text, line breaks between two characters dropped.
    Han,
    /// Alphabetic text with spaces: sorted alphabetically ignoring case and accents, compared
    /// ignoring case, terms found as whole words, line breaks are spaces.
    Latin,
}

/// Primary language subtags written in Chinese characters.
const HAN_LANGUAGES: [&str; 3] = ["zh", "yue", "cmn"];

impl Script {
    /// The script a locale (`zh-CN`, `en`, `fr-FR`) is written in, when `site.yaml` does not say.
    pub fn of_locale(locale: &str) -> Script {
        let primary = locale.split(['-', '_']).next().unwrap_or("").to_ascii_lowercase();
        if HAN_LANGUAGES.contains(&primary.as_str()) {
            Script::Han
        } else {
            Script::Latin
        }
    }

    /// Glossary terms match whole words only, ignoring (ASCII) case.
    pub fn whole_words(self) -> bool {
        self == Script::Latin
    }

    /// A soft line break between two wide characters vanishes (Chinese may wrap anywhere).
    pub fn joins_wide_line_breaks(self) -> bool {
        self == Script::Han
    }

    /// How two spellings of a term compare: equal after this.
    pub fn normalize(self, s: &str) -> String {
        let s: String = s.trim().nfkc().collect();
        match self {
            Script::Han => s,
            Script::Latin => s.to_lowercase(),
        }
    }

    /// The key a term sorts by: pinyin per character, or the letters without case and accents.
    /// Opening quotes and brackets do not count: “浙江制造” files under Z, "at most" under A.
    pub fn sort_key(self, term: &str) -> String {
        let term = term.trim_start_matches(|c: char| !c.is_alphanumeric());
        match self {
            Script::Latin if term.is_ascii() => term.to_ascii_lowercase(),
            Script::Latin => term
                .nfd()
                .filter(|c| !is_combining_mark(*c))
                .flat_map(char::to_lowercase)
                .collect(),
            Script::Han => {
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
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn scripts_follow_the_locale() {
        assert_eq!(Script::of_locale("zh-CN"), Script::Han);
        assert_eq!(Script::of_locale("zh"), Script::Han);
        assert_eq!(Script::of_locale("en"), Script::Latin);
        assert_eq!(Script::of_locale("fr-FR"), Script::Latin);
    }

    #[test]
    fn chinese_sorts_by_pinyin_latin_by_letters() {
        let mut terms = vec!["质量", "标准", "河长制", "安全"];
        terms.sort_by_key(|t| Script::Han.sort_key(t));
        assert_eq!(terms, ["安全", "标准", "河长制", "质量"]);
        let mut fr = vec!["zone", "État", "économie", "Eau"];
        fr.sort_by_key(|t| Script::Latin.sort_key(t));
        assert_eq!(fr, ["Eau", "économie", "État", "zone"]);
    }

    #[test]
    fn spellings_compare_by_script() {
        assert_eq!(Script::Latin.normalize(" Chief Officer "), "chief officer");
        assert_eq!(Script::Han.normalize("ＡＢ质量"), "AB质量");
    }
}
