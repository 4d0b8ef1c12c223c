use clap::Args as ClapArgs;
use plansite::build::{BuildOptions, build};
use std::path::PathBuf;

/// Run every validation of a build without writing anything; exit 1 on errors.
#[derive(ClapArgs)]
pub(super) struct Args {
    /// Folder with site.yaml and plans/
    #[arg(long, default_value = "content")]
    source: PathBuf,
}

pub(super) fn run(args: Args) -> Result<(), String> {
    let opts = BuildOptions {
        source: args.source,
        ..Default::default()
    };
    match build(&opts) {
        Ok(report) => {
            let mut sources = plansite::diagnostics::SourceCache::default();
            for w in &report.warnings {
                eprintln!("{}\n", w.render_with(&mut sources));
            }
            println!(
                "ok: {} plans, {} pages, {} warning(s)",
                report.plans,
                report.pages,
                report.warnings.len()
            );
            Ok(())
        }
        Err(diags) => Err(super::report(&diags).replace("; nothing was written", "")),
    }
}
