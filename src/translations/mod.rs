//! Translation upkeep: each translated section records the source text it was translated
//! from (`translations/<plan>.<lang>.yaml`), and a section whose source text has changed since
//! is *stale*: `check` lists it, its page says so.
//!
//! The text compared is normalised first (NFKC, whitespace, Markdown markup and link targets
//! dropped), so reflowing lines or linking a term is not a change; a changed word is.

mod diff;
mod record;

pub use diff::short_diff;
pub use record::{mark_reviewed, save};

use crate::content::{Script, TranslationRecord};
use unicode_normalization::UnicodeNormalization;

/// A section's source text as compared: NFKC; in a script without spaces between words all
/// whitespace goes (a reflowed line adds or removes some), otherwise runs become one space.
pub fn normalize(text: &str, script: Script) -> String {
    let text = nfkc(text);
    if script.joins_wide_line_breaks() {
        text.chars().filter(|c| !c.is_whitespace()).collect()
    } else {
        text.split_whitespace().collect::<Vec<_>>().join(" ")
    }
}

/// NFKC, passing the common CJK ideographs through: they are their own normal form and never
/// compose with a neighbour, so the text between them can be normalised piece by piece (the
/// bulk of a Chinese plan then costs a range check per character).
fn nfkc(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut run = None;
    for (i, c) in text.char_indices() {
        if ('\u{4E00}'..='\u{9FFF}').contains(&c) {
            if let Some(start) = run.take() {
                out.extend(text[start..i].nfkc());
            }
            out.push(c);
        } else if run.is_none() {
            run = Some(i);
        }
    }
    if let Some(start) = run {
        out.extend(text[start..].nfkc());
    }
    out
}

/// The fingerprint recorded for a normalised text: 64 bits of XXH3, in hex (a change
/// detector, not a seal: the text itself is in the repository).
pub fn fingerprint(normalized: &str) -> String {
    format!("{:016x}", xxhash_rust::xxh3::xxh3_64(normalized.as_bytes()))
}

/// One source section as it is now.
#[derive(Debug, Clone)]
pub struct SourceSection {
    /// The section id, shared by every edition.
    pub id: String,
    /// Its normalised text.
    pub text: String,
    /// [`fingerprint`] of `text`.
    pub fingerprint: String,
}

impl SourceSection {
    /// The section `id` with the raw text gathered by the renderer.
    pub fn new(id: &str, raw: &str, script: Script) -> Self {
        let text = normalize(raw, script);
        SourceSection {
            id: id.to_string(),
            fingerprint: fingerprint(&text),
            text,
        }
    }
}

/// How one translated section stands against its source.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum State {
    /// Reviewed against the source text as it is now.
    UpToDate,
    /// The source text changed after the review of `reviewed` (a date); `old` is the text then.
    Stale {
        /// The day of the last review.
        reviewed: String,
        /// The normalised source text at that review.
        old: String,
    },
    /// No record of what this section was translated from.
    Unrecorded,
}

/// The state of each source section's translation in an edition with `record`.
pub fn states<'a>(sections: &'a [SourceSection], record: &TranslationRecord) -> Vec<(&'a SourceSection, State)> {
    (sections.iter())
        .map(|s| {
            let state = match record.sections.get(&s.id) {
                None => State::Unrecorded,
                Some(r) if r.fingerprint == s.fingerprint => State::UpToDate,
                Some(r) => State::Stale {
                    reviewed: r.reviewed.clone(),
                    old: r.text.clone(),
                },
            };
            (s, state)
        })
        .collect()
}

#[cfg(test)]
mod tests;
