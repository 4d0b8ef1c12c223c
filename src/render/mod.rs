//! Stage 3: turn the loaded site into output files (path → bytes), handed to a [`Sink`] as
//! they are made: a build writes each straight to its staging folder, so memory stays flat
//! however many plans there are.

pub mod annotate;
pub mod chart;
pub mod markdown;
mod minify;
mod pages;
mod templates;
mod urls;

use crate::content::Site;
use crate::diagnostics::Diagnostics;
use crate::load::theme::Theme;
use std::collections::BTreeMap;
use std::sync::Mutex;

/// Where rendered files go, from several threads at once.
pub trait Sink: Sync {
    fn add(&self, path: String, bytes: Vec<u8>);
}

/// Keeps the files in memory (`serve`, `check` and tests).
impl Sink for Mutex<Output> {
    fn add(&self, path: String, bytes: Vec<u8>) {
        self.lock().unwrap_or_else(|e| e.into_inner()).add(path, bytes);
    }
}

/// The rendered site: relative output path → content. A BTreeMap keeps output order stable.
#[derive(Debug, Default)]
pub struct Output {
    pub files: BTreeMap<String, Vec<u8>>,
}

impl Output {
    pub fn add(&mut self, path: impl Into<String>, bytes: impl Into<Vec<u8>>) {
        self.files.insert(path.into(), bytes.into());
    }

    pub fn html_pages(&self) -> usize {
        self.files.keys().filter(|p| p.ends_with(".html")).count()
    }
}

/// Renders every page of `site` with `theme` into `out`, minifying the HTML when `minify` is
/// set. Problems go to `diags`.
pub fn render(site: &Site, theme: &Theme, minify: bool, out: &dyn Sink, diags: &mut Diagnostics) {
    let templates = match templates::Templates::new(theme, minify) {
        Ok(t) => t,
        Err(d) => {
            diags.push(d);
            return;
        }
    };
    pages::render_all(site, theme, &templates, out, diags);
    for (path, bytes) in &theme.static_files {
        out.add(format!("static/{path}"), bytes.clone());
    }
}
