use clap::Args as ClapArgs;
use std::path::PathBuf;

/// Turn a raw plan text into a Markdown draft (printed, or written with --output).
#[derive(ClapArgs)]
pub struct Args {
    /// The raw UTF-8 text, e.g. seeds/ruian-2021.txt
    file: PathBuf,
    /// The plan id: its permanent URL slug, e.g. ruian-2021
    #[arg(long)]
    id: String,
    /// Write the draft here instead of standard output
    #[arg(long, short)]
    output: Option<PathBuf>,
}

pub fn run(args: Args) -> Result<(), String> {
    plansite::content::validate_id(&args.id).map_err(|e| format!("error: --id {:?}: {e}", args.id))?;
    let bytes = std::fs::read(&args.file).map_err(|e| format!("error: cannot read {}: {e}", args.file.display()))?;
    let raw = String::from_utf8(bytes).map_err(|e| {
        format!(
            "error: {} is not UTF-8 (first bad byte at offset {}); convert it first, e.g. `iconv -f GB18030 -t UTF-8`",
            args.file.display(),
            e.utf8_error().valid_up_to()
        )
    })?;
    let draft = plansite::import::import_text(&raw, &args.id);
    for note in &draft.notes {
        eprintln!("note: {}: {note}", args.file.display());
    }
    match args.output {
        Some(path) => std::fs::write(&path, &draft.markdown)
            .map_err(|e| format!("error: cannot write {}: {e}", path.display()))?,
        None => print!("{}", draft.markdown),
    }
    Ok(())
}
