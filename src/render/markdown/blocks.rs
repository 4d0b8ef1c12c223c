//! Block structure: headings with their anchors, `:::` boxes and missing tables, nesting.

use super::source::{BOLD_CLOSE, BOLD_OPEN};
use super::{Heading, Renderer};
use crate::render::escape::escape;
use pulldown_cmark::{Event, HeadingLevel, Tag, TagEnd};

impl<'a> Renderer<'a> {
    /// A paragraph of `:::` marker lines opens or closes blocks and is consumed (the index
    /// after it is returned); any other paragraph starts as usual.
    pub(super) fn paragraph(&mut self, events: &[(Event<'a>, usize)], start: usize) -> Option<usize> {
        let line = events[start].1;
        let end = find_end(events, start);
        match block_markers(&events[start + 1..end]) {
            Some(Ok(markers)) => {
                for (n, marker) in markers.iter().enumerate() {
                    self.marker(marker, line + n);
                }
                return Some(end + 1);
            }
            Some(Err(())) => self.problem(
                line,
                "a `:::` block marker shares its paragraph with text".into(),
                "put a blank line after `::: box TITLE` and before the closing `:::`",
            ),
            None => {}
        }
        self.out.push(events[start].0.clone());
        None
    }

    /// A block still open at the end of the text is closed, and reported.
    pub(super) fn close_unclosed_block(&mut self) {
        if let Some((kind, line)) = self.open_block.take() {
            self.out
                .push(Event::Html(if kind == "box" { "</aside>" } else { "</figure>" }.into()));
            self.problem(
                line,
                format!("`::: {kind}` is never closed"),
                "add a line `:::` (with blank lines around it) where the block ends",
            );
        }
    }

    pub(super) fn heading(
        &mut self,
        level: HeadingLevel,
        explicit: Option<&str>,
        inner: &[(Event<'a>, usize)],
        line: usize,
    ) {
        let depth = level as usize;
        let id = match explicit {
            Some(id) => {
                if let Some(why) = self.opts.reserved.and_then(|r| r.claimed(id)) {
                    self.problem(
                        line,
                        format!("heading id `{id}`: {why}"),
                        "give the heading another {#id}; it is the section's permanent anchor",
                    );
                }
                id.to_string()
            }
            None => {
                self.counters[depth] += 1;
                for c in &mut self.counters[depth + 1..] {
                    *c = 0;
                }
                let parts: Vec<String> = self.counters[2.min(depth)..=depth].iter().map(u32::to_string).collect();
                format!("s{}", parts.join("-"))
            }
        };
        if let Some(first) = self.ids.insert(id.clone(), line) {
            self.problem(
                line,
                format!("anchor `{id}` is used twice (also on line {first})"),
                "give each heading a unique {#id}",
            );
        }
        let text: String = inner
            .iter()
            .filter_map(|(e, _)| match e {
                Event::Text(t) | Event::Code(t) => Some(t.replace([BOLD_OPEN, BOLD_CLOSE], "")),
                _ => None,
            })
            .collect();
        let id_attr = escape(&id);
        self.out
            .push(Event::Html(format!("<h{depth} id=\"{id_attr}\">").into()));
        for (e, _) in inner {
            match e {
                Event::Text(t) => self.text(t.clone()),
                Event::Html(h) | Event::InlineHtml(h) if !self.opts.allow_html => self.out.push(Event::Text(h.clone())),
                _ => self.out.push(e.clone()),
            }
        }
        let mut tools = format!(
            "<span class=\"h-tools\"><a class=\"h-anchor\" href=\"#{id_attr}\" aria-label=\"{}\">#</a>",
            escape(&self.opts.labels.section_link)
        );
        for (_, locale, label, url) in &self.opts.other_languages {
            tools.push_str(&format!(
                "<a class=\"h-lang\" href=\"{}#{id_attr}\" hreflang=\"{}\" lang=\"{}\">{}</a>",
                escape(url),
                escape(locale),
                escape(locale),
                escape(label)
            ));
        }
        tools.push_str("</span>");
        self.out.push(Event::Html(format!("{tools}</h{depth}>\n").into()));
        if let Some(notice) = self.opts.section_notices.and_then(|n| n.get(&id)) {
            self.out.push(Event::Html(notice.clone().into()));
        }
        if self.opts.section_texts {
            self.rendered.section_texts.push(text.clone());
        }
        self.flushed = self.out.len();
        self.annotator.enter_section(&id);
        self.rendered.headings.push(Heading {
            level: depth as u8,
            id,
            text,
            line,
        });
    }

    fn marker(&mut self, marker: &Marker, line: usize) {
        match marker {
            Marker::Close => match self.open_block.take() {
                Some(("box", _)) => self.out.push(Event::Html("</aside>\n".into())),
                Some(_) => self.out.push(Event::Html("</figure>\n".into())),
                None => self.problem(
                    line,
                    "`:::` closes nothing".into(),
                    "remove it, or open the block with `::: box TITLE`",
                ),
            },
            Marker::Open(kind, title) => {
                if let Some((open, open_line)) = self.open_block.take() {
                    self.out
                        .push(Event::Html(if open == "box" { "</aside>" } else { "</figure>" }.into()));
                    self.problem(
                        open_line,
                        format!("`::: {open}` is not closed before the next block starts"),
                        "add a line `:::` where it ends (blocks cannot nest)",
                    );
                }
                let title = escape(title);
                match kind.as_str() {
                    "box" => {
                        self.boxes += 1;
                        let id = format!("box-{}", self.boxes);
                        self.out.push(Event::Html(format!(
                            "<aside class=\"box\" id=\"{id}\" aria-labelledby=\"{id}-title\"><p class=\"box-title\" id=\"{id}-title\"><a href=\"#{id}\">{title}</a></p>\n"
                        ).into()));
                        self.rendered.blocks.push((id, line));
                        self.open_block = Some(("box", line));
                    }
                    "missing" => {
                        self.missing += 1;
                        let id = format!("missing-{}", self.missing);
                        let notice = escape(&self.opts.labels.missing_table);
                        self.out.push(Event::Html(format!(
                            "<figure class=\"missing-table\" id=\"{id}\"><figcaption>{title}</figcaption><p>{notice}</p>\n"
                        ).into()));
                        self.rendered.blocks.push((id, line));
                        self.open_block = Some(("missing", line));
                    }
                    other => self.problem(line, format!("unknown block `::: {other}`"), "use `::: box TITLE` for a boxed aside or `::: missing CAPTION` for a table missing from the source"),
                }
            }
        }
    }
}

enum Marker {
    Open(String, String),
    Close,
}

/// A paragraph made only of `::: kind title` / `:::` lines (a `::: missing` opener may be
/// followed directly by its closer). `Err` when a marker line is mixed with text.
fn block_markers(inner: &[(Event, usize)]) -> Option<Result<Vec<Marker>, ()>> {
    let mut text = String::new();
    for (e, _) in inner {
        match e {
            // A title may contain anything, markup-like text included: it is escaped later.
            Event::Text(t) | Event::InlineHtml(t) => text.push_str(t),
            Event::SoftBreak | Event::HardBreak => text.push('\n'),
            _ => return None,
        }
    }
    let text = text.replace([BOLD_OPEN, BOLD_CLOSE], "**");
    if !text.starts_with(":::") {
        return None;
    }
    let mut markers = Vec::new();
    for line in text.lines() {
        let Some(rest) = line.strip_prefix(":::") else {
            return Some(Err(()));
        };
        let rest = rest.trim();
        if rest.is_empty() {
            markers.push(Marker::Close);
        } else {
            let (kind, title) = rest.split_once(char::is_whitespace).unwrap_or((rest, ""));
            markers.push(Marker::Open(kind.to_string(), title.trim().to_string()));
        }
    }
    Some(Ok(markers))
}

pub(super) fn is_block(tag: &Tag) -> bool {
    !matches!(
        tag,
        Tag::Emphasis
            | Tag::Strong
            | Tag::Strikethrough
            | Tag::Link { .. }
            | Tag::Image { .. }
            | Tag::Superscript
            | Tag::Subscript
    )
}

pub(super) fn is_block_end(tag: &TagEnd) -> bool {
    !matches!(
        tag,
        TagEnd::Emphasis
            | TagEnd::Strong
            | TagEnd::Strikethrough
            | TagEnd::Link
            | TagEnd::Image
            | TagEnd::Superscript
            | TagEnd::Subscript
    )
}

/// Deeper nesting than any document needs; beyond it later stages would recurse too far.
pub(super) const MAX_DEPTH: usize = 48;

/// The line where nesting first exceeds [`MAX_DEPTH`].
pub(super) fn too_deep(events: &[(Event, usize)]) -> Option<usize> {
    let mut depth = 0usize;
    for (e, line) in events {
        match e {
            Event::Start(_) => {
                depth += 1;
                if depth > MAX_DEPTH {
                    return Some(*line);
                }
            }
            Event::End(_) => depth = depth.saturating_sub(1),
            _ => {}
        }
    }
    None
}

pub(super) fn find_end(events: &[(Event, usize)], start: usize) -> usize {
    let mut depth = 0;
    for (i, (e, _)) in events.iter().enumerate().skip(start) {
        match e {
            Event::Start(_) => depth += 1,
            Event::End(_) => {
                depth -= 1;
                if depth == 0 {
                    return i;
                }
            }
            _ => {}
        }
    }
    events.len() - 1
}
