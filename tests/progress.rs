//! What `plansite build` prints: a summary line (with phase times when verbose), nothing with
//! --quiet, and a progress bar only on a terminal.

mod common;
use common::*;
use std::process::Command;

fn build(extra: &[&str]) -> (tempfile::TempDir, std::process::Output) {
    let dir = tempfile::tempdir().unwrap();
    let src = repo().join("content");
    let mut args = vec!["build", "--source", src.to_str().unwrap(), "--output", "public"];
    args.extend_from_slice(extra);
    let o = plansite(&args, dir.path());
    assert!(o.status.success(), "{}", stderr(&o));
    (dir, o)
}

#[test]
fn summary_quiet_and_verbose() {
    let (_d, o) = build(&[]);
    let line = stdout(&o);
    let re = regex::Regex::new(
        r"^built 5 plans: \d+ pages, \d+ files \(\d+ KB\) into public in \d+ ms, \d+ pages searchable\n$",
    )
    .unwrap();
    assert!(re.is_match(&line), "{line}");
    assert!(stderr(&o).is_empty(), "no progress bar when piped: {:?}", stderr(&o));

    let (_d, o) = build(&["--quiet"]);
    assert_eq!(stdout(&o), "", "--quiet prints nothing on success");
    assert!(stderr(&o).is_empty());

    let (_d, o) = build(&["--verbose"]);
    let line = stdout(&o);
    for phase in ["load", "validate", "render", "index", "write"] {
        assert!(
            regex::Regex::new(&format!(r"\b{phase} \d+\.\d ms\b"))
                .unwrap()
                .is_match(&line),
            "{phase} timed: {line}"
        );
    }
    assert_eq!(line.lines().count(), 1, "one summary line: {line}");

    let (_d, o) = build(&["--verbose", "--no-search"]);
    assert!(!stdout(&o).contains("index"), "{}", stdout(&o));
}

#[test]
fn a_progress_bar_on_a_terminal() {
    // `script` runs the build on a pseudo-terminal; the bar's delay is shortened to 0 ms.
    let dir = tempfile::tempdir().unwrap();
    let cmd = format!(
        "{} build --source {} --output {}",
        env!("CARGO_BIN_EXE_plansite"),
        repo().join("content").display(),
        dir.path().join("public").display()
    );
    let o = Command::new("script")
        .args(["-qec", &cmd, "/dev/null"])
        .env("PLANSITE_PROGRESS_AFTER_MS", "0")
        .output()
        .expect("script (util-linux) runs a command on a terminal");
    let screen = String::from_utf8_lossy(&o.stdout);
    assert!(o.status.success(), "{screen}");
    assert!(screen.contains("building ["), "a bar was drawn: {screen:?}");
    assert!(screen.contains("built 5 plans"), "{screen}");
}
