//! Bytes to text: UTF-8, or the GBK/GB18030 that Windows and older portals still write.

use encoding_rs::{Encoding, GB18030, UTF_8, WINDOWS_1252};
use scraper::{Html, Selector};

pub(super) struct Decoded {
    pub text: String,
    /// Says which encoding was used, when it was not plain UTF-8.
    pub note: Option<String>,
}

/// Whether `bytes` are an OLE2 compound file: legacy .doc, .wps, or an encrypted .docx.
pub(super) fn is_ole(bytes: &[u8]) -> bool {
    bytes.starts_with(&[0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1])
}

/// A text file: a byte order mark, else UTF-8, else GB18030 (a superset of GBK and GB2312).
pub(super) fn text(bytes: &[u8]) -> Result<Decoded, String> {
    if let Some((enc, _)) = Encoding::for_bom(bytes) {
        return strict(enc, bytes, "by its byte order mark");
    }
    sniff(bytes)
}

/// An HTML page: a byte order mark, else its `<meta charset>`, else sniffed as for text.
pub(super) fn html(bytes: &[u8]) -> Result<Decoded, String> {
    if let Some((enc, _)) = Encoding::for_bom(bytes) {
        return strict(enc, bytes, "by its byte order mark");
    }
    let Some((label, enc)) = declared(bytes) else {
        return sniff(bytes);
    };
    // Pages saved by a browser are often re-encoded to UTF-8 but keep the old declaration;
    // real GBK text of any length is never valid UTF-8.
    if enc != UTF_8 && !bytes.is_ascii() && std::str::from_utf8(bytes).is_ok() {
        return Ok(Decoded {
            text: String::from_utf8_lossy(bytes).into_owned(),
            note: Some(format!(
                "the page declares the encoding {label:?} but is UTF-8: read as UTF-8"
            )),
        });
    }
    strict(enc, bytes, &format!("as its <meta> declares ({label:?})"))
}

/// The encoding a page declares in `<meta charset>` or `<meta http-equiv content>`. The page
/// is parsed as windows-1252 first: the tags are ASCII in every encoding a page may declare.
fn declared(bytes: &[u8]) -> Option<(String, &'static Encoding)> {
    let (ascii, _) = WINDOWS_1252.decode_without_bom_handling(bytes);
    let doc = Html::parse_document(&ascii);
    let meta = Selector::parse("meta").ok()?;
    for el in doc.select(&meta) {
        let label = el.value().attr("charset").map(str::to_string).or_else(|| {
            let content = el.value().attr("content")?.to_ascii_lowercase();
            let at = content.find("charset=")?;
            let rest = &content[at + "charset=".len()..];
            Some(
                rest.trim_matches(|c| c == '"' || c == '\'')
                    .split([';', ' '])
                    .next()?
                    .to_string(),
            )
        });
        if let Some(label) = label
            && let Some(enc) = Encoding::for_label(label.trim().as_bytes())
        {
            // HTML: a page that says UTF-16 in ASCII bytes is not UTF-16.
            let enc = if enc.name().starts_with("UTF-16") { UTF_8 } else { enc };
            return Some((label.trim().to_string(), enc));
        }
    }
    None
}

fn sniff(bytes: &[u8]) -> Result<Decoded, String> {
    if let Ok(text) = std::str::from_utf8(bytes) {
        return Ok(Decoded {
            text: text.to_string(),
            note: None,
        });
    }
    strict(GB18030, bytes, "since it is not UTF-8").map_err(|_| {
        let bad = std::str::from_utf8(bytes).map_err(|e| e.valid_up_to()).err().unwrap_or(0);
        format!(
            "is neither UTF-8 (first bad byte at offset {bad}) nor GBK/GB18030: convert it to UTF-8 first, e.g. `iconv -f BIG5 -t UTF-8` for Big5"
        )
    })
}

fn strict(enc: &'static Encoding, bytes: &[u8], why: &str) -> Result<Decoded, String> {
    let (text, _, had_errors) = enc.decode(bytes);
    if had_errors {
        return Err(format!(
            "is not valid {} although it was read as such {why}: convert it to UTF-8 first, e.g. with `iconv`",
            enc.name()
        ));
    }
    let name = if enc == GB18030 { "GB18030 (GBK)" } else { enc.name() };
    Ok(Decoded {
        text: text.into_owned(),
        note: (enc != UTF_8).then(|| format!("decoded from {name} {why}")),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn gbk_text_is_sniffed_and_named() {
        let (bytes, _, _) = GB18030.encode("瑞安市质量强市规划");
        let d = text(&bytes).unwrap();
        assert_eq!(d.text, "瑞安市质量强市规划");
        assert!(d.note.unwrap().contains("GB18030 (GBK)"));
        assert!(text("规划".as_bytes()).unwrap().note.is_none());
    }

    #[test]
    fn html_follows_its_declaration_but_not_a_stale_one() {
        let page = "<html><head><meta http-equiv=\"Content-Type\" content=\"text/html; charset=gb2312\"></head><body>规划</body></html>";
        let (bytes, _, _) = GB18030.encode(page);
        let d = html(&bytes).unwrap();
        assert!(d.text.contains("规划"));
        assert!(d.note.unwrap().contains("GBK"), "gb2312 is read as GBK");
        let stale = html(page.as_bytes()).unwrap();
        assert!(stale.text.contains("规划"));
        assert!(stale.note.unwrap().contains("but is UTF-8"));
    }

    #[test]
    fn undecodable_bytes_are_an_error() {
        assert!(text(&[0x81, 0x20, 0xff, 0xff]).is_err());
    }
}
