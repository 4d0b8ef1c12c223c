//! `releases/<tag>/`: the frozen open data of each release (see [`Release`]), read as bytes so
//! the build publishes them exactly as they were frozen, and parsed for the changes between
//! releases (`indicators.json`'s values, `plans.json`'s section fingerprints).

use super::file_start;
use crate::content::{FrozenSection, FrozenValue, PUBLISHED, Release, validate_id};
use crate::diagnostics::{Diagnostic, Diagnostics};
use serde_json::Value as Json;
use std::collections::BTreeMap;
use std::path::Path;

/// The hint of every unreadable release file: the folder is generated, never edited.
const RESTORE: &str =
    "a release folder is written by `plansite release` and committed whole; restore it from version control";

/// Every release folder under `source/releases/`, in tag order; none without the folder.
pub(super) fn load_releases(source: &Path, diags: &mut Diagnostics) -> Vec<Release> {
    let dir = source.join("releases");
    let Ok(entries) = std::fs::read_dir(&dir) else {
        return Vec::new();
    };
    let mut tags: Vec<String> = (entries.flatten())
        .filter(|e| e.file_type().is_ok_and(|t| t.is_dir()))
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|t| !t.starts_with('.'))
        .collect();
    tags.sort();
    let mut releases = Vec::new();
    for tag in tags {
        let folder = dir.join(&tag);
        if let Err(e) = validate_id(&tag) {
            diags.push(
                Diagnostic::error(None, format!("release folder {}: {e}", folder.display())).with_hint(
                    "release tags are dates (2026-06-30) or names (a-z, 0-9, -): `plansite release TAG` makes them",
                ),
            );
            continue;
        }
        let mut files = Vec::new();
        for name in PUBLISHED {
            let path = folder.join(name);
            match std::fs::read(&path) {
                Ok(bytes) => files.push((name, bytes)),
                Err(e) if name == PUBLISHED[0] => diags.push(
                    Diagnostic::error(file_start(&path), format!("cannot read {}: {e}", path.display()))
                        .with_hint(RESTORE),
                ),
                Err(_) => {}
            }
        }
        let values = (files.iter().find(|(n, _)| *n == PUBLISHED[0]))
            .map(|(_, bytes)| parse_values(&folder.join(PUBLISHED[0]), bytes, diags))
            .unwrap_or_default();
        let (released, sections) = read_plans(&folder, &tag, diags);
        releases.push(Release {
            tag,
            files,
            released,
            values,
            sections,
        });
    }
    releases
}

/// The error of a release file that is not the JSON `plansite release` writes, at the place.
fn bad_json(path: &Path, e: &serde_json::Error) -> Diagnostic {
    Diagnostic::at(
        path,
        e.line().max(1),
        e.column().max(1),
        format!("{} is not valid: {e}", path.display()),
    )
    .with_hint(RESTORE)
}

/// The records of a frozen `indicators.json` (`{"records": [...]}`), each with its key.
fn parse_values(path: &Path, bytes: &[u8], diags: &mut Diagnostics) -> Vec<FrozenValue> {
    #[derive(serde::Deserialize)]
    struct Doc {
        records: Vec<BTreeMap<String, Json>>,
    }
    let doc: Doc = match serde_json::from_slice(bytes) {
        Ok(doc) => doc,
        Err(e) => {
            diags.push(bad_json(path, &e));
            return Vec::new();
        }
    };
    let text = |r: &BTreeMap<String, Json>, k: &str| r.get(k).and_then(Json::as_str).map(str::to_string);
    let mut values = Vec::with_capacity(doc.records.len());
    for (n, fields) in doc.records.into_iter().enumerate() {
        match (
            text(&fields, "indicator"),
            text(&fields, "value_id"),
            text(&fields, "plan"),
        ) {
            (Some(indicator), Some(value_id), Some(plan)) => values.push(FrozenValue {
                indicator,
                value_id,
                plan,
                fields,
            }),
            _ => diags.push(
                Diagnostic::error(
                    file_start(path),
                    format!(
                        "{}: record {} has no indicator, value_id or plan",
                        path.display(),
                        n + 1
                    ),
                )
                .with_hint(RESTORE),
            ),
        }
    }
    values
}

/// `plans.json`: the release day and each plan's sections, one `"<fingerprint> <id> <heading>"`
/// line per section. A folder without it (or without `released`) is dated by its tag.
fn read_plans(folder: &Path, tag: &str, diags: &mut Diagnostics) -> (String, BTreeMap<String, Vec<FrozenSection>>) {
    #[derive(serde::Deserialize)]
    struct Doc {
        released: Option<String>,
        #[serde(default)]
        sections: BTreeMap<String, Vec<String>>,
    }
    let path = folder.join("plans.json");
    let doc = match std::fs::read(&path) {
        Ok(bytes) => match serde_json::from_slice::<Doc>(&bytes) {
            Ok(doc) => Some(doc),
            Err(e) => {
                diags.push(bad_json(&path, &e));
                None
            }
        },
        Err(_) => None,
    };
    let (released, lines) = doc.map_or((None, BTreeMap::new()), |d| (d.released, d.sections));
    let released = released.unwrap_or_else(|| tag.to_string());
    if super::parse_date(&released).is_none() {
        diags.push(
            Diagnostic::error(
                file_start(&path),
                format!("release {tag} has no date ({released:?} is not YYYY-MM-DD)"),
            )
            .with_hint("`plansite release` records the day in plans.json as \"released\": \"2026-06-30\""),
        );
    }
    let mut sections = BTreeMap::new();
    for (plan, lines) in lines {
        let parsed = lines.iter().filter_map(|line| {
            let (fingerprint, rest) = line.split_once(' ')?;
            let (id, heading) = rest.split_once(' ').unwrap_or((rest, ""));
            Some(FrozenSection {
                id: id.to_string(),
                fingerprint: fingerprint.to_string(),
                heading: heading.to_string(),
            })
        });
        sections.insert(plan, parsed.collect());
    }
    (released, sections)
}
