//! Text compared as NFKC, mapped back to the events it came from.

use unicode_normalization::UnicodeNormalization;

/// How text and patterns are compared: NFKC, and for quotes without any whitespace.
pub fn normalize(s: &str, drop_space: bool) -> String {
    s.nfkc().filter(|c| !(drop_space && c.is_whitespace())).collect()
}

/// Normalised text of several text events, mapped back to (event, byte range) per character.
pub(super) struct NormMap {
    pub(super) text: String,
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
    pub(super) fn build(texts: &[(usize, &str)], drop_space: bool) -> Self {
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
    pub(super) fn normalize(texts: &[(usize, &str)], drop_space: bool, mut chars: Option<&mut Chars>) -> String {
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
    pub(super) fn original_pieces(&self, start: usize, end: usize) -> Vec<(usize, usize, usize)> {
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

    pub(super) fn original_end(&self, end: usize) -> (usize, usize) {
        let chars = match &self.origin {
            Origin::Same(ev) => return (*ev, end),
            Origin::Chars(chars) => chars,
        };
        let i = chars.partition_point(|c| (c.1 as usize) < end).min(chars.len() - 1);
        (chars[i].2 as usize, chars[i].4 as usize)
    }

    pub(super) fn around(&self, start: usize, end: usize) -> (Option<char>, Option<char>) {
        (self.text[..start].chars().next_back(), self.text[end..].chars().next())
    }

    /// Not part of a longer word: "rate" in "rates" or "quality" in "qualitycheck" is no match.
    pub(super) fn word_bounded(&self, start: usize, end: usize) -> bool {
        let (a, b) = self.around(start, end);
        !a.is_some_and(|c| c.is_alphanumeric()) && !b.is_some_and(|c| c.is_alphanumeric())
    }

    /// Not part of a longer number: "95" in "1995" or "95.5" is no match.
    pub(super) fn figure_bounded(&self, start: usize, end: usize) -> bool {
        let (a, b) = self.around(start, end);
        let num = |c: Option<char>| c.is_some_and(|c| c.is_ascii_digit());
        let joins = |c: Option<char>, next: Option<char>| matches!(c, Some('.' | ',')) && num(next);
        let after2 = self.text[end..].chars().nth(1);
        let before2 = self.text[..start].chars().rev().nth(1);
        !num(a) && !num(b) && !joins(b, after2) && !joins(a, before2)
    }
}
