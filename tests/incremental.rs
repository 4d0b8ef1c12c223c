//! Rebuilds with a memo, as `plansite serve` makes them: plans whose files did not change are
//! kept rather than rendered again, and the site is the one a full build makes.

mod common;
use common::*;
use plansite::build::{BuildOptions, build_into};
use plansite::render::Memo;
use plansite::render::Output;
use std::collections::BTreeMap;
use std::path::Path;
use std::sync::Mutex;

fn options(site: &Path) -> BuildOptions {
    BuildOptions {
        source: site.join("content"),
        output: Some(site.join("out")),
        search: Some(false),
        ..Default::default()
    }
}

/// One rebuild, committed when it succeeds (as serve does once the files are written).
fn rebuild(site: &Path, memo: &Memo) -> Result<Output, String> {
    let out = Mutex::new(Output::default());
    match build_into(&options(site), memo, &out) {
        Ok(_) => {
            memo.commit();
            Ok(out.into_inner().unwrap())
        }
        Err(diags) => {
            memo.discard();
            Err(format!("{diags:?}"))
        }
    }
}

/// The files being served: the previous ones, with what a rebuild rendered laid over them.
fn apply(served: &mut BTreeMap<String, Vec<u8>>, rebuilt: &Output) {
    served.retain(|path, _| rebuilt.kept.contains(path) || rebuilt.files.contains_key(path));
    served.extend(rebuilt.files.clone());
}

fn plan_pages(paths: impl Iterator<Item = String>) -> Vec<String> {
    paths.filter(|p| p.contains("/plans/")).collect()
}

/// Stamps carry the modification time; make sure an edit gets a new one even on coarse clocks.
fn edit(path: &Path, text: &str) {
    std::thread::sleep(std::time::Duration::from_millis(20));
    std::fs::write(path, text).unwrap();
}

#[test]
fn unchanged_plans_are_kept_and_the_result_equals_a_full_build() {
    let dir = tempfile::tempdir().unwrap();
    copy_tree(&repo().join("content"), &dir.path().join("content"));
    let memo = Memo::default();

    let first = rebuild(dir.path(), &memo).unwrap();
    assert!(first.kept.is_empty(), "nothing to keep yet");
    assert_eq!(
        plan_pages(first.files.keys().cloned()).len(),
        10,
        "5 plans × 2 languages"
    );
    let mut served = first.files.clone();

    let again = rebuild(dir.path(), &memo).unwrap();
    assert_eq!(
        plan_pages(again.kept.iter().cloned()).len(),
        10,
        "no plan rendered again"
    );
    assert!(plan_pages(again.files.keys().cloned()).is_empty());
    apply(&mut served, &again);
    assert_eq!(served, first.files, "the same site");

    // One plan edited: its pages (both languages: the English one cites the Chinese) only.
    let plan = dir.path().join("content/plans/ruian-2021.zh.md");
    let original = std::fs::read_to_string(&plan).unwrap();
    edit(&plan, &original.replacen("\n\n", "\n\n增量重建标记。\n\n", 2));
    let edited = rebuild(dir.path(), &memo).unwrap();
    assert_eq!(
        plan_pages(edited.files.keys().cloned()),
        ["en/plans/ruian-2021/index.html", "zh/plans/ruian-2021/index.html"]
    );
    assert_eq!(plan_pages(edited.kept.iter().cloned()).len(), 8);
    apply(&mut served, &edited);
    let full = rebuild(dir.path(), &Memo::default()).unwrap();
    assert!(String::from_utf8_lossy(&full.files["zh/plans/ruian-2021/index.html"]).contains("增量重建标记"));
    assert_eq!(served, full.files, "incremental and full builds make the same site");

    // A failed rebuild keeps nothing it made; the fix renders the plan again.
    edit(&plan, &original.replace("issued: 2021-12-24", "issued: someday"));
    assert!(rebuild(dir.path(), &memo).is_err());
    edit(&plan, &original);
    let fixed = rebuild(dir.path(), &memo).unwrap();
    assert_eq!(plan_pages(fixed.files.keys().cloned()).len(), 2);
    apply(&mut served, &fixed);
    assert_eq!(served, first.files, "back to the first site");

    // Anything else the pages are made from (here site.yaml) changes every plan page.
    let config = dir.path().join("content/site.yaml");
    let text = std::fs::read_to_string(&config).unwrap();
    assert!(text.contains("base_url:"));
    edit(
        &config,
        &text.replacen("base_url: ", "base_url: https://example.org/portal/\n# was: ", 1),
    );
    let moved = rebuild(dir.path(), &memo).unwrap();
    assert!(moved.kept.is_empty(), "{:?}", moved.kept);
    assert!(
        String::from_utf8_lossy(&moved.files["zh/plans/yiwu-2024/index.html"]).contains("https://example.org/portal/")
    );
}
