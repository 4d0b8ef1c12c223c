//! The data model of a site's content, shared by every pipeline stage.

mod agency;
mod glossary;
mod indicator;
mod localized;
mod monitoring;
pub mod numerals;
mod plan;
mod release;
mod script;
mod site;
mod source;
mod translation;

pub use agency::{Agency, AgencySheet, Level};
pub use glossary::{Glossary, Term, first_sentence};
pub use indicator::{
    Attribute, Better, Category, Comparator, Indicator, IndicatorSheet, Inferred, Measure, Value, ValueKind, Year,
};
pub use localized::{Localized, Mixed, OLD_FORM_CODES, Picked, old_key};
pub use monitoring::Observation;
pub use plan::{FrontMatter, Plan, PlanDoc, PlanKind};
pub use release::{FrozenSection, FrozenValue, PUBLISHED, Release};
pub use script::Script;
pub use site::{Language, License, SiteConfig, check_base_url, check_license_url};
pub use source::{Index as PositionIndex, Positions, Stamp};
pub use translation::{SectionSource, TranslationRecord};

use std::path::PathBuf;

/// Everything loaded from a site's source folder.
#[derive(Debug)]
pub struct Site {
    /// The source folder (holds `site.yaml`, `plans/` and the other sheets).
    pub root: PathBuf,
    /// `site.yaml`.
    pub config: SiteConfig,
    /// Where each `site.yaml` value sits, for errors.
    pub config_positions: Positions,
    /// Sorted by id.
    pub plans: Vec<Plan>,
    /// `indicators.yaml`, in file order.
    pub indicators: Vec<Indicator>,
    /// Where each `indicators.yaml` value sits, for errors.
    pub indicator_positions: Positions,
    /// `glossary.yaml`, in file order.
    pub glossary: Vec<Term>,
    /// Where each `glossary.yaml` value sits, for errors.
    pub glossary_positions: Positions,
    /// `agencies.yaml`, in file order (empty without the file).
    pub agencies: Vec<Agency>,
    /// Where each `agencies.yaml` value sits, for errors.
    pub agency_positions: Positions,
    /// `monitoring/*.csv`, files in name order, rows in file order.
    pub monitoring: Vec<Observation>,
    /// `translations/<plan>.<lang>.yaml`: (plan id, language code) → what that edition's
    /// sections were translated from (none for editions never reviewed).
    pub translations: std::collections::BTreeMap<(String, String), TranslationRecord>,
    /// `releases/<tag>/`, in tag order.
    pub releases: Vec<Release>,
}

impl Site {
    /// The first language of `site.yaml`: the plans' source language and the fallback.
    pub fn default_language(&self) -> &Language {
        &self.config.languages[0]
    }

    /// The plan with this id (a binary search: `plans` is sorted by id).
    pub fn plan(&self, id: &str) -> Option<&Plan> {
        self.plans
            .binary_search_by(|p| p.id.as_str().cmp(id))
            .ok()
            .map(|i| &self.plans[i])
    }
}

/// Checks a plan, indicator or glossary id: the permanent URL slug, `[a-z0-9-]`.
pub fn validate_id(id: &str) -> Result<(), String> {
    if id.is_empty() {
        return Err("an id cannot be empty".into());
    }
    if let Some(c) = id.chars().find(|c| !matches!(c, 'a'..='z' | '0'..='9' | '-')) {
        return Err(format!(
            "ids use only a-z, 0-9 and '-' (found {c:?}); they become URL paths"
        ));
    }
    if id.starts_with('-') || id.ends_with('-') {
        return Err("an id cannot start or end with '-'".into());
    }
    if is_device_name(id) {
        return Err(format!(
            "{id:?} is a reserved device name on Windows: a folder of that name cannot be made there"
        ));
    }
    Ok(())
}

/// `con`, `nul`, `com1`, …: names Windows reserves in every folder, whatever the case.
fn is_device_name(id: &str) -> bool {
    matches!(id, "con" | "prn" | "aux" | "nul")
        || ["com", "lpt"].iter().any(|p| {
            id.strip_prefix(p)
                .is_some_and(|n| n.len() == 1 && n.as_bytes()[0].is_ascii_digit())
        })
}
