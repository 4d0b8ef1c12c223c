use super::script::Script;
use serde::Deserialize;

/// `content/site.yaml`.
#[derive(Debug, Deserialize, serde::Serialize)]
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
    /// `YYYY-MM-DD`: the date progress statuses stand at. Without it, the newest date the
    /// sources carry (plan issue and publication dates, monitoring publication dates).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub as_of: Option<String>,
    /// The licence the open data is published under: open-data metadata (schema.org, the Data
    /// Package, the DCAT catalogue) must name one, so a site without it gets a warning.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub license: Option<License>,
}

/// `license:` in site.yaml: the licence document's address (what machines compare) and its
/// title (what people read).
#[derive(Debug, Deserialize, Clone, serde::Serialize)]
#[serde(deny_unknown_fields)]
pub struct License {
    /// An absolute http(s) URL, e.g. `https://creativecommons.org/licenses/by/4.0/`.
    pub url: String,
    /// E.g. `Creative Commons Attribution 4.0 International (CC BY 4.0)`.
    pub title: String,
}

fn default_true() -> bool {
    true
}

fn default_theme() -> String {
    "default".into()
}

/// One language of the site, as `site.yaml` lists it (the first is the plans' source language).
#[derive(Debug, Deserialize, Clone, serde::Serialize)]
#[serde(deny_unknown_fields)]
pub struct Language {
    /// URL segment and Markdown file suffix: `zh` for `/zh/` and `plan.zh.md`.
    pub code: String,
    /// BCP 47 tag for `lang` and `hreflang`, e.g. `zh-CN`.
    pub locale: String,
    /// The site's title in this language.
    pub title: String,
    /// The site's description in this language (the home page's).
    pub description: String,
    /// How the language's text behaves; derived from `locale` when not given.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub script: Option<Script>,
}

impl Language {
    /// How the language's text behaves: as given, else derived from `locale`.
    pub fn script(&self) -> Script {
        self.script.unwrap_or_else(|| Script::of_locale(&self.locale))
    }
}

/// `base_url` (from site.yaml or `--base-url`) as pages use it, ending in `/`; an error says
/// why it cannot be used. It goes into every canonical link, the sitemap and robots.txt, so it
/// must be a plain absolute http(s) URL: no other scheme (`javascript:`), no query or fragment,
/// no spaces or control characters (a newline would add lines to robots.txt), no user name.
pub fn check_base_url(raw: &str) -> Result<String, String> {
    if let Some(c) = raw.chars().find(|c| c.is_whitespace() || c.is_control()) {
        return Err(format!(
            "base_url {raw:?} contains {}; it must be one plain URL",
            match c {
                '\n' | '\r' => "a line break".to_string(),
                c if c.is_whitespace() => "a space".to_string(),
                c => format!("the control character U+{:04X}", c as u32),
            }
        ));
    }
    let with_slash = if raw.ends_with('/') {
        raw.to_string()
    } else {
        format!("{raw}/")
    };
    let url =
        url::Url::parse(&with_slash).map_err(|e| format!("base_url {raw:?} is not an absolute http(s) URL ({e})"))?;
    if !matches!(url.scheme(), "http" | "https") || url.host().is_none() {
        return Err(format!("base_url {raw:?} is not an absolute http(s) URL"));
    }
    if url.query().is_some() || url.fragment().is_some() {
        return Err(format!(
            "base_url {raw:?} has a query or fragment (`?`, `#`); page addresses are appended to it"
        ));
    }
    if !url.username().is_empty() || url.password().is_some() {
        return Err(format!("base_url {raw:?} contains a user name or password"));
    }
    if url.as_str() != with_slash {
        return Err(format!(
            "base_url {raw:?} is not written as browsers read it: {:?}",
            url.as_str()
        ));
    }
    Ok(with_slash)
}

/// A licence URL as metadata uses it: one absolute http(s) URL (it is written into JSON-LD
/// and RDF as an IRI, where spaces or another scheme would make the document invalid).
pub fn check_license_url(raw: &str) -> Result<(), String> {
    if raw.chars().any(|c| c.is_whitespace() || c.is_control()) {
        return Err(format!("license url {raw:?} contains a space or line break"));
    }
    match url::Url::parse(raw) {
        Ok(u) if matches!(u.scheme(), "http" | "https") && u.host().is_some() => Ok(()),
        _ => Err(format!("license url {raw:?} is not an absolute http(s) URL")),
    }
}

#[cfg(test)]
mod tests {
    use super::{check_base_url, check_license_url};

    #[test]
    fn license_urls_are_absolute_http_urls() {
        assert!(check_license_url("https://creativecommons.org/licenses/by/4.0/").is_ok());
        for bad in ["CC-BY-4.0", "javascript:alert(1)", "https://x.org/a b", "/licence"] {
            assert!(check_license_url(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn base_urls_are_plain_absolute_http_urls() {
        assert_eq!(check_base_url("https://x.org/portal").unwrap(), "https://x.org/portal/");
        assert_eq!(
            check_base_url("http://127.0.0.1:1111/").unwrap(),
            "http://127.0.0.1:1111/"
        );
        for (bad, why) in [
            ("javascript:alert(document.domain)//", "not an absolute http(s) URL"),
            ("plans.example.org", "not an absolute http(s) URL"),
            ("/portal/", "not an absolute http(s) URL"),
            ("https://x.org/?a=b", "query or fragment"),
            ("https://x.org/#top", "query or fragment"),
            ("https://x.org/\nDisallow: /", "a line break"),
            ("https://x.org/a b/", "a space"),
            ("https://x.org/\u{7}", "control character U+0007"),
            ("https://u:p@x.org/", "user name"),
            ("https://X.org/", "as browsers read it"),
            ("https:x.org", "as browsers read it"),
        ] {
            let err = check_base_url(bad).expect_err(bad);
            assert!(err.contains(why), "{bad:?}: {err}");
        }
    }
}
