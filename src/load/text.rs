//! Reading source files as text the way editors save them: UTF-8, with or without a BOM,
//! LF or CRLF line ends.

use crate::diagnostics::{Diagnostic, Location};
use std::path::Path;

/// Far beyond any source file a site needs: a file this big is a pasted archive or an export
/// of something else. Plans and sheets have lower limits of their own.
pub const MAX_SOURCE_BYTES: u64 = 64 * 1024 * 1024;

/// Reads `path` as UTF-8 (at most [`MAX_SOURCE_BYTES`]), dropping a BOM and normalising line
/// ends to `\n`.
pub fn read(path: &Path) -> Result<String, Diagnostic> {
    read_limited(path, MAX_SOURCE_BYTES, "source files")
}

/// [`read`] with a size limit; `what` names the kind of file in the error.
pub fn read_limited(path: &Path, limit: u64, what: &str) -> Result<String, Diagnostic> {
    let bytes = read_bytes(path, limit, what)?;
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

/// The bytes of a regular file of at most `limit` bytes. A named pipe, socket or device would
/// block the build or never end, so anything but a regular file is refused before it is opened.
pub fn read_bytes(path: &Path, limit: u64, what: &str) -> Result<Vec<u8>, Diagnostic> {
    let at = || Some(Location::new(path, 1, 1));
    let cannot = |e: std::io::Error| Diagnostic::error(at(), format!("cannot read file: {e}"));
    let meta = std::fs::metadata(path).map_err(cannot)?;
    if !meta.is_file() {
        return Err(
            Diagnostic::error(at(), format!("not a regular file ({})", file_kind(&meta)))
                .with_hint("plansite reads only regular files: replace it with a copy of the file it stands for"),
        );
    }
    if meta.len() > limit {
        return Err(too_big(path, meta.len(), limit, what));
    }
    let mut bytes = Vec::with_capacity(meta.len() as usize);
    // The file may grow between the check and the read: never read past the limit.
    let file = std::fs::File::open(path).map_err(cannot)?;
    std::io::Read::read_to_end(&mut std::io::Read::take(file, limit + 1), &mut bytes).map_err(cannot)?;
    if bytes.len() as u64 > limit {
        return Err(too_big(path, bytes.len() as u64, limit, what));
    }
    Ok(bytes)
}

/// `file is 50.0 MB; source files over 64 MB are refused`.
pub fn too_big(path: &Path, size: u64, limit: u64, what: &str) -> Diagnostic {
    Diagnostic::error(
        Some(Location::new(path, 1, 1)),
        format!(
            "file is {:.1} MB; {what} over {} MB are refused",
            size as f64 / 1_048_576.0,
            limit / 1_048_576
        ),
    )
    .with_hint("check that this is the right file (not a pasted archive or an export of something else)")
}

fn file_kind(meta: &std::fs::Metadata) -> &'static str {
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt;
        let t = meta.file_type();
        if t.is_fifo() {
            return "a named pipe";
        }
        if t.is_socket() {
            return "a socket";
        }
        if t.is_block_device() || t.is_char_device() {
            return "a device";
        }
    }
    if meta.is_dir() { "a folder" } else { "not a file" }
}

/// Characters that change how text around them reads without being seen: bidirectional
/// controls (U+202E shows `txt.exe` as `exe.txt`) and zero-width characters. In a title or a
/// name they make two strings that look the same differ, or one read as another.
fn invisible(c: char) -> Option<&'static str> {
    match c {
        '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}' | '\u{200E}' | '\u{200F}' | '\u{061C}' => {
            Some("a bidirectional control character")
        }
        '\u{200B}'..='\u{200D}' | '\u{2060}' | '\u{FEFF}' => Some("a zero-width character"),
        _ => None,
    }
}

/// A warning for each line of `text` (YAML whose first line is line `first_line` of `path`)
/// with an invisible character (see [`invisible`]).
pub fn warn_invisible(text: &str, path: &Path, first_line: usize) -> Vec<Diagnostic> {
    // Every such character starts with one of these bytes (U+061C, U+2xxx, U+FEFF): look only
    // there instead of decoding every character of a plan.
    let suspect = memchr::memchr3_iter(0xD8, 0xE2, 0xEF, text.as_bytes())
        .any(|i| text[i..].chars().next().and_then(invisible).is_some());
    if !suspect {
        return Vec::new();
    }
    let mut found = Vec::new();
    for (n, line) in text.lines().enumerate() {
        if let Some((column, c, what)) = line
            .chars()
            .enumerate()
            .find_map(|(i, c)| invisible(c).map(|what| (i + 1, c, what)))
        {
            found.push(
                Diagnostic::warning(
                    Some(Location::new(path, first_line + n, column)),
                    format!("{what} (U+{:04X}) is hidden in this line", c as u32),
                )
                .with_hint("it changes how the text reads without being seen: delete it (retype the words around it)"),
            );
        }
    }
    found
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
    fn invisible_characters_are_found_by_line_and_column() {
        let found = warn_invisible("title: ok\nname: 报\u{202E}告\nx: a\u{200B}b\n", Path::new("f.yaml"), 2);
        let at: Vec<(usize, usize)> = found
            .iter()
            .map(|d| d.location.as_ref().map_or((0, 0), |l| (l.line, l.column)))
            .collect();
        assert_eq!(at, [(3, 8), (4, 5)]);
        assert!(found[0].message.contains("bidirectional control character (U+202E)"));
        assert!(found[1].message.contains("zero-width character (U+200B)"));
        assert!(warn_invisible("标题：质量强市\n", Path::new("f"), 1).is_empty());
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
