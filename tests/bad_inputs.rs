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
    /// Named pipes to make (a build that opens one for reading would wait forever).
    #[serde(default)]
    fifo: Vec<String>,
    /// The `--output` of the build under test, relative to the folder holding `site/`
    /// (default `site/public`). Whatever it is, no file anywhere may change on a refusal.
    #[serde(default)]
    output: Option<String>,
    /// Extra arguments of the build under test, e.g. `[--base-url, …]`.
    #[serde(default)]
    args: Vec<String>,
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
    /// `paragraphs` (the default), `table` (one GFM table), `sheet` (an indicator sheet) or
    /// `sheet-on-one-line` (the same as one JSON line).
    #[serde(default)]
    shape: Option<String>,
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

/// Every regular file of a tree with its bytes, and every folder (`name/`); pipes and links
/// are listed, not read.
fn snapshot(dir: &Path) -> BTreeMap<String, Vec<u8>> {
    walkdir::WalkDir::new(dir)
        .into_iter()
        .map(Result::unwrap)
        .map(|e| {
            let rel = e.path().strip_prefix(dir).unwrap().display().to_string();
            let t = e.file_type();
            if t.is_file() {
                (rel, fs::read(e.path()).unwrap())
            } else if t.is_dir() {
                (format!("{rel}/"), Vec::new())
            } else {
                (format!("{rel} (link or pipe)"), Vec::new())
            }
        })
        .collect()
}

/// A built page (and the id) where two elements carry the same id, if any.
fn page_with_a_repeated_id(site: &Path) -> Option<String> {
    for entry in walkdir::WalkDir::new(site).into_iter().map(Result::unwrap) {
        if entry.path().extension().is_none_or(|e| e != "html") {
            continue;
        }
        let html = fs::read_to_string(entry.path()).unwrap();
        let mut seen = std::collections::HashSet::new();
        if let Some(id) = element_id_list(&html).into_iter().find(|id| !seen.insert(id.clone())) {
            return Some(format!("{} ({id})", entry.path().display()));
        }
    }
    None
}

/// The first path whose entry differs between two snapshots.
fn first_change(a: &BTreeMap<String, Vec<u8>>, b: &BTreeMap<String, Vec<u8>>) -> Option<String> {
    let keys: std::collections::BTreeSet<&String> = a.keys().chain(b.keys()).collect();
    keys.into_iter().find(|k| a.get(*k) != b.get(*k)).cloned()
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
        let text = String::from(
            "---\ntitle: 大\nshort_title: 大\nissuer: 大\nissued: 2026-01-01\nperiod: 2026\nregion: 大\nkind: plan\nsummary: 大\n---\n\n",
        );
        fs::write(site.join(&g.file), generated(text, g)).unwrap();
    }
    for rel in &case.fifo {
        let path = site.join(rel);
        let _ = fs::remove_file(&path);
        let made = std::process::Command::new("mkfifo").arg(&path).status().unwrap();
        assert!(made.success(), "mkfifo {}", path.display());
    }
    let overlay = case_dir.join("files");
    if overlay.is_dir() {
        copy_tree(&overlay, site);
    }
}

/// A plan body of `g.megabytes` after the front matter `text`: paragraphs, or one table.
fn generated(mut text: String, g: &Generate) -> String {
    let target = g.megabytes * 1024 * 1024;
    if g.shape.as_deref() == Some("sheet-on-one-line") {
        let mut sheet = String::from("{\"indicators\": [");
        while sheet.len() < target {
            sheet.push_str("{\"id\": \"x\", \"name_zh\": \"合格率\", \"values\": []}, ");
        }
        return sheet + "]}\n";
    }
    if g.shape.as_deref() == Some("sheet") {
        let mut sheet = String::from("indicators:\n");
        let mut n = 0;
        while sheet.len() < target {
            n += 1;
            sheet.push_str(&format!("  - id: x{n}\n    name_zh: 合格率\n    values: []\n"));
        }
        return sheet;
    }
    if g.shape.as_deref() == Some("table") {
        text.push_str("| 指标 | 单位 | 2020年 | 2025年 |\n|---|---|---|---|\n");
        let mut n = 0;
        while text.len() < target {
            n += 1;
            text.push_str(&format!("| 制造业产品质量合格率{n} | % | 93.5 | 95以上 |\n"));
        }
        return text;
    }
    let paragraph = "质量强市建设持续推进，制造业产品质量合格率达到95%以上。\n\n";
    while text.len() < target {
        text.push_str(paragraph);
    }
    text
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
        let everything = snapshot(tmp.path());
        let output = case.output.as_deref().unwrap_or("site/public");
        let mut args = vec!["build", "--source", "site/content", "--output", output];
        args.extend(case.args.iter().map(String::as_str));
        let Some(o) = plansite_within(&args, tmp.path(), std::time::Duration::from_secs(60)) else {
            failures.push(format!("{name}: the build did not finish within 60 s"));
            continue;
        };
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
        if case.expect.exit == 0
            && let Some(page) = page_with_a_repeated_id(&site.join("public"))
        {
            problems.push(format!("two elements share an id: {page}"));
        }
        if case.expect.exit != 0 {
            if let Some(changed) = first_change(&before, &snapshot(&site.join("public"))) {
                problems.push(format!("the previous site changed ({changed})"));
            }
            if let Some(changed) = first_change(&everything, &snapshot(tmp.path())) {
                problems.push(format!("a refused build changed {changed}"));
            }
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
