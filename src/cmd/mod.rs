//! One module per subcommand, mdBook style: each parses its own flags and calls the library.

mod build;
mod check;
mod import;
mod new;
mod release;
mod serve;
mod translations;

use clap::{Parser, Subcommand};
use plansite::diagnostics::Diagnostic;

/// plansite: build a bilingual (Chinese / English) static portal of public plans.
#[derive(Parser)]
#[command(name = "plansite", version, about, long_about = None)]
pub(crate) struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    Build(build::Args),
    Check(check::Args),
    New(new::Args),
    Import(import::Args),
    Release(release::Args),
    Serve(serve::Args),
    Translations(translations::Args),
}

pub(crate) fn run(cli: Cli) -> Result<(), String> {
    match cli.command {
        Command::Build(args) => build::run(args),
        Command::Check(args) => check::run(args),
        Command::New(args) => new::run(args),
        Command::Import(args) => import::run(args),
        Command::Release(args) => release::run(args),
        Command::Serve(args) => serve::run(args),
        Command::Translations(args) => translations::run(args),
    }
}

/// Prints diagnostics to stderr; returns the failure line for the caller to print last.
pub(crate) fn report(diags: &[Diagnostic]) -> String {
    let mut sources = plansite::diagnostics::SourceCache::default();
    for d in diags {
        eprintln!("{}\n", d.render_with(&mut sources));
    }
    let errors = diags.iter().filter(|d| d.is_error()).count();
    let warnings = diags.len() - errors;
    format!("error: {errors} error(s), {warnings} warning(s); nothing was written")
}
