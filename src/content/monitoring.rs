//! `content/monitoring/*.csv`: figures reported after a plan (statistical bulletins, mid-term
//! reviews), one row per observation. They are not the plan's words, so they carry their
//! source and publication date instead of a quote.

use crate::diagnostics::Location;
use std::collections::BTreeMap;

/// One monitoring row.
#[derive(Debug, Clone, PartialEq)]
pub struct Observation {
    /// Id of the indicator the figure is for.
    pub indicator: String,
    /// Id of the plan whose target it tracks.
    pub plan: String,
    /// The calendar year the figure is for.
    pub year: i32,
    /// The figure, in the indicator's unit.
    pub value: f64,
    /// The value as written in the file (for open data: no float formatting surprises).
    pub value_text: String,
    /// Language code → who published the figure (`source_zh`, `source_en`, …).
    pub source: BTreeMap<String, String>,
    /// Where the figure was published, if online.
    pub source_url: Option<String>,
    /// `YYYY-MM-DD`.
    pub published: String,
    /// Language code → note (`note_zh`, `note_en`, …), possibly empty.
    pub note: BTreeMap<String, String>,
    /// The row in its file (line of the record, column 1).
    pub at: Location,
}
