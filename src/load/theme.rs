//! The theme: Tera templates, static files and UI strings.
//!
//! The default theme is compiled into the binary, so any site builds anywhere; a site's own
//! `themes/<name>/` folder (beside its source folder) overrides any file by relative path.

use super::{file_start, text, yaml};
use crate::content::SiteConfig;
use crate::diagnostics::{Diagnostic, Diagnostics};
use include_dir::{Dir, include_dir};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use walkdir::WalkDir;

static DEFAULT_THEME: Dir<'static> = include_dir!("$CARGO_MANIFEST_DIR/themes/default");

/// UI strings of one locale, flattened to dotted keys (`nav.home`).
pub type Strings = BTreeMap<String, String>;

/// A theme as loaded: templates, static files and UI strings (the built-in `default`, then
/// the site's `themes/<theme>/` files over it).
#[derive(Debug, Default)]
pub struct Theme {
    /// Template name (path under `templates/`) → source, and where it came from.
    pub templates: BTreeMap<String, (String, PathBuf)>,
    /// Path under `static/` → bytes.
    pub static_files: BTreeMap<String, Vec<u8>>,
    /// Locale (`zh-CN`) → strings.
    pub strings: BTreeMap<String, Strings>,
}

/// Loads the built-in theme, then the site's overrides from `<site root>/themes/<theme>/`.
pub fn load_theme(source: &Path, config: &SiteConfig, diags: &mut Diagnostics) -> Theme {
    let mut files: BTreeMap<String, (Vec<u8>, PathBuf)> = BTreeMap::new();
    if config.theme == "default" {
        collect_embedded(&DEFAULT_THEME, &mut files);
    }
    let site_root = source.parent().map(Path::to_path_buf).unwrap_or_default();
    let dir = site_root.join("themes").join(&config.theme);
    if dir.is_dir() {
        for entry in WalkDir::new(&dir)
            .sort_by_file_name()
            .into_iter()
            .filter_map(Result::ok)
        {
            if entry.file_type().is_file() {
                let rel = entry.path().strip_prefix(&dir).unwrap_or(entry.path());
                let rel = rel.to_string_lossy().replace('\\', "/");
                match std::fs::read(entry.path()) {
                    Ok(bytes) => {
                        files.insert(rel, (bytes, entry.path().to_path_buf()));
                    }
                    Err(e) => diags.push(Diagnostic::error(
                        file_start(entry.path()),
                        format!("cannot read theme file: {e}"),
                    )),
                }
            }
        }
    } else if config.theme != "default" {
        diags.push(
            Diagnostic::error(None, format!("theme {:?} not found at {}", config.theme, dir.display()))
                .with_hint("create that folder, or remove `theme:` from site.yaml to use the built-in theme"),
        );
    }

    let mut theme = Theme::default();
    let mut string_files = BTreeMap::new();
    for (rel, (bytes, origin)) in files {
        if let Some(name) = rel.strip_prefix("templates/") {
            match String::from_utf8(bytes) {
                Ok(t) => {
                    theme.templates.insert(name.to_string(), (t, origin));
                }
                Err(_) => diags.push(Diagnostic::error(file_start(&origin), "template is not UTF-8")),
            }
        } else if let Some(name) = rel.strip_prefix("static/") {
            theme.static_files.insert(name.to_string(), bytes);
        } else if let Some(name) = rel.strip_prefix("i18n/").and_then(|n| n.strip_suffix(".yaml")) {
            string_files.insert(name.to_string(), origin);
        }
    }
    load_strings(&string_files, config, &mut theme, diags);
    theme
}

fn collect_embedded(dir: &Dir<'static>, out: &mut BTreeMap<String, (Vec<u8>, PathBuf)>) {
    for file in dir.files() {
        let rel = file.path().to_string_lossy().replace('\\', "/");
        out.insert(
            rel.clone(),
            (
                file.contents().to_vec(),
                PathBuf::from(format!("<built-in theme>/{rel}")),
            ),
        );
    }
    for sub in dir.dirs() {
        collect_embedded(sub, out);
    }
}

/// Reads `i18n/<locale>.yaml` for every site language; a key missing in any of them is an error.
fn load_strings(files: &BTreeMap<String, PathBuf>, config: &SiteConfig, theme: &mut Theme, diags: &mut Diagnostics) {
    let mut loaded: Vec<(String, PathBuf, Strings, yaml::Positions)> = Vec::new();
    for lang in &config.languages {
        // `fr-CA` reads `i18n/fr-CA.yaml`, else the language's own `i18n/fr.yaml`.
        let primary = lang.locale.split('-').next().unwrap_or_default();
        let Some(origin) = files.get(&lang.locale).or_else(|| files.get(primary)) else {
            let also = if primary == lang.locale {
                String::new()
            } else {
                format!(" or i18n/{primary}.yaml")
            };
            diags.push(
                Diagnostic::error(
                    None,
                    format!(
                        "the theme has no UI strings for {} (i18n/{}.yaml{also})",
                        lang.locale, lang.locale
                    ),
                )
                .with_hint("copy i18n/en.yaml of the theme to that name and translate it"),
            );
            continue;
        };
        let content = match embedded_or_file(origin) {
            Ok(t) => t,
            Err(d) => {
                diags.push(d);
                continue;
            }
        };
        match yaml::parse::<serde_yaml::Value>(&content, origin, 0) {
            Ok((value, pos)) => {
                let mut strings = Strings::new();
                flatten("", &value, &mut strings);
                loaded.push((lang.locale.clone(), origin.clone(), strings, pos));
            }
            Err(ds) => diags.extend(ds),
        }
    }
    for (locale, origin, strings, _) in &loaded {
        for (other_locale, other_origin, other, other_pos) in &loaded {
            for key in other.keys().filter(|k| !strings.contains_key(*k)) {
                let at = other_pos.key(key);
                diags.push(
                    Diagnostic::error(file_start(origin), format!("UI string `{key}` is missing for {locale}"))
                        .with_hint(format!(
                            "{other_locale} defines it at {}:{}; add it to {}",
                            other_origin.display(),
                            at.line,
                            origin.display()
                        )),
                );
            }
        }
    }
    for (locale, _, strings, _) in loaded {
        theme.strings.insert(locale, strings);
    }
}

fn embedded_or_file(origin: &Path) -> Result<String, Diagnostic> {
    let s = origin.to_string_lossy();
    match s.strip_prefix("<built-in theme>/") {
        Some(rel) => Ok(DEFAULT_THEME
            .get_file(rel)
            .and_then(|f| f.contents_utf8())
            .unwrap_or_default()
            .to_string()),
        None => text::read(origin),
    }
}

fn flatten(prefix: &str, value: &serde_yaml::Value, out: &mut Strings) {
    match value {
        serde_yaml::Value::Mapping(map) => {
            for (k, v) in map {
                let key = k.as_str().map(str::to_string).unwrap_or_else(|| format!("{k:?}"));
                let path = if prefix.is_empty() {
                    key
                } else {
                    format!("{prefix}.{key}")
                };
                flatten(&path, v, out);
            }
        }
        serde_yaml::Value::String(s) => {
            out.insert(prefix.to_string(), s.clone());
        }
        other => {
            let s = serde_yaml::to_string(other).unwrap_or_default();
            out.insert(prefix.to_string(), s.trim().to_string());
        }
    }
}

/// Writes the built-in theme to `dir` (used by `plansite new`).
pub fn default_theme_files() -> BTreeMap<String, &'static [u8]> {
    let mut out = BTreeMap::new();
    fn walk(dir: &Dir<'static>, out: &mut BTreeMap<String, &'static [u8]>) {
        for f in dir.files() {
            out.insert(f.path().to_string_lossy().replace('\\', "/"), f.contents());
        }
        for d in dir.dirs() {
            walk(d, out);
        }
    }
    walk(&DEFAULT_THEME, &mut out);
    out
}
