//! Reading source files as text the way editors save them: UTF-8, with or without a BOM,
//! LF or CRLF line ends.

use crate::diagnostics::{Diagnostic, Location};
use std::path::Path;

/// Reads `path` as UTF-8, dropping a BOM and normalising line ends to `\n`.
pub fn read(path: &Path) -> Result<String, Diagnostic> {
    let bytes = std::fs::read(path)
        .map_err(|e| Diagnostic::error(Some(Location::new(path, 1, 1)), format!("cannot read file: {e}")))?;
    let text = match String::from_utf8(bytes) {
        Ok(t) => t,
        Err(e) => {
            let bytes = e.as_bytes();
            let bad = e.utf8_error().valid_up_to();
            let before = String::from_utf8_lossy(&bytes[..bad]);
            let line = before.matches('\n').count() + 1;
            let column = before.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
            return Err(Diagnostic::error(
                Some(Location::new(path, line, column)),
                format!("file is not valid UTF-8 (byte 0x{:02X})", bytes[bad]),
            )
            .with_hint("save the file as UTF-8; from GBK/GB18030 use e.g. `iconv -f GB18030 -t UTF-8`"));
        }
    };
    let text = text.strip_prefix('\u{feff}').unwrap_or(&text);
    Ok(if text.contains('\r') {
        text.replace("\r\n", "\n").replace('\r', "\n")
    } else {
        text.to_string()
    })
}

/// Splits `---\nYAML\n---\nbody`: returns (yaml, body, 1-based line where body starts).
pub fn split_front_matter<'a>(path: &Path, text: &'a str) -> Result<(&'a str, &'a str, usize), Diagnostic> {
    let Some(rest) = text.strip_prefix("---\n") else {
        return Err(Diagnostic::at(path, 1, 1, "missing front matter")
            .with_hint("start the file with a line `---`, the YAML fields (title, issuer, ...), and another `---`"));
    };
    let mut offset = 0;
    for line in rest.split_inclusive('\n') {
        if line.trim_end() == "---" {
            let yaml = &rest[..offset];
            let body = &rest[offset + line.len()..];
            let body_line = 2 + yaml.matches('\n').count() + 1;
            return Ok((yaml, body, body_line));
        }
        offset += line.len();
    }
    Err(Diagnostic::at(path, 1, 1, "front matter is not closed")
        .with_hint("add a line `---` after the last YAML field"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn front_matter_split_reports_body_line() {
        let (yaml, body, line) = split_front_matter(Path::new("x"), "---\na: 1\nb: 2\n---\nbody\n").unwrap();
        assert_eq!((yaml, body, line), ("a: 1\nb: 2\n", "body\n", 5));
    }

    #[test]
    fn bom_and_crlf_are_normalised() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("f.md");
        std::fs::write(&p, "\u{feff}---\r\na: 1\r\n---\r\n").unwrap();
        assert_eq!(read(&p).unwrap(), "---\na: 1\n---\n");
    }

    #[test]
    fn invalid_utf8_names_line_and_column() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("f.md");
        std::fs::write(&p, b"ok\nab\xff").unwrap();
        let d = read(&p).unwrap_err();
        let loc = d.location.unwrap();
        assert_eq!((loc.line, loc.column), (2, 3));
    }
}
