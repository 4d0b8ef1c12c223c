//! Build progress: phases reported by [`crate::build`], shown as a bar on a terminal only.

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use std::io::IsTerminal;
use std::sync::{Arc, Mutex};
use std::time::Duration;

/// The build's phases in order; the last one counted is `write`.
pub const PHASES: [&str; 5] = ["load", "validate", "render", "index", "write"];

/// Receives the build's phases as they start.
pub trait Progress: Send + Sync {
    /// Phase `name` (one of `PHASES`) starts.
    fn phase(&self, name: &'static str);
}

/// A bar on stderr that appears only once a build has run longer than a delay, and only when
/// stderr is a terminal: short builds and piped output show nothing.
pub struct TerminalProgress {
    bar: ProgressBar,
    finished: Arc<Mutex<bool>>,
}

impl TerminalProgress {
    /// A bar for one build: it shows after `delay`, if stderr is a terminal.
    pub fn start(delay: Duration) -> Arc<Self> {
        let bar = ProgressBar::with_draw_target(Some(PHASES.len() as u64), ProgressDrawTarget::hidden());
        if let Ok(style) = ProgressStyle::with_template("{spinner} building [{bar:24}] {pos}/{len} {msg} ({elapsed})") {
            bar.set_style(style.progress_chars("=> "));
        }
        let finished = Arc::new(Mutex::new(false));
        if std::io::stderr().is_terminal() {
            let (bar, finished) = (bar.clone(), finished.clone());
            std::thread::spawn(move || {
                std::thread::sleep(delay);
                let done = finished.lock().unwrap_or_else(|e| e.into_inner());
                if !*done {
                    bar.set_draw_target(ProgressDrawTarget::stderr());
                    bar.enable_steady_tick(Duration::from_millis(100));
                }
            });
        }
        Arc::new(TerminalProgress { bar, finished })
    }

    /// Removes the bar (if it was shown) before the summary is printed.
    pub fn finish(&self) {
        let mut done = self.finished.lock().unwrap_or_else(|e| e.into_inner());
        *done = true;
        self.bar.finish_and_clear();
    }
}

impl Progress for TerminalProgress {
    fn phase(&self, name: &'static str) {
        if let Some(i) = PHASES.iter().position(|p| *p == name) {
            self.bar.set_position(i as u64);
        }
        self.bar.set_message(name);
    }
}
