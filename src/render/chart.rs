//! Indicator charts: one horizontal bar per value, drawn with plotters' SVG backend.
//!
//! plotters estimates text width per UTF-8 byte (Chinese 1.7x too wide) and writes no
//! `<title>`/`<desc>`, so the layout measures labels itself (East Asian width) and only ever
//! anchors text at a known edge; the accessible name is added afterwards.

use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};
use unicode_width::UnicodeWidthStr;

/// One bar: a value as the chart shows it.
#[derive(Debug, Clone)]
pub struct Bar {
    /// Left of the bar: who and when, e.g. "瑞安市 · 2025年 目标".
    pub label: String,
    /// At the bar's end: the value as written, e.g. "≥95%".
    pub value_label: String,
    /// `None` draws the value label as text in the plot area (qualitative values).
    pub value: Option<f64>,
    /// The upper end of a range.
    pub value_max: Option<f64>,
    /// A reported figure (outlined bar) rather than a target (solid bar).
    pub reported: bool,
}

/// The labels' text size in px, as the layout measures them (`text_width`).
pub const FONT_SIZE: f64 = 14.0;
/// Each row: the label on its own line, the bar below it (keeps charts narrow for phones).
const LABEL_LINE: i32 = 22;
const BAR: i32 = 18;
const ROW: i32 = LABEL_LINE + BAR + 12;
const PLOT_WIDTH: i32 = 240;
const PAD: i32 = 12;

/// Estimated rendered width in px: East Asian wide characters are one em, others ~0.6 em.
pub fn text_width(s: &str) -> i32 {
    text_width_at(s, FONT_SIZE)
}

/// [`text_width`] for text of `size` px.
pub fn text_width_at(s: &str, size: f64) -> i32 {
    columns_width(s.width(), size)
}

/// The width in px of text `columns` East Asian columns wide (a wide character is two).
pub fn columns_width(columns: usize, size: f64) -> i32 {
    (columns as f64 * 0.6 * size).ceil() as i32
}

/// The chart's geometry, computed before drawing so every label has room.
#[derive(Debug, PartialEq, Eq)]
pub struct Layout {
    /// Of the whole SVG, in px.
    pub width: i32,
    /// Of the whole SVG, in px.
    pub height: i32,
    /// The widest bar label, in px.
    pub label_width: i32,
    /// Left edge of the bars' plot area, in px.
    pub plot_x: i32,
    /// The widest value label, in px.
    pub value_width: i32,
}

/// Measures `bars` for one chart: its size and where the plot area and labels go.
pub fn layout(bars: &[Bar]) -> Layout {
    let label_width = bars.iter().map(|b| text_width(&b.label)).max().unwrap_or(0);
    let value_width = bars.iter().map(|b| text_width(&b.value_label)).max().unwrap_or(0);
    // Qualitative text sits where a bar would be: widen the plot when that text is longer.
    let qualitative = bars
        .iter()
        .filter(|b| b.value.is_none())
        .map(|b| text_width(&b.value_label))
        .max()
        .unwrap_or(0);
    let plot = PLOT_WIDTH.max(qualitative + PAD);
    let plot_x = PAD;
    Layout {
        width: (plot_x + plot + 6 + value_width).max(PAD + label_width) + PAD,
        height: PAD * 2 + ROW * bars.len().max(1) as i32,
        label_width,
        plot_x,
        value_width,
    }
}

/// An SVG chart with `role="img"`, `<title>` and `<desc>`; `id` makes its element ids unique.
pub fn render(bars: &[Bar], title: &str, desc: &str, id: &str) -> String {
    let l = layout(bars);
    let mut svg = String::new();
    {
        let root = SVGBackend::with_string(&mut svg, (l.width as u32, l.height as u32)).into_drawing_area();
        let _ = draw(&root, bars, &l);
        let _ = root.present();
    }
    accessible(&svg, title, desc, id, "chart-svg")
}

const INK: RGBColor = RGBColor(0x1F, 0x29, 0x37);
const TARGET: RGBColor = RGBColor(0x1D, 0x5F, 0xA8);
const GRID: RGBColor = RGBColor(0x9C, 0xA3, 0xAF);

fn draw<DB: DrawingBackend>(
    root: &DrawingArea<DB, plotters::coord::Shift>,
    bars: &[Bar],
    l: &Layout,
) -> Result<(), DrawingAreaErrorKind<DB::ErrorType>> {
    let max = bars
        .iter()
        .filter_map(|b| b.value_max.or(b.value))
        .fold(0.0_f64, f64::max);
    let plot_w = (l.width - l.plot_x - 6 - l.value_width - PAD) as f64;
    let scale = |v: f64| {
        if max > 0.0 {
            (v.max(0.0) / max * plot_w).round() as i32
        } else {
            0
        }
    };
    let font = |anchor: Pos, style: FontStyle| {
        TextStyle::from(("sans-serif", FONT_SIZE * 1.24).into_font().style(style))
            .color(&INK)
            .pos(anchor)
    };
    // The zero line.
    root.draw(&PathElement::new(
        vec![(l.plot_x, PAD), (l.plot_x, l.height - PAD)],
        GRID.stroke_width(1),
    ))?;
    for (n, bar) in bars.iter().enumerate() {
        let row = PAD + ROW * n as i32;
        let top = row + LABEL_LINE;
        let mid = top + BAR / 2;
        root.draw(&Text::new(
            bar.label.clone(),
            (l.plot_x, row + LABEL_LINE / 2),
            font(Pos::new(HPos::Left, VPos::Center), FontStyle::Normal),
        ))?;
        let Some(value) = bar.value else {
            root.draw(&Text::new(
                bar.value_label.clone(),
                (l.plot_x + 6, mid),
                font(Pos::new(HPos::Left, VPos::Center), FontStyle::Italic),
            ))?;
            continue;
        };
        let end = l.plot_x + scale(value).max(2);
        let style = if bar.reported {
            TARGET.stroke_width(2)
        } else {
            TARGET.filled()
        };
        root.draw(&Rectangle::new([(l.plot_x, top), (end, top + BAR)], style))?;
        let mut label_x = end;
        if let Some(hi) = bar.value_max {
            let hi_x = l.plot_x + scale(hi);
            root.draw(&PathElement::new(vec![(end, mid), (hi_x, mid)], TARGET.stroke_width(3)))?;
            root.draw(&PathElement::new(
                vec![(hi_x, top + 4), (hi_x, top + BAR - 4)],
                TARGET.stroke_width(3),
            ))?;
            label_x = hi_x;
        }
        root.draw(&Text::new(
            bar.value_label.clone(),
            (label_x + 6, mid),
            font(Pos::new(HPos::Left, VPos::Center), FontStyle::Bold),
        ))?;
    }
    Ok(())
}

/// Adds `role="img"`, `<title>` and `<desc>` (plotters writes neither) and `class` for styling;
/// `id` prefixes the title's and description's ids (unique per chart on a page).
pub(crate) fn accessible(svg: &str, title: &str, desc: &str, id: &str, class: &str) -> String {
    let esc = crate::render::escape::escape;
    let Some(open_end) = svg.find('>') else {
        return svg.to_string();
    };
    let (open, rest) = svg.split_at(open_end);
    let open = open.replacen(
        "<svg ",
        &format!("<svg class=\"{class}\" role=\"img\" aria-labelledby=\"{id}-title {id}-desc\" "),
        1,
    );
    format!(
        "{open}><title id=\"{id}-title\">{}</title><desc id=\"{id}-desc\">{}</desc>{}",
        esc(title),
        esc(desc),
        &rest[1..]
    )
}

/// The standalone `chart.svg`: the same drawing with an XML declaration and its own styles
/// for dark mode (pages style the inline copy from the site stylesheet).
pub fn standalone(svg: &str) -> String {
    let style = "<style>@media (prefers-color-scheme: dark){:root{background:#111827}text{fill:#F3F4F6}[fill=\"#1D5FA8\"]{fill:#93C5FD}[stroke=\"#1D5FA8\"]{stroke:#93C5FD}}</style>";
    let svg = match svg.find("</desc>") {
        Some(i) => format!("{}{style}{}", &svg[..i + 7], &svg[i + 7..]),
        None => svg.to_string(),
    };
    format!("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n{svg}")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn bar(label: &str, value: Option<f64>, text: &str) -> Bar {
        Bar {
            label: label.into(),
            value_label: text.into(),
            value,
            value_max: None,
            reported: false,
        }
    }

    #[test]
    fn cjk_labels_fit_their_box() {
        let label = "绵阳市游仙区质量强区规划 · 2025年 目标";
        let bars = [
            bar(label, Some(95.0), "≥95%"),
            bar("x 2025", None, "完成市下达目标任务"),
        ];
        let l = layout(&bars);
        // 15 wide characters and 9 narrow ones: at least one em per wide character.
        assert_eq!(l.label_width, text_width(label));
        assert!(
            l.label_width >= (15.0 * FONT_SIZE) as i32,
            "a CJK character is one em wide"
        );
        assert!(l.width >= l.plot_x + l.label_width + PAD, "the label fits the width");
        assert!(
            l.width >= l.plot_x + 6 + text_width("完成市下达目标任务"),
            "qualitative text fits"
        );
        let svg = render(&bars, "t", "d", "c1");
        let texts: Vec<(i32, i32)> = regex::Regex::new(r#"<text x="(\d+)" y="(\d+)""#)
            .unwrap()
            .captures_iter(&svg)
            .map(|c| (c[1].parse().unwrap(), c[2].parse().unwrap()))
            .collect();
        assert_eq!(texts.len(), 4);
        // Labels and bars never share a line: each text sits on its own baseline.
        let mut ys: Vec<i32> = texts.iter().map(|t| t.1).collect();
        ys.dedup();
        assert_eq!(ys.len(), 4, "{texts:?}");
        for (x, _) in texts {
            assert!(x >= 0 && x < l.width, "text starts inside the chart");
        }
    }

    #[test]
    fn charts_are_accessible_and_deterministic() {
        let bars = [bar("A", Some(3.0), "3"), bar("B", Some(1.5), "1.5")];
        let a = render(&bars, "标题 <x>", "两个值", "c");
        assert_eq!(a, render(&bars, "标题 <x>", "两个值", "c"));
        assert!(a.starts_with("<svg class=\"chart-svg\" role=\"img\" aria-labelledby=\"c-title c-desc\""));
        assert!(a.contains("<title id=\"c-title\">标题 &lt;x&gt;</title><desc id=\"c-desc\">两个值</desc>"));
        assert!(a.contains("viewBox"), "plotters keeps viewBox: never minify the SVG");
        let file = standalone(&a);
        assert!(file.starts_with("<?xml"));
        assert!(file.contains("prefers-color-scheme"));
    }
}
