//! The hot inner steps of a build, on the shipped content: Markdown rendering of a real plan,
//! glossary matching and annotation, and chart drawing.
//!
//!     cargo bench --bench inner              # all
//!     cargo bench --bench inner -- markdown  # one group

use criterion::{Criterion, criterion_group, criterion_main};
use plansite::content::{Glossary, IndicatorSheet, Script, Term, ValueKind};
use plansite::render::annotate::{Annotator, Terms};
use plansite::render::chart::{self, Bar};
use plansite::render::markdown::{self, Options2};
use pulldown_cmark::{Event, Options, Parser, Tag, TagEnd};
use std::hint::black_box;
use std::path::{Path, PathBuf};
use std::time::Duration;

fn content() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("content")
}

/// The Markdown body of a shipped plan file, e.g. `ruian-2021.zh.md`.
fn body(file: &str) -> String {
    let path = content().join("plans").join(file);
    let text = plansite::load::text::read(&path).expect("shipped plan");
    let (_, body, _) = plansite::load::text::split_front_matter(&path, &text).expect("front matter");
    body.to_string()
}

fn glossary() -> Vec<Term> {
    let text = std::fs::read_to_string(content().join("glossary.yaml")).expect("glossary");
    let glossary: Glossary = serde_yaml::from_str(&text).expect("valid glossary");
    glossary.into_terms().0
}

/// One language's glossary automaton, built as plan pages build it (scripts from the locale).
fn terms(glossary: &[Term], lang: &str) -> Terms {
    let script = Script::of_locale(if lang == "zh" { "zh-CN" } else { lang });
    Terms::from_glossary(glossary, (lang, "zh"), "../../glossary/", script)
}

/// Annotates every paragraph, list item and table cell of `events` (what the renderer does).
fn annotate<'e>(events: &[Event<'e>], terms: &Terms) -> usize {
    let mut annotator = Annotator::new(None, Some(terms), None);
    let mut out: Vec<Event<'e>> = Vec::with_capacity(events.len() * 2);
    let mut from = None;
    let mut sections = 0;
    for e in events {
        match e {
            Event::Start(Tag::Heading { .. }) => {
                sections += 1;
                annotator.enter_section(&format!("s{sections}"));
            }
            Event::Start(Tag::Paragraph | Tag::Item | Tag::TableCell) => {
                out.push(e.clone());
                from = Some(out.len());
                continue;
            }
            Event::End(TagEnd::Paragraph | TagEnd::Item | TagEnd::TableCell) => {
                if let Some(f) = from.take() {
                    annotator.annotate(&mut out, f);
                }
            }
            _ => {}
        }
        out.push(e.clone());
    }
    out.len() + annotator.counts.iter().sum::<u32>() as usize
}

fn bench_markdown(c: &mut Criterion) {
    let zh = body("ruian-2021.zh.md");
    let en = body("ruian-2021.en.md");
    let glossary = glossary();
    let (terms_zh, terms_en) = (terms(&glossary, "zh"), terms(&glossary, "en"));
    let mut g = c.benchmark_group("markdown");
    g.bench_function("render ruian-2021.zh (52 KB)", |b| {
        b.iter(|| markdown::render(black_box(&zh), &Options2::default()))
    });
    g.bench_function("render ruian-2021.en (84 KB)", |b| {
        b.iter(|| markdown::render(black_box(&en), &Options2::default()))
    });
    let with = |terms| Options2 {
        terms: Some(terms),
        ..Options2::default()
    };
    let (opts_zh, opts_en) = (with(&terms_zh), with(&terms_en));
    g.bench_function("render ruian-2021.zh with glossary", |b| {
        b.iter(|| markdown::render(black_box(&zh), &opts_zh))
    });
    g.bench_function("render ruian-2021.en with glossary", |b| {
        b.iter(|| markdown::render(black_box(&en), &opts_en))
    });
    g.finish();
}

fn bench_glossary(c: &mut Criterion) {
    let opts = Options::ENABLE_TABLES | Options::ENABLE_FOOTNOTES | Options::ENABLE_STRIKETHROUGH;
    let zh = body("ruian-2021.zh.md");
    let en = body("ruian-2021.en.md");
    let events_zh: Vec<Event> = Parser::new_ext(&zh, opts).collect();
    let events_en: Vec<Event> = Parser::new_ext(&en, opts).collect();
    let mut g = c.benchmark_group("glossary");
    let glossary = glossary();
    g.bench_function("build Terms zh", |b| b.iter(|| terms(black_box(&glossary), "zh")));
    g.bench_function("build Terms en", |b| b.iter(|| terms(black_box(&glossary), "en")));
    let (terms_zh, terms_en) = (terms(&glossary, "zh"), terms(&glossary, "en"));
    g.bench_function("annotate ruian-2021.zh", |b| {
        b.iter(|| annotate(black_box(&events_zh), &terms_zh))
    });
    g.bench_function("annotate ruian-2021.en", |b| {
        b.iter(|| annotate(black_box(&events_en), &terms_en))
    });
    g.finish();
}

fn bench_chart(c: &mut Criterion) {
    let text = std::fs::read_to_string(content().join("indicators.yaml")).expect("indicator sheet");
    let sheet: IndicatorSheet = serde_yaml::from_str(&text).expect("valid sheet");
    let indicators = sheet.into_indicators().0;
    let bars_of = |ind: &plansite::content::Indicator| -> Vec<Bar> {
        ind.values
            .iter()
            .map(|v| Bar {
                label: format!("{} · {} {}", v.plan, v.year.key(), v.kind.key()),
                value_label: format!("{}{}", v.comparator.sign(), v.text.text("zh", "zh")),
                value: v.number(),
                value_max: v.value_max.as_ref().and_then(serde_json::Number::as_f64),
                reported: v.kind != ValueKind::Target,
            })
            .collect()
    };
    let widest = indicators.iter().max_by_key(|i| i.values.len()).expect("an indicator");
    let single = indicators.iter().find(|i| i.values.len() == 1).unwrap_or(widest);
    let mut g = c.benchmark_group("chart");
    for (name, ind) in [("1 bar", single), ("widest", widest)] {
        let bars = bars_of(ind);
        let label = format!("render {name} ({} bars, {})", bars.len(), ind.id);
        g.bench_function(label, |b| {
            b.iter(|| {
                chart::render(
                    black_box(&bars),
                    ind.name.text("zh", "zh"),
                    ind.definition.text("zh", "zh"),
                    &ind.id,
                )
            })
        });
    }
    // A chart as large as a 1,000-plan corpus gives a popular indicator.
    let many: Vec<Bar> = (0..40).flat_map(|_| bars_of(widest)).take(40).collect();
    g.bench_function(format!("render {} bars", many.len()), |b| {
        b.iter(|| {
            chart::render(
                black_box(&many),
                widest.name.text("zh", "zh"),
                widest.definition.text("zh", "zh"),
                &widest.id,
            )
        })
    });
    g.finish();
}

criterion_group! {
    name = benches;
    config = Criterion::default().sample_size(20).warm_up_time(Duration::from_secs(1)).measurement_time(Duration::from_secs(3));
    targets = bench_markdown, bench_glossary, bench_chart
}
criterion_main!(benches);
