use clap::Args as ClapArgs;
use std::path::{Path, PathBuf};

/// Turn a received plan (.docx, a saved portal page .html, or .txt) into a Markdown draft.
///
/// Without --output the draft goes to standard output and the import report to standard error.
/// With --output the report is written beside the draft as <name>.import.txt, and a draft
/// indicators fragment, if any table holds indicator rows, as <name>.indicators.yaml, and draft
/// registry entries for the bodies its responsibility notes name that content/agencies.yaml
/// does not know, as <name>.agencies.yaml.
#[derive(ClapArgs)]
pub(super) struct Args {
    /// The received file: .docx (Word or WPS), .html/.htm (a saved portal page) or .txt
    file: PathBuf,
    /// The plan id: its permanent URL slug, e.g. ruian-2021
    #[arg(long)]
    id: String,
    /// Write the draft here (e.g. content/plans/ruian-2021.zh.md) instead of standard output
    #[arg(long, short)]
    output: Option<PathBuf>,
}

pub(super) fn run(args: Args) -> Result<(), String> {
    plansite::content::validate_id(&args.id).map_err(|e| format!("error: --id {:?}: {e}", args.id))?;
    let file = args.file.display();
    // A received file of more than 64 MB is not a plan; a named pipe would never end.
    let bytes = plansite::load::text::read_bytes(&args.file, plansite::load::text::MAX_SOURCE_BYTES, "files to import")
        .map_err(|d| format!("error: {file}: {}", d.message))?;
    let draft =
        plansite::import::import_file(&args.file, &bytes, &args.id).map_err(|e| format!("error: {file} {e}"))?;
    let agencies = plansite::agencies::draft::draft_entries(&draft.markdown, &registry(args.output.as_deref()));
    let Some(out) = args.output else {
        print!("{}", draft.markdown);
        if let Some(fragment) = &agencies {
            eprint!("\ndraft agencies (for content/agencies.yaml):\n{fragment}");
        }
        eprint!("{}", draft.report.to_text(&format!("import report for {file}")));
        if let Some(fragment) = &draft.indicators {
            eprint!("\ndraft indicators fragment (for content/indicators.yaml):\n{fragment}");
        }
        return Ok(());
    };
    let report_path = beside(&out, "import.txt");
    let indicators_path = beside(&out, "indicators.yaml");
    let mut header = format!("import report for {file} → {}", out.display());
    if draft.indicators.is_some() {
        header.push_str(&format!("\ndraft indicators: {}", indicators_path.display()));
    }
    write(&out, &draft.markdown)?;
    write(&report_path, &draft.report.to_text(&header))?;
    if let Some(fragment) = &draft.indicators {
        write(&indicators_path, fragment)?;
    }
    if let Some(fragment) = &agencies {
        write(&beside(&out, "agencies.yaml"), fragment)?;
    }
    println!("wrote {} (report: {})", out.display(), report_path.display());
    Ok(())
}

/// The registry the draft is checked against: `agencies.yaml` in the content folder the draft
/// goes into (`content/plans/x.zh.md` → `content/agencies.yaml`), else `content/agencies.yaml`
/// here; none when neither exists or it does not parse (the build reports that).
fn registry(out: Option<&Path>) -> Vec<plansite::content::Agency> {
    let beside_content = out.and_then(|o| o.parent()?.parent().map(|c| c.join("agencies.yaml")));
    let path = (beside_content.into_iter())
        .chain([PathBuf::from("content/agencies.yaml")])
        .find(|p| p.is_file());
    let text = path.and_then(|p| std::fs::read_to_string(p).ok()).unwrap_or_default();
    serde_yaml::from_str::<plansite::content::AgencySheet>(&text)
        .map(|s| s.into_agencies().0)
        .unwrap_or_default()
}

/// `plans/x.zh.md` → `plans/x.zh.<ext>`.
fn beside(draft: &Path, ext: &str) -> PathBuf {
    let name = draft
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let stem = name.strip_suffix(".md").unwrap_or(&name);
    draft.with_file_name(format!("{stem}.{ext}"))
}

fn write(path: &Path, text: &str) -> Result<(), String> {
    std::fs::write(path, text).map_err(|e| format!("error: cannot write {}: {e}", path.display()))
}
