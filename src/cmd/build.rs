use clap::Args as ClapArgs;
use plansite::build::{BuildOptions, build};
use std::path::PathBuf;

/// Build the site into the output folder (replaced only when the build succeeds).
#[derive(ClapArgs)]
pub struct Args {
    /// Folder with site.yaml and plans/
    #[arg(long, default_value = "content")]
    source: PathBuf,
    /// Folder to write the site to
    #[arg(long, default_value = "public")]
    output: PathBuf,
    /// Publish under this URL instead of site.yaml's base_url, e.g. https://example.org/portal/
    #[arg(long)]
    base_url: Option<String>,
}

pub fn run(args: Args) -> Result<(), String> {
    let opts = BuildOptions {
        source: args.source,
        output: Some(args.output.clone()),
        base_url: args.base_url,
    };
    match build(&opts) {
        Ok(report) => {
            let mut sources = plansite::diagnostics::SourceCache::default();
            for w in &report.warnings {
                eprintln!("{}\n", w.render_with(&mut sources));
            }
            println!(
                "built {} plans: {} pages, {} files ({} KB) into {} in {} ms",
                report.plans,
                report.pages,
                report.files,
                report.bytes / 1024,
                args.output.display(),
                report.millis
            );
            Ok(())
        }
        Err(diags) => Err(super::report(&diags)),
    }
}
