//! `content/monitoring/*.csv`: figures reported after a plan (statistical bulletins, mid-term
//! reviews), one row per observation. They are not the plan's words, so they carry their
//! source and publication date instead of a quote.

use crate::diagnostics::Location;
use std::collections::BTreeMap;

/// One monitoring row.
#[derive(Debug, Clone, PartialEq)]
pub struct Observation {
    pub indicator: String,
    pub plan: String,
    pub year: i32,
    pub value: f64,
    /// The value as written in the file (for open data: no float formatting surprises).
    pub value_text: String,
    /// Language code → who published the figure (`source_zh`, `source_en`, …).
    pub source: BTreeMap<String, String>,
    pub source_url: Option<String>,
    /// `YYYY-MM-DD`.
    pub published: String,
    /// Language code → note (`note_zh`, `note_en`, …), possibly empty.
    pub note: BTreeMap<String, String>,
    /// The row in its file (line of the record, column 1).
    pub at: Location,
}
