//! Search through the real index: the shipped portal is built with the CLI, then the generated
//! `pagefind.js` runs in node (tests/search/query.mjs) exactly as the search page runs it.

mod common;
use common::*;
use std::collections::BTreeSet;
use std::path::Path;
use std::process::Command;

/// A result: the page URL and its sub-results (`/zh/plans/x/#s2-1`, section title).
type Hit = (String, Vec<(String, String)>);

/// Runs `terms` against the `locale` index of the site in `out`, in order.
fn search(out: &Path, locale: &str, terms: &[&str]) -> Vec<(String, Vec<Hit>)> {
    let script = repo().join("tests/search/query.mjs");
    let o = Command::new("node")
        .arg(&script)
        .arg(out)
        .arg(locale)
        .args(terms)
        .output()
        .expect("node (20 or newer) must be installed to run the search tests");
    assert!(o.status.success(), "node failed:\n{}", stderr(&o));
    let json: serde_json::Value = serde_json::from_slice(&o.stdout).expect("JSON from query.mjs");
    terms
        .iter()
        .map(|t| {
            let hits = json[*t]
                .as_array()
                .unwrap_or_else(|| panic!("no answer for {t}"))
                .iter()
                .map(|r| {
                    let subs = r["sub"].as_array().unwrap().iter().map(|s| {
                        let field = |k: &str| s[k].as_str().unwrap_or_default().to_string();
                        (field("url"), field("title"))
                    });
                    (r["url"].as_str().unwrap().to_string(), subs.collect())
                })
                .collect();
            (t.to_string(), hits)
        })
        .collect()
}

/// The indexed text of a page: its `data-pagefind-body` element, without tags and navigation.
fn body_text(html: &str) -> String {
    let start = html.find("data-pagefind-body").expect("marked body");
    let end = html[start..].find("</article>").map_or(html.len(), |e| start + e);
    let body = &html[start..end];
    let nav = regex::Regex::new(r"(?s)<nav\b.*?</nav>").unwrap();
    let tags = regex::Regex::new(r"<[^>]*>").unwrap();
    let without_nav = nav.replace_all(body, " ");
    let text = tags.replace_all(&without_nav, "");
    text.split_whitespace().collect::<Vec<_>>().join(" ").to_lowercase()
}

/// Page URLs of one language whose indexed text contains `term`.
fn pages_containing(out: &Path, lang: &str, term: &str) -> BTreeSet<String> {
    let mut found = BTreeSet::new();
    for entry in std::fs::read_dir(out.join(lang).join("plans")).unwrap() {
        let dir = entry.unwrap().path();
        let html = read(&dir.join("index.html"));
        if body_text(&html).contains(&term.to_lowercase()) {
            let id = dir.file_name().unwrap().to_string_lossy().into_owned();
            found.insert(format!("/{lang}/plans/{id}/"));
        }
    }
    found
}

#[test]
fn search_finds_the_pages_that_contain_each_term() {
    let (_dir, out) = build_shipped(&[]);
    let cases: [(&str, &str, &[&str]); 2] = [
        (
            "zh",
            "zh-CN",
            &["质量", "首席质量官", "合格率", "品字标", "质量基础设施"],
        ),
        ("en", "en", &["quality", "chief quality officer", "pass rate"]),
    ];
    for (lang, locale, terms) in cases {
        for (term, hits) in search(&out, locale, terms) {
            let expected = pages_containing(&out, lang, &term);
            assert!(!expected.is_empty(), "{term}: the shipped {lang} plans contain it");
            let got: BTreeSet<String> = hits.iter().map(|(url, _)| url.clone()).collect();
            assert!(
                expected.is_subset(&got),
                "{term}: every {lang} page containing it is found\n expected {expected:?}\n got {got:?}"
            );
            for (url, subs) in &hits {
                assert!(
                    ["plans", "indicators", "glossary", "agencies"]
                        .iter()
                        .any(|kind| url.starts_with(&format!("/{lang}/{kind}/"))),
                    "{term}: {url} is a {lang} plan, indicator, glossary or agency page"
                );
                // Sub-results link to the exact section: the anchor exists on that page.
                let page = read(&out.join(url.trim_start_matches('/')).join("index.html"));
                let ids = ids(&page);
                let anchored: Vec<_> = subs.iter().filter(|(s, _)| s.contains('#')).collect();
                assert!(!anchored.is_empty(), "{term}: {url} has section results");
                for (sub, title) in anchored {
                    let (path, id) = sub.split_once('#').unwrap();
                    assert_eq!(path, url, "{term}: {sub}");
                    assert!(ids.iter().any(|i| i == id), "{term}: #{id} exists on {url}");
                    assert!(
                        !title.is_empty() && !title.contains('#'),
                        "{term}: {sub} is titled by its heading alone: {title:?}"
                    );
                }
            }
        }
    }
}

#[test]
fn search_finds_a_body_by_its_names_and_its_tasks_on_their_plans() {
    let (_dir, out) = build_shipped(&[]);
    let page = "/zh/agencies/yz-market-regulation/";
    let en_page = "/en/agencies/yz-market-regulation/";
    let urls = |hits: &[Hit]| hits.iter().map(|(u, _)| u.clone()).collect::<Vec<_>>();
    for (term, hits) in search(&out, "zh-CN", &["扬州市市场监督管理局", "市场监管局"]) {
        assert!(urls(&hits).contains(&page.to_string()), "{term}: {:?}", urls(&hits));
    }
    let en = search(&out, "en", &["Administration for Market Regulation"]);
    assert!(urls(&en[0].1).contains(&en_page.to_string()), "{:?}", urls(&en[0].1));
    // A task's heading is the plan's: searching it finds the plan, not the body that has it.
    let html = read(&out.join("zh/agencies/yz-market-regulation/index.html"));
    let heading = regex::Regex::new(r#"<h3 id=task-1><a href=[^>]*>([^<]+)</a>"#).unwrap();
    let task = heading.captures(&html).expect("a first task")[1].to_string();
    let hits = &search(&out, "zh-CN", &[task.as_str()])[0].1;
    assert!(
        hits.iter().any(|(u, _)| u.starts_with("/zh/plans/")),
        "{task}: {:?}",
        urls(hits)
    );
    assert!(!urls(hits).contains(&page.to_string()), "{task}: {:?}", urls(hits));
}

#[test]
fn search_page_box_and_bundle_are_served_from_the_site() {
    let (_dir, out) = build_shipped(&[]);
    for (lang, locale) in [("zh", "zh-CN"), ("en", "en")] {
        let page = read(&out.join(lang).join("search/index.html"));
        assert!(page.starts_with(&format!("<!doctype html><html lang={locale}>")));
        assert!(page.contains("<noscript>"), "says so without JavaScript");
        assert!(
            page.contains(&format!("href=../../{lang}/>")),
            "links to the plan index"
        );
        assert!(
            page.contains(&format!("href=../../{lang}/indicators/>")),
            "links to the indicator index"
        );
        assert!(page.contains("src=../../pagefind/pagefind-ui.js"));
        assert!(page.contains("src=../../static/search.js"));
        assert!(page.contains("href=../../pagefind/pagefind-ui.css"));
        let plan = read(&out.join(lang).join("plans/ruian-2021/index.html"));
        assert!(
            has_tag(
                &plan,
                "form",
                &[("role", "search"), ("action", &format!("../../../{lang}/search/"))]
            ),
            "{lang}: header search box"
        );
        assert!(has_tag(&plan, "input", &[("type", "search"), ("name", "q")]));
        assert!(has_tag(&plan, "article", &[("data-pagefind-body", "")]) || plan.contains(" data-pagefind-body>"));
    }
    for file in [
        "pagefind.js",
        "pagefind-ui.js",
        "pagefind-ui.css",
        "pagefind-worker.js",
        "pagefind-entry.json",
        "wasm.en.pagefind",
        "wasm.unknown.pagefind",
    ] {
        assert!(out.join("pagefind").join(file).is_file(), "{file} is in the output");
    }
    let entry = read(&out.join("pagefind/pagefind-entry.json"));
    assert!(
        entry.contains("\"zh-cn\"") && entry.contains("\"en\""),
        "one index per language: {entry}"
    );
    // Strict CSP: no inline scripts or styles anywhere (a JSON-LD data block is not run, and CSP
    // does not apply to it).
    let inline_script = regex::Regex::new(r"<script(?:\s[^>]*)?>").unwrap();
    for entry in walkdir::WalkDir::new(&out).into_iter().map(Result::unwrap) {
        if entry.path().extension().is_some_and(|e| e == "html") {
            let html = read(entry.path());
            for tag in inline_script.find_iter(&html) {
                assert!(
                    tag.as_str().contains("src=") || tag.as_str().contains("type=application/ld+json"),
                    "{}: inline script",
                    entry.path().display()
                );
            }
            assert!(
                !html.contains("<style") && !html.contains(" style="),
                "{}",
                entry.path().display()
            );
        }
    }
}

fn assert_no_search(out: &Path) {
    assert!(!out.join("pagefind").exists(), "no index");
    assert!(
        !out.join("zh/search").exists() && !out.join("en/search").exists(),
        "no search page"
    );
    for page in [
        "zh/index.html",
        "en/plans/ruian-2021/index.html",
        "index.html",
        "404.html",
    ] {
        let html = read(&out.join(page));
        assert!(
            !html.contains("role=search") && !html.contains("search/"),
            "{page}: no search box"
        );
        assert!(
            !html.contains("data-pagefind-body>") || page.contains("plans"),
            "{page}"
        );
    }
}

#[test]
fn no_search_flag_builds_no_index() {
    let (_dir, out) = build_shipped(&["--no-search"]);
    assert_no_search(&out);
}

#[test]
fn search_false_in_site_yaml_builds_no_index() {
    let dir = tempfile::tempdir().unwrap();
    copy_tree(&repo().join("content"), &dir.path().join("content"));
    let config = dir.path().join("content/site.yaml");
    let text = read(&config);
    std::fs::write(&config, format!("{text}search: false\n")).unwrap();
    let o = plansite(&["build", "--source", "content", "--output", "public"], dir.path());
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(!stdout(&o).contains("searchable"), "{}", stdout(&o));
    assert_no_search(&dir.path().join("public"));
}
