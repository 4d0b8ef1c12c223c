//! HTML escaping of user text, for every writer of markup (Markdown, annotations, charts,
//! pages written in code). Its own module so none of them imports another for it.

/// Escapes text for HTML text and double-quoted attributes.
pub fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    pulldown_cmark_escape::escape_html(&mut out, s).expect("writing to a String cannot fail");
    out
}
