//! Where each translated edition stands against its source, section by section, for
//! `plansite translations`: each edition is rendered for its headings and section texts only,
//! with the same renderer (so the same ids and texts) as the build.

use super::markdown::{self, Options2};
use crate::content::{FrozenSection, Language, PlanDoc, Site, TranslationRecord};
use crate::diagnostics::Diagnostic;
use crate::translations::SourceSection;
use std::collections::BTreeMap;
use std::path::PathBuf;

/// One translated edition of a plan and its source's sections as they are now.
pub struct Edition {
    /// The plan id.
    pub plan: String,
    /// The edition's language code.
    pub lang: String,
    /// The edition's file and the source edition's file.
    pub path: PathBuf,
    /// The source-language file it is translated from.
    pub source_path: PathBuf,
    /// The source's sections, in text order.
    pub sources: Vec<SourceSection>,
    /// Section id → (line of its heading in `path`, heading text).
    pub headings: BTreeMap<String, (usize, String)>,
    /// Its record (empty when it was never reviewed), and whether the file exists.
    pub record: TranslationRecord,
    /// Whether `translations/<plan>.<lang>.yaml` exists.
    pub recorded: bool,
    /// Whether the edition has its own text (otherwise every section is missing: its page shows
    /// the source text).
    pub translated: bool,
}

/// Every edition in another language than the source's, plan by plan in id order, languages in
/// site order; one without text of its own has no headings.
pub fn survey(site: &Site) -> Result<Vec<Edition>, Diagnostic> {
    let default = site.default_language();
    let mut out = Vec::new();
    for plan in &site.plans {
        let Some(source) = plan.doc(default).filter(|d| d.has_text()) else {
            continue;
        };
        let (source_headings, texts) = sections(source, default)?;
        let sources: Vec<SourceSection> = (source_headings.iter().zip(&texts))
            .map(|((id, _), raw)| SourceSection::new(id, raw, default.script()))
            .collect();
        for lang in &site.config.languages[1..] {
            let doc = plan.doc(lang).filter(|d| d.has_text());
            let headings = match doc {
                Some(doc) => sections(doc, lang)?.0,
                None => Vec::new(),
            };
            let key = (plan.id.clone(), lang.code.clone());
            out.push(Edition {
                plan: plan.id.clone(),
                lang: lang.code.clone(),
                translated: doc.is_some(),
                path: doc.map_or_else(
                    || source.path.with_file_name(format!("{}.{}.md", plan.id, lang.code)),
                    |d| d.path.clone(),
                ),
                source_path: source.path.clone(),
                sources: sources.clone(),
                headings: headings.into_iter().collect(),
                record: site.translations.get(&key).cloned().unwrap_or_default(),
                recorded: site.translations.contains_key(&key),
            });
        }
    }
    Ok(out)
}

/// (id, (file line, heading text)) per heading of `doc`, and each section's raw text.
type Sections = (Vec<(String, (usize, String))>, Vec<String>);

fn sections(doc: &PlanDoc, lang: &Language) -> Result<Sections, Diagnostic> {
    let body = crate::load::read_body(doc)?;
    let opts = Options2 {
        break_spaces: !lang.script().joins_wide_line_breaks(),
        section_texts: true,
        ..Options2::default()
    };
    let rendered = markdown::render(&body, &opts);
    let headings = (rendered.headings.into_iter())
        .map(|h| (h.id, (doc.body_line + h.line - 1, h.text)))
        .collect();
    Ok((headings, rendered.section_texts))
}

/// Per plan with a source-language text (in site order), its sections as a release freezes
/// them: the same ids and fingerprints as the translation records and the plan pages.
pub(crate) fn source_sections(site: &Site) -> Result<Vec<(String, Vec<FrozenSection>)>, Diagnostic> {
    let default = site.default_language();
    let mut out = Vec::new();
    for plan in &site.plans {
        let Some(source) = plan.doc(default).filter(|d| d.has_text()) else {
            continue;
        };
        let (headings, texts) = sections(source, default)?;
        let frozen = (headings.into_iter().zip(&texts))
            .map(|((id, (_, heading)), raw)| {
                let s = SourceSection::new(&id, raw, default.script());
                FrozenSection {
                    id,
                    fingerprint: s.fingerprint,
                    heading,
                }
            })
            .collect();
        out.push((plan.id.clone(), frozen));
    }
    Ok(out)
}
