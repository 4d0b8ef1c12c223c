//! Stage 4: minify and write the output atomically.
//!
//! Everything is written into a fresh staging folder beside the output folder, then swapped in
//! with renames. A build that fails at any point before the swap leaves the previous site
//! exactly as it was.

use crate::render::Output;
use rayon::prelude::*;
use std::collections::BTreeSet;
use std::fs;
use std::io;
use std::path::{Component, Path, PathBuf};

/// HTML minification settings: closing tags and the doctype stay standard, so validators and
/// old browsers read the output unchanged; JavaScript is never touched.
fn minify_cfg() -> minify_html::Cfg {
    minify_html::Cfg {
        minify_js: false,
        minify_css: true,
        minify_doctype: false,
        keep_closing_tags: true,
        keep_html_and_head_opening_tags: true,
        ..minify_html::Cfg::new()
    }
}

/// Minifies every `.html` file in place (standalone `.svg` and `.xml` files are left as they are).
pub fn minify(output: &mut Output) {
    let cfg = minify_cfg();
    output.files.par_iter_mut().for_each(|(path, bytes)| {
        if path.ends_with(".html") {
            *bytes = minify_html::minify(bytes, &cfg);
        }
    });
}

/// Writes `output` to `dest`, replacing what was there only once everything is written.
pub fn write_atomically(output: &Output, dest: &Path) -> io::Result<u64> {
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
    let staging = parent.join(format!(".{name}.staging-{}", std::process::id()));
    let old = parent.join(format!(".{name}.old-{}", std::process::id()));
    let _ = fs::remove_dir_all(&staging);
    let previous = dest.is_dir().then_some(dest);
    let written = write_tree(output, &staging, previous).inspect_err(|_| {
        let _ = fs::remove_dir_all(&staging);
    })?;
    if dest.exists() {
        fs::rename(dest, &old)?;
    }
    if let Err(e) = fs::rename(&staging, dest) {
        let _ = fs::rename(&old, dest);
        let _ = fs::remove_dir_all(&staging);
        return Err(e);
    }
    let _ = fs::remove_dir_all(&old);
    Ok(written)
}

/// Folders first (once each), then the files in parallel: on slow file systems the time goes
/// into waiting for each open, which threads overlap. A file identical to the one in the
/// previous site is hard-linked instead of written, so removing the old tree afterwards frees
/// only what changed (deleting file data is the slowest part on many disks).
fn write_tree(output: &Output, dir: &Path, previous: Option<&Path>) -> io::Result<u64> {
    let mut folders = BTreeSet::new();
    for rel in output.files.keys() {
        if let Some(parent) = safe_relative(rel)?.parent() {
            folders.insert(parent);
        }
    }
    fs::create_dir_all(dir)?;
    for folder in folders {
        fs::create_dir_all(dir.join(folder))?;
    }
    output
        .files
        .par_iter()
        .map(|(rel, content)| {
            let target = dir.join(rel);
            let unchanged = previous.map(|p| p.join(rel)).filter(|old| same_content(old, content));
            if unchanged.is_none_or(|old| fs::hard_link(old, &target).is_err()) {
                fs::write(&target, content)?;
            }
            Ok(content.len() as u64)
        })
        .sum()
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
