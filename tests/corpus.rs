//! `plansite gen-corpus`: a deterministic synthetic site that builds cleanly.

mod common;

use common::{plansite, repo, stderr, stdout};
use std::collections::BTreeMap;
use std::path::Path;

/// Relative path → bytes of every file under `dir`.
fn tree(dir: &Path) -> BTreeMap<String, Vec<u8>> {
    walkdir::WalkDir::new(dir)
        .into_iter()
        .map(Result::unwrap)
        .filter(|e| e.file_type().is_file())
        .map(|e| {
            let rel = e.path().strip_prefix(dir).unwrap().to_string_lossy().into_owned();
            (rel, std::fs::read(e.path()).unwrap())
        })
        .collect()
}

fn generate(out: &Path, plans: &str, seed: &str) {
    let from = repo().join("content");
    let o = plansite(
        &[
            "gen-corpus",
            "--plans",
            plans,
            "--seed",
            seed,
            "--out",
            out.to_str().unwrap(),
            "--from",
            from.to_str().unwrap(),
        ],
        &repo(),
    );
    assert!(o.status.success(), "gen-corpus failed:\n{}", stderr(&o));
    assert!(
        stdout(&o).starts_with(&format!("generated {plans} plans")),
        "{}",
        stdout(&o)
    );
}

#[test]
fn same_seed_same_files_and_the_site_builds() {
    let dir = tempfile::tempdir().unwrap();
    let (a, b, c) = (dir.path().join("a"), dir.path().join("b"), dir.path().join("c"));
    generate(&a, "20", "7");
    generate(&b, "20", "7");
    generate(&c, "20", "8");
    let ta = tree(&a.join("content"));
    assert_eq!(ta.len(), 4 + 40, "{:?}", ta.keys().collect::<Vec<_>>());
    assert!(ta == tree(&b.join("content")), "the same seed gives identical files");
    assert!(ta != tree(&c.join("content")), "another seed gives another corpus");
    // A rerun replaces its own previous output.
    generate(&a, "20", "7");
    assert!(ta == tree(&a.join("content")));

    let text = |k: &str| String::from_utf8(ta[k].clone()).unwrap();
    let plans: Vec<&String> = ta.keys().filter(|k| k.ends_with(".zh.md")).collect();
    assert_eq!(plans.len(), 20);
    for p in &plans {
        let zh = text(p);
        let body = zh.splitn(3, "---\n").nth(2).unwrap();
        assert!((10_000..=48_000).contains(&body.len()), "{p}: {} bytes", body.len());
        let en = text(&p.replace(".zh.md", ".en.md"));
        let levels = |t: &str| -> Vec<usize> {
            t.lines()
                .filter(|l| l.starts_with("## ") || l.starts_with("### ") || l.starts_with("####"))
                .map(|l| l.chars().take_while(|&c| c == '#').count())
                .collect()
        };
        assert_eq!(
            levels(&zh),
            levels(&en),
            "{p}: same heading structure in both languages"
        );
    }
    let all: String = plans.iter().map(|p| text(p)).collect();
    for needle in [
        "\n## 一、",
        "\n### (一)",
        "\n#### 1.",
        "\n##### (1)",
        "\n::: box 专栏1:",
        "\n| 序号 |",
    ] {
        assert!(all.contains(needle), "the corpus has {needle:?}");
    }
    let glossary: serde_yaml::Value = serde_yaml::from_slice(&ta["glossary.yaml"]).unwrap();
    assert!(glossary["terms"].as_sequence().unwrap().len() >= 100);
    let sheet: serde_yaml::Value = serde_yaml::from_slice(&ta["indicators.yaml"]).unwrap();
    let indicators = sheet["indicators"].as_sequence().unwrap().len();

    let out = dir.path().join("public");
    let o = plansite(
        &[
            "build",
            "--source",
            a.join("content").to_str().unwrap(),
            "--output",
            out.to_str().unwrap(),
        ],
        dir.path(),
    );
    assert!(o.status.success(), "build failed:\n{}", stderr(&o));
    assert!(stderr(&o).is_empty(), "no warnings:\n{}", stderr(&o));
    // The chooser and 404, then per language: home, 20 plans, the indicator index, each
    // indicator's page and embed page, the glossary, the search page.
    let pages = 2 + 2 * (1 + 20 + 1 + 2 * indicators + 1 + 1);
    assert!(
        stdout(&o).starts_with(&format!("built 20 plans: {pages} pages")),
        "{}",
        stdout(&o)
    );
    let html = walkdir::WalkDir::new(&out)
        .into_iter()
        .map(Result::unwrap)
        .filter(|e| e.path().extension().is_some_and(|x| x == "html"))
        .count();
    assert_eq!(html, pages);
}

#[test]
fn refuses_to_replace_a_folder_it_did_not_write() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir_all(dir.path().join("content")).unwrap();
    let o = plansite(
        &["gen-corpus", "--plans", "2", "--out", dir.path().to_str().unwrap()],
        &repo(),
    );
    assert!(!o.status.success());
    assert!(stderr(&o).contains("was not written by gen-corpus"), "{}", stderr(&o));
}
