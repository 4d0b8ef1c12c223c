//! Markdown to HTML with the fixes Chinese text needs and plansite's block conventions.
//!
//! On top of pulldown-cmark (GFM tables, footnotes, heading attributes):
//! - soft line breaks between two wide (CJK) characters vanish instead of becoming spaces;
//! - `**bold**` works next to Chinese punctuation (CommonMark's flanking rules reject
//!   `**“质量”**的`), by pairing the delimiters before parsing;
//! - headings get structural anchors (`s3-2` = 3rd chapter, 2nd section) so every language
//!   edition of a plan shares them; `{#id}` overrides without consuming a number;
//! - `::: box TITLE` … `:::` makes a boxed aside (专栏), `::: missing CAPTION` + `:::` marks a
//!   table the source lacks;
//! - footnote ids are prefixed (`fn-1`), raw HTML is escaped unless allowed, and links with
//!   script schemes are neutralised.

use super::annotate::{AgencyLinks, Annotator, Found, NoteFound, Quoted, Targets, Terms};
use pulldown_cmark::{CowStr, Event, HeadingLevel, Options, Parser, Tag, TagEnd, html};
use std::collections::HashMap;
use unicode_width::UnicodeWidthChar;

const BOLD_OPEN: char = '\u{E000}';
const BOLD_CLOSE: char = '\u{E001}';

/// Words the renderer writes into the page, in the page's language.
#[derive(Debug, Clone, Default)]
pub struct Labels {
    pub section_link: String,
    pub table: String,
    pub missing_table: String,
}

/// Per-heading links to the same section in the other languages: (code, locale, label, page URL).
pub type LanguageLinks = Vec<(String, String, String, String)>;

#[derive(Clone, Default)]
pub struct Options2<'a> {
    pub allow_html: bool,
    pub labels: Labels,
    pub other_languages: LanguageLinks,
    /// Ids the page already uses: a heading may not claim one with `{#id}`.
    pub reserved: Option<&'a super::ids::Reserved>,
    /// Quotes and figures to anchor in the text.
    pub targets: Option<&'a Targets>,
    /// Glossary terms to count and link.
    pub terms: Option<&'a Terms>,
    /// Bodies in responsibility notes to link.
    pub agencies: Option<&'a AgencyLinks>,
    /// Every soft line break is a space, even between two wide characters (text in a script
    /// with spaces between words); otherwise those vanish.
    pub break_spaces: bool,
}

#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Heading {
    pub level: u8,
    pub id: String,
    pub text: String,
    /// 1-based line in the Markdown source.
    pub line: usize,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    pub line: usize,
    pub message: String,
    pub hint: String,
    /// A warning: the page is still right (an error otherwise).
    pub warning: bool,
}

#[derive(Debug, Default)]
pub struct Rendered {
    pub html: String,
    pub headings: Vec<Heading>,
    /// Anchors of boxes and missing tables, in order (`box-1`, `missing-1`).
    pub blocks: Vec<(String, usize)>,
    pub problems: Vec<Problem>,
    /// Per target of [`Options2::targets`]: where it was anchored.
    pub found: Vec<Found>,
    /// Per target: where its quote occurs, and the block it is anchored in.
    pub quoted: Vec<Quoted>,
    /// Per glossary term: occurrences in body text, and the id of its first link.
    pub term_counts: Vec<u32>,
    pub term_first: Vec<Option<String>>,
    /// The responsibility notes found, in text order.
    pub notes: Vec<NoteFound>,
}

fn parser_options() -> Options {
    Options::ENABLE_TABLES
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_HEADING_ATTRIBUTES
}

/// Renders a plan body.
pub fn render(src: &str, opts: &Options2<'_>) -> Rendered {
    let src = pair_bold_delimiters(src);
    let lines = LineIndex::new(&src);
    let events: Vec<(Event, usize)> = Parser::new_ext(&src, parser_options())
        .into_offset_iter()
        .map(|(e, range)| (e, lines.line(range.start)))
        .collect();
    if let Some(line) = too_deep(&events) {
        let mut rendered = Rendered::default();
        rendered.problems.push(Problem {
            line,
            message: format!("blocks nested more than {MAX_DEPTH} levels deep"),
            hint: "plans do not nest quotes or lists this deep: check for stray `>` or indentation".into(),
            warning: false,
        });
        return rendered;
    }
    let mut r = Renderer {
        opts,
        out: Vec::with_capacity(events.len()),
        rendered: Rendered::default(),
        counters: [0; 7],
        ids: HashMap::new(),
        footnotes: HashMap::new(),
        footnote_uses: HashMap::new(),
        open_block: None,
        boxes: 0,
        missing: 0,
        images: Vec::new(),
        annotator: Annotator::new(opts.targets, opts.terms, opts.agencies),
        flushed: 0,
    };
    r.run(&events);
    r.flush();
    r.rendered.found = std::mem::take(&mut r.annotator.found);
    r.rendered.quoted = std::mem::take(&mut r.annotator.quotes.per_target);
    r.rendered.term_counts = std::mem::take(&mut r.annotator.counts);
    r.rendered.term_first = std::mem::take(&mut r.annotator.first);
    r.rendered.notes = std::mem::take(&mut r.annotator.notes);
    let mut html_out = String::with_capacity(src.len() * 2);
    html::push_html(&mut html_out, r.out.into_iter());
    r.rendered.html = html_out;
    r.rendered
}

struct Renderer<'a> {
    opts: &'a Options2<'a>,
    out: Vec<Event<'a>>,
    rendered: Rendered,
    counters: [u32; 7],
    ids: HashMap<String, usize>,
    footnotes: HashMap<String, usize>,
    /// Per footnote number: how often it was referenced so far.
    footnote_uses: HashMap<usize, usize>,
    open_block: Option<(&'static str, usize)>,
    boxes: usize,
    missing: usize,
    /// Per open image: whether it is from another site (rendered as a link).
    images: Vec<bool>,
    annotator: Annotator<'a>,
    /// Output events before this index were annotated already (or are headings).
    flushed: usize,
}

impl<'a> Renderer<'a> {
    fn run(&mut self, events: &[(Event<'a>, usize)]) {
        let joins = soft_breaks_between_wide(events);
        let mut i = 0;
        while i < events.len() {
            let (event, line) = &events[i];
            if matches!(event, Event::Start(t) if is_block(t)) || matches!(event, Event::End(t) if is_block_end(t)) {
                self.flush();
                self.annotator.quotes.line = *line;
            }
            match event {
                Event::Start(Tag::Heading { level, id, .. }) => {
                    let end = find_end(events, i);
                    self.heading(*level, id.as_deref(), &events[i + 1..end], *line);
                    i = end + 1;
                    continue;
                }
                Event::Start(Tag::Paragraph) => {
                    let end = find_end(events, i);
                    match block_markers(&events[i + 1..end]) {
                        Some(Ok(markers)) => {
                            for (n, marker) in markers.iter().enumerate() {
                                self.marker(marker, line + n);
                            }
                            i = end + 1;
                            continue;
                        }
                        Some(Err(())) => self.problem(
                            *line,
                            "a `:::` block marker shares its paragraph with text".into(),
                            "put a blank line after `::: box TITLE` and before the closing `:::`",
                        ),
                        None => {}
                    }
                    self.out.push(event.clone());
                }
                Event::SoftBreak => {
                    if self.opts.break_spaces || !joins[i] {
                        self.out.push(Event::SoftBreak);
                    }
                }
                Event::Text(t) => self.text(t.clone()),
                Event::Html(h) | Event::InlineHtml(h) if !self.opts.allow_html => self.out.push(Event::Text(h.clone())),
                Event::Start(Tag::Link {
                    link_type,
                    dest_url,
                    title,
                    id,
                }) => self.out.push(Event::Start(Tag::Link {
                    link_type: *link_type,
                    dest_url: safe_url(dest_url),
                    title: title.clone(),
                    id: id.clone(),
                })),
                Event::Start(Tag::Image {
                    link_type,
                    dest_url,
                    title,
                    id,
                }) => {
                    let remote = is_remote(dest_url);
                    self.images.push(remote);
                    if remote {
                        self.remote_image(
                            dest_url,
                            title,
                            matches!(events.get(i + 1), Some((Event::End(TagEnd::Image), _))),
                            *line,
                        );
                    } else {
                        self.out.push(Event::Start(Tag::Image {
                            link_type: *link_type,
                            dest_url: safe_url(dest_url),
                            title: title.clone(),
                            id: id.clone(),
                        }));
                    }
                }
                Event::End(TagEnd::Image) => {
                    let remote = self.images.pop().unwrap_or(false);
                    self.out
                        .push(Event::End(if remote { TagEnd::Link } else { TagEnd::Image }));
                }
                Event::Start(Tag::Table(_)) => {
                    let label = escape(&self.opts.labels.table);
                    self.out.push(Event::Html(
                        format!("<div class=\"table-wrap\" role=\"region\" tabindex=\"0\" aria-label=\"{label}\">")
                            .into(),
                    ));
                    self.out.push(event.clone());
                }
                Event::Start(Tag::TableHead | Tag::TableRow) => {
                    self.annotator.quotes.begin_row();
                    self.out.push(event.clone());
                }
                Event::End(TagEnd::TableHead | TagEnd::TableRow) => {
                    self.annotator.quotes.end_row();
                    self.out.push(event.clone());
                }
                Event::End(TagEnd::Table) => {
                    self.out.push(event.clone());
                    self.out.push(Event::Html("</div>".into()));
                }
                Event::FootnoteReference(label) => {
                    let n = self.footnote_number(label);
                    // A note cited again gets `fnref-1-2`, … : ids stay unique, the note links to the first.
                    let uses = self.footnote_uses.entry(n).or_insert(0);
                    *uses += 1;
                    let id = if *uses == 1 {
                        format!("fnref-{n}")
                    } else {
                        format!("fnref-{n}-{uses}")
                    };
                    self.out.push(Event::Html(
                        format!("<sup class=\"fnref\"><a id=\"{id}\" href=\"#fn-{n}\">{n}</a></sup>").into(),
                    ));
                }
                Event::Start(Tag::FootnoteDefinition(label)) => {
                    let n = self.footnote_number(label);
                    self.out.push(Event::Html(format!("<div class=\"footnote\" id=\"fn-{n}\"><span class=\"fn-label\"><a href=\"#fnref-{n}\">{n}</a></span>").into()));
                }
                Event::End(TagEnd::FootnoteDefinition) => self.out.push(Event::Html("</div>".into())),
                _ => self.out.push(event.clone()),
            }
            i += 1;
        }
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

    /// Annotates the inline content gathered since the last block boundary.
    fn flush(&mut self) {
        self.annotator.annotate(&mut self.out, self.flushed);
        self.flushed = self.out.len();
    }

    /// Text with bold markers turned into tags.
    fn text(&mut self, t: CowStr<'a>) {
        if !t.contains([BOLD_OPEN, BOLD_CLOSE]) {
            self.out.push(Event::Text(t));
            return;
        }
        let mut rest: &str = &t;
        while let Some(i) = rest.find([BOLD_OPEN, BOLD_CLOSE]) {
            if i > 0 {
                self.out.push(Event::Text(rest[..i].to_string().into()));
            }
            let marker = rest[i..].chars().next().unwrap_or(BOLD_OPEN);
            self.out.push(Event::Html(
                if marker == BOLD_OPEN { "<strong>" } else { "</strong>" }.into(),
            ));
            rest = &rest[i + marker.len_utf8()..];
        }
        if !rest.is_empty() {
            self.out.push(Event::Text(rest.to_string().into()));
        }
    }

    fn heading(&mut self, level: HeadingLevel, explicit: Option<&str>, inner: &[(Event<'a>, usize)], line: usize) {
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

    /// An image from another site becomes a link to it: no page loads anything from elsewhere
    /// (a remote image can track its readers), and the reader can still follow it.
    fn remote_image(&mut self, url: &CowStr<'a>, title: &CowStr<'a>, no_alt: bool, line: usize) {
        self.out.push(Event::Start(Tag::Link {
            link_type: pulldown_cmark::LinkType::Inline,
            dest_url: safe_url(url),
            title: title.clone(),
            id: CowStr::Borrowed(""),
        }));
        if no_alt {
            self.out.push(Event::Text(url.clone()));
        }
        self.rendered.problems.push(Problem {
            line,
            message: format!("image {url} is on another site: it is shown as a link"),
            hint: "pages load nothing from other sites: save the image under the theme's static/ folder and link that"
                .into(),
            warning: true,
        });
    }

    fn footnote_number(&mut self, label: &str) -> usize {
        let next = self.footnotes.len() + 1;
        *self.footnotes.entry(label.to_string()).or_insert(next)
    }

    fn problem(&mut self, line: usize, message: String, hint: &str) {
        self.rendered.problems.push(Problem {
            line,
            message,
            hint: hint.to_string(),
            warning: false,
        });
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

fn is_block(tag: &Tag) -> bool {
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

fn is_block_end(tag: &TagEnd) -> bool {
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
const MAX_DEPTH: usize = 48;

/// The line where nesting first exceeds [`MAX_DEPTH`].
fn too_deep(events: &[(Event, usize)]) -> Option<usize> {
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

fn find_end(events: &[(Event, usize)], start: usize) -> usize {
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

/// Per event: whether it is a soft break between two wide characters (which vanishes).
///
/// The character before a break is the last one of the nearest preceding text (a paragraph,
/// item or cell start counts as a space), the one after is the first of the nearest following
/// text (any end tag counts as a space). Two linear passes find both for every break: scanning
/// from each break instead was quadratic when many breaks sit between texts (a paragraph of
/// 20,000 lines of inline HTML took seconds, a plan file of a few MB hours).
fn soft_breaks_between_wide(events: &[(Event, usize)]) -> Vec<bool> {
    let mut joins = vec![false; events.len()];
    let mut after = None;
    for (i, (e, _)) in events.iter().enumerate().rev() {
        if matches!(e, Event::SoftBreak) {
            joins[i] = wide(after);
        }
        let first = match e {
            Event::Text(t) | Event::Code(t) => t.chars().find(|c| !matches!(*c, BOLD_OPEN | BOLD_CLOSE)),
            Event::End(_) => Some(' '),
            _ => None,
        };
        after = first.or(after);
    }
    let mut before = None;
    for (i, (e, _)) in events.iter().enumerate() {
        if matches!(e, Event::SoftBreak) {
            joins[i] &= wide(before);
        }
        let last = match e {
            Event::Text(t) | Event::Code(t) => t.chars().rev().find(|c| !matches!(*c, BOLD_OPEN | BOLD_CLOSE)),
            Event::Start(Tag::Paragraph | Tag::Item | Tag::TableCell) => Some(' '),
            _ => None,
        };
        before = last.or(before);
    }
    joins
}

/// East Asian wide or fullwidth: a line break between two of these is not a space.
fn wide(c: Option<char>) -> bool {
    c.is_some_and(|c| c.width() == Some(2) && !('\u{AC00}'..='\u{D7A3}').contains(&c))
}

/// Whether `url` names another site (a scheme or `//`), not a file of this one.
fn is_remote(url: &str) -> bool {
    let url = url.trim();
    url.starts_with("//")
        || url.split_once(':').is_some_and(|(scheme, _)| {
            scheme.starts_with(|c: char| c.is_ascii_alphabetic())
                && scheme.chars().all(|c| c.is_ascii_alphanumeric() || "+-.".contains(c))
        })
}

fn safe_url<'a>(url: &CowStr<'a>) -> CowStr<'a> {
    let lower: String = url
        .trim()
        .chars()
        .filter(|c| !c.is_whitespace() && !c.is_control())
        .collect::<String>()
        .to_ascii_lowercase();
    if ["javascript:", "vbscript:", "data:"]
        .iter()
        .any(|s| lower.starts_with(s))
    {
        CowStr::Borrowed("#")
    } else {
        url.clone()
    }
}

/// Pairs `**` delimiters line by line (outside code) into private-use markers.
fn pair_bold_delimiters(src: &str) -> String {
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

struct LineIndex(Vec<usize>);

impl LineIndex {
    fn new(s: &str) -> Self {
        LineIndex(
            std::iter::once(0)
                .chain(s.match_indices('\n').map(|(i, _)| i + 1))
                .collect(),
        )
    }

    /// 1-based line of byte `offset`.
    fn line(&self, offset: usize) -> usize {
        self.0.partition_point(|&start| start <= offset)
    }
}

use super::escape::escape;

#[cfg(test)]
mod tests {
    use super::*;

    fn html(src: &str) -> String {
        render(src, &Options2::default()).html
    }

    #[test]
    fn soft_breaks_between_chinese_characters_vanish() {
        assert_eq!(html("质量强市\n建设规划\n"), "<p>质量强市建设规划</p>\n");
        assert_eq!(html("质量。\n建设\n"), "<p>质量。建设</p>\n");
        assert_eq!(html("quality\nplan\n"), "<p>quality\nplan</p>\n");
        assert_eq!(html("质量\nplan\n"), "<p>质量\nplan</p>\n");
    }

    #[test]
    fn soft_breaks_between_markup_are_judged_by_the_text_around_them() {
        assert_eq!(html("质量<b>\n</b>强市\n"), "<p>质量&lt;b&gt;&lt;/b&gt;强市</p>\n");
        assert_eq!(
            html("**质量**\n**强市**\n"),
            "<p><strong>质量</strong><strong>强市</strong></p>\n"
        );
        assert_eq!(html("- 质量\n强市\n"), "<ul>\n<li>质量强市</li>\n</ul>\n");
        assert_eq!(html("`质量`\n强市\n"), "<p><code>质量</code>强市</p>\n");
    }

    /// Found with the fuzz targets (scaled-up input): each soft break scanned the paragraph for its
    /// neighbouring text, so 20,000 lines of inline HTML took ~4 s to render (and an 8 MB plan,
    /// hours).
    #[test]
    fn many_soft_breaks_between_markup_render_in_linear_time() {
        let src = format!("x{}", "<b>\n".repeat(200_000));
        let start = std::time::Instant::now();
        let h = html(&src);
        assert!(h.starts_with("<p>x&lt;b&gt;\n&lt;b&gt;"), "{}", &h[..40]);
        assert!(start.elapsed().as_secs() < 5, "took {:?}", start.elapsed());
    }

    #[test]
    fn bold_next_to_chinese_punctuation_works() {
        assert_eq!(
            html("实施**“质量强市”**战略。\n"),
            "<p>实施<strong>“质量强市”</strong>战略。</p>\n"
        );
        assert_eq!(html("**目标：**到2025年\n"), "<p><strong>目标：</strong>到2025年</p>\n");
        assert_eq!(
            html("`**x**` and \\*\\*y\\*\\*\n"),
            "<p><code>**x**</code> and **y**</p>\n"
        );
    }

    #[test]
    fn headings_get_structural_anchors() {
        let r = render(
            "## 一、A\n\n### (一)B\n\n### (二)C\n\n#### 1.D\n\n## 前言 {#preface}\n\n## 二、E\n\n### (一)F\n",
            &Options2::default(),
        );
        let ids: Vec<_> = r.headings.iter().map(|h| h.id.as_str()).collect();
        assert_eq!(ids, ["s1", "s1-1", "s1-2", "s1-2-1", "preface", "s2", "s2-1"]);
        assert!(
            r.html
                .contains("<h3 id=\"s1-2\">(二)C<span class=\"h-tools\"><a class=\"h-anchor\" href=\"#s1-2\""),
            "{}",
            r.html
        );
        assert_eq!(r.headings[3].line, 7);
    }

    #[test]
    fn boxes_and_missing_tables() {
        let r = render(
            "::: box 专栏1:<行动>\n\n内容。\n\n:::\n\n::: missing 表1 完成情况表\n:::\n",
            &Options2::default(),
        );
        assert!(r.html.contains("<aside class=\"box\" id=\"box-1\" aria-labelledby=\"box-1-title\"><p class=\"box-title\" id=\"box-1-title\"><a href=\"#box-1\">专栏1:&lt;行动&gt;</a></p>\n<p>内容。</p>\n</aside>"), "{}", r.html);
        assert!(
            r.html
                .contains("<figure class=\"missing-table\" id=\"missing-1\"><figcaption>表1 完成情况表</figcaption>"),
            "{}",
            r.html
        );
        assert!(r.problems.is_empty(), "{:?}", r.problems);
    }

    #[test]
    fn unclosed_and_unknown_blocks_are_problems_with_lines() {
        let r = render("text\n\n::: box A\n\nbody\n", &Options2::default());
        assert_eq!(r.problems[0].line, 3);
        assert!(r.html.ends_with("</aside>"), "{}", r.html);
        let r = render(":::\n\n::: boxx A\n\n::: box B\ntext\n", &Options2::default());
        assert_eq!(r.problems.iter().map(|p| p.line).collect::<Vec<_>>(), [1, 3, 5]);
        let r = render("::: missing 表1\n:::\n", &Options2::default());
        assert!(
            r.problems.is_empty() && r.html.contains("</figure>"),
            "{:?} {}",
            r.problems,
            r.html
        );
    }

    #[test]
    fn footnotes_get_prefixed_ids() {
        let h = html("正文[^tn1]。\n\n[^tn1]: 译注。\n");
        assert!(h.contains("<a id=\"fnref-1\" href=\"#fn-1\">1</a>"), "{h}");
        assert!(h.contains("<div class=\"footnote\" id=\"fn-1\">"), "{h}");
    }

    #[test]
    fn a_footnote_cited_twice_has_two_distinct_reference_ids() {
        let h = html("甲[^a]，乙[^a]，丙[^b]。\n\n[^a]: 注一。\n\n[^b]: 注二。\n");
        assert!(h.contains("<a id=\"fnref-1\" href=\"#fn-1\">1</a>"), "{h}");
        assert!(h.contains("<a id=\"fnref-1-2\" href=\"#fn-1\">1</a>"), "{h}");
        assert!(h.contains("<a id=\"fnref-2\" href=\"#fn-2\">2</a>"), "{h}");
    }

    #[test]
    fn images_from_other_sites_become_links() {
        let r = render(
            "![统计图](https://tracker.example/p.gif) ![](//cdn.example/x.png) ![本站](chart.svg)\n",
            &Options2::default(),
        );
        assert!(
            !r.html.contains("<img src=\"https://") && !r.html.contains("<img src=\"//"),
            "{}",
            r.html
        );
        assert!(
            r.html.contains("<a href=\"https://tracker.example/p.gif\">统计图</a>"),
            "{}",
            r.html
        );
        assert!(
            r.html
                .contains("<a href=\"//cdn.example/x.png\">//cdn.example/x.png</a>"),
            "{}",
            r.html
        );
        assert!(r.html.contains("<img src=\"chart.svg\" alt=\"本站\""), "{}", r.html);
        assert_eq!(r.problems.len(), 2);
        assert!(
            r.problems
                .iter()
                .all(|p| p.warning && p.message.contains("is on another site"))
        );
    }

    #[test]
    fn raw_html_and_script_links_are_neutralised() {
        let h = html("<script>alert(1)</script>\n\n[x](javascript:alert(1)) <b>hi</b>\n");
        assert!(!h.contains("<script"), "{h}");
        assert!(!h.contains("<b>"), "{h}");
        assert!(h.contains("href=\"#\""), "{h}");
        let allowed = render(
            "<b>hi</b>\n",
            &Options2 {
                allow_html: true,
                ..Default::default()
            },
        )
        .html;
        assert!(allowed.contains("<b>hi</b>"));
    }

    #[test]
    fn tables_scroll_in_a_labelled_region() {
        let h = render(
            "|a|b|\n|-|-|\n|1|2|\n",
            &Options2 {
                labels: Labels {
                    table: "表格".into(),
                    ..Default::default()
                },
                ..Default::default()
            },
        )
        .html;
        assert!(
            h.starts_with("<div class=\"table-wrap\" role=\"region\" tabindex=\"0\" aria-label=\"表格\"><table>"),
            "{h}"
        );
    }
}
