use clap::Args as ClapArgs;
use plansite::build::{BuildOptions, BuildReport, build};
use plansite::progress::{Progress, TerminalProgress};
use std::path::PathBuf;
use std::sync::Arc;
use std::time::Duration;

/// Build the site into the output folder (replaced only when the build succeeds).
#[derive(ClapArgs)]
pub(super) struct Args {
    /// Folder with site.yaml and plans/
    #[arg(long, default_value = "content")]
    source: PathBuf,
    /// Folder to write the site to
    #[arg(long, default_value = "public")]
    output: PathBuf,
    /// Publish under this URL instead of site.yaml's base_url, e.g. https://example.org/portal/
    #[arg(long)]
    base_url: Option<String>,
    /// No search index, search page or search box (same as `search: false` in site.yaml)
    #[arg(long)]
    no_search: bool,
    /// Print nothing but warnings and errors
    #[arg(long, short, conflicts_with = "verbose")]
    quiet: bool,
    /// Also print the time each phase took
    #[arg(long, short)]
    verbose: bool,
}

pub(super) fn run(args: Args) -> Result<(), String> {
    // A progress bar on a terminal once a build takes longer than a second (tests shorten this).
    let delay = std::env::var("PLANSITE_PROGRESS_AFTER_MS")
        .ok()
        .and_then(|ms| ms.parse().ok())
        .map_or(Duration::from_secs(1), Duration::from_millis);
    let progress = (!args.quiet).then(|| TerminalProgress::start(delay));
    let opts = BuildOptions {
        source: args.source,
        output: Some(args.output.clone()),
        base_url: args.base_url,
        search: args.no_search.then_some(false),
        progress: progress.clone().map(|p| p as Arc<dyn Progress>),
        ..Default::default()
    };
    let result = build(&opts);
    if let Some(p) = &progress {
        p.finish();
    }
    match result {
        Ok(report) => {
            let mut sources = plansite::diagnostics::SourceCache::default();
            for w in &report.warnings {
                eprintln!("{}\n", w.render_with(&mut sources));
            }
            if !args.quiet {
                let mut line = summary(&report, &args.output.display().to_string());
                if args.verbose {
                    line.push_str(&format!(" ({})", phases(&report)));
                }
                println!("{line}");
            }
            Ok(())
        }
        Err(diags) => Err(super::report(&diags)),
    }
}

fn summary(report: &BuildReport, output: &str) -> String {
    let search = if report.search_pages > 0 {
        format!(", {} pages searchable", report.search_pages)
    } else {
        String::new()
    };
    format!(
        "built {} plans: {} pages, {} files ({} KB) into {output} in {} ms{search}",
        report.plans,
        report.pages,
        report.files,
        report.bytes / 1024,
        report.millis
    )
}

/// `load 12.0 ms, validate 1.0 ms, …`
fn phases(report: &BuildReport) -> String {
    let parts: Vec<String> = report
        .phases
        .iter()
        .map(|(name, d)| format!("{name} {:.1} ms", d.as_secs_f64() * 1000.0))
        .collect();
    parts.join(", ")
}
