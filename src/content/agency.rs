//! `content/agencies.yaml`: the bodies that plans make responsible for their tasks, so that a
//! reader can ask what one department has promised across all plans.

use super::localized::{Localized, Mixed};
use serde::{Deserialize, Serialize};

/// `agencies.yaml` as written (both ways of writing translatable fields); the model is
/// [`AgencySheet::into_agencies`].
#[derive(Debug, Deserialize, Default)]
#[serde(deny_unknown_fields)]
pub struct AgencySheet {
    #[serde(default)]
    agencies: Vec<AgencyYaml>,
}

impl AgencySheet {
    /// The agencies, and per agency (by index) the fields it writes both ways.
    pub fn into_agencies(self) -> (Vec<Agency>, Vec<(usize, Mixed)>) {
        super::localized::read_all(self.agencies, AgencyYaml::into_agency)
    }
}

/// The level of government a body belongs to: the agency index groups by it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Deserialize, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Level {
    /// 市: a body of the city government or the city's Party committee.
    Municipal,
    /// 区: a district's.
    District,
    /// 县 (and county-level cities).
    County,
    /// A higher-level body's local office (扬州海关, 中国人民银行扬州市分行, the tax bureau):
    /// not under the city, but named in its plans.
    Vertical,
}

impl Level {
    /// Every level, in the order the agencies page groups bodies by.
    pub const ALL: [Level; 4] = [Level::Municipal, Level::District, Level::County, Level::Vertical];

    /// The key of its UI string (`agencies.level.municipal`) and in open data.
    pub fn key(self) -> &'static str {
        match self {
            Level::Municipal => "municipal",
            Level::District => "district",
            Level::County => "county",
            Level::Vertical => "vertical",
        }
    }
}

/// One body, with every spelling plans use for it.
#[derive(Debug, Clone, Serialize)]
pub struct Agency {
    /// `[a-z0-9-]`: the page `/{lang}/agencies/<id>/`.
    pub id: String,
    /// The official name per language (the standard official English name in `en`).
    pub name: Localized<String>,
    /// Short forms as notes write them (`市市场监管局`, `Administration for Market Regulation`).
    pub aliases: Localized<Vec<String>>,
    /// Which government level it belongs to.
    pub level: Level,
    /// The place whose plans name it, as plans' `region` write it (`扬州市`): a short form such as
    /// 市公安局 means this body only in those plans. Empty: every plan.
    pub region: String,
    /// The id of the body it belongs to, if any.
    pub parent: Option<String>,
    /// The body's official website, if known.
    pub website: Option<String>,
    /// The English name follows the standard pattern but no official source was found for it.
    pub name_en_inferred: bool,
}

impl Agency {
    /// The spellings of the body in `lang`: its name, then its aliases.
    pub fn spellings<'a>(&'a self, lang: &str) -> impl Iterator<Item = &'a String> {
        self.name
            .get(lang)
            .into_iter()
            .chain(self.aliases.get(lang).into_iter().flatten())
    }

    /// Whether a note in a plan of `region` (its front matter's) can mean this body.
    pub fn serves(&self, region: &str) -> bool {
        self.region.is_empty() || region.contains(&self.region)
    }
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct AgencyYaml {
    id: String,
    #[serde(default)]
    name: Option<Localized<String>>,
    #[serde(default)]
    name_zh: Option<String>,
    #[serde(default)]
    name_en: Option<String>,
    #[serde(default)]
    aliases: Option<Localized<Vec<String>>>,
    #[serde(default)]
    aliases_zh: Option<Vec<String>>,
    #[serde(default)]
    aliases_en: Option<Vec<String>>,
    level: Level,
    #[serde(default)]
    region: String,
    #[serde(default)]
    parent: Option<String>,
    #[serde(default)]
    website: Option<String>,
    #[serde(default)]
    name_en_inferred: bool,
}

impl AgencyYaml {
    fn into_agency(self, mixed: &mut Vec<Mixed>) -> Agency {
        Agency {
            id: self.id,
            name: Localized::read("name", self.name, self.name_zh, self.name_en, mixed),
            aliases: Localized::read("aliases", self.aliases, self.aliases_zh, self.aliases_en, mixed),
            level: self.level,
            region: self.region,
            parent: self.parent,
            website: self.website,
            name_en_inferred: self.name_en_inferred,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn agencies_read_both_forms_and_serve_their_region() {
        let s: AgencySheet = serde_yaml::from_str(
            "agencies:\n- {id: a, name_zh: 扬州市公安局, aliases_zh: [市公安局], level: municipal, region: 扬州市}\n\
             - {id: b, name: {zh: 扬州海关, en: Yangzhou Customs}, level: vertical}\n",
        )
        .unwrap();
        let (agencies, mixed) = s.into_agencies();
        assert!(mixed.is_empty());
        assert_eq!(
            agencies[0].spellings("zh").collect::<Vec<_>>(),
            ["扬州市公安局", "市公安局"]
        );
        assert!(agencies[0].serves("江苏省扬州市") && !agencies[0].serves("浙江省温州市瑞安市"));
        assert!(agencies[1].serves("浙江省温州市瑞安市"));
        assert_eq!(agencies[1].level, Level::Vertical);
    }
}
