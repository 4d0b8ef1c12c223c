//! The UI labels every row of values repeats (kind, attribute, category, year formats), looked
//! up once per language per build instead of once per row.

use super::Ctx;
use crate::content::{Attribute, Category, Language, ValueKind, Year};

pub(super) struct RowLabels {
    kinds: Vec<String>,
    attributes: Vec<String>,
    categories: Vec<String>,
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
