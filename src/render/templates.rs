//! Tera 2 set-up: the theme's templates plus `tr(key=...)`, which reads the page's `locale`.

use crate::diagnostics::{Diagnostic, Location};
use crate::load::theme::{Strings, Theme};
use std::collections::BTreeMap;
use std::sync::Arc;
use tera::{Context, Kwargs, State, Tera};

pub(super) struct Templates {
    /// Per template: where a render that runs too long is reported (see [`super::watchdog`]).
    loops: BTreeMap<String, Option<Location>>,
    /// The templates pages are rendered with (minified when the build writes).
    tera: Tera,
    /// The templates as written, when `tera` holds minified ones: a failed render is repeated
    /// with these, so the error names the template's real line.
    plain: Option<Tera>,
}

impl Templates {
    /// Compiles the theme's templates; with `minify`, `.html` templates are minified first
    /// (see [`super::minify`]).
    pub(super) fn new(theme: &Theme, minify: bool) -> Result<Self, Diagnostic> {
        let written: Vec<(&str, String)> = theme
            .templates
            .iter()
            .map(|(n, (src, _))| (n.as_str(), src.clone()))
            .collect();
        let plain = compile(theme, written.clone()).map_err(|e| {
            Diagnostic::error(None, format!("theme template error: {}", describe(&e)))
                .with_hint("fix the template named above (line numbers are inside that template file)")
        })?;
        let loops = innermost_loops(theme);
        if !minify {
            return Ok(Templates {
                loops,
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
                loops,
                tera,
                plain: Some(plain),
            },
            Err(_) => Templates {
                loops,
                tera: plain,
                plain: None,
            },
        })
    }

    pub(super) fn render(&self, name: &str, ctx: &Context) -> Result<String, Diagnostic> {
        let innermost_loop = self.loops.get(name).cloned().flatten();
        let _timed = super::watchdog::watch(name, innermost_loop.clone());
        // Most pages are tens of KB: start there rather than grow from nothing.
        let mut page = Capped {
            bytes: Vec::with_capacity(32 * 1024),
            over: false,
        };
        if let Err(e) = self.tera.render_to(name, ctx, &mut page) {
            return Err(self.failure(name, ctx, e, page.over, innermost_loop));
        }
        String::from_utf8(page.bytes).map_err(|e| Diagnostic::error(None, format!("rendering {name} failed: {e}")))
    }

    /// The error of a failed render, repeated with the templates as written so that it names
    /// their real lines.
    fn failure(
        &self,
        name: &str,
        ctx: &Context,
        e: tera::Error,
        too_big: bool,
        innermost_loop: Option<Location>,
    ) -> Diagnostic {
        if too_big {
            return Diagnostic::error(
                innermost_loop,
                format!(
                    "rendering with template {name} made a page over {} MB: a loop in it writes too much",
                    MAX_PAGE_BYTES >> 20
                ),
            )
            .with_hint("a page's loops should go over the site's data: check this loop (and loops nested in it) for a large range()");
        }
        let e = match &self.plain {
            Some(plain) => plain.render(name, ctx).err().unwrap_or(e),
            None => e,
        };
        Diagnostic::error(None, format!("rendering {name} failed: {}", describe(&e)))
            .with_hint("a template used a value or UI string that does not exist")
    }
}

/// Far above any real page. The time limit alone would let a loop that writes quickly fill the
/// memory first (the bad-input case's loop wrote 40 MB a second; a simpler one writes faster).
const MAX_PAGE_BYTES: usize = 256 * 1024 * 1024;

/// A page buffer that refuses to grow past [`MAX_PAGE_BYTES`], which stops the render.
struct Capped {
    bytes: Vec<u8>,
    over: bool,
}

impl std::io::Write for Capped {
    #[inline]
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.write_all(buf).map(|()| buf.len())
    }

    /// Tera writes every piece of a page through this: one length check, then a copy.
    #[inline]
    fn write_all(&mut self, buf: &[u8]) -> std::io::Result<()> {
        if self.bytes.len() + buf.len() > MAX_PAGE_BYTES {
            self.over = true;
            return Err(std::io::Error::other("page too big"));
        }
        self.bytes.extend_from_slice(buf);
        Ok(())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

/// Per template, its most deeply nested loop, looked for in the template and in those it
/// extends or includes (a loop there runs when this one renders).
fn innermost_loops(theme: &Theme) -> BTreeMap<String, Option<Location>> {
    let used = |src: &str| -> Vec<String> {
        ["{% extends \"", "{% include \""]
            .iter()
            .flat_map(|tag| src.match_indices(tag).map(move |(i, _)| &src[i + tag.len()..]))
            .filter_map(|rest| rest.split_once('"').map(|(name, _)| name.to_string()))
            .collect()
    };
    let mut found = BTreeMap::new();
    for name in theme.templates.keys() {
        let (mut todo, mut seen, mut best) = (vec![name.clone()], Vec::new(), None::<(usize, Location)>);
        while let Some(next) = todo.pop() {
            let Some((src, origin)) = theme.templates.get(&next).filter(|_| !seen.contains(&next)) else {
                continue;
            };
            if let Some((depth, at)) = super::watchdog::innermost_loop(src, origin)
                && best.as_ref().is_none_or(|(d, _)| depth > *d)
            {
                best = Some((depth, at));
            }
            todo.extend(used(src));
            seen.push(next);
        }
        found.insert(name.clone(), best.map(|(_, at)| at));
    }
    found
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
