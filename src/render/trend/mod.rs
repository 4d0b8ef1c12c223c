//! Progress charts: one plan's figures for one indicator over time, its targets, the straight
//! path to each and each target's status written beside it, drawn with plotters' SVG backend.
//!
//! The charts of all plans that share an indicator are drawn on one [`Axes`] (the same years,
//! values and pixel geometry), so they compare side by side. Shape tells the marks apart, never
//! colour alone: a filled circle is a figure the plan states, a hollow square a monitoring
//! figure, a diamond a target (a bar for a range), a dashed line the straight path. As in
//! [`chart`], text is measured here (plotters overestimates CJK widths), anchored only where its
//! extent is known, and the accessible name and description are added afterwards.

mod axes;
#[cfg(test)]
mod tests;

pub use axes::Axes;
use axes::{GAP, HEAD, LABEL_MAX, LINE, MARK, PAD, PLOT_W, wrap};
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};

use super::chart::{self, text_width_at};

/// The text size in px of the viewBox. Charts are 480–560 px wide and shrink to the 328 px of
/// a 360 px phone's column: 20 px is 12–14 px there.
const FONT: f64 = 20.0;

/// A figure of the indicator for the plan.
#[derive(Debug, Clone, PartialEq)]
pub struct Point {
    /// The year on the time axis.
    pub year: i32,
    /// The figure, in the indicator's unit.
    pub value: f64,
    /// Drawn by the marker: the value as written, e.g. "22".
    pub label: String,
    /// In the chart's description, e.g. "2022年 监测数据：22".
    pub description: String,
    /// Reported by monitoring data (a hollow square) rather than stated by the plan (a disc).
    pub monitoring: bool,
}

/// A numeric target of the plan.
#[derive(Debug, Clone, PartialEq)]
pub struct Goal {
    /// The target year on the time axis (a span's last year).
    pub year: i32,
    /// The target, in the indicator's unit (a range's lower end).
    pub value: f64,
    /// The other end of a range target, drawn as a bar from `value` to it.
    pub value_max: Option<f64>,
    /// Beside the marker, e.g. "目标 ≤25（2025年）".
    pub label: String,
    /// Below the label, in bold, e.g. "已提前达成": the status is always there as text.
    pub status: String,
    /// In the chart's description.
    pub description: String,
    /// The straight path the status is judged against, (year, value) to (year, value): from the
    /// first observation to the target (a range's nearer bound). `None`: no path to show.
    pub path: Option<((i32, f64), (i32, f64))>,
    /// The marker's colour: it repeats what the status says, never says it alone.
    pub tone: Tone,
}

/// How a status reads, for the colour of its target's marker.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Tone {
    /// Met, on track.
    Good,
    /// Not met, off track.
    Bad,
    /// Too early to tell.
    Pending,
    /// No data.
    #[default]
    Neutral,
}

impl Tone {
    fn colour(self) -> RGBColor {
        match self {
            Tone::Good => GOOD,
            Tone::Bad => BAD,
            Tone::Pending => PENDING,
            Tone::Neutral => TARGET,
        }
    }
}

/// What one plan's chart shows.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Series {
    /// Oldest first.
    pub points: Vec<Point>,
    /// The plan's targets that have a status, in sheet order.
    pub goals: Vec<Goal>,
}

impl Series {
    fn years(&self) -> impl Iterator<Item = i32> + '_ {
        let paths = self.paths().flat_map(|(a, b)| [a.0, b.0]);
        (self.drawn().map(|p| p.year))
            .chain(self.goals.iter().map(|g| g.year))
            .chain(paths)
    }

    /// Every value drawn: the axis must hold them all.
    fn values(&self) -> impl Iterator<Item = f64> + '_ {
        let goals = self.goals.iter().flat_map(|g| [Some(g.value), g.value_max]).flatten();
        let paths = self.paths().flat_map(|(a, b)| [a.1, b.1]);
        (self.drawn().map(|p| p.value))
            .chain(goals)
            .chain(paths)
            .filter(|v| v.is_finite())
    }

    /// The points with a number to draw (the sheet's numbers are finite; this keeps a NaN from
    /// reaching the scale).
    fn drawn(&self) -> impl Iterator<Item = &Point> {
        self.points.iter().filter(|p| p.value.is_finite())
    }

    fn paths(&self) -> impl Iterator<Item = ((i32, f64), (i32, f64))> + '_ {
        (self.goals.iter().filter_map(|g| g.path)).filter(|(a, b)| a.1.is_finite() && b.1.is_finite())
    }

    /// Which legend entries apply: a plan's figure, a monitoring figure, a target, a path.
    fn kinds(&self) -> [bool; 4] {
        [
            self.drawn().any(|p| !p.monitoring),
            self.drawn().any(|p| p.monitoring),
            !self.goals.is_empty(),
            self.paths().next().is_some(),
        ]
    }
}

/// The words that every chart of a page shares.
#[derive(Debug, Clone, Copy)]
pub struct Words<'a> {
    /// Above the value axis, e.g. "微克/立方米"; empty for none.
    pub unit: &'a str,
    /// The legend: a figure the plan states, a monitoring figure, a target, the straight path.
    pub legend: [&'a str; 4],
    /// The description starts with `intro`, lists every point and target joined by
    /// `separator`, and closes with `end`.
    pub intro: &'a str,
    /// Between two items of the description.
    pub separator: &'a str,
    /// Closes the description.
    pub end: &'a str,
}

const OBSERVED: RGBColor = RGBColor(0x1D, 0x5F, 0xA8);
const PATH: RGBColor = RGBColor(0x6B, 0x72, 0x80);
const TARGET: RGBColor = RGBColor(0x1F, 0x29, 0x37);
// The light theme's --good, --bad and --pending (the stylesheet maps them for the dark theme).
const GOOD: RGBColor = RGBColor(0x1A, 0x7F, 0x37);
const BAD: RGBColor = RGBColor(0xB4, 0x23, 0x18);
const PENDING: RGBColor = RGBColor(0x8A, 0x61, 0x00);
const PAPER: RGBColor = RGBColor(0xFF, 0xFF, 0xFF);
const GRID: RGBColor = RGBColor(0xD5, 0xDA, 0xE0);
const AXIS: RGBColor = RGBColor(0x9C, 0xA3, 0xAF);

/// A colour as plotters writes it: the site stylesheet maps each to a theme variable.
fn hex(c: RGBColor) -> String {
    format!("#{:02X}{:02X}{:02X}", c.0, c.1, c.2)
}

/// The dash pattern of the straight path.
const DASH: &str = "6 4";

/// One plan's chart as an inline SVG with `role="img"`, `<title>` and a `<desc>` that says
/// every point and target; `id` (unique on the page) prefixes its element ids.
pub fn render(series: &Series, axes: &Axes, words: &Words, title: &str, id: &str) -> String {
    let mut svg = String::new();
    {
        let size = (axes.width as u32, axes.height as u32);
        let root = SVGBackend::with_string(&mut svg, size).into_drawing_area();
        let _ = draw(&root, series, axes, words);
        let _ = root.present();
    }
    // plotters 0.3.7 has DashedPathElement, but it writes one <polyline> per dash (some 40 per
    // path, each rounded to whole pixels); the path's colour is its own, so one polyline with
    // `stroke-dasharray` draws the same line.
    let stroke = format!("stroke=\"{}\"", hex(PATH));
    let svg = svg.replace(&stroke, &format!("{stroke} stroke-dasharray=\"{DASH}\""));
    // plotters writes every element's opacity, 1 (the default) on all but a range's fill: a
    // seventh of the bytes of a chart inlined in every plan's block.
    let svg = svg.replace(" opacity=\"1\"", "");
    chart::accessible(&svg, title, &describe(series, words), id, "chart-svg trend-svg")
}

/// Every point and target in words, in the order drawn.
fn describe(series: &Series, words: &Words) -> String {
    let goals = series.goals.iter().filter(|g| g.value.is_finite());
    let items: Vec<&str> = (series.drawn().map(|p| p.description.as_str()))
        .chain(goals.map(|g| g.description.as_str()))
        .collect();
    format!("{}{}{}", words.intro, items.join(words.separator), words.end)
}

type Area<DB> = DrawingArea<DB, plotters::coord::Shift>;
type Drawn<DB> = Result<(), DrawingAreaErrorKind<<DB as DrawingBackend>::ErrorType>>;

fn font(anchor: Pos, bold: bool) -> TextStyle<'static> {
    let style = if bold { FontStyle::Bold } else { FontStyle::Normal };
    // plotters writes font-size as the size given / 1.24.
    TextStyle::from(("sans-serif", FONT * 1.24).into_font().style(style))
        .color(&TARGET)
        .pos(anchor)
}

const LEFT: Pos = Pos {
    h_pos: HPos::Left,
    v_pos: VPos::Center,
};
const RIGHT: Pos = Pos {
    h_pos: HPos::Right,
    v_pos: VPos::Center,
};
const CENTRE: Pos = Pos {
    h_pos: HPos::Center,
    v_pos: VPos::Center,
};

fn draw<DB: DrawingBackend>(root: &Area<DB>, series: &Series, axes: &Axes, words: &Words) -> Drawn<DB> {
    frame(root, axes, words)?;
    marks(root, series, axes)?;
    labels(root, series, axes, words)?;
    legend(root, series, axes, words)
}

/// The unit, the value gridlines and their labels, the year axis.
fn frame<DB: DrawingBackend>(root: &Area<DB>, axes: &Axes, words: &Words) -> Drawn<DB> {
    if !words.unit.is_empty() {
        root.draw(&Text::new(
            words.unit.to_string(),
            (PAD, PAD + LINE / 2),
            font(LEFT, false),
        ))?;
    }
    let right = axes.plot_x + PLOT_W;
    let bottom = axes.plot_y + axes.plot_h;
    for (value, text) in axes.value_ticks() {
        let y = axes.y(value);
        // Zero inside the axis is a reference line, drawn like the axis.
        let colour = if value == 0.0 && axes.values.0 < 0.0 {
            AXIS
        } else {
            GRID
        };
        root.draw(&PathElement::new(
            vec![(axes.plot_x, y), (right, y)],
            colour.stroke_width(1),
        ))?;
        root.draw(&Text::new(text, (axes.plot_x - 8, y), font(RIGHT, false)))?;
    }
    root.draw(&PathElement::new(
        vec![(axes.plot_x, bottom), (right, bottom)],
        AXIS.stroke_width(1),
    ))?;
    for year in axes.year_ticks() {
        let x = axes.x(year);
        root.draw(&PathElement::new(
            vec![(x, bottom), (x, bottom + 5)],
            AXIS.stroke_width(1),
        ))?;
        root.draw(&Text::new(
            year.to_string(),
            (x, bottom + HEAD + LINE / 2),
            font(CENTRE, false),
        ))?;
    }
    Ok(())
}

/// Paths first, then the line through the figures, then the markers on top.
fn marks<DB: DrawingBackend>(root: &Area<DB>, series: &Series, axes: &Axes) -> Drawn<DB> {
    let at = |year: i32, value: f64| (axes.x(year), axes.y(value));
    for (a, b) in series.paths() {
        root.draw(&PathElement::new(
            vec![at(a.0, a.1), at(b.0, b.1)],
            PATH.stroke_width(2),
        ))?;
    }
    let mut points: Vec<&Point> = series.drawn().collect();
    points.sort_by_key(|p| p.year);
    if points.len() > 1 {
        let line: Vec<(i32, i32)> = points.iter().map(|p| at(p.year, p.value)).collect();
        root.draw(&PathElement::new(line, OBSERVED.stroke_width(2)))?;
    }
    for p in points {
        let (x, y) = at(p.year, p.value);
        if p.monitoring {
            square(root, x, y)?;
        } else {
            root.draw(&Circle::new((x, y), 6, OBSERVED.filled()))?;
        }
    }
    // Targets last and hollow: a figure of the target year stays visible inside its target.
    for g in series.goals.iter().filter(|g| g.value.is_finite()) {
        let (x, y) = at(g.year, g.value);
        match g.value_max.filter(|m| m.is_finite()) {
            Some(max) => range_bar(root, x, y, axes.y(max), g.tone.colour())?,
            None => diamond(root, x, y, g.tone.colour())?,
        }
    }
    Ok(())
}

/// A hollow diamond, its outline 3 px: larger than a figure's marker, which shows through it.
fn diamond<DB: DrawingBackend>(root: &Area<DB>, x: i32, y: i32, colour: RGBColor) -> Drawn<DB> {
    let m = MARK + 2;
    let outline = vec![(x, y - m), (x + m, y), (x, y + m), (x - m, y), (x, y - m)];
    root.draw(&PathElement::new(outline, colour.stroke_width(3)))
}

/// A hollow square: paper inside, so the line through it does not show.
fn square<DB: DrawingBackend>(root: &Area<DB>, x: i32, y: i32) -> Drawn<DB> {
    let s = 6;
    root.draw(&Rectangle::new([(x - s, y - s), (x + s, y + s)], PAPER.filled()))?;
    // A rectangle's outline is always 1 px in plotters' SVG: a closed path has a width.
    let outline = vec![
        (x - s, y - s),
        (x + s, y - s),
        (x + s, y + s),
        (x - s, y + s),
        (x - s, y - s),
    ];
    root.draw(&PathElement::new(outline, OBSERVED.stroke_width(2)))
}

/// A range target: a bar from one end to the other, at least a marker tall.
fn range_bar<DB: DrawingBackend>(root: &Area<DB>, x: i32, y0: i32, y1: i32, colour: RGBColor) -> Drawn<DB> {
    let (mut top, mut bottom) = (y0.min(y1), y0.max(y1));
    if bottom - top < MARK {
        top -= MARK / 2;
        bottom += MARK / 2;
    }
    let w = MARK - 2;
    root.draw(&Rectangle::new(
        [(x - w, top), (x + w, bottom)],
        colour.mix(0.3).filled(),
    ))?;
    let outline = vec![
        (x - w, top),
        (x + w, top),
        (x + w, bottom),
        (x - w, bottom),
        (x - w, top),
    ];
    root.draw(&PathElement::new(outline, colour.stroke_width(2)))
}

/// A box on the canvas: left, top, right, bottom.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(super) struct Box4(i32, i32, i32, i32);

impl Box4 {
    fn overlaps(&self, o: &Box4) -> bool {
        self.0 < o.2 && o.0 < self.2 && self.1 < o.3 && o.1 < self.3
    }

    /// Wider by `m` on the left and right: labels that merely touch read as one ("2728").
    fn widened(&self, m: i32) -> Box4 {
        Box4(self.0 - m, self.1, self.2 + m, self.3)
    }
}

/// A target's label and status, placed right of its marker.
#[derive(Debug, Clone, PartialEq)]
pub(super) struct Block {
    pub(super) x: i32,
    pub(super) top: i32,
    /// Each line and whether it is bold (the status).
    pub(super) lines: Vec<(String, bool)>,
}

impl Block {
    fn bounds(&self) -> Box4 {
        let w = (self.lines.iter())
            .map(|(l, _)| text_width_at(l, FONT))
            .max()
            .unwrap_or(0);
        Box4(self.x, self.top, self.x + w, self.top + LINE * self.lines.len() as i32)
    }
}

/// Where each target's label goes: centred on its marker, pushed down past an earlier label it
/// would overlap, and moved up (with the labels above it) where that pushes it below the plot.
pub(super) fn goal_blocks(series: &Series, axes: &Axes) -> Vec<Block> {
    let (lowest, highest) = (axes.plot_y - HEAD, axes.plot_y + axes.plot_h + HEAD);
    let mut blocks: Vec<Block> = (series.goals.iter().filter(|g| g.value.is_finite()))
        .map(|g| {
            let mid = g
                .value_max
                .filter(|m| m.is_finite())
                .map_or(g.value, |m| (g.value + m) / 2.0);
            let lines: Vec<(String, bool)> = (wrap(&g.label, LABEL_MAX).into_iter().map(|l| (l, false)))
                .chain(wrap(&g.status, LABEL_MAX).into_iter().map(|l| (l, true)))
                .collect();
            let h = LINE * lines.len() as i32;
            let top = (axes.y(mid) - h / 2).clamp(lowest, (highest - h).max(lowest));
            Block {
                x: axes.x(g.year) + MARK + GAP,
                top,
                lines,
            }
        })
        .collect();
    blocks.sort_by_key(|b| (b.top, b.x));
    // Down past every earlier label in the way …
    for k in 1..blocks.len() {
        for j in 0..k {
            let (a, b) = (blocks[j].bounds(), blocks[k].bounds());
            if a.overlaps(&b) {
                blocks[k].top = a.3 + 2;
            }
        }
    }
    // … and, where that went below the plot, up again, moving the labels above it along.
    for k in (0..blocks.len()).rev() {
        let h = LINE * blocks[k].lines.len() as i32;
        let mut top = blocks[k].top.min(highest - h);
        for later in &blocks[k + 1..] {
            let b = later.bounds();
            if Box4(blocks[k].x, top, blocks[k].bounds().2, top + h).overlaps(&b) {
                top = b.1 - 2 - h;
            }
        }
        blocks[k].top = top.max(lowest);
    }
    blocks
}

/// Target labels, then each figure's value above (or below) its marker where it has room.
fn labels<DB: DrawingBackend>(root: &Area<DB>, series: &Series, axes: &Axes, words: &Words) -> Drawn<DB> {
    let blocks = goal_blocks(series, axes);
    let mut taken: Vec<Box4> = blocks.iter().map(Block::bounds).collect();
    if !words.unit.is_empty() {
        taken.push(Box4(PAD, PAD, PAD + text_width_at(words.unit, FONT), PAD + LINE));
    }
    for g in series.goals.iter().filter(|g| g.value.is_finite()) {
        let (x, y) = (axes.x(g.year), axes.y(g.value));
        let y1 = g.value_max.filter(|m| m.is_finite()).map_or(y, |m| axes.y(m));
        taken.push(Box4(x - MARK, y.min(y1) - MARK, x + MARK, y.max(y1) + MARK));
    }
    for b in &blocks {
        for (k, (line, bold)) in b.lines.iter().enumerate() {
            let y = b.top + LINE * k as i32 + LINE / 2;
            root.draw(&Text::new(line.clone(), (b.x, y), font(LEFT, *bold)))?;
        }
    }
    for (x, y, label) in point_labels(series, axes, &mut taken) {
        root.draw(&Text::new(label.to_string(), (x, y), font(CENTRE, false)))?;
    }
    Ok(())
}

/// The centres of the figures' value labels that have room, above the marker or else below it,
/// never over another label or a target.
fn point_labels<'a>(series: &'a Series, axes: &Axes, taken: &mut Vec<Box4>) -> Vec<(i32, i32, &'a str)> {
    let (lowest, highest) = (PAD, axes.plot_y + axes.plot_h + HEAD);
    let mut out = Vec::new();
    for p in series.drawn().filter(|p| !p.label.is_empty()) {
        let w = text_width_at(&p.label, FONT);
        let x = (axes.x(p.year)).clamp(PAD + w / 2, (axes.width - PAD - w / 2 - 1).max(PAD + w / 2));
        let y = axes.y(p.value);
        let above = Box4(x - w / 2, y - 7 - LINE, x + w / 2, y - 7);
        let below = Box4(x - w / 2, y + 7, x + w / 2, y + 7 + LINE);
        let room = [above, below]
            .into_iter()
            .find(|b| b.1 >= lowest && b.3 <= highest && !taken.iter().any(|t| t.overlaps(&b.widened(4))));
        if let Some(b) = room {
            taken.push(b);
            out.push((x, (b.1 + b.3) / 2, p.label.as_str()));
        }
    }
    out
}

/// The left edge and row of each legend entry in `words.legend` order, for the entries in
/// `shown`, flowing into rows as wide as the chart.
pub(super) fn legend_layout(words: &Words, shown: [bool; 4], width: i32) -> Vec<(usize, i32, i32)> {
    let (mut x, mut row) = (PAD, 0);
    let mut out = Vec::new();
    for (k, label) in words.legend.iter().enumerate().filter(|&(k, _)| shown[k]) {
        let w = 22 + text_width_at(label, FONT);
        if x > PAD && x + w > width - PAD {
            (x, row) = (PAD, row + 1);
        }
        out.push((k, x, row));
        x += w + 18;
    }
    out
}

/// The legend: each entry's symbol drawn as in the plot, then its words.
fn legend<DB: DrawingBackend>(root: &Area<DB>, series: &Series, axes: &Axes, words: &Words) -> Drawn<DB> {
    // A chart whose targets are all ranges shows a range's bar for "target".
    let ranges = series.goals.iter().all(|g| g.value_max.is_some());
    for (k, x, row) in legend_layout(words, series.kinds(), axes.width) {
        let y = axes.legend_y + row * LINE + LINE / 2;
        let c = x + 8;
        match k {
            0 => root.draw(&Circle::new((c, y), 6, OBSERVED.filled()))?,
            1 => square(root, c, y)?,
            2 if ranges => range_bar(root, c, y - MARK, y + MARK, TARGET)?,
            2 => diamond(root, c, y, TARGET)?,
            _ => root.draw(&PathElement::new(vec![(x, y), (x + 16, y)], PATH.stroke_width(2)))?,
        }
        root.draw(&Text::new(words.legend[k].to_string(), (x + 22, y), font(LEFT, false)))?;
    }
    Ok(())
}
