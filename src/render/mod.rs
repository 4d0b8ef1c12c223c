//! Stage 3: turn the loaded site into output files (path → bytes), handed to a [`Sink`] as
//! they are made: a build writes each straight to its staging folder, so memory stays flat
//! however many plans there are.

pub mod annotate;
pub mod chart;
pub mod escape;
pub mod ids;
pub mod markdown;
mod minify;
mod pages;
pub mod survey;
mod templates;
pub mod trend;
mod watchdog;

use crate::content::Site;
use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::load::theme::Theme;
/// The memo of `serve`'s rebuilds, keeping rendered plans.
pub type Memo = crate::memo::Memo<PlanOutcome>;
pub use pages::PlanOutcome;
use std::collections::{BTreeMap, BTreeSet};
use std::sync::Mutex;

/// Where rendered files go, from several threads at once.
pub trait Sink: Sync {
    /// Takes the file at `path` (relative to the output folder) with its content.
    fn add(&self, path: String, bytes: Vec<u8>);

    /// The file at `path` is byte for byte the one the previous build gave this sink. Only a
    /// render with a [`Memo`] says this (`serve`, whose sink keeps what it was given).
    fn keep(&self, path: String);

    /// Every plan page is done, without errors so far: a live preview may show them before
    /// the pages that sum up all plans (indicators, glossary, lists) follow.
    fn checkpoint(&self) {}
}

/// Keeps the files in memory (`serve`, `check` and tests).
impl Sink for Mutex<Output> {
    fn add(&self, path: String, bytes: Vec<u8>) {
        self.lock().unwrap_or_else(|e| e.into_inner()).add(path, bytes);
    }

    fn keep(&self, path: String) {
        self.lock().unwrap_or_else(|e| e.into_inner()).kept.insert(path);
    }
}

/// The rendered site: relative output path → content. A BTreeMap keeps output order stable.
#[derive(Debug, Default)]
pub struct Output {
    /// Relative output path → content, of the files rendered this time.
    pub files: BTreeMap<String, Vec<u8>>,
    /// Files unchanged since the previous build into the same place (see [`Sink::keep`]):
    /// their bytes are where that build put them.
    pub kept: BTreeSet<String>,
}

impl Output {
    /// Adds or replaces the file at `path`.
    pub fn add(&mut self, path: impl Into<String>, bytes: impl Into<Vec<u8>>) {
        self.files.insert(path.into(), bytes.into());
    }

    /// How many HTML pages the site has, kept files included.
    pub fn html_pages(&self) -> usize {
        self.files
            .keys()
            .chain(&self.kept)
            .filter(|p| p.ends_with(".html"))
            .count()
    }
}

/// Compiles the theme's templates for their errors alone (a build that cannot render still
/// reports them).
pub fn check_templates(theme: &Theme) -> Result<(), Diagnostic> {
    templates::Templates::new(theme, false).map(|_| ())
}

/// Renders every page of `site` with `theme` into `out`, minifying the HTML when `minify` is
/// set; plan pages whose inputs are unchanged since the `memo`'s last build are kept, not
/// rendered. Problems go to `diags`.
pub fn render(site: &Site, theme: &Theme, minify: bool, memo: Option<&Memo>, out: &dyn Sink, diags: &mut Diagnostics) {
    let templates = match templates::Templates::new(theme, minify) {
        Ok(t) => t,
        Err(d) => {
            diags.push(d);
            return;
        }
    };
    let reserved = ids::Reserved::new(theme.templates.values().map(|(src, _)| src.as_str()));
    for (i, term) in site.glossary.iter().enumerate() {
        if let Some(why) = reserved.claimed(&term.id) {
            diags.push(
                Diagnostic::error(
                    Some(site.glossary_positions.at(&format!("terms.{i}.id"))),
                    format!("glossary term id `{}`: {why}", term.id),
                )
                .with_hint(
                    "the id is the term's anchor on the glossary page: choose another, e.g. from its English name",
                ),
            );
        }
    }
    pages::render_all(site, theme, &templates, &reserved, memo, out, diags);
    for (path, bytes) in &theme.static_files {
        out.add(format!("static/{path}"), bytes.clone());
    }
}
