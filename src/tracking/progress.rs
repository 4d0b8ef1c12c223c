//! Every target of a site with its status: which observations count for it, and as of when.
//!
//! Computed once per build from the sheet and the monitoring rows; pages and open data show
//! the same [`TargetProgress`], so a status never differs between the two.

use super::status::{Assessment, Observation as Point, Status, Target, assess};
use crate::content::{Site, ValueKind, Year};
use std::collections::HashMap;

/// Where an observation comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Source {
    /// A baseline or actual the plan states: the index into its indicator's values.
    Plan(usize),
    /// A row of `monitoring/*.csv`: the index into [`Site::monitoring`].
    Monitoring(usize),
}

/// One observation a status was computed from.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Seen {
    /// The calendar year the figure is for.
    pub year: i32,
    /// The figure, in the indicator's unit.
    pub value: f64,
    /// Where it comes from: the plan itself or a monitoring row.
    pub source: Source,
}

/// A target value of the sheet and how far it has come.
#[derive(Debug, Clone, PartialEq)]
pub struct TargetProgress {
    /// Indexes into `site.indicators` and its `values`.
    pub indicator: usize,
    /// Index into that indicator's `values`: the target itself.
    pub value: usize,
    /// The year the target is judged in: its year, the end of its span, or for a yearly target
    /// the year of the latest observation (`None`: no observation).
    pub year: Option<i32>,
    /// The observations that count for it, oldest first.
    pub seen: Vec<Seen>,
    /// The status and the observations it rests on (indexes into `seen`).
    pub assessment: Assessment,
}

impl TargetProgress {
    /// The target's status.
    pub fn status(&self) -> Status {
        self.assessment.status
    }

    /// The observations the status was decided by, oldest first.
    pub fn used(&self) -> impl Iterator<Item = &Seen> {
        self.assessment.used.iter().map(|&k| &self.seen[k])
    }

    /// The latest observation that counts, if any.
    pub fn latest(&self) -> Option<&Seen> {
        self.seen.last()
    }
}

/// Every target of the site, in sheet order, with the date the statuses stand at.
#[derive(Debug, Default)]
pub struct Progress {
    /// `YYYY-MM-DD`: `as_of` in site.yaml, or the newest date the sources carry (plans' issue
    /// and publication dates, monitoring rows' publication dates). The build never reads the
    /// clock, so the same sources always give the same statuses.
    pub as_of: String,
    /// Every target value of the sheet, in sheet order (indicator by indicator).
    pub targets: Vec<TargetProgress>,
    /// (indicator, value) → index into `targets`.
    index: HashMap<(usize, usize), usize>,
    /// Plan id → indexes into `targets`, in sheet order (pages of one plan ask for its targets,
    /// and a scan of all of them per plan would grow with the square of the site).
    by_plan: HashMap<String, Vec<usize>>,
}

impl Progress {
    /// Every target of `site` with its status, as of the site's `as_of` (or the newest source date).
    pub fn of(site: &Site) -> Progress {
        let as_of = as_of(site);
        let as_of_year = as_of.get(..4).and_then(|y| y.parse().ok()).unwrap_or(i32::MAX);
        let rows = monitoring_rows(site, &as_of);
        let mut targets = Vec::new();
        let mut index = HashMap::new();
        for (i, ind) in site.indicators.iter().enumerate() {
            for (j, v) in ind.values.iter().enumerate() {
                if v.kind != ValueKind::Target {
                    continue;
                }
                let seen = observations(site, i, j, rows.get(&(i, v.plan.as_str())).map_or(&[], Vec::as_slice));
                let year = match v.year {
                    Year::Year(y) | Year::Span(_, y) => Some(y),
                    Year::Yearly => seen.last().map(|s| s.year),
                };
                let points: Vec<Point> = seen
                    .iter()
                    .map(|s| Point {
                        year: s.year,
                        value: s.value,
                    })
                    .collect();
                let target = Target {
                    year: year.unwrap_or(as_of_year),
                    value: v.number(),
                    value_max: v.value_max.as_ref().and_then(serde_json::Number::as_f64),
                    comparator: v.comparator,
                    better: ind.better,
                };
                index.insert((i, j), targets.len());
                targets.push(TargetProgress {
                    indicator: i,
                    value: j,
                    year,
                    assessment: assess(&target, &points, as_of_year),
                    seen,
                });
            }
        }
        let mut by_plan: HashMap<String, Vec<usize>> = HashMap::new();
        for (k, t) in targets.iter().enumerate() {
            let plan = &site.indicators[t.indicator].values[t.value].plan;
            by_plan.entry(plan.clone()).or_default().push(k);
        }
        Progress {
            as_of,
            targets,
            index,
            by_plan,
        }
    }

    /// The targets of `plan`, in sheet order.
    pub fn of_plan(&self, plan: &str) -> impl Iterator<Item = &TargetProgress> + Clone {
        (self.by_plan.get(plan).map_or(&[][..], Vec::as_slice).iter()).map(|&k| &self.targets[k])
    }

    /// The targets of indicator `i`, in sheet order (they are contiguous: targets follow the sheet).
    pub fn of_indicator(&self, i: usize) -> &[TargetProgress] {
        let start = self.targets.partition_point(|t| t.indicator < i);
        let end = self.targets.partition_point(|t| t.indicator <= i);
        &self.targets[start..end]
    }

    /// The progress of value `j` of indicator `i`, if it is a target.
    pub fn of_value(&self, i: usize, j: usize) -> Option<&TargetProgress> {
        self.index.get(&(i, j)).map(|&k| &self.targets[k])
    }

    /// How many of `targets` have each status, in [`Status::ALL`] order.
    pub fn counts<'a>(targets: impl IntoIterator<Item = &'a TargetProgress>) -> [usize; Status::ALL.len()] {
        let mut counts = [0; Status::ALL.len()];
        for t in targets {
            counts[t.status() as usize] += 1;
        }
        counts
    }
}

/// The date statuses stand at (see [`Progress::as_of`]); empty when no source has a date.
pub fn as_of(site: &Site) -> String {
    if let Some(date) = &site.config.as_of {
        return date.clone();
    }
    let plan_dates = (site.plans.iter().flat_map(|p| p.docs.values()))
        .flat_map(|d| [Some(&d.front.issued), d.front.published.as_ref()])
        .flatten();
    let monitoring_dates = site.monitoring.iter().map(|o| &o.published);
    // ISO dates sort as text.
    plan_dates.chain(monitoring_dates).max().cloned().unwrap_or_default()
}

/// Monitoring rows published by `as_of`, by (indicator index, plan id).
fn monitoring_rows<'a>(site: &'a Site, as_of: &str) -> HashMap<(usize, &'a str), Vec<usize>> {
    let by_id: HashMap<&str, usize> = (site.indicators.iter().enumerate())
        .map(|(i, ind)| (ind.id.as_str(), i))
        .collect();
    let mut rows: HashMap<(usize, &str), Vec<usize>> = HashMap::new();
    for (r, o) in site.monitoring.iter().enumerate() {
        if let Some(&i) = by_id.get(o.indicator.as_str())
            && (as_of.is_empty() || o.published.as_str() <= as_of)
        {
            rows.entry((i, o.plan.as_str())).or_default().push(r);
        }
    }
    rows
}

/// The observations that count for target `j` of indicator `i`, oldest first: the figures the
/// same plan states for the indicator (baselines and actuals of the same kind of period) and its
/// monitoring rows, which replace a plan figure for the same year (they are the newer report).
///
/// A figure for a span of years (十三五期间) is a total or summary of a period, not a level in
/// one year: it counts only for a target over a span ending in the same year. A yearly target
/// (每年) counts only figures from within the plan's period.
fn observations(site: &Site, i: usize, j: usize, rows: &[usize]) -> Vec<Seen> {
    let ind = &site.indicators[i];
    let target = &ind.values[j];
    let period_start = (site.plan(&target.plan).and_then(|p| p.docs.values().next()))
        .and_then(|d| crate::load::parse_period(&d.front.period))
        .map(|(start, _)| i32::from(start));
    let counts = |year: Year| match (target.year, year) {
        (Year::Year(_), Year::Year(_)) => true,
        (Year::Yearly, Year::Year(y)) => period_start.is_none_or(|start| y >= start),
        (Year::Span(_, end), Year::Span(_, y)) => end == y,
        _ => false,
    };
    let mut seen: Vec<Seen> = Vec::new();
    for (k, v) in ind.values.iter().enumerate() {
        if v.plan != target.plan || v.kind == ValueKind::Target || !counts(v.year) {
            continue;
        }
        if let Some(value) = v.number() {
            seen.push(Seen {
                year: v.year.sort_year(),
                value,
                source: Source::Plan(k),
            });
        }
    }
    if !matches!(target.year, Year::Span(..)) {
        for &r in rows {
            let o = &site.monitoring[r];
            if !counts(Year::Year(o.year)) {
                continue;
            }
            seen.retain(|s| s.year != o.year);
            seen.push(Seen {
                year: o.year,
                value: o.value,
                source: Source::Monitoring(r),
            });
        }
    }
    // Two plan figures for one year (a plan may state both a baseline and an actual): the
    // later in the sheet counts, as a monitoring row would replace it.
    seen.sort_by_key(|s| s.year);
    seen.dedup_by(|later, earlier| {
        let same = later.year == earlier.year;
        if same {
            *earlier = *later;
        }
        same
    });
    seen
}
