//! The red header (版头) of an official document — 份号, 密级, 紧急程度, the issuing organ's mark
//! (发文机关标志, "…文件"), the document number (文号) and 签发人 — goes to the front matter.

use super::segment::DOC_NUMBER;
use super::{Item, Source};
use regex::Regex;
use std::sync::LazyLock;

static SIGNER: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"签\s*发\s*人\s*[:：]\s*(\S+(?:\s\S+)*)").unwrap());
static COPY_NO: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"^\d{6}$").unwrap());
static SECRECY: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"^(秘密|机密|绝密|特急|加急|平急)").unwrap());

/// How far into the document a red header may reach.
const MAX_LEAD: usize = 8;

enum Part {
    OrganMark,
    Number,
    Other(&'static str),
}

fn part(text: &str, red: bool, index: usize) -> Option<Part> {
    let chars = text.chars().count();
    if DOC_NUMBER.is_match(text) && chars <= 40 {
        return Some(Part::Number);
    }
    if SIGNER.is_match(text) && chars <= 40 {
        return Some(Part::Number);
    }
    if text.ends_with("文件") && chars <= 40 && (red || index < 3) {
        return Some(Part::OrganMark);
    }
    if COPY_NO.is_match(text) {
        return Some(Part::Other("份号"));
    }
    if SECRECY.is_match(text) && chars <= 12 {
        return Some(Part::Other("密级或紧急程度"));
    }
    (red && chars <= 40).then_some(Part::Other("版头"))
}

/// Moves the red header at the top of `source` into its front matter, if it has one.
pub(super) fn take(source: &mut Source) {
    let mut found = Vec::new();
    let mut has_mark_or_number = false;
    for (i, item) in source.items.iter().take(MAX_LEAD).enumerate() {
        let Item::Para(p) = item else { break };
        let Some(part) = part(p.text.trim(), p.red, i) else {
            break;
        };
        has_mark_or_number |= matches!(part, Part::OrganMark | Part::Number);
        found.push((part, p.text.trim().to_string()));
    }
    if !has_mark_or_number {
        return;
    }
    let meta = &mut source.meta;
    for (part, text) in &found {
        match part {
            Part::OrganMark => {
                meta.extra("发文机关标志", text);
                let organ = text.trim_end_matches("文件").trim();
                if meta.issuer.is_none() && !organ.is_empty() {
                    meta.issuer = Some(organ.to_string());
                    source
                        .report
                        .guess(format!("issuer {organ:?} taken from the organ mark {text:?}"));
                }
            }
            Part::Number => {
                if let Some(n) = DOC_NUMBER.find(text) {
                    meta.doc_number.get_or_insert_with(|| n.as_str().to_string());
                }
                if let Some(s) = SIGNER.captures(text) {
                    meta.extra("签发人", &s[1]);
                }
                if !DOC_NUMBER.is_match(text) && !SIGNER.is_match(text) {
                    meta.extra("版头", text);
                }
            }
            Part::Other(label) => meta.extra(label, text),
        }
    }
    source.report.recovered(format!(
        "red header (版头) of {} paragraphs moved to the front matter: {}",
        found.len(),
        found.iter().map(|(_, t)| t.as_str()).collect::<Vec<_>>().join(" / ")
    ));
    source.items.drain(..found.len());
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::import::Para;

    #[test]
    fn organ_mark_number_and_signer_leave_the_body() {
        let red = |t: &str| {
            let mut p = Para::plain(t);
            p.red = true;
            Item::Para(p)
        };
        let mut source = Source {
            items: vec![
                red("瑞安市人民政府文件"),
                red("瑞政发〔2021〕18号　　签发人：张三"),
                Item::Para(Para::plain("瑞安市人民政府关于印发规划的通知")),
            ],
            ..Source::default()
        };
        take(&mut source);
        assert_eq!(source.items.len(), 1);
        assert_eq!(source.meta.issuer.as_deref(), Some("瑞安市人民政府"));
        assert_eq!(source.meta.doc_number.as_deref(), Some("瑞政发〔2021〕18号"));
        assert!(
            source.meta.extras.contains(&("签发人".into(), "张三".into())),
            "{:?}",
            source.meta.extras
        );
    }

    #[test]
    fn a_plain_first_paragraph_is_no_red_header() {
        let mut source = Source {
            items: vec![Item::Para(Para::plain("瑞安市质量强市规划"))],
            ..Source::default()
        };
        take(&mut source);
        assert_eq!(source.items.len(), 1);
    }
}
