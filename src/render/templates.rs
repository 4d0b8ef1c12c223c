//! Tera 2 set-up: the theme's templates plus `tr(key=...)`, which reads the page's `locale`.

use crate::diagnostics::Diagnostic;
use crate::load::theme::{Strings, Theme};
use std::collections::BTreeMap;
use std::sync::Arc;
use tera::{Context, Kwargs, State, Tera};

pub struct Templates {
    tera: Tera,
}

impl Templates {
    pub fn new(theme: &Theme) -> Result<Self, Diagnostic> {
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
        let sources: Vec<(&str, &str)> = theme
            .templates
            .iter()
            .map(|(n, (src, _))| (n.as_str(), src.as_str()))
            .collect();
        tera.add_raw_templates(sources).map_err(|e| {
            Diagnostic::error(None, format!("theme template error: {}", describe(&e)))
                .with_hint("fix the template named above (line numbers are inside that template file)")
        })?;
        Ok(Templates { tera })
    }

    pub fn render(&self, name: &str, ctx: &Context) -> Result<String, Diagnostic> {
        self.tera.render(name, ctx).map_err(|e| {
            Diagnostic::error(None, format!("rendering {name} failed: {}", describe(&e)))
                .with_hint("a template used a value or UI string that does not exist")
        })
    }
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
