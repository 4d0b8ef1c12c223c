//! `word/styles.xml`: what a paragraph's style says about headings, bold type and lists, with
//! the `basedOn` chain followed. Also run formatting, shared with direct formatting.

use roxmltree::Node;
use std::collections::HashMap;

pub(super) const W: &str = "http://schemas.openxmlformats.org/wordprocessingml/2006/main";
pub(super) const W_STRICT: &str = "http://purl.oclc.org/ooxml/wordprocessingml/main";

/// Whether `node` is the WordprocessingML element `name` (transitional or strict).
pub(super) fn is_w(node: Node, name: &str) -> bool {
    node.is_element() && node.tag_name().name() == name && matches!(node.tag_name().namespace(), Some(W | W_STRICT))
}

/// The first WordprocessingML child element called `name`.
pub(super) fn child<'a, 'i>(node: Node<'a, 'i>, name: &str) -> Option<Node<'a, 'i>> {
    node.children().find(|c| is_w(*c, name))
}

/// An attribute by local name (`w:val`, `w:id`), whatever its prefix.
pub(super) fn attr<'a>(node: Node<'a, '_>, name: &str) -> Option<&'a str> {
    node.attributes().find(|a| a.name() == name).map(|a| a.value())
}

/// `w:val` of the child `name`, if the child is there.
pub(super) fn child_val<'a>(node: Node<'a, '_>, name: &str) -> Option<&'a str> {
    child(node, name).and_then(|c| attr(c, "val"))
}

/// Run formatting that matters here; `None` = not set at this level.
#[derive(Debug, Clone, Copy, Default)]
pub(super) struct Format {
    pub bold: Option<bool>,
    pub red: Option<bool>,
    /// A typeface official documents use for headings (黑体, 楷体, 小标宋).
    pub heading_font: Option<bool>,
}

impl Format {
    /// Reads a `w:rPr`.
    pub(super) fn parse(rpr: Option<Node>) -> Format {
        let Some(rpr) = rpr else {
            return Format::default();
        };
        let on = |name: &str| child(rpr, name).map(|b| !matches!(attr(b, "val"), Some("0" | "false" | "off" | "none")));
        let red = child_val(rpr, "color").map(is_red);
        let heading_font = child(rpr, "rFonts").map(|f| {
            ["eastAsia", "ascii", "hAnsi"]
                .iter()
                .filter_map(|a| attr(f, a))
                .any(is_heading_font)
        });
        Format {
            bold: on("b"),
            red,
            heading_font,
        }
    }

    /// `self` where set, else `base`.
    pub(super) fn or(self, base: Format) -> Format {
        Format {
            bold: self.bold.or(base.bold),
            red: self.red.or(base.red),
            heading_font: self.heading_font.or(base.heading_font),
        }
    }
}

fn is_red(hex: &str) -> bool {
    let Ok(v) = u32::from_str_radix(hex, 16) else {
        return false;
    };
    let (r, g, b) = (v >> 16 & 0xff, v >> 8 & 0xff, v & 0xff);
    hex.len() == 6 && r >= 0xb0 && g <= 0x60 && b <= 0x60
}

fn is_heading_font(name: &str) -> bool {
    ["黑体", "楷体", "小标宋", "SimHei", "KaiTi", "Heiti", "STKaiti"]
        .iter()
        .any(|f| name.contains(f))
}

#[derive(Debug, Default)]
struct Style {
    /// Lowercased `w:name`: "heading 1", "title", "toc 2".
    name: String,
    based_on: Option<String>,
    outline: Option<u8>,
    num: Option<(String, u8)>,
    format: Format,
}

#[derive(Debug, Default)]
pub(super) struct Styles {
    styles: HashMap<String, Style>,
    default_para: Option<String>,
}

impl Styles {
    pub(super) fn parse(root: Node) -> Styles {
        let mut styles = Styles::default();
        for s in root.children().filter(|c| is_w(*c, "style")) {
            let Some(id) = attr(s, "styleId") else { continue };
            let ppr = child(s, "pPr");
            let num = ppr.and_then(|p| child(p, "numPr")).and_then(|n| {
                let id = child_val(n, "numId")?.to_string();
                Some((id, child_val(n, "ilvl").and_then(|l| l.parse().ok()).unwrap_or(0)))
            });
            let style = Style {
                name: child_val(s, "name").unwrap_or("").to_lowercase(),
                based_on: child_val(s, "basedOn").map(str::to_string),
                outline: ppr
                    .and_then(|p| child_val(p, "outlineLvl"))
                    .and_then(|v| v.parse().ok()),
                num,
                format: Format::parse(child(s, "rPr")),
            };
            if attr(s, "type") == Some("paragraph") && attr(s, "default").is_some_and(|d| d == "1" || d == "true") {
                styles.default_para = Some(id.to_string());
            }
            styles.styles.insert(id.to_string(), style);
        }
        styles
    }

    /// The style `id` and the styles it is based on, nearest first (cycles cut).
    fn chain<'s>(&'s self, id: Option<&'s str>) -> impl Iterator<Item = &'s Style> + 's {
        let mut next = id.or(self.default_para.as_deref());
        std::iter::from_fn(move || {
            let style = self.styles.get(next?)?;
            next = style.based_on.as_deref();
            Some(style)
        })
        .take(16)
    }

    /// The outline level a style gives (0 = Heading 1); body text (level 9) gives none.
    pub(super) fn outline(&self, id: Option<&str>) -> Option<u8> {
        self.chain(id)
            .find_map(|s| {
                s.outline.or_else(|| {
                    let n: u8 = s.name.strip_prefix("heading ")?.trim().parse().ok()?;
                    n.checked_sub(1)
                })
            })
            .filter(|l| *l < 9)
    }

    pub(super) fn is_title(&self, id: Option<&str>) -> bool {
        self.chain(id).next().is_some_and(|s| s.name == "title")
    }

    pub(super) fn is_toc(&self, id: Option<&str>) -> bool {
        self.chain(id).next().is_some_and(|s| s.name.starts_with("toc "))
    }

    pub(super) fn num(&self, id: Option<&str>) -> Option<(String, u8)> {
        self.chain(id).find_map(|s| s.num.clone())
    }

    pub(super) fn format(&self, id: Option<&str>) -> Format {
        self.chain(id).fold(Format::default(), |acc, s| acc.or(s.format))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn heading_levels_follow_based_on_and_names() {
        let xml = format!(
            r#"<w:styles xmlns:w="{W}">
            <w:style w:type="paragraph" w:default="1" w:styleId="a"><w:name w:val="Normal"/></w:style>
            <w:style w:type="paragraph" w:styleId="1"><w:name w:val="heading 1"/><w:basedOn w:val="a"/><w:rPr><w:b/></w:rPr></w:style>
            <w:style w:type="paragraph" w:styleId="my"><w:name w:val="My Heading"/><w:basedOn w:val="1"/><w:rPr><w:color w:val="C00000"/></w:rPr></w:style>
            <w:style w:type="paragraph" w:styleId="loop"><w:name w:val="x"/><w:basedOn w:val="loop"/></w:style>
            </w:styles>"#
        );
        let doc = roxmltree::Document::parse(&xml).unwrap();
        let s = Styles::parse(doc.root_element());
        assert_eq!(s.outline(Some("1")), Some(0));
        assert_eq!(s.outline(Some("my")), Some(0));
        assert_eq!(s.outline(None), None);
        assert_eq!(s.outline(Some("loop")), None);
        let f = s.format(Some("my"));
        assert_eq!((f.bold, f.red), (Some(true), Some(true)));
    }
}
