//! Who is responsible: the bodies plans' responsibility notes name, found in a plan's text
//! and matched to the registry (`content/agencies.yaml`), in every language.
//!
//! Chinese text is read by [`notes`] (the list and its shared prefix); a translated note,
//! "(Responsible: Municipal Bureau of …, Administration for Market Regulation, according to
//! their respective duties)", is searched for the registry's names and aliases in that
//! language, so both editions link the same bodies without a second grammar.

pub mod draft;
pub mod notes;

use crate::content::{Agency, Script};
use aho_corasick::{AhoCorasick, AhoCorasickBuilder, AhoCorasickKind, MatchKind};
pub use notes::{Body, Note, Role, find_notes};
use regex::Regex;
use std::collections::HashMap;
use std::ops::Range;
use std::sync::LazyLock;

/// One body named in a note, as found in one language's text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Hit {
    /// Byte range of the name in the text searched.
    pub range: Range<usize>,
    /// The registry's index, `None` for a name it does not know or a collective mention.
    pub agency: Option<usize>,
    /// Leads the task or helps.
    pub role: Role,
    /// The name as written (`发改委`).
    pub written: String,
    /// A mention of many bodies at once (`各成员单位`): kept as written, never linked to one body.
    pub collective: bool,
    /// The full name the note most likely means (`市发改委` for 发改委 after 市…).
    pub full: String,
}

/// A note and the bodies in it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NoteHits {
    /// Byte range of the whole parenthesis in the text searched.
    pub range: Range<usize>,
    /// The bodies it names, in text order.
    pub hits: Vec<Hit>,
}

/// Finds one plan's notes in one language's text: which agencies serve the plan's region, and
/// how the language's text names them.
pub struct Linker {
    mode: Mode,
}

enum Mode {
    /// Chinese: notes parsed, names looked up after NFKC.
    Han(HashMap<String, usize>),
    /// Translations: the agencies' spellings, leftmost-longest, whole words, ignoring case.
    Latin(Option<AhoCorasick>, Vec<usize>),
}

/// A translated note: "(Responsible: …)", "(Lead: …; Supporting: …)".
static LATIN_NOTE: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"\((?:Responsible|Lead|Supporting):[^()]*\)").expect("valid regex"));

impl Linker {
    /// The linker for text in `lang` (written in `script`) of a plan of `region`.
    pub fn new(agencies: &[Agency], region: &str, lang: &str, script: Script) -> Self {
        let serving = || (agencies.iter().enumerate()).filter(|(_, a)| a.serves(region));
        let mode = match script {
            Script::Han => Mode::Han(
                serving()
                    .flat_map(|(i, a)| a.spellings(lang).map(move |s| (script.normalize(s), i)))
                    .collect(),
            ),
            Script::Latin => {
                let (mut patterns, mut owner) = (Vec::new(), Vec::new());
                for (i, a) in serving() {
                    for s in a.spellings(lang) {
                        patterns.push(s.trim().to_string());
                        owner.push(i);
                    }
                }
                let matcher = (!patterns.is_empty()).then(|| {
                    AhoCorasickBuilder::new()
                        .match_kind(MatchKind::LeftmostLongest)
                        .ascii_case_insensitive(true)
                        // Built per plan and run only inside notes: a DFA cost more to build
                        // than every search with it.
                        .kind(Some(AhoCorasickKind::ContiguousNFA))
                        .build(&patterns)
                        .expect("plain string patterns")
                });
                Mode::Latin(matcher, owner)
            }
        };
        Linker { mode }
    }

    /// The notes in `text` and the bodies each names.
    pub fn notes(&self, text: &str) -> Vec<NoteHits> {
        match &self.mode {
            Mode::Han(names) => find_notes(text)
                .into_iter()
                .map(|n| NoteHits {
                    range: n.range,
                    hits: n.bodies.into_iter().map(|b| resolve(names, b)).collect(),
                })
                .collect(),
            Mode::Latin(None, _) => Vec::new(),
            Mode::Latin(Some(matcher), owner) => (LATIN_NOTE.find_iter(text))
                .map(|m| NoteHits {
                    range: m.range(),
                    hits: latin_hits(matcher, owner, m.as_str(), m.start()),
                })
                .collect(),
        }
    }
}

/// A Chinese body matched to the registry: its candidates in order, the first known wins.
fn resolve(names: &HashMap<String, usize>, b: Body) -> Hit {
    let candidates = b.candidates();
    let agency = (!b.collective)
        .then(|| {
            candidates
                .iter()
                .find_map(|c| names.get(&Script::Han.normalize(c)).copied())
        })
        .flatten();
    Hit {
        range: b.range,
        agency,
        role: b.role,
        full: candidates[0].clone(),
        written: b.written,
        collective: b.collective,
    }
}

/// The registry's names in a translated note starting at byte `at`.
fn latin_hits(matcher: &AhoCorasick, owner: &[usize], note: &str, at: usize) -> Vec<Hit> {
    let word = |c: Option<char>| c.is_some_and(char::is_alphanumeric);
    matcher
        .find_iter(note)
        .filter(|m| !word(note[..m.start()].chars().next_back()) && !word(note[m.end()..].chars().next()))
        .map(|m| {
            let before = &note[..m.start()];
            let supporting = before
                .rfind("Supporting:")
                .is_some_and(|s| before.rfind("Lead:").is_none_or(|l| s > l));
            let written = note[m.range()].to_string();
            Hit {
                range: at + m.start()..at + m.end(),
                agency: Some(owner[m.pattern().as_usize()]),
                role: if supporting { Role::Supporting } else { Role::Lead },
                full: written.clone(),
                written,
                collective: false,
            }
        })
        .collect()
}

/// A name a Chinese note writes that the registry does not know: where (1-based line and
/// column of `text`) and what.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Unknown {
    /// 1-based line in `text`.
    pub line: usize,
    /// 1-based column, counted in characters.
    pub column: usize,
    /// The name as written (`发改委`).
    pub written: String,
    /// The full name it most likely stands for (`市发改委`), to add to the registry.
    pub full: String,
}

/// Every unknown name in the notes of `text` (a plan's source-language body).
pub fn unknown_names(linker: &Linker, text: &str) -> Vec<Unknown> {
    let line_starts: Vec<usize> = std::iter::once(0)
        .chain(text.match_indices('\n').map(|(i, _)| i + 1))
        .collect();
    let mut out = Vec::new();
    for note in linker.notes(text) {
        for h in note.hits.into_iter().filter(|h| h.agency.is_none() && !h.collective) {
            let line = line_starts.partition_point(|&s| s <= h.range.start);
            let start = line_starts[line - 1];
            out.push(Unknown {
                line,
                column: text[start..h.range.start].chars().count() + 1,
                written: h.written,
                full: h.full,
            });
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::content::AgencySheet;

    fn registry() -> Vec<Agency> {
        let s: AgencySheet = serde_yaml::from_str(
            "agencies:\n\
             - {id: amr, name_zh: 扬州市市场监督管理局, aliases_zh: [市市场监管局], level: municipal, region: 扬州市,\n   \
                name_en: Yangzhou Municipal Administration for Market Regulation,\n   \
                aliases_en: [Municipal Administration for Market Regulation, Administration for Market Regulation]}\n\
             - {id: ndrc, name_zh: 扬州市发展和改革委员会, aliases_zh: [市发改委], level: municipal, region: 扬州市,\n   \
                name_en: Yangzhou Municipal Development and Reform Commission, aliases_en: [Development and Reform Commission]}\n\
             - {id: customs, name_zh: 扬州海关, name_en: Yangzhou Customs, level: vertical, region: 扬州市}\n",
        )
        .unwrap();
        s.into_agencies().0
    }

    #[test]
    fn chinese_notes_resolve_through_the_shared_prefix() {
        let l = Linker::new(&registry(), "江苏省扬州市", "zh", Script::Han);
        let notes = l.notes("……。(市发改委、市场监管局、扬州海关、统计局按职责分工负责)");
        let got: Vec<_> = notes[0].hits.iter().map(|h| (h.written.as_str(), h.agency)).collect();
        assert_eq!(
            got,
            [
                ("市发改委", Some(1)),
                ("市场监管局", Some(0)),
                ("扬州海关", Some(2)),
                ("统计局", None)
            ]
        );
        assert_eq!(notes[0].hits[3].full, "市统计局");
    }

    #[test]
    fn another_citys_short_names_are_not_these_bodies() {
        let l = Linker::new(&registry(), "浙江省温州市瑞安市", "zh", Script::Han);
        assert_eq!(l.notes("(市市场监管局负责)")[0].hits[0].agency, None);
    }

    #[test]
    fn translated_notes_link_the_same_bodies() {
        let l = Linker::new(&registry(), "江苏省扬州市", "en", Script::Latin);
        let text = "Do it. (Responsible: Municipal Development and Reform Commission, Administration for \
                    Market Regulation and Yangzhou Customs, according to their respective duties) Then (Lead: x)";
        let notes = l.notes(text);
        assert_eq!(notes.len(), 2);
        let got: Vec<_> = notes[0]
            .hits
            .iter()
            .map(|h| (&text[h.range.clone()], h.agency))
            .collect();
        assert_eq!(
            got,
            [
                ("Development and Reform Commission", Some(1)),
                ("Administration for Market Regulation", Some(0)),
                ("Yangzhou Customs", Some(2))
            ]
        );
        let l2 = "(Lead: Yangzhou Customs; Supporting: Development and Reform Commission)";
        let roles: Vec<_> = l.notes(l2)[0].hits.iter().map(|h| h.role).collect();
        assert_eq!(roles, [Role::Lead, Role::Supporting]);
    }

    #[test]
    fn unknown_names_have_their_line_and_column() {
        let l = Linker::new(&registry(), "扬州市", "zh", Script::Han);
        let u = unknown_names(&l, "第一行\n做好(市发改委、统计局、各有关部门按职责分工负责)\n");
        assert_eq!(
            u,
            [Unknown {
                line: 2,
                column: 9,
                written: "统计局".into(),
                full: "市统计局".into()
            }]
        );
    }
}
