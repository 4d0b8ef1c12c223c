use clap::Args as ClapArgs;
use plansite::serve::{ServeOptions, serve};
use std::net::IpAddr;
use std::path::PathBuf;

/// Build, serve on this machine and rebuild on every change, reloading open pages.
#[derive(ClapArgs)]
pub(super) struct Args {
    /// Folder with site.yaml and plans/
    #[arg(long, default_value = "content")]
    source: PathBuf,
    /// Port to listen on (0 picks a free one)
    #[arg(long, short, default_value_t = 1111)]
    port: u16,
    /// Address to listen on; only this machine can connect unless you choose another
    #[arg(long, default_value = "127.0.0.1")]
    bind: IpAddr,
    /// Folder to write the site to (default: a temporary folder, removed on exit)
    #[arg(long)]
    output: Option<PathBuf>,
    /// No search index, search page or search box
    #[arg(long)]
    no_search: bool,
}

pub(super) fn run(args: Args) -> Result<(), String> {
    serve(ServeOptions {
        source: args.source,
        output: args.output,
        bind: args.bind,
        port: args.port,
        search: args.no_search.then_some(false),
    })
}
