use super::*;

fn html(src: &str) -> String {
    render(src, &Options2::default()).html
}

#[test]
fn soft_breaks_between_chinese_characters_vanish() {
    assert_eq!(html("质量强市\n建设规划\n"), "<p>质量强市建设规划</p>\n");
    assert_eq!(html("质量。\n建设\n"), "<p>质量。建设</p>\n");
    assert_eq!(html("quality\nplan\n"), "<p>quality\nplan</p>\n");
    assert_eq!(html("质量\nplan\n"), "<p>质量\nplan</p>\n");
}

#[test]
fn soft_breaks_between_markup_are_judged_by_the_text_around_them() {
    assert_eq!(html("质量<b>\n</b>强市\n"), "<p>质量&lt;b&gt;&lt;/b&gt;强市</p>\n");
    assert_eq!(
        html("**质量**\n**强市**\n"),
        "<p><strong>质量</strong><strong>强市</strong></p>\n"
    );
    assert_eq!(html("- 质量\n强市\n"), "<ul>\n<li>质量强市</li>\n</ul>\n");
    assert_eq!(html("`质量`\n强市\n"), "<p><code>质量</code>强市</p>\n");
}

/// Found with the fuzz targets (scaled-up input): each soft break scanned the paragraph for its
/// neighbouring text, so 20,000 lines of inline HTML took ~4 s to render (and an 8 MB plan,
/// hours).
#[test]
fn many_soft_breaks_between_markup_render_in_linear_time() {
    let src = format!("x{}", "<b>\n".repeat(200_000));
    let start = std::time::Instant::now();
    let h = html(&src);
    assert!(h.starts_with("<p>x&lt;b&gt;\n&lt;b&gt;"), "{}", &h[..40]);
    assert!(start.elapsed().as_secs() < 5, "took {:?}", start.elapsed());
}

#[test]
fn bold_next_to_chinese_punctuation_works() {
    assert_eq!(
        html("实施**“质量强市”**战略。\n"),
        "<p>实施<strong>“质量强市”</strong>战略。</p>\n"
    );
    assert_eq!(html("**目标：**到2025年\n"), "<p><strong>目标：</strong>到2025年</p>\n");
    assert_eq!(
        html("`**x**` and \\*\\*y\\*\\*\n"),
        "<p><code>**x**</code> and **y**</p>\n"
    );
}

#[test]
fn headings_get_structural_anchors() {
    let r = render(
        "## 一、A\n\n### (一)B\n\n### (二)C\n\n#### 1.D\n\n## 前言 {#preface}\n\n## 二、E\n\n### (一)F\n",
        &Options2::default(),
    );
    let ids: Vec<_> = r.headings.iter().map(|h| h.id.as_str()).collect();
    assert_eq!(ids, ["s1", "s1-1", "s1-2", "s1-2-1", "preface", "s2", "s2-1"]);
    assert!(
        r.html
            .contains("<h3 id=\"s1-2\">(二)C<span class=\"h-tools\"><a class=\"h-anchor\" href=\"#s1-2\""),
        "{}",
        r.html
    );
    assert_eq!(r.headings[3].line, 7);
}

#[test]
fn boxes_and_missing_tables() {
    let r = render(
        "::: box 专栏1:<行动>\n\n内容。\n\n:::\n\n::: missing 表1 完成情况表\n:::\n",
        &Options2::default(),
    );
    assert!(r.html.contains("<aside class=\"box\" id=\"box-1\" aria-labelledby=\"box-1-title\"><p class=\"box-title\" id=\"box-1-title\"><a href=\"#box-1\">专栏1:&lt;行动&gt;</a></p>\n<p>内容。</p>\n</aside>"), "{}", r.html);
    assert!(
        r.html
            .contains("<figure class=\"missing-table\" id=\"missing-1\"><figcaption>表1 完成情况表</figcaption>"),
        "{}",
        r.html
    );
    assert!(r.problems.is_empty(), "{:?}", r.problems);
}

#[test]
fn unclosed_and_unknown_blocks_are_problems_with_lines() {
    let r = render("text\n\n::: box A\n\nbody\n", &Options2::default());
    assert_eq!(r.problems[0].line, 3);
    assert!(r.html.ends_with("</aside>"), "{}", r.html);
    let r = render(":::\n\n::: boxx A\n\n::: box B\ntext\n", &Options2::default());
    assert_eq!(r.problems.iter().map(|p| p.line).collect::<Vec<_>>(), [1, 3, 5]);
    let r = render("::: missing 表1\n:::\n", &Options2::default());
    assert!(
        r.problems.is_empty() && r.html.contains("</figure>"),
        "{:?} {}",
        r.problems,
        r.html
    );
}

#[test]
fn footnotes_get_prefixed_ids() {
    let h = html("正文[^tn1]。\n\n[^tn1]: 译注。\n");
    assert!(h.contains("<a id=\"fnref-1\" href=\"#fn-1\">1</a>"), "{h}");
    assert!(h.contains("<div class=\"footnote\" id=\"fn-1\">"), "{h}");
}

#[test]
fn a_footnote_cited_twice_has_two_distinct_reference_ids() {
    let h = html("甲[^a]，乙[^a]，丙[^b]。\n\n[^a]: 注一。\n\n[^b]: 注二。\n");
    assert!(h.contains("<a id=\"fnref-1\" href=\"#fn-1\">1</a>"), "{h}");
    assert!(h.contains("<a id=\"fnref-1-2\" href=\"#fn-1\">1</a>"), "{h}");
    assert!(h.contains("<a id=\"fnref-2\" href=\"#fn-2\">2</a>"), "{h}");
}

#[test]
fn images_from_other_sites_become_links() {
    let r = render(
        "![统计图](https://tracker.example/p.gif) ![](//cdn.example/x.png) ![本站](chart.svg)\n",
        &Options2::default(),
    );
    assert!(
        !r.html.contains("<img src=\"https://") && !r.html.contains("<img src=\"//"),
        "{}",
        r.html
    );
    assert!(
        r.html.contains("<a href=\"https://tracker.example/p.gif\">统计图</a>"),
        "{}",
        r.html
    );
    assert!(
        r.html
            .contains("<a href=\"//cdn.example/x.png\">//cdn.example/x.png</a>"),
        "{}",
        r.html
    );
    assert!(r.html.contains("<img src=\"chart.svg\" alt=\"本站\""), "{}", r.html);
    assert_eq!(r.problems.len(), 2);
    assert!(
        r.problems
            .iter()
            .all(|p| p.warning && p.message.contains("is on another site"))
    );
}

#[test]
fn raw_html_and_script_links_are_neutralised() {
    let h = html("<script>alert(1)</script>\n\n[x](javascript:alert(1)) <b>hi</b>\n");
    assert!(!h.contains("<script"), "{h}");
    assert!(!h.contains("<b>"), "{h}");
    assert!(h.contains("href=\"#\""), "{h}");
    let allowed = render(
        "<b>hi</b>\n",
        &Options2 {
            allow_html: true,
            ..Default::default()
        },
    )
    .html;
    assert!(allowed.contains("<b>hi</b>"));
}

#[test]
fn tables_scroll_in_a_labelled_region() {
    let h = render(
        "|a|b|\n|-|-|\n|1|2|\n",
        &Options2 {
            labels: Labels {
                table: "表格".into(),
                ..Default::default()
            },
            ..Default::default()
        },
    )
    .html;
    assert!(
        h.starts_with("<div class=\"table-wrap\" role=\"region\" tabindex=\"0\" aria-label=\"表格\"><table>"),
        "{h}"
    );
}
