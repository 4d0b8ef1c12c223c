//! What changed from one release to the next (and from the latest release to the live data):
//! values added, removed or changed, their sources and notes, and plan sections whose text
//! changed. Values are matched by (indicator, `value_id`), sections by id; one pass over each
//! snapshot, so the cost is linear in the data. Nothing here runs on a site without releases.

use crate::content::{FrozenSection, FrozenValue, Release};
use serde_json::Value as Json;
use std::collections::{BTreeMap, HashMap};

/// One state of the data to compare: a release's, or the live data (`tag` `None`).
pub(crate) struct Snapshot<'a> {
    /// The release tag; `None` for the live data.
    pub(crate) tag: Option<&'a str>,
    /// The release day (empty for the live data).
    pub(crate) released: &'a str,
    /// Its values, in file order.
    pub(crate) values: &'a [FrozenValue],
    /// Plan id → sections.
    pub(crate) sections: &'a BTreeMap<String, Vec<FrozenSection>>,
}

impl<'a> Snapshot<'a> {
    /// A release as a snapshot.
    pub(crate) fn of(r: &'a Release) -> Self {
        Snapshot {
            tag: Some(&r.tag),
            released: &r.released,
            values: &r.values,
            sections: &r.sections,
        }
    }
}

/// What happened to one value.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum What {
    /// New in this release.
    Added,
    /// Gone in this release.
    Removed,
    /// Its figure (value, range, comparator, year, kind or text) changed.
    Value,
    /// Its quote or the place it is anchored at changed.
    Source,
    /// Its note changed.
    Note,
}

/// One change of one value: the record before and after (one of them absent when added or
/// removed).
pub(crate) struct ValueChange<'a> {
    /// What changed.
    pub(crate) what: What,
    /// The record in the previous snapshot.
    pub(crate) old: Option<&'a FrozenValue>,
    /// The record in this one.
    pub(crate) new: Option<&'a FrozenValue>,
}

impl<'a> ValueChange<'a> {
    /// The record as it is now, or as it was when removed.
    pub(crate) fn value(&self) -> &'a FrozenValue {
        self.new.or(self.old).expect("a change has a record")
    }
}

/// What happened to a plan's text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum SectionWhat {
    /// The section's text changed.
    Changed,
    /// A new section.
    Added,
    /// A section that is gone.
    Removed,
    /// A new plan (its sections are not listed one by one).
    PlanAdded,
    /// A plan that is gone.
    PlanRemoved,
}

/// One change of a plan's text.
pub(crate) struct SectionChange<'a> {
    /// What changed.
    pub(crate) what: SectionWhat,
    /// The plan id.
    pub(crate) plan: &'a str,
    /// The section (none for a plan added or removed).
    pub(crate) section: Option<&'a FrozenSection>,
}

/// One release (or the live data) against the one before it.
pub(crate) struct Step<'a> {
    /// This snapshot.
    pub(crate) at: Snapshot<'a>,
    /// The tag compared with; `None` for the first release.
    pub(crate) previous: Option<&'a str>,
    /// Value changes, in this snapshot's order, removed values last.
    pub(crate) values: Vec<ValueChange<'a>>,
    /// Plan text changes, plans in id order, sections in text order.
    pub(crate) sections: Vec<SectionChange<'a>>,
}

impl Step<'_> {
    /// Whether nothing changed (never true of a first release, which lists nothing).
    pub(crate) fn is_empty(&self) -> bool {
        self.previous.is_some() && self.values.is_empty() && self.sections.is_empty()
    }
}

/// Every release against the one before it, newest first, and on top the live data against
/// the latest release when anything changed since. Releases are in date order (then tag).
/// A value's source is its quote and where the `source` language's page anchors it.
pub(crate) fn steps<'a>(releases: &'a [Release], live: Option<Snapshot<'a>>, source: &str) -> Vec<Step<'a>> {
    let url = format!("url_{source}");
    let mut ordered: Vec<&Release> = releases.iter().collect();
    ordered.sort_by(|a, b| (&a.released, &a.tag).cmp(&(&b.released, &b.tag)));
    let mut out: Vec<Step> = Vec::with_capacity(ordered.len() + 1);
    let mut previous: Option<Snapshot> = None;
    for r in ordered {
        let at = Snapshot::of(r);
        out.push(match &previous {
            Some(p) => compare(p, at, &url),
            None => Step {
                at,
                previous: None,
                values: Vec::new(),
                sections: Vec::new(),
            },
        });
        previous = Some(Snapshot::of(r));
    }
    if let (Some(p), Some(live)) = (&previous, live) {
        let step = compare(p, live, &url);
        if !step.is_empty() {
            out.push(step);
        }
    }
    out.reverse();
    out
}

/// `at` against `old`; `url` is the source language's URL column.
fn compare<'a>(old: &Snapshot<'a>, at: Snapshot<'a>, url: &str) -> Step<'a> {
    let before: HashMap<(&str, &str), &FrozenValue> = (old.values.iter())
        .map(|v| ((v.indicator.as_str(), v.value_id.as_str()), v))
        .collect();
    let mut values = Vec::new();
    let mut kept = std::collections::HashSet::new();
    for v in at.values {
        let key = (v.indicator.as_str(), v.value_id.as_str());
        let Some(&o) = before.get(&key) else {
            values.push(ValueChange {
                what: What::Added,
                old: None,
                new: Some(v),
            });
            continue;
        };
        kept.insert(key);
        for what in [What::Value, What::Source, What::Note] {
            if differs(o, v, what, url) {
                values.push(ValueChange {
                    what,
                    old: Some(o),
                    new: Some(v),
                });
            }
        }
    }
    let removed = old
        .values
        .iter()
        .filter(|v| !kept.contains(&(v.indicator.as_str(), v.value_id.as_str())));
    values.extend(removed.map(|v| ValueChange {
        what: What::Removed,
        old: Some(v),
        new: None,
    }));
    // A release that froze no sections (older format) cannot say what text changed.
    let sections = if old.sections.is_empty() || at.sections.is_empty() {
        Vec::new()
    } else {
        sections(old.sections, at.sections)
    };
    Step {
        previous: old.tag,
        at,
        values,
        sections,
    }
}

/// Whether the fields of `what` differ between two records of one value. (Where the other
/// languages anchor the figure follows from the source text and its translation.)
fn differs(a: &FrozenValue, b: &FrozenValue, what: What, url: &str) -> bool {
    let group = |k: &str| match what {
        What::Value => ["value", "value_max", "comparator", "year", "kind"].contains(&k) || k.starts_with("value_text"),
        What::Source => k == "quote" || k == url,
        What::Note => k.starts_with("note_"),
        What::Added | What::Removed => false,
    };
    // A URL's place is its fragment: a new base URL is not a new source.
    let field = |v: &FrozenValue, k: &str| match v.fields.get(k) {
        Some(Json::String(s)) if k.starts_with("url_") => Json::from(s.split_once('#').map_or("", |(_, f)| f)),
        Some(j) => j.clone(),
        None => Json::Null,
    };
    let keys = a.fields.keys().chain(b.fields.keys()).filter(|k| group(k));
    keys.into_iter().any(|k| field(a, k) != field(b, k))
}

/// The plan text changes from `old` to `new`.
fn sections<'a>(
    old: &'a BTreeMap<String, Vec<FrozenSection>>,
    new: &'a BTreeMap<String, Vec<FrozenSection>>,
) -> Vec<SectionChange<'a>> {
    let mut out = Vec::new();
    for (plan, now) in new {
        let Some(then) = old.get(plan) else {
            out.push(SectionChange {
                what: SectionWhat::PlanAdded,
                plan,
                section: None,
            });
            continue;
        };
        let before: HashMap<&str, &str> = then.iter().map(|s| (s.id.as_str(), s.fingerprint.as_str())).collect();
        for s in now {
            let what = match before.get(s.id.as_str()) {
                None => SectionWhat::Added,
                Some(&fp) if fp != s.fingerprint => SectionWhat::Changed,
                Some(_) => continue,
            };
            out.push(SectionChange {
                what,
                plan,
                section: Some(s),
            });
        }
        let ids: std::collections::HashSet<&str> = now.iter().map(|s| s.id.as_str()).collect();
        for s in then.iter().filter(|s| !ids.contains(s.id.as_str())) {
            out.push(SectionChange {
                what: SectionWhat::Removed,
                plan,
                section: Some(s),
            });
        }
    }
    for plan in old.keys().filter(|p| !new.contains_key(*p)) {
        out.push(SectionChange {
            what: SectionWhat::PlanRemoved,
            plan,
            section: None,
        });
    }
    out
}

#[cfg(test)]
mod tests;
