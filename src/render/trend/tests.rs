use super::*;
use crate::render::chart::text_width_at;

const WORDS: Words = Words {
    unit: "微克/立方米",
    legend: ["规划数据", "监测数据", "目标", "直线路径"],
    intro: "进展：",
    separator: "；",
    end: "。",
};

fn point(year: i32, value: f64, monitoring: bool) -> Point {
    Point {
        year,
        value,
        label: format!("{value}"),
        description: format!("{year}年 {}：{value}", if monitoring { "监测" } else { "规划" }),
        monitoring,
    }
}

fn goal(year: i32, value: f64, status: &str, path_from: Option<(i32, f64)>) -> Goal {
    Goal {
        year,
        value,
        value_max: None,
        label: format!("目标 ≤{value}（{year}年）"),
        status: status.into(),
        description: format!("{year}年目标 ≤{value}：{status}"),
        path: path_from.map(|from| (from, (year, value))),
        tone: Tone::Bad,
    }
}

/// Rui'an-like PM2.5: 2020 plan figure, monitoring since, a 2025 target with its path.
fn pm25() -> Series {
    Series {
        points: vec![
            point(2020, 30.0, false),
            point(2022, 27.0, true),
            point(2023, 28.0, true),
        ],
        goals: vec![goal(2025, 25.0, "进度滞后", Some((2020, 30.0)))],
    }
}

fn draw_one(s: &Series) -> (Axes, String) {
    let axes = Axes::of(&[s], &WORDS).expect("numbers to draw");
    let svg = render(s, &axes, &WORDS, "PM2.5 · 瑞安", "t1");
    (axes, svg)
}

/// A text element as drawn: x, y, anchor, bold, the text (unescaped).
#[derive(Debug)]
struct Drawn {
    x: i32,
    y: i32,
    anchor: String,
    text: String,
}

impl Drawn {
    /// The estimated box: left, top, right, bottom.
    fn bounds(&self) -> Box4 {
        let w = text_width_at(&self.text, FONT);
        let left = match self.anchor.as_str() {
            "start" => self.x,
            "middle" => self.x - w / 2,
            _ => self.x - w,
        };
        Box4(left, self.y - LINE / 2 + 2, left + w, self.y + LINE / 2 - 2)
    }
}

fn texts(svg: &str) -> Vec<Drawn> {
    let re =
        regex::Regex::new(r#"<text x="(-?\d+)" y="(-?\d+)" dy="[^"]*" text-anchor="(\w+)"[^>]*>\n([^\n]*)\n</text>"#)
            .unwrap();
    re.captures_iter(svg)
        .map(|c| Drawn {
            x: c[1].parse().unwrap(),
            y: c[2].parse().unwrap(),
            anchor: c[3].to_string(),
            text: c[4]
                .replace("&lt;", "<")
                .replace("&gt;", ">")
                .replace("&quot;", "\"")
                .replace("&apos;", "'")
                .replace("&amp;", "&"),
        })
        .collect()
}

#[test]
fn text_fits_the_chart_and_never_overlaps() {
    let mut s = pm25();
    s.goals[0].status = "进度滞后：按直线路径2023年应为26.8".into();
    let (axes, svg) = draw_one(&s);
    let drawn = texts(&svg);
    let all: Vec<&str> = drawn.iter().map(|d| d.text.as_str()).collect();
    for expected in [
        "目标 ≤25",
        "（2025年）",
        "微克/立方米",
        "2020",
        "2025",
        "规划数据",
        "直线路径",
    ] {
        assert!(all.contains(&expected), "{expected} in {all:?}");
    }
    assert!(
        all.iter().any(|t| t.starts_with("进度滞后")),
        "the status is text: {all:?}"
    );
    for (i, d) in drawn.iter().enumerate() {
        let b = d.bounds();
        assert!(
            b.0 >= 0 && b.2 <= axes.width && b.1 >= 0 && b.3 <= axes.height,
            "{d:?} inside {axes:?}"
        );
        for e in &drawn[i + 1..] {
            assert!(!b.widened(2).overlaps(&e.bounds()), "{d:?} overlaps {e:?}");
        }
    }
    // The status wrapped: every line within the label width (a line is one unbreakable word at most).
    let status_lines = svg.matches("font-weight=\"bold\"").count();
    assert!(status_lines >= 2, "a long status wraps: {status_lines}");
    assert!(
        (480..=640).contains(&axes.width),
        "phone-scalable width: {}",
        axes.width
    );
}

#[test]
fn accessible_deterministic_and_kept_as_svg() {
    let s = pm25();
    let (axes, svg) = draw_one(&s);
    assert_eq!(svg, draw_one(&s).1, "the same input draws the same bytes");
    assert!(svg.starts_with("<svg class=\"chart-svg trend-svg\" role=\"img\" aria-labelledby=\"t1-title t1-desc\""));
    assert!(svg.contains("<title id=\"t1-title\">PM2.5 · 瑞安</title>"));
    // The intro, each point's and target's description in order, the separator, the end.
    let desc = "<desc id=\"t1-desc\">进展：2020年 规划：30；2022年 监测：27；2023年 监测：28；2025年目标 ≤25：进度滞后。</desc>";
    assert!(svg.contains(desc), "every point and target in words: {svg}");
    assert!(svg.contains(&format!("viewBox=\"0 0 {} {}\"", axes.width, axes.height)));
    assert!(!svg.contains("opacity=\"1\""), "the default opacity is not written");
    let doc = roxmltree::Document::parse(&svg).expect("well-formed SVG");
    assert_eq!(doc.root_element().tag_name().name(), "svg");
}

#[test]
fn markers_differ_in_shape() {
    let (_, svg) = draw_one(&pm25());
    let observed = hex(OBSERVED);
    // Plan figure: a disc (also in the legend); monitoring: paper squares outlined; target: a diamond.
    assert_eq!(
        svg.matches("<circle").count(),
        2,
        "one plan figure and its legend entry"
    );
    assert_eq!(
        svg.matches(&format!("fill=\"{}\"", hex(PAPER))).count(),
        3,
        "two monitoring figures + legend"
    );
    // The target's diamond in its status's colour (off track here), the legend's in ink.
    let diamond = |c| {
        svg.matches(&format!("stroke=\"{}\" stroke-width=\"3\"", hex(c)))
            .count()
    };
    assert_eq!((diamond(BAD), diamond(TARGET)), (1, 1));
    assert!(
        svg.contains(&format!("stroke=\"{observed}\" stroke-width=\"2\"")),
        "the line through the figures"
    );
}

#[test]
fn the_path_is_dashed_and_only_there() {
    let (axes, svg) = draw_one(&pm25());
    let dashed: Vec<&str> = svg.lines().filter(|l| l.contains("stroke-dasharray")).collect();
    assert_eq!(dashed.len(), 2, "the path and its legend entry: {dashed:?}");
    let path = format!(
        "points=\"{},{} {},{} \"",
        axes.x(2020),
        axes.y(30.0),
        axes.x(2025),
        axes.y(25.0)
    );
    assert!(
        dashed.iter().any(|l| l.contains(&path)),
        "from the first figure to the target: {dashed:?}"
    );
    assert!(dashed.iter().all(|l| l.contains(&format!("stroke=\"{}\"", hex(PATH)))));

    let mut no_path = pm25();
    no_path.goals[0].path = None;
    let (_, svg) = draw_one(&no_path);
    assert!(!svg.contains("stroke-dasharray"), "no path, no dashes, no legend entry");
    assert!(!svg.contains("直线路径"));
}

#[test]
fn plans_of_one_indicator_share_their_axes() {
    let a = pm25();
    let b = Series {
        points: vec![point(2016, 45.0, false)],
        goals: vec![goal(2030, 20.0, "尚难判断", Some((2016, 45.0)))],
    };
    let axes = Axes::of(&[&a, &b], &WORDS).unwrap();
    assert_eq!(axes.years, (2016, 2030));
    assert!(axes.values.0 <= 20.0 && axes.values.1 >= 45.0);
    let ticks = |svg: &str| -> Vec<(i32, String)> {
        (texts(svg).into_iter())
            .filter(|d| d.text.len() == 4 && d.text.parse::<i32>().is_ok())
            .map(|d| (d.x, d.text))
            .collect()
    };
    let (sa, sb) = (render(&a, &axes, &WORDS, "a", "a"), render(&b, &axes, &WORDS, "b", "b"));
    assert_eq!(ticks(&sa), ticks(&sb), "the same years at the same x");
    assert_eq!(
        ticks(&sa).iter().map(|t| t.1.as_str()).collect::<Vec<_>>(),
        ["2016", "2020", "2025", "2030"],
        "the first year, round years, the last year"
    );
    let size = |svg: &str| {
        svg.split('>')
            .next()
            .unwrap()
            .split("viewBox")
            .nth(1)
            .unwrap()
            .to_string()
    };
    assert_eq!(size(&sa), size(&sb), "one size for every chart of the indicator");
    // Alone, plan a's chart would have narrower axes: sharing is what aligns them.
    assert_ne!(Axes::of(&[&a], &WORDS).unwrap().years, axes.years);
}

#[test]
fn a_single_year_equal_values_and_negatives() {
    let one = Series {
        points: vec![point(2025, 95.0, false)],
        goals: vec![goal(2025, 95.0, "已达成", None)],
    };
    let (axes, svg) = draw_one(&one);
    assert_eq!((axes.years, axes.year_ticks()), ((2025, 2025), vec![2025]));
    assert_eq!(axes.values, (0.0, 100.0), "a single value from zero");
    assert_eq!(axes.x(2025), axes.plot_x + PLOT_W / 2, "in the middle");
    assert!(!svg.contains("NaN") && !svg.contains("inf"));

    let negative = Series {
        points: vec![point(2020, -2.5, false), point(2022, 1.0, true)],
        goals: vec![goal(2025, 3.0, "进度正常", Some((2020, -2.5)))],
    };
    let (axes, svg) = draw_one(&negative);
    assert!(axes.values.0 <= -2.5 && axes.values.1 >= 3.0);
    assert!(texts(&svg).iter().any(|d| d.text == "0"), "zero is labelled");
    assert!(
        svg.contains(&format!("stroke=\"{}\"", hex(AXIS))),
        "zero drawn as a reference line"
    );
    // Year ticks are whole years.
    assert!(axes.year_ticks().iter().all(|y| (2020..=2025).contains(y)));
    assert!(
        !texts(&svg)
            .iter()
            .any(|d| d.text.contains(".5") && d.text.starts_with("20"))
    );
}

#[test]
fn nothing_to_draw_and_no_panics() {
    let empty = Series::default();
    assert!(Axes::of(&[&empty], &WORDS).is_none(), "no numbers: no chart");
    // A plan with targets but no figures yet, on axes shared with another plan.
    let goals_only = Series {
        points: vec![],
        goals: vec![goal(2025, 25.0, "暂无数据", None)],
    };
    let axes = Axes::of(&[&goals_only, &pm25()], &WORDS).unwrap();
    let svg = render(&goals_only, &axes, &WORDS, "t", "g");
    assert!(svg.contains("暂无数据") && !svg.contains("<circle"));
    let svg = render(&empty, &axes, &WORDS, "t", "e");
    assert!(svg.contains("</svg>"));
    // A NaN (the sheet's numbers are finite, but never a NaN in the output).
    let mut odd = pm25();
    odd.points.push(point(2024, f64::NAN, true));
    let (_, svg) = draw_one(&odd);
    assert!(!svg.contains("NaN"));
}

#[test]
fn a_range_target_is_a_bar() {
    let s = Series {
        points: vec![point(2020, 6.0, false)],
        goals: vec![Goal {
            value_max: Some(3.0),
            label: "目标 2–3（2025年）".into(),
            ..goal(2025, 2.0, "尚难判断", Some((2020, 6.0)))
        }],
    };
    let (axes, svg) = draw_one(&s);
    let bar = format!(
        "<rect x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\" opacity=\"0.3\"",
        axes.x(2025) - (MARK - 2),
        axes.y(3.0),
        2 * (MARK - 2),
        axes.y(2.0) - axes.y(3.0)
    );
    assert!(svg.contains(&bar), "{bar} in {svg}");
    let diamonds: Vec<&str> = svg.lines().filter(|l| l.contains("stroke-width=\"3\"")).collect();
    assert!(
        diamonds.is_empty(),
        "no diamond, the legend shows a bar too: {diamonds:?}"
    );
    assert_eq!(
        svg.matches("opacity=\"0.3\"").count(),
        2,
        "the target's bar and the legend's"
    );
}

#[test]
fn labels_are_escaped() {
    let mut s = pm25();
    s.goals[0].label = "目标 <&\"'>".into();
    s.points[0].label = "<b>".into();
    let (_, svg) = draw_one(&s);
    assert!(svg.contains("目标 &lt;&amp;&quot;&apos;&gt;"), "{svg}");
    assert!(!svg.contains("<b>"));
    roxmltree::Document::parse(&svg).expect("still well-formed");
}

#[test]
fn target_labels_keep_apart_and_inside_the_plot() {
    let bounds = |goals: Vec<Goal>| {
        let s = Series {
            points: vec![point(2020, 30.0, false), point(2021, 20.0, true)],
            goals,
        };
        let axes = Axes::of(&[&s], &WORDS).unwrap();
        let blocks: Vec<Box4> = goal_blocks(&s, &axes).iter().map(Block::bounds).collect();
        for (k, b) in blocks.iter().enumerate() {
            assert!(
                b.1 >= axes.plot_y - HEAD && b.3 <= axes.plot_y + axes.plot_h + HEAD,
                "{b:?}"
            );
            for c in &blocks[k + 1..] {
                assert!(!b.overlaps(c), "{b:?} and {c:?}");
            }
        }
        (axes, blocks)
    };
    // Two targets of one year, close in value: stacked.
    bounds(vec![
        goal(2025, 25.0, "尚难判断", None),
        goal(2025, 24.0, "尚难判断", None),
    ]);
    // At the top of the axis: the second moves down.
    bounds(vec![
        goal(2025, 30.0, "尚难判断", None),
        goal(2025, 29.9, "尚难判断", None),
        goal(2025, 20.0, "尚难判断", None),
    ]);
    // At the bottom of the axis: the stack moves up instead of below the plot.
    bounds(vec![
        goal(2025, 0.5, "尚难判断", None),
        goal(2025, 0.0, "暂无数据", None),
    ]);
    // Targets of different years have labels in different places: each stays by its marker.
    let (axes, blocks) = bounds(vec![
        goal(2025, 25.0, "尚难判断", None),
        goal(2035, 25.0, "尚难判断", None),
    ]);
    for b in &blocks {
        let mid = (b.1 + b.3) / 2;
        assert!((mid - axes.y(25.0)).abs() <= LINE / 2, "centred on its marker: {b:?}");
    }
}
