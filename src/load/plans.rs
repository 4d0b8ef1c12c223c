//! `plans/<id>.<lang>.md`: one Markdown file per plan per language.

use super::cache::{Cache, Stamp};
use super::{file_start, text, yaml};
use crate::content::{FrontMatter, Plan, PlanDoc, SiteConfig, validate_id};
use crate::diagnostics::{Diagnostic, Diagnostics};
use rayon::prelude::*;
use std::collections::{BTreeMap, HashSet};
use std::path::{Path, PathBuf};
use walkdir::WalkDir;

pub(super) fn load_plans(
    source: &Path,
    config: &SiteConfig,
    diags: &mut Diagnostics,
    cache: Option<&Cache>,
) -> Vec<Plan> {
    let dir = source.join("plans");
    if !dir.is_dir() {
        diags.push(Diagnostic::warning(
            None,
            format!("no plans folder at {}: the site has no plans", dir.display()),
        ));
        return Vec::new();
    }
    let root = source.canonicalize().unwrap_or_else(|_| source.to_path_buf());
    // The folder walk is quick and sequential (sorted, so errors come out in a stable order);
    // reading and parsing the documents is the slow part and runs in parallel.
    let mut files: Vec<(PathBuf, String, String)> = Vec::new();
    for entry in WalkDir::new(&dir).min_depth(1).sort_by_file_name() {
        let entry = match entry {
            Ok(e) => e,
            Err(e) => {
                diags.push(Diagnostic::error(None, format!("cannot list {}: {e}", dir.display())));
                continue;
            }
        };
        let path = entry.path();
        if entry.file_type().is_dir() || path.extension().is_none_or(|e| e != "md") {
            continue;
        }
        if entry.path_is_symlink() && !path.canonicalize().is_ok_and(|p| p.starts_with(&root)) {
            diags.push(
                Diagnostic::error(file_start(path), "symbolic link points outside the source folder")
                    .with_hint("copy the file into the source folder instead of linking to it"),
            );
            continue;
        }
        if let Some((id, lang)) = parse_name(path, config, diags) {
            files.push((path.to_path_buf(), id, lang));
        }
    }
    let docs: Vec<(Option<PlanDoc>, Diagnostics)> = files
        .par_iter()
        .map(|(path, _, _)| {
            let mut found = Diagnostics::default();
            (load_doc(path, &mut found, cache), found)
        })
        .collect();
    if let Some(cache) = cache {
        let live: HashSet<&Path> = files.iter().map(|(p, _, _)| p.as_path()).collect();
        cache.retain_docs(|p| live.contains(p));
    }
    let mut plans: BTreeMap<String, Plan> = BTreeMap::new();
    for ((path, id, lang), (doc, found)) in files.into_iter().zip(docs) {
        diags.extend(found.0);
        let plan = plans.entry(id.clone()).or_insert_with(|| Plan {
            id,
            docs: BTreeMap::new(),
            broken: false,
        });
        if let Some(other) = plan.docs.get(&lang) {
            diags.push(
                Diagnostic::error(
                    file_start(&path),
                    format!(
                        "plan {} has a second {lang} document (the first is {})",
                        plan.id,
                        other.path.display()
                    ),
                )
                .with_hint("plan ids are unique across all folders under plans/: rename or remove one"),
            );
            plan.broken = true;
            continue;
        }
        match doc {
            Some(doc) => {
                plan.docs.insert(lang, Box::new(doc));
            }
            None => plan.broken = true,
        }
    }
    plans.into_values().collect()
}

/// `ruian-2021.zh.md` → (`ruian-2021`, `zh`).
fn parse_name(path: &Path, config: &SiteConfig, diags: &mut Diagnostics) -> Option<(String, String)> {
    let name = path.file_name()?.to_string_lossy();
    let stem = name.strip_suffix(".md")?;
    let codes: Vec<&str> = config.languages.iter().map(|l| l.code.as_str()).collect();
    let Some((id, lang)) = stem.rsplit_once('.') else {
        diags.push(
            Diagnostic::error(
                file_start(path),
                format!("plan file {name:?} does not name its language"),
            )
            .with_hint(format!(
                "name plan files <plan-id>.<language>.md with a language of site.yaml: {}",
                codes.join(", ")
            )),
        );
        return None;
    };
    if !codes.contains(&lang) {
        diags.push(
            Diagnostic::error(
                file_start(path),
                format!("plan file {name:?} is in language {lang:?}, which site.yaml does not list"),
            )
            .with_hint(format!("languages of this site: {}", codes.join(", "))),
        );
        return None;
    }
    if let Err(e) = validate_id(id) {
        diags.push(
            Diagnostic::error(file_start(path), format!("plan id {id:?}: {e}"))
                .with_hint("rename the file: the plan id is its permanent URL, e.g. ruian-2021.zh.md"),
        );
        return None;
    }
    Some((id.to_string(), lang.to_string()))
}

/// Far beyond any plan (the longest seed is ~100 KB): a file this big is a mistake, such as a
/// pasted binary or a whole archive, and would make every page of the site slow.
const MAX_PLAN_BYTES: u64 = 8 * 1024 * 1024;

/// Reads one plan file; through `cache` when given, unless the file changed since.
fn load_doc(path: &Path, diags: &mut Diagnostics, cache: Option<&Cache>) -> Option<PlanDoc> {
    // Stamped before reading: an edit made meanwhile changes the stamp, so it is seen next time.
    let stamp = match std::fs::metadata(path) {
        Ok(meta) => Stamp::of(&meta),
        Err(e) => {
            diags.push(Diagnostic::error(file_start(path), format!("cannot read file: {e}")));
            return None;
        }
    };
    match cache {
        Some(cache) => cache.doc(path, stamp, diags, |diags| parse_doc(path, stamp, diags)),
        None => parse_doc(path, stamp, diags),
    }
}

fn parse_doc(path: &Path, stamp: Stamp, diags: &mut Diagnostics) -> Option<PlanDoc> {
    let size = stamp.bytes();
    if size > MAX_PLAN_BYTES {
        diags.push(
            Diagnostic::error(
                file_start(path),
                format!(
                    "plan file is {:.1} MB; plan files over {} MB are refused",
                    size as f64 / 1_048_576.0,
                    MAX_PLAN_BYTES / 1_048_576
                ),
            )
            .with_hint(
                "check that this is the plan's text; split an annex into its own plan if it really is this long",
            ),
        );
        return None;
    }
    let text = text::read_limited(path, MAX_PLAN_BYTES, "plan files")
        .map_err(|d| diags.push(d))
        .ok()?;
    let (yaml_text, body, body_line) = text::split_front_matter(path, &text).map_err(|d| diags.push(d)).ok()?;
    diags.extend(text::warn_invisible(yaml_text, path, 2));
    diags.extend(text::warn_invisible(body, path, body_line));
    let (front, positions) = yaml::parse::<FrontMatter>(yaml_text, path, 1)
        .map_err(|ds| diags.extend(ds))
        .ok()?;
    check_front(&front, &positions, diags);
    Some(PlanDoc {
        path: path.to_path_buf(),
        stamp,
        front,
        positions,
        body_line,
        has_body: !body.trim().is_empty(),
    })
}

/// The Markdown body of `doc`, read from its file again.
pub fn read_body(doc: &PlanDoc) -> Result<String, Diagnostic> {
    let text = text::read(&doc.path)?;
    let (_, body, _) = text::split_front_matter(&doc.path, &text)?;
    Ok(body.to_string())
}

fn check_front(f: &FrontMatter, pos: &yaml::Positions, diags: &mut Diagnostics) {
    for (field, value) in [
        ("title", &f.title),
        ("short_title", &f.short_title),
        ("issuer", &f.issuer),
        ("region", &f.region),
        ("summary", &f.summary),
    ] {
        if value.trim().is_empty() {
            diags.push(
                Diagnostic::error(Some(pos.at(field)), format!("`{field}` is empty"))
                    .with_hint("readers see this field on the plan's card and page: fill it in"),
            );
        }
    }
    for (field, value) in [("issued", Some(&f.issued)), ("published", f.published.as_ref())] {
        if let Some(v) = value
            && parse_date(v).is_none()
        {
            diags.push(
                Diagnostic::error(Some(pos.at(field)), format!("`{field}` {v:?} is not a date"))
                    .with_hint("write dates as YYYY-MM-DD, e.g. 2021-12-24"),
            );
        }
    }
    if parse_period(&f.period).is_none() {
        diags.push(
            Diagnostic::error(
                Some(pos.at("period")),
                format!("`period` {:?} is not a year or a range of years", f.period),
            )
            .with_hint("write e.g. 2021-2025, or 2024 for a one-year plan"),
        );
    }
}

/// `YYYY-MM-DD` as a calendar date.
pub fn parse_date(s: &str) -> Option<time::Date> {
    time::Date::parse(s, time::macros::format_description!("[year]-[month]-[day]")).ok()
}

/// `2021-2025` → (2021, 2025); `2024` → (2024, 2024).
pub fn parse_period(s: &str) -> Option<(u16, u16)> {
    let year = |y: &str| y.trim().parse::<u16>().ok().filter(|y| (1900..=2200).contains(y));
    match s.split_once(['-', '–']) {
        Some((a, b)) => Some((year(a)?, year(b)?)).filter(|(a, b)| a <= b),
        None => year(s).map(|y| (y, y)),
    }
}
