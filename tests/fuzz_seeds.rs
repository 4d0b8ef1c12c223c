//! The fuzz targets' seed inputs (`fuzz/seeds/`), replayed through the real CLI on every
//! `cargo test`: each file dropped into a fresh `plansite new` site must give a clean answer,
//! a build (exit 0) or located errors (exit 1), never a panic. The fuzzers themselves run with
//! cargo-fuzz (see fuzz/README.md); this keeps their starting points green in CI.

mod common;
use common::*;
use std::fs;

#[test]
fn every_fuzz_seed_gets_a_clean_answer() {
    let seeds = repo().join("fuzz/seeds");
    let targets = [
        ("plan_file", "content/plans/fuzz-2026.zh.md"),
        ("indicator_sheet", "content/indicators.yaml"),
        ("glossary", "content/glossary.yaml"),
        ("markdown", "content/plans/fuzz-2026.zh.md"),
    ];
    let mut replayed = 0;
    for (target, dest) in targets {
        let mut files: Vec<_> = fs::read_dir(seeds.join(target))
            .unwrap()
            .map(|e| e.unwrap().path())
            .collect();
        files.sort();
        for seed in files {
            let dir = tempfile::tempdir().unwrap();
            assert!(plansite(&["new", "site"], dir.path()).status.success());
            let mut bytes = fs::read(&seed).unwrap();
            if target == "markdown" {
                // A Markdown body needs front matter to be a plan.
                let mut doc = b"---\ntitle: t\nshort_title: t\nissuer: i\nissued: 2026-01-01\nperiod: 2026\nregion: r\nkind: plan\nsummary: s\n---\n\n".to_vec();
                doc.extend_from_slice(&bytes);
                bytes = doc;
            }
            fs::write(dir.path().join("site").join(dest), bytes).unwrap();
            let o = plansite(
                &[
                    "build",
                    "--source",
                    "site/content",
                    "--output",
                    "site/public",
                    "--no-search",
                ],
                dir.path(),
            );
            let err = stderr(&o);
            let name = seed.strip_prefix(&seeds).unwrap().display().to_string();
            assert!(
                matches!(o.status.code(), Some(0 | 1)),
                "{name}: exit {:?}\n{err}",
                o.status.code()
            );
            assert!(!err.contains("panicked"), "{name}: {err}");
            if o.status.code() == Some(1) {
                assert!(
                    err.contains(".yaml:") || err.contains(".md:"),
                    "{name}: errors name a file and line\n{err}"
                );
            }
            replayed += 1;
        }
    }
    assert!(replayed >= 15, "seeds replayed: {replayed}");
}
