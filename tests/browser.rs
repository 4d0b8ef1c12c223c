//! The shipped portal in a real browser (headless Chromium driven by `tests/browser/run.mjs`):
//! every page loads without console errors or failed requests, at the site root and under a
//! sub-path; no horizontal scroll at 360 px; the language switch keeps the section anchor;
//! axe-core accessibility and Nu Html Checker validity; screenshots in `target/screenshots/`.
//!
//! Needs Node, `npm ci --prefix tests/browser`, Debian's `chromium` and Java. Outside CI
//! (`CI` unset) a missing tool skips the check with a printed reason; in CI it fails.

mod common;
use common::*;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::Command;

fn in_ci() -> bool {
    std::env::var("CI").is_ok_and(|v| !v.is_empty() && v != "0" && !v.eq_ignore_ascii_case("false"))
}

/// Prints past the test harness's output capture, so skips and the summary are always seen.
fn say(text: &str) {
    let _ = writeln!(std::io::stderr(), "{text}");
}

/// A required tool is missing: fail in CI, otherwise print why the test is skipped.
fn missing(reason: &str) {
    assert!(!in_ci(), "browser tests cannot run in CI: {reason}");
    say(&format!("browser tests SKIPPED (CI is unset): {reason}"));
}

fn run(cmd: &mut Command) -> Result<std::process::Output, String> {
    cmd.output().map_err(|e| format!("cannot run {cmd:?}: {e}"))
}

/// Installs the pinned npm packages if `node_modules` is missing.
fn npm_ci(dir: &Path) -> Result<(), String> {
    if dir.join("node_modules").is_dir() {
        return Ok(());
    }
    let o = run(Command::new("npm")
        .args(["ci", "--ignore-scripts", "--no-audit", "--no-fund"])
        .current_dir(dir))?;
    if o.status.success() {
        Ok(())
    } else {
        Err(format!("npm ci failed in {}:\n{}", dir.display(), stderr(&o)))
    }
}

fn free_port() -> u16 {
    let listener = std::net::TcpListener::bind("127.0.0.1:0").expect("bind a local port");
    listener.local_addr().unwrap().port()
}

fn screenshots_dir() -> PathBuf {
    std::env::var_os("CARGO_TARGET_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| repo().join("target"))
        .join("screenshots")
}

/// The shipped portal with two releases and a note changed between them, so the changes page,
/// revision histories, as-of links and feeds are checked like every other page.
fn build_with_releases() -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let content = dir.path().join("content");
    copy_tree(&repo().join("content"), &content);
    let release = |tag: &str| {
        let o = plansite(&["release", tag, "--source", content.to_str().unwrap()], dir.path());
        assert!(o.status.success(), "release {tag}: {}", stderr(&o));
    };
    release("2026-01-01");
    let sheet = content.join("indicators.yaml");
    let text = std::fs::read_to_string(&sheet).unwrap();
    let note = text.find("note_en: ").expect("a note to change") + "note_en: ".len();
    std::fs::write(&sheet, format!("{}A revised note. {}", &text[..note], &text[note..])).unwrap();
    release("2026-06-30");
    let out = dir.path().join("public");
    build_site_with(&content, &out, &[]);
    (dir, out)
}

#[test]
fn every_page_type_in_a_real_browser() {
    let harness = repo().join("tests/browser");
    if let Err(e) = run(Command::new("node").arg("--version")) {
        missing(&e);
        return;
    }
    if let Err(e) = npm_ci(&harness) {
        missing(&e);
        return;
    }
    let (_root_dir, site) = build_with_releases();
    let base = format!("http://127.0.0.1:{}/portal/", free_port());
    let (_sub_dir, sub) = build_shipped(&["--base-url", &base]);

    let o = run(Command::new("node")
        .arg(harness.join("run.mjs"))
        .arg(&site)
        .arg("--subpath-site")
        .arg(&sub)
        .arg("--screenshots")
        .arg(screenshots_dir()))
    .unwrap();
    let out = stdout(&o);
    let summary = out.rsplit_once("== summary ==").map_or("", |(_, s)| s);
    say(&format!("browser checks:{summary}"));
    for line in out.lines().filter(|l| l.contains("SKIPPED")) {
        say(line);
    }
    assert!(
        o.status.success(),
        "browser checks failed (node {} exited with {}):\n{out}\n{}",
        harness.join("run.mjs").display(),
        o.status,
        stderr(&o)
    );
}

#[test]
fn serve_updates_an_open_page_in_place() {
    let harness = repo().join("tests/browser");
    for tool in [Path::new("/usr/bin/chromium")] {
        if !tool.exists() {
            missing(&format!("{} not found (Debian package chromium)", tool.display()));
            return;
        }
    }
    if let Err(e) = run(Command::new("node").arg("--version")).and_then(|_| npm_ci(&harness)) {
        missing(&e);
        return;
    }
    let site = tempfile::tempdir().unwrap();
    copy_tree(&repo().join("content"), &site.path().join("content"));
    let server = Server::start(site.path(), &["--no-search"]);
    let o = run(Command::new("node")
        .arg(harness.join("live-reload.mjs"))
        .arg(format!("http://{}/zh/plans/ruian-2021/", server.addr))
        .arg(site.path().join("content/plans/ruian-2021.zh.md"))
        .args(["--edits", "3"]))
    .unwrap();
    let out = stdout(&o);
    say(&format!("live reload in the browser:\n{out}"));
    assert!(
        o.status.success(),
        "live reload checks failed ({}):\n{out}\n{}\nserver stderr:\n{}",
        o.status,
        stderr(&o),
        server.stderr()
    );
}
