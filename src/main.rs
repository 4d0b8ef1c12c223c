//! The `plansite` command line: parses arguments and hands each subcommand to `cmd/`.

mod cmd;

use clap::Parser;
use std::process::ExitCode;

/// Rendering makes many small strings on several threads: mimalloc is faster at that than the
/// system allocator and returns memory to the system sooner (lower peak at 10,000 plans).
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> ExitCode {
    no_huge_pages();
    let cli = cmd::Cli::parse();
    match cmd::run(cli) {
        Ok(()) => ExitCode::SUCCESS,
        Err(err) => {
            eprintln!("{err}");
            ExitCode::FAILURE
        }
    }
}

/// mimalloc asks for transparent huge pages for its arenas. With THP in `madvise` mode (a common
/// default) the kernel then zeroes 2 MiB pages that a short build barely fills: up to a third of
/// a build's CPU time, varying from run to run, and 60 % more memory. Off for this process.
fn no_huge_pages() {
    // SAFETY: PR_SET_THP_DISABLE only sets a flag of the calling process; failure changes nothing.
    #[cfg(target_os = "linux")]
    unsafe {
        libc::prctl(libc::PR_SET_THP_DISABLE, 1, 0, 0, 0);
    }
}
