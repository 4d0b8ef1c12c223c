//! `content/indicators.yaml`: indicator concepts and the values each plan sets or reports.

use super::localized::{Localized, Mixed};
use serde::{Deserialize, Serialize};

/// `indicators.yaml` as written (both ways of writing translatable fields); the model is
/// [`IndicatorSheet::into_indicators`].
#[derive(Debug, Deserialize, Default)]
#[serde(deny_unknown_fields)]
pub struct IndicatorSheet {
    #[serde(default)]
    indicators: Vec<IndicatorYaml>,
}

impl IndicatorSheet {
    /// The indicators, and per indicator (by index) the fields it writes both ways.
    pub fn into_indicators(self) -> (Vec<Indicator>, Vec<(usize, Mixed)>) {
        super::localized::read_all(self.indicators, IndicatorYaml::into_indicator)
    }
}

/// One indicator concept, shared by every plan that sets it so cities can be compared.
/// Written (by tools such as the benchmark corpus) in the map form of translatable fields.
#[derive(Debug, Clone, Serialize)]
pub struct Indicator {
    /// Permanent URL slug (`[a-z0-9-]`); values, charts and open data refer to it.
    pub id: String,
    /// Display name, per language.
    pub name: Localized<String>,
    /// What is measured and how, per language.
    pub definition: Localized<String>,
    /// Which of the plans' "four qualities" it measures, or `Other`.
    pub category: Category,
    /// Optional: empty in every language for a count without a unit.
    pub unit: Localized<String>,
    /// Which direction of change counts as progress.
    pub better: Better,
    /// Every plan's targets and reported figures for this indicator, in file order.
    pub values: Vec<Value>,
}

impl Indicator {
    /// The measure its chart compares: the one most of its values have (`None`, not stated,
    /// counts as one); on a tie, the one more targets have (readers compare targets), then the
    /// first one's. Values of another measure are not plotted.
    pub fn chart_measure(&self) -> Option<Measure> {
        // (measure, values, targets), in order of first use.
        let mut counts: Vec<(Option<Measure>, usize, usize)> = Vec::new();
        for v in &self.values {
            let target = usize::from(v.kind == ValueKind::Target);
            match counts.iter_mut().find(|(m, ..)| *m == v.measure) {
                Some((_, n, t)) => (*n, *t) = (*n + 1, *t + target),
                None => counts.push((v.measure, 1, target)),
            }
        }
        let best = counts.iter().map(|&(_, n, t)| (n, t)).max();
        counts
            .into_iter()
            .find(|&(_, n, t)| Some((n, t)) == best)
            .and_then(|(m, ..)| m)
    }
}

/// A target, or a figure reported for an earlier period, as one plan states it.
#[derive(Debug, Clone, Serialize)]
pub struct Value {
    /// Id of the plan that states the value.
    pub plan: String,
    /// A target, or a figure reported for an earlier period.
    pub kind: ValueKind,
    /// The year, recurring year or span the value is for.
    pub year: Year,
    /// `None` for qualitative values ("完成市下达目标任务").
    pub value: Option<serde_json::Number>,
    /// Upper bound when `comparator` is `Range` (`value` is then the lower bound).
    pub value_max: Option<serde_json::Number>,
    /// How the number bounds the value: at least, about, exactly, a range, ….
    pub comparator: Comparator,
    /// The value as the plan writes it, and as translated.
    pub text: Localized<String>,
    /// Expected or binding; `None` where the plan does not say.
    pub attribute: Option<Attribute>,
    /// Verbatim sentence part of the plan's source-language text that states the value.
    pub quote: String,
    /// Which occurrence of `quote` in the text states the value (1-based), for a quote the
    /// text holds more than once; `None` for a quote that occurs once.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub occurrence: Option<u32>,
    /// Optional: notes on inconsistencies in the source.
    pub note: Localized<String>,
    /// What the number counts (a level, an addition, a total over a period, a rate); `None`
    /// where the sheet does not say. Charts compare only values of one measure.
    pub measure: Option<Measure>,
    /// What exactly is counted, where it is narrower or wider than the indicator's definition.
    pub scope: Localized<String>,
    /// Fields the plan does not state, filled in by the sheet's reading (shown as inferred).
    pub inferred: Vec<Inferred>,
}

impl Value {
    /// `value` as a float, for charts and comparisons; `None` for qualitative values.
    pub fn number(&self) -> Option<f64> {
        self.value.as_ref().and_then(serde_json::Number::as_f64)
    }
}

/// An indicator as written in YAML.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct IndicatorYaml {
    id: String,
    #[serde(default)]
    name: Option<Localized<String>>,
    #[serde(default)]
    name_zh: Option<String>,
    #[serde(default)]
    name_en: Option<String>,
    #[serde(default)]
    definition: Option<Localized<String>>,
    #[serde(default)]
    definition_zh: Option<String>,
    #[serde(default)]
    definition_en: Option<String>,
    category: Category,
    #[serde(default)]
    unit: Option<Localized<String>>,
    #[serde(default)]
    unit_zh: Option<String>,
    #[serde(default)]
    unit_en: Option<String>,
    better: Better,
    #[serde(default)]
    values: Vec<ValueYaml>,
}

impl IndicatorYaml {
    fn into_indicator(self, mixed: &mut Vec<Mixed>) -> Indicator {
        let values = (self.values.into_iter().enumerate())
            .map(|(j, v)| {
                let mut found = Vec::new();
                let v = v.into_value(&mut found);
                mixed.extend(found.into_iter().map(|m| m.under(&format!("values.{j}"))));
                v
            })
            .collect();
        Indicator {
            id: self.id,
            name: Localized::read("name", self.name, self.name_zh, self.name_en, mixed),
            definition: Localized::read(
                "definition",
                self.definition,
                self.definition_zh,
                self.definition_en,
                mixed,
            ),
            category: self.category,
            unit: Localized::read("unit", self.unit, self.unit_zh, self.unit_en, mixed),
            better: self.better,
            values,
        }
    }
}

/// A value as written in YAML.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct ValueYaml {
    plan: String,
    kind: ValueKind,
    year: Year,
    value: Option<serde_json::Number>,
    #[serde(default)]
    value_max: Option<serde_json::Number>,
    comparator: Comparator,
    #[serde(default)]
    text: Option<Localized<String>>,
    #[serde(default)]
    text_zh: Option<String>,
    #[serde(default)]
    text_en: Option<String>,
    #[serde(default)]
    attribute: Option<Attribute>,
    quote: String,
    #[serde(default)]
    occurrence: Option<u32>,
    #[serde(default)]
    note: Option<Localized<String>>,
    #[serde(default)]
    note_zh: Option<String>,
    #[serde(default)]
    note_en: Option<String>,
    #[serde(default)]
    measure: Option<Measure>,
    #[serde(default)]
    scope: Option<Localized<String>>,
    #[serde(default)]
    scope_zh: Option<String>,
    #[serde(default)]
    scope_en: Option<String>,
    #[serde(default)]
    inferred: Vec<Inferred>,
}

impl ValueYaml {
    fn into_value(self, mixed: &mut Vec<Mixed>) -> Value {
        Value {
            plan: self.plan,
            kind: self.kind,
            year: self.year,
            value: self.value,
            value_max: self.value_max,
            comparator: self.comparator,
            text: Localized::read("text", self.text, self.text_zh, self.text_en, mixed),
            attribute: self.attribute,
            quote: self.quote,
            occurrence: self.occurrence,
            note: Localized::read("note", self.note, self.note_zh, self.note_en, mixed),
            measure: self.measure,
            scope: Localized::read("scope", self.scope, self.scope_zh, self.scope_en, mixed),
            inferred: self.inferred,
        }
    }
}

macro_rules! keyword_enum {
    ($(#[$m:meta])* $name:ident { $($variant:ident = $key:literal),+ $(,)? }) => {
        $(#[$m])*
        #[derive(Debug, Deserialize, Serialize, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
        pub enum $name { $(#[doc = concat!("Written `", $key, "`.")] #[serde(rename = $key)] $variant),+ }
        impl $name {
            /// Every variant, in declaration order.
            pub const ALL: &'static [$name] = &[$($name::$variant),+];
            /// The spelling used in YAML, JSON, CSV and i18n keys.
            pub fn key(self) -> &'static str {
                match self { $($name::$variant => $key),+ }
            }
            /// The position in [`Self::ALL`].
            pub fn index(self) -> usize {
                self as usize
            }
        }
    };
}

keyword_enum!(
    /// The plans' "four qualities", plus everything else.
    Category { Product = "product", Engineering = "engineering", Service = "service", Environment = "environment", Other = "other" }
);
keyword_enum!(
    /// Whether a higher or a lower value is the better outcome.
    Better { Higher = "higher", Lower = "lower" }
);
keyword_enum!(
    /// A target for the plan period, or a figure the plan reports for an earlier period.
    ValueKind { Target = "target", Actual = "actual", Baseline = "baseline" }
);
keyword_enum!(
    /// What a number counts: a level at a time (现有, 达到), what is added in a period (新增,
    /// 新培育), a total over a stated period (累计), or a ratio.
    Measure { Stock = "stock", New = "new", Cumulative = "cumulative", Rate = "rate" }
);
keyword_enum!(
    /// A value's field that the plan does not state and the sheet infers.
    Inferred { Kind = "kind", Year = "year" }
);
keyword_enum!(
    /// 预期性 (expected) or 约束性 (binding), where the plan says so.
    Attribute { Expected = "expected", Binding = "binding" }
);
keyword_enum!(
    /// ≥ 以上/不少于, > 超/突破, ≤, <, ~ 左右, = as stated, range `value`–`value_max`.
    Comparator { AtLeast = ">=", Above = ">", AtMost = "<=", Below = "<", About = "~", Exactly = "=", Range = "range" }
);

impl Comparator {
    /// The sign shown before a number in charts and tables.
    pub fn sign(self) -> &'static str {
        match self {
            Comparator::AtLeast => "≥",
            Comparator::Above => ">",
            Comparator::AtMost => "≤",
            Comparator::Below => "<",
            Comparator::About => "≈",
            Comparator::Exactly | Comparator::Range => "",
        }
    }
}

/// A calendar year, a recurring yearly target, or a span of years (`2021-2025`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Year {
    /// One calendar year (`2025`).
    Year(i32),
    /// Every year of the plan period (`yearly`): a recurring target.
    Yearly,
    /// First and last year, both included (`2021-2025`).
    Span(i32, i32),
}

impl Year {
    /// `2025`, `yearly`, `2021-2025`: the YAML spelling, also used in open data.
    pub fn key(self) -> String {
        match self {
            Year::Year(y) => y.to_string(),
            Year::Yearly => "yearly".into(),
            Year::Span(a, b) => format!("{a}-{b}"),
        }
    }
    /// The year a chart places the value at (the end of a span).
    pub fn sort_year(self) -> i32 {
        match self {
            Year::Year(y) | Year::Span(_, y) => y,
            Year::Yearly => i32::MAX,
        }
    }
}

/// Written as it is read: `2025`, `yearly`, `2021-2025`.
impl Serialize for Year {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        match *self {
            Year::Year(y) => s.serialize_i32(y),
            _ => s.serialize_str(&self.key()),
        }
    }
}

impl<'de> Deserialize<'de> for Year {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        #[derive(Deserialize)]
        #[serde(untagged)]
        enum Raw {
            N(i32),
            S(String),
        }
        let bad = || serde::de::Error::custom("year must be a year (2025), `yearly`, or a span (`2021-2025`)");
        match Raw::deserialize(d)? {
            Raw::N(y) if (1900..=2200).contains(&y) => Ok(Year::Year(y)),
            Raw::N(_) => Err(bad()),
            Raw::S(s) if s == "yearly" => Ok(Year::Yearly),
            Raw::S(s) => {
                if let Ok(y) = s.trim().parse::<i32>() {
                    return if (1900..=2200).contains(&y) {
                        Ok(Year::Year(y))
                    } else {
                        Err(bad())
                    };
                }
                let (a, b) = s.split_once('-').ok_or_else(bad)?;
                match (a.trim().parse::<i32>(), b.trim().parse::<i32>()) {
                    (Ok(a), Ok(b)) if (1900..=2200).contains(&a) && a < b && b <= 2200 => Ok(Year::Span(a, b)),
                    _ => Err(bad()),
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn years_read_all_three_forms() {
        let y: Vec<Year> = serde_yaml::from_str("[2025, yearly, 2021-2025, '2024']").unwrap();
        assert_eq!(
            y,
            [Year::Year(2025), Year::Yearly, Year::Span(2021, 2025), Year::Year(2024)]
        );
        assert!(serde_yaml::from_str::<Year>("2025-2021").is_err());
        assert!(serde_yaml::from_str::<Year>("25").is_err());
    }

    #[test]
    fn both_forms_read_and_mixing_is_noted() {
        let sheet: IndicatorSheet = serde_yaml::from_str(
            "indicators:\n- {id: a, name_zh: 甲, name_en: A, definition: {zh: 定义, fr: déf}, category: other, \
             better: higher, values: [{plan: p, kind: target, year: 2025, value: 1, comparator: '=', \
             text: {zh: 一}, text_en: one, quote: 一}]}",
        )
        .unwrap();
        let (inds, mixed) = sheet.into_indicators();
        assert_eq!(inds[0].name.get("en").map(String::as_str), Some("A"));
        assert_eq!(inds[0].definition.get("fr").map(String::as_str), Some("déf"));
        assert!(inds[0].unit.is_empty());
        assert_eq!(
            mixed,
            [(
                0,
                Mixed {
                    field: "text",
                    key: "values.0.text_en".into()
                }
            )]
        );
    }

    #[test]
    fn comparators_use_their_yaml_spelling() {
        let c: Vec<Comparator> = serde_yaml::from_str("['>=', '~', range]").unwrap();
        assert_eq!(c, [Comparator::AtLeast, Comparator::About, Comparator::Range]);
        assert_eq!(Comparator::AtLeast.key(), ">=");
    }
}
