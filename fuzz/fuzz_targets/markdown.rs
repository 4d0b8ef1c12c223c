//! Arbitrary UTF-8 through the Markdown renderer: with default options, and with a small
//! glossary and indicator targets so the annotation code runs too.
//!
//! Text after the last U+001F (unit separator) is not Markdown but extra patterns, one per
//! line, used as quotes, figures and glossary spellings: the fuzzer can then make its own
//! patterns match (or half-match) the text.
#![no_main]

use libfuzzer_sys::fuzz_target;
use plansite::render::annotate::{Target, Targets, Terms};
use plansite::render::markdown::{Labels, Options2, render};
use std::sync::LazyLock;

fn quote(p: &str, id: &str, section: Option<&str>, figure: bool) -> Target {
    Target {
        patterns: vec![p.to_string()],
        section: section.map(str::to_string),
        id: id.to_string(),
        links: vec![("../x/#v".into(), "Indicator <x>".into(), "指标".into())],
        figure,
        status: None,
        occurrence: 1,
    }
}

fn terms(spellings: &[&[&str]], words: bool) -> Terms {
    let entries = (0..spellings.len())
        .map(|i| (format!("t{i}"), format!("../g/#t{i}"), format!("tip \"{i}\"")))
        .collect();
    let lists: Vec<Vec<String>> = spellings
        .iter()
        .map(|l| l.iter().map(|s| s.to_string()).collect())
        .collect();
    Terms::new(entries, &lists, words)
}

/// Patterns from the shipped content, plus NFKC-sensitive ones (full-width digits, ㎏, ﬁ).
static TARGETS: LazyLock<Targets> = LazyLock::new(|| {
    Targets::new(vec![
        quote("制造业产品质量合格率达到95%以上", "q-a-1", None, false),
        quote("合格率", "q-b-1", None, false),
        quote("质量合格率达到", "q-c-1", None, false),
        quote("９５％", "q-d-1", None, false),
        quote("95", "q-e-1", None, true),
        quote("1,000", "q-f-1", Some("s1"), true),
        quote("1000", "q-f-1", Some("s1"), true),
        quote("㎏", "q-g-1", None, false),
        quote("ﬁrst", "q-h-1", None, false),
        quote("**", "q-i-1", None, false),
        quote(" a b ", "q-j-1", Some("s2-1"), false),
    ])
});

static TERMS_ZH: LazyLock<Terms> = LazyLock::new(|| {
    terms(
        &[
            &["质量强市", "质量强国"],
            &["质量基础设施", "质量基础设施“一站式”服务"],
            &["品字标"],
            &["合格率"],
        ],
        false,
    )
});

static TERMS_EN: LazyLock<Terms> = LazyLock::new(|| {
    terms(
        &[
            &["quality", "Quality-Strong City"],
            &["chief quality officer", "CQO"],
            &["rate"],
            &["ﬁrm", "İ"],
        ],
        true,
    )
});

fn labels() -> Labels {
    Labels {
        section_link: "本节链接".into(),
        table: "表格 <t>".into(),
        missing_table: "原文缺表".into(),
    }
}

fuzz_target!(|data: &[u8]| {
    let Ok(input) = std::str::from_utf8(data) else {
        return;
    };
    let (body, extra) = match input.rsplit_once('\u{1F}') {
        Some((body, extra)) => (body, Some(extra)),
        None => (input, None),
    };

    let _ = render(body, &Options2::default());

    let other_languages = vec![(
        "en".to_string(),
        "en".to_string(),
        "EN".to_string(),
        "../../en/plans/x/".to_string(),
    )];
    for (terms, allow_html) in [(&*TERMS_ZH, false), (&*TERMS_EN, true)] {
        let opts = Options2 {
            allow_html,
            labels: labels(),
            other_languages: other_languages.clone(),
            targets: Some(&TARGETS),
            terms: Some(terms),
        };
        let _ = render(body, &opts);
    }

    if let Some(extra) = extra {
        let lines: Vec<&str> = extra.lines().take(16).collect();
        let targets = Targets::new(
            lines
                .iter()
                .enumerate()
                .map(|(n, p)| quote(p, &format!("q-x-{n}"), None, n % 2 == 1))
                .collect(),
        );
        let spellings: Vec<&[&str]> = lines.iter().map(std::slice::from_ref).collect();
        for words in [false, true] {
            let terms = terms(&spellings, words);
            let opts = Options2 {
                targets: Some(&targets),
                terms: Some(&terms),
                ..Default::default()
            };
            let _ = render(body, &opts);
        }
    }
});
