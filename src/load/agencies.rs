//! `agencies.yaml`: the registry of responsible bodies. Each entry is checked here (ids,
//! levels, parents, websites); a spelling claimed by two bodies serving the same plans is an
//! error, since a note naming it could not say which body it means.

use super::sheets::{load_sheet, no_empty_text, parse_sheet, report_mixed, suggest};
use super::yaml;
use crate::content::{Agency, AgencySheet, Script, validate_id};
use crate::diagnostics::{Diagnostic, Diagnostics};
use std::collections::HashMap;
use std::path::Path;

pub(super) use super::cache::Agencies;

pub(super) fn load_agencies(source: &Path, diags: &mut Diagnostics, cache: Option<&super::Cache>) -> Agencies {
    let path = source.join("agencies.yaml");
    load_sheet(&path, diags, cache.map(|c| &c.agencies), |text, diags| {
        check_agencies(text, &path, diags)
    })
}

fn check_agencies(text: &str, path: &Path, diags: &mut Diagnostics) -> Agencies {
    diags.extend(super::text::warn_invisible(text, path, 1));
    let Some((sheet, pos)) = parse_sheet::<AgencySheet>(text, path, diags) else {
        return Agencies::default();
    };
    let (agencies, mixed) = sheet.into_agencies();
    report_mixed(&pos, "agencies", mixed, diags);
    let mut ids: HashMap<&str, usize> = HashMap::new();
    for (i, a) in agencies.iter().enumerate() {
        let at = |field: &str| Some(pos.at(&format!("agencies.{i}.{field}")));
        if let Err(e) = validate_id(&a.id) {
            diags.push(Diagnostic::error(at("id"), format!("agency id {:?}: {e}", a.id)));
        }
        if let Some(first) = ids.insert(&a.id, i) {
            let line = pos.at(&format!("agencies.{first}.id")).line;
            diags.push(
                Diagnostic::error(
                    at("id"),
                    format!("agency id `{}` is used twice (first on line {line})", a.id),
                )
                .with_hint("ids are the agency pages' addresses: give each body its own"),
            );
        }
        no_empty_text(diags, &pos, &format!("agencies.{i}"), "name", &a.name);
        if let Some(url) = &a.website
            && !(url.starts_with("https://") || url.starts_with("http://"))
        {
            diags.push(
                Diagnostic::error(at("website"), format!("website {url:?} is not an http(s) address"))
                    .with_hint("write the full address, e.g. https://www.yangzhou.gov.cn/"),
            );
        }
    }
    for (i, a) in agencies.iter().enumerate() {
        if let Some(parent) = &a.parent
            && !ids.contains_key(parent.as_str())
        {
            diags.push(
                Diagnostic::error(
                    Some(pos.at(&format!("agencies.{i}.parent"))),
                    format!("parent agency `{parent}` does not exist"),
                )
                .with_hint(suggest(parent, ids.keys().copied())),
            );
        }
    }
    check_spellings(&agencies, &pos, diags);
    (agencies, pos)
}

/// A spelling (after NFKC, ignoring case) that two bodies of one region claim.
fn check_spellings(agencies: &[Agency], pos: &yaml::Positions, diags: &mut Diagnostics) {
    let mut claimed: HashMap<(String, &str, String), (usize, String)> = HashMap::new();
    for (i, a) in agencies.iter().enumerate() {
        let langs: std::collections::BTreeSet<&str> = a
            .name
            .iter()
            .map(|(l, _)| l)
            .chain(a.aliases.iter().map(|(l, _)| l))
            .collect();
        for lang in langs {
            for (k, s) in a.spellings(lang).enumerate() {
                let key = (Script::Latin.normalize(s), a.region.as_str(), lang.to_string());
                let here = spelling_path(a, lang, k);
                match claimed.get(&key) {
                    Some((first, _)) if *first == i => {}
                    Some((first, first_path)) => {
                        let line = pos.at(&format!("agencies.{first}.{first_path}")).line;
                        diags.push(
                            Diagnostic::error(
                                Some(pos.at(&format!("agencies.{i}.{here}"))),
                                format!(
                                    "`{s}` names two agencies: `{}` and `{}` (line {line})",
                                    a.id, agencies[*first].id
                                ),
                            )
                            .with_hint("a note naming it could not say which body it means: keep it on one entry"),
                        );
                    }
                    None => {
                        claimed.insert(key, (i, here));
                    }
                }
            }
        }
    }
}

/// The path of an agency's `k`-th spelling in `lang` (0 is the name): `name_zh`, `aliases_zh.1`.
fn spelling_path(a: &Agency, lang: &str, k: usize) -> String {
    let old = crate::content::OLD_FORM_CODES.contains(&lang);
    let has_name = a.name.get(lang).is_some();
    match (k, has_name, old) {
        (0, true, true) => format!("name_{lang}"),
        (0, true, false) => format!("name.{lang}"),
        (k, _, true) => format!("aliases_{lang}.{}", k - usize::from(has_name)),
        (k, _, false) => format!("aliases.{lang}.{}", k - usize::from(has_name)),
    }
}
