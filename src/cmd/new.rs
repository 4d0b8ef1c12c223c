use clap::Args as ClapArgs;
use std::path::PathBuf;

/// Create a small working site (one plan in both languages) to start from.
#[derive(ClapArgs)]
pub(super) struct Args {
    /// Folder to create the site in (its content/ must not exist yet)
    dir: PathBuf,
}

pub(super) fn run(args: Args) -> Result<(), String> {
    let files = plansite::scaffold::create(&args.dir).map_err(|e| format!("error: cannot create the site: {e}"))?;
    for f in &files {
        println!("created {}", args.dir.join(f).display());
    }
    println!("next: plansite build --source {}", args.dir.join("content").display());
    Ok(())
}
