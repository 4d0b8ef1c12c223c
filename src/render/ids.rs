//! Element ids that the theme and the renderer put on pages. Content that claims one (a heading
//! `{#main}`, a glossary term `glossary-title`) would give a page two elements with that id,
//! and the skip link, labels and anchors would then point at the wrong one.

use std::collections::BTreeSet;

/// Prefixes of ids the renderer numbers: footnotes and their references, boxes, missing tables,
/// anchored quotes, glossary links and their tooltips, indicator value rows, glossary letters.
const RENDERER_PREFIXES: [&str; 9] = ["fn-", "fnref-", "box-", "missing-", "q-", "g-", "tip-", "v-", "letter-"];

/// The ids a page may already carry.
#[derive(Debug, Default)]
pub struct Reserved {
    exact: BTreeSet<String>,
    prefixes: BTreeSet<String>,
}

impl Reserved {
    /// The renderer's ids and those written in `templates` (`id="main"`, and `id="nf-{{ … }}"`
    /// as the prefix `nf-`).
    pub fn new<'a>(templates: impl IntoIterator<Item = &'a str>) -> Self {
        let mut reserved = Reserved {
            prefixes: RENDERER_PREFIXES.iter().map(|p| p.to_string()).collect(),
            ..Default::default()
        };
        for src in templates {
            for (i, _) in src.match_indices("id=") {
                let rest = src[i + 3..].trim_start_matches(['"', '\'']);
                let name: String = rest
                    .chars()
                    .take_while(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_'))
                    .collect();
                let is_id_attr = i == 0 || src[..i].ends_with(|c: char| c.is_whitespace());
                if name.is_empty() || !is_id_attr {
                    continue;
                }
                if rest[name.len()..].starts_with("{{") {
                    reserved.prefixes.insert(name);
                } else {
                    reserved.exact.insert(name);
                }
            }
        }
        reserved
    }

    /// Why `id` may not be used by content, if it may not.
    pub fn claimed(&self, id: &str) -> Option<String> {
        if self.exact.contains(id) {
            return Some(format!("the id `{id}` is used by the theme's templates"));
        }
        self.prefixes
            .iter()
            .find(|p| id.starts_with(p.as_str()))
            .map(|p| format!("ids starting with `{p}` are given by plansite to its own elements"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn theme_and_renderer_ids_are_reserved() {
        let r = Reserved::new(["<main id=main><h1 id=\"glossary-title\">x</h1><p id=\"nf-{{ n }}\">"]);
        assert!(r.claimed("main").unwrap().contains("theme"));
        assert!(r.claimed("glossary-title").is_some());
        assert!(r.claimed("nf-2").is_some());
        assert!(r.claimed("fn-1").unwrap().contains("`fn-`"));
        assert!(r.claimed("fnref-1").is_some());
        assert_eq!(r.claimed("preface"), None);
        assert_eq!(r.claimed("mainland"), None, "exact ids are not prefixes");
        assert_eq!(Reserved::new(["<a data-id=\"x\" id=\"{{ e.id }}\">"]).exact.len(), 0);
    }
}
