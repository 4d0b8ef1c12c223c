//! Responsibility notes in Chinese plan text: the parenthesised list of bodies that ends a
//! task, "(市工信局、发改委、科技局按职责分工负责)" or "(牵头单位:市发改委;配合单位:市财政局)".
//!
//! Pure text in, byte ranges out: the page links each body where it is written and nothing of
//! the text moves. A parenthesis that does not read as a note (a sentence, an empty item, an
//! item too long for a name) is no note and stays plain text.

use regex::Regex;
use std::ops::Range;
use std::sync::LazyLock;

/// What a note makes a body: the one that carries the task, or one that helps.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Role {
    /// 牵头, 责任单位, and every body of a plain "…负责" list.
    Lead,
    /// 配合.
    Supporting,
}

impl Role {
    /// `lead` or `supporting`: the spelling in UI string keys (`agencies.role.lead`) and page data.
    pub fn key(self) -> &'static str {
        match self {
            Role::Lead => "lead",
            Role::Supporting => "supporting",
        }
    }
}

/// One body as a note names it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Body {
    /// Where the name is written, in the text given to [`find_notes`].
    pub range: Range<usize>,
    /// The name as written (`发改委`).
    pub written: String,
    /// The level prefix the list shares (`市` in "(市工信局、发改委…)"), empty when none;
    /// [`Body::candidates`] tries the name with it first.
    pub prefix: &'static str,
    /// Leads the task or helps.
    pub role: Role,
    /// A mention of many bodies at once ("质量发展委员会各成员单位"): kept as written,
    /// never expanded into its members.
    pub collective: bool,
}

impl Body {
    /// The full names the written one may stand for, most likely first: `市发改委`, then
    /// `发改委` (a list's `市` is not repeated; 市场监管局 after it is 市市场监管局).
    pub fn candidates(&self) -> Vec<String> {
        let mut out = Vec::new();
        if !self.prefix.is_empty() {
            out.push(format!("{}{}", self.prefix, self.written));
        }
        out.push(self.written.clone());
        out
    }
}

/// A note: the parenthesis and the bodies in it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Note {
    /// Byte range of the whole parenthesis, brackets included.
    pub range: Range<usize>,
    /// The bodies it names, in text order.
    pub bodies: Vec<Body>,
}

/// A parenthesis, ASCII or full-width, without another inside.
static PAREN: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"[(（][^()（）]{1,400}[)）]").expect("valid regex"));

/// How a plain note ends, longest first.
const ENDINGS: [&str; 6] = [
    "按职责分工负责",
    "按职责分别负责",
    "按职责负责",
    "分别负责",
    "共同负责",
    "负责",
];
/// The labels of the labelled form, and the role each gives.
const LABELS: [(&str, Role); 4] = [
    ("牵头单位", Role::Lead),
    ("责任单位", Role::Lead),
    ("主办单位", Role::Lead),
    ("配合单位", Role::Supporting),
];
/// Endings of a collective mention.
const COLLECTIVE: [&str; 5] = ["成员单位", "有关部门", "有关单位", "相关部门", "各部门"];
/// Level prefixes a list shares.
const PREFIXES: [&str; 3] = ["市", "区", "县"];
/// No body's short name is longer (in characters); a longer item is a sentence.
const MAX_NAME_CHARS: usize = 30;

/// Every note in `text`, in order.
pub fn find_notes(text: &str) -> Vec<Note> {
    // Matches, not captures: the content is the match without its one-character parentheses
    // (captures ran a slower engine over every parenthesis of a plan).
    PAREN
        .find_iter(text)
        .filter_map(|m| {
            let open = m.as_str().chars().next()?.len_utf8();
            let close = m.as_str().chars().next_back()?.len_utf8();
            let inner = m.start() + open..m.end() - close;
            let bodies = parse_inner(&text[inner.clone()], inner.start)?;
            Some(Note {
                range: m.range(),
                bodies,
            })
        })
        .collect()
}

/// The bodies of a parenthesis' content starting at byte `at`, or `None` when it is no note.
fn parse_inner(inner: &str, at: usize) -> Option<Vec<Body>> {
    let mut segments: Vec<(Range<usize>, Role)> = Vec::new();
    if LABELS.iter().any(|(l, _)| inner.starts_with(l)) {
        for (range, part) in split_keep(inner, &[';', '；', '。'], 0) {
            let (label, role) = LABELS.iter().find(|(l, _)| part.starts_with(l))?;
            let rest = part[label.len()..].strip_prefix([':', '：'])?;
            let start = range.end - rest.len();
            segments.push((start..range.end, *role));
        }
    } else {
        let ending = ENDINGS.iter().find(|e| inner.ends_with(*e))?;
        let list = &inner[..inner.len() - ending.len()];
        for (range, part) in split_keep(list, &[',', '，', ';', '；'], 0) {
            let (text, role) = if let Some(t) = part.strip_suffix("牵头") {
                (t, Role::Lead)
            } else if let Some(t) = part.strip_suffix("配合") {
                (t, Role::Supporting)
            } else {
                (part, Role::Lead)
            };
            segments.push((range.start..range.start + text.len(), role));
        }
    }
    let mut bodies = Vec::new();
    let mut prefix = None;
    for (range, role) in segments {
        for (r, name) in split_keep(&inner[range.clone()], &['、'], range.start) {
            let name_trim = name.trim();
            if name_trim.is_empty()
                || name_trim.chars().count() > MAX_NAME_CHARS
                || name_trim.contains(['。', ':', '：'])
            {
                return None;
            }
            let lead = name.len() - name.trim_start().len();
            let shared = *prefix.get_or_insert_with(|| {
                PREFIXES
                    .iter()
                    .copied()
                    .find(|p| name_trim.starts_with(p))
                    .unwrap_or("")
            });
            let start = at + r.start + lead;
            bodies.push(Body {
                range: start..start + name_trim.len(),
                written: name_trim.to_string(),
                prefix: if bodies.is_empty() { "" } else { shared },
                role,
                collective: COLLECTIVE.iter().any(|c| name_trim.ends_with(c)),
            });
        }
    }
    (!bodies.is_empty()).then_some(bodies)
}

/// `s` split at any of `seps`, each part with its byte range (offset by `at`).
fn split_keep<'s>(s: &'s str, seps: &[char], at: usize) -> Vec<(Range<usize>, &'s str)> {
    let mut out = Vec::new();
    let mut start = 0;
    for (i, c) in s.char_indices() {
        if seps.contains(&c) {
            out.push((at + start..at + i, &s[start..i]));
            start = i + c.len_utf8();
        }
    }
    out.push((at + start..at + s.len(), &s[start..]));
    out.retain(|(_, p)| !p.trim().is_empty());
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn names(text: &str) -> Vec<(Vec<String>, Role, bool)> {
        find_notes(text)
            .into_iter()
            .flat_map(|n| n.bodies)
            .map(|b| (b.candidates(), b.role, b.collective))
            .collect()
    }

    #[test]
    fn a_list_shares_its_prefix() {
        let text = "提高质量。(市工信局、发改委、市场监管局、扬州海关按职责分工负责)";
        let n = find_notes(text);
        assert_eq!(n.len(), 1);
        assert_eq!(
            &text[n[0].range.clone()],
            "(市工信局、发改委、市场监管局、扬州海关按职责分工负责)"
        );
        let got = names(text);
        assert_eq!(got[0].0, ["市工信局"]);
        assert_eq!(got[1].0, ["市发改委", "发改委"]);
        assert_eq!(
            got[2].0,
            ["市市场监管局", "市场监管局"],
            "市场监管局 after 市… is 市市场监管局"
        );
        assert_eq!(got[3].0, ["市扬州海关", "扬州海关"]);
        for b in &n[0].bodies {
            assert_eq!(&text[b.range.clone()], b.written);
        }
    }

    #[test]
    fn roles_are_kept_apart_where_the_text_says_so() {
        let got = names("(牵头单位:市发改委;配合单位:市财政局、统计局)");
        assert_eq!(
            got.iter().map(|(c, r, _)| (c[0].as_str(), *r)).collect::<Vec<_>>(),
            [
                ("市发改委", Role::Lead),
                ("市市财政局", Role::Supporting),
                ("市统计局", Role::Supporting)
            ],
            "the registry decides between 市市财政局 and 市财政局"
        );
        let got = names("（市市场监管局牵头，市公安局配合负责）");
        assert_eq!(
            got.iter().map(|(_, r, _)| *r).collect::<Vec<_>>(),
            [Role::Lead, Role::Supporting]
        );
        assert!(
            names("(市市场监管局按职责分工负责)")
                .iter()
                .all(|(_, r, _)| *r == Role::Lead)
        );
    }

    #[test]
    fn collective_mentions_stay_as_they_are() {
        let got = names("(市纪委监委、市委组织部、质量发展委员会各成员单位按职责分工负责)");
        assert_eq!(
            got[1].0,
            ["市市委组织部", "市委组织部"],
            "the registry knows only the second"
        );
        assert_eq!(
            got[2],
            (
                vec![
                    "市质量发展委员会各成员单位".to_string(),
                    "质量发展委员会各成员单位".to_string()
                ],
                Role::Lead,
                true
            )
        );
    }

    #[test]
    fn other_parentheses_are_plain_text() {
        assert!(find_notes("(一)提升质量").is_empty());
        assert!(find_notes("(按照“谁组织谁负责”原则承担法律责任。由区政府负责)").is_empty());
        assert!(find_notes("(负责)").is_empty(), "no body named");
        assert!(find_notes("质量负责制(试行)").is_empty());
    }
}
