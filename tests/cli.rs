//! The CLI as an editor meets it: scaffold, import, atomic builds, and clear errors.

mod common;
use common::*;
use std::fs;
use std::path::Path;

/// A fresh `plansite new` site in a temp dir.
fn new_site() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let o = plansite(&["new", "site"], dir.path());
    assert!(o.status.success(), "{}", stderr(&o));
    dir
}

fn build_site(dir: &Path) -> std::process::Output {
    plansite(&["build", "--source", "site/content", "--output", "site/public"], dir)
}

#[test]
fn new_site_builds_without_warnings() {
    let dir = new_site();
    let o = build_site(dir.path());
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(stderr(&o).is_empty(), "warnings: {}", stderr(&o));
    assert!(stdout(&o).starts_with("built 1 plans: "), "{}", stdout(&o));
    let page = read(&dir.path().join("site/public/zh/plans/example-2026/index.html"));
    assert!(
        regex::Regex::new(r"<strong>“<span class=gl><a [^>]*>质量强市</a>.*?</span>”</strong>建设")
            .unwrap()
            .is_match(&page),
        "bold next to CJK punctuation, with the glossary term linked inside"
    );
    assert!(has_tag(
        &page,
        "mark",
        &[("class", "quote"), ("id", "q-manufacturing-product-pass-rate-1")]
    ));
    let en = read(&dir.path().join("site/public/en/plans/example-2026/index.html"));
    assert!(
        regex::Regex::new(r">95%</a><span class=q-status data-pagefind-ignore>[^<]+</span> or more")
            .unwrap()
            .is_match(&en),
        "the English figure links to its indicator and carries its status"
    );
    for page in [
        "zh/indicators/index.html",
        "en/indicators/manufacturing-product-pass-rate/index.html",
        "en/indicators/manufacturing-product-pass-rate/embed/index.html",
        "zh/indicators/manufacturing-product-pass-rate/chart.svg",
        "en/glossary/index.html",
        "data/indicators.csv",
        "data/glossary.json",
    ] {
        assert!(dir.path().join("site/public").join(page).is_file(), "{page}");
    }
    assert!(has_tag(&page, "aside", &[("class", "box"), ("id", "box-1")]));
    // A second `new` into the same place refuses to overwrite.
    let again = plansite(&["new", "site"], dir.path());
    assert!(!again.status.success());
}

#[test]
fn import_keeps_every_sentence_of_every_seed() {
    let dir = tempfile::tempdir().unwrap();
    for entry in fs::read_dir(repo().join("seeds")).unwrap() {
        let seed = entry.unwrap().path();
        let id = seed.file_stem().unwrap().to_string_lossy().into_owned();
        let o = plansite(&["import", seed.to_str().unwrap(), "--id", &id], dir.path());
        assert!(o.status.success(), "{}", stderr(&o));
        let md = stdout(&o);
        let (_, body) = md.split_once("\n---\n").expect("front matter");
        let text = squash(&plain_text(body));
        let raw = fs::read_to_string(&seed).unwrap();
        let mut missing = Vec::new();
        for line in raw.lines() {
            let whole = line.trim().trim_matches(|c: char| c == '|' || c.is_whitespace());
            if is_portal_chrome(whole) {
                continue;
            }
            for cell in line.split('|') {
                for sentence in cell.split_inclusive(['。', '；', '！', '？']) {
                    let s = squash(sentence);
                    if !s.is_empty() && !text.contains(&s) && !is_portal_chrome(sentence.trim()) {
                        missing.push(sentence.trim().to_string());
                    }
                }
            }
        }
        assert!(
            missing.is_empty(),
            "{id}: import lost {} sentence(s): {:?}",
            missing.len(),
            &missing[..missing.len().min(5)]
        );
        assert!(!body.contains('|'), "{id}: table pipes removed");
    }
}

/// Portal navigation and counters the importer drops on purpose (listed, so nothing else may go).
fn is_portal_chrome(s: &str) -> bool {
    let chrome = regex::Regex::new(concat!(
        r"^(首页|主动公开|打印|>.*|字体.*|政策解读.*|.*(浏览|访问)次数[:：]?|索引号.*|组配分类.*|生成日期.*|发布(日期|时间)[:：].*|",
        r"\d{4}-\d{2}-\d{2}(\s+\d{2}:\d{2})?\s*文章来源[:：].*|[0-9A-Z]{18}/\d{4}-\d+|\d{4}-\d{2}-\d{2}|义乌市质量强市工作领导小组办公室)$"
    ))
    .unwrap();
    chrome.is_match(s)
}

#[test]
fn failed_build_leaves_the_previous_site_intact() {
    let dir = new_site();
    assert!(build_site(dir.path()).status.success());
    let page = dir.path().join("site/public/zh/plans/example-2026/index.html");
    let before = fs::read(&page).unwrap();
    let plan = dir.path().join("site/content/plans/example-2026.zh.md");
    let text = fs::read_to_string(&plan)
        .unwrap()
        .replace("issued: 2026-01-15", "issued: someday");
    fs::write(&plan, text).unwrap();
    let o = build_site(dir.path());
    assert_eq!(o.status.code(), Some(1));
    assert_eq!(
        fs::read(&page).unwrap(),
        before,
        "previous output is byte-for-byte intact"
    );
    let leftovers: Vec<_> = fs::read_dir(dir.path().join("site"))
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect();
    assert_eq!(leftovers.len(), 2, "no staging folders left: {leftovers:?}");
}

#[test]
fn check_reports_and_writes_nothing() {
    let dir = new_site();
    let o = plansite(&["check", "--source", "site/content"], dir.path());
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(!dir.path().join("site/public").exists() && !dir.path().join("public").exists());
}

#[test]
fn bom_and_crlf_files_simply_work() {
    let dir = new_site();
    let plan = dir.path().join("site/content/plans/example-2026.zh.md");
    let text = fs::read_to_string(&plan).unwrap().replace('\n', "\r\n");
    fs::write(&plan, format!("\u{feff}{text}")).unwrap();
    let o = build_site(dir.path());
    assert!(o.status.success(), "{}", stderr(&o));
    let page = read(&dir.path().join("site/public/zh/plans/example-2026/index.html"));
    assert!(page.contains(
        "到2030年，<mark class=quote id=q-manufacturing-product-pass-rate-1>制造业产品质量合格率达到95%以上</mark>"
    ));
}

#[test]
fn output_may_not_hold_the_source() {
    let dir = new_site();
    let o = plansite(&["build", "--source", "site/content", "--output", "site"], dir.path());
    assert_eq!(o.status.code(), Some(1));
    assert!(stderr(&o).contains("it contains the source folder"), "{}", stderr(&o));
    assert!(dir.path().join("site/content/site.yaml").exists());
}

#[test]
fn missing_translation_is_a_warning_with_a_fallback_page() {
    let dir = new_site();
    let en = dir.path().join("site/content/plans/example-2026.en.md");
    let text = read(&en);
    let front_end = text.match_indices("---\n").nth(1).unwrap().0 + 4;
    fs::write(&en, &text[..front_end]).unwrap();
    let o = build_site(dir.path());
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(stderr(&o).contains("is not translated to en yet"), "{}", stderr(&o));
    let page = read(&dir.path().join("site/public/en/plans/example-2026/index.html"));
    assert!(
        page.contains("<div class=plan-text lang=zh-CN>"),
        "Chinese text marked as such"
    );
    assert!(page.contains("The English translation of this plan is not available yet."));
    assert!(
        page.contains("Example City Quality Development Plan"),
        "English metadata"
    );
}

/// A build killed while it writes (as by a power cut or Ctrl-C) leaves the previous site as it was:
/// everything goes to a staging folder first, and the swap is a rename.
#[test]
fn an_interrupted_build_leaves_the_previous_site_intact() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("public");
    let src = repo().join("content");
    let args = [
        "build",
        "--source",
        src.to_str().unwrap(),
        "--output",
        out.to_str().unwrap(),
        "--no-search",
    ];
    assert!(plansite(&args, dir.path()).status.success());
    let snapshot = |p: &Path| -> Vec<(String, Vec<u8>)> {
        walkdir::WalkDir::new(p)
            .sort_by_file_name()
            .into_iter()
            .map(Result::unwrap)
            .filter(|e| e.file_type().is_file())
            .map(|e| (e.path().display().to_string(), fs::read(e.path()).unwrap()))
            .collect()
    };
    let before = snapshot(&out);
    // Kill builds at different moments; at least one dies while writing its staging folder.
    let mut killed_while_staging = false;
    for delay in [50u64, 150, 300, 500, 800, 1200] {
        let mut child = std::process::Command::new(env!("CARGO_BIN_EXE_plansite"))
            .args(args)
            .current_dir(dir.path())
            .stdout(std::process::Stdio::null())
            .stderr(std::process::Stdio::null())
            .spawn()
            .unwrap();
        std::thread::sleep(std::time::Duration::from_millis(delay));
        let _ = child.kill();
        let _ = child.wait();
        killed_while_staging |= fs::read_dir(dir.path())
            .unwrap()
            .any(|e| e.unwrap().file_name().to_string_lossy().contains(".staging-"));
        assert_eq!(snapshot(&out), before, "killed after {delay} ms: the site changed");
    }
    // The next build still works and cleans nothing it should not.
    assert!(plansite(&args, dir.path()).status.success());
    assert_eq!(snapshot(&out), before, "the same source builds the same site");
    eprintln!("a kill landed during staging: {killed_while_staging}");
}

/// 以上 is inclusive: an English "more than 95%" for 95%以上 is a warning at its line, in the
/// sheet and in the plan's translation; the shipped portal has none.
#[test]
fn more_than_for_yishang_is_a_warning_at_its_line() {
    let dir = new_site();
    let en = dir.path().join("site/content/plans/example-2026.en.md");
    let text = read(&en);
    let wrong = text.replace("reaches 95% or more", "reaches more than 95%");
    assert_ne!(wrong, text, "the scaffold says 95% or more");
    fs::write(&en, &wrong).unwrap();
    let line = 1 + wrong[..wrong.find("more than 95%").unwrap()].matches('\n').count();
    let sheet = dir.path().join("site/content/indicators.yaml");
    let yaml = read(&sheet).replace("text_en: 95% or more", "text_en: more than 95%");
    fs::write(&sheet, &yaml).unwrap();
    let sheet_line = 1 + yaml[..yaml.find("text_en: more than").unwrap()].matches('\n').count();
    let o = plansite(&["check", "--source", "site/content"], dir.path());
    let err = stderr(&o);
    assert!(o.status.success(), "a warning, not an error: {err}");
    let message = "“more than 95” for “95%以上”: 以上 includes the number (only 超过 excludes it)";
    assert_eq!(err.matches(message).count(), 2, "{err}");
    assert!(err.contains(&format!("example-2026.en.md:{line}:1")), "{err}");
    assert!(err.contains(&format!("indicators.yaml:{sheet_line}:")), "{err}");
    assert!(err.contains("write “N or more”"), "{err}");
    assert!(stdout(&o).contains("2 warning(s)"), "{}", stdout(&o));

    let shipped = plansite(&["check", "--source", "content"], &repo());
    assert!(shipped.status.success(), "{}", stderr(&shipped));
    assert!(
        !stderr(&shipped).contains("includes the number"),
        "the shipped portal reads 以上 / 以下 as inclusive: {}",
        stderr(&shipped)
    );
}
