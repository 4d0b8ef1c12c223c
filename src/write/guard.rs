//! The output folder is replaced wholesale on every build, so a mistyped `--output` must never
//! name a folder whose loss would hurt: the source, the theme, the seeds, or any folder with
//! files that plansite did not write.
//!
//! Paths are compared after resolving `..` and symbolic links, also for the part of the output
//! path that does not exist yet (`newdir/../content` is `content`).

use crate::diagnostics::Diagnostic;
use std::fs;
use std::path::{Component, Path, PathBuf};

/// A file every build writes at the top of its output: the sign that the folder is plansite's
/// to replace.
pub const MARKER: &str = ".plansite-output";

/// What the marker says to a person who opens it.
pub const MARKER_TEXT: &str =
    "This folder was written by plansite and is replaced on every build: do not keep files here.\n";

/// Top-level names of a site written before the marker existed; a folder holding only these
/// (and the site's language folders) is an older plansite build.
const SITE_NAMES: &[&str] = &[
    "index.html",
    "404.html",
    "sitemap.xml",
    "robots.txt",
    "static",
    "data",
    "pagefind",
];

/// Refuses an `output` that is, holds or lies inside a folder the site is made from, that is
/// not a folder, or that holds files plansite did not write. `languages` are the site's codes
/// (the top-level folders of a build).
pub fn check_output(source: &Path, output: &Path, languages: &[&str]) -> Result<(), Diagnostic> {
    let out = resolve(output);
    let site_root = source.parent().map(Path::to_path_buf).unwrap_or_default();
    let protected = [
        ("source folder", source.to_path_buf()),
        ("theme folder", site_root.join("themes")),
        ("seeds folder", site_root.join("seeds")),
    ];
    for (what, dir) in protected {
        if !dir.exists() {
            continue;
        }
        let dir = resolve(&dir);
        let relation = if out == dir {
            "is"
        } else if dir.starts_with(&out) {
            "contains"
        } else if out.starts_with(&dir) {
            "lies inside"
        } else {
            continue;
        };
        return Err(refusal(output, format!("{relation} the {what} {}", dir.display())));
    }
    let Ok(meta) = fs::symlink_metadata(&out) else {
        return Ok(()); // nothing there yet
    };
    if !meta.is_dir() {
        return Err(refusal(output, "is a file, not a folder".into()));
    }
    let foreign = foreign_entries(&out, languages);
    if !foreign.is_empty() {
        let shown: Vec<&str> = foreign.iter().take(3).map(String::as_str).collect();
        let more = foreign.len().saturating_sub(shown.len());
        let more = if more > 0 {
            format!(" and {more} more")
        } else {
            String::new()
        };
        return Err(refusal(
            output,
            format!(
                "holds files plansite did not write ({}{more}) and no {MARKER} of an earlier build",
                shown.join(", ")
            ),
        ));
    }
    Ok(())
}

fn refusal(output: &Path, why: String) -> Diagnostic {
    Diagnostic::error(None, format!("refusing to build into {}: it {why}", output.display())).with_hint(
        "the output folder is deleted and rewritten on every build: choose a new or empty folder, \
         e.g. --output public; nothing was changed",
    )
}

/// The names in `dir` that a plansite build would not have written; none when the folder
/// carries the marker.
fn foreign_entries(dir: &Path, languages: &[&str]) -> Vec<String> {
    let Ok(entries) = fs::read_dir(dir) else {
        return vec!["(the folder cannot be listed)".into()];
    };
    let mut names: Vec<String> = entries
        .flatten()
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .collect();
    if names.iter().any(|n| n == MARKER) {
        return Vec::new();
    }
    // Every build writes a sitemap: without one, even plansite-like names are someone else's.
    let older_build = names.iter().any(|n| n == "sitemap.xml");
    names.retain(|n| !(older_build && (SITE_NAMES.contains(&n.as_str()) || languages.contains(&n.as_str()))));
    names.sort();
    names
}

/// `path` absolute, with symbolic links and `..` resolved as far as it exists and the rest
/// (which cannot be a link) resolved by its names.
pub fn resolve(path: &Path) -> PathBuf {
    let abs = std::path::absolute(path).unwrap_or_else(|_| path.to_path_buf());
    let parts: Vec<Component> = abs.components().collect();
    for existing in (1..=parts.len()).rev() {
        let head: PathBuf = parts[..existing].iter().collect();
        if let Ok(mut real) = head.canonicalize() {
            for part in &parts[existing..] {
                match part {
                    Component::ParentDir => {
                        real.pop();
                    }
                    Component::Normal(name) => real.push(name),
                    _ => {}
                }
            }
            return real;
        }
    }
    abs
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn resolves_dot_dot_through_missing_folders_and_links() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path().canonicalize().unwrap();
        fs::create_dir(root.join("content")).unwrap();
        assert_eq!(resolve(&root.join("newdir/../content")), root.join("content"));
        assert_eq!(resolve(&root.join("a/b/../../content/x")), root.join("content/x"));
        std::os::unix::fs::symlink(root.join("content"), root.join("link")).unwrap();
        assert_eq!(resolve(&root.join("link/plans")), root.join("content/plans"));
    }

    #[test]
    fn refuses_the_sources_and_foreign_folders() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        for d in ["content/plans", "themes/default", "seeds", "mine", "old/zh"] {
            fs::create_dir_all(root.join(d)).unwrap();
        }
        fs::write(root.join("mine/notes.txt"), "keep").unwrap();
        fs::write(root.join("file.txt"), "keep").unwrap();
        fs::write(root.join("old/sitemap.xml"), "").unwrap();
        fs::create_dir_all(root.join("mydata/data")).unwrap();
        let src = root.join("content");
        let check = |out: &str| check_output(&src, &root.join(out), &["zh", "en"]).map_err(|d| d.message);
        for (out, why) in [
            ("content", "is the source folder"),
            ("content/plans", "lies inside the source folder"),
            (".", "contains the source folder"),
            ("x/../content", "is the source folder"),
            ("themes", "is the theme folder"),
            ("themes/default/static", "lies inside the theme folder"),
            ("seeds", "is the seeds folder"),
            ("file.txt", "is a file"),
            ("mine", "holds files plansite did not write (notes.txt)"),
            ("mydata", "holds files plansite did not write (data)"),
        ] {
            let err = check(out).expect_err(out);
            assert!(err.contains(why), "{out}: {err}");
        }
        assert_eq!(check("public"), Ok(()), "a new folder");
        assert_eq!(check("old"), Ok(()), "an older plansite build");
        fs::write(root.join("mine").join(MARKER), MARKER_TEXT).unwrap();
        assert_eq!(check("mine"), Ok(()), "a folder with the marker");
    }
}
