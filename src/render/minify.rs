//! HTML is minified once per site, not once per page: each `.html` template goes through
//! minify-html when the theme is loaded, so every page comes out of Tera already minified.
//! Minifying each page instead cost more than rendering it, for 4 % fewer bytes.
//!
//! Tera tags are swapped for placeholders that minify-html treats as plain text (an inner space
//! keeps attribute values that hold one quoted), and swapped back after. minify-html reorders and
//! deduplicates attributes, so a tag standing between attributes (`<a {% if x %}hidden{% endif %}>`)
//! cannot survive it: such a template, or one whose tags do not all come back, is used as written.

/// Start and end of a placeholder: private-use characters, which no template holds.
const OPEN: char = '\u{E000}';
const CLOSE: char = '\u{E001}';

/// Closing tags and the doctype stay standard, so validators and old browsers read the output
/// unchanged; JavaScript is never touched.
fn cfg() -> minify_html::Cfg {
    minify_html::Cfg {
        minify_js: false,
        minify_css: true,
        minify_doctype: false,
        keep_closing_tags: true,
        keep_html_and_head_opening_tags: true,
        ..minify_html::Cfg::new()
    }
}

/// The minified template, or `None` when it cannot be minified safely.
pub(super) fn template(src: &str) -> Option<String> {
    let (masked, tags) = mask(src)?;
    if tag_between_attributes(&masked) {
        return None;
    }
    let minified = String::from_utf8(minify_html::minify(masked.as_bytes(), &cfg())).ok()?;
    unmask(&minified, &tags)
}

/// `src` with each Tera tag (`{{ }}`, `{% %}`, `{# #}`, a whole `{% raw %}` block) replaced by
/// `OPEN n CLOSE`, and the tags in order.
fn mask(src: &str) -> Option<(String, Vec<&str>)> {
    if src.contains([OPEN, CLOSE]) {
        return None;
    }
    let mut masked = String::with_capacity(src.len());
    let mut tags = Vec::new();
    let mut rest = src;
    while let Some(start) = rest.find('{') {
        let after = &rest[start..];
        let close = match after.as_bytes().get(1) {
            Some(b'{') => "}}",
            Some(b'%') => "%}",
            Some(b'#') => "#}",
            _ => {
                masked.push_str(&rest[..start + 1]);
                rest = &rest[start + 1..];
                continue;
            }
        };
        let mut len = after[2..].find(close)? + 4;
        if close == "%}" && is_raw(&after[..len]) {
            let end = after.find("endraw")?;
            len = end + after[end..].find("%}")? + 2;
        }
        masked.push_str(&rest[..start]);
        masked.push_str(&format!("{OPEN}{} {CLOSE}", tags.len()));
        tags.push(&after[..len]);
        rest = &after[len..];
    }
    masked.push_str(rest);
    Some((masked, tags))
}

fn is_raw(tag: &str) -> bool {
    tag[2..tag.len() - 2].trim_matches(|c: char| c == '-' || c.is_whitespace()) == "raw"
}

/// Whether a placeholder stands inside a start tag but outside a quoted attribute value.
/// Comments and `<script>`/`<style>` contents are skipped; minify-html leaves their text alone.
fn tag_between_attributes(masked: &str) -> bool {
    let bytes = masked.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        let rest = &masked[i..];
        if rest.starts_with("<!--") {
            i += rest.find("-->").map_or(rest.len(), |e| e + 3);
        } else if rest.starts_with('<') && rest[1..].starts_with(|c: char| c.is_ascii_alphabetic() || c == '/') {
            let mut quote = None;
            let mut j = 1;
            while j < rest.len() {
                let c = rest.as_bytes()[j];
                match quote {
                    Some(q) if c == q => quote = None,
                    Some(_) => {}
                    None if c == b'"' || c == b'\'' => quote = Some(c),
                    None if c == b'>' => break,
                    None if rest[j..].starts_with(OPEN) => return true,
                    None => {}
                }
                j += 1;
            }
            let tag = &rest[..j];
            i += j;
            for raw in ["script", "style"] {
                if tag[1..].to_ascii_lowercase().starts_with(raw) {
                    let close = format!("</{raw}");
                    i += masked[i..]
                        .to_ascii_lowercase()
                        .find(&close)
                        .unwrap_or(masked.len() - i);
                }
            }
        } else {
            i += rest.chars().next().map_or(1, char::len_utf8);
        }
    }
    false
}

/// Puts the tags back; `None` unless every placeholder is there exactly once.
fn unmask(minified: &str, tags: &[&str]) -> Option<String> {
    let mut out = String::with_capacity(minified.len() + tags.iter().map(|t| t.len()).sum::<usize>());
    let mut seen = vec![false; tags.len()];
    let mut rest = minified;
    while let Some(start) = rest.find(OPEN) {
        let (before, after) = rest.split_at(start);
        let (number, after) = after[OPEN.len_utf8()..].split_once(' ')?;
        let after = after.strip_prefix(CLOSE)?;
        let n: usize = number.parse().ok()?;
        if before.contains(CLOSE) || std::mem::replace(seen.get_mut(n)?, true) {
            return None;
        }
        out.push_str(before);
        out.push_str(tags[n]);
        rest = after;
    }
    if rest.contains(CLOSE) || seen.contains(&false) {
        return None;
    }
    out.push_str(rest);
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn minifies_around_tags_and_keeps_them_verbatim() {
        let src = "<!DOCTYPE html>\n<html lang=\"{{ locale }}\">\n  <body>\n    <a href=\"{{ root }}x/\"\n       class=\"nav\">\n      {{ tr(key=\"nav.home\") }}\n    </a>\n    {# a comment #}\n    {% if x %}<ul>\n      <li>{{ x }}</li>\n    </ul>{% endif %}\n    <div class=\"text\">\n{{ body | safe }}\n    </div>\n  </body>\n</html>\n";
        let out = template(src).unwrap();
        assert_eq!(
            out,
            "<!doctype html><html lang=\"{{ locale }}\"><body><a href=\"{{ root }}x/\" class=nav> {{ tr(key=\"nav.home\") }} </a> {# a comment #} {% if x %}<ul><li>{{ x }}</li></ul>{% endif %} <div class=text>{{ body | safe }}</div></body></html>"
        );
    }

    #[test]
    fn attribute_values_with_a_tag_stay_quoted() {
        // Unquoted, `title={{ name }}` would break on the first space of the name.
        let out = template("<p title=\"{{name}}\" id=\"x{{n}}\">a</p>").unwrap();
        assert!(
            out.contains("title=\"{{name}}\"") && out.contains("id=\"x{{n}}\""),
            "{out}"
        );
    }

    #[test]
    fn raw_blocks_are_one_tag() {
        let src = "<p>\n  {% raw %}{{ not a tag }}  <b> x </b>{% endraw %}\n</p>";
        let out = template(src).unwrap();
        assert!(
            out.contains("{% raw %}{{ not a tag }}  <b> x </b>{% endraw %}"),
            "{out}"
        );
    }

    #[test]
    fn a_template_minify_html_would_change_is_left_as_written() {
        // minify-html sorts attributes and keeps one of each name: the condition would be lost.
        assert_eq!(template("<p {% if a %}class=x{% else %}class=y{% endif %}>t</p>"), None);
        assert_eq!(template("<a href=x{% if a %} hidden{% endif %}>t</a>"), None);
        assert_eq!(template("<a class=x{{ y }}>t</a>"), None);
        // A tag in a comment would be dropped with it.
        assert_eq!(template("<p>t</p><!-- {{ c }} -->"), None);
        // Inside quotes and scripts a tag is fine.
        assert!(template("<a title=\"{% if a %}x{% endif %}\">t</a><script>let a = \"<{{ j }}>\";</script>").is_some());
        assert_eq!(template("<p>{{ unclosed </p>"), None);
        assert_eq!(template("<p>\u{E000}</p>"), None);
    }

    #[test]
    fn braces_that_are_not_tags_stay() {
        assert_eq!(template("<p>{ a } {{ b }}</p>").unwrap(), "<p>{ a } {{ b }}</p>");
    }
}
