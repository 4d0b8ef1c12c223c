//! A time bound on each template render. Tera has no limit on loop iterations: two nested loops
//! over `range(end=100000)` run for hours and a Tera render cannot be interrupted, so a render
//! past the limit ends the build with an error naming the template and its innermost loop.

use crate::diagnostics::{Diagnostic, Location, SourceCache};
use std::collections::BTreeMap;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Mutex, Once};
use std::time::{Duration, Instant};

/// The longest a single page's template may take (`PLANSITE_RENDER_LIMIT_MS` overrides it):
/// real pages take milliseconds each (the 1,000-plan corpus renders its ~2,000 pages in about
/// two seconds on two cores), so only a runaway loop gets near it.
const DEFAULT_LIMIT: Duration = Duration::from_secs(10);

struct Active {
    started: Instant,
    template: String,
    innermost_loop: Option<Location>,
}

static ACTIVE: Mutex<BTreeMap<u64, Active>> = Mutex::new(BTreeMap::new());
static NEXT: AtomicU64 = AtomicU64::new(0);
static START: Once = Once::new();

/// A render being timed; dropping it ends the timing.
pub(super) struct Watch(u64);

impl Drop for Watch {
    fn drop(&mut self) {
        ACTIVE.lock().unwrap_or_else(|e| e.into_inner()).remove(&self.0);
    }
}

/// Times a render of `template`; `innermost_loop` is where the error will point.
pub(super) fn watch(template: &str, innermost_loop: Option<Location>) -> Watch {
    START.call_once(|| {
        std::thread::spawn(watchdog);
    });
    let id = NEXT.fetch_add(1, Ordering::Relaxed);
    let active = Active {
        started: Instant::now(),
        template: template.to_string(),
        innermost_loop,
    };
    ACTIVE.lock().unwrap_or_else(|e| e.into_inner()).insert(id, active);
    Watch(id)
}

fn limit() -> Duration {
    std::env::var("PLANSITE_RENDER_LIMIT_MS")
        .ok()
        .and_then(|ms| ms.parse().ok())
        .map_or(DEFAULT_LIMIT, Duration::from_millis)
}

fn watchdog() {
    let limit = limit();
    let tick = (limit / 20).clamp(Duration::from_millis(10), Duration::from_millis(500));
    loop {
        std::thread::sleep(tick);
        let overdue = ACTIVE
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .values()
            .find(|a| a.started.elapsed() > limit)
            .map(|a| (a.template.clone(), a.innermost_loop.clone()));
        if let Some((template, at)) = overdue {
            let d = Diagnostic::error(
                at,
                format!(
                    "rendering with template {template} did not finish in {} s: a loop in it runs too long",
                    limit.as_secs_f64()
                ),
            )
            .with_hint("a page's loops should go over the site's data: check this loop (and loops nested in it) for a large range()");
            eprintln!("{}\n", d.render_with(&mut SourceCache::default()));
            eprintln!("error: 1 error(s), 0 warning(s); nothing was written");
            crate::abort::exit(1);
        }
    }
}

/// The `{% for` that is nested deepest in a template's source (the first of equals), with its
/// depth.
pub(super) fn innermost_loop(source: &str, file: &std::path::Path) -> Option<(usize, Location)> {
    let (mut depth, mut best): (usize, Option<(usize, Location)>) = (0, None);
    for (n, line) in source.lines().enumerate() {
        let mut rest = line;
        while let Some(i) = rest.find("{%") {
            let tag = rest[i + 2..].trim_start_matches(['-', ' ']);
            if tag.starts_with("for ") {
                depth += 1;
                if best.as_ref().is_none_or(|(d, _)| depth > *d) {
                    let column = line[..line.len() - rest.len() + i].chars().count() + 1;
                    best = Some((depth, Location::new(file, n + 1, column)));
                }
            } else if tag.starts_with("endfor") {
                depth = depth.saturating_sub(1);
            }
            rest = &rest[i + 2..];
        }
    }
    best
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::path::Path;

    #[test]
    fn finds_the_innermost_loop() {
        let src = "{% for a in x %}\n{% endfor %}\n<p>{% for a in r %}{% for b in r %}{{ b }}{% endfor %}{% endfor %}";
        let (depth, at) = innermost_loop(src, Path::new("t.html")).unwrap();
        assert_eq!((depth, at.line, at.column), (2, 3, 20));
        assert!(innermost_loop("<p>no loops</p>", Path::new("t.html")).is_none());
    }
}
