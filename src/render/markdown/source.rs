//! The Markdown source before parsing: bold delimiters paired, byte offsets to lines.

/// Private-use characters standing for paired `**` until rendering.
pub(super) const BOLD_OPEN: char = '\u{E000}';
pub(super) const BOLD_CLOSE: char = '\u{E001}';

/// Pairs `**` delimiters line by line (outside code) into private-use markers.
pub(super) fn pair_bold_delimiters(src: &str) -> String {
    if !src.contains("**") {
        return src.to_string();
    }
    let mut out = String::with_capacity(src.len());
    let mut fence: Option<&str> = None;
    for line in src.split_inclusive('\n') {
        let trimmed = line.trim_start();
        if let Some(f) = fence {
            if trimmed.starts_with(f) {
                fence = None;
            }
            out.push_str(line);
            continue;
        }
        if trimmed.starts_with("```") || trimmed.starts_with("~~~") {
            fence = Some(&trimmed[..3]);
            out.push_str(line);
            continue;
        }
        if line.starts_with("    ") || line.starts_with('\t') || !line.contains("**") {
            out.push_str(line);
            continue;
        }
        out.push_str(&pair_in_line(line));
    }
    out
}

fn pair_in_line(line: &str) -> String {
    // Byte positions of `**` outside code spans and not escaped.
    let bytes = line.as_bytes();
    let mut spots = Vec::new();
    let mut i = 0;
    let mut in_code = false;
    while i < bytes.len() {
        match bytes[i] {
            b'\\' => i += 1,
            b'`' => in_code = !in_code,
            b'*' if !in_code && bytes.get(i + 1) == Some(&b'*') && bytes.get(i + 2) != Some(&b'*') => {
                spots.push(i);
                i += 1;
            }
            _ => {}
        }
        i += 1;
    }
    if spots.len() < 2 {
        return line.to_string();
    }
    let usable = spots.len() - spots.len() % 2;
    let mut out = String::with_capacity(line.len() + 8);
    let mut last = 0;
    for (n, &pos) in spots[..usable].iter().enumerate() {
        out.push_str(&line[last..pos]);
        out.push(if n % 2 == 0 { BOLD_OPEN } else { BOLD_CLOSE });
        last = pos + 2;
    }
    out.push_str(&line[last..]);
    out
}

pub(super) struct LineIndex(Vec<usize>);

impl LineIndex {
    pub(super) fn new(s: &str) -> Self {
        LineIndex(
            std::iter::once(0)
                .chain(s.match_indices('\n').map(|(i, _)| i + 1))
                .collect(),
        )
    }

    /// 1-based line of byte `offset`.
    pub(super) fn line(&self, offset: usize) -> usize {
        self.0.partition_point(|&start| start <= offset)
    }
}
