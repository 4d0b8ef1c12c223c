use clap::Args as ClapArgs;
use plansite::diagnostics::Diagnostics;
use plansite::render::survey::{Edition, survey};
use plansite::translations::{State, mark_reviewed, save, states};
use std::path::PathBuf;

/// Show which translated sections are up to date, stale (their source text changed after the
/// translation was reviewed) or unrecorded; with --reviewed, mark sections reviewed.
#[derive(ClapArgs)]
pub(super) struct Args {
    /// Folder with site.yaml and plans/
    #[arg(long, default_value = "content")]
    source: PathBuf,
    /// Mark this plan's translations reviewed against the source text as it is now (`all`: every plan)
    #[arg(long, value_name = "PLAN")]
    reviewed: Option<String>,
    /// With --reviewed: only this language's edition (default: every translated language)
    #[arg(long, requires = "reviewed")]
    lang: Option<String>,
    /// With --reviewed: only this section (repeatable; default: every section)
    #[arg(long, value_name = "ID", requires = "reviewed")]
    section: Vec<String>,
    /// With --reviewed: the review date to record (YYYY-MM-DD; default: today, UTC)
    #[arg(long, requires = "reviewed")]
    date: Option<String>,
}

pub(super) fn run(args: Args) -> Result<(), String> {
    let mut diags = Diagnostics::default();
    let site = plansite::load::load(&args.source, &mut diags);
    let errors: Vec<_> = diags.0.iter().filter(|d| d.is_error()).cloned().collect();
    let Some(site) = site.filter(|_| errors.is_empty()) else {
        return Err(super::report(&errors).replace("; nothing was written", ""));
    };
    let editions = survey(&site).map_err(|d| super::report(&[d]).replace("; nothing was written", ""))?;
    match &args.reviewed {
        None => {
            print_states(&editions);
            Ok(())
        }
        Some(plan) => mark(&args, plan, &editions),
    }
}

fn print_states(editions: &[Edition]) {
    let (mut stale_total, mut unrecorded_total) = (0, 0);
    for e in editions {
        if !e.translated {
            println!(
                "{} {}: not translated yet, {} sections missing",
                e.plan,
                e.lang,
                e.sources.len()
            );
            continue;
        }
        let states = states(&e.sources, &e.record);
        let count = |f: fn(&State) -> bool| states.iter().filter(|(_, s)| f(s)).count();
        let (fresh, stale) = (
            count(|s| *s == State::UpToDate),
            count(|s| matches!(s, State::Stale { .. })),
        );
        let unrecorded = count(|s| *s == State::Unrecorded);
        println!(
            "{} {}: {fresh} up to date, {stale} stale, {unrecorded} unrecorded{}",
            e.plan,
            e.lang,
            if e.recorded { "" } else { " (never reviewed)" }
        );
        for (s, state) in &states {
            let label = match state {
                State::UpToDate => continue,
                State::Stale { .. } => "stale",
                State::Unrecorded => "unrecorded",
            };
            let (line, heading) = e.headings.get(&s.id).map_or((0, ""), |(l, h)| (*l, h.as_str()));
            println!("  {label:<10} {:<8} {}:{line}  {heading}", s.id, e.path.display());
        }
        stale_total += stale;
        unrecorded_total += unrecorded;
    }
    if stale_total + unrecorded_total > 0 {
        println!("after updating a translation: plansite translations --reviewed PLAN [--lang LANG] [--section ID]");
    }
}

fn mark(args: &Args, plan: &str, editions: &[Edition]) -> Result<(), String> {
    let date = match &args.date {
        Some(d) if plansite::load::parse_date(d).is_some() => d.clone(),
        Some(d) => return Err(format!("error: --date {d:?} is not a date (write YYYY-MM-DD)")),
        None => time::OffsetDateTime::now_utc().date().to_string(),
    };
    let chosen: Vec<&Edition> = (editions.iter())
        .filter(|e| plan == "all" || e.plan == plan)
        .filter(|e| args.lang.as_ref().is_none_or(|l| *l == e.lang) && e.translated)
        .collect();
    if chosen.is_empty() {
        return Err(format!(
            "error: no translated edition of `{plan}`{} has text\nhelp: plans with translations: {}",
            args.lang.as_ref().map(|l| format!(" in `{l}`")).unwrap_or_default(),
            names(editions)
        ));
    }
    for id in &args.section {
        if !chosen.iter().all(|e| e.sources.iter().any(|s| &s.id == id)) {
            return Err(format!(
                "error: section `{id}` is not a section of `{plan}`'s source text"
            ));
        }
    }
    for e in chosen {
        let (record, marked) = mark_reviewed(&e.record, &e.sources, &args.section, &date);
        let path = save(&args.source, (&e.plan, &e.lang), &record, (&e.path, &e.source_path))
            .map_err(|err| format!("error: cannot write the record of {} {}: {err}", e.plan, e.lang))?;
        println!(
            "{} {}: {marked} section(s) marked reviewed on {date} in {}",
            e.plan,
            e.lang,
            path.display()
        );
    }
    Ok(())
}

fn names(editions: &[Edition]) -> String {
    let mut plans: Vec<&str> = editions.iter().map(|e| e.plan.as_str()).collect();
    plans.dedup();
    plans.join(", ")
}
