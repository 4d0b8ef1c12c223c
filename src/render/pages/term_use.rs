//! The glossary as the term base: where a source section uses a term, its translation should
//! use the term's form in that language or one of its aliases. A `check` warning names the
//! section, the term and the spellings that would do.

use super::alignment::Anchors;
use crate::content::{Language, PlanDoc, Term};
use crate::diagnostics::{Diagnostic, Location};
use std::collections::HashSet;

/// One warning per (section, term) the source uses and the translation in `lang` does not;
/// `source_terms` and `terms` are the renderer's (section id, term index) first uses.
pub(super) fn unmatched_terms(
    (glossary, source_code): (&[Term], &str),
    (lang, doc, anchors): (&Language, &PlanDoc, &Anchors),
    source_terms: &[(String, usize)],
    terms: &[(String, usize)],
) -> Vec<Diagnostic> {
    let used: HashSet<(&str, usize)> = terms.iter().map(|(s, t)| (s.as_str(), *t)).collect();
    let mut out = Vec::new();
    for (section, t) in source_terms {
        if used.contains(&(section.as_str(), *t)) {
            continue;
        }
        let term = &glossary[*t];
        let spellings: Vec<String> = term.spellings(&lang.code).map(|s| format!("“{s}”")).collect();
        let (Some((line, heading)), false) = (anchors.get(section), spellings.is_empty()) else {
            continue;
        };
        let source = term.term.get(source_code).map_or("", String::as_str);
        out.push(
            Diagnostic::warning(
                Some(Location::new(&doc.path, *line, 1)),
                format!(
                    "section `{section}` ({heading}) translates the glossary term {source} without its {} form: {}",
                    lang.code,
                    spellings.join(" or ")
                ),
            )
            .with_hint(format!(
                "use one of them in this section, or add the spelling it uses to the {} aliases of `{}` in glossary.yaml",
                lang.code, term.id
            )),
        );
    }
    out
}
