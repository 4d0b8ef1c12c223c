use clap::Args as ClapArgs;
use std::path::PathBuf;

/// Freeze the open data as it stands into content/releases/TAG/ (commit that folder with the
/// content); every later build publishes it unchanged at /data/releases/TAG/.
#[derive(ClapArgs)]
pub(super) struct Args {
    /// A date (2026-06-30) or a short name (a-z, 0-9, -); an existing tag is refused
    tag: String,
    /// Folder with site.yaml and plans/
    #[arg(long, default_value = "content")]
    source: PathBuf,
}

pub(super) fn run(args: Args) -> Result<(), String> {
    match plansite::release::freeze(&args.source, &args.tag) {
        Ok(folder) => {
            println!("released {}: {} (commit this folder)", args.tag, folder.display());
            Ok(())
        }
        Err(diags) => Err(super::report(&diags).replace("nothing was written", "nothing was released")),
    }
}
