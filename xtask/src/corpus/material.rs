//! What the generator samples from: the source site's sentences, headings, indicators and
//! glossary terms.

use fastrand::Rng;
use plansite::content::{Comparator, Indicator, Localized, Site, Term};
use regex::Regex;

/// Total glossary size at least (the real terms plus derived ones).
const MIN_TERMS: usize = 120;

/// The source site's sentences and headings, its indicators with a number to vary, and the
/// glossary (the real terms and derived ones).
pub(super) struct Material {
    zh: Vec<String>,
    en: Vec<String>,
    /// Heading titles without their numbering, per level 2..=5.
    heads_zh: [Vec<String>; 4],
    heads_en: [Vec<String>; 4],
    pub indicators: Vec<Concept>,
    pub terms: Vec<Term>,
}

/// An indicator of the real sheet with a numeric value to vary.
pub(super) struct Concept {
    pub indicator: Indicator,
    pub number: f64,
    pub comparator: Comparator,
}

/// Characters that would make a sampled sentence Markdown syntax or a link.
fn clean(s: &str) -> bool {
    !s.contains([
        '[', ']', '*', '_', '<', '>', '|', '{', '}', '`', '\\', '#', '~', '$', '&',
    ]) && !s.contains("http")
        && !s.contains(":::")
        && s.chars()
            .next()
            .is_some_and(|c| !c.is_ascii_digit() && !matches!(c, '-' | '+' | '=' | '(' | '\u{FF08}' | ' '))
}

impl Material {
    pub(super) fn from_site(site: &Site) -> Result<Material, String> {
        let zh_num = Regex::new(
            r"^\s*(?:第?[一二三四五六七八九十百]+[、.．章]|[(（][一二三四五六七八九十百]+[)）]|\d+[.．、]|[(（]\d+[)）])\s*",
        )
        .expect("valid regex");
        let en_num =
            Regex::new(r"^\s*(?:[IVXLCDM]+\.|\([IVXLCDM]+\)|\d+\.|\(\d+\)|Chapter \w+:?)\s*").expect("valid regex");
        let mut m = Material {
            zh: Vec::new(),
            en: Vec::new(),
            heads_zh: Default::default(),
            heads_en: Default::default(),
            indicators: Vec::new(),
            terms: Vec::new(),
        };
        for plan in &site.plans {
            for (code, doc) in &plan.docs {
                let zh = code == "zh";
                let (sentences, heads, num) = if zh {
                    (&mut m.zh, &mut m.heads_zh, &zh_num)
                } else if code == "en" {
                    (&mut m.en, &mut m.heads_en, &en_num)
                } else {
                    continue;
                };
                let body = plansite::load::read_body(doc).map_err(|d| d.render())?;
                for line in body.lines() {
                    let line = line.trim();
                    if let Some(rest) = line.strip_prefix("##") {
                        let level = 2 + rest.chars().take_while(|&c| c == '#').count();
                        let text = rest.trim_start_matches('#');
                        let text = text.split(" {#").next().unwrap_or("").trim();
                        let title = num.replace(text, "").trim().to_string();
                        if (2..=5).contains(&level) && clean(&title) && (2..=80).contains(&title.chars().count()) {
                            heads[level - 2].push(title);
                        }
                    } else if !line.is_empty() && !line.starts_with(['#', '|', ':', '>', '-', '*', '+', '[']) {
                        split_sentences(line, zh, sentences);
                    }
                }
            }
        }
        for list in [&mut m.zh, &mut m.en] {
            list.sort();
            list.dedup();
        }
        // The English is sampled apart from the Chinese, so it is no translation of it: a sentence
        // comparing with a number ("more than 100") would be read by `plansite check` against
        // whatever Chinese its section holds (100家以上 is "100 or more"). Such sentences stay out.
        let compares = regex::Regex::new(
            r"(?i-u)\b(more than|greater than|over|above|exceeding|less than|fewer than|below|under)\s+[0-9]",
        )
        .expect("valid regex");
        m.en.retain(|s| !compares.is_match(s));
        for heads in m.heads_zh.iter_mut().chain(m.heads_en.iter_mut()) {
            heads.sort();
            heads.dedup();
        }
        // A level without headings of its own borrows the neighbouring ones.
        for heads in [&mut m.heads_zh, &mut m.heads_en] {
            let all: Vec<String> = heads.iter().flatten().cloned().collect();
            for h in heads.iter_mut().filter(|h| h.is_empty()) {
                h.clone_from(&all);
            }
        }
        for ind in &site.indicators {
            let usable = |s: &str| clean(s) && !s.is_empty();
            if !usable(ind.name.text_in("zh")) || !usable(ind.name.text_in("en")) {
                continue;
            }
            let sample = ind.values.iter().find_map(|v| {
                let n = v.number()?;
                let comparator = if v.comparator == Comparator::Range {
                    Comparator::Exactly
                } else {
                    v.comparator
                };
                (n > 0.0).then_some((n, comparator))
            });
            if let Some((number, comparator)) = sample {
                m.indicators.push(Concept {
                    indicator: ind.clone(),
                    number,
                    comparator,
                });
            }
        }
        m.terms = derive_terms(&site.glossary);
        let missing = [
            (m.zh.is_empty(), "Chinese plan text"),
            (m.en.is_empty(), "English plan text"),
            (m.heads_zh[0].is_empty(), "Chinese headings"),
            (m.heads_en[0].is_empty(), "English headings"),
            (m.indicators.is_empty(), "indicators with numeric values"),
            (m.terms.is_empty(), "glossary terms"),
        ];
        if let Some((_, what)) = missing.iter().find(|(empty, _)| *empty) {
            return Err(format!("the source site has no {what} to sample from"));
        }
        Ok(m)
    }

    pub(super) fn sentence_zh(&self, rng: &mut Rng) -> &str {
        &self.zh[rng.usize(..self.zh.len())]
    }

    pub(super) fn sentence_en(&self, rng: &mut Rng) -> &str {
        &self.en[rng.usize(..self.en.len())]
    }

    /// A paragraph of 2–5 real sentences in each language.
    pub(super) fn paragraph(&self, rng: &mut Rng) -> (String, String) {
        let n = rng.usize(2..=5);
        let zh: String = (0..n).map(|_| self.sentence_zh(rng)).collect();
        let en: Vec<&str> = (0..n).map(|_| self.sentence_en(rng)).collect();
        (zh, en.join(" "))
    }

    pub(super) fn heading(&self, rng: &mut Rng, level: usize) -> (String, String) {
        let (zh, en) = (&self.heads_zh[level - 2], &self.heads_en[level - 2]);
        (zh[rng.usize(..zh.len())].clone(), en[rng.usize(..en.len())].clone())
    }
}

/// Splits a paragraph into sentences fit to reuse (plain text, a sensible length).
fn split_sentences(line: &str, zh: bool, out: &mut Vec<String>) {
    let mut start = 0;
    let bytes = line.as_bytes();
    for (i, c) in line.char_indices() {
        let end = if zh {
            (c == '。').then(|| i + c.len_utf8())
        } else {
            let ends = c == '.'
                && (i + 1 == bytes.len()
                    || line[i + 1..]
                        .strip_prefix(' ')
                        .and_then(|r| r.chars().next())
                        .is_some_and(char::is_uppercase));
            ends.then_some(i + 1)
        };
        if let Some(end) = end {
            let s = line[start..end].trim();
            let len = s.chars().count();
            let fits = if zh {
                (8..=160).contains(&len)
            } else {
                (30..=400).contains(&len)
            };
            if fits && clean(s) && (zh || s.starts_with(|c: char| c.is_uppercase())) {
                out.push(s.to_string());
            }
            start = end;
        }
    }
}

/// Sentences that mention a glossary term (`{}`), Chinese and English.
pub(super) const TERM_SENTENCES: &[(&str, &str)] = &[
    (
        "围绕{},加快推进相关工作。",
        "Work on {} will be stepped up across the city.",
    ),
    (
        "着力抓好{},形成部门工作合力。",
        "Departments will coordinate their efforts on {} closely.",
    ),
    (
        "持续深化{},提升工作实效。",
        "The city will keep deepening its work on {} and make it more effective.",
    ),
    (
        "积极推广{},扩大覆盖范围。",
        "The reach of {} will be widened to more enterprises and districts.",
    ),
];

/// The glossary: every real term, plus terms derived from them (a prefix in both languages)
/// until there are at least [`MIN_TERMS`].
fn derive_terms(real: &[Term]) -> Vec<Term> {
    const PREFIXES: &[(&str, &str, &str, &str)] = &[
        ("smart", "智慧", "smart", "依托信息化手段推进的"),
        ("regional", "区域", "regional", "在区域层面统筹推进的"),
        ("green", "绿色", "green", "突出节能环保要求的"),
        ("grassroots", "基层", "grassroots", "在乡镇街道层面落实的"),
        ("digital", "数字化", "digital", "以数据和平台支撑的"),
    ];
    let mut terms: Vec<Term> = real.to_vec();
    if real.is_empty() {
        return terms;
    }
    let wanted = MIN_TERMS.max(real.len() + 10);
    let mut taken: std::collections::HashSet<String> = std::collections::HashSet::new();
    for t in real {
        taken.insert(t.id.clone());
        for s in std::iter::once(t.term.text_in("zh")).chain(
            t.aliases
                .get("zh")
                .map_or(&[][..], Vec::as_slice)
                .iter()
                .map(String::as_str),
        ) {
            taken.insert(plansite::content::Script::Han.normalize(s));
        }
        for s in std::iter::once(t.term.text_in("en")).chain(
            t.aliases
                .get("en")
                .map_or(&[][..], Vec::as_slice)
                .iter()
                .map(String::as_str),
        ) {
            taken.insert(plansite::content::Script::Latin.normalize(s));
        }
    }
    'outer: for (slug, pz, pe, dz) in PREFIXES {
        for t in real {
            if terms.len() >= wanted {
                break 'outer;
            }
            let id = format!("{slug}-{}", t.id);
            let zh = format!("{pz}{}", t.term.text_in("zh"));
            let en = format!("{pe} {}", t.term.text_in("en"));
            let keys = [
                id.clone(),
                plansite::content::Script::Han.normalize(&zh),
                plansite::content::Script::Latin.normalize(&en),
            ];
            if keys.iter().any(|k| taken.contains(k)) {
                continue;
            }
            taken.extend(keys);
            let definition_zh = format!("{dz}{}。{}", t.term.text_in("zh"), t.definition.text_in("zh"));
            let definition_en = format!(
                "The {pe} approach applied to {}. {}",
                t.term.text_in("en"),
                t.definition.text_in("en")
            );
            terms.push(Term {
                id,
                term: two(zh, en),
                aliases: Localized::default(),
                definition: two(definition_zh, definition_en),
                related: vec![t.id.clone()],
            });
        }
    }
    terms
}

/// A text in Chinese and English, as the corpus writes every translatable field.
pub(super) fn two(zh: String, en: String) -> Localized<String> {
    let mut l = Localized::default();
    l.insert("zh", zh);
    l.insert("en", en);
    l
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sentences_are_split_and_filtered() {
        let mut out = Vec::new();
        split_sentences(
            "推进质量强市建设工作。1.不要编号开头的句子。**粗体**不行。加强质量基础设施建设。",
            true,
            &mut out,
        );
        assert_eq!(out, ["推进质量强市建设工作。", "加强质量基础设施建设。"]);
        let mut en = Vec::new();
        split_sentences(
            "The city will build a quality infrastructure hub. See [link](x) for more on this. It will, e.g. for firms, help them a lot.",
            false,
            &mut en,
        );
        assert_eq!(
            en,
            [
                "The city will build a quality infrastructure hub.",
                "It will, e.g. for firms, help them a lot."
            ]
        );
    }
}
