//! Stage 1: read the source folder into a [`Site`], reporting every problem with its position.

mod agencies;
mod cache;
mod monitoring;
mod plans;
mod releases;
mod sheets;
mod translations;
pub use cache::{Cache, Stamp};
pub use plans::{parse_date, parse_period, read_body};
pub use sheets::localized_path;
pub use sheets::suggest;
pub mod text;
pub mod theme;
pub mod yaml;

use crate::content::{Site, SiteConfig, check_base_url, check_license_url, validate_id};
use crate::diagnostics::{Diagnostic, Diagnostics, Location};
use std::collections::HashSet;
use std::path::Path;

/// Loads `source` (the folder holding `site.yaml` and `plans/`).
/// Returns the site when it could be read at all; problems are in the diagnostics.
pub fn load(source: &Path, diags: &mut Diagnostics) -> Option<Site> {
    load_with(source, diags, None)
}

/// [`load`], reusing (and filling) `cache`: unchanged files are not parsed again.
pub fn load_with(source: &Path, diags: &mut Diagnostics, cache: Option<&Cache>) -> Option<Site> {
    if !source.is_dir() {
        diags.push(
            Diagnostic::error(None, format!("source folder {} does not exist", source.display()))
                .with_hint("run from the site's root, or pass --source DIR (the folder with site.yaml)"),
        );
        return None;
    }
    let config_path = source.join("site.yaml");
    let text = match text::read(&config_path) {
        Ok(t) => t,
        Err(d) => {
            diags.push(d.with_hint("every site needs a site.yaml; `plansite new DIR` shows one"));
            return None;
        }
    };
    diags.extend(text::warn_invisible(&text, &config_path, 1));
    let (mut config, positions) = match yaml::parse::<SiteConfig>(&text, &config_path, 0) {
        Ok(v) => v,
        Err(ds) => {
            diags.extend(ds);
            return None;
        }
    };
    check_config(&mut config, &positions, diags);
    if config.languages.is_empty() {
        return None;
    }
    // The sheets are parsed while the plans are: the indicator sheet alone is a seventh of the
    // shipped portal's build (callgrind), all on one core. Diagnostics are merged in a fixed order.
    let (mut plan_diags, mut sheet_diags, mut glossary_diags, mut agency_diags) = Default::default();
    let (plans, ((indicators, indicator_positions), ((glossary, glossary_positions), (agencies, agency_positions)))) =
        rayon::join(
            || plans::load_plans(source, &config, &mut plan_diags, cache),
            || {
                rayon::join(
                    || sheets::load_indicators(source, &mut sheet_diags, cache),
                    || {
                        (
                            sheets::load_glossary(source, &mut glossary_diags, cache),
                            agencies::load_agencies(source, &mut agency_diags, cache),
                        )
                    },
                )
            },
        );
    for more in [plan_diags, sheet_diags, glossary_diags, agency_diags] {
        diags.extend(more.0);
    }
    let monitoring = monitoring::load_monitoring(source, &config, &plans, &indicators, &indicator_positions, diags);
    let translations = translations::load_translations(source, &config, &plans, diags);
    warn_unlicensed(
        &config,
        &config_path,
        !(indicators.is_empty() && glossary.is_empty() && agencies.is_empty()),
        diags,
    );
    let releases = releases::load_releases(source, diags);
    Some(Site {
        root: source.to_path_buf(),
        config,
        config_positions: positions,
        plans,
        indicators,
        indicator_positions,
        glossary,
        glossary_positions,
        agencies,
        agency_positions,
        monitoring,
        translations,
        releases,
    })
}

fn check_config(config: &mut SiteConfig, pos: &yaml::Positions, diags: &mut Diagnostics) {
    match check_base_url(&config.base_url) {
        Ok(url) => config.base_url = url,
        Err(e) => diags.push(
            Diagnostic::error(Some(pos.at("base_url")), e)
                .with_hint("e.g. base_url: https://plans.example.org/ (canonical links and the sitemap need it)"),
        ),
    }
    if let Some(date) = &config.as_of
        && parse_date(date).is_none()
    {
        diags.push(
            Diagnostic::error(Some(pos.at("as_of")), format!("as_of {date:?} is not a date"))
                .with_hint("write YYYY-MM-DD, e.g. as_of: 2026-06-30 (the date progress statuses stand at)"),
        );
    }
    if let Some(license) = &config.license
        && let Err(e) = check_license_url(&license.url)
    {
        diags.push(
            Diagnostic::error(Some(pos.at("license.url")), e)
                .with_hint("write the licence's address, e.g. url: https://creativecommons.org/licenses/by/4.0/"),
        );
    }
    if config.languages.is_empty() {
        diags.push(Diagnostic::error(
            Some(pos.at("languages")),
            "no languages: list at least one (the first is the default)",
        ));
    }
    let mut seen = HashSet::new();
    for (i, lang) in config.languages.iter().enumerate() {
        if let Err(e) = validate_id(&lang.code) {
            diags.push(Diagnostic::error(
                Some(pos.at(&format!("languages.{i}.code"))),
                format!("language code {:?}: {e}", lang.code),
            ));
        }
        if !seen.insert(lang.code.clone()) {
            diags.push(Diagnostic::error(
                Some(pos.at(&format!("languages.{i}.code"))),
                format!("language {:?} is listed twice", lang.code),
            ));
        }
    }
}

/// Open data without a licence cannot be reused with certainty, and dataset metadata has no
/// licence to name: a warning (not an error, so a draft portal still builds).
fn warn_unlicensed(config: &SiteConfig, path: &Path, open_data: bool, diags: &mut Diagnostics) {
    if open_data && config.license.is_none() {
        diags.push(
            Diagnostic::warning(file_start(path), "site.yaml names no license for the open data").with_hint(
                "add e.g. `license: {url: https://creativecommons.org/licenses/by/4.0/, title: CC BY 4.0}`: \
                 dataset metadata (schema.org, the Data Package, the DCAT catalogue) needs one",
            ),
        );
    }
}

/// A location for problems that concern a whole file.
pub fn file_start(path: &Path) -> Option<Location> {
    Some(Location::new(path, 1, 1))
}
