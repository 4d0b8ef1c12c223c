//! `plansite import`: a draft registry entry for each body a received plan's responsibility
//! notes name that the registry does not know yet, for the curator to complete and merge.

use super::find_notes;
use crate::content::{Agency, Script};
use std::collections::BTreeSet;

/// The draft `agencies.yaml` fragment for the notes of `markdown` (the imported draft), or
/// `None` when every body they name is known (or there are no notes).
pub fn draft_entries(markdown: &str, known: &[Agency]) -> Option<String> {
    let spellings: BTreeSet<String> = (known.iter())
        .flat_map(|a| a.spellings("zh"))
        .map(|s| Script::Han.normalize(s))
        .collect();
    let mut new: Vec<(String, String, &'static str)> = Vec::new();
    for note in markdown.lines().flat_map(find_notes) {
        for b in note.bodies.into_iter().filter(|b| !b.collective) {
            let candidates = b.candidates();
            if candidates.iter().any(|c| spellings.contains(&Script::Han.normalize(c))) {
                continue;
            }
            let full = draft_name(&b.written, b.prefix);
            if !new.iter().any(|(f, ..)| *f == full) {
                new.push((full, b.written, b.prefix));
            }
        }
    }
    if new.is_empty() {
        return None;
    }
    let mut out = String::from(
        "# DRAFT: bodies the responsibility notes name that content/agencies.yaml does not know.\n\
         # Check each, write the official names (name_zh, the standard official English name_en),\n\
         # level and region, then merge the entries into content/agencies.yaml.\n\
         agencies:\n",
    );
    let mut ids = BTreeSet::new();
    for (full, written, prefix) in new {
        let id = unique_id(&pinyin_id(&full), &mut ids);
        let first = if prefix.is_empty() { &written } else { &full };
        let level = match first.chars().next() {
            Some('市') => "municipal",
            Some('区') => "district",
            Some('县') => "county",
            _ => "vertical",
        };
        let mut aliases = vec![full.clone()];
        if written != full {
            aliases.push(written.clone());
        }
        out.push_str(&format!(
            "  - id: {id}  # DRAFT\n    name_zh: {full}  # DRAFT: the official full name\n    name_en: ''  # DRAFT: the official English name\n    aliases_zh: [{}]\n    level: {level}  # DRAFT\n    region: ''  # DRAFT: as the plans' region writes the place\n",
            aliases.join(", ")
        ));
    }
    Some(out)
}

/// The full name a draft proposes: the list's prefix added unless the name carries its own
/// place (市委组织部, 扬州海关, 中国人民银行扬州市分行); without a registry to decide, a guess
/// the curator checks. 市场监管局 after 市… is 市市场监管局.
fn draft_name(written: &str, prefix: &str) -> String {
    const OWN_PLACE: [&str; 4] = ["中国", "国家", "金融监管总局", "省"];
    let own = (written.starts_with(prefix) && !written.starts_with("市场"))
        || OWN_PLACE.iter().any(|p| written.starts_with(p))
        || written.ends_with("海关");
    if prefix.is_empty() || own {
        written.to_string()
    } else {
        format!("{prefix}{written}")
    }
}

/// `市统计局` → `shi-tong-ji-ju`: an id a curator may keep or shorten.
fn pinyin_id(name: &str) -> String {
    let key = Script::Han.sort_key(name);
    let words: Vec<String> = key
        .split_whitespace()
        .map(|w| w.chars().filter(char::is_ascii_alphanumeric).collect::<String>())
        .filter(|w| !w.is_empty())
        .collect();
    if words.is_empty() {
        "agency".into()
    } else {
        words.join("-")
    }
}

fn unique_id(base: &str, taken: &mut BTreeSet<String>) -> String {
    let mut id = base.to_string();
    let mut n = 2;
    while !taken.insert(id.clone()) {
        id = format!("{base}-{n}");
        n += 1;
    }
    id
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::content::AgencySheet;

    #[test]
    fn new_bodies_get_a_draft_entry_known_ones_none() {
        let known: AgencySheet = serde_yaml::from_str(
            "agencies:\n- {id: a, name_zh: 扬州市发展和改革委员会, aliases_zh: [市发改委], level: municipal}\n",
        )
        .unwrap();
        let known = known.into_agencies().0;
        let md = "做好。(市发改委、统计局、质量发展委员会各成员单位按职责分工负责)\n再做。(市统计局负责)\n";
        assert_eq!(draft_name("市委组织部", "市"), "市委组织部");
        assert_eq!(draft_name("扬州海关", "市"), "扬州海关");
        assert_eq!(draft_name("市场监管局", "市"), "市市场监管局");
        let draft = draft_entries(md, &known).unwrap();
        assert_eq!(draft.matches("  - id: ").count(), 1, "{draft}");
        assert!(draft.contains("  - id: shi-tong-ji-ju  # DRAFT\n"));
        assert!(draft.contains("aliases_zh: [市统计局, 统计局]"));
        assert!(draft.contains("level: municipal"));
        let parsed: AgencySheet = serde_yaml::from_str(&draft).unwrap();
        assert_eq!(parsed.into_agencies().0.len(), 1, "the draft is a valid registry");
        assert_eq!(draft_entries("(市发改委负责)", &known), None);
    }
}
