//! Writing the Markdown draft: front matter, blocks, footnotes.

use super::Meta;
use super::classify::{Block, HeadingLevel};
use std::fmt::Write as _;

/// A footnote reference inside paragraph text: `FN_OPEN` label `FN_CLOSE`, written as `[^label]`.
pub(super) const FN_OPEN: char = '\u{E010}';
pub(super) const FN_CLOSE: char = '\u{E011}';

pub(super) fn footnote_mark(label: usize) -> String {
    format!("{FN_OPEN}{label}{FN_CLOSE}")
}

/// The whole draft: front matter, body, then footnote definitions.
pub(super) fn write(id: &str, meta: &Meta, title: &str, blocks: &[Block], footnotes: &[String]) -> String {
    let mut md = String::new();
    front_matter(&mut md, id, meta, title);
    let mut in_box = false;
    for block in blocks {
        match block {
            Block::BoxStart(title) => {
                if in_box {
                    md.push_str(":::\n\n");
                }
                let _ = writeln!(md, "::: box {}\n", one_line(title));
                in_box = true;
            }
            Block::BoxEnd => {
                md.push_str(":::\n\n");
                in_box = false;
            }
            Block::Heading(level, text) => {
                let hashes = "#".repeat(level.depth());
                let _ = writeln!(md, "{hashes} {}\n", escape_inline(text).replace('{', "\\{"));
            }
            Block::Paragraph(text) => {
                let _ = writeln!(md, "{}\n", escape_paragraph(text));
            }
            Block::ListItem(text) => {
                let _ = writeln!(md, "- {}", escape_inline(text));
            }
            Block::ListEnd => md.push('\n'),
            Block::Table(table) => {
                let _ = writeln!(md, "{}", table.to_markdown());
            }
        }
    }
    if in_box {
        md.push_str(":::\n\n");
    }
    for (i, note) in footnotes.iter().enumerate() {
        let _ = writeln!(md, "[^{}]: {}", i + 1, escape_paragraph(note));
    }
    let md = footnote_refs(&md);
    md.trim_end().to_string() + "\n"
}

/// Turns the footnote marks left in the text into `[^n]`.
fn footnote_refs(md: &str) -> String {
    let mut out = String::with_capacity(md.len());
    let mut rest = md;
    while let Some(start) = rest.find(FN_OPEN) {
        out.push_str(&rest[..start]);
        let after = &rest[start + FN_OPEN.len_utf8()..];
        match after.find(FN_CLOSE) {
            Some(end) if after[..end].chars().all(|c| c.is_ascii_digit()) => {
                let _ = write!(out, "[^{}]", &after[..end]);
                rest = &after[end + FN_CLOSE.len_utf8()..];
            }
            _ => {
                out.push(FN_OPEN);
                rest = after;
            }
        }
    }
    out.push_str(rest);
    out
}

fn front_matter(md: &mut String, id: &str, meta: &Meta, title: &str) {
    md.push_str("---\n");
    let _ = writeln!(
        md,
        "# Draft imported by `plansite import --id {id}`: fill in the empty fields."
    );
    let _ = writeln!(md, "title: {}", yaml_str(title));
    md.push_str("short_title: \"\"\n");
    let _ = writeln!(md, "issuer: {}", yaml_str(meta.issuer.as_deref().unwrap_or("")));
    if let Some(n) = &meta.doc_number {
        let _ = writeln!(md, "doc_number: {}", yaml_str(n));
    }
    let _ = writeln!(md, "issued: {}", yaml_str(meta.issued.as_deref().unwrap_or("")));
    if let Some(p) = &meta.published {
        let _ = writeln!(md, "published: {}", yaml_str(p));
    }
    md.push_str("period: \"\"\nregion: \"\"\nkind: plan\nsummary: \"\"\n");
    if !meta.extras.is_empty() {
        md.push_str("# From the source, not fields of a plan: keep what helps in the fields above, then delete.\n");
        for (label, value) in &meta.extras {
            let _ = writeln!(md, "#   {label}: {}", one_line(value));
        }
    }
    md.push_str("---\n\n");
}

fn one_line(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

pub(super) fn yaml_str(s: &str) -> String {
    serde_json::to_string(s).unwrap_or_default()
}

/// Escapes characters that would turn plain text into Markdown syntax mid-line.
pub(super) fn escape_inline(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        if c == '\n' {
            out.push(' ');
            continue;
        }
        if matches!(
            c,
            '\\' | '*' | '_' | '`' | '[' | ']' | '<' | '>' | '|' | '#' | '~' | '$'
        ) {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

/// Like [`escape_inline`], and also keeps a leading `1.` or `-` from becoming a list.
fn escape_paragraph(text: &str) -> String {
    let escaped = escape_inline(text);
    let digits = escaped.chars().take_while(|c| c.is_ascii_digit()).count();
    let after = escaped[digits..].chars().next();
    if digits > 0 && matches!(after, Some('.' | ')')) {
        return format!("{}\\{}", &escaped[..digits], &escaped[digits..]);
    }
    if escaped.starts_with(['-', '+', '=', ':']) {
        return format!("\\{escaped}");
    }
    escaped
}

impl HeadingLevel {
    fn depth(self) -> usize {
        match self {
            HeadingLevel::Chapter => 2,
            HeadingLevel::Section => 3,
            HeadingLevel::Item => 4,
            HeadingLevel::SubItem => 5,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn footnote_marks_become_references_and_stray_marks_stay() {
        let md = footnote_refs(&format!("a{}b {FN_OPEN}x", footnote_mark(2)));
        assert_eq!(md, format!("a[^2]b {FN_OPEN}x"));
    }
}
