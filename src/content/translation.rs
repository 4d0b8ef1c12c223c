//! What a translated edition's sections were translated from: `translations/<plan>.<lang>.yaml`,
//! written by `plansite translations --reviewed`, committed beside the plans.

use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// One edition's record: per section id, the source-language text its translation was last
/// reviewed against.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct TranslationRecord {
    /// Section id (`s3-2`, `preface`) → what it was translated from.
    #[serde(default)]
    pub sections: BTreeMap<String, SectionSource>,
}

/// The source text one section's translation was reviewed against.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct SectionSource {
    /// The day the translation was last marked reviewed (YYYY-MM-DD).
    pub reviewed: String,
    /// Hash of `text`: what the build compares (the text is kept for the diff it shows).
    pub fingerprint: String,
    /// The section's source text, normalised (markup, link targets and whitespace dropped).
    pub text: String,
}
