use serde::Deserialize;

/// `content/site.yaml`.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SiteConfig {
    /// Absolute URL the site is published at, e.g. `https://example.org/portal/`.
    pub base_url: String,
    /// The first language is the default: the source language of the plans.
    pub languages: Vec<Language>,
    /// Theme folder name under the site's `themes/`; the built-in `default` otherwise.
    #[serde(default = "default_theme")]
    pub theme: String,
    /// Let raw HTML in Markdown through; escaped otherwise.
    #[serde(default)]
    pub allow_html: bool,
    /// Build the search index, search page and header search box (on unless `search: false`).
    #[serde(default = "default_true")]
    pub search: bool,
}

fn default_true() -> bool {
    true
}

fn default_theme() -> String {
    "default".into()
}

#[derive(Debug, Deserialize, Clone, serde::Serialize)]
#[serde(deny_unknown_fields)]
pub struct Language {
    /// URL segment and Markdown file suffix: `zh` for `/zh/` and `plan.zh.md`.
    pub code: String,
    /// BCP 47 tag for `lang` and `hreflang`, e.g. `zh-CN`.
    pub locale: String,
    pub title: String,
    pub description: String,
}
