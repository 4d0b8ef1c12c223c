use super::*;
use serde_json::json;

fn value(id: &str, figure: i64, note: &str) -> FrozenValue {
    let fields = [
        ("value", json!(figure)),
        ("value_text_zh", json!(format!("{figure}%"))),
        ("quote", json!("合格率")),
        ("url_zh", json!(format!("https://a.org/zh/plans/p/#q-{id}"))),
        ("note_zh", json!(note)),
        ("status", json!("met")),
    ];
    FrozenValue {
        indicator: "rate".into(),
        value_id: id.into(),
        plan: "p".into(),
        fields: fields.into_iter().map(|(k, v)| (k.to_string(), v)).collect(),
    }
}

fn section(id: &str, fingerprint: &str) -> FrozenSection {
    FrozenSection {
        id: id.into(),
        fingerprint: fingerprint.into(),
        heading: format!("heading {id}"),
    }
}

fn release(tag: &str, values: Vec<FrozenValue>, sections: Vec<FrozenSection>) -> Release {
    Release {
        tag: tag.into(),
        files: Vec::new(),
        released: tag.into(),
        values,
        sections: [("p".to_string(), sections)].into_iter().collect(),
    }
}

#[test]
fn values_and_sections_are_compared_by_key() {
    let releases = [
        release(
            "2026-06-30",
            vec![value("v-p-1", 96, "a"), value("v-p-3", 1, "")],
            vec![section("s1", "aa"), section("s2", "bc"), section("s4", "dd")],
        ),
        release(
            "2026-01-01",
            vec![value("v-p-1", 95, "a"), value("v-p-2", 5, "x")],
            vec![section("s1", "aa"), section("s2", "bb"), section("s3", "cc")],
        ),
    ];
    let steps = steps(&releases, None, "zh");
    assert_eq!(steps.len(), 2);
    let (new, first) = (&steps[0], &steps[1]);
    assert_eq!((new.at.tag, new.previous), (Some("2026-06-30"), Some("2026-01-01")));
    assert_eq!(
        (first.previous, first.values.len()),
        (None, 0),
        "a first release lists nothing"
    );
    let whats: Vec<(What, &str)> = new
        .values
        .iter()
        .map(|c| (c.what, c.value().value_id.as_str()))
        .collect();
    assert_eq!(
        whats,
        [(What::Value, "v-p-1"), (What::Added, "v-p-3"), (What::Removed, "v-p-2")]
    );
    let sections: Vec<(SectionWhat, &str)> = (new.sections.iter())
        .map(|c| (c.what, c.section.map_or("", |s| s.id.as_str())))
        .collect();
    assert_eq!(
        sections,
        [
            (SectionWhat::Changed, "s2"),
            (SectionWhat::Added, "s4"),
            (SectionWhat::Removed, "s3")
        ]
    );
}

#[test]
fn a_new_base_url_or_status_is_no_change_but_a_note_is() {
    let mut moved = value("v-p-1", 95, "a");
    moved
        .fields
        .insert("url_zh".into(), json!("https://b.org/zh/plans/p/#q-v-p-1"));
    moved.fields.insert("status".into(), json!("not-met"));
    let then = release("2026-01-01", vec![value("v-p-1", 95, "a")], vec![]);
    let values = [moved.clone()];
    let sections = BTreeMap::new();
    let live = Snapshot {
        tag: None,
        released: "",
        values: &values,
        sections: &sections,
    };
    let releases = [then];
    assert_eq!(steps(&releases, Some(live), "zh").len(), 1, "nothing changed since");
    moved.fields.insert("note_zh".into(), json!("b"));
    moved
        .fields
        .insert("url_zh".into(), json!("https://b.org/zh/plans/p/#s2"));
    let values = [moved];
    let live = Snapshot {
        tag: None,
        released: "",
        values: &values,
        sections: &sections,
    };
    let all = steps(&releases, Some(live), "zh");
    assert_eq!(all[0].at.tag, None, "the unreleased changes come first");
    let whats: Vec<What> = all[0].values.iter().map(|c| c.what).collect();
    assert_eq!(whats, [What::Source, What::Note]);
}
