//! `releases/<tag>/`: the frozen open data of each release (see [`Release`]), read as bytes so
//! the build publishes them exactly as they were frozen.

use super::file_start;
use crate::content::{PUBLISHED, Release, validate_id};
use crate::diagnostics::{Diagnostic, Diagnostics};
use std::path::Path;

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
                    Diagnostic::error(file_start(&path), format!("cannot read {}: {e}", path.display())).with_hint(
                        "a release folder is written by `plansite release` and committed whole; restore it from version control",
                    ),
                ),
                Err(_) => {}
            }
        }
        releases.push(Release { tag, files });
    }
    releases
}
