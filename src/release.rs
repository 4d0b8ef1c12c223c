//! `plansite release TAG`: freezes the open data as it stands into `releases/TAG/` of the
//! source folder, to be committed with the content. The build publishes those files unchanged at
//! `/data/releases/TAG/` (see [`crate::content::Release`]), so a number cited "as of TAG" keeps
//! its meaning after later amendments and monitoring rows.
//!
//! The frozen files are the ones a build publishes at that moment (`indicators.json`, `.csv`,
//! the CSV's Table Schema, `monitoring.csv`), plus `plans.json`: the day of the release and
//! each plan's source-language sections (fingerprint, id, heading; one line each, so it diffs
//! well), so the changes page can tell which sections changed between releases.

use crate::build::{BuildOptions, build_into};
use crate::content::{FrozenSection, validate_id};
use crate::diagnostics::Diagnostic;
use crate::render::{Memo, Output};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::Mutex;

/// The build's files a release freezes: (path in the build, name in the release folder).
const FROZEN: [(&str, &str); 4] = [
    ("data/indicators.json", "indicators.json"),
    ("data/indicators.csv", "indicators.csv"),
    ("data/indicators.schema.json", "indicators.schema.json"),
    ("data/monitoring.csv", "monitoring.csv"),
];

/// Freezes the site in `source` as release `tag`; returns the folder written. Refuses a tag
/// that is not an id or that exists (a release never changes), and a site that does not build.
pub fn freeze(source: &Path, tag: &str) -> Result<PathBuf, Vec<Diagnostic>> {
    let one = |message: String, hint: &str| vec![Diagnostic::error(None, message).with_hint(hint)];
    if let Err(e) = validate_id(tag) {
        return Err(one(
            format!("release tag {tag:?}: {e}"),
            "name a release by its date (2026-06-30) or a short name (a-z, 0-9, -), e.g. plansite release 2026-06-30",
        ));
    }
    let folder = source.join("releases").join(tag);
    if folder.exists() {
        return Err(one(
            format!("release {tag} exists already ({})", folder.display()),
            "a release is never changed once made: choose another tag (e.g. add -2 to the date)",
        ));
    }
    let opts = BuildOptions {
        source: source.to_path_buf(),
        search: Some(false),
        ..Default::default()
    };
    let out = Mutex::new(Output::default());
    build_into(&opts, &Memo::default(), &out)?;
    let mut files = out.into_inner().unwrap_or_else(|e| e.into_inner()).files;
    if !files.contains_key(FROZEN[0].0) {
        return Err(one(
            "the site has no indicator values: there is nothing to release".into(),
            "a release freezes the open data of content/indicators.yaml",
        ));
    }
    let mut frozen: Vec<(&str, Vec<u8>)> = FROZEN
        .iter()
        .filter_map(|(from, name)| files.remove(*from).map(|bytes| (*name, bytes)))
        .collect();
    let site = crate::load::load(source, &mut crate::diagnostics::Diagnostics::default());
    let sections = match site.as_ref().map(crate::render::survey::source_sections) {
        Some(Ok(sections)) => sections,
        Some(Err(d)) => return Err(vec![d]),
        None => Vec::new(),
    };
    frozen.push(("plans.json", plans_json(&released_on(tag), &sections)));
    write_folder(&folder, &frozen).map_err(|e| {
        one(
            format!("cannot write {}: {e}", folder.display()),
            "check that the source folder is writable; nothing was released",
        )
    })?;
    Ok(folder)
}

/// The day a release is dated by: its tag when that is a date, else today (UTC). Recorded in
/// the folder, so builds never read the clock.
fn released_on(tag: &str) -> String {
    if crate::load::parse_date(tag).is_some() {
        return tag.to_string();
    }
    let today = time::OffsetDateTime::now_utc().date();
    today
        .format(time::macros::format_description!("[year]-[month]-[day]"))
        .unwrap_or_else(|_| tag.to_string())
}

/// `{"released": day, "sections": {"<plan>": ["<fingerprint> <id> <heading>", ...]}}`.
fn plans_json(released: &str, sections: &[(String, Vec<FrozenSection>)]) -> Vec<u8> {
    let plans: BTreeMap<&str, Vec<String>> = (sections.iter())
        .map(|(plan, s)| {
            let lines = s.iter().map(|s| format!("{} {} {}", s.fingerprint, s.id, s.heading));
            (plan.as_str(), lines.collect())
        })
        .collect();
    let doc = serde_json::json!({ "released": released, "sections": plans });
    let mut bytes = serde_json::to_vec_pretty(&doc).expect("JSON serializes");
    bytes.push(b'\n');
    bytes
}

/// Writes the files into a hidden sibling folder, then renames it into place: a release
/// folder is whole or absent.
fn write_folder(folder: &Path, files: &[(&str, Vec<u8>)]) -> std::io::Result<()> {
    let parent = folder.parent().expect("a release folder has a parent");
    std::fs::create_dir_all(parent)?;
    let name = folder
        .file_name()
        .expect("a release folder has a name")
        .to_string_lossy();
    let staging = parent.join(format!(".{name}.partial"));
    let _ = std::fs::remove_dir_all(&staging);
    std::fs::create_dir(&staging)?;
    for (name, bytes) in files {
        std::fs::write(staging.join(name), bytes)?;
    }
    std::fs::rename(&staging, folder)
}
