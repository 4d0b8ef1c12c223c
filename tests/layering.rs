//! The layers of the code, as the source states them: the content model needs nothing from its
//! loader, and the modules that were once tangled do not import each other both ways.

mod common;
use common::repo;
use std::collections::{BTreeMap, BTreeSet};

/// Module path (`render::markdown`) → the `crate::…` / `super::…` modules it names.
fn imports() -> BTreeMap<String, BTreeSet<String>> {
    let src = repo().join("src");
    let path_re = regex::Regex::new(r"\b(crate|super)::([a-z_]+(?:::[a-z_]+)*)").unwrap();
    let mut out: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    for entry in walkdir::WalkDir::new(&src) {
        let entry = entry.unwrap();
        if entry.path().extension().is_none_or(|e| e != "rs") {
            continue;
        }
        let rel = entry.path().strip_prefix(&src).unwrap().with_extension("");
        let mut parts: Vec<String> = rel.iter().map(|p| p.to_string_lossy().into_owned()).collect();
        if parts.last().is_some_and(|p| p == "mod" || p == "lib" || p == "main") {
            parts.pop();
        }
        let module = parts.join("::");
        let text = std::fs::read_to_string(entry.path()).unwrap();
        // Code only: tests beside the code may reach anywhere.
        let code = text.split("#[cfg(test)]").next().unwrap_or("");
        for line in code.lines().filter(|l| !l.trim_start().starts_with("//")) {
            for c in path_re.captures_iter(line) {
                let target = if &c[1] == "crate" {
                    c[2].to_string()
                } else {
                    let parent = &parts[..parts.len().saturating_sub(1)];
                    let mut p = parent.to_vec();
                    p.push(c[2].to_string());
                    p.join("::")
                };
                out.entry(module.clone()).or_default().insert(target);
            }
        }
    }
    out
}

/// Whether module `from` names `to` or something inside it.
fn names(imports: &BTreeMap<String, BTreeSet<String>>, from: &str, to: &str) -> bool {
    (imports.iter())
        .filter(|(m, _)| *m == from || m.starts_with(&format!("{from}::")))
        .flat_map(|(_, targets)| targets)
        .any(|t| t == to || t.starts_with(&format!("{to}::")))
}

#[test]
fn the_model_needs_nothing_from_its_loader() {
    let imports = imports();
    assert!(
        imports.contains_key("content::plan"),
        "the source was read: {:?}",
        imports.keys()
    );
    assert!(!names(&imports, "content", "load"), "content imports load");
    assert!(names(&imports, "load", "content"), "the check can see an import");
}

#[test]
fn no_import_circles_between_the_modules_that_had_them() {
    let imports = imports();
    for (a, b) in [
        ("memo", "render"),
        ("load::cache", "load::sheets"),
        ("render::markdown", "render::annotate"),
    ] {
        let (ab, ba) = (names(&imports, a, b), names(&imports, b, a));
        assert!(!(ab && ba), "{a} and {b} import each other");
        assert!(ab || ba, "{a} and {b}: one uses the other (the check sees imports)");
    }
}
