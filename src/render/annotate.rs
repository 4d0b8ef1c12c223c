//! Inline annotations in plan text: indicator quotes and figures anchored where the plan
//! states them, and glossary terms linked at their first use in each section.
//!
//! Runs over the text of one block at a time (a paragraph, list item or table cell), so a
//! quote never spans two blocks, and never over headings.

mod agencies;
mod norm;
mod quoted;

use super::escape::escape;
pub use agencies::{AgencyLinks, NoteFound};
use aho_corasick::{AhoCorasick, AhoCorasickBuilder, MatchKind};
use norm::NormMap;
pub use norm::normalize;
use pulldown_cmark::{CowStr, Event, Tag, TagEnd};
pub use quoted::{Occurrence, Quoted};
use std::collections::HashSet;

/// What to anchor in one page: a verbatim quote (highlighted) or a figure (made a link).
#[derive(Debug, Clone)]
pub struct Target {
    /// Alternatives; the first one found wins.
    pub patterns: Vec<String>,
    /// Only look in this section (heading id); `None` for anywhere.
    pub section: Option<String>,
    /// The element id to create.
    pub id: String,
    /// (href, accessible label, visible chip) links placed after a quote, or the figure's link.
    pub links: Vec<(String, String, String)>,
    /// A figure (a number in translated text) rather than a verbatim quote.
    pub figure: bool,
    /// A target's progress status, shown after the quote or figure.
    pub status: Option<String>,
    /// Which occurrence of a quote to anchor (1-based); figures take the first.
    pub occurrence: usize,
}

/// The targets of one page, with one automaton over all their patterns.
#[derive(Debug)]
pub struct Targets {
    items: Vec<Target>,
    matcher: Option<AhoCorasick>,
    owner: Vec<usize>,
}

impl Targets {
    /// The targets of a page, their patterns normalized into one automaton.
    pub fn new(items: Vec<Target>) -> Self {
        let mut owner = Vec::new();
        let mut patterns = Vec::new();
        for (i, t) in items.iter().enumerate() {
            for p in &t.patterns {
                let p = normalize(p, true);
                if !p.is_empty() {
                    patterns.push(p);
                    owner.push(i);
                }
            }
        }
        let matcher = (!patterns.is_empty()).then(|| AhoCorasick::new(&patterns).expect("plain string patterns"));
        Targets { items, matcher, owner }
    }
}

/// One language's glossary: every spelling of every term in one leftmost-longest automaton.
#[derive(Debug)]
pub struct Terms {
    matcher: Option<AhoCorasick>,
    owner: Vec<usize>,
    /// Word boundaries and case folding apply (alphabetic scripts).
    words: bool,
    /// Per term: (id, href to its entry, tooltip text).
    entries: Vec<(String, String, String)>,
}

impl Terms {
    /// `spellings[i]` are the spellings of entry `i`.
    pub fn new(entries: Vec<(String, String, String)>, spellings: &[Vec<String>], words: bool) -> Self {
        let mut owner = Vec::new();
        let mut patterns = Vec::new();
        for (i, list) in spellings.iter().enumerate() {
            for s in list {
                let s = normalize(s, false);
                if !s.is_empty() {
                    patterns.push(s);
                    owner.push(i);
                }
            }
        }
        let matcher = (!patterns.is_empty()).then(|| {
            AhoCorasickBuilder::new()
                .match_kind(MatchKind::LeftmostLongest)
                .ascii_case_insensitive(words)
                .build(&patterns)
                .expect("plain string patterns")
        });
        Terms {
            matcher,
            owner,
            words,
            entries,
        }
    }

    /// A glossary's automaton for text in language `lang`: each term's spellings in it, linked
    /// to `{entry_url}#<id>` with the definition's first sentence (or the `fallback`
    /// language's, where it has none) as the tooltip, matched the way `script` text is.
    pub fn from_glossary(
        glossary: &[crate::content::Term],
        (lang, fallback): (&str, &str),
        entry_url: &str,
        script: crate::content::Script,
    ) -> Self {
        let entries = glossary
            .iter()
            .map(|t| {
                (
                    t.id.clone(),
                    format!("{entry_url}#{}", t.id),
                    crate::content::first_sentence(t.definition.text(lang, fallback)).to_string(),
                )
            })
            .collect();
        let spellings: Vec<Vec<String>> = glossary.iter().map(|t| t.spellings(lang).cloned().collect()).collect();
        Terms::new(entries, &spellings, script.whole_words())
    }

    /// How many terms (entries of the glossary).
    pub fn len(&self) -> usize {
        self.entries.len()
    }

    /// Whether the glossary has no terms.
    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }
}

/// The id of a page's first link to glossary term `term_id`.
pub fn first_link_id(term_id: &str) -> String {
    format!("g-{term_id}")
}

/// Where a target was anchored: (element id, section id).
pub type Found = Option<(String, String)>;

/// The annotation state of one page.
pub struct Annotator<'a> {
    targets: Option<&'a Targets>,
    terms: Option<&'a Terms>,
    agencies: Option<&'a AgencyLinks>,
    /// Per target of `targets`, by index: where it was anchored (`None`: not found).
    pub found: Vec<Found>,
    /// Where each target's quote occurs (nothing for figures).
    pub quotes: quoted::Log,
    /// Whether any target is a quote: quotes are counted to the end of the text.
    counting: bool,
    /// The responsibility notes, in text order.
    pub notes: Vec<NoteFound>,
    /// Per term: occurrences in body text, and the id of its first link.
    pub counts: Vec<u32>,
    /// Per term: the id of its first link in the body; `None` if not linked.
    pub first: Vec<Option<String>>,
    /// (section id, term) at each term's first use in each section, in text order.
    pub section_terms: Vec<(String, usize)>,
    section: String,
    linked_here: HashSet<usize>,
    used_here: HashSet<usize>,
    tips: usize,
}

impl<'a> Annotator<'a> {
    /// An annotator for one page: any of the three kinds of thing to look for may be absent.
    pub fn new(targets: Option<&'a Targets>, terms: Option<&'a Terms>, agencies: Option<&'a AgencyLinks>) -> Self {
        let n = terms.map_or(0, Terms::len);
        Annotator {
            targets,
            terms,
            agencies,
            notes: Vec::new(),
            found: vec![None; targets.map_or(0, |t| t.items.len())],
            quotes: quoted::Log::new(targets.map_or(0, |t| t.items.len())),
            counting: targets.is_some_and(|t| t.items.iter().any(|t| !t.figure)),
            counts: vec![0; n],
            first: vec![None; n],
            section_terms: Vec::new(),
            section: String::new(),
            linked_here: HashSet::new(),
            used_here: HashSet::new(),
            tips: 0,
        }
    }

    /// A heading starts a new section: terms are linked again at their first use in it.
    pub fn enter_section(&mut self, id: &str) {
        self.section = id.to_string();
        self.linked_here.clear();
        self.used_here.clear();
    }

    /// Rewrites `events[from..]` (one block's inline content) with anchors and links.
    pub fn annotate<'e>(&mut self, events: &mut Vec<Event<'e>>, from: usize) {
        if from >= events.len() || (self.targets.is_none() && self.terms.is_none() && self.agencies.is_none()) {
            return;
        }
        let tail: Vec<Event<'e>> = events.drain(from..).collect();
        // (event index, byte offset, html, order) insertions; order keeps closers before openers.
        let mut inserts: Vec<(usize, usize, u8, String)> = Vec::new();
        let mut spans = self.anchor_targets(&tail, &mut inserts);
        self.link_agencies(&tail, &mut spans, &mut inserts);
        self.link_terms(&tail, &spans, &mut inserts);
        inserts.sort_by_key(|&(e, off, order, _)| (e, off, order));
        let mut k = 0;
        for (i, event) in tail.into_iter().enumerate() {
            let Event::Text(text) = &event else {
                events.push(event);
                continue;
            };
            let mut pos = 0;
            while k < inserts.len() && inserts[k].0 == i {
                let (_, off, _, ref html) = inserts[k];
                if off > pos {
                    events.push(Event::Text(CowStr::from(text[pos..off].to_string())));
                }
                events.push(Event::Html(CowStr::from(html.clone())));
                pos = pos.max(off);
                k += 1;
            }
            if pos == 0 {
                events.push(event);
            } else if pos < text.len() {
                events.push(Event::Text(CowStr::from(text[pos..].to_string())));
            }
        }
    }

    /// Finds quotes and figures in the block; returns the claimed spans per text event.
    fn anchor_targets(
        &mut self,
        tail: &[Event],
        inserts: &mut Vec<(usize, usize, u8, String)>,
    ) -> Vec<(usize, usize, usize)> {
        let mut claimed: Vec<(usize, usize, usize)> = Vec::new(); // (event, start, end)
        let Some(targets) = self.targets else {
            return claimed;
        };
        let Some(matcher) = &targets.matcher else {
            return claimed;
        };
        if !self.counting && self.found.iter().all(Option::is_some) {
            return claimed; // each figure is anchored once (quotes are counted to the end)
        }
        let texts: Vec<(usize, &str)> = tail
            .iter()
            .enumerate()
            .filter_map(|(i, e)| match e {
                Event::Text(t) => Some((i, t.as_ref())),
                _ => None,
            })
            .collect();
        // Most blocks hold no quote: they need only the normalised text, not where each
        // character went.
        let text = NormMap::normalize(&texts, true, None);
        self.quotes.block_text(&text);
        if !matcher.is_match(&text) {
            return claimed;
        }
        let map = NormMap::build(&texts, true);
        // The block's text, made once for the quotes that occur in it.
        let mut block: Option<std::sync::Arc<str>> = None;
        // Accepted spans in normalised coordinates, with their element id.
        let mut accepted: Vec<(usize, usize, String)> = Vec::new();
        for m in matcher.find_overlapping_iter(&map.text) {
            let t = targets.owner[m.pattern().as_usize()];
            let target = &targets.items[t];
            if target.section.as_ref().is_some_and(|s| *s != self.section) {
                continue;
            }
            if !target.figure
                && self
                    .quotes
                    .occurs(t, block.get_or_insert_with(|| map.text.as_str().into()))
                    != target.occurrence
            {
                continue;
            }
            if self.found[t].is_some() {
                continue;
            }
            let (start, end) = (m.start(), m.end());
            if target.figure && !map.figure_bounded(start, end) {
                continue;
            }
            if let Some((_, _, id)) = accepted.iter().find(|(s, e, _)| start < *e && *s < end) {
                // Overlaps an anchored quote: a figure looks further, a quote shares the anchor.
                if target.figure {
                    continue;
                }
                self.found[t] = Some((id.clone(), self.section.clone()));
                let last = accepted.iter().position(|(_, _, i)| i == id).expect("accepted");
                let (_, e, _) = accepted[last];
                let (ev, off) = map.original_end(e);
                inserts.push((ev, off, 1, format!("{}{}", chips(&target.links), status(target))));
                continue;
            }
            accepted.push((start, end, target.id.clone()));
            self.found[t] = Some((target.id.clone(), self.section.clone()));
            let pieces = map.original_pieces(start, end);
            for (n, &(ev, s, e)) in pieces.iter().enumerate() {
                claimed.push((ev, s, e));
                let (open, close) = if target.figure {
                    let (href, label, _) = &target.links[0];
                    let id = if n == 0 {
                        format!(" id=\"{}\"", escape(&target.id))
                    } else {
                        String::new()
                    };
                    (
                        format!(
                            "<a class=\"fig\"{id} href=\"{}\" title=\"{}\">",
                            escape(href),
                            escape(label)
                        ),
                        "</a>".to_string(),
                    )
                } else {
                    let id = if n == 0 {
                        format!(" id=\"{}\"", escape(&target.id))
                    } else {
                        String::new()
                    };
                    (format!("<mark class=\"quote\"{id}>"), "</mark>".to_string())
                };
                inserts.push((ev, s, 2, open));
                let last = n + 1 == pieces.len();
                let tail_html = match (last, target.figure) {
                    (true, false) => format!("{close}{}{}", chips(&target.links), status(target)),
                    (true, true) => format!("{close}{}", status(target)),
                    (false, _) => close,
                };
                inserts.push((ev, e, 0, tail_html));
            }
        }
        claimed
    }

    /// Counts terms and links the first use of each in this section, outside links and quotes.
    fn link_terms(
        &mut self,
        tail: &[Event],
        claimed: &[(usize, usize, usize)],
        inserts: &mut Vec<(usize, usize, u8, String)>,
    ) {
        let Some(terms) = self.terms else {
            return;
        };
        let Some(matcher) = &terms.matcher else {
            return;
        };
        let mut in_link = 0usize;
        for (i, event) in tail.iter().enumerate() {
            let text = match event {
                Event::Start(Tag::Link { .. }) => {
                    in_link += 1;
                    continue;
                }
                Event::End(TagEnd::Link) => {
                    in_link = in_link.saturating_sub(1);
                    continue;
                }
                Event::Html(h) if h.starts_with("<a ") => {
                    in_link += 1;
                    continue;
                }
                Event::Html(h) if h.as_ref() == "</a>" => {
                    in_link = in_link.saturating_sub(1);
                    continue;
                }
                Event::Text(t) => t.as_ref(),
                _ => continue,
            };
            let map = NormMap::build(&[(i, text)], false);
            for m in matcher.find_iter(&map.text) {
                if terms.words && !map.word_bounded(m.start(), m.end()) {
                    continue;
                }
                let term = terms.owner[m.pattern().as_usize()];
                self.counts[term] += 1;
                if self.used_here.insert(term) {
                    self.section_terms.push((self.section.clone(), term));
                }
                let pieces = map.original_pieces(m.start(), m.end());
                let &[(ev, s, e)] = pieces.as_slice() else { continue };
                let inside_quote = claimed.iter().any(|&(ce, cs, cend)| ce == ev && s < cend && cs < e);
                if in_link > 0 || inside_quote || !self.linked_here.insert(term) {
                    continue;
                }
                self.tips += 1;
                let (id, href, tip) = &terms.entries[term];
                let first_id = match self.first[term] {
                    None => {
                        let fid = first_link_id(id);
                        self.first[term] = Some(fid.clone());
                        format!(" id=\"{}\"", escape(&fid))
                    }
                    Some(_) => String::new(),
                };
                let n = self.tips;
                inserts.push((
                    ev,
                    s,
                    2,
                    format!(
                        "<span class=\"gl\"><a class=\"term\"{first_id} href=\"{}\" aria-describedby=\"tip-{n}\">",
                        escape(href)
                    ),
                ));
                inserts.push((
                    ev,
                    e,
                    0,
                    format!(
                        "</a><span class=\"tip\" id=\"tip-{n}\" role=\"tooltip\" data-pagefind-ignore>{}</span></span>",
                        escape(tip)
                    ),
                ));
            }
        }
    }
}

/// A target's status after its quote or figure (not indexed: it is not the plan's text).
fn status(target: &Target) -> String {
    match &target.status {
        Some(s) => format!("<span class=\"q-status\" data-pagefind-ignore>{}</span>", escape(s)),
        None => String::new(),
    }
}

fn chips(links: &[(String, String, String)]) -> String {
    links
        .iter()
        .map(|(href, label, chip)| {
            // The visible chip starts the accessible name; the rest is for screen readers only.
            format!(
                "<a class=\"q-ind\" href=\"{}\">{}<span class=\"vh\" data-pagefind-ignore>: {}</span></a>",
                escape(href),
                escape(chip),
                escape(label)
            )
        })
        .collect()
}

#[cfg(test)]
mod tests;
