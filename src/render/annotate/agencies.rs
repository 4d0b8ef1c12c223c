//! Responsibility notes in plan text: each body a note names links to its agency page, and
//! the page remembers which bodies each section's note names (the agency pages list them).

use super::Annotator;
use crate::render::escape::escape;
use pulldown_cmark::{Event, Tag, TagEnd};

/// The agencies a page links in its responsibility notes: how its text names them, and each
/// one's page (relative to the plan page), per registry index.
pub struct AgencyLinks {
    /// Finds the notes and the bodies they name in the page's text.
    pub linker: crate::agencies::Linker,
    /// Per registry index: the agency's page, relative to the plan page.
    pub hrefs: Vec<String>,
}

/// A responsibility note as a page found it: its section, the agencies it names (registry
/// index, role) and what else it names as written (collective mentions, unknown names).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NoteFound {
    /// Id of the heading whose section holds the note.
    pub section: String,
    /// Agencies of the registry it names (registry index), with their role.
    pub agencies: Vec<(usize, crate::agencies::Role)>,
    /// What it names that links to no agency, as written (collective mentions, unknown names).
    pub others: Vec<String>,
}

impl Annotator<'_> {
    /// Links each body a responsibility note names to its agency page (outside quotes and
    /// links), and notes what the note names; the linked names are claimed from the glossary.
    pub(super) fn link_agencies(
        &mut self,
        tail: &[Event],
        claimed: &mut Vec<(usize, usize, usize)>,
        inserts: &mut Vec<(usize, usize, u8, String)>,
    ) {
        let Some(agencies) = self.agencies else {
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
                Event::Text(t) if in_link == 0 => t.as_ref(),
                _ => continue,
            };
            for note in agencies.linker.notes(text) {
                let mut found = NoteFound {
                    section: self.section.clone(),
                    agencies: Vec::new(),
                    others: Vec::new(),
                };
                for hit in note.hits {
                    let Some(a) = hit.agency else {
                        found.others.push(hit.written);
                        continue;
                    };
                    found.agencies.push((a, hit.role));
                    let (s, e) = (hit.range.start, hit.range.end);
                    if claimed.iter().any(|&(ce, cs, cend)| ce == i && s < cend && cs < e) {
                        continue;
                    }
                    claimed.push((i, s, e));
                    let href = escape(&agencies.hrefs[a]);
                    inserts.push((i, s, 2, format!("<a class=\"agency\" href=\"{href}\">")));
                    inserts.push((i, e, 0, "</a>".to_string()));
                }
                self.notes.push(found);
            }
        }
    }
}
