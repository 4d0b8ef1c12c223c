//! Stage 3: turn the loaded site into output files (path → bytes), in memory.

pub mod markdown;
mod pages;
mod search_page;
mod templates;
mod urls;

use crate::content::Site;
use crate::diagnostics::Diagnostics;
use crate::load::theme::Theme;
use std::collections::BTreeMap;

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

/// Renders every page of `site` with `theme`. Problems go to `diags`.
pub fn render(site: &Site, theme: &Theme, diags: &mut Diagnostics) -> Output {
    let templates = match templates::Templates::new(theme) {
        Ok(t) => t,
        Err(d) => {
            diags.push(d);
            return Output::default();
        }
    };
    let mut out = Output::default();
    pages::render_all(site, theme, &templates, &mut out, diags);
    for (path, bytes) in &theme.static_files {
        out.add(format!("static/{path}"), bytes.clone());
    }
    out
}
