//! The shipped portal, built with the real CLI, checked the way a reader meets it.

mod common;
use common::*;

const PLANS: [&str; 5] = [
    "ruian-2021",
    "jiaxing-2016",
    "youxian-2021",
    "yiwu-2024",
    "yangzhou-2023",
];

#[test]
fn builds_every_page_with_titles_and_language_alternates() {
    let (_dir, out) = build_shipped(&[]);
    for plan in PLANS {
        let zh = read(&out.join(format!("zh/plans/{plan}/index.html")));
        let en = read(&out.join(format!("en/plans/{plan}/index.html")));
        let front = read(&repo().join(format!("content/plans/{plan}.zh.md")));
        let title = front
            .lines()
            .find_map(|l| l.strip_prefix("title: "))
            .unwrap()
            .trim_matches('"');
        assert!(
            zh.contains(&format!("<h1 id=plan-title>{title}</h1>")),
            "{plan}: zh title"
        );
        assert!(zh.starts_with("<!doctype html><html lang=zh-CN>"), "{plan}");
        assert!(en.starts_with("<!doctype html><html lang=en>"), "{plan}");
        for page in [&zh, &en] {
            for (locale, code) in [("en", "en"), ("zh-CN", "zh")] {
                let url = format!("https://plans.example.org/{code}/plans/{plan}/");
                assert!(
                    has_tag(
                        page,
                        "link",
                        &[("rel", "alternate"), ("hreflang", locale), ("href", &url)]
                    ),
                    "{plan} {locale}"
                );
            }
            assert!(page.contains("rel=canonical"), "{plan}");
            assert!(page.contains("property=og:title"), "{plan}");
        }
    }
    let home = read(&out.join("zh/index.html"));
    let positions: Vec<usize> = [
        "yiwu-2024",
        "yangzhou-2023",
        "youxian-2021",
        "ruian-2021",
        "jiaxing-2016",
    ]
    .iter()
    .map(|p| {
        home.find(&format!("href=plans/{p}/"))
            .unwrap_or_else(|| panic!("{p} card"))
    })
    .collect();
    assert!(
        positions.windows(2).all(|w| w[0] < w[1]),
        "home lists plans newest first: {positions:?}"
    );
    let chooser = read(&out.join("index.html"));
    assert!(has_tag(
        &chooser,
        "link",
        &[("hreflang", "x-default"), ("href", "https://plans.example.org/")]
    ));
    assert!(chooser.contains("href=zh/") && chooser.contains("href=en/"));
    assert!(
        !chooser.contains("http-equiv=refresh"),
        "the language chooser never redirects"
    );
    for f in [
        "404.html",
        "robots.txt",
        "sitemap.xml",
        "zh/atom.xml",
        "en/atom.xml",
        "static/style.css",
    ] {
        assert!(out.join(f).is_file(), "{f}");
    }
}

#[test]
fn section_anchors_are_shared_by_both_languages() {
    let (_dir, out) = build_shipped(&[]);
    for plan in PLANS {
        let zh = ids(&read(&out.join(format!("zh/plans/{plan}/index.html"))));
        let en = ids(&read(&out.join(format!("en/plans/{plan}/index.html"))));
        let sections = |v: &[String]| {
            v.iter()
                .filter(|i| i.starts_with('s') || i.starts_with("box-") || i.starts_with("missing-") || *i == "preface")
                .cloned()
                .collect::<Vec<_>>()
        };
        assert_eq!(sections(&zh), sections(&en), "{plan}: zh and en anchors differ");
        assert!(
            sections(&zh).iter().any(|i| i == "s2-1"),
            "{plan}: has structural anchors"
        );
        // The per-section language switch lands on the same anchor.
        let zh_html = read(&out.join(format!("zh/plans/{plan}/index.html")));
        assert!(
            zh_html.contains(&format!("href=../../../en/plans/{plan}/#s1")),
            "{plan}"
        );
    }
}

#[test]
fn sitemap_lists_every_page_with_alternates() {
    let (_dir, out) = build_shipped(&[]);
    let sitemap = read(&out.join("sitemap.xml"));
    for plan in PLANS {
        for lang in ["zh", "en"] {
            assert!(
                sitemap.contains(&format!("<loc>https://plans.example.org/{lang}/plans/{plan}/</loc>")),
                "{plan} {lang}"
            );
        }
        assert!(sitemap.contains(&format!(
            r#"<xhtml:link rel="alternate" hreflang="x-default" href="https://plans.example.org/zh/plans/{plan}/"/>"#
        )));
    }
    let atom = read(&out.join("en/atom.xml"));
    assert_eq!(atom.matches("<entry>").count(), 5);
}

#[test]
fn no_absolute_local_paths_or_external_requests() {
    let (dir, out) = build_shipped(&[]);
    let local = dir.path().to_string_lossy().into_owned();
    let repo_path = repo().to_string_lossy().into_owned();
    let stylesheets = regex::Regex::new(r#"<link[^>]*rel=stylesheet[^>]*>"#).unwrap();
    let fetches = regex::Regex::new(r#"<[a-z]+\s[^>]*\b(src|srcset|poster|data)=["']?(https?:)?//"#).unwrap();
    for entry in walkdir::WalkDir::new(&out) {
        let entry = entry.unwrap();
        if !entry.file_type().is_file() {
            continue;
        }
        let text = String::from_utf8_lossy(&std::fs::read(entry.path()).unwrap()).into_owned();
        assert!(
            !text.contains(&local) && !text.contains(&repo_path),
            "{} leaks a local path",
            entry.path().display()
        );
        if entry.path().extension().is_some_and(|e| e == "html") {
            // Real tags that make the browser fetch (not links, not escaped example code).
            assert!(
                !fetches.is_match(&text) && !text.contains("@import"),
                "{} loads something from elsewhere",
                entry.path().display()
            );
            for tag in stylesheets.find_iter(&text) {
                assert!(!tag.as_str().contains("http"), "{}", tag.as_str());
            }
        }
    }
}

#[test]
fn links_work_under_a_sub_path() {
    let (_dir, out) = build_shipped(&["--base-url", "https://example.org/portal/"]);
    let page = read(&out.join("en/plans/ruian-2021/index.html"));
    assert!(has_tag(
        &page,
        "link",
        &[
            ("rel", "canonical"),
            ("href", "https://example.org/portal/en/plans/ruian-2021/")
        ]
    ));
    assert!(page.contains("href=../../../static/style.css"), "assets are relative");
    assert!(page.contains("href=../../../en/>"), "home link is relative");
    let not_found = read(&out.join("404.html"));
    assert!(
        not_found.contains("href=/portal/static/style.css"),
        "404 uses the base path"
    );
    assert!(
        not_found.contains("href=/portal/en/ hreflang=en"),
        "the 404 page's language switch uses the base path too"
    );
    assert!(read(&out.join("sitemap.xml")).contains("<loc>https://example.org/portal/zh/</loc>"));
}

#[test]
fn two_builds_are_byte_identical() {
    let (_a, out_a) = build_shipped(&[]);
    let (_b, out_b) = build_shipped(&[]);
    let files = |root: &std::path::Path| -> Vec<(String, Vec<u8>)> {
        let mut v: Vec<_> = walkdir::WalkDir::new(root)
            .into_iter()
            .map(Result::unwrap)
            .filter(|e| e.file_type().is_file())
            .map(|e| {
                (
                    e.path().strip_prefix(root).unwrap().to_string_lossy().into_owned(),
                    std::fs::read(e.path()).unwrap(),
                )
            })
            .collect();
        v.sort();
        v
    };
    let (a, b) = (files(&out_a), files(&out_b));
    assert_eq!(a.len(), b.len());
    for ((pa, ca), (pb, cb)) in a.iter().zip(&b) {
        assert_eq!(pa, pb);
        assert!(ca == cb, "{pa} differs between builds");
    }
}

#[test]
fn chinese_text_has_no_stray_spaces_and_bold_works() {
    let (_dir, out) = build_shipped(&[]);
    let page = read(&out.join("zh/plans/jiaxing-2016/index.html"));
    assert!(page.contains("<table>"), "the 具体目标 table is a real table");
    assert!(page.contains("制造业产品质量合格率"));
    let youxian = read(&out.join("zh/plans/youxian-2021/index.html"));
    assert!(
        has_tag(&youxian, "aside", &[("class", "box"), ("id", "box-1")]),
        "专栏 boxes render as asides"
    );
    assert!(
        youxian.contains("<th>属性</th>") || youxian.contains("<th>属性"),
        "core indicator table"
    );
    let ruian = read(&out.join("zh/plans/ruian-2021/index.html"));
    assert!(ruian.contains("class=missing-table"), "missing tables are marked");
}

#[test]
fn check_passes_on_the_shipped_content() {
    let o = plansite(&["check"], &repo());
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(
        !stderr(&o).contains("warning"),
        "shipped content has warnings:\n{}",
        stderr(&o)
    );
}
