//! Translation upkeep through the real CLI: the shipped portal starts with every translated
//! section up to date; editing one Chinese sentence makes exactly that English section stale
//! (in `check`, in `translations` and on the page), reflowing lines or linking a term does
//! not, and marking the section reviewed clears it.

mod common;
use common::*;
use std::path::Path;

fn edit(path: &Path, from: &str, to: &str) {
    let text = std::fs::read_to_string(path).unwrap();
    assert_eq!(
        text.matches(from).count(),
        1,
        "{from:?} occurs once in {}",
        path.display()
    );
    std::fs::write(path, text.replacen(from, to, 1)).unwrap();
}

fn check(content: &Path) -> String {
    let o = plansite(&["check", "--source", content.to_str().unwrap()], content);
    assert!(o.status.success(), "{}", stderr(&o));
    stderr(&o)
}

fn survey(content: &Path) -> String {
    let o = plansite(&["translations", "--source", content.to_str().unwrap()], content);
    assert!(o.status.success(), "{}", stderr(&o));
    stdout(&o)
}

#[test]
fn the_shipped_portal_starts_with_every_section_up_to_date() {
    let content = repo().join("content");
    let out = survey(&content);
    assert_eq!(out.lines().count(), 5, "one line per translated plan:\n{out}");
    for line in out.lines() {
        assert!(line.ends_with(" 0 stale, 0 unrecorded"), "{line}");
        assert!(!line.contains(": 0 up to date"), "{line}");
    }
    let warnings = check(&content);
    assert!(
        !warnings.contains("out of date") && !warnings.contains("translation record"),
        "{warnings}"
    );
    assert!(!warnings.contains("translates the glossary term"), "{warnings}");
}

#[test]
fn a_glossary_term_translated_another_way_is_a_warning_at_its_section() {
    let dir = tempfile::tempdir().unwrap();
    let content = dir.path().join("content");
    copy_tree(&repo().join("content"), &content);
    let en = content.join("plans/ruian-2021.en.md");
    let text = std::fs::read_to_string(&en).unwrap();
    assert_eq!(
        text.matches("association standards").count(),
        4,
        "the term, in three sections"
    );
    let uses = 3;
    std::fs::write(&en, text.replace("association standards", "group standards")).unwrap();
    let warnings = check(&content);
    let found = warnings.matches("translates the glossary term 团体标准 without its en form: “association standard” or “association standards”").count();
    assert_eq!(found, uses, "one per section using it:\n{warnings}");
    for section in ["s1-1-1", "s3-1-3", "s3-6-2"] {
        assert!(
            warnings.contains(&format!("section `{section}` (")),
            "{section}:\n{warnings}"
        );
    }
    assert!(
        warnings.contains("plans/ruian-2021.en.md:35:1"),
        "at the section's English heading:\n{warnings}"
    );
    assert!(
        warnings.contains("add the spelling it uses to the en aliases of `association-standard`"),
        "{warnings}"
    );
    assert_eq!(
        warnings.matches("translates the glossary term").count(),
        uses,
        "no other term is affected"
    );
}

#[test]
fn one_changed_sentence_makes_exactly_its_section_stale_until_reviewed() {
    let dir = tempfile::tempdir().unwrap();
    let content = dir.path().join("content");
    copy_tree(&repo().join("content"), &content);
    let zh = content.join("plans/ruian-2021.zh.md");
    // Section s1-1-2: one sentence changed.
    edit(
        &zh,
        "“十三五”期间,产业规模不断扩大。",
        "“十三五”期间,服务业规模不断扩大。",
    );
    // Section s1-1-3: a line reflowed; section s1-1-1: a term made a link. Neither is a change.
    edit(
        &zh,
        "“十三五”期间,生态环境质量稳中趋好。",
        "“十三五”期间,生态环境质量\n稳中趋好。",
    );
    edit(&zh, "打造品字标区域品牌", "打造[品字标](https://zjmade.cn/)区域品牌");

    let warnings = check(&content);
    assert_eq!(warnings.matches("may be out of date").count(), 1, "{warnings}");
    assert!(warnings.contains("section `s1-1-2` (2. Service quality has improved markedly) may be out of date: its zh text changed after the translation was reviewed on"), "{warnings}");
    assert!(
        warnings.contains("plans/ruian-2021.en.md:45:1"),
        "at the English heading:\n{warnings}"
    );
    assert!(
        warnings.contains("plans/ruian-2021.zh.md:45: ") && warnings.contains("[-产-]{+服务+}业规模"),
        "the Chinese line and what changed:\n{warnings}"
    );
    assert!(
        warnings.contains("plansite translations --reviewed ruian-2021 --lang en --section s1-1-2"),
        "{warnings}"
    );

    let listed = survey(&content);
    assert!(
        listed.contains("ruian-2021 en: 76 up to date, 1 stale, 0 unrecorded"),
        "{listed}"
    );
    assert!(listed.contains("stale      s1-1-2"), "{listed}");

    let out = dir.path().join("public");
    build_site(&content, &out);
    let page = read(&out.join("en/plans/ruian-2021/index.html"));
    assert_eq!(
        page.matches("notice stale").count(),
        1,
        "one notice on the English page"
    );
    let at = page.find("notice stale").unwrap();
    let heading = page[..at].rfind("<h4 id=").unwrap();
    assert!(
        page[heading..].starts_with("<h4 id=s1-1-2>"),
        "the notice follows its section's heading"
    );
    assert!(
        page[at..].contains("href=../../../zh/plans/ruian-2021/#s1-1-2"),
        "links the Chinese section"
    );
    assert!(!read(&out.join("zh/plans/ruian-2021/index.html")).contains("notice stale"));

    // Reviewed: the warning and the notice go, the other sections' records stay as they were.
    let record = content.join("translations/ruian-2021.en.yaml");
    let before = std::fs::read_to_string(&record).unwrap();
    let o = plansite(
        &[
            "translations",
            "--source",
            content.to_str().unwrap(),
            "--reviewed",
            "ruian-2021",
            "--section",
            "s1-1-2",
            "--date",
            "2027-01-15",
        ],
        dir.path(),
    );
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(
        stdout(&o).contains("ruian-2021 en: 1 section(s) marked reviewed on 2027-01-15"),
        "{}",
        stdout(&o)
    );
    let after = std::fs::read_to_string(&record).unwrap();
    assert_eq!(after.matches("reviewed: 2027-01-15").count(), 1);
    assert_eq!(
        before.lines().count(),
        after.lines().count(),
        "one section's entry replaced"
    );
    assert!(!check(&content).contains("out of date"));
    assert!(survey(&content).contains("ruian-2021 en: 77 up to date, 0 stale, 0 unrecorded"));
}
