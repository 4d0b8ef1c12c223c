//! Writing rebuilds into the served folder: only files whose bytes changed are rewritten (each
//! through a temporary file and a rename, so a request never sees half a file), and files that
//! are no longer produced are removed.

use crate::render::Output;
use crate::write::safe_relative;
use std::collections::BTreeMap;
use std::fs;
use std::hash::{DefaultHasher, Hash, Hasher};
use std::io;
use std::path::{Path, PathBuf};

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
        if self.written.is_none() {
            let bytes = crate::write::write_atomically(output, &self.dir)?.bytes;
            self.written = Some(
                output
                    .files
                    .iter()
                    .map(|(path, bytes)| (path.clone(), print(bytes)))
                    .collect(),
            );
            return Ok(SyncStats {
                written: output.files.len(),
                removed: 0,
                bytes,
            });
        }
        let files = output.files.iter().map(|(p, b)| (p.as_str(), b.as_slice()));
        self.update(files, |_| true)
    }

    /// Like [`OutputDir::sync`] for the files under `prefix` only (`pagefind/`): the rest of the
    /// folder is left as it is.
    pub fn sync_under(&mut self, prefix: &str, files: &[(String, Vec<u8>)]) -> io::Result<SyncStats> {
        let files = files.iter().map(|(p, b)| (p.as_str(), b.as_slice()));
        self.update(files, |path| path.starts_with(prefix))
    }

    /// Writes `files` that differ from what was written, and removes written files in scope
    /// that are not among them. After an error the next sync rewrites the whole folder.
    fn update<'a>(
        &mut self,
        files: impl Iterator<Item = (&'a str, &'a [u8])>,
        in_scope: impl Fn(&str) -> bool,
    ) -> io::Result<SyncStats> {
        let before = self.written.take().unwrap_or_default();
        let mut after: BTreeMap<String, (u64, usize)> = BTreeMap::new();
        let mut stats = SyncStats::default();
        for (rel, bytes) in files {
            let fingerprint = print(bytes);
            if before.get(rel) != Some(&fingerprint) {
                self.write_file(rel, bytes)?;
                stats.written += 1;
                stats.bytes += bytes.len() as u64;
            }
            after.insert(rel.to_string(), fingerprint);
        }
        for (rel, fingerprint) in before {
            if after.contains_key(&rel) {
                continue;
            }
            if in_scope(&rel) {
                self.remove_file(&rel)?;
                stats.removed += 1;
            } else {
                after.insert(rel, fingerprint);
            }
        }
        self.written = Some(after);
        Ok(stats)
    }

    fn write_file(&self, rel: &str, bytes: &[u8]) -> io::Result<()> {
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
        fs::rename(&tmp, &path)
    }

    fn remove_file(&self, rel: &str) -> io::Result<()> {
        let path = self.dir.join(safe_relative(rel)?);
        match fs::remove_file(&path) {
            Err(e) if e.kind() != io::ErrorKind::NotFound => return Err(e),
            _ => {}
        }
        // Drop folders left empty (fails harmlessly when they are not).
        let mut dir = path.parent();
        while let Some(d) = dir.filter(|d| *d != self.dir) {
            if fs::remove_dir(d).is_err() {
                break;
            }
            dir = d.parent();
        }
        Ok(())
    }
}

/// Length and hash of a file's bytes: equal prints mean the file need not be rewritten.
fn print(bytes: &[u8]) -> (u64, usize) {
    (fingerprint(bytes), bytes.len())
}

fn fingerprint(bytes: &[u8]) -> u64 {
    let mut h = DefaultHasher::new();
    bytes.hash(&mut h);
    h.finish()
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
        // Syncing one folder leaves the rest alone.
        let index = vec![("pagefind/a.pf".to_string(), b"1".to_vec())];
        assert_eq!(out.sync_under("pagefind/", &index).unwrap().written, 1);
        let index = vec![("pagefind/b.pf".to_string(), b"2".to_vec())];
        let stats = out.sync_under("pagefind/", &index).unwrap();
        assert_eq!((stats.written, stats.removed), (1, 1));
        assert!(dir.join("a/index.html").exists() && dir.join("keep.css").exists());
        assert!(!dir.join("pagefind/a.pf").exists() && dir.join("pagefind/b.pf").exists());
        let mut bad = Output::default();
        bad.add("../x", "x");
        assert!(out.sync(&bad).is_err());
    }
}
