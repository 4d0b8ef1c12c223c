use super::*;

fn section(id: &str, raw: &str) -> SourceSection {
    SourceSection::new(id, raw, Script::Han)
}

#[test]
fn reflowed_chinese_is_the_same_text_a_changed_word_is_not() {
    let a = section("s1", "一、发展现状 加快建设质量强市，\n推动高质量发展。");
    let reflowed = section("s1", "一、发展现状 加快建设质量\n强市，推动 高质量发展。");
    let changed = section("s1", "一、发展现状 加快建设质量强省，推动高质量发展。");
    assert_eq!(a.fingerprint, reflowed.fingerprint);
    assert_ne!(a.fingerprint, changed.fingerprint);
    // Full-width and half-width forms are one text (NFKC).
    assert_eq!(section("s1", "ＧＤＰ增长１０％").text, section("s1", "GDP增长10%").text);
}

#[test]
fn latin_text_keeps_one_space_between_words() {
    assert_eq!(
        normalize("  Quality\n  first,   then\tspeed ", Script::Latin),
        "Quality first, then speed"
    );
}

#[test]
fn states_and_marking_reviewed() {
    let now = vec![section("s1", "甲"), section("s2", "乙"), section("s3", "丙")];
    let (record, marked) = mark_reviewed(
        &TranslationRecord::default(),
        &now,
        &["s1".into(), "s2".into()],
        "2026-12-01",
    );
    assert_eq!(marked, 2);
    let changed = vec![section("s1", "甲"), section("s2", "乙乙"), section("s3", "丙")];
    let states: Vec<State> = states(&changed, &record).into_iter().map(|(_, s)| s).collect();
    assert_eq!(states[0], State::UpToDate);
    assert_eq!(
        states[1],
        State::Stale {
            reviewed: "2026-12-01".into(),
            old: "乙".into()
        }
    );
    assert_eq!(states[2], State::Unrecorded);
    // Marking one section keeps the others' records as they were.
    let (again, marked) = mark_reviewed(&record, &changed, &["s2".into()], "2026-12-03");
    assert_eq!(marked, 1);
    assert_eq!(again.sections["s1"].reviewed, "2026-12-01");
    assert_eq!(again.sections["s2"].reviewed, "2026-12-03");
    assert!(!again.sections.contains_key("s3"));
    assert!(
        states_of(&changed, &again)
            .iter()
            .take(2)
            .all(|s| *s == State::UpToDate)
    );
}

fn states_of(now: &[SourceSection], record: &TranslationRecord) -> Vec<State> {
    states(now, record).into_iter().map(|(_, s)| s).collect()
}

#[test]
fn a_short_diff_shows_each_change_with_a_little_context() {
    assert_eq!(
        short_diff("到2025年，培育省级以上品牌20个", "到2025年，培育省级以上品牌25个"),
        "…5年，培育省级以上品牌2[-0-]{+5+}个"
    );
    assert_eq!(short_diff("abc", "abc"), "");
}
