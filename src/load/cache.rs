//! Parsed source files kept between the rebuilds of `serve`: a plan file whose [`Stamp`] has
//! not changed is not read again, and a sheet whose bytes have not changed is not parsed again.

use super::text;
use crate::content::PlanDoc;
pub use crate::content::Stamp;
use crate::diagnostics::{Diagnostic, Diagnostics, Location};
use std::collections::HashMap;
use std::hash::{DefaultHasher, Hash, Hasher};
use std::path::{Path, PathBuf};
use std::sync::Mutex;

/// `indicators.yaml` as loaded: the indicators and where each field is (defined here, with
/// the cache that keeps it, so the sheets' reader and the cache do not import each other).
pub(super) type Indicators = (Vec<crate::content::Indicator>, crate::content::Positions);
/// `glossary.yaml` as loaded: the terms and where each field is.
pub(super) type Terms = (Vec<crate::content::Term>, crate::content::Positions);
/// `agencies.yaml` as loaded: the agencies and where each field is.
pub(super) type Agencies = (Vec<crate::content::Agency>, crate::content::Positions);

/// A plan file as parsed: the document (none when it could not be read) and its problems.
type ParsedDoc = (Option<PlanDoc>, Vec<Diagnostic>);

/// What `serve` keeps between rebuilds; empty at first.
#[derive(Default)]
pub struct Cache {
    docs: Mutex<HashMap<PathBuf, (Stamp, ParsedDoc)>>,
    pub(super) indicators: Sheet<Indicators>,
    pub(super) glossary: Sheet<Terms>,
    pub(super) agencies: Sheet<Agencies>,
}

impl Cache {
    /// The plan file at `path` (stamped `stamp`, taken before reading it): from the cache when
    /// the stamp is the one it was parsed with, else parsed by `parse`.
    pub(super) fn doc(
        &self,
        path: &Path,
        stamp: Stamp,
        diags: &mut Diagnostics,
        parse: impl FnOnce(&mut Diagnostics) -> Option<PlanDoc>,
    ) -> Option<PlanDoc> {
        if let Some((s, (doc, found))) = self.docs.lock().unwrap_or_else(|e| e.into_inner()).get(path)
            && *s == stamp
        {
            diags.extend(found.iter().cloned());
            return doc.clone();
        }
        let mut found = Diagnostics::default();
        let doc = parse(&mut found);
        self.docs
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .insert(path.to_path_buf(), (stamp, (doc.clone(), found.0.clone())));
        diags.extend(found.0);
        doc
    }

    /// Forgets plan files that no longer exist.
    pub(super) fn retain_docs(&self, live: impl Fn(&Path) -> bool) {
        self.docs
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .retain(|p, _| live(p));
    }

    /// A digest of the sheets as last read: changes whenever either file's bytes do.
    pub fn sheets_digest(&self) -> u64 {
        let mut h = DefaultHasher::new();
        (self.indicators.digest(), self.glossary.digest(), self.agencies.digest()).hash(&mut h);
        h.finish()
    }
}

/// One sheet (indicators or glossary) as parsed from text with a given digest, and its problems.
pub(super) struct Sheet<T>(Mutex<Option<(u64, T, Vec<Diagnostic>)>>);

impl<T> Default for Sheet<T> {
    fn default() -> Self {
        Sheet(Mutex::new(None))
    }
}

impl<T> Sheet<T> {
    fn digest(&self) -> Option<u64> {
        self.0
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .as_ref()
            .map(|(d, ..)| *d)
    }
}

impl<T: Clone + Default> Sheet<T> {
    /// Reads `path` and parses it with `parse`, unless its bytes are the ones parsed last time.
    pub(super) fn load(
        &self,
        path: &Path,
        diags: &mut Diagnostics,
        parse: impl FnOnce(&str, &mut Diagnostics) -> T,
    ) -> T {
        let Some(text) = read_sheet(path, diags) else {
            *self.0.lock().unwrap_or_else(|e| e.into_inner()) = None;
            return T::default();
        };
        let digest = xxhash_rust::xxh3::xxh3_64(text.as_bytes());
        let mut slot = self.0.lock().unwrap_or_else(|e| e.into_inner());
        if let Some((d, value, found)) = &*slot
            && *d == digest
        {
            diags.extend(found.iter().cloned());
            return value.clone();
        }
        let mut found = Diagnostics::default();
        let value = parse(&text, &mut found);
        *slot = Some((digest, value.clone(), found.0.clone()));
        diags.extend(found.0);
        value
    }
}

/// The text of the sheet at `path`: `None` when there is no such file (an empty sheet) or it
/// cannot be read (reported).
pub(super) fn read_sheet(path: &Path, diags: &mut Diagnostics) -> Option<String> {
    if !path.exists() {
        return None;
    }
    let text = text::read_limited(path, MAX_SHEET_BYTES, "data sheets")
        .map_err(|d| diags.push(d))
        .ok()?;
    if let Some((n, line)) = text.lines().enumerate().find(|(_, l)| l.len() > MAX_SHEET_LINE_BYTES) {
        diags.push(
            Diagnostic::error(
                Some(Location::new(path, n + 1, 1)),
                format!(
                    "line {} is {:.1} MB long; sheet lines over {} KB are refused",
                    n + 1,
                    line.len() as f64 / 1_048_576.0,
                    MAX_SHEET_LINE_BYTES >> 10
                ),
            )
            .with_hint("write the sheet one field per line (YAML block style), as `plansite new` does, not as one JSON or flow-style line"),
        );
        return None;
    }
    Some(text)
}

/// The benchmark corpus's sheet is 2.5 MB at 2,000 plans, so about 12.5 MB at 10,000; a
/// one-line sheet of 50 MB took 2.7 GB to parse, so the limit bounds a build's memory too.
const MAX_SHEET_BYTES: u64 = 32 * 1024 * 1024;

/// A sheet written as one line (JSON, YAML flow style) is indexed by position node by node on
/// that line: 26 MB on one line took 26 s and 1.1 GB before failing. Block style has short lines.
const MAX_SHEET_LINE_BYTES: usize = 1024 * 1024;
