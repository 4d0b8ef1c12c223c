//! The cross-plan glossary: one entry per term under the same anchor in both languages, sorted
//! for each language, and linked from the plans where they first use a term in a section.

mod common;
use common::*;
use serde_json::Value as Json;

fn glossary() -> Vec<serde_yaml::Value> {
    let y: serde_yaml::Value = serde_yaml::from_str(&read(&repo().join("content/glossary.yaml"))).unwrap();
    y["terms"].as_sequence().unwrap().clone()
}

#[test]
fn both_languages_share_every_anchor_and_sort_their_own_way() {
    let out = shared_build("glossary-site");
    let terms = glossary();
    assert!(terms.len() >= 60, "at least 60 terms: {}", terms.len());
    let zh = read(&out.join("zh/glossary/index.html"));
    let en = read(&out.join("en/glossary/index.html"));
    let entry = regex::Regex::new(r#"<div class=term-entry data-pagefind-body><h3 id=([a-z0-9-]+)><dfn>"#).unwrap();
    let ids = |html: &str| entry.captures_iter(html).map(|c| c[1].to_string()).collect::<Vec<_>>();
    let (zh_ids, en_ids) = (ids(&zh), ids(&en));
    assert_eq!(zh_ids.len(), terms.len());
    let mut a = zh_ids.clone();
    let mut b = en_ids.clone();
    a.sort();
    b.sort();
    assert_eq!(a, b, "the same anchors in both languages");
    // English alphabetically by term.
    // Sorted by the term without opening quotes; terms that start with no letter come last.
    let term_of = |id: &str, lang: &str| {
        let t = terms.iter().find(|t| t["id"].as_str() == Some(id)).unwrap()[lang]
            .as_str()
            .unwrap();
        let t = t.trim_start_matches(|c: char| !c.is_alphanumeric()).to_lowercase();
        (!t.starts_with(|c: char| c.is_ascii_alphabetic()), t)
    };
    let en_terms: Vec<(bool, String)> = en_ids.iter().map(|id| term_of(id, "en")).collect();
    let unsorted: Vec<_> = en_terms.windows(2).filter(|w| w[0] > w[1]).collect();
    assert!(unsorted.is_empty(), "English is alphabetical: {unsorted:?}");
    // Chinese by pinyin: the jump index letters appear in order, and 安 (an) comes before 质 (zhi).
    let letters: Vec<String> = regex::Regex::new(r"<h2 class=letter id=letter-([A-Z]|other)>")
        .unwrap()
        .captures_iter(&zh)
        .map(|c| c[1].to_string())
        .collect();
    assert!(letters.windows(2).all(|w| w[0] < w[1]), "{letters:?}");
    let pos = |id: &str| zh_ids.iter().position(|x| x == id).unwrap();
    assert!(
        pos("food-safety") < pos("quality-infrastructure"),
        "shipin before zhiliang"
    );
}

#[test]
fn plans_link_terms_once_per_section_never_in_headings_or_links() {
    let out = shared_build("glossary-site");
    let in_heading = regex::Regex::new(r"<h[1-6][^>]*>[^<]*(<[^/h][^>]*>[^<]*)*<span class=gl>").unwrap();
    let in_link = regex::Regex::new(r"<a [^>]*>[^<]*<span class=gl>").unwrap();
    let link =
        regex::Regex::new(r#"<a aria-describedby=tip-\d+ class=term href=../../glossary/#([a-z0-9-]+)"#).unwrap();
    for lang in ["zh", "en"] {
        for plan in PLANS {
            let page = read(&out.join(format!("{lang}/plans/{plan}/index.html")));
            assert!(
                !in_heading.is_match(&page),
                "{lang}/{plan}: a term linked inside a heading"
            );
            assert!(!in_link.is_match(&page), "{lang}/{plan}: a term linked inside a link");
            assert!(
                link.captures_iter(&page).count() > 20,
                "{lang}/{plan}: terms are linked"
            );
            // Per section (text between two headings), each term at most once.
            for section in page.split("<h") {
                let mut seen = std::collections::HashSet::new();
                for c in link.captures_iter(section) {
                    assert!(
                        seen.insert(c[1].to_string()),
                        "{lang}/{plan}: {} twice in a section",
                        &c[1]
                    );
                }
            }
        }
    }
}

#[test]
fn glossary_json_counts_agree_with_the_pages() {
    let out = shared_build("glossary-site");
    let data: Json = serde_json::from_str(&read(&out.join("data/glossary.json"))).unwrap();
    let terms = data["terms"].as_array().unwrap();
    assert_eq!(terms.len(), glossary().len());
    let zh_page = read(&out.join("zh/glossary/index.html"));
    for t in terms {
        let id = t["id"].as_str().unwrap();
        let counts = t["counts"]["zh"].as_object().unwrap();
        assert!(counts.len() >= 2, "{id} occurs in two or more plans: {counts:?}");
        for (plan, n) in counts {
            assert!(n.as_u64().unwrap() > 0);
            let page = read(&out.join(format!("zh/plans/{plan}/index.html")));
            // The "used in" link lands on the first link of the term in that plan.
            if page.contains(&format!("id=g-{id}>")) {
                assert!(
                    zh_page.contains(&format!("href=../plans/{plan}/#g-{id}>")),
                    "{id} in {plan}"
                );
            }
        }
    }
}

#[test]
fn english_plan_pages_are_essentially_free_of_chinese() {
    let out = shared_build("glossary-site");
    let tags = regex::Regex::new(r"(?s)<[^>]*>").unwrap();
    // Deliberately Chinese: language-switch labels and elements marked lang=zh-CN (glosses).
    let zh_elements = regex::Regex::new(r#"(?s)<(\w+)[^>]*lang=zh-CN[^>]*>.*?</\w+>"#).unwrap();
    for plan in PLANS {
        let page = read(&out.join(format!("en/plans/{plan}/index.html")));
        let body = page.split_once("<main").unwrap().1;
        let text = tags.replace_all(&zh_elements.replace_all(body, ""), " ").into_owned();
        let han = text.chars().filter(|c| ('\u{4E00}'..='\u{9FFF}').contains(c)).count();
        let total = text.chars().filter(|c| !c.is_whitespace()).count();
        assert!(total > 5000, "{plan}: the page has its text");
        assert!(han * 200 < total, "{plan}: {han} Chinese characters in {total}");
    }
}
