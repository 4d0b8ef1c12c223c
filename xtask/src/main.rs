//! Development tasks of the plansite repository, kept out of the shipped library and binary
//! (the cargo `xtask` convention): `cargo xtask gen-corpus --plans N --out DIR`.

mod corpus;

use clap::{Parser, Subcommand};
use std::path::PathBuf;
use std::process::ExitCode;

/// plansite's development tasks.
#[derive(Parser)]
#[command(name = "xtask", about, long_about = None)]
struct Cli {
    #[command(subcommand)]
    task: Task,
}

#[derive(Subcommand)]
enum Task {
    GenCorpus(GenCorpus),
}

/// Generate a synthetic site of N plans for benchmarks (scripts/bench-vs-hugo uses it).
#[derive(clap::Args)]
struct GenCorpus {
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

fn main() -> ExitCode {
    let result = match Cli::parse().task {
        Task::GenCorpus(args) => gen_corpus(args),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("error: {e}");
            ExitCode::FAILURE
        }
    }
}

fn gen_corpus(args: GenCorpus) -> Result<(), String> {
    let opts = corpus::Options {
        plans: args.plans,
        seed: args.seed,
    };
    let r = corpus::generate(&args.from, &args.out, &opts)?;
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
