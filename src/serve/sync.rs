//! Writing rebuilds into the served folder: only files whose bytes changed are rewritten (each
//! through a temporary file and a rename, so a request never sees half a file), and files that
//! are no longer produced are removed.

use crate::render::Output;
use std::collections::BTreeMap;
use std::fs;
use std::hash::{DefaultHasher, Hash, Hasher};
use std::io;
use std::path::{Component, Path, PathBuf};

#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct SyncStats {
    pub written: usize,
    pub removed: usize,
    pub bytes: u64,
}

/// The served folder and a fingerprint of every file last written into it.
pub struct OutputDir {
    dir: PathBuf,
    written: Option<BTreeMap<String, (u64, usize)>>,
}

impl OutputDir {
    pub fn new(dir: PathBuf) -> Self {
        OutputDir { dir, written: None }
    }

    pub fn path(&self) -> &Path {
        &self.dir
    }

    /// The first call replaces the folder like `plansite build` does; later calls touch only
    /// what changed.
    pub fn sync(&mut self, output: &Output) -> io::Result<SyncStats> {
        let prints: BTreeMap<String, (u64, usize)> = output
            .files
            .iter()
            .map(|(path, bytes)| (path.clone(), (fingerprint(bytes), bytes.len())))
            .collect();
        let Some(before) = &self.written else {
            let bytes = crate::write::write_atomically(output, &self.dir)?;
            let written = output.files.len();
            self.written = Some(prints);
            return Ok(SyncStats {
                written,
                removed: 0,
                bytes,
            });
        };
        let mut stats = SyncStats::default();
        for (rel, bytes) in &output.files {
            if before.get(rel) == prints.get(rel) {
                continue;
            }
            let path = self.dir.join(safe_relative(rel)?);
            if let Some(parent) = path.parent() {
                fs::create_dir_all(parent)?;
            }
            let tmp = path.with_file_name(format!(
                ".{}.tmp-{}",
                path.file_name().map(|n| n.to_string_lossy()).unwrap_or_default(),
                std::process::id()
            ));
            fs::write(&tmp, bytes)?;
            fs::rename(&tmp, &path)?;
            stats.written += 1;
            stats.bytes += bytes.len() as u64;
        }
        for rel in before.keys().filter(|k| !prints.contains_key(*k)) {
            let path = self.dir.join(safe_relative(rel)?);
            match fs::remove_file(&path) {
                Ok(()) => stats.removed += 1,
                Err(e) if e.kind() == io::ErrorKind::NotFound => {}
                Err(e) => return Err(e),
            }
            // Drop folders left empty (fails harmlessly when they are not).
            let mut dir = path.parent();
            while let Some(d) = dir.filter(|d| *d != self.dir) {
                if fs::remove_dir(d).is_err() {
                    break;
                }
                dir = d.parent();
            }
        }
        self.written = Some(prints);
        Ok(stats)
    }
}

fn fingerprint(bytes: &[u8]) -> u64 {
    let mut h = DefaultHasher::new();
    bytes.hash(&mut h);
    h.finish()
}

fn safe_relative(rel: &str) -> io::Result<&Path> {
    let p = Path::new(rel);
    if p.components().all(|c| matches!(c, Component::Normal(_))) {
        Ok(p)
    } else {
        Err(io::Error::new(
            io::ErrorKind::InvalidInput,
            format!("refusing to write outside the output folder: {rel}"),
        ))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rewrites_only_changed_files_and_removes_stale_ones() {
        let tmp = tempfile::tempdir().unwrap();
        let dir = tmp.path().join("out");
        let mut out = OutputDir::new(dir.clone());
        let mut site = Output::default();
        site.add("a/index.html", "one");
        site.add("b/c/index.html", "two");
        site.add("keep.css", "css");
        assert_eq!(out.sync(&site).unwrap().written, 3);
        let mut next = Output::default();
        next.add("a/index.html", "one, edited");
        next.add("keep.css", "css");
        let stats = out.sync(&next).unwrap();
        assert_eq!(
            stats,
            SyncStats {
                written: 1,
                removed: 1,
                bytes: 11
            }
        );
        assert_eq!(fs::read_to_string(dir.join("a/index.html")).unwrap(), "one, edited");
        assert!(!dir.join("b").exists(), "emptied folders go too");
        assert_eq!(out.sync(&next).unwrap(), SyncStats::default(), "nothing changed");
        let mut bad = Output::default();
        bad.add("../x", "x");
        assert!(out.sync(&bad).is_err());
    }
}
