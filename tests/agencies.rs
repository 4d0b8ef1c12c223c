//! Who is responsible: the responsibility notes of the shipped plans linked to the agency
//! registry in both languages, the agency pages and the open data, through the real CLI.

mod common;
use common::*;
use std::collections::{BTreeMap, BTreeSet};

/// Per section id (in page order): the agency pages its text links from notes.
fn links_by_section(html: &str) -> BTreeMap<String, Vec<String>> {
    let heading = regex::Regex::new(r"<h[2-6][^>]* id=([a-z0-9-]+)").unwrap();
    let link = regex::Regex::new(r"<a class=agency href=\.\./\.\./agencies/([a-z0-9-]+)/>").unwrap();
    let mut out: BTreeMap<String, Vec<String>> = BTreeMap::new();
    let mut section = String::new();
    let mut at = 0;
    let marks: Vec<(usize, Option<String>, Option<String>)> = heading
        .captures_iter(html)
        .map(|c| (c.get(0).unwrap().start(), Some(c[1].to_string()), None))
        .chain(
            link.captures_iter(html)
                .map(|c| (c.get(0).unwrap().start(), None, Some(c[1].to_string()))),
        )
        .collect::<BTreeSet<_>>()
        .into_iter()
        .collect();
    for (pos, h, a) in marks {
        assert!(pos >= at);
        at = pos;
        if let Some(h) = h {
            section = h;
        }
        if let Some(a) = a {
            out.entry(section.clone()).or_default().push(a);
        }
    }
    out
}

/// The notes of the Chinese source text, and how many bodies they name (collective mentions
/// such as 质量发展委员会各成员单位 left out): counted from the Markdown, not by the parser.
fn source_notes(plan: &str) -> (usize, usize) {
    let md = read(&repo().join(format!("content/plans/{plan}.zh.md")));
    let note = regex::Regex::new(r"[(（]([^()（）]*)按职责分工负责[)）]").unwrap();
    let notes: Vec<String> = note.captures_iter(&md).map(|c| c[1].to_string()).collect();
    let bodies = notes
        .iter()
        .flat_map(|n| n.split('、'))
        .filter(|b| !b.ends_with("成员单位"))
        .count();
    (notes.len(), bodies)
}

#[test]
fn every_note_of_yangzhou_links_the_same_agencies_in_both_languages() {
    let out = shared_build("agencies-site");
    let (notes, bodies) = source_notes("yangzhou-2023");
    assert_eq!(notes, 31, "the plan has 31 notes");
    let zh = links_by_section(&read(&out.join("zh/plans/yangzhou-2023/index.html")));
    let en = links_by_section(&read(&out.join("en/plans/yangzhou-2023/index.html")));
    assert_eq!(
        zh.values().map(Vec::len).sum::<usize>(),
        bodies,
        "every body named is linked"
    );
    let sets = |m: &BTreeMap<String, Vec<String>>| -> BTreeMap<String, BTreeSet<String>> {
        m.iter()
            .map(|(k, v)| (k.clone(), v.iter().cloned().collect()))
            .collect()
    };
    assert_eq!(
        sets(&zh),
        sets(&en),
        "the English notes link the same agencies, section by section"
    );
    assert!(zh.len() >= 29, "notes in {} sections", zh.len());
    for plan in PLANS.iter().filter(|p| **p != "yangzhou-2023") {
        let html = read(&out.join(format!("zh/plans/{plan}/index.html")));
        assert!(!html.contains("class=agency"), "{plan} has no responsibility notes");
    }
}

#[test]
fn the_note_text_stays_as_written() {
    let out = shared_build("agencies-site");
    let md = read(&repo().join("content/plans/yangzhou-2023.zh.md"));
    let html = read(&out.join("zh/plans/yangzhou-2023/index.html"));
    let tags = regex::Regex::new(r"<[^>]+>").unwrap();
    let text = tags.replace_all(&html, "");
    let note = regex::Regex::new(r"\([^()]*按职责分工负责\)").unwrap();
    for n in note.find_iter(&md) {
        assert!(text.contains(n.as_str()), "note kept verbatim: {}", n.as_str());
    }
    let tag = regex::Regex::new(r"\(<a class=agency href=\.\./\.\./agencies/yz-industry-it/>市工信局</a>、<a class=agency href=\.\./\.\./agencies/yz-development-reform/>发改委</a>").unwrap();
    assert!(
        tag.is_match(&html),
        "each body in the note is its own link, the 、 stays between them"
    );
}

#[test]
fn the_registry_names_each_body_once_with_one_english_name() {
    let y: serde_yaml::Value = serde_yaml::from_str(&read(&repo().join("content/agencies.yaml"))).unwrap();
    let agencies = y["agencies"].as_sequence().unwrap();
    let en: BTreeSet<&str> = agencies.iter().map(|a| a["name_en"].as_str().unwrap()).collect();
    assert_eq!(en.len(), agencies.len(), "one English name per body, no two alike");
    let out = shared_build("agencies-site");
    // Every agency linked from a plan has a page, and each page is linked from a note.
    let zh = links_by_section(&read(&out.join("zh/plans/yangzhou-2023/index.html")));
    let linked: BTreeSet<&String> = zh.values().flatten().collect();
    assert_eq!(linked.len(), agencies.len(), "every registry entry is named by a note");
    for id in &linked {
        for lang in ["zh", "en"] {
            let page = out.join(format!("{lang}/agencies/{id}/index.html"));
            assert!(page.exists(), "{}", page.display());
        }
    }
    // The same English name on the agency page and the index.
    let amr = read(&out.join("en/agencies/yz-market-regulation/index.html"));
    assert!(amr.contains("<h1 id=agency-title>Yangzhou Municipal Administration for Market Regulation</h1>"));
    let index = read(&out.join("en/agencies/index.html"));
    assert!(index.contains(">Yangzhou Municipal Administration for Market Regulation</a>"));
}

#[test]
fn index_counts_agree_with_the_open_data_and_sort_per_language() {
    let out = shared_build("agencies-site");
    let csv = read(&out.join("data/agencies.csv"));
    let mut rows = csv::Reader::from_reader(csv.trim_start_matches('\u{feff}').as_bytes());
    let header = rows.headers().unwrap().clone();
    let col = |name: &str| header.iter().position(|h| h == name).unwrap();
    let (agency, role, task_en) = (col("agency"), col("role"), col("task_en"));
    let mut lead: BTreeMap<String, usize> = BTreeMap::new();
    let mut n = 0;
    for r in rows.records() {
        let r = r.unwrap();
        assert!(!r[task_en].is_empty(), "each task has its English heading");
        if &r[role] == "lead" {
            *lead.entry(r[agency].to_string()).or_default() += 1;
        }
        n += 1;
    }
    assert_eq!(n, source_notes("yangzhou-2023").1, "one record per body named");
    let row = regex::Regex::new(r"<tr><th scope=row><a href=([a-z0-9-]+)/>([^<]+)</a></th><td>(\d+)</td>").unwrap();
    for lang in ["zh", "en"] {
        let index = read(&out.join(format!("{lang}/agencies/index.html")));
        let found: Vec<(String, String, usize)> = row
            .captures_iter(&index)
            .map(|c| (c[1].to_string(), c[2].to_string(), c[3].parse().unwrap()))
            .collect();
        assert_eq!(found.len(), lead.len(), "{lang}: every agency listed once");
        for (id, _, count) in &found {
            assert_eq!(Some(count), lead.get(id), "{lang}: {id}'s lead count");
        }
        if lang == "en" {
            // Alphabetical within each level group (the groups are in the order of the levels).
            let groups: Vec<&str> = index.split("<h2 id=level-").skip(1).collect();
            for g in groups {
                let names: Vec<String> = row.captures_iter(g).map(|c| c[2].to_lowercase()).collect();
                assert!(names.windows(2).all(|w| w[0] <= w[1]), "{names:?}");
            }
        }
    }
    let zh = read(&out.join("zh/agencies/index.html"));
    let pos = |name: &str| zh.find(name).unwrap_or_else(|| panic!("{name}"));
    // Pinyin: 财政局 (cai) before 公安局 (gong) before 水利局 (shui).
    assert!(pos("扬州市财政局") < pos("扬州市公安局") && pos("扬州市公安局") < pos("扬州市水利局"));
}

#[test]
fn an_agency_page_lists_its_tasks_with_their_targets_and_statuses() {
    let out = shared_build("agencies-site");
    let page = read(&out.join("zh/agencies/yz-market-regulation/index.html"));
    let tasks = page.matches("<li class=task>").count();
    let csv = read(&out.join("data/agencies.csv"));
    assert_eq!(
        tasks,
        csv.lines().filter(|l| l.starts_with("yz-market-regulation,")).count()
    );
    assert!(
        page.contains("href=../../plans/yangzhou-2023/#s2-1>"),
        "a task links its section"
    );
    assert!(page.contains("class=\"st st-"), "targets carry their status");
    assert!(
        page.contains("data-pagefind-body"),
        "the page is searchable by its names"
    );
    assert!(page.contains("市市场监管局"), "its aliases are on the page, for search");
    // Collective mentions are named, not linked or expanded.
    let cpc = read(&out.join("zh/agencies/yz-cpc-organisation/index.html"));
    assert!(cpc.contains("质量发展委员会各成员单位"));
    assert!(!cpc.contains("href=../yz-market-regulation/>质量"), "not expanded");
    // Indicator records list the agencies of their section.
    let json: serde_json::Value = serde_json::from_str(&read(&out.join("data/indicators.json"))).unwrap();
    let records = json["records"].as_array().unwrap();
    let yz: Vec<_> = records.iter().filter(|r| r["plan"] == "yangzhou-2023").collect();
    assert!(
        yz.iter()
            .any(|r| r["agencies"].as_str().unwrap().contains("yz-market-regulation"))
    );
    assert!(
        records
            .iter()
            .filter(|r| r["plan"] != "yangzhou-2023")
            .all(|r| r["agencies"] == "")
    );
}

#[test]
fn import_drafts_an_entry_per_body_the_registry_does_not_know() {
    let dir = tempfile::tempdir().unwrap();
    let seed = repo().join("seeds/yangzhou-2023.txt");
    let out = dir.path().join("content/plans/yangzhou-2023.zh.md");
    std::fs::create_dir_all(out.parent().unwrap()).unwrap();
    let args = [
        "import",
        seed.to_str().unwrap(),
        "--id",
        "yangzhou-2023",
        "-o",
        out.to_str().unwrap(),
    ];
    // No registry in that content folder nor in the working folder: every body is new.
    let o = plansite(&args, dir.path());
    assert!(o.status.success(), "{}", stderr(&o));
    let draft = read(&dir.path().join("content/plans/yangzhou-2023.zh.agencies.yaml"));
    let y: serde_yaml::Value = serde_yaml::from_str(&draft).unwrap();
    let names: BTreeSet<&str> = (y["agencies"].as_sequence().unwrap().iter())
        .map(|a| a["name_zh"].as_str().unwrap())
        .collect();
    assert_eq!(names.len(), 32, "{names:?}");
    assert!(names.contains("市市场监管局") && names.contains("扬州海关") && names.contains("市委组织部"));
    // With the shipped registry (found in the working folder) nothing is new.
    std::fs::remove_file(dir.path().join("content/plans/yangzhou-2023.zh.agencies.yaml")).unwrap();
    let o = plansite(&args, &repo());
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(!dir.path().join("content/plans/yangzhou-2023.zh.agencies.yaml").exists());
}
