//! The generated files as YAML: plansite's own content types through serde, so the corpus
//! follows the schema the build reads. Fields left out (`None`) are omitted, not written as
//! `null`, as a person writing the files would.

use plansite::content::{FrontMatter, Indicator, SiteConfig, Term};
use serde::Serialize;
use serde_yaml::Value;

pub(super) fn site(config: &SiteConfig) -> Result<String, String> {
    to_yaml(config)
}

/// A plan file's front matter, without the `---` fences.
pub(super) fn front_matter(front: &FrontMatter) -> Result<String, String> {
    to_yaml(front)
}

/// `indicators.yaml`, translatable fields in the map form (`name: {zh: …, en: …}`).
pub(super) fn indicator_sheet(indicators: Vec<Indicator>) -> Result<String, String> {
    #[derive(Serialize)]
    struct Sheet {
        indicators: Vec<Indicator>,
    }
    to_yaml(&Sheet { indicators })
}

/// `glossary.yaml`, in the same form.
pub(super) fn glossary(terms: Vec<Term>) -> Result<String, String> {
    #[derive(Serialize)]
    struct Sheet {
        terms: Vec<Term>,
    }
    to_yaml(&Sheet { terms })
}

fn to_yaml<T: Serialize>(v: &T) -> Result<String, String> {
    let mut value = serde_yaml::to_value(v).map_err(|e| format!("cannot serialise: {e}"))?;
    drop_nulls(&mut value);
    serde_yaml::to_string(&value).map_err(|e| format!("cannot serialise: {e}"))
}

fn drop_nulls(v: &mut Value) {
    match v {
        Value::Mapping(m) => {
            m.retain(|_, v| !v.is_null());
            m.values_mut().for_each(drop_nulls);
        }
        Value::Sequence(s) => s.iter_mut().for_each(drop_nulls),
        _ => {}
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn absent_fields_are_left_out() {
        let sheet: plansite::content::IndicatorSheet = serde_yaml::from_str(
            "indicators:\n- {id: a, name_zh: 甲, name_en: A, definition_zh: 甲。, definition_en: A.,
               category: other, better: higher,
               values: [{plan: p, kind: target, year: 2025, value: 3, comparator: '=',
                         text_zh: '3', text_en: '3', quote: 甲3}]}",
        )
        .unwrap();
        let text = indicator_sheet(sheet.into_indicators().0).unwrap();
        assert!(!text.contains("null"), "{text}");
        assert!(
            text.contains("  - plan: p\n    kind: target\n    year: 2025\n    value: 3\n"),
            "{text}"
        );
        let again: plansite::content::IndicatorSheet = serde_yaml::from_str(&text).unwrap();
        let (again, mixed) = again.into_indicators();
        assert!(mixed.is_empty());
        assert_eq!(again[0].values[0].quote, "甲3");
        assert_eq!(again[0].name.text_in("en"), "A");
    }
}
