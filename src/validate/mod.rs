//! Stage 2: checks across documents, after each file was read and checked on its own.

mod qualifiers;
mod sheets;

use crate::content::{Plan, Site};
use crate::diagnostics::{Diagnostic, Diagnostics, Location};
use crate::memo::{self, Memo};
use rayon::prelude::*;
use std::sync::Arc;

/// Checks `site`; a plan's own checks are taken from `memo` when its files are unchanged.
pub fn validate<R: Send + Sync>(site: &Site, diags: &mut Diagnostics, memo: Option<&Memo<R>>) {
    let per_plan: Vec<Arc<Vec<Diagnostic>>> = site
        .plans
        .par_iter()
        .filter(|p| !p.broken)
        .map(|plan| {
            let checked = memo::reuse(
                memo,
                |m| &m.checked,
                plan,
                || {
                    let mut found = Diagnostics::default();
                    check_plan(site, plan, &mut found);
                    found.0
                },
            );
            checked.0
        })
        .collect();
    for found in per_plan {
        diags.extend(found.iter().cloned());
    }
    check_indicator_plans(site, diags);
    sheets::check_indicators(site, diags);
    sheets::check_glossary(site, diags);
    qualifiers::check_sheet(site, diags);
}

/// Every value names a plan that exists.
fn check_indicator_plans(site: &Site, diags: &mut Diagnostics) {
    for (i, ind) in site.indicators.iter().enumerate() {
        for (j, v) in ind.values.iter().enumerate() {
            if site.plan(&v.plan).is_none() {
                diags.push(
                    Diagnostic::error(
                        Some(site.indicator_positions.at(&format!("indicators.{i}.values.{j}.plan"))),
                        format!("indicator `{}` refers to unknown plan `{}`", ind.id, v.plan),
                    )
                    .with_hint(crate::load::suggest(&v.plan, site.plans.iter().map(|p| p.id.as_str()))),
                );
            }
        }
    }
}

fn check_plan(site: &Site, plan: &Plan, diags: &mut Diagnostics) {
    let default = site.default_language();
    let Some(source) = plan.doc(default) else {
        let any = plan.docs.values().next().map(|d| Location::new(&d.path, 1, 1));
        diags.push(
            Diagnostic::error(
                any,
                format!(
                    "plan {} has no {} document ({}.{}.md)",
                    plan.id, default.code, plan.id, default.code
                ),
            )
            .with_hint("every plan needs its source-language text; other languages fall back to it"),
        );
        return;
    };
    for lang in &site.config.languages[1..] {
        let Some(doc) = plan.doc(lang) else {
            diags.push(
                Diagnostic::warning(
                    Some(Location::new(&source.path, 1, 1)),
                    format!(
                        "plan {} has no {} translation: its {} page shows the {} text",
                        plan.id, lang.code, lang.code, default.code
                    ),
                )
                .with_hint(format!(
                    "add plans/{}.{}.md with the front matter (and the translated text when ready)",
                    plan.id, lang.code
                )),
            );
            continue;
        };
        // Language-neutral facts must agree between editions.
        let (a, b) = (&source.front, &doc.front);
        for (field, x, y) in [
            ("issued", Some(a.issued.as_str()), Some(b.issued.as_str())),
            ("published", a.published.as_deref(), b.published.as_deref()),
            ("period", Some(a.period.as_str()), Some(b.period.as_str())),
            ("kind", Some(a.kind.key()), Some(b.kind.key())),
        ] {
            if x != y {
                diags.push(
                    Diagnostic::error(
                        Some(doc.positions.at(field)),
                        format!(
                            "`{field}` is {:?} here but {:?} in {}",
                            y.unwrap_or("(none)"),
                            x.unwrap_or("(none)"),
                            source.path.display()
                        ),
                    )
                    .with_hint("dates, period and kind are the same fact in every language: make them equal"),
                );
            }
        }
        if !doc.has_text() {
            diags.push(Diagnostic::warning(
                Some(Location::new(&doc.path, doc.body_line, 1)),
                format!(
                    "plan {} is not translated to {} yet: its page shows the {} text",
                    plan.id, lang.code, default.code
                ),
            ));
        }
        // Whether both editions have the same sections is checked as their pages are rendered
        // (render::pages::alignment): rendering makes the heading ids.
    }
    qualifiers::check_plan(site, plan, diags);
}
