//! YAML with real positions: typed values through serde_yaml, plus a position index and
//! duplicate-key detection from yaml-rust2's event parser (serde_yaml alone is last-wins on
//! duplicate map keys and knows no positions once parsing succeeded).

pub use crate::content::Positions;
use crate::diagnostics::{Diagnostic, Location};
use serde::de::DeserializeOwned;
use std::collections::HashMap;
use std::path::Path;
use yaml_rust2::parser::{Event, MarkedEventReceiver, Parser};
use yaml_rust2::scanner::Marker;

/// Parses `text` (which starts at line `line_offset + 1` of `file`) into `T`.
pub fn parse<T: DeserializeOwned>(
    text: &str,
    file: &Path,
    line_offset: usize,
) -> Result<(T, Positions), Vec<Diagnostic>> {
    let mut index = Indexer {
        lines: text.lines().collect(),
        ..Default::default()
    };
    let mut parser = Parser::new_from_str(text);
    if let Err(e) = parser.load(&mut index, false) {
        let m = e.marker();
        let loc = Location::new(file, m.line() + line_offset, m.col() + 1);
        return Err(vec![
            Diagnostic::error(Some(loc), format!("invalid YAML: {}", e.info()))
                .with_hint("check the indentation and that strings containing ': ' or '#' are quoted"),
        ]);
    }
    let positions = Positions::new(file.to_path_buf(), line_offset, index.map);
    if !index.duplicates.is_empty() {
        return Err(index
            .duplicates
            .into_iter()
            .map(|(key, (line, col), first)| {
                Diagnostic::error(
                    Some(Location::new(file, line + line_offset, col)),
                    format!("duplicate key `{key}` (first set on line {})", first + line_offset),
                )
                .with_hint("YAML keeps only the last value of a repeated key: remove or rename one")
            })
            .collect());
    }
    let value = if text.trim().is_empty() {
        serde_yaml::from_str("{}")
    } else {
        serde_yaml::from_str(text)
    };
    match value {
        Ok(v) => Ok((v, positions)),
        Err(e) => Err(vec![serde_error(&e, file, line_offset)]),
    }
}

fn serde_error(e: &serde_yaml::Error, file: &Path, line_offset: usize) -> Diagnostic {
    let full = e.to_string();
    let message = match full.rfind(" at line ") {
        Some(i) => full[..i].to_string(),
        None => full.clone(),
    };
    let loc = e
        .location()
        .map(|l| Location::new(file, l.line() + line_offset, l.column()));
    let hint = did_you_mean(&message);
    let d = Diagnostic::error(loc.or_else(|| Some(Location::new(file, line_offset + 1, 1))), message);
    match hint {
        Some(h) => d.with_hint(h),
        None => d,
    }
}

/// For serde's "unknown field `x`, expected one of `a`, `b`": suggest the closest field.
fn did_you_mean(message: &str) -> Option<String> {
    let start = message
        .find("unknown field `")
        .or_else(|| message.find("unknown variant `"))?;
    let rest = message[start..].split_once('`')?.1;
    let (unknown, expected) = rest.split_once('`')?;
    let names: Vec<&str> = expected.split('`').skip(1).step_by(2).collect();
    let best = names
        .iter()
        .map(|n| (strsim::jaro_winkler(unknown, n), *n))
        .filter(|(score, _)| *score > 0.8)
        .max_by(|a, b| a.0.total_cmp(&b.0));
    Some(match best {
        Some((_, name)) => format!("did you mean `{name}`?"),
        None => format!("allowed here: {}", names.join(", ")),
    })
}

enum Frame {
    Map {
        path: String,
        key: Option<String>,
        seen: HashMap<String, usize>,
    },
    Seq {
        path: String,
        next: usize,
    },
}

/// Lines longer than this (bytes) are not searched for a key's column.
const MAX_KEY_SEARCH: usize = 1024;

#[derive(Default)]
struct Indexer<'a> {
    stack: Vec<Frame>,
    map: crate::content::PositionIndex,
    duplicates: Vec<(String, (usize, usize), usize)>,
    lines: Vec<&'a str>,
}

/// A position as the index keeps it (no file has 4 billion lines).
fn compact((line, col): (usize, usize)) -> (u32, u32) {
    let small = |n: usize| u32::try_from(n).unwrap_or(u32::MAX);
    (small(line), small(col))
}

fn join(path: &str, part: &str) -> String {
    if path.is_empty() {
        part.to_string()
    } else {
        format!("{path}.{part}")
    }
}

impl Indexer<'_> {
    /// Path of the value that starts now, advancing the parent frame. `None` when it is a key.
    fn value_path(&mut self, scalar: Option<&str>, pos: (usize, usize)) -> Option<String> {
        match self.stack.last_mut() {
            None => Some(String::new()),
            Some(Frame::Seq { path, next }) => {
                let p = join(path, &next.to_string());
                *next += 1;
                Some(p)
            }
            Some(Frame::Map { path, key, seen }) => match key.take() {
                Some(k) => Some(join(path, &k)),
                None => {
                    let k = scalar.unwrap_or("?").to_string();
                    // The parser marks some keys at their end; find the key's real column.
                    let line = self.lines.get(pos.0.saturating_sub(1)).copied().unwrap_or("");
                    // Only on lines of ordinary length: searching every key of a long line from
                    // its start was quadratic (found with the fuzz targets: a flow mapping of
                    // 20,000 keys on one line took 9 s); keys there keep the parser's position.
                    let found = if line.len() <= MAX_KEY_SEARCH {
                        line.find(k.as_str())
                    } else {
                        None
                    };
                    let pos = match found {
                        Some(b) => (pos.0, line[..b].chars().count() + 1),
                        None => pos,
                    };
                    let kp = join(path, &k);
                    if seen.is_empty() {
                        // A mapping "starts" at its first key, not where the parser marks it.
                        self.map.insert(path.as_str().into(), compact(pos));
                    }
                    if let Some(&first) = seen.get(&k) {
                        self.duplicates.push((k.clone(), pos, first));
                    } else {
                        seen.insert(k.clone(), pos.0);
                    }
                    self.map.insert(format!("{kp}#key").into(), compact(pos));
                    *key = Some(k);
                    None
                }
            },
        }
    }
}

impl MarkedEventReceiver for Indexer<'_> {
    fn on_event(&mut self, ev: Event, mark: Marker) {
        let pos = (mark.line(), mark.col() + 1);
        match ev {
            Event::Scalar(value, ..) => {
                if let Some(p) = self.value_path(Some(&value), pos) {
                    self.map.insert(p.into(), compact(pos));
                }
            }
            Event::Alias(_) => {
                if let Some(p) = self.value_path(None, pos) {
                    self.map.insert(p.into(), compact(pos));
                }
            }
            Event::MappingStart(..) | Event::SequenceStart(..) => {
                let path = self.value_path(None, pos).unwrap_or_default();
                self.map.insert(path.as_str().into(), compact(pos));
                self.stack.push(match ev {
                    Event::MappingStart(..) => Frame::Map {
                        path,
                        key: None,
                        seen: HashMap::new(),
                    },
                    _ => Frame::Seq { path, next: 0 },
                });
            }
            Event::MappingEnd | Event::SequenceEnd => {
                self.stack.pop();
            }
            _ => {}
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde::Deserialize;

    #[derive(Deserialize, Debug)]
    #[serde(deny_unknown_fields)]
    #[allow(dead_code)]
    struct Doc {
        title: String,
        items: Vec<Item>,
    }
    #[derive(Deserialize, Debug)]
    #[serde(deny_unknown_fields)]
    #[allow(dead_code)]
    struct Item {
        id: String,
    }

    #[test]
    fn positions_are_real_file_lines() {
        let text = "title: x\nitems:\n  - id: a\n  - id: b\n";
        let (_, pos): (Doc, _) = parse(text, Path::new("f.md"), 1).unwrap();
        assert_eq!(pos.at("items.1.id").to_string(), "f.md:5:9");
        assert_eq!(pos.key("items.1.id").to_string(), "f.md:5:5");
        assert_eq!(pos.at("items.1.missing").to_string(), "f.md:5:5");
    }

    /// Found with the fuzz targets (scaled-up input): every key of a line was searched for from the
    /// line's start, so a flow mapping with 20,000 keys on one line took 9 s.
    #[test]
    fn many_keys_on_one_line_parse_in_linear_time() {
        let keys: Vec<String> = (0..100_000).map(|i| format!("k{i}: 1")).collect();
        let text = format!("title: x\nitems: []\nextra: {{{}}}\n", keys.join(", "));
        let start = std::time::Instant::now();
        let errs = parse::<Doc>(&text, Path::new("f.yaml"), 0).unwrap_err();
        assert!(errs[0].message.contains("unknown field `extra`"), "{}", errs[0].message);
        // Linear takes well under a second; quadratic took hours. The bound leaves room for a
        // busy machine (this ran in 6–9 s while other builds used both cores).
        assert!(start.elapsed().as_secs() < 60, "took {:?}", start.elapsed());
        let (_, pos): (Doc, _) = parse("{title: x, items: [{id: a}]}", Path::new("f.yaml"), 0).unwrap();
        assert_eq!(
            pos.key("items").to_string(),
            "f.yaml:1:12",
            "short lines still find the key"
        );
    }

    #[test]
    fn duplicate_keys_are_errors() {
        let errs = parse::<Doc>("title: a\ntitle: b\nitems: []\n", Path::new("f.yaml"), 0).unwrap_err();
        assert_eq!(errs[0].location.as_ref().unwrap().to_string(), "f.yaml:2:1");
        assert!(errs[0].message.contains("duplicate key `title` (first set on line 1)"));
    }

    #[test]
    fn unknown_fields_suggest_the_closest() {
        let errs = parse::<Doc>("titel: a\nitems: []\n", Path::new("f.yaml"), 3).unwrap_err();
        assert_eq!(errs[0].location.as_ref().unwrap().to_string(), "f.yaml:4:1");
        assert_eq!(errs[0].hint.as_deref(), Some("did you mean `title`?"));
    }

    #[test]
    fn syntax_errors_point_into_the_file() {
        let errs = parse::<Doc>("title: [a\nitems: []\n", Path::new("f.yaml"), 10).unwrap_err();
        assert!(errs[0].message.starts_with("invalid YAML"), "{}", errs[0].message);
        assert!(errs[0].location.as_ref().unwrap().line > 10);
    }

    #[test]
    fn wrong_types_name_the_line() {
        let errs = parse::<Doc>("title: a\nitems:\n  - id: [1]\n", Path::new("f.yaml"), 0).unwrap_err();
        assert_eq!(errs[0].location.as_ref().unwrap().line, 3, "{}", errs[0].message);
    }
}
