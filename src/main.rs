//! The `plansite` command line: parses arguments and hands each subcommand to `cmd/`.

mod cmd;

use clap::Parser;
use std::process::ExitCode;

/// Rendering makes many small strings on several threads: mimalloc is faster at that than the
/// system allocator and returns memory to the system sooner (lower peak at 10,000 plans).
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> ExitCode {
    let cli = cmd::Cli::parse();
    match cmd::run(cli) {
        Ok(()) => ExitCode::SUCCESS,
        Err(err) => {
            eprintln!("{err}");
            ExitCode::FAILURE
        }
    }
}
