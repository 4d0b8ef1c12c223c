//! `translations/<plan>.<lang>.yaml`: what each translated edition's sections were translated
//! from. The files are written by `plansite translations --reviewed`; a broken or stray one is
//! an error at its line, since staleness could not be told without it.

use super::{sheets::suggest, text, yaml};
use crate::content::{Plan, SiteConfig, TranslationRecord};
use crate::diagnostics::{Diagnostic, Diagnostics, Location};
use rayon::prelude::*;
use std::collections::BTreeMap;
use std::path::Path;

/// Far beyond the record of any plan (it holds the plan's source text once).
const MAX_RECORD_BYTES: u64 = 64 * 1024 * 1024;

/// Every record under `source/translations/` (none: no folder), keyed by (plan, language).
pub(super) fn load_translations(
    source: &Path,
    config: &SiteConfig,
    plans: &[Plan],
    diags: &mut Diagnostics,
) -> BTreeMap<(String, String), TranslationRecord> {
    let mut records = BTreeMap::new();
    let Ok(entries) = std::fs::read_dir(source.join("translations")) else {
        return records;
    };
    let mut files: Vec<_> = (entries.flatten().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|e| e == "yaml"))
        .collect();
    files.sort();
    let languages: Vec<&str> = config.languages[1..].iter().map(|l| l.code.as_str()).collect();
    let mut wanted = Vec::new();
    for path in files {
        let Some((plan, lang)) = name_of(&path) else {
            diags.push(
                Diagnostic::error(
                    Some(Location::new(&path, 1, 1)),
                    "a translation record is named `<plan>.<lang>.yaml`",
                )
                .with_hint("let `plansite translations --reviewed PLAN` write it"),
            );
            continue;
        };
        if plans.binary_search_by(|p| p.id.as_str().cmp(&plan)).is_err() {
            diags.push(
                Diagnostic::error(
                    Some(Location::new(&path, 1, 1)),
                    format!("translation record for unknown plan `{plan}`"),
                )
                .with_hint(format!(
                    "{} (or delete the file if the plan was removed)",
                    suggest(&plan, plans.iter().map(|p| p.id.as_str()))
                )),
            );
            continue;
        }
        if !languages.contains(&lang.as_str()) {
            diags.push(
                Diagnostic::error(
                    Some(Location::new(&path, 1, 1)),
                    format!("translation record for `{lang}`, which is not a translated language of site.yaml"),
                )
                .with_hint(format!("translated languages: {}", languages.join(", "))),
            );
            continue;
        }
        wanted.push((path, plan, lang));
    }
    // Parsed in parallel: each record holds its plan's source text once.
    let read: Vec<_> = wanted
        .into_par_iter()
        .map(|(path, plan, lang)| ((plan, lang), read(&path)))
        .collect();
    for (key, result) in read {
        match result {
            Ok(record) => {
                records.insert(key, record);
            }
            Err(ds) => diags.extend(ds),
        }
    }
    records
}

/// (plan, language) from `ruian-2021.en.yaml`.
fn name_of(path: &Path) -> Option<(String, String)> {
    let stem = path.file_stem()?.to_str()?;
    let (plan, lang) = stem.rsplit_once('.')?;
    (!plan.is_empty() && !lang.is_empty()).then(|| (plan.to_string(), lang.to_string()))
}

fn read(path: &Path) -> Result<TranslationRecord, Vec<Diagnostic>> {
    let text = text::read_limited(path, MAX_RECORD_BYTES, "a translation record").map_err(|d| vec![d])?;
    // The tool writes records: they are read without the position index (half the cost); only
    // one that fails is read again for the error's position. (A section repeated by hand keeps
    // its last entry, which is as good a record as the first.)
    if let Ok(record) = serde_yaml::from_str::<TranslationRecord>(&text) {
        return Ok(record);
    }
    yaml::parse::<TranslationRecord>(&text, path, 0).map(|(record, _)| record)
}
