//! Tera 2 set-up: the theme's templates plus `tr(key=...)`, which reads the page's `locale`.

use crate::diagnostics::Diagnostic;
use crate::load::theme::{Strings, Theme};
use std::collections::BTreeMap;
use std::sync::Arc;
use tera::{Context, Kwargs, State, Tera};

pub struct Templates {
    /// The templates pages are rendered with (minified when the build writes).
    tera: Tera,
    /// The templates as written, when `tera` holds minified ones: a failed render is repeated
    /// with these, so the error names the template's real line.
    plain: Option<Tera>,
}

impl Templates {
    /// Compiles the theme's templates; with `minify`, `.html` templates are minified first
    /// (see [`super::minify`]).
    pub fn new(theme: &Theme, minify: bool) -> Result<Self, Diagnostic> {
        let written: Vec<(&str, String)> = theme
            .templates
            .iter()
            .map(|(n, (src, _))| (n.as_str(), src.clone()))
            .collect();
        let plain = compile(theme, written.clone()).map_err(|e| {
            Diagnostic::error(None, format!("theme template error: {}", describe(&e)))
                .with_hint("fix the template named above (line numbers are inside that template file)")
        })?;
        if !minify {
            return Ok(Templates {
                tera: plain,
                plain: None,
            });
        }
        let minified = written
            .into_iter()
            .map(|(name, src)| {
                let small = name.ends_with(".html").then(|| super::minify::template(&src)).flatten();
                (name, small.unwrap_or(src))
            })
            .collect();
        Ok(match compile(theme, minified) {
            Ok(tera) => Templates {
                tera,
                plain: Some(plain),
            },
            Err(_) => Templates {
                tera: plain,
                plain: None,
            },
        })
    }

    pub fn render(&self, name: &str, ctx: &Context) -> Result<String, Diagnostic> {
        self.tera.render(name, ctx).map_err(|e| {
            let e = match &self.plain {
                Some(plain) => plain.render(name, ctx).err().unwrap_or(e),
                None => e,
            };
            Diagnostic::error(None, format!("rendering {name} failed: {}", describe(&e)))
                .with_hint("a template used a value or UI string that does not exist")
        })
    }
}

fn compile(theme: &Theme, sources: Vec<(&str, String)>) -> Result<Tera, tera::Error> {
    let mut tera = Tera::new();
    tera.autoescape_on([".html", ".xml"]);
    let strings: Arc<BTreeMap<String, Strings>> = Arc::new(theme.strings.clone());
    tera.register_function("tr", move |kwargs: Kwargs, state: &State| -> tera::TeraResult<String> {
        let key: String = kwargs.must_get("key")?;
        let locale: String = state.get("locale")?.unwrap_or_default();
        strings.get(&locale).and_then(|s| s.get(&key)).cloned().ok_or_else(|| {
            tera::Error::message(format!(
                "no UI string `{key}` for locale {locale:?} in the theme's i18n files"
            ))
        })
    });
    tera.add_raw_templates(sources)?;
    Ok(tera)
}

/// The error with its causes: Tera puts the useful part (template:line) in the chain.
fn describe(e: &tera::Error) -> String {
    let mut s = e.to_string();
    let mut source = std::error::Error::source(e);
    while let Some(inner) = source {
        s.push_str(&format!("\n  caused by: {inner}"));
        source = inner.source();
    }
    s
}
