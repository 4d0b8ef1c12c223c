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

mod blocks;
mod inline;
mod source;

use super::annotate::{AgencyLinks, Annotator, Found, NoteFound, Quoted, Targets, Terms};
use super::escape::escape;
use blocks::{MAX_DEPTH, find_end, is_block, is_block_end, too_deep};
use inline::{safe_url, soft_breaks_between_wide};
use pulldown_cmark::{Event, Options, Parser, Tag, TagEnd, html};
use source::{LineIndex, pair_bold_delimiters};
use std::collections::HashMap;

/// Words the renderer writes into the page, in the page's language.
#[derive(Debug, Clone, Default)]
pub struct Labels {
    /// `aria-label` of a heading's `#` link to itself.
    pub section_link: String,
    /// `aria-label` of the scrollable region around each table.
    pub table: String,
    /// Notice shown in place of a table the source lacks (`::: missing`).
    pub missing_table: String,
}

/// Per-heading links to the same section in the other languages: (code, locale, label, page URL).
pub type LanguageLinks = Vec<(String, String, String, String)>;

/// How to render one plan body, and what to look for in it while rendering.
#[derive(Clone, Default)]
pub struct Options2<'a> {
    /// Pass raw HTML through; otherwise it is escaped and shows as text.
    pub allow_html: bool,
    /// Words written into the page, in its language.
    pub labels: Labels,
    /// Links placed after each heading to the same section in the other editions.
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
    /// Gather each section's text (its heading and the text up to the next heading) into
    /// [`Rendered::section_texts`]: what a translation's staleness is judged by.
    pub section_texts: bool,
    /// HTML to put right after the heading of a section, by section id (a stale-translation notice).
    pub section_notices: Option<&'a std::collections::BTreeMap<String, String>>,
}

/// A heading of the body, for the table of contents and cross-language links.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Heading {
    /// 1–6, from the number of `#`.
    pub level: u8,
    /// Anchor id: structural (`s3-2`) or the heading's own `{#id}`.
    pub id: String,
    /// Plain text (text and code, markup dropped).
    pub text: String,
    /// 1-based line in the Markdown source.
    pub line: usize,
}

/// Something wrong in a plan body, found while rendering.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    /// 1-based line in the Markdown source.
    pub line: usize,
    /// What is wrong, one line.
    pub message: String,
    /// How to fix it.
    pub hint: String,
    /// A warning: the page is still right (an error otherwise).
    pub warning: bool,
}

/// One plan body rendered: HTML, and what was found in it.
#[derive(Debug, Default)]
pub struct Rendered {
    /// The body as HTML, to place in the page.
    pub html: String,
    /// In text order.
    pub headings: Vec<Heading>,
    /// Anchors of boxes and missing tables, in order (`box-1`, `missing-1`).
    pub blocks: Vec<(String, usize)>,
    /// Problems in the body, in text order.
    pub problems: Vec<Problem>,
    /// Per target of [`Options2::targets`]: where it was anchored.
    pub found: Vec<Found>,
    /// Per target: where its quote occurs, and the block it is anchored in.
    pub quoted: Vec<Quoted>,
    /// Per glossary term: occurrences in body text, and the id of its first link.
    pub term_counts: Vec<u32>,
    /// Per glossary term: the id of its first link in this body; `None` if not linked.
    pub term_first: Vec<Option<String>>,
    /// The responsibility notes found, in text order.
    pub notes: Vec<NoteFound>,
    /// Per heading (when [`Options2::section_texts`]): its text and the text below it up to the
    /// next heading, markup and link targets left out.
    pub section_texts: Vec<String>,
    /// (section id, glossary term) at each term's first use in each section.
    pub section_terms: Vec<(String, usize)>,
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
    r.rendered.section_terms = std::mem::take(&mut r.annotator.section_terms);
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
                    if let Some(next) = self.paragraph(events, i) {
                        i = next;
                        continue;
                    }
                }
                Event::SoftBreak => {
                    self.gather(" ");
                    if self.opts.break_spaces || !joins[i] {
                        self.out.push(Event::SoftBreak);
                    }
                }
                Event::Text(t) => {
                    self.gather(t);
                    self.text(t.clone());
                }
                Event::Code(t) => {
                    self.gather(t);
                    self.out.push(event.clone());
                }
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
                Event::Start(tag @ Tag::Image { .. }) => {
                    let no_alt = matches!(events.get(i + 1), Some((Event::End(TagEnd::Image), _)));
                    self.image(tag, no_alt, *line);
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
                Event::FootnoteReference(label) => self.footnote_reference(label),
                Event::Start(Tag::FootnoteDefinition(label)) => self.footnote_definition(label),
                Event::End(TagEnd::FootnoteDefinition) => self.out.push(Event::Html("</div>".into())),
                _ => self.out.push(event.clone()),
            }
            i += 1;
        }
        self.close_unclosed_block();
    }

    /// Annotates the inline content gathered since the last block boundary.
    fn flush(&mut self) {
        self.gather(" ");
        self.annotator.annotate(&mut self.out, self.flushed);
        self.flushed = self.out.len();
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

#[cfg(test)]
mod tests;
