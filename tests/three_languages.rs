//! A site in three languages (`tests/fixtures/three-languages`: zh, en, fr) through the real CLI:
//! every page kind in every language, the chooser, language switch, hreflang and sitemap naming
//! all three, French text where the sheets have it and the fallback notice where they do not,
//! a column per language in the open data, and text that behaves the way its script does.

mod common;
use common::*;
use std::path::{Path, PathBuf};
use std::sync::OnceLock;

fn fixture() -> PathBuf {
    repo().join("tests/fixtures/three-languages/content")
}

/// The fixture built once per test binary: (output folder, stderr).
fn built() -> &'static (PathBuf, String) {
    static OUT: OnceLock<(PathBuf, String)> = OnceLock::new();
    OUT.get_or_init(|| {
        let out = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("three-languages");
        let o = plansite(
            &[
                "build",
                "--source",
                fixture().to_str().unwrap(),
                "--output",
                out.to_str().unwrap(),
            ],
            &repo(),
        );
        assert!(o.status.success(), "build failed:\n{}", stderr(&o));
        (out, stderr(&o))
    })
}

fn page(rel: &str) -> String {
    read(&built().0.join(rel))
}

fn files_under(dir: &Path) -> Vec<String> {
    let mut files: Vec<String> = walkdir::WalkDir::new(dir)
        .into_iter()
        .map(Result::unwrap)
        .filter(|e| e.file_type().is_file())
        .map(|e| e.path().strip_prefix(dir).unwrap().to_string_lossy().into_owned())
        .collect();
    files.sort();
    files
}

#[test]
fn every_page_kind_exists_in_every_language() {
    let out = &built().0;
    let zh = files_under(&out.join("zh"));
    for kind in [
        "index.html",
        "atom.xml",
        "search/index.html",
        "plans/alpha-2025/index.html",
        "plans/beta-2024/index.html",
        "indicators/index.html",
        "indicators/product-pass-rate/index.html",
        "indicators/product-pass-rate/embed/index.html",
        "indicators/product-pass-rate/chart.svg",
        "glossary/index.html",
    ] {
        assert!(zh.contains(&kind.to_string()), "zh/{kind} is built: {zh:?}");
    }
    for lang in ["en", "fr"] {
        assert_eq!(files_under(&out.join(lang)), zh, "{lang}/ has the same pages as zh/");
    }
}

#[test]
fn chooser_language_switch_hreflang_and_sitemap_name_all_three() {
    let chooser = page("index.html");
    for (code, locale) in [("zh", "zh-CN"), ("en", "en"), ("fr", "fr")] {
        let href = format!("{code}/");
        assert!(
            has_tag(&chooser, "a", &[("href", &href), ("hreflang", locale)]),
            "the chooser links to {code}/"
        );
    }
    assert!(chooser.contains("Entrer dans l’édition française"), "French UI strings");
    let fr = page("fr/indicators/product-pass-rate/index.html");
    for (code, locale) in [("zh", "zh-CN"), ("en", "en"), ("fr", "fr")] {
        let url = format!("https://trilingual.example.org/{code}/indicators/product-pass-rate/");
        assert!(
            has_tag(
                &fr,
                "link",
                &[("rel", "alternate"), ("hreflang", locale), ("href", &url)]
            ),
            "hreflang {locale} in the page head"
        );
    }
    for (code, locale) in [("zh", "zh-CN"), ("en", "en")] {
        let href = format!("../../../{code}/indicators/product-pass-rate/");
        assert!(
            has_tag(&fr, "a", &[("href", &href), ("hreflang", locale), ("lang", locale)]),
            "the language switch links to {code}"
        );
    }
    assert!(fr.contains("<span aria-current=true lang=fr>Français</span>"), "{fr}");
    let sitemap = page("sitemap.xml");
    let entry = sitemap
        .split("<url>")
        .find(|u| u.contains("<loc>https://trilingual.example.org/fr/glossary/</loc>"))
        .expect("the French glossary is in the sitemap");
    for locale in ["zh-CN", "en", "fr", "x-default"] {
        assert!(entry.contains(&format!("hreflang=\"{locale}\"")), "{locale} in {entry}");
    }
    assert_eq!(
        sitemap.matches("<loc>").count(),
        1 + 3 * 10,
        "root + 10 pages in 3 languages (home, 2 plans, indicator index and 1 indicator, glossary, progress in 3 orderings)"
    );
}

#[test]
fn french_text_where_the_sheet_has_it_and_the_fallback_notice_where_not() {
    let notice = "Certaines parties de cette page ne sont pas encore traduites en français";
    // Written in the map form with French.
    let done = page("fr/indicators/product-pass-rate/index.html");
    assert!(
        done.contains("<h1 id=ind-title>Taux de conformité des produits</h1>"),
        "{done}"
    );
    assert!(done.contains("plus de 96 %"));
    assert!(!done.contains(notice), "nothing falls back");
    // The other languages' names, each marked with its language.
    assert!(has_tag(&done, "p", &[("class", "other-name"), ("lang", "zh-CN")]));
    assert!(done.contains(">产品质量合格率</p>") && done.contains(">Product quality pass rate</p>"));
    // Written the older way (zh and en only): the Chinese text, marked, and the notice.
    let pending = page("fr/indicators/brand-enterprises/index.html");
    assert!(
        pending.contains("<h1 id=ind-title><span lang=zh-CN>新增品牌企业</span></h1>"),
        "{pending}"
    );
    assert!(pending.contains(notice));
    assert!(pending.contains("<p class=definition lang=zh-CN>新培育的品牌企业数量。</p>"));
    assert!(page("en/indicators/brand-enterprises/index.html").contains("New brand enterprises</h1>"));
    // The glossary: the French term, and the Chinese one with a notice where French is missing.
    let glossary = page("fr/glossary/index.html");
    assert!(glossary.contains("<dfn>ville de qualité</dfn>"));
    let pending = glossary.split("<h3 id=standardisation>").nth(1).unwrap();
    assert!(
        pending.starts_with("<dfn><span lang=zh-CN>标准化</span></dfn>"),
        "{pending}"
    );
    assert!(pending.contains("Pas encore traduit en français"));
    assert!(!glossary.split("<h3 id=quality-economy>").nth(1).unwrap()[..400].contains("Pas encore traduit"));
    // A plan without a French file shows the Chinese text with the plan's own notice.
    assert!(page("fr/plans/beta-2024/index.html").contains("La traduction française de ce plan"));
    // The plan page lists its values: French where there is French.
    let plan = page("fr/plans/alpha-2025/index.html");
    assert!(plan.contains("Taux de conformité des produits</a>"));
    assert!(plan.contains("<span lang=zh-CN>新增品牌企业</span>"));
}

#[test]
fn open_data_has_a_column_per_language() {
    let out = &built().0;
    let csv = std::fs::read_to_string(out.join("data/indicators.csv")).unwrap();
    let header = csv.trim_start_matches('\u{feff}').lines().next().unwrap();
    for column in [
        "name_zh",
        "name_en",
        "name_fr",
        "unit",
        "unit_en",
        "unit_fr",
        "value_text_fr",
        "url_fr",
        "note_fr",
    ] {
        assert!(header.split(',').any(|c| c == column), "{column} in {header}");
    }
    let json: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(out.join("data/indicators.json")).unwrap()).unwrap();
    let records = json["records"].as_array().unwrap();
    let by = |id: &str| records.iter().find(|r| r["indicator"] == id).unwrap();
    assert_eq!(by("product-pass-rate")["name_fr"], "Taux de conformité des produits");
    assert_eq!(
        by("product-pass-rate")["url_fr"],
        "https://trilingual.example.org/fr/plans/alpha-2025/#q-product-pass-rate-1"
    );
    assert!(
        by("brand-enterprises")["name_fr"].is_null(),
        "no French in the sheet: none in the data"
    );
    let glossary: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(out.join("data/glossary.json")).unwrap()).unwrap();
    let term = &glossary["terms"][0];
    assert_eq!(term["fr"], "ville de qualité");
    assert!(term["definition_fr"].as_str().unwrap().starts_with("L’objectif"));
    assert!(term["counts"]["fr"].is_object());
}

#[test]
fn text_behaves_the_way_its_script_does() {
    // A line break between two Chinese characters: gone in Chinese (han), a space in French (latin).
    let raw = |rel: &str| std::fs::read_to_string(built().0.join(rel)).unwrap();
    assert!(raw("zh/plans/alpha-2025/index.html").contains("质量提升行动"));
    assert!(raw("fr/plans/alpha-2025/index.html").contains("质量提升\n行动"));
    // French terms are found as whole words and linked.
    let plan = page("fr/plans/alpha-2025/index.html");
    assert!(plan.contains(">ville de qualité</a>") && plan.contains(">économie de la qualité</a>"));
    // Sorted by letters without accents (É under E), a Chinese stand-in by its pinyin.
    let glossary = page("fr/glossary/index.html");
    let order: Vec<&str> = [
        "id=letter-B",
        "id=standardisation",
        "id=letter-E",
        "id=quality-economy",
        "id=letter-V",
        "id=quality-strong-city",
    ]
    .into_iter()
    .collect();
    let at: Vec<usize> = order
        .iter()
        .map(|s| glossary.find(s).unwrap_or_else(|| panic!("{s}")))
        .collect();
    assert!(at.windows(2).all(|w| w[0] < w[1]), "{order:?} at {at:?}");
}

#[test]
fn missing_translations_are_warnings_that_name_them() {
    let (_, err) = built();
    assert!(
        err.contains("indicator `brand-enterprises` is not translated to fr (name, definition, unit, values.0.text)"),
        "{err}"
    );
    assert!(
        err.contains("term `standardisation` is not translated to fr (term, definition)"),
        "{err}"
    );
    assert!(err.contains("plan beta-2024 has no fr translation"), "{err}");
    assert!(!err.contains("not translated to en"), "{err}");
}

#[test]
fn a_field_written_both_ways_is_an_error_at_its_line() {
    let dir = tempfile::tempdir().unwrap();
    let content = dir.path().join("content");
    copy_tree(&fixture(), &content);
    let sheet = content.join("indicators.yaml");
    let text = std::fs::read_to_string(&sheet).unwrap();
    let text = text.replacen(
        "    category: product\n",
        "    category: product\n    definition_en: Share.\n",
        1,
    );
    std::fs::write(&sheet, text).unwrap();
    let o = plansite(&["check", "--source", content.to_str().unwrap()], dir.path());
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    let err = stderr(&o);
    assert!(
        err.contains("`definition_en` and `definition` both set the definition"),
        "{err}"
    );
    assert!(err.contains("indicators.yaml:11:5"), "{err}");
}

/// A copy of the fixture with `edit` applied to one file, checked with `plansite check`.
fn check_edited(file: &str, from: &str, to: &str) -> std::process::Output {
    let dir = tempfile::tempdir().unwrap();
    let content = dir.path().join("content");
    copy_tree(&fixture(), &content);
    let path = content.join(file);
    let text = std::fs::read_to_string(&path).unwrap();
    assert!(text.contains(from), "{from} in {file}");
    std::fs::write(&path, text.replacen(from, to, 1)).unwrap();
    plansite(&["check", "--source", content.to_str().unwrap()], dir.path())
}

#[test]
fn a_regional_locale_reads_its_language_s_ui_strings() {
    let o = check_edited("site.yaml", "locale: fr\n", "locale: fr-CA\n");
    assert!(o.status.success(), "fr-CA reads i18n/fr.yaml:\n{}", stderr(&o));
    let o = check_edited("site.yaml", "locale: fr\n", "locale: de-AT\n");
    assert_eq!(o.status.code(), Some(1));
    assert!(
        stderr(&o).contains("the theme has no UI strings for de-AT (i18n/de-AT.yaml or i18n/de.yaml)"),
        "{}",
        stderr(&o)
    );
}

#[test]
fn text_in_a_language_the_site_lacks_is_a_warning() {
    let o = check_edited(
        "glossary.yaml",
        "fr: ville de qualité}",
        "fr: ville de qualité, de: Qualitätsstadt}",
    );
    assert!(o.status.success(), "{}", stderr(&o));
    let err = stderr(&o);
    assert!(
        err.contains(
            "glossary.yaml has text in `de`, which is not a language of this site (zh, en, fr): it is not shown"
        ),
        "{err}"
    );
    assert!(err.contains("glossary.yaml:3:73"), "at the first such text: {err}");
}
