//! Releases over time (issue #21 §2-3), on a copy of the shipped portal built by the real CLI:
//! two releases with a value and two plan sentences changed between them, then a build. The
//! changes page says what changed ("from 95% to 96%", with the indicator's row and the plan
//! sections linked), the indicator page has its history and an "as of" citation, the feeds are
//! Atom (parsed as XML), the frozen files stay byte-identical and two builds are the same.

mod common;
use common::*;
use std::fs;
use std::path::Path;

const ATOM: &str = "http://www.w3.org/2005/Atom";
const INDICATOR: &str = "manufacturing-product-pass-rate";

/// A copy of the shipped content released on 2026-01-01, then amended (95% → 96% in the sheet
/// and the table row, a sentence of section s1-1-1 reworded) and released on 2026-06-30.
fn two_releases() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    copy_tree(&repo().join("content"), &dir.path().join("content"));
    let release = |tag: &str| {
        let o = plansite(&["release", tag], dir.path());
        assert!(o.status.success(), "{}", stderr(&o));
    };
    release("2026-01-01");
    amend_pass_rate(&dir.path().join("content"));
    let plan = dir.path().join("content/plans/jiaxing-2016.zh.md");
    edit(&plan, "全市将质量强市纳入", "全市把质量强市纳入");
    release("2026-06-30");
    dir
}

/// The `<element>` children named `name` of an Atom element.
fn children<'a>(node: roxmltree::Node<'a, 'a>, name: &str) -> Vec<roxmltree::Node<'a, 'a>> {
    (node.children())
        .filter(|c| c.tag_name().namespace() == Some(ATOM) && c.tag_name().name() == name)
        .collect()
}

/// Parses an Atom feed, checks the elements RFC 4287 requires of it and its entries, and
/// returns each entry's (title, content).
fn atom_entries(path: &Path) -> Vec<(String, String)> {
    let text = fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    let doc = roxmltree::Document::parse(&text).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    let feed = doc.root_element();
    assert_eq!(feed.tag_name().namespace(), Some(ATOM), "{}", path.display());
    assert_eq!(feed.tag_name().name(), "feed");
    let one = |node: roxmltree::Node, name: &str| {
        let found = children(node, name);
        assert_eq!(
            found.len(),
            1,
            "{}: one <{name}> in <{}>",
            path.display(),
            node.tag_name().name()
        );
        found[0].text().unwrap_or_default().to_string()
    };
    for name in ["id", "title", "updated"] {
        assert!(!one(feed, name).is_empty(), "{}: empty <{name}>", path.display());
    }
    assert!(one(feed, "updated").ends_with("T00:00:00Z"));
    assert_eq!(children(children(feed, "author")[0], "name").len(), 1);
    let rels: Vec<&str> = children(feed, "link")
        .iter()
        .filter_map(|l| l.attribute("rel"))
        .collect();
    assert!(rels.contains(&"self") && rels.contains(&"alternate"), "{rels:?}");
    (children(feed, "entry").into_iter())
        .map(|e| {
            for name in ["id", "title", "updated"] {
                assert!(!one(e, name).is_empty(), "{}: entry without <{name}>", path.display());
            }
            assert_eq!(children(e, "link").len(), 1);
            (one(e, "title"), one(e, "content"))
        })
        .collect()
}

#[test]
fn releases_list_their_changes_histories_and_feeds() {
    let dir = two_releases();
    let (content, public) = (dir.path().join("content"), dir.path().join("public"));
    let frozen_before: Vec<(String, Vec<u8>)> = (walkdir::WalkDir::new(content.join("releases")).into_iter())
        .map(Result::unwrap)
        .filter(|e| e.file_type().is_file())
        .map(|e| (e.path().display().to_string(), fs::read(e.path()).unwrap()))
        .collect();
    assert_eq!(frozen_before.len(), 10, "two releases of five files");
    build_site(&content, &public);

    // The changes page: newest first, the value from X to Y linked to its row, the plan sections.
    let page = read(&public.join("en/changes/index.html"));
    let (new, old) = (
        page.find("id=r-2026-06-30").unwrap(),
        page.find("id=r-2026-01-01").unwrap(),
    );
    assert!(new < old, "newest release first");
    let newest = &page[new..old];
    assert!(
        newest.contains(&format!(r#"<a href=../indicators/{INDICATOR}/#v-jiaxing-2016-1>"#)),
        "{newest}"
    );
    assert!(
        newest.contains("value changed from <del>95%</del> to <ins>96%</ins>"),
        "{newest}"
    );
    assert!(
        newest.contains("plan text changed in section <a href=../plans/jiaxing-2016/#s1-1-1>"),
        "{newest}"
    );
    assert!(
        newest.contains("<a href=../plans/jiaxing-2016/#s2-3-2>"),
        "the table's section: {newest}"
    );
    assert_eq!(
        newest.matches("<li class=").count(),
        3,
        "one value and two sections changed: {newest}"
    );
    assert!(page[old..].contains("First release: 514 values"), "{}", &page[old..]);
    assert!(
        !page.contains("id=unreleased"),
        "nothing changed since the last release"
    );
    assert!(has_tag(&page, "link", &[("rel", "alternate"), ("href", "atom.xml")]));
    let zh = read(&public.join("zh/changes/index.html"));
    assert!(zh.contains("数值由 <del>95%</del> 改为 <ins>96%</ins>"), "{zh}");

    // The indicator's own history, linked to the changes page; its "as of" citation.
    let ind = read(&public.join(format!("en/indicators/{INDICATOR}/index.html")));
    let history = &ind[ind.find("id=history").expect("a history")..ind.find("id=cite").unwrap()];
    assert!(
        history.contains("<a href=../../changes/#r-2026-06-30>Release 2026-06-30</a>"),
        "{history}"
    );
    assert!(history.contains("from <del>95%</del> to <ins>96%</ins>"), "{history}");
    assert!(history.contains("First release: 4 values"), "{history}");
    let base = "https://plans.example.org/data/releases/2026-06-30";
    assert!(ind.contains(&format!("<a href={base}/indicators.json>")), "as-of link");
    assert!(ind.contains(&format!("<a href={base}/indicators.csv>")), "as-of CSV");
    // An indicator no release changed has only its first release.
    let other = read(&public.join("en/indicators/5g-network-coverage/index.html"));
    assert!(!other.contains("Release 2026-06-30</a>"));

    check_feeds(&public);

    // A change since the last release shows on top, as unreleased; frozen files stay as frozen,
    // and two builds are byte-identical.
    edit(&content.join("indicators.yaml"), "    value: 96\n", "    value: 97\n");
    let row = ("| 制造业产品质量合格率 | 96% |", "| 制造业产品质量合格率 | 97% |");
    edit(&content.join("plans/jiaxing-2016.zh.md"), row.0, row.1);
    build_site(&content, &public);
    let first = snapshot(&public);
    build_site(&content, &public);
    assert!(first == snapshot(&public), "two builds differ");
    let page = read(&public.join("en/changes/index.html"));
    let top = page.find("id=unreleased").expect("unreleased changes listed");
    assert!(top < page.find("id=r-2026-06-30").unwrap());
    assert!(page[top..].contains("Since the last release"));
    for (path, bytes) in &frozen_before {
        assert!(&fs::read(path).unwrap() == bytes, "{path} changed");
    }
    for tag in ["2026-01-01", "2026-06-30"] {
        let published = fs::read(public.join("data/releases").join(tag).join("indicators.json")).unwrap();
        assert!(published == fs::read(content.join("releases").join(tag).join("indicators.json")).unwrap());
    }
    assert_eq!(
        atom_entries(&public.join("en/changes/atom.xml")).len(),
        2,
        "feeds list releases only"
    );
}

/// The feeds: Atom, one entry per release that changed the subject, newest first.
fn check_feeds(public: &Path) {
    let all = atom_entries(&public.join("en/changes/atom.xml"));
    let titles: Vec<&str> = all.iter().map(|(t, _)| t.as_str()).collect();
    assert_eq!(titles, ["Release 2026-06-30", "Release 2026-01-01"]);
    assert!(all[0].1.contains("from 95% to 96%"), "{}", all[0].1);
    let mine = atom_entries(&public.join(format!("en/indicators/{INDICATOR}/atom.xml")));
    assert_eq!(mine.len(), 2);
    let untouched = atom_entries(&public.join("zh/indicators/5g-network-coverage/atom.xml"));
    assert_eq!(untouched.len(), 1, "only its first release");
    let plan = atom_entries(&public.join("en/plans/jiaxing-2016/atom.xml"));
    assert_eq!(plan.len(), 2);
    assert!(
        plan[0].1.contains("plan text changed in section 2. Specific targets"),
        "{}",
        plan[0].1
    );
    assert!(plan[1].1.starts_with("First release: 514 values"), "{}", plan[1].1);
    assert_eq!(atom_entries(&public.join("en/plans/yiwu-2024/atom.xml")).len(), 1);
    let plan_page = read(&public.join("en/plans/jiaxing-2016/index.html"));
    assert!(has_tag(
        &plan_page,
        "link",
        &[("type", "application/atom+xml"), ("href", "atom.xml")]
    ));
}

/// Every output file's bytes, by path.
fn snapshot(public: &Path) -> Vec<(String, Vec<u8>)> {
    let mut files: Vec<(String, Vec<u8>)> = (walkdir::WalkDir::new(public).sort_by_file_name().into_iter())
        .map(Result::unwrap)
        .filter(|e| e.file_type().is_file())
        .map(|e| (e.path().display().to_string(), fs::read(e.path()).unwrap()))
        .collect();
    files.sort();
    files
}

#[test]
fn a_site_without_releases_has_no_changes_page_history_or_feeds() {
    let (_dir, public) = build_shipped(&["--no-search"]);
    assert!(!public.join("en/changes").exists());
    assert!(!public.join("en/plans/jiaxing-2016/atom.xml").exists());
    assert!(!public.join(format!("en/indicators/{INDICATOR}/atom.xml")).exists());
    let ind = read(&public.join(format!("en/indicators/{INDICATOR}/index.html")));
    assert!(!ind.contains("id=history") && !ind.contains("As of release"));
    assert!(!ind.contains("Changes between releases"));
}

#[test]
fn a_broken_release_file_is_reported_at_its_place() {
    let dir = tempfile::tempdir().unwrap();
    copy_tree(&repo().join("content"), &dir.path().join("content"));
    let o = plansite(&["release", "2026-01-01"], dir.path());
    assert!(o.status.success(), "{}", stderr(&o));
    let plans = dir.path().join("content/releases/2026-01-01/plans.json");
    fs::write(&plans, "{\n  \"released\": 2026\n}\n").unwrap();
    let o = plansite(&["build", "--no-search", "--output", "public"], dir.path());
    assert!(!o.status.success());
    let err = stderr(&o);
    assert!(err.contains("plans.json:2:"), "{err}");
    assert!(err.contains("restore it from version control"), "{err}");
}
