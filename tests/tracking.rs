//! Progress towards targets as readers meet it, through the real CLI: the shipped portal's
//! honest answer (mostly no data, Rui'an's PM2.5 met early), and the same portal with
//! monitoring rows that move targets on and off track, conflict with the plan's figure, or
//! come after the date the statuses stand at.

mod common;
use common::*;
use std::path::{Path, PathBuf};
use std::process::Output;
use std::sync::OnceLock;

/// The shipped portal with `content/monitoring/bulletins.csv` and `as_of` in site.yaml.
const MONITORING: &str = "\u{feff}indicator,plan,year,value,source_zh,source_en,source_url,published
high-tech-enterprises,youxian-2021,2023,150,游仙区统计局,Youxian District Statistics Bureau,,2024-03-01
new-national-high-tech-enterprises,ruian-2021,2021,10,瑞安市统计局,Rui'an Statistics Bureau,https://example.org/b,2022-03-01
new-national-high-tech-enterprises,ruian-2021,2023,20,瑞安市统计局,Rui'an Statistics Bureau,https://example.org/b,2024-03-01
new-national-high-tech-enterprises,ruian-2021,2024,60,瑞安市统计局,Rui'an Statistics Bureau,,2025-03-01
new-national-high-tech-enterprises,yiwu-2024,2024,50,义乌市统计局,Yiwu Statistics Bureau,,2024-12-01
pm25-concentration,jiaxing-2016,2020,41,嘉兴市生态环境局,Jiaxing Ecology and Environment Bureau,,2021-06-05
pm25-concentration,ruian-2021,2020,23,温州市生态环境局,Wenzhou Ecology and Environment Bureau,,2021-05-01
";

fn monitored() -> &'static (PathBuf, Output) {
    static OUT: OnceLock<(PathBuf, Output)> = OnceLock::new();
    OUT.get_or_init(|| {
        let dir = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("tracking-monitored");
        let _ = std::fs::remove_dir_all(&dir);
        let src = dir.join("content");
        copy_tree(&repo().join("content"), &src);
        std::fs::create_dir_all(src.join("monitoring")).unwrap();
        std::fs::write(src.join("monitoring/bulletins.csv"), MONITORING).unwrap();
        let site = read(&src.join("site.yaml"));
        std::fs::write(src.join("site.yaml"), format!("{site}as_of: 2024-12-31\n")).unwrap();
        let out = dir.join("public");
        let o = plansite(
            &[
                "build",
                "--source",
                src.to_str().unwrap(),
                "--output",
                out.to_str().unwrap(),
            ],
            &dir,
        );
        assert!(o.status.success(), "build failed:\n{}", stderr(&o));
        (out, o)
    })
}

fn monitored_page(rel: &str) -> String {
    read(&monitored().0.join(rel))
}

/// The block of `plan` on an indicator page.
fn block<'a>(page: &'a str, plan: &str) -> &'a str {
    let start = page
        .find(&format!("id=progress-{plan}"))
        .unwrap_or_else(|| panic!("no progress block for {plan}"));
    let end = page[start..].find("</section>").map_or(page.len(), |e| start + e);
    &page[start..end]
}

#[test]
fn the_shipped_portal_says_what_its_data_can_tell() {
    let out = shared_build("tracking-shipped");
    let count = regex::Regex::new(r"<span class=count>\((\d+)\)</span>").unwrap();
    for lang in ["zh", "en"] {
        let page = read(&out.join(format!("{lang}/progress/index.html")));
        assert!(page.contains("id=method"), "{lang}: the method is on the page");
        // Every target is listed once, under its status.
        let total: usize = count.captures_iter(&page).map(|c| c[1].parse::<usize>().unwrap()).sum();
        assert!(total > 300, "{lang}: {total} targets listed");
        assert_eq!(
            page.matches("<td><span class=\"st st-").count(),
            total,
            "{lang}: one row each"
        );
        for order in ["by-plan", "by-category"] {
            let other = read(&out.join(format!("{lang}/progress/{order}/index.html")));
            assert_eq!(
                other.matches("<td><span class=\"st st-").count(),
                total,
                "{lang}/{order}"
            );
        }
    }
    let en = read(&out.join("en/indicators/pm25-concentration/index.html"));
    let ruian = block(&en, "ruian-2021");
    assert!(ruian.contains("met (achieved early)"), "{ruian}");
    assert!(ruian.contains("22 µg/m³ in 2020 (the plan’s actual figure)"), "{ruian}");
    let jiaxing = block(&en, "jiaxing-2016");
    assert!(jiaxing.contains("no data") && !jiaxing.contains("met"), "{jiaxing}");
    assert!(
        en.contains("How a status is decided"),
        "the rule is on the indicator page"
    );
    let zh = read(&out.join("zh/indicators/pm25-concentration/index.html"));
    assert!(block(&zh, "ruian-2021").contains("已提前达成"));
    assert!(zh.contains("判定规则"), "the rule in Chinese");
}

#[test]
fn a_plan_shows_its_targets_at_a_glance_and_each_quote_its_status() {
    let out = shared_build("tracking-shipped");
    let plan = read(&out.join("en/plans/ruian-2021/index.html"));
    let glance_at = plan.find("id=glance-title").expect("a glance block");
    assert!(
        glance_at < plan.find("class=plan-text").unwrap(),
        "after the contents, before the text"
    );
    assert!(plan.find("id=toc-title").unwrap() < glance_at);
    let by_plan = read(&out.join("en/progress/by-plan/index.html"));
    let ids = element_ids(&by_plan);
    let link = regex::Regex::new(
        r#"<a href="?../../progress/by-plan/#([a-z0-9-]+)"?><span class="st st-[a-z-]+">[^<]+</span> (\d+)</a>"#,
    )
    .unwrap();
    let mut linked = 0;
    for c in link.captures_iter(&plan) {
        linked += 1;
        let id = &c[1];
        assert!(ids.contains(id), "{id} is on the by-plan page");
        let listed = regex::Regex::new(&format!(r"<h4 id={id}>[^<]+<span class=count>\((\d+)\)</span>"))
            .unwrap()
            .captures(&by_plan)
            .unwrap_or_else(|| panic!("{id}: a heading with its count"))[1]
            .to_string();
        assert_eq!(listed, c[2], "{id}: the glance counts what the list lists");
    }
    assert!(linked >= 2, "Rui'an has met and no-data targets: {linked}");
    // The quote of Rui'an's PM2.5 target carries its status (zh), and so does its figure (en).
    let zh = read(&out.join("zh/plans/ruian-2021/index.html"));
    let quote = zh.find("id=q-pm25-concentration-2").expect("the target's quote");
    let after = &zh[quote..quote + 1200];
    assert!(
        after.contains("<span class=q-status data-pagefind-ignore>已提前达成</span>"),
        "{after}"
    );
    let fig = plan
        .find("id=q-pm25-concentration-2")
        .expect("the target's figure in English");
    assert!(plan[fig..fig + 600].contains("class=q-status data-pagefind-ignore>met (achieved early)<"));
}

#[test]
fn monitoring_rows_move_targets_on_and_off_track() {
    let (_, o) = monitored();
    // Youxian: 51 in 2020, 150 in 2023, 200 by 2025: the straight path stands at 140.4 in 2023.
    let p = monitored_page("en/indicators/high-tech-enterprises/index.html");
    let youxian = block(&p, "youxian-2021");
    assert!(youxian.contains("on track"), "{youxian}");
    assert!(
        youxian.contains("Straight path to the target in that year: 140.4"),
        "{youxian}"
    );
    assert!(
        youxian.contains("150 enterprises in 2023 (Youxian District Statistics Bureau, published 1 March 2024)"),
        "a monitoring figure shows its source and date: {youxian}"
    );
    assert!(
        youxian.contains("+25 enterprises per year"),
        "(200 - 150) / 2: {youxian}"
    );
    // Rui'an: 10 in 2021, 20 in 2023 against 50 by 2025 (path 30); the 2024 row is published
    // after as_of and does not count.
    let p = monitored_page("en/indicators/new-national-high-tech-enterprises/index.html");
    let ruian = block(&p, "ruian-2021");
    assert!(ruian.contains("off track"), "{ruian}");
    assert!(
        !ruian.contains("in 2024"),
        "a row published after as_of is ignored: {ruian}"
    );
    // Yiwu: exactly the 50 it aimed at in its target year is met.
    let yiwu = block(&p, "yiwu-2024");
    assert!(yiwu.contains(">met<"), "{yiwu}");
    // Jiaxing: 41 in 2020 misses both "40" (lower is better) and "40 or less".
    let p = monitored_page("en/indicators/pm25-concentration/index.html");
    let jiaxing = block(&p, "jiaxing-2016");
    // (Counted in the statuses list: the block's chart writes them too.)
    assert_eq!(jiaxing.matches(">not met</span>").count(), 2, "{jiaxing}");
    // The conflicting row is used, and the build says so, naming both places.
    let ruian = block(&p, "ruian-2021");
    assert!(ruian.contains("23 µg/m³ in 2020 (Wenzhou"), "{ruian}");
    let err = stderr(o);
    let warning = err
        .lines()
        .skip_while(|l| !l.contains("the plan says 22"))
        .take(1)
        .collect::<String>();
    assert!(warning.contains("this row says 23"), "{err}");
    assert!(
        err.contains("bulletins.csv:8:1") && err.contains("indicators.yaml:2"),
        "both places named: {err}"
    );
    let progress = monitored_page("en/progress/index.html");
    assert!(progress.contains("Statuses as of 31 December 2024, the date set for this site."));
    for status in ["met", "not-met", "on-track", "off-track", "no-data", "qualitative"] {
        assert!(progress.contains(&format!("id={status}>")), "{status} listed");
    }
}

#[test]
fn progress_pages_are_listed_with_the_other_pages() {
    let out = shared_build("tracking-shipped");
    let sitemap = std::fs::read_to_string(out.join("sitemap.xml")).unwrap();
    for path in ["zh/progress/", "en/progress/by-plan/", "zh/progress/by-category/"] {
        assert!(
            sitemap.contains(&format!("https://plans.example.org/{path}</loc>")),
            "{path}"
        );
    }
    let home = read(&out.join("en/index.html"));
    assert!(
        home.contains("<a href=../en/progress/>Progress</a>"),
        "in the navigation"
    );
    assert!(Path::new(&out.join("zh/progress/index.html")).exists());
}

#[test]
fn open_data_carries_each_status_and_what_it_rests_on() {
    let (out, _) = monitored();
    let data: serde_json::Value = serde_json::from_str(&read(&out.join("data/indicators.json"))).unwrap();
    let records = data["records"].as_array().unwrap();
    let find = |ind: &str, plan: &str, kind: &str| {
        records
            .iter()
            .find(|r| r["indicator"] == ind && r["plan"] == plan && r["kind"] == kind)
            .unwrap_or_else(|| panic!("{ind}/{plan}/{kind}"))
    };
    let youxian = find("high-tech-enterprises", "youxian-2021", "target");
    assert_eq!(youxian["status"], "on-track");
    assert_eq!(youxian["status_rule"], "straight-path");
    assert_eq!(
        (youxian["start_year"].clone(), youxian["start_value"].clone()),
        (2020.into(), 51.into())
    );
    assert_eq!(youxian["start_source"], "plan");
    assert_eq!(
        (youxian["latest_year"].clone(), youxian["latest_source"].clone()),
        (2023.into(), "monitoring".into())
    );
    assert_eq!(youxian["path_value"], 140.4);
    assert_eq!(youxian["yearly_change_needed"], 25.0);
    assert_eq!(youxian["status_as_of"], "2024-12-31");
    assert_eq!(
        youxian["status_method"],
        "https://plans.example.org/zh/progress/#method"
    );
    let early = find("pm25-concentration", "ruian-2021", "target");
    assert_eq!(
        (early["status"].clone(), early["status_early"].clone()),
        ("met".into(), true.into())
    );
    let actual = find("pm25-concentration", "ruian-2021", "actual");
    assert!(
        actual["status"].is_null() && actual["status_rule"].is_null(),
        "not a target"
    );
    // The CSV has the same columns (the agencies of the section last: the portal has a
    // registry), and the monitoring rows come back as they were written.
    let csv = read(&out.join("data/indicators.csv"));
    let header = csv.trim_start_matches('\u{feff}').lines().next().unwrap();
    assert!(header.ends_with(",status,status_early,status_rule,status_as_of,status_method,start_year,start_value,start_source,latest_year,latest_value,latest_source,path_value,yearly_change_needed,agencies"), "{header}");
    let monitoring = read(&out.join("data/monitoring.csv"));
    let mut rows = csv::Reader::from_reader(monitoring.trim_start_matches('\u{feff}').as_bytes());
    let read_back: Vec<Vec<String>> = rows
        .records()
        .map(|r| r.unwrap().iter().map(String::from).collect())
        .collect();
    let written: Vec<Vec<String>> = csv::Reader::from_reader(MONITORING.trim_start_matches('\u{feff}').as_bytes())
        .records()
        .map(|r| {
            r.unwrap()
                .iter()
                .map(String::from)
                .chain(["".into(), "".into()])
                .collect()
        })
        .collect();
    assert_eq!(read_back, written, "every row, with empty note columns");
}
