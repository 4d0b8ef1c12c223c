//! `plansite release TAG`: freezes the open data as it stands into `releases/TAG/` of the
//! source folder, to be committed with the content. The build publishes those files unchanged at
//! `/data/releases/TAG/` (see [`crate::content::Release`]), so a number cited "as of TAG" keeps
//! its meaning after later amendments and monitoring rows.
//!
//! The frozen files are the ones a build publishes at that moment (`indicators.json`, `.csv`,
//! the CSV's Table Schema, `monitoring.csv`), plus `plans.json`: each plan file's fingerprint,
//! so a later comparison can tell which plan texts changed.

use crate::build::{BuildOptions, build_into};
use crate::content::validate_id;
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
    frozen.push(("plans.json", fingerprints(source)));
    write_folder(&folder, &frozen).map_err(|e| {
        one(
            format!("cannot write {}: {e}", folder.display()),
            "check that the source folder is writable; nothing was released",
        )
    })?;
    Ok(folder)
}

/// `{"plans": {"<file name>": "<xxh3 of its bytes>"}}` for every file of `plans/`.
fn fingerprints(source: &Path) -> Vec<u8> {
    let mut plans = BTreeMap::new();
    let entries = std::fs::read_dir(source.join("plans")).into_iter().flatten().flatten();
    for e in entries {
        let name = e.file_name().to_string_lossy().into_owned();
        if let Ok(bytes) = std::fs::read(e.path()) {
            plans.insert(name, format!("{:016x}", xxhash_rust::xxh3::xxh3_64(&bytes)));
        }
    }
    let mut bytes = serde_json::to_vec_pretty(&serde_json::json!({ "plans": plans })).expect("JSON serializes");
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
