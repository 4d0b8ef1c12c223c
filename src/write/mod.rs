//! Stage 4: write the output atomically.
//!
//! Files are written into a fresh staging folder beside the output folder as they are rendered,
//! then the folder is swapped in with renames. A build that fails at any point before the swap
//! leaves the previous site exactly as it was.

pub mod guard;

use crate::render::{Output, Sink};
use rayon::prelude::*;
use std::collections::HashSet;
use std::fs;
use std::io;
use std::path::{Component, Path, PathBuf};
use std::sync::Mutex;

/// What a finished write put in the output folder.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct Written {
    /// All files, pages included.
    pub files: usize,
    /// HTML files.
    pub pages: usize,
    /// Their total size in bytes.
    pub bytes: u64,
}

impl Written {
    /// Adds one file: a page if `path` ends in `.html`.
    pub fn count(&mut self, path: &str, bytes: &[u8]) {
        self.files += 1;
        self.pages += usize::from(path.ends_with(".html"));
        self.bytes += bytes.len() as u64;
    }
}

/// A staging folder beside the output folder that files are written into as they are
/// rendered (from any thread), then swapped in by [`Staging::commit`]. Dropped without a
/// commit, it removes itself and the output folder stays as it was.
///
/// A file identical to the one in the previous site is hard-linked instead of written, so
/// removing the old tree afterwards frees only what changed (deleting file data is the slowest
/// part on many disks).
pub struct Staging {
    dest: PathBuf,
    dir: PathBuf,
    old: PathBuf,
    previous: Option<PathBuf>,
    folders: Mutex<HashSet<PathBuf>>,
    written: Mutex<Written>,
    error: Mutex<Option<io::Error>>,
    committed: bool,
}

impl Staging {
    /// A fresh staging folder beside `dest`, after cleaning up what a killed build left there
    /// (the parent folder is created if missing).
    pub fn new(dest: &Path) -> io::Result<Self> {
        let parent = match dest.parent() {
            Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
            _ => PathBuf::from("."),
        };
        fs::create_dir_all(&parent)?;
        let name = dest
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_else(|| "public".into());
        recover(&parent, &name, dest);
        let dir = parent.join(format!(".{name}.staging-{}", std::process::id()));
        let _ = fs::remove_dir_all(&dir);
        fs::create_dir_all(&dir)?;
        crate::abort::remove_on_exit(&dir);
        Ok(Staging {
            dest: dest.to_path_buf(),
            old: parent.join(format!(".{name}.old-{}", std::process::id())),
            previous: dest.is_dir().then(|| dest.to_path_buf()),
            dir,
            folders: Mutex::default(),
            written: Mutex::default(),
            error: Mutex::default(),
            committed: false,
        })
    }

    /// The staging folder (to read back what was written).
    pub fn dir(&self) -> &Path {
        &self.dir
    }

    fn write(&self, rel: &str, content: &[u8]) -> io::Result<()> {
        let rel_path = safe_relative(rel)?;
        let unchanged = self
            .previous
            .as_ref()
            .map(|p| p.join(rel_path))
            .filter(|old| same_content(old, content));
        self.write_with(rel_path, |target| {
            if unchanged.is_none_or(|old| fs::hard_link(old, target).is_err()) {
                write_new(target, content)?;
            }
            Ok(())
        })
    }

    /// Makes the folder of `rel` in the staging folder, then the file with `make`.
    fn write_with(&self, rel: &Path, make: impl FnOnce(&Path) -> io::Result<()>) -> io::Result<()> {
        let target = self.dir.join(rel);
        if let Some(folder) = target.parent() {
            let mut folders = self.folders.lock().unwrap_or_else(|e| e.into_inner());
            if !folders.contains(folder) {
                fs::create_dir_all(folder)?;
                folders.insert(folder.to_path_buf());
            }
        }
        make(&target)
    }

    /// Swaps the staging folder in as the output folder; fails (leaving the output folder as it
    /// was) if any file could not be written.
    pub fn commit(mut self) -> io::Result<Written> {
        if let Some(e) = self.error.lock().unwrap_or_else(|e| e.into_inner()).take() {
            return Err(e);
        }
        if self.dest.exists() {
            fs::rename(&self.dest, &self.old)?;
        }
        if let Err(e) = fs::rename(&self.dir, &self.dest) {
            let _ = fs::rename(&self.old, &self.dest);
            return Err(e);
        }
        self.committed = true;
        crate::abort::forget(&self.dir);
        let _ = fs::remove_dir_all(&self.old);
        Ok(*self.written.lock().unwrap_or_else(|e| e.into_inner()))
    }
}

impl Staging {
    /// Writes one file; a failure is kept for [`Staging::commit`] to report.
    fn put(&self, path: &str, bytes: &[u8]) {
        match self.write(path, bytes) {
            Ok(()) => self
                .written
                .lock()
                .unwrap_or_else(|e| e.into_inner())
                .count(path, bytes),
            Err(e) => self.fail(path, e),
        }
    }

    /// Keeps the first failure for [`Staging::commit`].
    fn fail(&self, path: &str, e: io::Error) {
        let e = io::Error::new(e.kind(), format!("{path}: {e}"));
        self.error.lock().unwrap_or_else(|e| e.into_inner()).get_or_insert(e);
    }
}

impl Sink for Staging {
    fn add(&self, path: String, bytes: Vec<u8>) {
        self.put(&path, &bytes);
    }

    /// Links the file of the previous site (the output folder) into the new one.
    fn keep(&self, path: String) {
        let linked = safe_relative(&path).and_then(|rel| {
            let old =
                self.previous.as_ref().map(|p| p.join(rel)).ok_or_else(|| {
                    io::Error::new(io::ErrorKind::NotFound, "there is no previous site to keep it from")
                })?;
            self.write_with(rel, |target| {
                fs::hard_link(&old, target).or_else(|_| {
                    // Never copy into a file already there: it may be linked to the previous site.
                    let _ = fs::remove_file(target);
                    fs::copy(&old, target).map(drop)
                })
            })
        });
        match linked {
            Ok(()) => self.written.lock().unwrap_or_else(|e| e.into_inner()).count(&path, &[]),
            Err(e) => self.fail(&path, e),
        }
    }
}

impl Drop for Staging {
    fn drop(&mut self) {
        if !self.committed {
            let _ = fs::remove_dir_all(&self.dir);
            crate::abort::forget(&self.dir);
        }
    }
}

/// Writes `output` to `dest`, replacing what was there only once everything is written.
pub fn write_atomically(output: &Output, dest: &Path) -> io::Result<Written> {
    let staging = Staging::new(dest)?;
    output
        .files
        .par_iter()
        .for_each(|(rel, content)| staging.put(rel, content));
    staging.commit()
}

/// Cleans up after a build that was killed: its staging folder is removed, and if it died
/// between the two renames of the swap (the output folder missing, the previous one set
/// aside), the previous site is put back. Folders of builds still running are left alone.
fn recover(parent: &Path, name: &str, dest: &Path) {
    let Ok(entries) = fs::read_dir(parent) else { return };
    for entry in entries.flatten() {
        let file_name = entry.file_name().to_string_lossy().into_owned();
        let Some((kind, pid)) = file_name
            .strip_prefix(&format!(".{name}."))
            .and_then(|rest| rest.split_once('-'))
        else {
            continue;
        };
        if !matches!(kind, "staging" | "old") || process_alive(pid) {
            continue;
        }
        if kind == "old" && !dest.exists() {
            let _ = fs::rename(entry.path(), dest);
        } else {
            let _ = fs::remove_dir_all(entry.path());
        }
    }
}

/// Whether process `pid` still runs (Linux: /proc); elsewhere assume it does, and touch nothing.
fn process_alive(pid: &str) -> bool {
    let proc_fs = Path::new("/proc/self");
    !proc_fs.exists() || pid.parse::<u32>().is_err() || Path::new("/proc").join(pid).exists()
}

/// Writes a new file at `target`. A file already there (the same path written twice, as by two
/// indicators with one id) may be a hard link to the previous site: writing into it would
/// change that site, so it is unlinked first.
fn write_new(target: &Path, content: &[u8]) -> io::Result<()> {
    use std::io::Write;
    let create = || fs::OpenOptions::new().write(true).create_new(true).open(target);
    let mut file = match create() {
        Err(e) if e.kind() == io::ErrorKind::AlreadyExists => {
            fs::remove_file(target)?;
            create()?
        }
        other => other?,
    };
    file.write_all(content)
}

fn same_content(path: &Path, content: &[u8]) -> bool {
    fs::symlink_metadata(path).is_ok_and(|m| m.is_file() && m.len() == content.len() as u64)
        && fs::read(path).is_ok_and(|old| old == content)
}

/// Output paths come from ids that were validated, but check again: nothing may escape `dir`.
pub fn safe_relative(rel: &str) -> io::Result<&Path> {
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
    fn a_swap_cut_short_is_repaired_by_the_next_build() {
        let dir = tempfile::tempdir().unwrap();
        let dest = dir.path().join("public");
        // A killed build (no such process) left its staging folder and the previous site set aside.
        fs::create_dir_all(dir.path().join(".public.old-999999999")).unwrap();
        fs::write(dir.path().join(".public.old-999999999/index.html"), "previous").unwrap();
        fs::create_dir_all(dir.path().join(".public.staging-999999999/x")).unwrap();
        recover(dir.path(), "public", &dest);
        assert_eq!(fs::read_to_string(dest.join("index.html")).unwrap(), "previous");
        assert_eq!(fs::read_dir(dir.path()).unwrap().count(), 1, "nothing else left");
    }

    #[test]
    fn a_path_written_twice_never_writes_into_the_previous_site() {
        let dir = tempfile::tempdir().unwrap();
        let dest = dir.path().join("public");
        let mut out = Output::default();
        out.add("chart.svg", "old");
        write_atomically(&out, &dest).unwrap();
        // The first write is linked to the previous site's file (same bytes), the second differs.
        let staging = Staging::new(&dest).unwrap();
        staging.put("chart.svg", b"old");
        staging.put("chart.svg", b"new");
        drop(staging); // a failed build
        assert_eq!(fs::read_to_string(dest.join("chart.svg")).unwrap(), "old");
    }

    #[test]
    fn replaces_the_folder_and_refuses_escapes() {
        let dir = tempfile::tempdir().unwrap();
        let dest = dir.path().join("public");
        let mut out = Output::default();
        out.add("a/index.html", "one");
        write_atomically(&out, &dest).unwrap();
        let mut out2 = Output::default();
        out2.add("b.txt", "two");
        write_atomically(&out2, &dest).unwrap();
        assert!(!dest.join("a/index.html").exists());
        assert_eq!(fs::read_to_string(dest.join("b.txt")).unwrap(), "two");
        let mut bad = Output::default();
        bad.add("../escape.txt", "x");
        assert!(write_atomically(&bad, &dest).is_err());
        assert!(!dir.path().join("escape.txt").exists());
        assert_eq!(
            fs::read_to_string(dest.join("b.txt")).unwrap(),
            "two",
            "failed write keeps the old site"
        );
        assert_eq!(
            fs::read_dir(dir.path()).unwrap().count(),
            1,
            "no staging folders left behind"
        );
    }
}
