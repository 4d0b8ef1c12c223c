//! What changed in a section's source text, short enough for one warning.

use similar::{ChangeTag, TextDiff};

/// Characters of unchanged text kept on each side of a change.
const CONTEXT: usize = 12;
/// Changes shown at most; more are summed up.
const MAX_CHANGES: usize = 3;

/// The changes from `old` to `new`, each as `…context[-removed-]{+added+}context…`.
pub fn short_diff(old: &str, new: &str) -> String {
    let diff = TextDiff::from_chars(old, new);
    let mut pieces: Vec<(ChangeTag, String)> = Vec::new();
    for change in diff.iter_all_changes() {
        let c = change.value();
        match pieces.last_mut() {
            Some((tag, text)) if *tag == change.tag() => text.push_str(c),
            _ => pieces.push((change.tag(), c.to_string())),
        }
    }
    let mut out = Vec::new();
    let mut shown = 0;
    let mut i = 0;
    while i < pieces.len() {
        if pieces[i].0 == ChangeTag::Equal {
            i += 1;
            continue;
        }
        shown += 1;
        if shown > MAX_CHANGES {
            let rest = pieces[i..].iter().filter(|(t, _)| *t != ChangeTag::Equal).count();
            out.push(format!("(and {rest} more)"));
            break;
        }
        let mut one = String::new();
        if i > 0 {
            one.push_str(&tail(&pieces[i - 1].1));
        }
        while i < pieces.len() && pieces[i].0 != ChangeTag::Equal {
            let (open, close) = if pieces[i].0 == ChangeTag::Delete {
                ("[-", "-]")
            } else {
                ("{+", "+}")
            };
            one.push_str(&format!("{open}{}{close}", pieces[i].1));
            i += 1;
        }
        if let Some((_, after)) = pieces.get(i) {
            one.push_str(&head(after));
        }
        out.push(one);
    }
    out.join(" ")
}

fn tail(s: &str) -> String {
    let n = s.chars().count();
    if n <= CONTEXT {
        return s.to_string();
    }
    format!("…{}", s.chars().skip(n - CONTEXT).collect::<String>())
}

fn head(s: &str) -> String {
    if s.chars().count() <= CONTEXT {
        return s.to_string();
    }
    format!("{}…", s.chars().take(CONTEXT).collect::<String>())
}
