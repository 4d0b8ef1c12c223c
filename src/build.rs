//! The whole pipeline, top to bottom: load → validate → render → minify → index → write.

use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::progress::Progress;
use crate::render::Output;
use crate::{load, render, search, validate, write};
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::{Duration, Instant};

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
    /// Leave the search index out of [`build_output`]'s result even when search is on: `serve`
    /// publishes the pages first and indexes them right after.
    pub defer_index: bool,
}

#[derive(Debug)]
pub struct BuildReport {
    pub plans: usize,
    pub pages: usize,
    pub files: usize,
    pub bytes: u64,
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
pub fn build(opts: &BuildOptions) -> Result<BuildReport, Vec<Diagnostic>> {
    let start = Instant::now();
    let (output, mut report) = build_output(opts)?;
    if let Some(dest) = &opts.output {
        let t = phase(opts, "write");
        report.bytes = write::write_atomically(&output, dest).map_err(|e| {
            vec![
                Diagnostic::error(None, format!("cannot write {}: {e}", dest.display()))
                    .with_hint("check that the folder is writable; the previous site was left as it was"),
            ]
        })?;
        report.phases.push(("write", t.elapsed()));
    }
    report.millis = start.elapsed().as_millis();
    Ok(report)
}

/// Everything but writing: the finished site in memory. When `opts.output` is set the pages are
/// also minified and the search index is added, exactly as [`build`] writes them.
pub fn build_output(opts: &BuildOptions) -> Result<(Output, BuildReport), Vec<Diagnostic>> {
    let start = Instant::now();
    let mut phases = Vec::new();
    let mut diags = Diagnostics::default();
    if let Some(out) = &opts.output
        && let Err(d) = check_output_dir(&opts.source, out)
    {
        return Err(vec![d]);
    }
    let t = phase(opts, "load");
    let Some(mut site) = load::load(&opts.source, &mut diags) else {
        return Err(diags.sorted());
    };
    if let Some(url) = &opts.base_url {
        site.config.base_url = if url.ends_with('/') {
            url.clone()
        } else {
            format!("{url}/")
        };
    }
    if let Some(search) = opts.search {
        site.config.search = search;
    }
    let theme = load::theme::load_theme(&opts.source, &site.config, &mut diags);
    phases.push(("load", t.elapsed()));
    let t = phase(opts, "validate");
    validate::validate(&site, &mut diags);
    phases.push(("validate", t.elapsed()));
    let t = phase(opts, "render");
    let mut output = render::render(&site, &theme, &mut diags);
    phases.push(("render", t.elapsed()));
    if diags.has_errors() {
        return Err(diags.sorted());
    }
    let mut search_pages = 0;
    if opts.output.is_some() {
        let t = phase(opts, "minify");
        write::minify(&mut output);
        phases.push(("minify", t.elapsed()));
        if site.config.search && !opts.defer_index {
            let t = phase(opts, "index");
            search_pages = search::index(&mut output).map_err(|e| {
                vec![
                    Diagnostic::error(None, format!("building the search index failed: {e}"))
                        .with_hint("build with --no-search (or `search: false` in site.yaml) to skip it"),
                ]
            })?;
            phases.push(("index", t.elapsed()));
        }
    }
    let report = BuildReport {
        plans: site.plans.len(),
        pages: output.html_pages(),
        files: output.files.len(),
        bytes: output.files.values().map(|b| b.len() as u64).sum(),
        millis: start.elapsed().as_millis(),
        search: site.config.search,
        search_pages,
        phases,
        warnings: diags.sorted(),
    };
    Ok((output, report))
}

fn phase(opts: &BuildOptions, name: &'static str) -> Instant {
    if let Some(p) = &opts.progress {
        p.phase(name);
    }
    Instant::now()
}

/// The output folder is replaced wholesale, so it must never be (or hold) the source.
pub fn check_output_dir(source: &Path, output: &Path) -> Result<(), Diagnostic> {
    let abs = |p: &Path| std::path::absolute(p).unwrap_or_else(|_| p.to_path_buf());
    let (src, out) = (abs(source), abs(output));
    let src_real = src.canonicalize().unwrap_or(src.clone());
    let out_real = out.canonicalize().unwrap_or(out.clone());
    if src_real.starts_with(&out_real) || src.starts_with(&out) {
        return Err(Diagnostic::error(
            None,
            format!(
                "the output folder {} is or contains the source folder {}",
                output.display(),
                source.display()
            ),
        )
        .with_hint("the output folder is replaced on every build: choose another, e.g. --output public"));
    }
    Ok(())
}
