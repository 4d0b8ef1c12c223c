//! The shared geometry of an indicator's progress charts: one time axis, one value axis and one
//! pixel layout for every plan, computed from all of their series at once.

use super::{FONT, Series, Words};
use crate::render::chart::text_width_at;

/// Outer margin.
pub(super) const PAD: i32 = 12;
/// One line of text.
pub(super) const LINE: i32 = 22;
/// The plot area: the same size in every chart, so a year is as wide everywhere.
pub(super) const PLOT_W: i32 = 300;
pub(super) const PLOT_H: i32 = 180;
/// Room above the top gridline and below the bottom one, for markers and labels on them.
pub(super) const HEAD: i32 = 12;
/// From a target's marker to its label.
pub(super) const GAP: i32 = 12;
/// Half the width of a target's marker (diamond or range bar).
pub(super) const MARK: i32 = 7;
/// Target labels wrap at this width: the status beside the marker, not a wide column.
pub(super) const LABEL_MAX: i32 = 150;
/// The narrowest chart (the viewBox scales down to a 360 px phone from here).
const MIN_WIDTH: i32 = 480;
/// Between a value label and the plot's left edge.
const TICK_GAP: i32 = 8;

/// What every plan's chart of one indicator shares: the years and values shown and the pixel
/// geometry, so charts side by side compare directly.
#[derive(Debug, Clone, PartialEq)]
pub struct Axes {
    /// The first and last year shown; every year gets the same width, its point in the middle.
    pub years: (i32, i32),
    /// Years labelled on the axis: the multiples of this.
    pub year_step: i32,
    /// The bottom and top of the value axis, multiples of `value_step`.
    pub values: (f64, f64),
    pub value_step: f64,
    /// The SVG's size in px.
    pub width: i32,
    pub height: i32,
    /// The plot area's left and top edges.
    pub plot_x: i32,
    pub plot_y: i32,
    /// Where the legend starts.
    pub legend_y: i32,
}

impl Axes {
    /// The axes for `all` the series of one indicator's charts; `None` when none of them has a
    /// number to draw.
    pub fn of(all: &[&Series], words: &Words) -> Option<Axes> {
        let years: Vec<i32> = all.iter().flat_map(|s| s.years()).collect();
        let values: Vec<f64> = all.iter().flat_map(|s| s.values()).collect();
        let (&first, &last) = (years.iter().min()?, years.iter().max()?);
        let lo = values.iter().copied().reduce(f64::min)?;
        let hi = values.iter().copied().reduce(f64::max)?;
        let (bottom, top, value_step) = value_axis(lo, hi);
        let tick_w = value_ticks(bottom, top, value_step)
            .iter()
            .map(|t| text_width_at(t, FONT))
            .max()
            .unwrap_or(0);
        let plot_x = PAD + tick_w + TICK_GAP;
        let plot_y = PAD + if words.unit.is_empty() { 0 } else { LINE } + HEAD;
        let mut axes = Axes {
            years: (first, last),
            year_step: year_step(last - first),
            values: (bottom, top),
            value_step,
            width: 0,
            height: 0,
            plot_x,
            plot_y,
            legend_y: plot_y + PLOT_H + HEAD + LINE + 8,
        };
        // Target labels sit right of their markers: the chart widens to fit the longest.
        let labels = (all.iter().flat_map(|s| &s.goals))
            .map(|g| axes.x(g.year) + MARK + GAP + label_width(&g.label, &g.status) + PAD);
        axes.width = labels
            .chain([
                plot_x + PLOT_W + PAD,
                2 * PAD + text_width_at(words.unit, FONT),
                MIN_WIDTH,
            ])
            .max()
            .unwrap_or(MIN_WIDTH);
        // Room for the whole legend, whichever entries a chart shows: every chart is as tall.
        let legend = super::legend_layout(words, [true; 4], axes.width);
        let rows = legend.last().map_or(0, |&(_, _, row)| row + 1);
        axes.height = axes.legend_y + rows * LINE + PAD;
        Some(axes)
    }

    /// The x of a year's middle.
    pub fn x(&self, year: i32) -> i32 {
        let (first, last) = self.years;
        let share = (f64::from(year - first) + 0.5) / f64::from(last - first + 1);
        self.plot_x + (share * f64::from(PLOT_W)).round() as i32
    }

    /// The y of a value.
    pub fn y(&self, value: f64) -> i32 {
        let (bottom, top) = self.values;
        self.plot_y + ((top - value) / (top - bottom) * f64::from(PLOT_H)).round() as i32
    }

    /// The labelled years, oldest first.
    pub fn year_ticks(&self) -> Vec<i32> {
        (self.years.0..=self.years.1)
            .filter(|y| y.rem_euclid(self.year_step) == 0)
            .collect()
    }

    /// The labelled values, bottom first: the value and its text.
    pub fn value_ticks(&self) -> Vec<(f64, String)> {
        let (bottom, top) = self.values;
        let texts = value_ticks(bottom, top, self.value_step);
        let first = (bottom / self.value_step).round() as i64;
        (texts.into_iter().enumerate())
            .map(|(k, t)| ((first + k as i64) as f64 * self.value_step, t))
            .collect()
    }
}

/// Labelled years every 1, 2, 5, 10, … years: at most about six labels, so four-digit years
/// never touch in the 300 px plot.
fn year_step(span: i32) -> i32 {
    [1, 2, 5, 10, 20, 50, 100]
        .into_iter()
        .find(|&s| span / s <= 5)
        .unwrap_or(1000)
}

/// The value axis for data from `lo` to `hi`: (bottom, top, step), four or five steps of a
/// round size (1, 2, 2.5 or 5 times a power of ten).
///
/// Zero joins the axis when the data are no farther from it than they are wide: then it costs
/// at most half the height and shows the size of the values. Data far from zero (rates of 90 to
/// 96 %) keep the height for their differences, which on/off-track statuses are about. A single
/// value is drawn from zero, as a lone point has no spread to show.
pub(super) fn value_axis(lo: f64, hi: f64) -> (f64, f64, f64) {
    let (mut lo, mut hi) = (lo, hi);
    if lo == hi {
        if lo > 0.0 {
            lo = 0.0;
        } else if hi < 0.0 {
            hi = 0.0;
        } else {
            hi = 1.0;
        }
    }
    let span = hi - lo;
    if lo > 0.0 && lo <= span {
        lo = 0.0;
    }
    if hi < 0.0 && -hi <= span {
        hi = 0.0;
    }
    let step = nice((hi - lo) / 4.0);
    // The epsilon keeps 0.3 / 0.1 = 2.9999… from adding a step.
    let bottom = ((lo / step) + 1e-9).floor() * step;
    let top = ((hi / step) - 1e-9).ceil() * step;
    (bottom, top, step)
}

/// The round number at or above `raw`: 1, 2, 2.5 or 5 times a power of ten.
fn nice(raw: f64) -> f64 {
    let magnitude = 10f64.powi(raw.log10().floor() as i32);
    let n = raw / magnitude;
    let m = [1.0, 2.0, 2.5, 5.0]
        .into_iter()
        .find(|&m| n <= m * (1.0 + 1e-9))
        .unwrap_or(10.0);
    m * magnitude
}

/// The texts of the ticks from `bottom` to `top`, all with the decimals the step needs.
fn value_ticks(bottom: f64, top: f64, step: f64) -> Vec<String> {
    let decimals = (0..6)
        .find(|&d| {
            let s = step * 10f64.powi(d);
            (s - s.round()).abs() < 1e-6 * s.max(1.0)
        })
        .unwrap_or(6) as usize;
    let (first, last) = ((bottom / step).round() as i64, (top / step).round() as i64);
    (first..=last)
        .map(|k| {
            let text = format!("{:.*}", decimals, k as f64 * step);
            // "-0.0" is zero.
            match text.strip_prefix('-') {
                Some(rest) if rest.bytes().all(|b| b == b'0' || b == b'.') => rest.to_string(),
                _ => text,
            }
        })
        .collect()
}

/// The width of a target's label and status as wrapped.
pub(super) fn label_width(label: &str, status: &str) -> i32 {
    (wrap(label, LABEL_MAX).iter().chain(&wrap(status, LABEL_MAX)))
        .map(|l| text_width_at(l, FONT))
        .max()
        .unwrap_or(0)
}

/// `text` in lines of at most `max` px where it can break: at spaces and between wide (CJK)
/// characters, never inside a Latin word or number nor between a number and the character
/// after it (2025年), never before closing punctuation or after opening punctuation. A word wider than `max` gets a line of its own (the chart widens to fit:
/// text is never clipped).
pub(super) fn wrap(text: &str, max: i32) -> Vec<String> {
    let mut lines: Vec<String> = Vec::new();
    let mut line = String::new();
    for (word, spaced) in words(text) {
        let joined = if line.is_empty() {
            word.clone()
        } else if spaced {
            format!("{line} {word}")
        } else {
            format!("{line}{word}")
        };
        if line.is_empty() || text_width_at(&joined, FONT) <= max {
            line = joined;
        } else {
            lines.push(std::mem::replace(&mut line, word));
        }
    }
    if !line.is_empty() {
        lines.push(line);
    }
    lines
}

/// The unbreakable pieces of `text`, each with whether a space came before it.
fn words(text: &str) -> Vec<(String, bool)> {
    const CLOSING: &str = "）)，,。.：:；;、！!？?」』】》%％";
    const OPENING: &str = "（(「『【《";
    let wide = |c: char| unicode_width::UnicodeWidthChar::width(c) == Some(2);
    let mut out: Vec<(String, bool)> = Vec::new();
    let mut spaced = false;
    for c in text.chars() {
        if c.is_whitespace() {
            spaced = true;
            continue;
        }
        let joins = out.last().is_some_and(|(w, _): &(String, bool)| {
            let prev = w.chars().next_back().unwrap_or(' ');
            !spaced && (CLOSING.contains(c) || OPENING.contains(prev) || (!wide(prev) && !OPENING.contains(c)))
        });
        match out.last_mut() {
            Some((w, _)) if joins => w.push(c),
            _ => out.push((c.to_string(), spaced)),
        }
        spaced = false;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn value_axes_are_round_and_hold_the_data() {
        // PM2.5 from 22 to 35: zero is nearer than the data are wide? 22 > 13, so no.
        assert_eq!(value_axis(22.0, 35.0), (20.0, 35.0, 5.0));
        // Rates of 90–96 % keep their height.
        let (b, t, s) = value_axis(90.0, 96.0);
        assert!((80.0..=90.0).contains(&b) && t >= 96.0 && s > 0.0, "{b} {t} {s}");
        // Near zero: from zero.
        assert_eq!(value_axis(3.0, 10.0).0, 0.0);
        // A single value is drawn from zero; zero alone gets a unit.
        assert_eq!(value_axis(95.0, 95.0), (0.0, 100.0, 25.0));
        assert_eq!(value_axis(0.0, 0.0), (0.0, 1.0, 0.25));
        assert_eq!(value_axis(-4.0, -4.0), (-4.0, 0.0, 1.0));
        // Negative values across zero, and all below it.
        let (b, t, _) = value_axis(-3.5, 2.0);
        assert!(b <= -3.5 && t >= 2.0);
        let (b, t, _) = value_axis(-10.0, -8.0);
        assert!(b <= -10.0 && (-8.0..0.0).contains(&t), "far below zero: {b}..{t}");
        // Small numbers: 0.3 / 0.1 is not rounded up to an extra step.
        let (b, t, s) = value_axis(0.33, 0.53);
        assert_eq!(value_ticks(b, t, s).first().map(String::as_str), Some("0.30"));
        assert!((t - 0.55).abs() < 1e-9, "{t}");
    }

    #[test]
    fn tick_texts_have_fixed_decimals() {
        assert_eq!(value_ticks(0.0, 1.0, 0.25), ["0.00", "0.25", "0.50", "0.75", "1.00"]);
        assert_eq!(value_ticks(-2.0, 2.0, 1.0), ["-2", "-1", "0", "1", "2"]);
        assert_eq!(value_ticks(-0.5, 0.5, 0.5), ["-0.5", "0.0", "0.5"]);
    }

    #[test]
    fn years_are_labelled_sparsely_enough() {
        assert_eq!(year_step(0), 1);
        assert_eq!(year_step(5), 1);
        assert_eq!(year_step(10), 2);
        assert_eq!(year_step(19), 5);
        assert_eq!(year_step(30), 10);
    }

    #[test]
    fn labels_wrap_where_text_can_break() {
        assert_eq!(wrap("目标 ≤25（2025年）", 150), ["目标 ≤25", "（2025年）"]);
        assert_eq!(wrap("met (achieved early)", 150), ["met (achieved", "early)"]);
        assert_eq!(wrap("已提前达成", 150), ["已提前达成"]);
        // Never before a closing bracket, never inside a number.
        for l in wrap("目标值为百分之九十五点五（2035年）", 100) {
            assert!(!l.starts_with('）') && !l.ends_with('（'), "{l}");
        }
        let long = "aVeryLongWordWithoutAnySpaceAtAll";
        assert_eq!(wrap(long, 50), [long], "a word wider than the line keeps its own line");
        assert!(wrap("", 100).is_empty());
    }
}
