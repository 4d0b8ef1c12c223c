//! Problems found in a site's source, each pinned to `file:line:column` with a hint.
//!
//! Every stage reports into a [`Diagnostics`] list instead of stopping at the first problem,
//! so one `plansite check` shows an editor everything that needs fixing.

use annotate_snippets::{AnnotationKind, Group, Level, Renderer, Snippet};
use std::collections::HashMap;
use std::fmt;
use std::path::{Path, PathBuf};

/// How bad a problem is: errors fail the build, warnings are only reported.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Severity {
    /// Must be fixed: the build fails.
    Error,
    /// Worth a look; the build goes on.
    Warning,
}

/// A place in a source file; `line` and `column` count from 1 (columns in characters).
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct Location {
    /// The file as named to the user (usually under the site's source folder).
    pub file: PathBuf,
    /// 1-based line.
    pub line: usize,
    /// 1-based column, counted in characters (not bytes).
    pub column: usize,
}

impl Location {
    /// A location, with line and column raised to at least 1.
    pub fn new(file: impl Into<PathBuf>, line: usize, column: usize) -> Self {
        Location {
            file: file.into(),
            line: line.max(1),
            column: column.max(1),
        }
    }
}

impl fmt::Display for Location {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}:{}:{}", self.file.display(), self.line, self.column)
    }
}

/// One problem: what, where, and optionally how to fix it.
#[derive(Debug, Clone)]
pub struct Diagnostic {
    /// Whether it fails the build.
    pub severity: Severity,
    /// Where in the source; `None` for problems of no one place (a missing file, a failed write).
    pub location: Option<Location>,
    /// What is wrong, one line.
    pub message: String,
    /// How to fix it, printed as `help:` below the message.
    pub hint: Option<String>,
}

impl Diagnostic {
    /// An error at `location`, without a hint.
    pub fn error(location: Option<Location>, message: impl Into<String>) -> Self {
        Diagnostic {
            severity: Severity::Error,
            location,
            message: message.into(),
            hint: None,
        }
    }

    /// A warning at `location`, without a hint.
    pub fn warning(location: Option<Location>, message: impl Into<String>) -> Self {
        Diagnostic {
            severity: Severity::Warning,
            location,
            message: message.into(),
            hint: None,
        }
    }

    /// An error at `file:line:column`.
    pub fn at(file: &Path, line: usize, column: usize, message: impl Into<String>) -> Self {
        Self::error(Some(Location::new(file, line, column)), message)
    }

    /// The same diagnostic with `hint` as its `help:` line.
    pub fn with_hint(mut self, hint: impl Into<String>) -> Self {
        self.hint = Some(hint.into());
        self
    }

    /// Whether this fails the build.
    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }

    /// Renders the diagnostic rustc-style, quoting the offending line when the file is readable.
    pub fn render(&self) -> String {
        self.render_with(&mut SourceCache::default())
    }

    /// [`Diagnostic::render`], reading source files through `cache`: use one cache to print
    /// a whole list of diagnostics.
    pub fn render_with(&self, cache: &mut SourceCache) -> String {
        let level = match self.severity {
            Severity::Error => Level::ERROR,
            Severity::Warning => Level::WARNING,
        };
        let title = level.clone().primary_title(&self.message);
        let mut groups = Vec::new();
        let source = self.location.as_ref().and_then(|loc| cache.line(loc));
        let group = match (&self.location, &source) {
            (Some(loc), Some(line)) => {
                let start = char_to_byte(line, loc.column - 1);
                let end = token_end(line, start);
                title.element(
                    Snippet::source(line.as_str())
                        .line_start(loc.line)
                        .path(loc.file.display().to_string())
                        .annotation(AnnotationKind::Primary.span(start..end)),
                )
            }
            (Some(loc), None) => Group::with_title(level.primary_title(format!("{loc}: {}", self.message))),
            (None, _) => Group::with_title(title),
        };
        groups.push(group);
        if let Some(hint) = &self.hint {
            groups.push(Group::with_title(Level::HELP.secondary_title(hint.as_str())));
        }
        Renderer::plain().render(&groups)
    }
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.render())
    }
}

/// The lines of the files quoted while printing a list of diagnostics, each file read once.
///
/// Found with the fuzz targets (scaled-up input): reading (and scanning) the file again for every
/// diagnostic made printing many problems of one big file quadratic (20,000 of them in a 1.5 MB
/// plan took 79 s).
#[derive(Default)]
pub struct SourceCache {
    files: HashMap<PathBuf, Option<Vec<String>>>,
}

impl SourceCache {
    /// The text of `loc`'s line, without its line end; `None` if the file cannot be read.
    fn line(&mut self, loc: &Location) -> Option<String> {
        let lines = self.files.entry(loc.file.clone()).or_insert_with(|| {
            // Only regular files of a sane size: a named pipe would block the report forever.
            let meta = std::fs::metadata(&loc.file).ok()?;
            if !meta.is_file() || meta.len() > 64 * 1024 * 1024 {
                return None;
            }
            let text = std::fs::read(&loc.file).ok()?;
            let text = String::from_utf8_lossy(&text);
            Some(text.lines().map(|l| l.trim_end_matches('\r').to_string()).collect())
        });
        lines.as_ref()?.get(loc.line - 1).cloned()
    }
}

fn char_to_byte(s: &str, chars: usize) -> usize {
    s.char_indices().nth(chars).map_or(s.len(), |(i, _)| i)
}

/// The end of the token starting at `start`, so the caret underlines a word, not one byte.
fn token_end(line: &str, start: usize) -> usize {
    let rest = &line[start..];
    let len = rest
        .char_indices()
        .find(|(_, c)| c.is_whitespace() || matches!(c, ':' | ',' | ']' | '}'))
        .map_or(rest.len(), |(i, _)| i);
    let len = if len == 0 {
        rest.chars().next().map_or(0, char::len_utf8)
    } else {
        len
    };
    start + len
}

/// An ordered collection of problems; the build fails if any is an error.
#[derive(Debug, Default)]
pub struct Diagnostics(pub Vec<Diagnostic>);

impl Diagnostics {
    /// Adds one problem.
    pub fn push(&mut self, d: Diagnostic) {
        self.0.push(d);
    }

    /// Adds many problems, in order.
    pub fn extend(&mut self, ds: impl IntoIterator<Item = Diagnostic>) {
        self.0.extend(ds);
    }

    /// Whether any problem is an error, so the build fails.
    pub fn has_errors(&self) -> bool {
        self.0.iter().any(Diagnostic::is_error)
    }

    /// How many problems are errors.
    pub fn error_count(&self) -> usize {
        self.0.iter().filter(|d| d.is_error()).count()
    }

    /// How many problems are warnings.
    pub fn warning_count(&self) -> usize {
        self.0.len() - self.error_count()
    }

    /// Sorted by file and line so output is stable and reads top to bottom.
    pub fn sorted(mut self) -> Vec<Diagnostic> {
        self.0
            .sort_by(|a, b| (&a.location, a.severity).cmp(&(&b.location, b.severity)));
        self.0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Found with the fuzz targets (scaled-up input): every diagnostic read and scanned its file
    /// again, so printing 20,000 problems of a 1.5 MB plan took 79 s. One cache reads each file
    /// once.
    #[test]
    fn many_diagnostics_of_one_big_file_print_in_linear_time() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("big.md");
        let lines: Vec<String> = (1..=100_000).map(|i| format!("line {i}: 质量强市")).collect();
        std::fs::write(&path, lines.join("\n")).unwrap();
        let start = std::time::Instant::now();
        let mut cache = SourceCache::default();
        for line in 80_001..100_000 {
            let out = Diagnostic::at(&path, line, 6, "problem").render_with(&mut cache);
            assert!(out.contains(&format!("line {line}: 质量强市")), "{out}");
        }
        assert!(start.elapsed().as_secs() < 10, "took {:?}", start.elapsed());
        let one = Diagnostic::at(&path, 3, 1, "x").with_hint("h").render();
        assert!(one.contains("line 3: 质量强市") && one.contains("help: h"), "{one}");
    }
}
