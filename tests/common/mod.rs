//! Helpers for tests that run the real `plansite` binary.
#![allow(dead_code)]

mod server;
#[allow(unused_imports)] // only the tests that start a server use it
pub(crate) use server::Server;

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

pub(crate) fn repo() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

pub(crate) fn plansite(args: &[&str], cwd: &Path) -> Output {
    Command::new(env!("CARGO_BIN_EXE_plansite"))
        .args(args)
        .current_dir(cwd)
        .output()
        .expect("run plansite")
}

/// [`plansite`], killed after `limit` (a hang is a failure, not a stuck test run): `None` then.
pub(crate) fn plansite_within(args: &[&str], cwd: &Path, limit: std::time::Duration) -> Option<Output> {
    use std::process::Stdio;
    let mut child = Command::new(env!("CARGO_BIN_EXE_plansite"))
        .args(args)
        .current_dir(cwd)
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("run plansite");
    // Drain the pipes while waiting, so a chatty build cannot block on a full pipe.
    let (mut out, mut err) = (child.stdout.take().unwrap(), child.stderr.take().unwrap());
    let out = std::thread::spawn(move || {
        let mut b = Vec::new();
        std::io::Read::read_to_end(&mut out, &mut b).ok();
        b
    });
    let err = std::thread::spawn(move || {
        let mut b = Vec::new();
        std::io::Read::read_to_end(&mut err, &mut b).ok();
        b
    });
    let start = std::time::Instant::now();
    let status = loop {
        if let Some(status) = child.try_wait().expect("wait for plansite") {
            break Some(status);
        }
        if start.elapsed() > limit {
            let _ = child.kill();
            let _ = child.wait();
            break None;
        }
        std::thread::sleep(std::time::Duration::from_millis(20));
    };
    let (stdout, stderr) = (out.join().unwrap(), err.join().unwrap());
    status.map(|status| Output { status, stdout, stderr })
}

pub(crate) fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

pub(crate) fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

/// Builds the shipped portal into a fresh temp dir and returns (tempdir, output path).
pub(crate) fn build_shipped(extra: &[&str]) -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("public");
    let src = repo().join("content");
    let mut args = vec![
        "build",
        "--source",
        src.to_str().unwrap(),
        "--output",
        out.to_str().unwrap(),
    ];
    args.extend_from_slice(extra);
    let o = plansite(&args, dir.path());
    assert!(o.status.success(), "build failed:\n{}", stderr(&o));
    (dir, out)
}

/// Builds the site in `content` into `out` without a search index; a failed build fails the test.
pub(crate) fn build_site(content: &Path, out: &Path) {
    build_site_with(content, out, &["--no-search"]);
}

/// Builds the site in `content` into `out` with `extra` flags; a failed build fails the test.
pub(crate) fn build_site_with(content: &Path, out: &Path, extra: &[&str]) {
    let mut args = vec![
        "build",
        "--source",
        content.to_str().unwrap(),
        "--output",
        out.to_str().unwrap(),
    ];
    args.extend_from_slice(extra);
    let o = plansite(&args, content.parent().unwrap());
    assert!(o.status.success(), "build failed:\n{}", stderr(&o));
}

/// A file's text; HTML pages in canonical form (see [`canonical`]).
pub(crate) fn read(path: &Path) -> String {
    let text = std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    if path.extension().is_some_and(|e| e == "html") {
        canonical(&text)
    } else {
        text
    }
}

/// Tests check what a page says, not how its bytes are laid out: pages are put through
/// minify-html, so attributes come sorted and quoted only where needed, whichever way the
/// templates and the Markdown renderer wrote them. (The browser tests validate the real bytes.)
pub(crate) fn canonical(html: &str) -> String {
    let cfg = minify_html::Cfg {
        minify_js: false,
        minify_doctype: false,
        keep_closing_tags: true,
        keep_html_and_head_opening_tags: true,
        ..minify_html::Cfg::new()
    };
    String::from_utf8(minify_html::minify(html.as_bytes(), &cfg)).expect("minify-html writes UTF-8")
}

/// Copies a folder tree (used to make broken variants of a site).
pub(crate) fn copy_tree(from: &Path, to: &Path) {
    for entry in walkdir::WalkDir::new(from) {
        let entry = entry.unwrap();
        let rel = entry.path().strip_prefix(from).unwrap();
        let dest = to.join(rel);
        if entry.file_type().is_dir() {
            std::fs::create_dir_all(&dest).unwrap();
        } else {
            std::fs::copy(entry.path(), &dest).unwrap();
        }
    }
}

/// Every (anchor id) in an HTML page.
pub(crate) fn ids(html: &str) -> Vec<String> {
    let re = regex::Regex::new(r#"\sid="?([^"\s>]+)"?"#).unwrap();
    re.captures_iter(html).map(|c| c[1].to_string()).collect()
}

/// Whether `html` has a `<name ...>` tag carrying all `attrs` (any order, quoted or not).
pub(crate) fn has_tag(html: &str, name: &str, attrs: &[(&str, &str)]) -> bool {
    let re = regex::Regex::new(&format!(r"<{name}\b[^>]*>")).unwrap();
    re.find_iter(html).any(|tag| {
        let t = tag.as_str();
        attrs.iter().all(|(k, v)| {
            t.contains(&format!(" {k}={v} "))
                || t.contains(&format!(" {k}={v}>"))
                || t.contains(&format!(" {k}=\"{v}\""))
        })
    })
}

/// The shipped portal built once per test binary, into `CARGO_TARGET_TMPDIR`.
pub(crate) fn shared_build(name: &str) -> &'static Path {
    use std::sync::OnceLock;
    static OUT: OnceLock<PathBuf> = OnceLock::new();
    OUT.get_or_init(|| {
        let out = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join(name);
        let src = repo().join("content");
        let o = plansite(
            &[
                "build",
                "--source",
                src.to_str().unwrap(),
                "--output",
                out.to_str().unwrap(),
            ],
            &repo(),
        );
        assert!(o.status.success(), "build failed:\n{}", stderr(&o));
        assert!(
            stderr(&o).is_empty(),
            "the shipped portal builds without warnings:\n{}",
            stderr(&o)
        );
        out
    })
}

/// The element ids of an HTML page.
pub(crate) fn element_ids(html: &str) -> std::collections::HashSet<String> {
    element_id_list(html).into_iter().collect()
}

/// The element ids of an HTML page in order, repeats included.
pub(crate) fn element_id_list(html: &str) -> Vec<String> {
    let re = regex::Regex::new(r#"\sid="?([^\s">]+)"#).unwrap();
    re.captures_iter(html).map(|c| c[1].to_string()).collect()
}

/// The ids of the shipped plans.
pub(crate) const PLANS: [&str; 5] = [
    "ruian-2021",
    "jiaxing-2016",
    "youxian-2021",
    "yiwu-2024",
    "yangzhou-2023",
];

/// The text a reader sees in a Markdown draft (tables and footnotes included), one block a line:
/// the text-preservation check of `plansite import` compares sources against it.
pub(crate) fn plain_text(md: &str) -> String {
    use pulldown_cmark::{Event, Options, Parser};
    Parser::new_ext(md, Options::ENABLE_TABLES | Options::ENABLE_FOOTNOTES)
        .filter_map(|e| match e {
            Event::Text(t) | Event::Code(t) => Some(t.into_string()),
            Event::SoftBreak | Event::HardBreak | Event::End(_) => Some("\n".into()),
            _ => None,
        })
        .collect()
}

/// Text compared without whitespace, in NFKC (full-width and half-width punctuation alike).
pub(crate) fn squash(s: &str) -> String {
    use unicode_normalization::UnicodeNormalization;
    s.nfkc()
        .filter(|c| !c.is_whitespace())
        .collect::<String>()
        .trim_start_matches(':')
        .to_string()
}

/// Replaces the first `from` in the file at `path` with `to`; fails the test without one.
pub(crate) fn edit(path: &Path, from: &str, to: &str) {
    let text = std::fs::read_to_string(path).unwrap();
    assert!(text.contains(from), "{}: no {from:?}", path.display());
    std::fs::write(path, text.replacen(from, to, 1)).unwrap();
}

/// Amends the shipped content in `content` as a plan revision would: Jiaxing's manufacturing
/// pass-rate target 95% becomes 96%, in the sheet and in the plan's table row that states it.
pub(crate) fn amend_pass_rate(content: &Path) {
    edit(
        &content.join("indicators.yaml"),
        "    value: 95\n    comparator: '='\n    text_zh: 95%\n    text_en: 95%\n    quote: 制造业产品质量合格率\n",
        "    value: 96\n    comparator: '='\n    text_zh: 96%\n    text_en: 96%\n    quote: 制造业产品质量合格率\n",
    );
    edit(
        &content.join("plans/jiaxing-2016.zh.md"),
        "| 制造业产品质量合格率 | 95% |",
        "| 制造业产品质量合格率 | 96% |",
    );
}
