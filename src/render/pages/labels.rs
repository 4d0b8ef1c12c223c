//! The UI labels every row of values repeats (kind, attribute, category, year formats), looked
//! up once per language per build instead of once per row.

use super::Ctx;
use crate::content::{Attribute, Category, Inferred, Language, Measure, Value, ValueKind, Year};

pub(super) struct RowLabels {
    kinds: Vec<String>,
    attributes: Vec<String>,
    categories: Vec<String>,
    measures: Vec<String>,
    /// Appended to a kind or year the plan does not state: ` (inferred)`.
    inferred: String,
    year: String,
    yearly: String,
    span: String,
}

impl RowLabels {
    /// The labels, from the language's UI strings `s`.
    pub(super) fn new(s: impl Fn(&str) -> String) -> Self {
        RowLabels {
            kinds: ValueKind::ALL
                .iter()
                .map(|k| s(&format!("value_kind.{}", k.key())))
                .collect(),
            attributes: Attribute::ALL
                .iter()
                .map(|a| s(&format!("attribute.{}", a.key())))
                .collect(),
            categories: Category::ALL
                .iter()
                .map(|c| s(&format!("category.{}", c.key())))
                .collect(),
            measures: Measure::ALL
                .iter()
                .map(|m| s(&format!("measure.{}", m.key())))
                .collect(),
            inferred: s("value.inferred"),
            year: s("year.format"),
            yearly: s("year.yearly"),
            span: s("year.span"),
        }
    }
}

impl Ctx<'_> {
    fn labels(&self, lang: &Language) -> &RowLabels {
        &self.shared.labels[self.lang_index(lang)]
    }

    pub(super) fn kind_label(&self, lang: &Language, kind: ValueKind) -> String {
        self.labels(lang).kinds[kind.index()].clone()
    }

    /// A value's kind, marked when the plan does not state it.
    pub(super) fn value_kind(&self, lang: &Language, v: &Value) -> String {
        let label = self.kind_label(lang, v.kind);
        self.mark_inferred(lang, label, v, Inferred::Kind)
    }

    /// A value's year, marked when the plan does not state it.
    pub(super) fn value_year(&self, lang: &Language, v: &Value) -> String {
        let label = self.year_label(lang, v.year);
        self.mark_inferred(lang, label, v, Inferred::Year)
    }

    fn mark_inferred(&self, lang: &Language, label: String, v: &Value, field: Inferred) -> String {
        if v.inferred.contains(&field) {
            label + &self.labels(lang).inferred
        } else {
            label
        }
    }

    /// `stock` → `existing total`, as the language's UI strings say it.
    pub(super) fn measure_label(&self, lang: &Language, measure: Measure) -> String {
        self.labels(lang).measures[measure.index()].clone()
    }

    pub(super) fn attribute_label(&self, lang: &Language, attribute: Attribute) -> String {
        self.labels(lang).attributes[attribute.index()].clone()
    }

    pub(super) fn category_label(&self, lang: &Language, category: Category) -> String {
        self.labels(lang).categories[category.index()].clone()
    }

    /// `2025年`, `每年`, `2021—2025年` / `2025`, `every year`, `2021–2025`.
    pub(super) fn year_label(&self, lang: &Language, year: Year) -> String {
        let labels = self.labels(lang);
        match year {
            Year::Year(y) => labels.year.replace("{year}", &y.to_string()),
            Year::Yearly => labels.yearly.clone(),
            Year::Span(a, b) => labels
                .span
                .replace("{from}", &a.to_string())
                .replace("{to}", &b.to_string()),
        }
    }
}
