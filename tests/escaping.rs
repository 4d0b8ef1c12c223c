//! Hostile text in every field: it must reach HTML, attributes, XML, SVG and JSON escaped for
//! that context, and never as markup.

mod common;
use common::*;
use std::fs;

const EVIL: &str = r#"<script>alert(1)</script>"onmouseover=alert(2) ]]> </title></script>'x"#;

/// Puts `EVIL` (YAML-quoted) into `field: value` lines of a file.
fn poison(path: &std::path::Path, fields: &[&str]) {
    let quoted = serde_json::to_string(EVIL).unwrap(); // a JSON string is a valid YAML scalar
    let mut out = String::new();
    for line in read(path).lines() {
        let trimmed = line.trim_start();
        let key = trimmed.trim_start_matches("- ").split(':').next().unwrap_or("");
        if fields.contains(&key) {
            let indent = &line[..line.len() - trimmed.len()];
            let dash = if trimmed.starts_with("- ") { "- " } else { "" };
            out.push_str(&format!("{indent}{dash}{key}: {quoted}\n"));
        } else {
            out.push_str(line);
            out.push('\n');
        }
    }
    fs::write(path, out).unwrap();
}

/// Checks one HTML, XML or SVG file: no inline script (JSON-LD data blocks aside), no event
/// handler, no script URL, no CDATA break; returns how many times the payload shows in it.
fn check_markup(name: &str, ext: &str, text: &str) -> usize {
    let mut found = 0;
    for (tag, attrs) in real_tags(text) {
        assert!(
            tag != "script"
                || attrs
                    .iter()
                    .any(|(k, v)| k == "src" || (k == "type" && v == "application/ld+json")),
            "{name}: an inline script"
        );
        for (k, v) in attrs {
            assert!(!k.starts_with("on"), "{name}: event handler attribute {k} on <{tag}>");
            assert!(
                !v.trim_start().to_lowercase().starts_with("javascript:"),
                "{name}: script URL"
            );
        }
    }
    if ext != "html" {
        assert!(!text.contains("]]>"), "{name}: a CDATA terminator in XML text");
    }
    if text.contains("alert(1)") {
        found += 1;
    }
    for block in json_ld_blocks(text) {
        assert!(!block.contains('<'), "{name}: a `<` in JSON-LD could close its script");
        let v: serde_json::Value = serde_json::from_str(block).expect("JSON-LD parses");
        if v.to_string().contains("</script>") {
            found += 1;
        }
    }
    found
}

#[test]
fn hostile_text_is_escaped_in_every_output() {
    let dir = tempfile::tempdir().unwrap();
    assert!(plansite(&["new", "site"], dir.path()).status.success());
    let content = dir.path().join("site/content");
    poison(&content.join("site.yaml"), &["title", "description"]);
    for lang in ["zh", "en"] {
        let plan = content.join(format!("plans/example-2026.{lang}.md"));
        poison(&plan, &["title", "short_title", "issuer", "region", "summary"]);
        let mut text = read(&plan);
        text.push_str(&format!("\n## {EVIL}\n\n{EVIL}\n\n| a | b |\n|---|---|\n| {} | [x](javascript:alert(3)) |\n\n::: box {EVIL}\n\n{EVIL}\n\n:::\n", EVIL.replace('|', "\\|")));
        fs::write(&plan, text).unwrap();
    }
    poison(
        &content.join("indicators.yaml"),
        &[
            "name_zh",
            "name_en",
            "definition_zh",
            "definition_en",
            "unit_zh",
            "unit_en",
            "text_zh",
            "text_en",
        ],
    );
    let mut ind = read(&content.join("indicators.yaml"));
    ind.push_str(&format!(
        "        note_zh: {}\n        note_en: {}\n",
        serde_json::to_string(EVIL).unwrap(),
        serde_json::to_string(EVIL).unwrap()
    ));
    fs::write(content.join("indicators.yaml"), ind).unwrap();
    poison(
        &content.join("glossary.yaml"),
        &["en", "definition_zh", "definition_en"],
    );

    let o = plansite(
        &["build", "--source", "site/content", "--output", "site/public"],
        dir.path(),
    );
    assert!(o.status.success(), "{}", stderr(&o));
    let out = dir.path().join("site/public");
    let mut checked = 0;
    for entry in walkdir::WalkDir::new(&out) {
        let entry = entry.unwrap();
        let path = entry.path();
        let Some(ext) = path.extension().and_then(|e| e.to_str()) else {
            continue;
        };
        if !matches!(ext, "html" | "xml" | "svg" | "json" | "jsonld") {
            continue; // binary search index files
        }
        let text = read(path);
        let name = path.strip_prefix(&out).unwrap().display().to_string();
        match ext {
            "html" | "xml" | "svg" => checked += check_markup(&name, ext, &text),
            "json" | "jsonld" => {
                let v: serde_json::Value = serde_json::from_str(&text).unwrap();
                if text.contains("alert(1)") {
                    assert!(v.to_string().contains("alert(1)"), "{name}: a string value");
                    checked += 1;
                }
            }
            _ => {}
        }
    }
    assert!(checked >= 15, "the payload reached many files: {checked}");
    // Every page stays well formed enough for a strict reader: the payload never opens a tag.
    let page = read(&out.join("en/plans/example-2026/index.html"));
    assert!(
        page.contains("&lt;/title>") || page.contains("&lt;/title&gt;"),
        "</title> stays text in <title>"
    );
}

/// The text of each `<script type=application/ld+json>` of a page.
fn json_ld_blocks(html: &str) -> Vec<&str> {
    let re = regex::Regex::new(r#"(?s)<script type="?application/ld\+json"?>(.*?)</script>"#).unwrap();
    re.captures_iter(html).map(|c| c.get(1).unwrap().as_str()).collect()
}

/// The tags an HTML parser would see: (name, attributes), skipping text, quoted attribute
/// values, comments and the raw-text content of `title`, `script` and `style`.
fn real_tags(html: &str) -> Vec<(String, Vec<(String, String)>)> {
    let b = html.as_bytes();
    let mut tags = Vec::new();
    let mut i = 0;
    while i < b.len() {
        if b[i] != b'<' || i + 1 >= b.len() || !(b[i + 1].is_ascii_alphabetic()) {
            if b[i..].starts_with(b"<!--") {
                i += b[i..].windows(3).position(|w| w == b"-->").map_or(b.len(), |e| e + 3);
                continue;
            }
            i += 1;
            continue;
        }
        let start = i + 1;
        let mut j = start;
        while j < b.len() && (b[j].is_ascii_alphanumeric() || b[j] == b'-' || b[j] == b':') {
            j += 1;
        }
        let name = html[start..j].to_ascii_lowercase();
        let mut attrs = Vec::new();
        loop {
            while j < b.len() && (b[j].is_ascii_whitespace() || b[j] == b'/') {
                j += 1;
            }
            if j >= b.len() || b[j] == b'>' {
                break;
            }
            let k0 = j;
            while j < b.len() && !b[j].is_ascii_whitespace() && !matches!(b[j], b'=' | b'>' | b'/') {
                j += 1;
            }
            let key = html[k0..j].to_ascii_lowercase();
            let mut value = String::new();
            if j < b.len() && b[j] == b'=' {
                j += 1;
                if j < b.len() && (b[j] == b'"' || b[j] == b'\'') {
                    let q = b[j];
                    let v0 = j + 1;
                    j = v0 + html[v0..].bytes().position(|c| c == q).unwrap_or(b.len() - v0);
                    value = html[v0..j].to_string();
                    j += 1;
                } else {
                    let v0 = j;
                    while j < b.len() && !b[j].is_ascii_whitespace() && b[j] != b'>' {
                        j += 1;
                    }
                    value = html[v0..j].to_string();
                }
            }
            attrs.push((key, value));
        }
        i = j + 1;
        if matches!(name.as_str(), "title" | "script" | "style") {
            let close = format!("</{name}");
            let rest = b.get(i..).unwrap_or(&[]).to_ascii_lowercase();
            i += rest
                .windows(close.len())
                .position(|w| w == close.as_bytes())
                .unwrap_or(0);
        }
        tags.push((name, attrs));
    }
    tags
}

#[test]
fn the_tag_reader_sees_what_a_browser_sees() {
    let tags = real_tags(
        r#"<p title="<script>x</script>">a &lt;b</p><title><script></title><script src=a.js></script><a onclick=x>"#,
    );
    let names: Vec<&str> = tags.iter().map(|t| t.0.as_str()).collect();
    assert_eq!(names, ["p", "title", "script", "a"]);
    assert_eq!(tags[3].1, [("onclick".to_string(), "x".to_string())]);
}
