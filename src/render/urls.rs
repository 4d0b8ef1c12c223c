//! Page paths and links. Internal links are relative (`../../zh/`), so the output works on any
//! host, under any sub-path and from disk; canonical URLs use the configured base URL.

/// `zh/plans/ruian-2021/` → `../../../`; the site root `""` → `""`.
pub fn root_prefix(page_dir: &str) -> String {
    "../".repeat(page_dir.matches('/').count())
}

/// The absolute URL of a page directory.
pub fn absolute(base_url: &str, page_dir: &str) -> String {
    format!("{base_url}{page_dir}")
}

/// The path part of the base URL (`https://x.org/portal/` → `/portal/`), for pages such as
/// 404.html that a server shows at any address, where relative links cannot work.
pub fn base_path(base_url: &str) -> String {
    let after_scheme = base_url.split_once("://").map_or(base_url, |(_, rest)| rest);
    match after_scheme.find('/') {
        Some(i) => after_scheme[i..].to_string(),
        None => "/".to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn relative_roots_and_base_paths() {
        assert_eq!(root_prefix("zh/plans/ruian-2021/"), "../../../");
        assert_eq!(root_prefix(""), "");
        assert_eq!(base_path("https://example.org/portal/"), "/portal/");
        assert_eq!(base_path("https://example.org/"), "/");
        assert_eq!(base_path("https://example.org"), "/");
    }
}
