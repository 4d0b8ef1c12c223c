//! The whole pipeline, top to bottom: load → validate → render → write.

use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::{load, render, validate, write};
use std::path::{Path, PathBuf};
use std::time::Instant;

pub struct BuildOptions {
    /// The folder with `site.yaml` and `plans/`.
    pub source: PathBuf,
    /// Where to write the site; `None` checks only.
    pub output: Option<PathBuf>,
    /// Overrides `base_url` of site.yaml (e.g. to publish under a sub-path).
    pub base_url: Option<String>,
}

#[derive(Debug)]
pub struct BuildReport {
    pub plans: usize,
    pub pages: usize,
    pub files: usize,
    pub bytes: u64,
    pub millis: u128,
    /// Warnings (a successful build has no errors).
    pub warnings: Vec<Diagnostic>,
}

/// Runs the pipeline. On error returns every problem found, sorted by file and line,
/// and leaves the output folder untouched.
pub fn build(opts: &BuildOptions) -> Result<BuildReport, Vec<Diagnostic>> {
    let start = Instant::now();
    let mut diags = Diagnostics::default();
    if let Some(out) = &opts.output
        && let Err(d) = check_output_dir(&opts.source, out)
    {
        return Err(vec![d]);
    }
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
    let theme = load::theme::load_theme(&opts.source, &site.config, &mut diags);
    validate::validate(&site, &mut diags);
    let mut output = render::render(&site, &theme, &mut diags);
    if diags.has_errors() {
        return Err(diags.sorted());
    }
    let mut bytes = 0;
    if let Some(dest) = &opts.output {
        write::minify(&mut output);
        bytes = write::write_atomically(&output, dest).map_err(|e| {
            vec![
                Diagnostic::error(None, format!("cannot write {}: {e}", dest.display()))
                    .with_hint("check that the folder is writable; the previous site was left as it was"),
            ]
        })?;
    }
    Ok(BuildReport {
        plans: site.plans.len(),
        pages: output.html_pages(),
        files: output.files.len(),
        bytes,
        millis: start.elapsed().as_millis(),
        warnings: diags.sorted(),
    })
}

/// The output folder is replaced wholesale, so it must never be (or hold) the source.
fn check_output_dir(source: &Path, output: &Path) -> Result<(), Diagnostic> {
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
