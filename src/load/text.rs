//! Reading source files as text the way editors save them: UTF-8, with or without a BOM,
//! LF or CRLF line ends.

use crate::diagnostics::{Diagnostic, Location};
use std::path::Path;

/// Far beyond any source file a site needs (the shipped indicator sheet is under 300 KB, a
/// 10,000-plan sheet about 30 MB): parsing YAML costs about 50 times its size in memory.
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
