use std::collections::BTreeMap;

/// A release: the open data as it stood when the web team published it, frozen in
/// `content/releases/<tag>/` by `plansite release` and published unchanged at
/// `/data/releases/<tag>/`, so a citation of it keeps meaning the same.
#[derive(Debug, Clone)]
pub struct Release {
    /// A date (`2026-06-30`) or a name (`a-z`, `0-9`, `-`).
    pub tag: String,
    /// The published files (see [`PUBLISHED`]) that the folder has, name and bytes.
    pub files: Vec<(&'static str, Vec<u8>)>,
    /// The day it was made (`YYYY-MM-DD`): `released` of its `plans.json`, else the tag when
    /// it is a date. Feeds date their entries by it, so builds never read the clock.
    pub released: String,
    /// Its values as frozen in `indicators.json`, in file order, for comparing releases.
    pub values: Vec<FrozenValue>,
    /// Plan id → its source-language sections as frozen in `plans.json`, in text order.
    pub sections: BTreeMap<String, Vec<FrozenSection>>,
}

/// One value of a release (a record of its `indicators.json`), as compared with the next.
#[derive(Debug, Clone, PartialEq)]
pub struct FrozenValue {
    /// The indicator id.
    pub indicator: String,
    /// The value's stable key within its indicator (`v-<plan>-<n>`, its row id).
    pub value_id: String,
    /// The plan that states it.
    pub plan: String,
    /// Every column of the record, by name.
    pub fields: BTreeMap<String, serde_json::Value>,
}

/// One section of a plan's source-language text, as a release froze it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FrozenSection {
    /// The section (heading) id, shared by every edition.
    pub id: String,
    /// The fingerprint of its normalised text (as translation records compute it).
    pub fingerprint: String,
    /// Its heading text, to name it once it is gone.
    pub heading: String,
}

/// The files of a release folder the build publishes, byte for byte. The folder also keeps
/// `monitoring.csv` and `plans.json` (the plans' section fingerprints), for comparing releases.
pub const PUBLISHED: [&str; 3] = ["indicators.json", "indicators.csv", "indicators.schema.json"];
