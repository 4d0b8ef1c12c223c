//! The progress chart in each plan's block of an indicator page: the plan's figures and targets
//! over time ([`crate::render::trend`]), on axes shared by every plan of the indicator.
//!
//! The chart words what the block beside it says: the statuses are the ones [`Progress`]
//! computed, worded by [`Ctx::status_label`]; nothing is judged again here.
//!
//! [`Progress`]: crate::tracking::Progress

use super::Ctx;
use super::progress::PlanProgress;
use crate::content::{Comparator, Language};
use crate::render::trend::{self, Axes, Goal, Point, Series, Tone, Words};
use crate::tracking::{Seen, Source, Status, TargetProgress};
use std::collections::HashMap;

impl Ctx<'_> {
    /// Draws the chart of every block in `blocks` (indicator `i`'s plans) that has a numeric
    /// target with a year; the others keep an empty `chart`.
    pub(super) fn trend_charts(&self, lang: &Language, i: usize, blocks: &mut [PlanProgress]) {
        let plans: Vec<&str> = blocks.iter().map(|b| b.plan.as_str()).collect();
        let series = self.series(lang, i, &plans);
        let drawn: Vec<&Series> = series.iter().filter(|s| !s.goals.is_empty()).collect();
        let ind = &self.site.indicators[i];
        let legend = ["plan", "monitoring", "target", "path"].map(|k| self.s(lang, &format!("trend.legend.{k}")));
        let (intro, separator, end) = (
            self.s(lang, "trend.desc"),
            self.s(lang, "list.separator"),
            self.s(lang, "list.end"),
        );
        let words = Words {
            unit: self.text(lang, &ind.unit),
            legend: legend.each_ref().map(String::as_str),
            intro: &intro,
            separator: &separator,
            end: &end,
        };
        let Some(axes) = Axes::of(&drawn, &words) else {
            return;
        };
        let name = self.shown(lang, &ind.name).text;
        for (block, s) in blocks.iter_mut().zip(&series) {
            if s.goals.is_empty() {
                continue;
            }
            let title = (self.s(lang, "trend.title"))
                .replace("{plan}", &block.plan_title)
                .replace("{indicator}", &name);
            block.chart = trend::render(s, &axes, &words, &title, &format!("trend-{}", block.plan));
            block.chart_caption = self.s(lang, "trend.caption").replace("{plan}", &block.plan_title);
        }
    }

    /// The series of each of `plans` for indicator `i`: the observations its numeric targets
    /// count (each year once, oldest first) and those targets. One pass over the indicator's
    /// targets, however many plans share it.
    fn series(&self, lang: &Language, i: usize, plans: &[&str]) -> Vec<Series> {
        let ind = &self.site.indicators[i];
        // Looked up only: the output follows `plans` and the sheet's order.
        let index: HashMap<&str, usize> = plans.iter().enumerate().map(|(k, &p)| (p, k)).collect();
        let mut out = vec![Series::default(); plans.len()];
        for t in self.progress.of_indicator(i) {
            let (Some(&k), Some(goal)) = (index.get(ind.values[t.value].plan.as_str()), self.goal(lang, t)) else {
                continue;
            };
            let series = &mut out[k];
            for s in &t.seen {
                if !series.points.iter().any(|p| p.year == s.year) {
                    series.points.push(self.point(lang, i, s));
                }
            }
            series.goals.push(goal);
        }
        for series in &mut out {
            series.points.sort_by_key(|p| p.year);
        }
        out
    }

    fn point(&self, lang: &Language, i: usize, s: &Seen) -> Point {
        let ind = &self.site.indicators[i];
        // The number as the source writes it: "22", not "22.0".
        let (label, monitoring) = match s.source {
            Source::Plan(k) => (ind.values[k].value.as_ref().map(ToString::to_string), false),
            Source::Monitoring(r) => (Some(self.site.monitoring[r].value_text.clone()), true),
        };
        Point {
            year: s.year,
            value: s.value,
            label: label.unwrap_or_else(|| s.value.to_string()),
            description: self.observation(lang, i, s),
            monitoring,
        }
    }

    /// Target `t` as the chart draws it; `None` for a target without a number or a year.
    fn goal(&self, lang: &Language, t: &TargetProgress) -> Option<Goal> {
        let v = &self.site.indicators[t.indicator].values[t.value];
        let (value, year) = (v.number()?, t.year?);
        let value_max = v.value_max.as_ref().and_then(serde_json::Number::as_f64);
        let number = |n: &Option<serde_json::Number>| n.as_ref().map(ToString::to_string).unwrap_or_default();
        let written = match (v.comparator, value_max) {
            (Comparator::Range, Some(_)) => format!("{}–{}", number(&v.value), number(&v.value_max)),
            (c, _) => format!("{}{}", c.sign(), number(&v.value)),
        };
        let status = self.status_label(lang, t);
        let target = format!(
            "{}{}",
            self.s(lang, "progress.target_in")
                .replace("{year}", &self.value_year(lang, v)),
            self.text(lang, &v.text)
        );
        // The path on/off track is judged by; for one figure short of the target, the path
        // still to go.
        let path = (t.assessment.path_value.is_some() || t.status() == Status::TooEarly)
            .then(|| t.used().next())
            .flatten()
            .filter(|start| start.year < year)
            .map(|start| {
                (
                    (start.year, start.value),
                    (year, aim(value, value_max, v.comparator, start.value)),
                )
            });
        Some(Goal {
            year,
            value,
            value_max,
            label: (self.s(lang, "trend.target"))
                .replace("{value}", &written)
                .replace("{year}", &self.value_year(lang, v)),
            description: (self.s(lang, "trend.goal"))
                .replace("{target}", &target)
                .replace("{status}", &status),
            status,
            path,
            tone: tone(t.status()),
        })
    }
}

/// Where the straight path ends: the target, or for a range the bound nearer to where it
/// starts (as the status rule aims, see `tracking::status`).
fn aim(value: f64, value_max: Option<f64>, comparator: Comparator, from: f64) -> f64 {
    match (comparator, value_max) {
        (Comparator::Range, Some(max)) if (from - max).abs() < (from - value).abs() => max,
        _ => value,
    }
}

fn tone(status: Status) -> Tone {
    match status {
        Status::Met | Status::OnTrack => Tone::Good,
        Status::NotMet | Status::OffTrack => Tone::Bad,
        Status::TooEarly => Tone::Pending,
        Status::NoData | Status::Qualitative => Tone::Neutral,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_range_path_aims_at_the_nearer_bound() {
        assert_eq!(aim(2.0, Some(3.0), Comparator::Range, 6.0), 3.0);
        assert_eq!(aim(2.0, Some(3.0), Comparator::Range, 0.5), 2.0);
        assert_eq!(aim(25.0, None, Comparator::AtMost, 30.0), 25.0);
    }

    #[test]
    fn only_judged_statuses_colour_the_marker() {
        assert_eq!(tone(Status::Met), Tone::Good);
        assert_eq!(tone(Status::OffTrack), Tone::Bad);
        assert_eq!(tone(Status::NoData), Tone::Neutral);
    }
}
