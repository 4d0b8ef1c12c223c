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
        en.contains(">95%</a> or more"),
        "the English figure links to its indicator"
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

fn plain_text(md: &str) -> String {
    use pulldown_cmark::{Event, Parser};
    Parser::new(md)
        .filter_map(|e| match e {
            Event::Text(t) | Event::Code(t) => Some(t.into_string()),
            Event::SoftBreak | Event::HardBreak | Event::End(_) => Some("\n".into()),
            _ => None,
        })
        .collect()
}

fn squash(s: &str) -> String {
    use unicode_normalization::UnicodeNormalization;
    s.nfkc()
        .filter(|c| !c.is_whitespace())
        .collect::<String>()
        .trim_start_matches(':')
        .to_string()
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

/// One broken input: (file to change, from, to) → expected `file:line:col` and message fragment.
struct Case {
    name: &'static str,
    file: &'static str,
    from: &'static str,
    to: &'static str,
    location: &'static str,
    message: &'static str,
}

const ZH: &str = "content/plans/example-2026.zh.md";
const EN: &str = "content/plans/example-2026.en.md";
const IND: &str = "content/indicators.yaml";
const GLOSSARY: &str = "content/glossary.yaml";

const CASES: &[Case] = &[
    Case {
        name: "typo in a field",
        file: ZH,
        from: "title: 示例",
        to: "titel: 示例",
        location: "example-2026.zh.md:2:1",
        message: "did you mean `title`?",
    },
    Case {
        name: "duplicate key",
        file: ZH,
        from: "kind: plan\n",
        to: "kind: plan\nkind: plan\n",
        location: "example-2026.zh.md:9:1",
        message: "duplicate key `kind`",
    },
    Case {
        name: "bad date",
        file: ZH,
        from: "issued: 2026-01-15",
        to: "issued: 2026-13-01",
        location: "example-2026.zh.md:5:9",
        message: "is not a date",
    },
    Case {
        name: "wrong type",
        file: ZH,
        from: "title: 示例市质量发展“十五五”规划",
        to: "title: [1, 2]",
        location: "example-2026.zh.md:2:8",
        message: "invalid type",
    },
    Case {
        name: "bad indentation",
        file: "content/site.yaml",
        from: "    locale: zh-CN",
        to: "   locale: zh-CN",
        location: "site.yaml:5:",
        message: "invalid YAML",
    },
    Case {
        name: "unknown kind",
        file: ZH,
        from: "kind: plan",
        to: "kind: plann",
        location: "example-2026.zh.md:8:",
        message: "did you mean `plan`?",
    },
    Case {
        name: "missing front matter",
        file: ZH,
        from: "---\ntitle",
        to: "title",
        location: "example-2026.zh.md:1:1",
        message: "missing front matter",
    },
    Case {
        name: "unclosed front matter",
        file: ZH,
        from: "summary: 本规划提出示例市2026—2030年质量发展的目标和任务。\n---",
        to: "summary: x",
        location: "example-2026.zh.md:1:1",
        message: "front matter is not closed",
    },
    Case {
        name: "unclosed box",
        file: ZH,
        from: "开展重点产品质量攻关。\n\n:::",
        to: "开展重点产品质量攻关。",
        location: "example-2026.zh.md:22:1",
        message: "`::: box` is never closed",
    },
    Case {
        name: "editions disagree",
        file: EN,
        from: "issued: 2026-01-15",
        to: "issued: 2026-01-16",
        location: "example-2026.en.md:5:9",
        message: "`issued` is \"2026-01-16\" here but \"2026-01-15\"",
    },
    Case {
        name: "section missing in translation",
        file: EN,
        from: "### (I) Improve Product Quality\n",
        to: "",
        location: "example-2026.en.md:11:1",
        message: "section `s2-1` ((一)提升产品质量) of",
    },
    Case {
        name: "empty summary",
        file: ZH,
        from: "summary: 本规划提出示例市2026—2030年质量发展的目标和任务。",
        to: "summary: \"\"",
        location: "example-2026.zh.md:9:10",
        message: "`summary` is empty",
    },
    Case {
        name: "base url",
        file: "content/site.yaml",
        from: "base_url: https://plans.example.org/",
        to: "base_url: plans.example.org",
        location: "site.yaml:2:11",
        message: "is not an absolute http(s) URL",
    },
    Case {
        name: "unknown category",
        file: IND,
        from: "category: product",
        to: "category: prodcut",
        location: "indicators.yaml:9:15",
        message: "did you mean `product`?",
    },
    Case {
        name: "unknown field in a value",
        file: IND,
        from: "attribute: expected",
        to: "atribute: expected",
        location: "indicators.yaml:21:9",
        message: "did you mean `attribute`?",
    },
    Case {
        name: "unknown comparator",
        file: IND,
        from: "comparator: '>='",
        to: "comparator: '≥'",
        location: "indicators.yaml:18:21",
        message: "unknown variant `≥`",
    },
    Case {
        name: "value refers to an unknown plan",
        file: IND,
        from: "plan: example-2026",
        to: "plan: exmaple-2026",
        location: "indicators.yaml:14:15",
        message: "unknown plan `exmaple-2026`",
    },
    Case {
        name: "range without a maximum",
        file: IND,
        from: "comparator: '>='",
        to: "comparator: range",
        location: "indicators.yaml:18:21",
        message: "a range needs `value` and a larger `value_max`",
    },
    Case {
        name: "quote not in the plan text",
        file: IND,
        from: "quote: 制造业产品质量合格率达到95%以上",
        to: "quote: 制造业产品质量合格率达到96%以上",
        location: "indicators.yaml:22:16",
        message: "quote not found in plan example-2026",
    },
    Case {
        name: "indicator id with a space",
        file: IND,
        from: "id: manufacturing-product-pass-rate",
        to: "id: manufacturing pass rate",
        location: "indicators.yaml:4:9",
        message: "ids use only a-z, 0-9 and '-'",
    },
    Case {
        name: "alias repeats the term",
        file: GLOSSARY,
        from: "aliases_zh: []",
        to: "aliases_zh: [质量强市]",
        location: "glossary.yaml:6:",
        message: "`质量强市` is listed twice in term `quality-strong-city`",
    },
    Case {
        name: "empty definition",
        file: GLOSSARY,
        from: "definition_en: A city's strategic goal of building its development on quality. Local plans and campaigns follow from it.",
        to: "definition_en: ' '",
        location: "glossary.yaml:9:20",
        message: "`definition_en` is empty",
    },
    Case {
        name: "related term that does not exist",
        file: GLOSSARY,
        from: "    aliases_en: []",
        to: "    aliases_en: []\n    related: [quality-strong-cty]",
        location: "glossary.yaml:8:15",
        message: "related term `quality-strong-cty` does not exist",
    },
];

fn run_case(case: &Case) -> (String, std::process::Output, tempfile::TempDir) {
    let dir = new_site();
    let path = dir.path().join("site").join(case.file);
    let text = fs::read_to_string(&path).unwrap();
    assert!(text.contains(case.from), "{}: pattern not in {}", case.name, case.file);
    fs::write(&path, text.replacen(case.from, case.to, 1)).unwrap();
    let o = build_site(dir.path());
    (stderr(&o), o, dir)
}

#[test]
fn bad_inputs_name_file_line_and_column() {
    for case in CASES {
        let (err, o, _dir) = run_case(case);
        assert_eq!(o.status.code(), Some(1), "{}: exit code\n{err}", case.name);
        assert!(
            err.contains(case.location),
            "{}: expected {} in\n{err}",
            case.name,
            case.location
        );
        assert!(
            err.contains(case.message),
            "{}: expected {:?} in\n{err}",
            case.name,
            case.message
        );
        assert!(!err.contains("panicked"), "{}", case.name);
    }
}

#[test]
fn bad_files_and_folders() {
    let dir = new_site();
    let plans = dir.path().join("site/content/plans");
    fs::write(plans.join("other-2026.fr.md"), "---\n---\n").unwrap();
    fs::write(plans.join("Bad Id.zh.md"), "---\n---\n").unwrap();
    fs::write(plans.join("broken-2026.zh.md"), b"---\ntitle: \xff\n---\n").unwrap();
    fs::write(plans.join("empty-2026.zh.md"), "").unwrap();
    let o = build_site(dir.path());
    let err = stderr(&o);
    assert_eq!(o.status.code(), Some(1));
    assert!(
        err.contains("other-2026.fr.md:1:1") && err.contains("which site.yaml does not list"),
        "{err}"
    );
    assert!(
        err.contains("Bad Id.zh.md:1:1") && err.contains("ids use only a-z, 0-9 and '-'"),
        "{err}"
    );
    assert!(
        err.contains("broken-2026.zh.md:2:8") && err.contains("not valid UTF-8"),
        "{err}"
    );
    assert!(
        err.contains("empty-2026.zh.md:1:1") && err.contains("missing front matter"),
        "{err}"
    );
}

#[test]
fn theme_errors_name_the_template_and_line() {
    let dir = new_site();
    let templates = dir.path().join("site/themes/default/templates");
    fs::create_dir_all(&templates).unwrap();
    fs::write(
        templates.join("home.html"),
        "{% extends \"base.html\" %}\n{% block main %}\n{{ plans | }}\n{% endblock main %}\n",
    )
    .unwrap();
    let o = build_site(dir.path());
    assert_eq!(o.status.code(), Some(1));
    assert!(stderr(&o).contains("home.html:3:"), "{}", stderr(&o));

    fs::remove_file(templates.join("home.html")).unwrap();
    let i18n = dir.path().join("site/themes/default/i18n");
    fs::create_dir_all(&i18n).unwrap();
    let en = read(&repo().join("themes/default/i18n/en.yaml")).replace("  contents: Contents\n", "");
    fs::write(i18n.join("en.yaml"), en).unwrap();
    let o = build_site(dir.path());
    let err = stderr(&o);
    assert_eq!(o.status.code(), Some(1));
    assert!(
        err.contains("UI string `plan.contents` is missing for en") && err.contains("zh-CN.yaml:"),
        "{err}"
    );
}

#[test]
fn output_may_not_hold_the_source() {
    let dir = new_site();
    let o = plansite(&["build", "--source", "site/content", "--output", "site"], dir.path());
    assert_eq!(o.status.code(), Some(1));
    assert!(
        stderr(&o).contains("is or contains the source folder"),
        "{}",
        stderr(&o)
    );
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
