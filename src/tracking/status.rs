//! How far a numeric target has come: a status computed from the observations of the same
//! plan and indicator, by one rule that every indicator page states.
//!
//! A status is a claim about a government, so it never guesses: it says which observations it
//! used, and "too early" or "no data" where the data cannot tell.

use crate::content::{Better, Comparator};
use serde::Serialize;

/// What a target is: reach `value` (up to `value_max` for a range) by `year`.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Target {
    /// The year the target is judged in (a span's last year; for a yearly target that of the latest observation).
    pub year: i32,
    /// `None`: a qualitative target.
    pub value: Option<f64>,
    /// Upper bound of a range target; `None` otherwise.
    pub value_max: Option<f64>,
    /// How `value` bounds the target (at least, about, a range, …).
    pub comparator: Comparator,
    /// Whether higher or lower figures are better: decides `=` and `~` targets and the straight path.
    pub better: Better,
}

/// One figure of the indicator for the plan: stated by the plan (baseline, actual) or reported
/// after it (monitoring data).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Observation {
    /// The calendar year the figure is for.
    pub year: i32,
    /// The figure, in the indicator's unit.
    pub value: f64,
}

/// Where a target stands, as of the site's `as_of` date.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Status {
    /// Reached by an observation in (or after) the target year, or achieved early.
    Met,
    /// The target year has an observation, and it misses the target.
    NotMet,
    /// At least as good as the straight path from the first observation to the target.
    OnTrack,
    /// Behind the straight path from the first observation to the target.
    OffTrack,
    /// Only one observation before the target year: too early to tell.
    TooEarly,
    /// No observation, or none for a target year that is over.
    NoData,
    /// The target has no number to measure against.
    Qualitative,
}

impl Status {
    /// Every status, in declaration order (the order pages list them in).
    pub const ALL: [Status; 7] = [
        Status::Met,
        Status::NotMet,
        Status::OnTrack,
        Status::OffTrack,
        Status::TooEarly,
        Status::NoData,
        Status::Qualitative,
    ];

    /// The key of open data and of UI strings: `met`, `not-met`, …
    pub fn key(self) -> &'static str {
        match self {
            Status::Met => "met",
            Status::NotMet => "not-met",
            Status::OnTrack => "on-track",
            Status::OffTrack => "off-track",
            Status::TooEarly => "too-early",
            Status::NoData => "no-data",
            Status::Qualitative => "qualitative",
        }
    }
}

/// A target's status and what it rests on.
#[derive(Debug, Clone, PartialEq)]
pub struct Assessment {
    /// The status, decided by the observations in `used`.
    pub status: Status,
    /// Met before the target year (by the latest observation before it).
    pub early: bool,
    /// Indexes into the observations given: the ones the status was decided by, oldest first.
    pub used: Vec<usize>,
    /// On the straight path from the first observation to the target: its value in the year of
    /// the latest observation (for on/off track).
    pub path_value: Option<f64>,
    /// The change per year still needed from the latest observation to reach the target by
    /// its year; `None` when met, past the target year, or nothing to start from.
    pub yearly_change_needed: Option<f64>,
}

/// Whether `v` satisfies the target. `=` and `~` targets ("稳定在25", "达到95%", "约25") are
/// met by a value at least as good as theirs (per `better`); a range by a value inside it
/// (bounds included).
pub fn satisfies(t: &Target, v: f64) -> bool {
    let Some(goal) = t.value else { return false };
    match t.comparator {
        Comparator::AtLeast => v >= goal,
        Comparator::Above => v > goal,
        Comparator::AtMost => v <= goal,
        Comparator::Below => v < goal,
        Comparator::Exactly | Comparator::About => match t.better {
            Better::Higher => v >= goal,
            Better::Lower => v <= goal,
        },
        Comparator::Range => v >= goal && t.value_max.is_none_or(|max| v <= max),
    }
}

/// The value a straight path aims at: the target, or for a range the bound nearer to `from`.
fn aim(t: &Target, goal: f64, from: f64) -> f64 {
    match (t.comparator, t.value_max) {
        (Comparator::Range, Some(max)) if (from - max).abs() < (from - goal).abs() => max,
        _ => goal,
    }
}

/// At least as good as `than`, per `better` (equal counts as good).
fn as_good(better: Better, v: f64, than: f64) -> bool {
    match better {
        Better::Higher => v >= than,
        Better::Lower => v <= than,
    }
}

/// Assesses target `t` from `obs` (any order; one per year, see the loader), as of the year
/// `as_of` (the build never reads the clock: the site says when its data stand).
///
/// 1. No number: qualitative. No observation: no data.
/// 2. Observations at or after the target year: the latest decides, met or not met.
/// 3. Otherwise the latest observation decides if it already satisfies the target: met,
///    achieved early.
/// 4. Otherwise, once the target year is over (`as_of` after it), there is no figure for the
///    year that counts: no data.
/// 5. Otherwise, with an earlier observation to start from: on track when the latest is at least
///    as good as the straight line from the first observation to the target, in its year;
///    off track when not. With only one observation: too early to tell.
pub fn assess(t: &Target, obs: &[Observation], as_of: i32) -> Assessment {
    let mut order: Vec<usize> = (0..obs.len()).collect();
    order.sort_by_key(|&i| obs[i].year);
    let result = |status, early, used: Vec<usize>| Assessment {
        status,
        early,
        used,
        path_value: None,
        yearly_change_needed: None,
    };
    let Some(goal) = t.value else {
        return result(Status::Qualitative, false, Vec::new());
    };
    let Some(&latest) = order.last() else {
        return result(Status::NoData, false, Vec::new());
    };
    let last = obs[latest];
    if last.year >= t.year {
        let status = if satisfies(t, last.value) {
            Status::Met
        } else {
            Status::NotMet
        };
        return result(status, false, vec![latest]);
    }
    if satisfies(t, last.value) {
        return result(Status::Met, true, vec![latest]);
    }
    if as_of > t.year {
        return result(Status::NoData, false, Vec::new());
    }
    let years_left = f64::from(t.year - last.year);
    let needed = Some((aim(t, goal, last.value) - last.value) / years_left);
    let first = order[0];
    if obs[first].year == last.year {
        return Assessment {
            yearly_change_needed: needed,
            ..result(Status::TooEarly, false, vec![latest])
        };
    }
    let start = obs[first];
    let end = aim(t, goal, start.value);
    let share = f64::from(last.year - start.year) / f64::from(t.year - start.year);
    let path = start.value + (end - start.value) * share;
    let status = if as_good(t.better, last.value, path) {
        Status::OnTrack
    } else {
        Status::OffTrack
    };
    Assessment {
        status,
        early: false,
        used: vec![first, latest],
        path_value: Some(path),
        yearly_change_needed: needed,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn target(value: f64, year: i32, comparator: Comparator, better: Better) -> Target {
        Target {
            year,
            value: Some(value),
            value_max: None,
            comparator,
            better,
        }
    }

    fn obs(points: &[(i32, f64)]) -> Vec<Observation> {
        points
            .iter()
            .map(|&(year, value)| Observation { year, value })
            .collect()
    }

    const AT_LEAST_95_IN_2025: Target = Target {
        year: 2025,
        value: Some(95.0),
        value_max: None,
        comparator: Comparator::AtLeast,
        better: Better::Higher,
    };

    #[test]
    fn every_status() {
        let t = AT_LEAST_95_IN_2025;
        let status = |points: &[(i32, f64)]| assess(&t, &obs(points), 2024).status;
        assert_eq!(status(&[]), Status::NoData);
        assert_eq!(status(&[(2020, 90.0), (2025, 96.0)]), Status::Met);
        assert_eq!(status(&[(2020, 90.0), (2026, 94.0)]), Status::NotMet);
        assert_eq!(
            status(&[(2020, 90.0), (2023, 93.5)]),
            Status::OnTrack,
            "path at 2023 is 93"
        );
        assert_eq!(status(&[(2020, 90.0), (2023, 92.0)]), Status::OffTrack);
        assert_eq!(status(&[(2020, 90.0)]), Status::TooEarly);
        let q = Target { value: None, ..t };
        assert_eq!(assess(&q, &obs(&[(2020, 1.0)]), 2024).status, Status::Qualitative);
    }

    #[test]
    fn achieved_early_rests_on_the_latest_observation() {
        let a = assess(&AT_LEAST_95_IN_2025, &obs(&[(2022, 96.0), (2020, 90.0)]), 2024);
        assert_eq!((a.status, a.early, a.used.clone()), (Status::Met, true, vec![0]));
        // Met once, fallen back since: not "met early".
        let b = assess(&AT_LEAST_95_IN_2025, &obs(&[(2021, 96.0), (2023, 94.0)]), 2024);
        assert_eq!(
            b.status,
            Status::OffTrack,
            "94 is below the path from 96 to 95 (95.5 in 2023)"
        );
    }

    #[test]
    fn equal_values_count_as_reached() {
        assert_eq!(
            assess(&AT_LEAST_95_IN_2025, &obs(&[(2025, 95.0)]), 2024).status,
            Status::Met
        );
        let strict = target(95.0, 2025, Comparator::Above, Better::Higher);
        assert_eq!(assess(&strict, &obs(&[(2025, 95.0)]), 2024).status, Status::NotMet);
        // Exactly on the path is on track.
        let a = assess(&AT_LEAST_95_IN_2025, &obs(&[(2020, 90.0), (2023, 93.0)]), 2024);
        assert_eq!((a.status, a.path_value), (Status::OnTrack, Some(93.0)));
    }

    #[test]
    fn lower_is_better() {
        // PM2.5 at most 25 by 2025; Rui'an's 2020 figure of 22 already meets it.
        let pm = target(25.0, 2025, Comparator::AtMost, Better::Lower);
        let a = assess(&pm, &obs(&[(2020, 22.0)]), 2024);
        assert_eq!((a.status, a.early), (Status::Met, true));
        let energy = target(0.33, 2025, Comparator::Exactly, Better::Lower);
        assert_eq!(
            assess(&energy, &obs(&[(2020, 0.53), (2022, 0.40)]), 2024).status,
            Status::OnTrack
        );
        assert_eq!(
            assess(&energy, &obs(&[(2020, 0.53), (2022, 0.50)]), 2024).status,
            Status::OffTrack
        );
        assert_eq!(
            assess(&energy, &obs(&[(2025, 0.30)]), 2024).status,
            Status::Met,
            "= met by better"
        );
    }

    #[test]
    fn a_target_year_already_past() {
        let t = target(100.0, 2020, Comparator::Exactly, Better::Higher);
        let a = assess(&t, &obs(&[(2015, 90.0), (2021, 99.0)]), 2024);
        assert_eq!((a.status, a.yearly_change_needed), (Status::NotMet, None));
        // Only figures from before a target year that is over: nothing tells whether it was met.
        assert_eq!(
            assess(&t, &obs(&[(2015, 90.0), (2018, 97.0)]), 2024).status,
            Status::NoData
        );
        // As of the target year itself it is still open.
        assert_eq!(
            assess(&t, &obs(&[(2015, 90.0), (2018, 97.0)]), 2020).status,
            Status::OnTrack
        );
        // A figure before it that already meets it still counts.
        assert_eq!(assess(&t, &obs(&[(2018, 100.0)]), 2024).status, Status::Met);
    }

    #[test]
    fn ranges_and_about() {
        let range = Target {
            value_max: Some(3.0),
            ..target(2.0, 2025, Comparator::Range, Better::Higher)
        };
        assert!(satisfies(&range, 2.0) && satisfies(&range, 3.0) && !satisfies(&range, 3.1));
        let a = assess(&range, &obs(&[(2020, 6.0), (2022, 5.0)]), 2024);
        assert_eq!(a.path_value, Some(6.0 - 3.0 * 0.4), "aims at the nearer bound, 3");
        let about = target(25.0, 2025, Comparator::About, Better::Higher);
        assert!(satisfies(&about, 25.0) && !satisfies(&about, 24.9));
    }

    #[test]
    fn the_yearly_change_still_needed() {
        let a = assess(&AT_LEAST_95_IN_2025, &obs(&[(2020, 90.0), (2023, 92.0)]), 2024);
        assert_eq!(a.yearly_change_needed, Some(1.5));
        assert_eq!(
            assess(&AT_LEAST_95_IN_2025, &obs(&[(2025, 96.0)]), 2024).yearly_change_needed,
            None
        );
    }
}
