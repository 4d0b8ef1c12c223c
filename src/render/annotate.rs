//! Inline annotations in plan text: indicator quotes and figures anchored where the plan
//! states them, and glossary terms linked at their first use in each section.
//!
//! Runs over the text of one block at a time (a paragraph, list item or table cell), so a
//! quote never spans two blocks, and never over headings.

mod agencies;
mod quoted;

use super::escape::escape;
pub use agencies::{AgencyLinks, NoteFound};
use aho_corasick::{AhoCorasick, AhoCorasickBuilder, MatchKind};
use pulldown_cmark::{CowStr, Event, Tag, TagEnd};
pub use quoted::{Occurrence, Quoted};
use std::collections::HashSet;
use unicode_normalization::UnicodeNormalization;

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

    pub fn len(&self) -> usize {
        self.entries.len()
    }

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
    pub found: Vec<Found>,
    /// Where each target's quote occurs (nothing for figures).
    pub quotes: quoted::Log,
    /// Whether any target is a quote: quotes are counted to the end of the text.
    counting: bool,
    /// The responsibility notes, in text order.
    pub notes: Vec<NoteFound>,
    /// Per term: occurrences in body text, and the id of its first link.
    pub counts: Vec<u32>,
    pub first: Vec<Option<String>>,
    section: String,
    linked_here: HashSet<usize>,
    tips: usize,
}

impl<'a> Annotator<'a> {
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
            section: String::new(),
            linked_here: HashSet::new(),
            tips: 0,
        }
    }

    /// A heading starts a new section: terms are linked again at their first use in it.
    pub fn enter_section(&mut self, id: &str) {
        self.section = id.to_string();
        self.linked_here.clear();
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

/// How text and patterns are compared: NFKC, and for quotes without any whitespace.
pub fn normalize(s: &str, drop_space: bool) -> String {
    s.nfkc().filter(|c| !(drop_space && c.is_whitespace())).collect()
}

/// Normalised text of several text events, mapped back to (event, byte range) per character.
struct NormMap {
    text: String,
    origin: Origin,
}

/// Where each character of a [`NormMap`]'s text came from.
enum Origin {
    /// One text event that NFKC leaves as it is (most English text): offsets are its own.
    Same(usize),
    Chars(Chars),
}

/// Per original character: (normalised start, normalised end, event, byte start, byte end).
/// 32 bits are plenty (plan files are at most 8 MB) and halve the map, built for every text.
type Chars = Vec<(u32, u32, u32, u32, u32)>;

/// Characters NFKC leaves alone: the common CJK ideographs (checked by range, the bulk of a
/// Chinese plan) and whatever the quick check confirms.
fn is_nfkc_stable(c: char) -> bool {
    ('\u{4E00}'..='\u{9FFF}').contains(&c)
        || unicode_normalization::is_nfkc_quick(std::iter::once(c)) == unicode_normalization::IsNormalized::Yes
}

impl NormMap {
    fn build(texts: &[(usize, &str)], drop_space: bool) -> Self {
        if let [(ev, t)] = texts
            && !drop_space
            && t.chars().all(|c| c.is_ascii() || is_nfkc_stable(c))
        {
            let origin = Origin::Same(*ev);
            return NormMap {
                text: t.to_string(),
                origin,
            };
        }
        let mut chars = Vec::with_capacity(texts.iter().map(|(_, t)| t.chars().count()).sum());
        let text = Self::normalize(texts, drop_space, Some(&mut chars));
        NormMap {
            text,
            origin: Origin::Chars(chars),
        }
    }

    /// NFKC of `texts` (without whitespace if `drop_space`), recording each character's
    /// place in `chars` when given.
    fn normalize(texts: &[(usize, &str)], drop_space: bool, mut chars: Option<&mut Chars>) -> String {
        // Sized once: growing it (realloc) was ~6 % of a 1,000-plan build in the profile.
        let mut text = String::with_capacity(texts.iter().map(|(_, t)| t.len()).sum());
        for &(ev, t) in texts {
            for (b, c) in t.char_indices() {
                let start = text.len();
                if c.is_ascii() || is_nfkc_stable(c) {
                    if !(drop_space && c.is_whitespace()) {
                        text.push(c);
                    }
                } else {
                    text.extend(std::iter::once(c).nfkc().filter(|c| !(drop_space && c.is_whitespace())));
                }
                if let Some(chars) = chars.as_mut().filter(|_| text.len() > start) {
                    let at = |n: usize| n as u32;
                    chars.push((at(start), at(text.len()), at(ev), at(b), at(b + c.len_utf8())));
                }
            }
        }
        text
    }

    /// The original pieces (one per text event) covering normalised `start..end`.
    fn original_pieces(&self, start: usize, end: usize) -> Vec<(usize, usize, usize)> {
        let chars = match &self.origin {
            Origin::Same(ev) => return vec![(*ev, start, end)],
            Origin::Chars(chars) => chars,
        };
        let first = chars.partition_point(|c| c.1 as usize <= start);
        let mut pieces: Vec<(usize, usize, usize)> = Vec::new();
        for &(ns, _, ev, bs, be) in &chars[first..] {
            let (ns, ev, bs, be) = (ns as usize, ev as usize, bs as usize, be as usize);
            if ns >= end {
                break;
            }
            match pieces.last_mut() {
                Some(p) if p.0 == ev => p.2 = be,
                _ => pieces.push((ev, bs, be)),
            }
        }
        pieces
    }

    fn original_end(&self, end: usize) -> (usize, usize) {
        let chars = match &self.origin {
            Origin::Same(ev) => return (*ev, end),
            Origin::Chars(chars) => chars,
        };
        let i = chars.partition_point(|c| (c.1 as usize) < end).min(chars.len() - 1);
        (chars[i].2 as usize, chars[i].4 as usize)
    }

    fn around(&self, start: usize, end: usize) -> (Option<char>, Option<char>) {
        (self.text[..start].chars().next_back(), self.text[end..].chars().next())
    }

    /// Not part of a longer word: "rate" in "rates" or "quality" in "qualitycheck" is no match.
    fn word_bounded(&self, start: usize, end: usize) -> bool {
        let (a, b) = self.around(start, end);
        !a.is_some_and(|c| c.is_alphanumeric()) && !b.is_some_and(|c| c.is_alphanumeric())
    }

    /// Not part of a longer number: "95" in "1995" or "95.5" is no match.
    fn figure_bounded(&self, start: usize, end: usize) -> bool {
        let (a, b) = self.around(start, end);
        let num = |c: Option<char>| c.is_some_and(|c| c.is_ascii_digit());
        let joins = |c: Option<char>, next: Option<char>| matches!(c, Some('.' | ',')) && num(next);
        let after2 = self.text[end..].chars().nth(1);
        let before2 = self.text[..start].chars().rev().nth(1);
        !num(a) && !num(b) && !joins(b, after2) && !joins(a, before2)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn run(events: Vec<Event<'static>>, targets: Option<&Targets>, terms: Option<&Terms>) -> (String, Vec<Found>) {
        let mut a = Annotator::new(targets, terms, None);
        a.enter_section("s1");
        let mut out = events;
        a.annotate(&mut out, 0);
        let mut html = String::new();
        pulldown_cmark::html::push_html(&mut html, out.into_iter());
        (html, a.found)
    }

    fn quote(p: &str, id: &str) -> Target {
        Target {
            patterns: vec![p.into()],
            section: None,
            id: id.into(),
            links: vec![("../x/".into(), "Indicator X".into(), "指标".into())],
            status: None,
            figure: false,
            occurrence: 1,
        }
    }

    #[test]
    fn quotes_match_across_bold_and_full_width_forms() {
        let t = Targets::new(vec![quote("合格率达到95%以上", "q-a-1")]);
        let events = vec![
            Event::Text("产品质量合格率达到".into()),
            Event::Html("<strong>".into()),
            Event::Text("９５％以上".into()),
            Event::Html("</strong>".into()),
            Event::Text("。".into()),
        ];
        let (html, found) = run(events, Some(&t), None);
        assert_eq!(found[0], Some(("q-a-1".into(), "s1".into())));
        assert_eq!(
            html,
            "产品质量<mark class=\"quote\" id=\"q-a-1\">合格率达到</mark><strong><mark class=\"quote\">９５％以上</mark><a class=\"q-ind\" href=\"../x/\">指标<span class=\"vh\" data-pagefind-ignore>: Indicator X</span></a></strong>。"
        );
    }

    #[test]
    fn a_shared_quote_gets_one_anchor_and_two_links() {
        let t = Targets::new(vec![quote("均达到98%", "q-a-1"), quote("均达到98%", "q-b-1")]);
        let (html, found) = run(vec![Event::Text("两项均达到98%。".into())], Some(&t), None);
        assert_eq!(found[1], Some(("q-a-1".into(), "s1".into())));
        assert_eq!(html.matches("class=\"q-ind\"").count(), 2, "{html}");
        assert_eq!(html.matches("<mark").count(), 1);
    }

    #[test]
    fn figures_skip_longer_numbers_and_other_sections() {
        let mut fig = quote("95%", "q-a-1");
        fig.figure = true;
        fig.patterns = vec!["95".into()];
        let mut elsewhere = fig.clone();
        elsewhere.section = Some("s9".into());
        elsewhere.id = "q-b-1".into();
        let t = Targets::new(vec![fig, elsewhere]);
        let (html, found) = run(
            vec![Event::Text("In 1995, 95.5 and then 95 percent.".into())],
            Some(&t),
            None,
        );
        assert!(html.contains("then <a class=\"fig\" id=\"q-a-1\""), "{html}");
        assert!(found[1].is_none());
    }

    fn terms(words: bool, spellings: &[&[&str]]) -> Terms {
        let entries = (0..spellings.len())
            .map(|i| (format!("t{i}"), format!("../g/#t{i}"), format!("tip {i}")))
            .collect();
        let lists: Vec<Vec<String>> = spellings
            .iter()
            .map(|l| l.iter().map(|s| s.to_string()).collect())
            .collect();
        Terms::new(entries, &lists, words)
    }

    #[test]
    fn longest_term_wins_and_links_once_per_section() {
        let g = terms(false, &[&["质量基础设施"], &["质量基础设施“一站式”服务"]]);
        let mut a = Annotator::new(None, Some(&g), None);
        a.enter_section("s1");
        let mut ev = vec![Event::Text(
            "推进质量基础设施“一站式”服务，完善质量基础设施和质量基础设施。".into(),
        )];
        a.annotate(&mut ev, 0);
        assert_eq!(a.counts, [2, 1]);
        let links = ev
            .iter()
            .filter(|e| matches!(e, Event::Html(h) if h.contains("class=\"term\"")))
            .count();
        assert_eq!(links, 2, "each term once in the section");
        a.enter_section("s2");
        let mut ev2 = vec![Event::Text("质量基础设施".into())];
        a.annotate(&mut ev2, 0);
        assert!(
            matches!(&ev2[0], Event::Html(h) if h.contains("class=\"term\"") && !h.contains("id=")),
            "linked again, first id only once"
        );
        assert_eq!(a.first[0].as_deref(), Some("g-t0"));
    }

    #[test]
    fn english_terms_respect_word_boundaries_and_case() {
        let g = terms(true, &[&["chief quality officer"], &["quality"]]);
        let mut a = Annotator::new(None, Some(&g), None);
        let mut ev = vec![Event::Text("Chief Quality Officers and qualityx; quality.".into())];
        a.annotate(&mut ev, 0);
        assert_eq!(a.counts, [0, 1], "plural and glued words are no match");
    }

    #[test]
    fn links_wrap_exactly_the_term_in_plain_and_normalised_text() {
        let g = terms(true, &[&["pass rate"]]);
        // Plain ASCII maps by its own offsets; full-width forms (before the term, so that
        // normalised and original offsets differ) go through the character map.
        for (before, after) in [("The ", " rose."), ("（２０２５）The ", " rose（２０２５）.")] {
            let text = format!("{before}pass rate{after}");
            let (html, _) = run(vec![Event::Text(text.into())], None, Some(&g));
            assert!(
                html.starts_with(&format!("{before}<span class=\"gl\"><a class=\"term\"")),
                "{html}"
            );
            assert!(html.contains(">pass rate</a>"), "{html}");
            assert!(html.contains(&format!("</span>{after}")), "{html}");
        }
    }

    #[test]
    fn never_inside_links_or_quotes() {
        let g = terms(false, &[&["品字标"]]);
        let t = Targets::new(vec![quote("品字标企业100家", "q-a-1")]);
        let mut a = Annotator::new(Some(&t), Some(&g), None);
        let mut ev = vec![
            Event::Start(Tag::Link {
                link_type: pulldown_cmark::LinkType::Inline,
                dest_url: "x".into(),
                title: "".into(),
                id: "".into(),
            }),
            Event::Text("品字标".into()),
            Event::End(TagEnd::Link),
            Event::Text("培育品字标企业100家。".into()),
        ];
        a.annotate(&mut ev, 0);
        assert_eq!(a.counts, [2]);
        assert!(a.first[0].is_none(), "no link inside a link or an anchored quote");
    }
}
