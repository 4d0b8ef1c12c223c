//! The bad-input corpus: every folder under `tests/bad-input/` breaks a fresh `plansite new`
//! site in one way (`case.yaml`: edits, files to write, links, a generated huge file, plus a
//! `files/` overlay for bytes YAML cannot hold) and says what the build must answer: the exit
//! code, the `file:line:column` and a message fragment. A failing build must leave the site
//! built before it byte-for-byte intact, and nothing may panic.

mod common;
use common::*;
use serde::Deserialize;
use std::collections::BTreeMap;
use std::fs;
use std::path::Path;

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Case {
    #[serde(default)]
    edit: Vec<Edit>,
    #[serde(default)]
    write: BTreeMap<String, String>,
    #[serde(default)]
    symlink: BTreeMap<String, String>,
    #[serde(default)]
    generate: Option<Generate>,
    expect: Expect,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Edit {
    file: String,
    from: String,
    to: String,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Generate {
    file: String,
    megabytes: usize,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Expect {
    exit: i32,
    #[serde(default)]
    location: String,
    #[serde(default)]
    message: String,
    /// How many errors the summary line counts, where it matters (no cascade of follow-ups).
    #[serde(default)]
    errors: Option<usize>,
}

/// Every file of a tree with its bytes.
fn snapshot(dir: &Path) -> BTreeMap<String, Vec<u8>> {
    walkdir::WalkDir::new(dir)
        .into_iter()
        .map(Result::unwrap)
        .filter(|e| e.file_type().is_file())
        .map(|e| {
            (
                e.path().strip_prefix(dir).unwrap().display().to_string(),
                fs::read(e.path()).unwrap(),
            )
        })
        .collect()
}

fn apply(case: &Case, case_dir: &Path, site: &Path) {
    for e in &case.edit {
        let path = site.join(&e.file);
        let text = read(&path);
        assert!(
            text.contains(&e.from),
            "{}: {:?} not in {}",
            case_dir.display(),
            e.from,
            e.file
        );
        fs::write(&path, text.replacen(&e.from, &e.to, 1)).unwrap();
    }
    for (rel, text) in &case.write {
        let path = site.join(rel);
        fs::create_dir_all(path.parent().unwrap()).unwrap();
        fs::write(path, text).unwrap();
    }
    for (rel, target) in &case.symlink {
        std::os::unix::fs::symlink(target, site.join(rel)).unwrap();
    }
    if let Some(g) = &case.generate {
        let mut text = String::from(
            "---\ntitle: 大\nshort_title: 大\nissuer: 大\nissued: 2026-01-01\nperiod: 2026\nregion: 大\nkind: plan\nsummary: 大\n---\n\n",
        );
        let paragraph = "质量强市建设持续推进，制造业产品质量合格率达到95%以上。\n\n";
        while text.len() < g.megabytes * 1024 * 1024 {
            text.push_str(paragraph);
        }
        fs::write(site.join(&g.file), text).unwrap();
    }
    let overlay = case_dir.join("files");
    if overlay.is_dir() {
        copy_tree(&overlay, site);
    }
}

#[test]
fn every_bad_input_gets_a_located_message_and_keeps_the_previous_site() {
    let corpus = repo().join("tests/bad-input");
    let mut dirs: Vec<_> = fs::read_dir(&corpus).unwrap().map(|e| e.unwrap().path()).collect();
    dirs.sort();
    assert!(dirs.len() >= 40, "the corpus has its cases");
    let mut failures = Vec::new();
    for case_dir in &dirs {
        let name = case_dir.file_name().unwrap().to_string_lossy().into_owned();
        let case: Case = serde_yaml::from_str(&read(&case_dir.join("case.yaml")))
            .unwrap_or_else(|e| panic!("{name}/case.yaml: {e}"));
        let tmp = tempfile::tempdir().unwrap();
        assert!(plansite(&["new", "site"], tmp.path()).status.success());
        let site = tmp.path().join("site");
        let args = ["build", "--source", "site/content", "--output", "site/public"];
        assert!(
            plansite(&args, tmp.path()).status.success(),
            "{name}: the fresh site builds"
        );
        let before = snapshot(&site.join("public"));
        apply(&case, case_dir, &site);
        let o = plansite(&args, tmp.path());
        let err = stderr(&o);
        let mut problems = Vec::new();
        if o.status.code() != Some(case.expect.exit) {
            problems.push(format!("exit {:?}, expected {}", o.status.code(), case.expect.exit));
        }
        if !err.contains(&case.expect.location) {
            problems.push(format!("no location {:?}", case.expect.location));
        }
        if !err.contains(&case.expect.message) {
            problems.push(format!("no message {:?}", case.expect.message));
        }
        if let Some(n) = case.expect.errors
            && !err.contains(&format!("error: {n} error(s)"))
        {
            problems.push(format!("not exactly {n} error(s)"));
        }
        if err.contains("panicked") {
            problems.push("panicked".into());
        }
        if case.expect.exit != 0 && snapshot(&site.join("public")) != before {
            problems.push("the previous site changed".into());
        }
        if !problems.is_empty() {
            failures.push(format!("{name}: {}\n{err}", problems.join("; ")));
        }
    }
    assert!(
        failures.is_empty(),
        "{} case(s) failed:\n{}",
        failures.len(),
        failures.join("\n")
    );
}
