//! The shared geometry of an indicator's progress charts: one time axis, one value axis and one
//! pixel layout for every plan, computed from all of their series at once.

use super::{FONT, Series, Words};
use crate::render::chart::text_width_at;

/// Outer margin.
pub(super) const PAD: i32 = 12;
/// One line of text.
pub(super) const LINE: i32 = 26;
/// The plot area: the same size in every chart, so a year is as wide everywhere.
pub(super) const PLOT_W: i32 = 260;
/// The plot's height, unless a plan's target labels need more (see [`Axes::of`]).
const PLOT_H: i32 = 200;
/// Room above the top gridline and below the bottom one, for markers and labels on them.
pub(super) const HEAD: i32 = 14;
/// From a target's marker to its label.
pub(super) const GAP: i32 = 12;
/// Half the width of a target's marker (diamond or range bar).
pub(super) const MARK: i32 = 8;
/// Target labels wrap at this width: the status beside the marker, not a wide column.
pub(super) const LABEL_MAX: i32 = 170;
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
    /// Distance between labelled values on the axis, in the indicator's unit.
    pub value_step: f64,
    /// The SVG's size in px.
    pub width: i32,
    /// The SVG's height in px.
    pub height: i32,
    /// The plot area's left and top edges, and its height.
    pub plot_x: i32,
    /// Top edge of the plot area, in px.
    pub plot_y: i32,
    /// Height of the plot area, in px.
    pub plot_h: i32,
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
        // Every target label of a plan may have to stack in one column beside the plot.
        let stacked = (all.iter())
            .map(|s| {
                (s.goals.iter())
                    .map(|g| label_lines(&g.label, &g.status) * LINE + 2)
                    .sum::<i32>()
            })
            .max()
            .unwrap_or(0);
        let plot_h = PLOT_H.max(stacked - 2 * HEAD);
        let mut axes = Axes {
            years: (first, last),
            year_step: year_step(last - first),
            values: (bottom, top),
            value_step,
            width: 0,
            height: 0,
            plot_x,
            plot_y,
            plot_h,
            legend_y: plot_y + plot_h + HEAD + LINE + 8,
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
        // Room for every legend entry that some chart of the indicator shows: all are as tall.
        let shown = (all.iter().map(|s| s.kinds())).fold([false; 4], |a, b| std::array::from_fn(|k| a[k] || b[k]));
        let legend = super::legend_layout(words, shown, axes.width);
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
        self.plot_y + ((top - value) / (top - bottom) * f64::from(self.plot_h)).round() as i32
    }

    /// The labelled years, oldest first: the multiples of the step, and the first and last
    /// year (where a plan starts and a target usually is), each in place of a round year too
    /// close to it.
    pub fn year_ticks(&self) -> Vec<i32> {
        let (first, last) = self.years;
        let mut ticks: Vec<i32> = (first..=last).filter(|y| y.rem_euclid(self.year_step) == 0).collect();
        let apart = |a: i32, b: i32| f64::from((self.x(b) - self.x(a)).abs()) >= year_room();
        if ticks.last() != Some(&last) {
            ticks.retain(|&y| apart(y, last));
            ticks.push(last);
        }
        if ticks.first() != Some(&first) {
            ticks.retain(|&y| y == last || apart(first, y));
            ticks.insert(0, first);
        }
        ticks.dedup();
        ticks
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

/// Labelled years every 1, 2, 5, 10, … years: the fewest that keep four-digit labels apart in
/// the plot's width.
fn year_step(span: i32) -> i32 {
    let per_year = f64::from(PLOT_W) / f64::from(span + 1);
    [1, 2, 5, 10, 20, 50, 100]
        .into_iter()
        .find(|&s| f64::from(s) * per_year >= year_room())
        .unwrap_or(1000)
}

/// The room a year label needs: its width and a gap.
fn year_room() -> f64 {
    f64::from(text_width_at("2025", FONT) + 12)
}

/// The value axis for data from `lo` to `hi`: (bottom, top, step), at most five steps of a
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
    // The finest round step that spans the data in at most five intervals.
    let magnitude = 10f64.powi(((hi - lo) / 5.0).log10().floor() as i32);
    let edges = |step: f64| {
        // The epsilon keeps 0.3 / 0.1 = 2.9999… from adding a step.
        let (b, t) = (((lo / step) + 1e-9).floor(), ((hi / step) - 1e-9).ceil());
        (b * step, t * step, t - b)
    };
    let step = [1.0, 2.0, 2.5, 5.0, 10.0, 20.0, 25.0, 50.0]
        .into_iter()
        .map(|m| m * magnitude)
        .find(|&step| edges(step).2 <= 5.0)
        .unwrap_or(100.0 * magnitude);
    let (bottom, top, _) = edges(step);
    (bottom, top, step)
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

/// The lines of a target's label and status as wrapped.
pub(super) fn label_lines(label: &str, status: &str) -> i32 {
    (wrap(label, LABEL_MAX).len() + wrap(status, LABEL_MAX).len()) as i32
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
    use unicode_width::UnicodeWidthStr;
    // A width is a function of the columns: the line's columns are added up, not the line
    // measured again for every word.
    let fits = |columns: usize| crate::render::chart::columns_width(columns, FONT) <= max;
    let mut lines: Vec<String> = Vec::new();
    let (mut line, mut columns) = (String::new(), 0);
    for (word, spaced) in words(text) {
        let gap = usize::from(spaced && !line.is_empty());
        let joined = columns + gap + word.width();
        if line.is_empty() || fits(joined) {
            if gap == 1 {
                line.push(' ');
            }
            line.push_str(&word);
            columns = joined;
        } else {
            columns = word.width();
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
        assert_eq!(value_axis(95.0, 95.0), (0.0, 100.0, 20.0));
        assert_eq!(value_axis(0.0, 0.0), (0.0, 1.0, 0.2));
        assert_eq!(value_axis(-4.0, -4.0), (-4.0, 0.0, 1.0));
        // The finest step that fits: 0–46 in tens, not 0–60 in twenties.
        assert_eq!(value_axis(22.0, 46.0), (0.0, 50.0, 10.0));
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
    fn every_value_axis_holds_its_data_in_one_to_five_round_steps() {
        let samples = [
            -1234.5, -40.0, -2.5, -0.3, 0.0, 0.07, 0.33, 1.0, 9.9, 22.0, 95.0, 99.2, 1e6,
        ];
        for &a in &samples {
            for &b in samples.iter().filter(|&&b| b >= a) {
                let (bottom, top, step) = value_axis(a, b);
                let steps = (top - bottom) / step;
                assert!(bottom <= a + 1e-9 && top >= b - 1e-9, "{a}..{b}: {bottom}..{top}");
                assert!(
                    (1.0 - 1e-9..=5.0 + 1e-9).contains(&steps),
                    "{a}..{b}: {steps} steps of {step}"
                );
                let lead = step / 10f64.powi(step.log10().floor() as i32);
                assert!(
                    [1.0, 2.0, 2.5, 5.0].iter().any(|m| (lead - m).abs() < 1e-6),
                    "{step} is round"
                );
            }
        }
    }

    #[test]
    fn tick_texts_have_fixed_decimals() {
        assert_eq!(value_ticks(0.0, 1.0, 0.25), ["0.00", "0.25", "0.50", "0.75", "1.00"]);
        assert_eq!(value_ticks(0.0, 1.0, 0.2), ["0.0", "0.2", "0.4", "0.6", "0.8", "1.0"]);
        assert_eq!(value_ticks(-2.0, 2.0, 1.0), ["-2", "-1", "0", "1", "2"]);
        assert_eq!(value_ticks(-0.5, 0.5, 0.5), ["-0.5", "0.0", "0.5"]);
    }

    #[test]
    fn years_are_labelled_sparsely_enough() {
        assert_eq!(year_step(0), 1);
        assert_eq!(year_step(2), 1, "three years: each labelled");
        let per_year = |span: i32| f64::from(PLOT_W) / f64::from(span + 1);
        for span in 0..80 {
            let step = year_step(span);
            assert!(f64::from(step) * per_year(span) >= year_room(), "{span}: labels apart");
            assert!(
                span == 0 || year_step(span - 1) <= step,
                "a longer span never labels more densely"
            );
        }
        assert!(year_step(15) >= 5 && year_step(40) >= 10);
    }

    #[test]
    fn the_first_and_last_years_are_labelled_and_labels_stay_apart() {
        for first in [2015, 2016, 2020, 2021] {
            for span in 0..40 {
                let axes = Axes {
                    years: (first, first + span),
                    year_step: year_step(span),
                    values: (0.0, 1.0),
                    value_step: 0.25,
                    width: 480,
                    height: 300,
                    plot_x: 40,
                    plot_y: 40,
                    plot_h: PLOT_H,
                    legend_y: 280,
                };
                let ticks = axes.year_ticks();
                assert_eq!(
                    (ticks.first(), ticks.last()),
                    (Some(&first), Some(&(first + span))),
                    "{ticks:?}"
                );
                for pair in ticks.windows(2) {
                    let gap = f64::from(axes.x(pair[1]) - axes.x(pair[0]));
                    assert!(gap >= year_room(), "{first}+{span}: {ticks:?}");
                }
            }
        }
    }

    #[test]
    fn labels_wrap_where_text_can_break() {
        assert_eq!(wrap("目标 ≤25（2025年）", LABEL_MAX), ["目标 ≤25", "（2025年）"]);
        assert_eq!(wrap("met (achieved early)", LABEL_MAX), ["met (achieved", "early)"]);
        assert_eq!(wrap("已提前达成", LABEL_MAX), ["已提前达成"]);
        // Never before a closing bracket, never inside a number.
        for l in wrap("目标值为百分之九十五点五（2035年）", 100) {
            assert!(!l.starts_with('）') && !l.ends_with('（'), "{l}");
        }
        let long = "aVeryLongWordWithoutAnySpaceAtAll";
        assert_eq!(wrap(long, 50), [long], "a word wider than the line keeps its own line");
        assert!(wrap("", 100).is_empty());
    }
}
