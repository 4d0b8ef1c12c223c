//! Both editions of a plan have the same sections, so the language switch keeps the reader's
//! place: checked from the heading and block ids their pages were rendered with (rendering
//! each text a second time only for its ids cost a tenth of a build).

use crate::content::PlanDoc;
use crate::diagnostics::{Diagnostic, Location};
use crate::render::markdown::Rendered;
use std::collections::BTreeMap;

/// Section and block anchors of one edition: id → (line in the file, heading text or id).
pub(super) type Anchors = BTreeMap<String, (usize, String)>;

/// The anchors of `doc`'s rendered page.
pub(super) fn anchors(doc: &PlanDoc, r: &Rendered) -> Anchors {
    (r.headings.iter())
        .map(|h| (h.id.clone(), (doc.body_line + h.line - 1, h.text.clone())))
        .chain((r.blocks.iter()).map(|(id, line)| (id.clone(), (doc.body_line + line - 1, id.clone()))))
        .collect()
}

/// Every section anchor of one edition must exist in the other.
pub(super) fn check(source: &PlanDoc, a: &Anchors, doc: &PlanDoc, b: &Anchors) -> Vec<Diagnostic> {
    let mut diags = Vec::new();
    for (id, (line, text)) in a {
        if !b.contains_key(id) {
            diags.push(
                Diagnostic::error(
                    Some(Location::new(&doc.path, doc.body_line, 1)),
                    format!("section `{id}` ({text}) of {} is missing here", source.path.display()),
                )
                .with_hint(format!(
                    "translate the heading at {}:{line} so both editions have the same headings in the same order",
                    source.path.display()
                )),
            );
        }
    }
    for (id, (line, text)) in b {
        if !a.contains_key(id) {
            diags.push(
                Diagnostic::error(
                    Some(Location::new(&doc.path, *line, 1)),
                    format!("section `{id}` ({text}) does not exist in {}", source.path.display()),
                )
                .with_hint("remove it or add the same heading level in the source edition"),
            );
        }
    }
    diags
}
