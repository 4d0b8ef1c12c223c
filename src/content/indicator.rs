//! `content/indicators.yaml`: indicator concepts and the values each plan sets or reports.

use serde::{Deserialize, Serialize};

#[derive(Debug, Deserialize, Serialize, Default)]
#[serde(deny_unknown_fields)]
pub struct IndicatorSheet {
    #[serde(default)]
    pub indicators: Vec<Indicator>,
}

/// One indicator concept, shared by every plan that sets it so cities can be compared.
#[derive(Debug, Deserialize, Serialize, Clone)]
#[serde(deny_unknown_fields)]
pub struct Indicator {
    pub id: String,
    pub name_zh: String,
    pub name_en: String,
    pub definition_zh: String,
    pub definition_en: String,
    pub category: Category,
    #[serde(default)]
    pub unit_zh: String,
    #[serde(default)]
    pub unit_en: String,
    pub better: Better,
    #[serde(default)]
    pub values: Vec<Value>,
}

impl Indicator {
    /// The name in `lang` (the sheet holds Chinese and English; other codes read English).
    pub fn name(&self, lang: &str) -> &str {
        pick(lang, &self.name_zh, &self.name_en)
    }
    pub fn definition(&self, lang: &str) -> &str {
        pick(lang, &self.definition_zh, &self.definition_en)
    }
    pub fn unit(&self, lang: &str) -> &str {
        pick(lang, &self.unit_zh, &self.unit_en)
    }
}

/// A target, or a figure reported for an earlier period, as one plan states it.
#[derive(Debug, Deserialize, Serialize, Clone)]
#[serde(deny_unknown_fields)]
pub struct Value {
    pub plan: String,
    pub kind: ValueKind,
    pub year: Year,
    /// `None` for qualitative values ("完成市下达目标任务").
    pub value: Option<serde_json::Number>,
    #[serde(default)]
    pub value_max: Option<serde_json::Number>,
    pub comparator: Comparator,
    pub text_zh: String,
    pub text_en: String,
    #[serde(default)]
    pub attribute: Option<Attribute>,
    /// Verbatim sentence part of the plan's Chinese text that states the value.
    pub quote: String,
    #[serde(default)]
    pub note_zh: Option<String>,
    #[serde(default)]
    pub note_en: Option<String>,
}

impl Value {
    pub fn text(&self, lang: &str) -> &str {
        pick(lang, &self.text_zh, &self.text_en)
    }
    pub fn note(&self, lang: &str) -> Option<&str> {
        if lang == "zh" {
            self.note_zh.as_deref()
        } else {
            self.note_en.as_deref()
        }
    }
    pub fn number(&self) -> Option<f64> {
        self.value.as_ref().and_then(serde_json::Number::as_f64)
    }
}

fn pick<'a>(lang: &str, zh: &'a str, en: &'a str) -> &'a str {
    if lang == "zh" { zh } else { en }
}

macro_rules! keyword_enum {
    ($(#[$m:meta])* $name:ident { $($variant:ident = $key:literal),+ $(,)? }) => {
        $(#[$m])*
        #[derive(Debug, Deserialize, Serialize, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
        pub enum $name { $(#[serde(rename = $key)] $variant),+ }
        impl $name {
            pub const ALL: &'static [$name] = &[$($name::$variant),+];
            /// The spelling used in YAML, JSON, CSV and i18n keys.
            pub fn key(self) -> &'static str {
                match self { $($name::$variant => $key),+ }
            }
        }
    };
}

keyword_enum!(
    /// The plans' "four qualities", plus everything else.
    Category { Product = "product", Engineering = "engineering", Service = "service", Environment = "environment", Other = "other" }
);
keyword_enum!(Better { Higher = "higher", Lower = "lower" });
keyword_enum!(
    /// A target for the plan period, or a figure the plan reports for an earlier period.
    ValueKind { Target = "target", Actual = "actual", Baseline = "baseline" }
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
    Year(i32),
    Yearly,
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

/// Written as it is read: a number, `yearly`, or `2021-2025`.
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
    fn years_are_written_as_they_are_read() {
        let y = [Year::Year(2025), Year::Yearly, Year::Span(2021, 2025)];
        let text = serde_yaml::to_string(&y).unwrap();
        assert_eq!(text, "- 2025\n- yearly\n- 2021-2025\n");
        assert_eq!(serde_yaml::from_str::<Vec<Year>>(&text).unwrap(), y);
    }

    #[test]
    fn comparators_use_their_yaml_spelling() {
        let c: Vec<Comparator> = serde_yaml::from_str("['>=', '~', range]").unwrap();
        assert_eq!(c, [Comparator::AtLeast, Comparator::About, Comparator::Range]);
        assert_eq!(Comparator::AtLeast.key(), ">=");
    }
}
