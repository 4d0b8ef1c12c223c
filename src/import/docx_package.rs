//! The .docx container: a zip of XML parts found through relationship files.

use super::docx_styles::attr;
use roxmltree::Document;
use std::io::{Cursor, Read};
use zip::ZipArchive;

/// A part larger than this (uncompressed) is refused: no real plan comes near it.
const MAX_PART: u64 = 256 << 20;

pub(super) struct Package<'b> {
    zip: ZipArchive<Cursor<&'b [u8]>>,
}

impl Package<'_> {
    pub(super) fn open(bytes: &[u8]) -> Result<Package<'_>, String> {
        let zip = ZipArchive::new(Cursor::new(bytes)).map_err(|e| {
            format!("is not a .docx: it is not a readable zip archive ({e}); if Word or WPS opens it, save it again as .docx")
        })?;
        Ok(Package { zip })
    }

    /// A part's text, `None` if the package has no such part.
    pub(super) fn text(&mut self, name: &str) -> Result<Option<String>, String> {
        let damaged = |e: &dyn std::fmt::Display| {
            format!("is a damaged .docx: cannot read its part {name} ({e}); open it in Word or WPS and save it again")
        };
        let file = match self.zip.by_name(name) {
            Ok(f) => f,
            Err(zip::result::ZipError::FileNotFound) => return Ok(None),
            Err(e) => return Err(damaged(&e)),
        };
        let mut bytes = Vec::new();
        file.take(MAX_PART + 1)
            .read_to_end(&mut bytes)
            .map_err(|e| damaged(&e))?;
        if bytes.len() as u64 > MAX_PART {
            return Err(damaged(&"larger than 256 MiB"));
        }
        let (text, _, bad) = encoding_rs::UTF_8.decode(&bytes);
        if bad && encoding_rs::Encoding::for_bom(&bytes).is_none() {
            return Err(damaged(&"not UTF-8 XML"));
        }
        let text = match encoding_rs::Encoding::for_bom(&bytes) {
            Some((enc, _)) => enc.decode(&bytes).0.into_owned(),
            None => text.into_owned(),
        };
        Ok(Some(text))
    }

    /// The relationships of `part`: id → (type's last word, target part name).
    pub(super) fn rels(&mut self, part: &str) -> Result<Vec<(String, String, String)>, String> {
        let (dir, file) = part.rsplit_once('/').unwrap_or(("", part));
        let name = if dir.is_empty() {
            format!("_rels/{file}.rels")
        } else {
            format!("{dir}/_rels/{file}.rels")
        };
        let Some(xml) = self.text(&name)? else {
            return Ok(Vec::new());
        };
        let doc = parse(&xml, &name)?;
        let rels = doc
            .root_element()
            .children()
            .filter(|r| r.tag_name().name() == "Relationship" && attr(*r, "TargetMode") != Some("External"))
            .filter_map(|r| {
                let kind = attr(r, "Type")?.rsplit('/').next()?.to_string();
                Some((attr(r, "Id")?.to_string(), kind, resolve(dir, attr(r, "Target")?)))
            })
            .collect();
        Ok(rels)
    }
}

/// A relationship target relative to the folder `dir` as a part name.
fn resolve(dir: &str, target: &str) -> String {
    let mut parts: Vec<&str> = if target.starts_with('/') {
        Vec::new()
    } else {
        dir.split('/').collect()
    };
    for seg in target.split('/') {
        match seg {
            "" | "." => {}
            ".." => {
                parts.pop();
            }
            s => parts.push(s),
        }
    }
    parts.retain(|p| !p.is_empty());
    parts.join("/")
}

pub(super) fn parse<'x>(xml: &'x str, name: &str) -> Result<Document<'x>, String> {
    Document::parse(xml).map_err(|e| {
        format!(
            "is a damaged .docx: its part {name} is not well-formed XML ({e}); open it in Word or WPS and save it again"
        )
    })
}
