//! The open data's standard metadata (issue #21 §1), on the shipped portal built by the real
//! CLI: schema.org `Dataset` JSON-LD on every indicator page and a `DataCatalog` on the list,
//! `/data/datapackage.json` (Frictionless), `/data/catalog.jsonld` (DCAT-AP 3).
//!
//! The standard tools check them (`tests/opendata/check.py`): `frictionless validate`, rdflib and
//! PyLD, pinned in `tests/opendata/requirements.txt` and installed by this test into
//! `target/pyenv` when missing or when the pins change. Outside CI (`CI` unset) a missing Python
//! or PyPI skips those checks with a printed reason; in CI it fails. A second test breaks a copy
//! of the metadata three ways and requires each tool to fail, so a checker that accepts
//! anything cannot pass.

mod common;
use common::*;
use serde_json::Value as Json;
use std::fs;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::OnceLock;

fn in_ci() -> bool {
    std::env::var("CI").is_ok_and(|v| !v.is_empty() && v != "0" && !v.eq_ignore_ascii_case("false"))
}

/// Prints past the test harness's output capture.
fn say(text: &str) {
    let _ = writeln!(std::io::stderr(), "{text}");
}

fn target_dir() -> PathBuf {
    std::env::var_os("CARGO_TARGET_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| repo().join("target"))
}

fn run(cmd: &mut Command) -> Result<std::process::Output, String> {
    let o = cmd.output().map_err(|e| format!("cannot run {cmd:?}: {e}"))?;
    if o.status.success() {
        Ok(o)
    } else {
        Err(format!("{cmd:?} failed:\n{}{}", stdout(&o), stderr(&o)))
    }
}

/// The venv's Python with the pinned checkers, made once per test run (and kept in `target/`
/// while the requirements file is unchanged).
fn python() -> Result<PathBuf, String> {
    static PY: OnceLock<Result<PathBuf, String>> = OnceLock::new();
    PY.get_or_init(|| {
        let requirements = repo().join("tests/opendata/requirements.txt");
        let pins = fs::read_to_string(&requirements).map_err(|e| e.to_string())?;
        let venv = target_dir().join("pyenv");
        let py = venv.join("bin/python");
        let stamp = venv.join("requirements.installed");
        if py.is_file() && fs::read_to_string(&stamp).is_ok_and(|s| s == pins) {
            return Ok(py);
        }
        run(Command::new("python3").args(["-m", "venv", "--clear"]).arg(&venv))?;
        run(Command::new(&py)
            .args(["-m", "pip", "install", "--quiet", "--disable-pip-version-check", "-r"])
            .arg(&requirements))?;
        fs::write(&stamp, pins).map_err(|e| e.to_string())?;
        Ok(py)
    })
    .clone()
}

/// `check.py SITE [--only PART]`: (passed, its output).
fn check(site: &Path, only: Option<&str>) -> Option<(bool, String)> {
    let py = match python() {
        Ok(py) => py,
        Err(e) => {
            assert!(!in_ci(), "the metadata checkers cannot be installed in CI: {e}");
            say(&format!("open-data metadata checks SKIPPED (CI is unset): {e}"));
            return None;
        }
    };
    let mut cmd = Command::new(py);
    cmd.arg(repo().join("tests/opendata/check.py")).arg(site);
    if let Some(part) = only {
        cmd.args(["--only", part]);
    }
    let o = cmd.output().expect("run check.py");
    Some((o.status.success(), format!("{}{}", stdout(&o), stderr(&o))))
}

fn portal() -> &'static Path {
    shared_build("open-metadata-site")
}

#[test]
fn standard_tools_accept_the_metadata() {
    let Some((ok, out)) = check(portal(), None) else {
        return;
    };
    say(&format!("open-data metadata: {}", out.lines().last().unwrap_or("")));
    assert!(ok, "check.py failed:\n{out}");
}

/// A copy of the portal's `data/` and indicator pages, for breaking.
fn copy_of_metadata() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    copy_tree(&portal().join("data"), &dir.path().join("data"));
    for lang in ["zh", "en"] {
        copy_tree(
            &portal().join(lang).join("indicators"),
            &dir.path().join(lang).join("indicators"),
        );
    }
    dir
}

#[test]
fn standard_tools_reject_broken_metadata() {
    if let Err(e) = python() {
        assert!(!in_ci(), "the metadata checkers cannot be installed in CI: {e}");
        say(&format!("open-data metadata checks SKIPPED (CI is unset): {e}"));
        return;
    }
    let dir = copy_of_metadata();
    let data = dir.path().join("data");
    // A kind the schema no longer allows: every target row breaks its enum.
    edit(&data.join("indicators.schema.json"), "\"target\",\n", "");
    // A monitoring row of an indicator the sheet does not have: its foreign key breaks.
    let monitoring = data.join("monitoring.csv");
    let mut rows = fs::read(&monitoring).unwrap();
    rows.extend_from_slice(b"no-such-indicator,ruian-2021,2024,1,,,,2025-01-01,,\r\n");
    fs::write(&monitoring, rows).unwrap();
    // A dataset without its title.
    let catalog = data.join("catalog.jsonld");
    let mut doc: Json = serde_json::from_str(&fs::read_to_string(&catalog).unwrap()).unwrap();
    doc["dcat:dataset"][0].as_object_mut().unwrap().remove("dct:title");
    fs::write(&catalog, serde_json::to_vec_pretty(&doc).unwrap()).unwrap();
    // A page whose description is too short.
    let page = dir.path().join("en/indicators/pm25-concentration/index.html");
    let html = fs::read_to_string(&page).unwrap();
    let re = regex::Regex::new(r#""description":"[^"]*""#).unwrap();
    fs::write(&page, re.replacen(&html, 1, r#""description":"Too short.""#).as_bytes()).unwrap();
    for (part, expect) in [
        (
            "packages",
            &["FAIL frictionless validate", "constraint-error", "foreign-key"][..],
        ),
        ("catalog", &["dct:title"]),
        ("pages", &["description of 10 characters"]),
    ] {
        let (ok, out) = check(dir.path(), Some(part)).unwrap();
        assert!(!ok, "{part}: the broken copy passed:\n{out}");
        for e in expect {
            assert!(out.contains(e), "{part}: no {e:?} in\n{out}");
        }
    }
}

/// The JSON-LD blocks of a page (canonical form: the attribute unquoted).
fn json_ld(page: &str) -> Vec<Json> {
    let re = regex::Regex::new(r"(?s)<script type=application/ld\+json>(.*?)</script>").unwrap();
    (re.captures_iter(page))
        .map(|c| serde_json::from_str(&c[1]).expect("JSON-LD parses as JSON"))
        .collect()
}

#[test]
fn indicator_pages_embed_what_they_show() {
    let out = portal();
    let page = read(&out.join("en/indicators/pm25-concentration/index.html"));
    let [d] = &json_ld(&page)[..] else {
        panic!("one JSON-LD block")
    };
    assert_eq!(d["@type"], "Dataset");
    assert_eq!(d["identifier"], "pm25-concentration");
    assert_eq!(d["inLanguage"], "en");
    assert_eq!(d["url"], "https://plans.example.org/en/indicators/pm25-concentration/");
    assert_eq!(d["license"], "https://creativecommons.org/licenses/by/4.0/");
    assert_eq!(d["isAccessibleForFree"], true);
    assert!(page.contains(&format!(">{}</h1>", d["name"].as_str().unwrap())));
    let desc = d["description"].as_str().unwrap();
    assert!((50..=5000).contains(&desc.chars().count()), "{desc}");
    let csv = &d["distribution"][0];
    assert_eq!(
        csv["contentUrl"],
        "https://plans.example.org/data/indicators/pm25-concentration.csv"
    );
    assert_eq!(csv["encodingFormat"], "text/csv");
    // The years and dates come from the content, not the clock.
    let years = d["temporalCoverage"].as_str().unwrap();
    assert!(
        regex::Regex::new(r"^\d{4}(/\d{4})?$").unwrap().is_match(years),
        "{years}"
    );
    let modified = d["dateModified"].as_str().unwrap();
    assert!(modified.as_bytes()[..4].iter().all(u8::is_ascii_digit) && modified.len() == 10);
    let zh = read(&out.join("zh/indicators/pm25-concentration/index.html"));
    let zd = &json_ld(&zh)[0];
    assert_eq!(zd["inLanguage"], "zh-CN");
    assert!(zd["publisher"].to_string().contains("人民政府"), "{}", zd["publisher"]);
    let index = read(&out.join("zh/indicators/index.html"));
    let catalog = &json_ld(&index)[0];
    assert_eq!(catalog["@type"], "DataCatalog");
}

#[test]
fn csvs_are_rfc_4180_with_a_bom() {
    let out = portal();
    for name in ["indicators.csv", "monitoring.csv", "indicators/pm25-concentration.csv"] {
        let bytes = fs::read(out.join("data").join(name)).unwrap();
        assert!(bytes.starts_with(b"\xEF\xBB\xBF"), "{name}: BOM");
        assert!(bytes.ends_with(b"\r\n"), "{name}: CRLF");
        let mut reader = csv::Reader::from_reader(&bytes[3..]);
        let header = reader.headers().unwrap().clone();
        assert!(reader.records().all(|r| r.unwrap().len() == header.len()), "{name}");
    }
}

#[test]
fn a_site_without_a_license_is_warned_and_names_none() {
    let dir = tempfile::tempdir().unwrap();
    copy_tree(&repo().join("content"), &dir.path().join("content"));
    let site = dir.path().join("content/site.yaml");
    let text = fs::read_to_string(&site).unwrap();
    let cut = text.find("\n# The licence").expect("site.yaml names its licence");
    fs::write(&site, &text[..=cut]).unwrap();
    let o = plansite(&["build", "--no-search", "--output", "public"], dir.path());
    assert!(o.status.success(), "{}", stderr(&o));
    let err = stderr(&o);
    assert!(
        err.contains("site.yaml:1:1") && err.contains("names no license"),
        "{err}"
    );
    assert!(
        err.contains("help") || err.contains("license: {url"),
        "with a hint: {err}"
    );
    let page = read(&dir.path().join("public/en/indicators/pm25-concentration/index.html"));
    assert!(json_ld(&page)[0].get("license").is_none());
    let package: Json =
        serde_json::from_str(&fs::read_to_string(dir.path().join("public/data/datapackage.json")).unwrap()).unwrap();
    assert!(package.get("licenses").is_none());
}

#[test]
fn releases_are_frozen_once_and_published_unchanged() {
    let dir = tempfile::tempdir().unwrap();
    copy_tree(&repo().join("content"), &dir.path().join("content"));
    let release = |tag: &str| plansite(&["release", tag], dir.path());
    let frozen = |tag: &str, name: &str| fs::read(dir.path().join("content/releases").join(tag).join(name)).unwrap();
    let o = release("2026-01-15");
    assert!(o.status.success(), "{}", stderr(&o));
    for name in [
        "indicators.json",
        "indicators.csv",
        "indicators.schema.json",
        "monitoring.csv",
        "plans.json",
    ] {
        assert!(!frozen("2026-01-15", name).is_empty(), "{name}");
    }
    let plans: Json = serde_json::from_slice(&frozen("2026-01-15", "plans.json")).unwrap();
    // The release day, and per plan one "<fingerprint> <section id> <heading>" line a section.
    assert_eq!(plans["released"], "2026-01-15");
    let first = plans["sections"]["ruian-2021"][0].as_str().unwrap();
    assert!(first.split(' ').next().is_some_and(|h| h.len() == 16), "{first}");
    // A tag is made once; a tag that is not an id is refused too.
    let before = frozen("2026-01-15", "indicators.json");
    for tag in ["2026-01-15", "June release"] {
        let o = release(tag);
        assert!(!o.status.success(), "{tag} was released");
        assert!(stderr(&o).contains("nothing was released"), "{}", stderr(&o));
    }
    assert_eq!(frozen("2026-01-15", "indicators.json"), before);
    // A value changes, and the next release has it.
    // The plan is amended with it: the anchored table row states the new value.
    amend_pass_rate(&dir.path().join("content"));
    let sheet = dir.path().join("content/indicators.yaml");
    let plan = dir.path().join("content/plans/jiaxing-2016.zh.md");
    let o = release("v2");
    assert!(o.status.success(), "{}", stderr(&o));
    let first: Json = serde_json::from_slice(&frozen("2026-01-15", "indicators.json")).unwrap();
    let second: Json = serde_json::from_slice(&frozen("v2", "indicators.json")).unwrap();
    let value = |doc: &Json| doc["records"][0]["value"].clone();
    assert_eq!((value(&first), value(&second)), (Json::from(95), Json::from(96)));
    // Every build publishes both as frozen, whatever changed since.
    edit(&sheet, "    value: 96\n", "    value: 97\n");
    edit(
        &plan,
        "| 制造业产品质量合格率 | 96% |",
        "| 制造业产品质量合格率 | 97% |",
    );
    for _ in 0..2 {
        let o = plansite(&["build", "--no-search", "--output", "public"], dir.path());
        assert!(o.status.success(), "{}", stderr(&o));
        for tag in ["2026-01-15", "v2"] {
            for name in ["indicators.json", "indicators.csv", "indicators.schema.json"] {
                let published = fs::read(dir.path().join("public/data/releases").join(tag).join(name)).unwrap();
                assert!(published == frozen(tag, name), "{tag}/{name} published as frozen");
            }
        }
    }
    let package = fs::read_to_string(dir.path().join("public/data/datapackage.json")).unwrap();
    assert!(package.contains("\"path\": \"releases/v2/indicators.csv\""));
    if let Some((ok, out)) = check(&dir.path().join("public"), Some("packages")) {
        assert!(ok, "the releases' CSVs pass frictionless:\n{out}");
    }
}
