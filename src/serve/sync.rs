//! Writing rebuilds into the served folder: only files whose bytes changed are rewritten (each
//! through a temporary file and a rename, so a request never sees half a file), and files that
//! are no longer produced are removed.

use crate::render::Output;
use crate::write::safe_relative;
use std::collections::{BTreeMap, BTreeSet, HashSet};
use std::fs;
use std::io;
use std::path::{Path, PathBuf};

/// What one sync changed in the served folder.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct SyncStats {
    /// Files written (the whole site on the first sync).
    pub written: usize,
    /// Files removed because the build no longer produces them.
    pub removed: usize,
    /// Bytes written.
    pub bytes: u64,
    /// The paths written or removed, in order.
    pub changed: Vec<String>,
}

/// The served folder and a fingerprint of every file last written into it.
pub struct OutputDir {
    dir: PathBuf,
    written: Option<BTreeMap<String, (u64, usize)>>,
}

impl OutputDir {
    /// The folder `dir`, not yet synced: the first sync replaces it.
    pub fn new(dir: PathBuf) -> Self {
        OutputDir { dir, written: None }
    }

    /// The served folder.
    pub fn path(&self) -> &Path {
        &self.dir
    }

    /// Whether the folder holds what the last sync wrote (false before the first sync and
    /// after a failed one: the next sync then replaces the whole folder).
    pub fn in_step(&self) -> bool {
        self.written.is_some()
    }

    /// The first call replaces the folder like `plansite build` does; later calls touch only
    /// what changed. Files `output` keeps must have been written before.
    pub fn sync(&mut self, output: &Output) -> io::Result<SyncStats> {
        if self.written.is_none() {
            if let Some(path) = output.kept.first() {
                return Err(io::Error::new(
                    io::ErrorKind::NotFound,
                    format!("{path} was to be kept, but the folder is being rewritten"),
                ));
            }
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
                changed: output.files.keys().cloned().collect(),
            });
        }
        self.update(files_of(output), &output.kept, |_| true, |_| false)
    }

    /// Writes the files of `output` that changed, removing nothing: the rest of the site is
    /// still to come. Does nothing before the first [`OutputDir::sync`].
    pub fn sync_part(&mut self, output: &Output) -> io::Result<SyncStats> {
        if self.written.is_none() {
            return Ok(SyncStats::default());
        }
        self.update(files_of(output), &output.kept, |_| false, |_| false)
    }

    /// Like [`OutputDir::sync`] for the files under `prefix` only (`pagefind/`): the rest of the
    /// folder is left as it is. `written_ahead` lists files already written by [`write_ahead`].
    pub fn sync_under(
        &mut self,
        prefix: &str,
        files: &[(String, Vec<u8>)],
        written_ahead: &[&str],
    ) -> io::Result<SyncStats> {
        let files = files.iter().map(|(p, b)| (p.as_str(), b.as_slice()));
        let ahead: HashSet<&str> = written_ahead.iter().copied().collect();
        self.update(
            files,
            &BTreeSet::new(),
            |path| path.starts_with(prefix),
            |rel| ahead.contains(rel),
        )
    }

    /// The files among `files` that differ from what was written: writing them ahead
    /// ([`write_ahead`], without holding the folder) keeps [`OutputDir::sync_under`] quick.
    pub fn unwritten<'a>(&self, files: &'a [(String, Vec<u8>)]) -> Vec<&'a (String, Vec<u8>)> {
        let before = self.written.as_ref();
        files
            .iter()
            .filter(|(rel, bytes)| before.and_then(|b| b.get(rel)) != Some(&print(bytes)))
            .collect()
    }

    /// Writes `files` that differ from what was written (unless `on_disk` says they already
    /// are), and removes written files in scope that are neither among them nor `kept`. After
    /// an error the next sync rewrites the whole folder.
    fn update<'a>(
        &mut self,
        files: impl Iterator<Item = (&'a str, &'a [u8])>,
        kept: &BTreeSet<String>,
        in_scope: impl Fn(&str) -> bool,
        on_disk: impl Fn(&str) -> bool,
    ) -> io::Result<SyncStats> {
        let before = self.written.take().unwrap_or_default();
        let mut after: BTreeMap<String, (u64, usize)> = BTreeMap::new();
        let mut stats = SyncStats::default();
        for rel in kept {
            let Some(fingerprint) = before.get(rel) else {
                return Err(io::Error::new(
                    io::ErrorKind::NotFound,
                    format!("{rel} was to be kept, but it was never written"),
                ));
            };
            after.insert(rel.clone(), *fingerprint);
        }
        for (rel, bytes) in files {
            let fingerprint = print(bytes);
            if before.get(rel) != Some(&fingerprint) {
                if !on_disk(rel) {
                    self.write_file(rel, bytes)?;
                }
                stats.written += 1;
                stats.bytes += bytes.len() as u64;
                stats.changed.push(rel.to_string());
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
                stats.changed.push(rel);
            } else {
                after.insert(rel, fingerprint);
            }
        }
        self.written = Some(after);
        Ok(stats)
    }

    fn write_file(&self, rel: &str, bytes: &[u8]) -> io::Result<()> {
        write_file(&self.dir, rel, bytes)
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

/// Writes `files` into `dir` ahead of a sync.
pub fn write_ahead(dir: &Path, files: &[&(String, Vec<u8>)]) -> io::Result<()> {
    files.iter().try_for_each(|(rel, bytes)| write_file(dir, rel, bytes))
}

fn files_of(output: &Output) -> impl Iterator<Item = (&str, &[u8])> {
    output.files.iter().map(|(p, b)| (p.as_str(), b.as_slice()))
}

/// Writes one file of `dir` through a temporary file and a rename.
fn write_file(dir: &Path, rel: &str, bytes: &[u8]) -> io::Result<()> {
    let path = dir.join(safe_relative(rel)?);
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

/// Length and hash of a file's bytes: equal prints mean the file need not be rewritten.
fn print(bytes: &[u8]) -> (u64, usize) {
    (fingerprint(bytes), bytes.len())
}

fn fingerprint(bytes: &[u8]) -> u64 {
    xxhash_rust::xxh3::xxh3_64(bytes)
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
                bytes: 11,
                changed: vec!["a/index.html".into(), "b/c/index.html".into()],
            }
        );
        assert_eq!(fs::read_to_string(dir.join("a/index.html")).unwrap(), "one, edited");
        assert!(!dir.join("b").exists(), "emptied folders go too");
        assert_eq!(out.sync(&next).unwrap(), SyncStats::default(), "nothing changed");
        // Syncing one folder leaves the rest alone.
        let index = vec![("pagefind/a.pf".to_string(), b"1".to_vec())];
        assert_eq!(out.sync_under("pagefind/", &index, &[]).unwrap().written, 1);
        let index = vec![("pagefind/b.pf".to_string(), b"2".to_vec())];
        let ahead = out.unwritten(&index);
        assert_eq!(ahead, [&index[0]]);
        write_ahead(&dir, &ahead).unwrap();
        let ahead: Vec<&str> = ahead.iter().map(|(p, _)| p.as_str()).collect();
        let stats = out.sync_under("pagefind/", &index, &ahead).unwrap();
        assert_eq!((stats.written, stats.removed), (1, 1));
        assert!(dir.join("a/index.html").exists() && dir.join("keep.css").exists());
        assert!(!dir.join("pagefind/a.pf").exists() && dir.join("pagefind/b.pf").exists());
        // Kept files stay as written; a part writes without removing.
        let mut part = Output::default();
        part.kept.insert("keep.css".into());
        part.add("a/index.html", "one, again");
        assert_eq!(out.sync_part(&part).unwrap().changed, ["a/index.html"]);
        assert!(dir.join("pagefind/b.pf").exists(), "a part removes nothing");
        part.kept.insert("pagefind/b.pf".into());
        assert_eq!(
            out.sync(&part).unwrap(),
            SyncStats::default(),
            "kept and already written"
        );
        part.kept.insert("never-written.html".into());
        assert!(out.sync(&part).is_err(), "a file to keep must exist");
        assert!(!out.in_step(), "the next sync rewrites everything");
        let mut bad = Output::default();
        bad.add("../x", "x");
        assert!(out.sync(&bad).is_err());
    }
}
