//! Full-text search: a [Pagefind](https://pagefind.app) index built in-process from the rendered
//! pages, added to the output map so it is written atomically with the rest of the site.
//!
//! Indexing is generic: every HTML page whose main content carries `data-pagefind-body` is
//! indexed (plan articles now; indicator and glossary pages only need the same attribute).
//! Pagefind makes one index per `<html lang>` and sub-results from headings with ids, so a hit
//! links to the exact section (`/zh/plans/ruian-2021/#s2-1`).

use crate::render::{Output, Sink};
use crate::routes::url_path;
use pagefind::api::PagefindIndex;
use pagefind::options::PagefindServiceConfig;
use std::collections::BTreeMap;
use std::sync::Mutex;

/// The folder of the search bundle in the output (`/pagefind/pagefind.js`, …).
pub const BUNDLE_DIR: &str = "pagefind";

/// The attribute that marks a page's indexable main content.
pub const BODY_MARKER: &str = "data-pagefind-body";

/// Chrome inside an indexed body that is not content: navigation (breadcrumbs, tables of
/// contents) and the per-heading link tools. Descendants are listed too: Pagefind would
/// otherwise still add their text to the title of the heading's sub-result ("… #EN").
const EXCLUDE: [&str; 4] = ["nav", "nav *", ".h-tools", ".h-tools *"];

/// Bundle files the site does not use (alternative UIs): left out of the output.
const UNUSED: [&str; 5] = [
    "pagefind-modular-ui.js",
    "pagefind-modular-ui.css",
    "pagefind-component-ui.js",
    "pagefind-component-ui.css",
    "pagefind-highlight.js",
];

/// A [`Sink`] in front of another that keeps a copy of the pages to index.
pub struct Collect<'a> {
    inner: &'a dyn Sink,
    pages: Mutex<Vec<(String, String)>>,
}

impl<'a> Collect<'a> {
    /// Passes every file on to `inner`, keeping a copy of the pages to index.
    pub fn new(inner: &'a dyn Sink) -> Self {
        Collect {
            inner,
            pages: Mutex::default(),
        }
    }

    /// The collected pages as (URL, HTML), in path order.
    pub fn pages(self) -> Vec<(String, String)> {
        let mut pages = self.pages.into_inner().unwrap_or_else(|e| e.into_inner());
        pages.sort();
        pages
    }
}

impl Sink for Collect<'_> {
    fn add(&self, path: String, bytes: Vec<u8>) {
        if is_indexed(&path, &bytes) {
            let page = (url_path(&path), String::from_utf8_lossy(&bytes).into_owned());
            self.pages.lock().unwrap_or_else(|e| e.into_inner()).push(page);
        }
        self.inner.add(path, bytes);
    }

    /// Not collected: a build that indexes renders every page (it has no memo).
    fn keep(&self, path: String) {
        self.inner.keep(path);
    }

    fn checkpoint(&self) {
        self.inner.checkpoint();
    }
}

fn is_indexed(path: &str, bytes: &[u8]) -> bool {
    path.ends_with(".html") && memchr::memmem::find(bytes, BODY_MARKER.as_bytes()).is_some()
}

/// Indexes the marked pages of `output` and adds the Pagefind bundle under [`BUNDLE_DIR`].
/// Returns how many pages were indexed (no bundle is added when there are none).
pub fn index(output: &mut Output) -> Result<usize, String> {
    let pages: Vec<(String, String)> = output
        .files
        .iter()
        .filter(|(path, bytes)| is_indexed(path, bytes))
        .map(|(path, bytes)| (url_path(path), String::from_utf8_lossy(bytes).into_owned()))
        .collect();
    let count = pages.len();
    for (path, bytes) in bundle(pages)? {
        output.add(path, bytes);
    }
    Ok(count)
}

/// Output files: (path, bytes).
pub type Files = Vec<(String, Vec<u8>)>;

/// How much of one page Pagefind is given. Its time on a page grows with the square of how
/// often a pair of characters recurs in it (each new occurrence of a segment-spanning bigram
/// is checked against every earlier one), so a 5 MB table took 43 s and 8 MB minutes. The
/// longest real plan page is about 260 KB; past twice that only the page's start is indexed.
pub const MAX_INDEXED_BYTES: usize = 512 * 1024;

/// The URLs of `pages` that are indexed only in part (see [`MAX_INDEXED_BYTES`]).
pub fn indexed_in_part(pages: &[(String, String)]) -> Vec<&str> {
    pages
        .iter()
        .filter(|(_, html)| shortened(html).is_some())
        .map(|(url, _)| url.as_str())
        .collect()
}

/// The page cut before the tag that crosses [`MAX_INDEXED_BYTES`], with its indexed element
/// closed, or `None` when the page is short enough to index whole.
fn shortened(html: &str) -> Option<String> {
    if html.len() <= MAX_INDEXED_BYTES {
        return None;
    }
    let marker = html.find(BODY_MARKER)?;
    let open = html[..marker].rfind('<')?;
    let element: String = html[open + 1..]
        .chars()
        .take_while(char::is_ascii_alphanumeric)
        .collect();
    let mut limit = MAX_INDEXED_BYTES;
    while !html.is_char_boundary(limit) {
        limit -= 1;
    }
    let cut = html[..limit].rfind('<').filter(|&cut| cut > marker)?;
    Some(format!("{}</{element}></body></html>", &html[..cut]))
}

/// The Pagefind bundle for `pages` (URL, HTML): (output path, bytes), none for no pages.
///
/// Pagefind indexes on one thread, and makes a separate index per language anyway: each
/// language (the URL's first folder) is indexed on its own thread, and the bundles are merged.
pub fn bundle(pages: Vec<(String, String)>) -> Result<Files, String> {
    let mut by_language: BTreeMap<String, Vec<(String, String)>> = BTreeMap::new();
    for (url, html) in pages {
        let lang = url.trim_start_matches('/').split('/').next().unwrap_or("").to_string();
        by_language.entry(lang).or_default().push((url, html));
    }
    let bundles: Vec<Result<Files, String>> = std::thread::scope(|scope| {
        let threads: Vec<_> = by_language
            .into_values()
            .map(|pages| scope.spawn(move || bundle_one(pages)))
            .collect();
        threads
            .into_iter()
            .map(|t| t.join().unwrap_or_else(|_| Err("the search indexer panicked".into())))
            .collect()
    });
    let mut merged: BTreeMap<String, Vec<u8>> = BTreeMap::new();
    for bundle in bundles {
        for (path, bytes) in bundle? {
            match merged.get_mut(&path) {
                None => {
                    merged.insert(path, bytes);
                }
                Some(existing) if *existing == bytes => {}
                Some(existing) if path.ends_with(ENTRY) => *existing = merge_entries(existing, &bytes)?,
                Some(_) => return Err(format!("two language indexes both wrote {path}")),
            }
        }
    }
    Ok(merged.into_iter().collect())
}

/// The bundle's table of contents, listing its languages.
const ENTRY: &str = "pagefind-entry.json";

/// One `pagefind-entry.json` with the languages of both.
fn merge_entries(a: &[u8], b: &[u8]) -> Result<Vec<u8>, String> {
    let parse = |bytes: &[u8]| serde_json::from_slice::<serde_json::Value>(bytes).map_err(|e| format!("{ENTRY}: {e}"));
    let (mut a, b) = (parse(a)?, parse(b)?);
    let (Some(langs), Some(more)) = (
        a.get_mut("languages").and_then(|l| l.as_object_mut()),
        b.get("languages").and_then(|l| l.as_object()),
    ) else {
        return Err(format!("{ENTRY} has no languages"));
    };
    langs.extend(more.iter().map(|(k, v)| (k.clone(), v.clone())));
    serde_json::to_vec(&a).map_err(|e| e.to_string())
}

fn bundle_one(pages: Vec<(String, String)>) -> Result<Files, String> {
    if pages.is_empty() {
        return Ok(Vec::new());
    }
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .map_err(|e| e.to_string())?;
    let files = runtime
        .block_on(async move {
            let config = PagefindServiceConfig::builder()
                .exclude_selectors(EXCLUDE.iter().map(|s| s.to_string()).collect())
                .keep_index_url(false)
                .build();
            let mut index = PagefindIndex::new(Some(config))?;
            for (url, html) in pages {
                let html = shortened(&html).unwrap_or(html);
                index.add_html_file(None, Some(url), html).await?;
            }
            index.get_files().await
        })
        .map_err(|e| format!("{e:#}"))?;
    Ok(files
        .into_iter()
        .map(|file| (file.filename.to_string_lossy().replace('\\', "/"), file.contents))
        .filter(|(name, _)| !UNUSED.contains(&name.as_str()))
        .map(|(name, contents)| (format!("{BUNDLE_DIR}/{name}"), contents))
        .collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn page(lang: &str, body: &str) -> String {
        format!(
            "<!DOCTYPE html><html lang={lang}><head><title>t</title></head><body><nav>菜单 menu</nav>\
             <article data-pagefind-body><h1>T</h1><h2 id=s1>一</h2><p>{body}</p></article></body></html>"
        )
    }

    #[test]
    fn indexes_marked_pages_per_language_deterministically() {
        let make = || {
            let mut out = Output::default();
            out.add("zh/plans/a/index.html", page("zh-CN", "首席质量官制度"));
            out.add("en/plans/a/index.html", page("en", "chief quality officer"));
            out.add("zh/index.html", "<html lang=zh-CN><body>not indexed</body></html>");
            let n = index(&mut out).unwrap();
            (n, out)
        };
        let (n, out) = make();
        assert_eq!(n, 2);
        let entry = String::from_utf8(out.files["pagefind/pagefind-entry.json"].clone()).unwrap();
        assert!(entry.contains("\"zh-cn\"") && entry.contains("\"en\""), "{entry}");
        assert!(out.files.contains_key("pagefind/pagefind.js"));
        assert!(out.files.contains_key("pagefind/pagefind-ui.js"));
        assert!(!out.files.contains_key("pagefind/pagefind-highlight.js"));
        let (_, again) = make();
        assert_eq!(out.files, again.files, "two indexes of the same pages are identical");
    }

    #[test]
    fn a_huge_page_is_indexed_in_part() {
        let row = "<p>制造业产品质量合格率</p>";
        let huge = page("zh-CN", &row.repeat(MAX_INDEXED_BYTES / row.len() + 10));
        let part = shortened(&huge).unwrap();
        assert!(part.len() <= MAX_INDEXED_BYTES + 30, "{}", part.len());
        let kept = part.strip_suffix("</article></body></html>").unwrap();
        assert!(
            huge.starts_with(kept) && huge[kept.len()..].starts_with('<'),
            "cut before a tag"
        );
        assert!(shortened(&page("zh-CN", row)).is_none());
        let pages = vec![("/zh/a/".to_string(), huge), ("/zh/b/".to_string(), page("zh-CN", row))];
        assert_eq!(indexed_in_part(&pages), ["/zh/a/"]);
    }

    #[test]
    fn nothing_marked_means_no_bundle() {
        let mut out = Output::default();
        out.add("index.html", "<html lang=en><body>hello</body></html>");
        assert_eq!(index(&mut out).unwrap(), 0);
        assert_eq!(out.files.len(), 1);
    }

    #[test]
    fn urls_drop_index_html() {
        assert_eq!(url_path("zh/plans/x/index.html"), "/zh/plans/x/");
        assert_eq!(url_path("404.html"), "/404.html");
    }
}
