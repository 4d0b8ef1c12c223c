use clap::Args as ClapArgs;
use std::path::PathBuf;

/// Generate a synthetic site of N plans for benchmarks (a development command).
#[derive(ClapArgs)]
pub struct Args {
    /// How many plans (each in Chinese and English)
    #[arg(long)]
    plans: usize,
    /// Seed of the random choices: the same seed gives byte-identical files
    #[arg(long, default_value_t = 1)]
    seed: u64,
    /// Folder to write DIR/content/ into (a previous corpus there is replaced)
    #[arg(long)]
    out: PathBuf,
    /// The site whose sentences, headings, indicators and terms are sampled
    #[arg(long, default_value = "content")]
    from: PathBuf,
}

pub fn run(args: Args) -> Result<(), String> {
    let opts = plansite::corpus::Options {
        plans: args.plans,
        seed: args.seed,
    };
    let r = plansite::corpus::generate(&args.from, &args.out, &opts).map_err(|e| format!("error: {e}"))?;
    println!(
        "generated {} plans ({} files, {} KB; {} values of {} indicators; {} glossary terms) into {}",
        r.plans,
        r.files,
        r.bytes / 1024,
        r.values,
        r.indicators,
        r.terms,
        args.out.join("content").display()
    );
    Ok(())
}
