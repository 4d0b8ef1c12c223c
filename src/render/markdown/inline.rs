//! Inline content: bold markers, images, footnote references, links, soft breaks.

use super::source::{BOLD_CLOSE, BOLD_OPEN};
use super::{Problem, Renderer};
use pulldown_cmark::{CowStr, Event, Tag};
use unicode_width::UnicodeWidthChar;

impl<'a> Renderer<'a> {
    /// Adds text to the current section's (when gathering, and below a heading).
    pub(super) fn gather(&mut self, t: &str) {
        if self.opts.section_texts
            && let Some(section) = self.rendered.section_texts.last_mut()
        {
            if t.contains([BOLD_OPEN, BOLD_CLOSE]) {
                section.push_str(&t.replace([BOLD_OPEN, BOLD_CLOSE], ""));
            } else {
                section.push_str(t);
            }
        }
    }

    /// Text with bold markers turned into tags.
    pub(super) fn text(&mut self, t: CowStr<'a>) {
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

    /// An image of this site is kept (its URL made safe); one from another site becomes a link.
    pub(super) fn image(&mut self, tag: &Tag<'a>, no_alt: bool, line: usize) {
        let Tag::Image {
            link_type,
            dest_url,
            title,
            id,
        } = tag
        else {
            return;
        };
        let remote = is_remote(dest_url);
        self.images.push(remote);
        if remote {
            self.remote_image(dest_url, title, no_alt, line);
        } else {
            self.out.push(Event::Start(Tag::Image {
                link_type: *link_type,
                dest_url: safe_url(dest_url),
                title: title.clone(),
                id: id.clone(),
            }));
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

    /// A note cited again gets `fnref-1-2`, … : ids stay unique, the note links to the first.
    pub(super) fn footnote_reference(&mut self, label: &str) {
        let n = self.footnote_number(label);
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

    pub(super) fn footnote_definition(&mut self, label: &str) {
        let n = self.footnote_number(label);
        self.out.push(Event::Html(
            format!(
                "<div class=\"footnote\" id=\"fn-{n}\"><span class=\"fn-label\"><a href=\"#fnref-{n}\">{n}</a></span>"
            )
            .into(),
        ));
    }

    fn footnote_number(&mut self, label: &str) -> usize {
        let next = self.footnotes.len() + 1;
        *self.footnotes.entry(label.to_string()).or_insert(next)
    }
}

/// Per event: whether it is a soft break between two wide characters (which vanishes).
///
/// The character before a break is the last one of the nearest preceding text (a paragraph,
/// item or cell start counts as a space), the one after is the first of the nearest following
/// text (any end tag counts as a space). Two linear passes find both for every break: scanning
/// from each break instead was quadratic when many breaks sit between texts (a paragraph of
/// 20,000 lines of inline HTML took seconds, a plan file of a few MB hours).
pub(super) fn soft_breaks_between_wide(events: &[(Event, usize)]) -> Vec<bool> {
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

pub(super) fn safe_url<'a>(url: &CowStr<'a>) -> CowStr<'a> {
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
