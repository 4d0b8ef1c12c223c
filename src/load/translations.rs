//! `translations/<plan>.<lang>.yaml`: what each translated edition's sections were translated
//! from. The files are written by `plansite translations --reviewed`; a broken or stray one is
//! an error at its line, since staleness could not be told without it.

use super::{sheets::suggest, text, yaml};
use crate::content::{Plan, SiteConfig, TranslationRecord};
use crate::diagnostics::{Diagnostic, Diagnostics, Location};
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
        if let Some(record) = read(&path, diags) {
            records.insert((plan, lang), record);
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

fn read(path: &Path, diags: &mut Diagnostics) -> Option<TranslationRecord> {
    let text = match text::read_limited(path, MAX_RECORD_BYTES, "a translation record") {
        Ok(text) => text,
        Err(d) => {
            diags.push(d);
            return None;
        }
    };
    yaml::parse::<TranslationRecord>(&text, path, 0)
        .map_err(|ds| diags.extend(ds))
        .ok()
        .map(|(record, _)| record)
}
