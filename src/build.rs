//! The whole pipeline, top to bottom: load → validate → render (minified templates) → index → write.

use crate::content::Site;
use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::load::theme::Theme;
use crate::progress::Progress;
use crate::render::Memo;
use crate::render::Sink;
use crate::{load, render, search, validate, write};
use std::path::PathBuf;
use std::sync::Arc;
use std::sync::Mutex;
use std::time::{Duration, Instant};

/// How to run one build: where from, where to, and the overrides of `site.yaml`.
#[derive(Default)]
pub struct BuildOptions {
    /// The folder with `site.yaml` and `plans/`.
    pub source: PathBuf,
    /// Where to write the site; `None` checks only.
    pub output: Option<PathBuf>,
    /// Overrides `base_url` of site.yaml (e.g. to publish under a sub-path).
    pub base_url: Option<String>,
    /// Overrides `search` of site.yaml (`--no-search` sets `Some(false)`).
    pub search: Option<bool>,
    /// Told when each phase starts (a progress bar on a terminal).
    pub progress: Option<Arc<dyn Progress>>,
    /// Leave the search index out of [`build_into`]'s result even when search is on: `serve`
    /// publishes the pages first and indexes them right after.
    pub defer_index: bool,
}

/// What a successful build did, for the summary line and `serve`.
#[derive(Debug)]
pub struct BuildReport {
    /// Plans loaded.
    pub plans: usize,
    /// HTML pages written (when checking only: those a build would write).
    pub pages: usize,
    /// All files written, pages included (likewise).
    pub files: usize,
    /// Their total size in bytes.
    pub bytes: u64,
    /// Wall-clock time of the whole build, in milliseconds.
    pub millis: u128,
    /// Whether the site has search (site.yaml and `--no-search`).
    pub search: bool,
    /// Pages in the search index (0 when search is off or nothing was written).
    pub search_pages: usize,
    /// How long each phase took, in order.
    pub phases: Vec<(&'static str, Duration)>,
    /// Warnings (a successful build has no errors).
    pub warnings: Vec<Diagnostic>,
}

/// Runs the pipeline. On error returns every problem found, sorted by file and line,
/// and leaves the output folder untouched.
///
/// Pages are written into a staging folder as they are rendered (see [`write::Staging`]), so a
/// build holds no more than a few pages in memory however large the site; the folder replaces
/// the output folder only when everything succeeded.
pub fn build(opts: &BuildOptions) -> Result<BuildReport, Vec<Diagnostic>> {
    let start = Instant::now();
    let Some(dest) = &opts.output else {
        // Checking only: render everything (templates can fail), keep nothing.
        let mut prepared = prepare(opts, None)?;
        let count = Count::default();
        prepared.produce(opts, None, &count)?;
        return Ok(prepared.finish(count.0.into_inner().unwrap_or_else(|e| e.into_inner()), start));
    };
    let cannot_write = |e: std::io::Error| {
        vec![
            Diagnostic::error(None, format!("cannot write {}: {e}", dest.display()))
                .with_hint("check that the folder is writable; the previous site was left as it was"),
        ]
    };
    let mut prepared = prepare(opts, None)?;
    let staging = write::Staging::new(dest).map_err(cannot_write)?;
    prepared.produce(opts, None, &staging)?;
    let t = phase(opts, "write");
    let written = staging.commit().map_err(cannot_write)?;
    prepared.report.phases.push(("write", t.elapsed()));
    Ok(prepared.finish(written, start))
}

/// Renders the site into `out` for `serve`: what is unchanged since `memo`'s last committed
/// build is reused (plan pages are kept, see [`Sink::keep`]), and the search index is left out
/// when `opts.defer_index`. The report counts no files: `out` has them.
pub fn build_into(opts: &BuildOptions, memo: &Memo, out: &dyn Sink) -> Result<BuildReport, Vec<Diagnostic>> {
    let start = Instant::now();
    let mut prepared = prepare(opts, Some(memo))?;
    prepared.produce(opts, Some(memo), out)?;
    Ok(prepared.finish(write::Written::default(), start))
}

/// A sink that counts the files and drops them.
#[derive(Default)]
struct Count(Mutex<write::Written>);

impl Sink for Count {
    fn add(&self, path: String, bytes: Vec<u8>) {
        self.0.lock().unwrap_or_else(|e| e.into_inner()).count(&path, &bytes);
    }

    fn keep(&self, path: String) {
        self.0.lock().unwrap_or_else(|e| e.into_inner()).count(&path, &[]);
    }
}

/// A loaded and validated site, ready to render.
struct Prepared {
    site: Site,
    theme: Theme,
    diags: Diagnostics,
    report: BuildReport,
}

/// Load and validate, reusing what `memo` holds.
fn prepare(opts: &BuildOptions, memo: Option<&Memo>) -> Result<Prepared, Vec<Diagnostic>> {
    let mut diags = Diagnostics::default();
    let t = phase(opts, "load");
    let Some(mut site) = load::load_with(&opts.source, &mut diags, memo.map(|m| &m.files)) else {
        return Err(diags.sorted());
    };
    if let Some(out) = &opts.output {
        let codes: Vec<&str> = site.config.languages.iter().map(|l| l.code.as_str()).collect();
        write::guard::check_output(&opts.source, out, &codes).map_err(|d| vec![d])?;
    }
    if let Some(url) = &opts.base_url {
        site.config.base_url = crate::content::check_base_url(url).map_err(|e| {
            vec![
                Diagnostic::error(None, format!("--base-url: {e}"))
                    .with_hint("pass an absolute http(s) URL, e.g. --base-url https://example.org/portal/"),
            ]
        })?;
    }
    if let Some(search) = opts.search {
        site.config.search = search;
    }
    let errors_before = diags.error_count();
    let theme = load::theme::load_theme(&opts.source, &site.config, &mut diags);
    let theme_broken = diags.error_count() > errors_before;
    if let Some(memo) = memo {
        memo.begin(&site, &theme);
    }
    let mut phases = vec![("load", t.elapsed())];
    let t = phase(opts, "validate");
    validate::validate(&site, &mut diags, memo);
    phases.push(("validate", t.elapsed()));
    if theme_broken {
        // Rendering with a broken theme would report every page that uses it again; its
        // templates are still compiled, so that their errors show in the same run.
        if let Err(d) = render::check_templates(&theme) {
            diags.push(d);
        }
        return Err(diags.sorted());
    }
    let report = BuildReport {
        plans: site.plans.len(),
        pages: 0,
        files: 0,
        bytes: 0,
        millis: 0,
        search: site.config.search,
        search_pages: 0,
        phases,
        warnings: Vec::new(),
    };
    Ok(Prepared {
        site,
        theme,
        diags,
        report,
    })
}

impl Prepared {
    /// Renders every file into `out` (reusing `memo` unless indexing), then the search index
    /// when the build writes, has search and does not defer the index.
    fn produce(&mut self, opts: &BuildOptions, memo: Option<&Memo>, out: &dyn Sink) -> Result<(), Vec<Diagnostic>> {
        let t = phase(opts, "render");
        let writes = opts.output.is_some();
        let indexing = writes && self.site.config.search && !opts.defer_index;
        let collect = search::Collect::new(out);
        // The index needs every page's text: nothing is kept from before.
        let (sink, memo): (&dyn Sink, _) = if indexing { (&collect, None) } else { (out, memo) };
        render::render(&self.site, &self.theme, writes, memo, sink, &mut self.diags);
        out.add(write::guard::MARKER.into(), write::guard::MARKER_TEXT.into());
        self.report.phases.push(("render", t.elapsed()));
        if self.diags.has_errors() {
            return Err(std::mem::take(&mut self.diags).sorted());
        }
        self.report.warnings = std::mem::take(&mut self.diags).sorted();
        if indexing {
            let t = phase(opts, "index");
            let pages = collect.pages();
            self.report.search_pages = pages.len();
            for url in search::indexed_in_part(&pages) {
                self.report.warnings.push(
                    Diagnostic::warning(
                        None,
                        format!(
                            "page {url} is over {} KB: search indexes only its first {0} KB",
                            search::MAX_INDEXED_BYTES >> 10
                        ),
                    )
                    .with_hint("a plan this long is usually a mistake: check its file, or split annexes into plans of their own"),
                );
            }
            let bundle = search::bundle(pages).map_err(|e| {
                vec![
                    Diagnostic::error(None, format!("building the search index failed: {e}"))
                        .with_hint("build with --no-search (or `search: false` in site.yaml) to skip it"),
                ]
            })?;
            for (path, bytes) in bundle {
                out.add(path, bytes);
            }
            self.report.phases.push(("index", t.elapsed()));
        }
        Ok(())
    }

    /// The report, with what was written and the total time.
    fn finish(self, written: write::Written, start: Instant) -> BuildReport {
        let mut report = self.report;
        (report.pages, report.files, report.bytes) = (written.pages, written.files, written.bytes);
        report.millis = start.elapsed().as_millis();
        report
    }
}

fn phase(opts: &BuildOptions, name: &'static str) -> Instant {
    if let Some(p) = &opts.progress {
        p.phase(name);
    }
    Instant::now()
}
