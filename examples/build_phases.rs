//! Times each phase of a build (the steps of `plansite::build::build`, called one by one).
//!
//!     cargo run --release --example build_phases -- SOURCE [OUTPUT]
//!
//! Prints load, theme, validate, render, minify and write times; writes to OUTPUT (default: a
//! folder beside SOURCE named `phases-public`) so the write phase is measured too.

use plansite::diagnostics::Diagnostics;
use plansite::{load, render, validate, write};
use std::path::PathBuf;
use std::time::Instant;

fn main() {
    let mut args = std::env::args().skip(1);
    let source = PathBuf::from(args.next().expect("usage: build_phases SOURCE [OUTPUT]"));
    let output = args
        .next()
        .map(PathBuf::from)
        .unwrap_or_else(|| source.with_file_name("phases-public"));
    let mut diags = Diagnostics::default();
    let start = Instant::now();
    let mut last = start;
    let mut lap = |name: &str| {
        let now = Instant::now();
        println!("{name:<10} {:>8.0} ms", (now - last).as_secs_f64() * 1000.0);
        last = now;
    };
    let site = load::load(&source, &mut diags).expect("the source loads");
    lap("load");
    let theme = load::theme::load_theme(&source, &site.config, &mut diags);
    lap("theme");
    validate::validate(&site, &mut diags);
    lap("validate");
    let mut out = render::render(&site, &theme, &mut diags);
    lap("render");
    assert!(!diags.has_errors(), "the site has errors: run plansite check");
    write::minify(&mut out);
    lap("minify");
    let bytes = write::write_atomically(&out, &output).expect("writable output");
    lap("write");
    println!(
        "total      {:>8.0} ms  ({} plans, {} files, {} MB)",
        start.elapsed().as_secs_f64() * 1000.0,
        site.plans.len(),
        out.files.len(),
        bytes / 1_048_576
    );
}
