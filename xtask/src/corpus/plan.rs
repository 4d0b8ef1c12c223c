//! One generated plan: a skeleton of numbered sections filled with sampled text, tables,
//! boxes, indicator values and glossary terms, written out in both languages.

use super::front::{City, front_matter};
use super::material::{Material, TERM_SENTENCES};
use super::{Options, mix, yaml};
use fastrand::Rng;
use plansite::content::{Attribute, Comparator, Localized, Value, ValueKind, Year};
use std::fmt::Write as _;

pub(super) struct GeneratedPlan {
    pub id: String,
    pub zh: String,
    pub en: String,
    /// (indicator index in `Material::indicators`, value).
    pub values: Vec<(usize, Value)>,
}

impl Material {
    /// Plan number `p` (0-based) named after `city`.
    pub(super) fn plan(&self, p: usize, city: &City, opts: &Options) -> Result<GeneratedPlan, String> {
        let mut rng = Rng::with_seed(mix(opts.seed, p as u64));
        let rng = &mut rng;
        let id = format!("{}-{:05}", city.slug, p + 1);
        let front = front_matter(rng, city);
        let (start, end) = front.years;

        // Skeleton: the headings with their levels, a random walk that never skips a level.
        let target = rng.usize(10_000..=40_000);
        let wanted = (target / 900).max(6);
        let mut sections: Vec<Section> = Vec::new();
        let mut level = 2;
        for k in 0..wanted {
            if k > 0 {
                let r = rng.f64();
                level = if level < 5 && r < if level == 4 { 0.15 } else { 0.45 } {
                    level + 1
                } else if r < 0.75 || level == 2 {
                    level
                } else {
                    rng.usize(2..level)
                };
            }
            let (zh, en) = self.heading(rng, level);
            sections.push(Section {
                level,
                zh,
                en,
                blocks: Vec::new(),
            });
        }
        let preamble: Vec<Block> = vec![Block::Para(self.paragraph(rng)), Block::Para(self.paragraph(rng))];
        for s in &mut sections {
            if s.level > 2 || rng.bool() {
                s.blocks.push(Block::Para(self.paragraph(rng)));
            }
        }
        // Fill with text, tables and boxes up to the target size.
        let mut size: usize =
            sections.iter().map(Section::zh_len).sum::<usize>() + preamble.iter().map(Block::zh_len).sum::<usize>();
        while size < target {
            let s = rng.usize(..sections.len());
            let r = rng.f64();
            let block = if r < 0.06 {
                self.table(rng)
            } else if r < 0.13 {
                let title = self.heading(rng, 4);
                let paras = (0..rng.usize(1..=2)).map(|_| self.paragraph(rng)).collect();
                let items = (0..rng.usize(0..=4))
                    .map(|_| (self.sentence_zh(rng).to_string(), self.sentence_en(rng).to_string()))
                    .collect();
                Block::Box { title, paras, items }
            } else {
                Block::Para(self.paragraph(rng))
            };
            size += block.zh_len();
            sections[s].blocks.push(block);
        }
        // Indicator values: the quote in the Chinese text, the figure in the same English section.
        let mut values = Vec::new();
        let mut sentences = Vec::new();
        let count = rng.usize(3..=8).min(self.indicators.len());
        let mut chosen: Vec<usize> = Vec::new();
        while chosen.len() < count {
            let i = rng.usize(..self.indicators.len());
            if !chosen.contains(&i) {
                chosen.push(i);
            }
        }
        for (k, &i) in chosen.iter().enumerate() {
            let actual = k == 0 && rng.bool();
            let (value, zh, en) = self.value(rng, i, &id, if actual { start - 1 } else { end }, actual);
            append_to_paragraph(rng, &mut sections, &zh, &en);
            sentences.push(zh);
            values.push((i, value));
        }
        // Glossary terms: a window of the term list per plan, so every term is used by two plans.
        let t = self.terms.len();
        let per_plan = (2 * t).div_ceil(opts.plans.max(1)).clamp(8, t);
        for j in 0..per_plan {
            let term = &self.terms[(p * per_plan + j) % t];
            let (tz, te) = TERM_SENTENCES[rng.usize(..TERM_SENTENCES.len())];
            let (zh, en) = (
                tz.replace("{}", term.term.text_in("zh")),
                te.replace("{}", term.term.text_in("en")),
            );
            append_to_paragraph(rng, &mut sections, &zh, &en);
        }
        for s in &mut sections {
            self.align_terms(s);
        }
        let zh = render(&yaml::front_matter(&front.zh)?, &preamble, &sections, true);
        for ((_, value), sentence) in values.iter_mut().zip(&sentences) {
            value.occurrence = occurrence_of(&zh, &value.quote, sentence);
        }
        let en = render(&yaml::front_matter(&front.en)?, &preamble, &sections, false);
        Ok(GeneratedPlan { id, zh, en, values })
    }

    /// The sampled sentences of a section's two languages are unrelated: where its Chinese uses
    /// glossary terms, a closing sentence names them in both, so the English uses each term as
    /// a faithful translation would (the build checks this, like a real site's).
    fn align_terms(&self, section: &mut Section) {
        let mut zh = String::new();
        for b in &section.blocks {
            // Titles too: a table's is a paragraph of the page.
            let pairs: Vec<(&String, &String)> = match b {
                Block::Para((z, e)) => vec![(z, e)],
                Block::Table { title, zh: z, en: e } => vec![(&title.0, &title.1), (z, e)],
                Block::Box { title, paras, items } => std::iter::once(title)
                    .chain(paras)
                    .chain(items)
                    .map(|(z, e)| (z, e))
                    .collect(),
            };
            for (z, _) in pairs {
                zh.push_str(z);
            }
        }
        let missing: Vec<&plansite::content::Term> = (self.terms.iter())
            .filter(|t| t.spellings("zh").any(|s| zh.contains(s.as_str())))
            .collect();
        if missing.is_empty() {
            return;
        }
        let names = |lang: &str, sep: &str| -> String {
            missing
                .iter()
                .map(|t| t.term.text_in(lang))
                .collect::<Vec<_>>()
                .join(sep)
        };
        section.blocks.push(Block::Para((
            format!("本节涉及{}。", names("zh", "、")),
            format!("This section concerns {}.", names("en", ", ")),
        )));
    }

    /// A value of indicator `i` for `year`: (sheet entry, Chinese sentence, English sentence).
    fn value(&self, rng: &mut Rng, i: usize, plan: &str, year: i32, actual: bool) -> (Value, String, String) {
        let c = &self.indicators[i];
        let ind = &c.indicator;
        let mut v = c.number * (0.85 + 0.3 * rng.f64());
        if ind.unit.text_in("zh").contains('%') && c.number <= 100.0 {
            v = v.min(100.0);
        }
        let integral = c.number.fract() == 0.0 && c.number >= 10.0;
        let number = if integral {
            serde_json::Number::from(v.round() as u64)
        } else {
            serde_json::Number::from_f64((v * 10.0).round() / 10.0).expect("finite")
        };
        let shown = number.to_string();
        let (uz, ue) = (ind.unit.text_in("zh").trim(), ind.unit.text_in("en").trim());
        let ue_sep = if ue.is_empty() || ue == "%" {
            ue.to_string()
        } else {
            format!(" {ue}")
        };
        let comparator = if actual { Comparator::Exactly } else { c.comparator };
        let (text_zh, text_en) = match comparator {
            Comparator::AtLeast => (format!("{shown}{uz}以上"), format!("at least {shown}{ue_sep}")),
            Comparator::Above => (format!("超过{shown}{uz}"), format!("more than {shown}{ue_sep}")),
            Comparator::AtMost => (format!("不超过{shown}{uz}"), format!("at most {shown}{ue_sep}")),
            Comparator::Below => (format!("低于{shown}{uz}"), format!("below {shown}{ue_sep}")),
            Comparator::About => (format!("{shown}{uz}左右"), format!("about {shown}{ue_sep}")),
            Comparator::Exactly | Comparator::Range => (format!("{shown}{uz}"), format!("{shown}{ue_sep}")),
        };
        let (quote, zh, en) = if actual {
            let q = format!("{}为{text_zh}", ind.name.text_in("zh"));
            let en = format!(
                "In {year}, the {} stood at {text_en}.",
                lower_first(ind.name.text_in("en"))
            );
            (q.clone(), format!("{year}年,{q}。"), en)
        } else {
            let q = format!("{}达到{text_zh}", ind.name.text_in("zh"));
            let en = format!(
                "By {year}, the {} will reach {text_en}.",
                lower_first(ind.name.text_in("en"))
            );
            (q.clone(), format!("到{year}年,{q}。"), en)
        };
        let attribute = (!actual).then(|| {
            if rng.bool() {
                Attribute::Expected
            } else {
                Attribute::Binding
            }
        });
        let value = Value {
            plan: plan.to_string(),
            kind: if actual { ValueKind::Actual } else { ValueKind::Target },
            year: Year::Year(year),
            value: Some(number),
            value_max: None,
            comparator,
            text: super::material::two(text_zh, text_en),
            attribute,
            quote,
            occurrence: None,
            note: Localized::default(),
            measure: None,
            scope: Localized::default(),
            inferred: Vec::new(),
        };
        (value, zh, en)
    }

    /// A table of indicators (caption, header, 3–8 rows) in both languages.
    fn table(&self, rng: &mut Rng) -> Block {
        let rows = (0..rng.usize(3..=8))
            .map(|_| {
                let c = &self.indicators[rng.usize(..self.indicators.len())];
                let cap = if c.indicator.unit.text_in("zh").contains('%') && c.number <= 100.0 {
                    100.0
                } else {
                    f64::MAX
                };
                let base = (c.number * (0.7 + 0.3 * rng.f64())).min(cap);
                let target = (c.number * (0.9 + 0.3 * rng.f64())).min(cap);
                let binding = rng.bool();
                (c, format!("{base:.1}"), format!("{target:.1}"), binding)
            })
            .collect::<Vec<_>>();
        let mut zh = String::from("| 序号 | 指标 | 单位 | 基期值 | 目标值 | 属性 |\n|---|---|---|---|---|---|\n");
        let mut en = String::from("| No. | Indicator | Unit | Baseline | Target | Type |\n|---|---|---|---|---|---|\n");
        for (k, (c, base, target, binding)) in rows.iter().enumerate() {
            let ind = &c.indicator;
            let (az, ae) = if *binding {
                ("约束性", "binding")
            } else {
                ("预期性", "expected")
            };
            let _ = writeln!(
                zh,
                "| {} | {} | {} | {base} | {target} | {az} |",
                k + 1,
                ind.name.text_in("zh"),
                ind.unit.text_in("zh")
            );
            let _ = writeln!(
                en,
                "| {} | {} | {} | {base} | {target} | {ae} |",
                k + 1,
                ind.name.text_in("en"),
                ind.unit.text_in("en")
            );
        }
        Block::Table {
            title: self.heading(rng, 3),
            zh,
            en,
        }
    }
}

/// Appends a sentence to a random paragraph (one of its own if the section has none).
/// Which occurrence of `quote` in the body of plan file `file` is the one in the value's own
/// `sentence`, when a sampled sentence holds the quote too (a quote found twice must say which).
/// Headings are left out (quotes are not looked for in them); paragraphs run together, which
/// a quote without punctuation at its ends cannot tell apart.
fn occurrence_of(file: &str, quote: &str, sentence: &str) -> Option<u32> {
    let body = file.splitn(3, "---\n").nth(2).unwrap_or(file);
    let body: String = (body.split_inclusive('\n'))
        .map(|l| if l.starts_with('#') { "\n" } else { l })
        .collect();
    // Compared as the build compares quotes: NFKC, whitespace left out.
    let norm = |s: &str| plansite::render::annotate::normalize(s, true);
    let (body, quote, sentence) = (norm(&body), norm(quote), norm(sentence));
    let (quote, sentence) = (quote.as_str(), sentence.as_str());
    let starts: Vec<usize> = (0..body.len())
        .filter(|&i| body.is_char_boundary(i) && body[i..].starts_with(quote))
        .collect();
    if starts.len() < 2 {
        return None;
    }
    let own = body.find(sentence)? + sentence.find(quote)?;
    Some(1 + starts.iter().filter(|&&s| s < own).count() as u32)
}

fn append_to_paragraph(rng: &mut Rng, sections: &mut [Section], zh: &str, en: &str) {
    let s = rng.usize(..sections.len());
    let blocks = &mut sections[s].blocks;
    let paras: Vec<usize> = (0..blocks.len())
        .filter(|&b| matches!(blocks[b], Block::Para(_)))
        .collect();
    if paras.is_empty() {
        blocks.push(Block::Para((zh.to_string(), en.to_string())));
        return;
    }
    if let Block::Para((pz, pe)) = &mut blocks[paras[rng.usize(..paras.len())]] {
        pz.push_str(zh);
        pe.push(' ');
        pe.push_str(en);
    }
}

struct Section {
    level: usize,
    zh: String,
    en: String,
    blocks: Vec<Block>,
}

impl Section {
    fn zh_len(&self) -> usize {
        self.zh.len() + 10 + self.blocks.iter().map(Block::zh_len).sum::<usize>()
    }
}

enum Block {
    Para((String, String)),
    Table {
        title: (String, String),
        zh: String,
        en: String,
    },
    Box {
        title: (String, String),
        paras: Vec<(String, String)>,
        items: Vec<(String, String)>,
    },
}

impl Block {
    fn zh_len(&self) -> usize {
        match self {
            Block::Para((zh, _)) => zh.len() + 2,
            Block::Table { title, zh, .. } => title.0.len() + zh.len() + 12,
            Block::Box { title, paras, items } => {
                title.0.len()
                    + 30
                    + paras.iter().map(|p| p.0.len() + 2).sum::<usize>()
                    + items.iter().map(|i| i.0.len() + 3).sum::<usize>()
            }
        }
    }
}

/// Writes one language's Markdown file: front matter, then the sections with their numbering.
fn render(front: &str, preamble: &[Block], sections: &[Section], zh: bool) -> String {
    let mut out = String::with_capacity(64 * 1024);
    let _ = write!(out, "---\n{front}---\n\n");
    let mut counters = [0usize; 6];
    let (mut boxes, mut tables) = (0, 0);
    let mut blocks = |out: &mut String, list: &[Block]| {
        for b in list {
            match b {
                Block::Para((z, e)) => {
                    out.push_str(if zh { z } else { e });
                    out.push_str("\n\n");
                }
                Block::Table { title, zh: tz, en: te } => {
                    tables += 1;
                    let _ = if zh {
                        write!(out, "表{tables} {}\n\n{tz}\n", title.0)
                    } else {
                        write!(out, "Table {tables}: {}\n\n{te}\n", title.1)
                    };
                }
                Block::Box { title, paras, items } => {
                    boxes += 1;
                    let _ = if zh {
                        writeln!(out, "::: box 专栏{boxes}:{}\n", title.0)
                    } else {
                        writeln!(out, "::: box Box {boxes}: {}\n", title.1)
                    };
                    for (z, e) in paras {
                        let _ = writeln!(out, "{}\n", if zh { z } else { e });
                    }
                    for (z, e) in items {
                        let _ = writeln!(out, "- {}", if zh { z } else { e });
                    }
                    if !items.is_empty() {
                        out.push('\n');
                    }
                    out.push_str(":::\n\n");
                }
            }
        }
    };
    blocks(&mut out, preamble);
    for s in sections {
        counters[s.level] += 1;
        for c in &mut counters[s.level + 1..] {
            *c = 0;
        }
        let n = counters[s.level];
        let hashes = "#".repeat(s.level);
        let _ = match (s.level, zh) {
            (2, true) => writeln!(out, "{hashes} {}、{}\n", chinese_number(n), s.zh),
            (3, true) => writeln!(out, "{hashes} ({}){}\n", chinese_number(n), s.zh),
            (4, true) => writeln!(out, "{hashes} {n}.{}\n", s.zh),
            (_, true) => writeln!(out, "{hashes} ({n}){}\n", s.zh),
            (2, false) => writeln!(out, "{hashes} {}. {}\n", roman(n), s.en),
            (3, false) => writeln!(out, "{hashes} ({}) {}\n", roman(n), s.en),
            (4, false) => writeln!(out, "{hashes} {n}. {}\n", s.en),
            (_, false) => writeln!(out, "{hashes} ({n}) {}\n", s.en),
        };
        blocks(&mut out, &s.blocks);
    }
    while out.ends_with("\n\n") {
        out.pop();
    }
    out
}

/// 1 → 一, 12 → 十二, 40 → 四十.
fn chinese_number(n: usize) -> String {
    const D: [&str; 10] = ["零", "一", "二", "三", "四", "五", "六", "七", "八", "九"];
    match n {
        0..=9 => D[n].to_string(),
        10..=19 => format!("十{}", if n == 10 { "" } else { D[n % 10] }),
        20..=99 => format!("{}十{}", D[n / 10], if n.is_multiple_of(10) { "" } else { D[n % 10] }),
        _ => n.to_string(),
    }
}

fn roman(n: usize) -> String {
    plansite::import::roman(u32::try_from(n).unwrap_or(u32::MAX))
}

fn lower_first(s: &str) -> String {
    // Keep acronyms ("PM2.5", "GDP") and proper names as they are.
    let mut chars = s.chars();
    match (chars.next(), chars.next()) {
        (Some(a), Some(b)) if a.is_uppercase() && b.is_lowercase() => {
            a.to_lowercase().chain(s[a.len_utf8()..].chars()).collect()
        }
        _ => s.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_in_chinese_and_roman() {
        let cn: Vec<String> = [1, 10, 11, 20, 23].iter().map(|&n| chinese_number(n)).collect();
        assert_eq!(cn, ["一", "十", "十一", "二十", "二十三"]);
        let r: Vec<String> = [1, 4, 9, 14, 40].iter().map(|&n| roman(n)).collect();
        assert_eq!(r, ["I", "IV", "IX", "XIV", "XL"]);
    }
}
