use super::*;

fn run(events: Vec<Event<'static>>, targets: Option<&Targets>, terms: Option<&Terms>) -> (String, Vec<Found>) {
    let mut a = Annotator::new(targets, terms, None);
    a.enter_section("s1");
    let mut out = events;
    a.annotate(&mut out, 0);
    let mut html = String::new();
    pulldown_cmark::html::push_html(&mut html, out.into_iter());
    (html, a.found)
}

fn quote(p: &str, id: &str) -> Target {
    Target {
        patterns: vec![p.into()],
        section: None,
        id: id.into(),
        links: vec![("../x/".into(), "Indicator X".into(), "指标".into())],
        status: None,
        figure: false,
        occurrence: 1,
    }
}

#[test]
fn quotes_match_across_bold_and_full_width_forms() {
    let t = Targets::new(vec![quote("合格率达到95%以上", "q-a-1")]);
    let events = vec![
        Event::Text("产品质量合格率达到".into()),
        Event::Html("<strong>".into()),
        Event::Text("９５％以上".into()),
        Event::Html("</strong>".into()),
        Event::Text("。".into()),
    ];
    let (html, found) = run(events, Some(&t), None);
    assert_eq!(found[0], Some(("q-a-1".into(), "s1".into())));
    assert_eq!(
        html,
        "产品质量<mark class=\"quote\" id=\"q-a-1\">合格率达到</mark><strong><mark class=\"quote\">９５％以上</mark><a class=\"q-ind\" href=\"../x/\">指标<span class=\"vh\" data-pagefind-ignore>: Indicator X</span></a></strong>。"
    );
}

#[test]
fn a_shared_quote_gets_one_anchor_and_two_links() {
    let t = Targets::new(vec![quote("均达到98%", "q-a-1"), quote("均达到98%", "q-b-1")]);
    let (html, found) = run(vec![Event::Text("两项均达到98%。".into())], Some(&t), None);
    assert_eq!(found[1], Some(("q-a-1".into(), "s1".into())));
    assert_eq!(html.matches("class=\"q-ind\"").count(), 2, "{html}");
    assert_eq!(html.matches("<mark").count(), 1);
}

#[test]
fn figures_skip_longer_numbers_and_other_sections() {
    let mut fig = quote("95%", "q-a-1");
    fig.figure = true;
    fig.patterns = vec!["95".into()];
    let mut elsewhere = fig.clone();
    elsewhere.section = Some("s9".into());
    elsewhere.id = "q-b-1".into();
    let t = Targets::new(vec![fig, elsewhere]);
    let (html, found) = run(
        vec![Event::Text("In 1995, 95.5 and then 95 percent.".into())],
        Some(&t),
        None,
    );
    assert!(html.contains("then <a class=\"fig\" id=\"q-a-1\""), "{html}");
    assert!(found[1].is_none());
}

fn terms(words: bool, spellings: &[&[&str]]) -> Terms {
    let entries = (0..spellings.len())
        .map(|i| (format!("t{i}"), format!("../g/#t{i}"), format!("tip {i}")))
        .collect();
    let lists: Vec<Vec<String>> = spellings
        .iter()
        .map(|l| l.iter().map(|s| s.to_string()).collect())
        .collect();
    Terms::new(entries, &lists, words)
}

#[test]
fn longest_term_wins_and_links_once_per_section() {
    let g = terms(false, &[&["质量基础设施"], &["质量基础设施“一站式”服务"]]);
    let mut a = Annotator::new(None, Some(&g), None);
    a.enter_section("s1");
    let mut ev = vec![Event::Text(
        "推进质量基础设施“一站式”服务，完善质量基础设施和质量基础设施。".into(),
    )];
    a.annotate(&mut ev, 0);
    assert_eq!(a.counts, [2, 1]);
    let links = ev
        .iter()
        .filter(|e| matches!(e, Event::Html(h) if h.contains("class=\"term\"")))
        .count();
    assert_eq!(links, 2, "each term once in the section");
    a.enter_section("s2");
    let mut ev2 = vec![Event::Text("质量基础设施".into())];
    a.annotate(&mut ev2, 0);
    assert!(
        matches!(&ev2[0], Event::Html(h) if h.contains("class=\"term\"") && !h.contains("id=")),
        "linked again, first id only once"
    );
    assert_eq!(a.first[0].as_deref(), Some("g-t0"));
}

#[test]
fn english_terms_respect_word_boundaries_and_case() {
    let g = terms(true, &[&["chief quality officer"], &["quality"]]);
    let mut a = Annotator::new(None, Some(&g), None);
    let mut ev = vec![Event::Text("Chief Quality Officers and qualityx; quality.".into())];
    a.annotate(&mut ev, 0);
    assert_eq!(a.counts, [0, 1], "plural and glued words are no match");
}

#[test]
fn links_wrap_exactly_the_term_in_plain_and_normalised_text() {
    let g = terms(true, &[&["pass rate"]]);
    // Plain ASCII maps by its own offsets; full-width forms (before the term, so that
    // normalised and original offsets differ) go through the character map.
    for (before, after) in [("The ", " rose."), ("（２０２５）The ", " rose（２０２５）.")] {
        let text = format!("{before}pass rate{after}");
        let (html, _) = run(vec![Event::Text(text.into())], None, Some(&g));
        assert!(
            html.starts_with(&format!("{before}<span class=\"gl\"><a class=\"term\"")),
            "{html}"
        );
        assert!(html.contains(">pass rate</a>"), "{html}");
        assert!(html.contains(&format!("</span>{after}")), "{html}");
    }
}

#[test]
fn never_inside_links_or_quotes() {
    let g = terms(false, &[&["品字标"]]);
    let t = Targets::new(vec![quote("品字标企业100家", "q-a-1")]);
    let mut a = Annotator::new(Some(&t), Some(&g), None);
    let mut ev = vec![
        Event::Start(Tag::Link {
            link_type: pulldown_cmark::LinkType::Inline,
            dest_url: "x".into(),
            title: "".into(),
            id: "".into(),
        }),
        Event::Text("品字标".into()),
        Event::End(TagEnd::Link),
        Event::Text("培育品字标企业100家。".into()),
    ];
    a.annotate(&mut ev, 0);
    assert_eq!(a.counts, [2]);
    assert!(a.first[0].is_none(), "no link inside a link or an anchored quote");
}
