//! .docx (Office Open XML, as Word and WPS write it): paragraphs in document order — including
//! those in tables and text boxes — with their styles, bold type, list numbers and footnotes;
//! page headers and footers go to the front matter, images are reported.

use super::docx_package::{Package, parse};
use super::docx_styles::{Format, Styles, attr, child, child_val, is_w};
use super::draft::footnote_mark;
use super::numbering::{Label, Numbering};
use super::report::Report;
use super::tables::{TableBuilder, shorten};
use super::{Hint, Item, Meta, Para, Source, items_text};
use roxmltree::Node;
use std::collections::HashMap;

const MC: &str = "http://schemas.openxmlformats.org/markup-compatibility/2006";

/// Reads a .docx.
pub(super) fn read(bytes: &[u8]) -> Result<Source, String> {
    let mut pkg = Package::open(bytes)?;
    let main = pkg
        .rels("")?
        .into_iter()
        .find(|(_, kind, _)| kind == "officeDocument")
        .map_or_else(|| "word/document.xml".to_string(), |(_, _, target)| target);
    let Some(xml) = pkg.text(&main)? else {
        return Err(format!(
            "is not a Word document: the zip has no {main} (is it a renamed .xlsx, .pptx or other zip?); save the plan from Word or WPS as .docx"
        ));
    };
    let doc = parse(&xml, &main)?;
    let rels = pkg.rels(&main)?;
    let mut part = |kind: &str| -> Result<Vec<(String, String)>, String> {
        let mut out = Vec::new();
        for (_, _, target) in rels.iter().filter(|(_, k, _)| k == kind) {
            if let Some(text) = pkg.text(target)? {
                out.push((target.clone(), text));
            }
        }
        Ok(out)
    };
    let (styles_xml, numbering_xml) = (part("styles")?, part("numbering")?);
    let (footnotes_xml, endnotes_xml) = (part("footnotes")?, part("endnotes")?);
    let (headers, footers) = (part("header")?, part("footer")?);

    let styles = match styles_xml.first() {
        Some((name, xml)) => Styles::parse(parse(xml, name)?.root_element()),
        None => Styles::default(),
    };
    let numbering = match numbering_xml.first() {
        Some((name, xml)) => Numbering::parse(parse(xml, name)?.root_element()),
        None => Numbering::default(),
    };
    let mut reader = Reader::new(&styles, numbering);
    for (name, xml) in footnotes_xml.iter().chain(&endnotes_xml) {
        reader.load_notes(parse(xml, name)?.root_element());
    }
    let body = child(doc.root_element(), "body")
        .ok_or_else(|| format!("is not a Word document: {main} has no w:body; save it from Word or WPS as .docx"))?;
    let items = reader.blocks(body);
    for (label, parts) in [("页眉 (page header)", &headers), ("页脚 (page footer)", &footers)] {
        for (name, xml) in parts {
            reader.header_footer(parse(xml, name)?.root_element(), label);
        }
    }
    Ok(reader.finish(items))
}

/// Text of one paragraph as the runs are read: pieces split at line breaks, and counts of
/// the characters' formatting.
#[derive(Default)]
struct ParaText {
    pieces: Vec<String>,
    current: String,
    chars: usize,
    bold: usize,
    red: usize,
    /// Paragraphs of text boxes anchored in this paragraph.
    boxes: Vec<Item>,
    /// Open fields: (instruction, in the result part).
    fields: Vec<(String, bool)>,
}

impl ParaText {
    fn push(&mut self, text: &str, f: Format) {
        if self
            .fields
            .iter()
            .any(|(instr, result)| !result || is_page_field(instr))
        {
            return;
        }
        let n = text.chars().filter(|c| !c.is_whitespace()).count();
        self.chars += n;
        if f.bold == Some(true) || f.heading_font == Some(true) {
            self.bold += n;
        }
        if f.red == Some(true) {
            self.red += n;
        }
        self.current.push_str(text);
    }

    fn line_break(&mut self) {
        self.pieces.push(std::mem::take(&mut self.current));
    }
}

fn is_page_field(instr: &str) -> bool {
    matches!(
        instr.split_whitespace().next().map(str::to_uppercase).as_deref(),
        Some("PAGE" | "NUMPAGES" | "SECTIONPAGES")
    )
}

struct Reader<'s> {
    styles: &'s Styles,
    numbering: Numbering,
    /// Footnote and endnote texts by (is endnote, id).
    notes: HashMap<(bool, String), String>,
    /// Notes in the order the text references them: the draft's footnotes.
    footnotes: Vec<String>,
    meta: Meta,
    report: Report,
    numbered: usize,
    text_boxes: usize,
}

impl<'s> Reader<'s> {
    fn new(styles: &'s Styles, numbering: Numbering) -> Self {
        Reader {
            styles,
            numbering,
            notes: HashMap::new(),
            footnotes: Vec::new(),
            meta: Meta::default(),
            report: Report::default(),
            numbered: 0,
            text_boxes: 0,
        }
    }

    fn load_notes(&mut self, root: Node) {
        for note in root.children().filter(|n| is_w(*n, "footnote") || is_w(*n, "endnote")) {
            if matches!(
                attr(note, "type"),
                Some("separator" | "continuationSeparator" | "continuationNotice")
            ) {
                continue;
            }
            let Some(id) = attr(note, "id") else { continue };
            let text = items_text(&self.blocks(note));
            self.notes
                .insert((note.tag_name().name() == "endnote", id.to_string()), text);
        }
    }

    /// Block-level content: paragraphs, tables, content controls.
    fn blocks(&mut self, container: Node) -> Vec<Item> {
        let mut items = Vec::new();
        for node in container.children().filter(Node::is_element) {
            if is_w(node, "p") {
                items.extend(self.paragraph(node));
            } else if is_w(node, "tbl") {
                items.extend(self.table(node));
            } else if is_w(node, "sdt") {
                items.extend(child(node, "sdtContent").map(|c| self.blocks(c)).unwrap_or_default());
            } else if is_w(node, "customXml") {
                items.extend(self.blocks(node));
            } else if let Some(choice) = choice(node) {
                items.extend(self.blocks(choice));
            }
        }
        items
    }

    fn paragraph(&mut self, p: Node) -> Vec<Item> {
        let ppr = child(p, "pPr");
        let style = ppr.and_then(|x| child_val(x, "pStyle"));
        let mut out = ParaText::default();
        self.inline(p, self.styles.format(style), &mut out);
        out.line_break();
        let label = self.label(ppr, style);
        let outline = ppr
            .and_then(|x| child_val(x, "outlineLvl"))
            .and_then(|v| v.parse::<u8>().ok())
            .or_else(|| self.styles.outline(style))
            .filter(|l| *l < 9);
        let hint = if self.styles.is_title(style) {
            Hint::Title
        } else if self.styles.is_toc(style) {
            Hint::TocEntry
        } else if let Some(level) = outline {
            Hint::Outline(level)
        } else if label == Label::Bullet {
            Hint::Bullet
        } else if out.chars > 0 && out.bold == out.chars {
            Hint::Bold
        } else {
            Hint::Plain
        };
        let red = out.chars > 0 && out.red * 2 > out.chars;
        let mut items = Vec::new();
        for (i, piece) in out.pieces.iter().enumerate() {
            let mut text = piece.trim().to_string();
            if hint == Hint::TocEntry {
                text = text
                    .trim_end_matches(|c: char| c.is_ascii_digit() || c.is_whitespace())
                    .to_string();
            }
            if let (0, Label::Text(number)) = (i, &label) {
                text = join_number(number, &text);
            }
            if !text.is_empty() {
                items.push(Item::Para(Para { text, hint, red }));
            }
        }
        items.append(&mut out.boxes);
        items
    }

    /// The list number Word shows before the paragraph (direct numbering or its style's).
    fn label(&mut self, ppr: Option<Node>, style: Option<&str>) -> Label {
        let direct = ppr.and_then(|x| child(x, "numPr")).map(|n| {
            let ilvl = child_val(n, "ilvl").and_then(|l| l.parse().ok());
            (child_val(n, "numId").map(str::to_string), ilvl)
        });
        let from_style = self.styles.num(style);
        let num_id = direct
            .as_ref()
            .and_then(|(id, _)| id.clone())
            .or_else(|| from_style.clone().map(|s| s.0));
        let ilvl = direct.and_then(|(_, l)| l).or(from_style.map(|s| s.1)).unwrap_or(0);
        match num_id.as_deref() {
            None | Some("0") => Label::None,
            Some(id) => {
                let label = self.numbering.next(id, ilvl);
                if matches!(label, Label::Text(_)) {
                    self.numbered += 1;
                }
                label
            }
        }
    }

    /// Inline content of a paragraph: runs, links, tracked insertions, fields, controls.
    fn inline(&mut self, node: Node, base: Format, out: &mut ParaText) {
        for n in node.children().filter(Node::is_element) {
            let name = n.tag_name().name();
            if is_w(n, "r") {
                let rpr = child(n, "rPr");
                let style = rpr.and_then(|r| child_val(r, "rStyle"));
                let f = Format::parse(rpr).or(self.styles.format(style).or(base));
                self.run(n, f, out);
            } else if is_w(n, "fldSimple") {
                out.fields
                    .push((attr(n, "instr").unwrap_or("").trim().to_string(), true));
                self.inline(n, base, out);
                out.fields.pop();
            } else if is_w(n, "sdt") {
                if let Some(c) = child(n, "sdtContent") {
                    self.inline(c, base, out);
                }
            } else if matches!(
                name,
                "hyperlink" | "ins" | "smartTag" | "customXml" | "moveTo" | "bdo" | "dir"
            ) && is_w(n, name)
            {
                self.inline(n, base, out);
            } else if let Some(c) = choice(n) {
                self.inline(c, base, out);
            }
        }
    }

    fn run(&mut self, r: Node, f: Format, out: &mut ParaText) {
        for n in r.children().filter(Node::is_element) {
            if !is_w(n, n.tag_name().name()) {
                if let Some(c) = choice(n) {
                    self.run(c, f, out);
                }
                continue;
            }
            match n.tag_name().name() {
                "t" => out.push(n.text().unwrap_or(""), f),
                "tab" | "ptab" => out.push(" ", Format::default()),
                "noBreakHyphen" => out.push("-", f),
                "br" | "cr" if attr(n, "type").is_none_or(|t| t == "textWrapping") => out.line_break(),
                "sym" => {
                    if let Some(c) = attr(n, "char")
                        .and_then(|h| u32::from_str_radix(h, 16).ok())
                        .and_then(char::from_u32)
                        && !('\u{F000}'..='\u{F0FF}').contains(&c)
                    {
                        out.push(&c.to_string(), f);
                    }
                }
                "footnoteReference" | "endnoteReference" => self.note_reference(n, out),
                "fldChar" => match attr(n, "fldCharType") {
                    Some("begin") => out.fields.push((String::new(), false)),
                    Some("separate") => {
                        if let Some(field) = out.fields.last_mut() {
                            field.1 = true;
                        }
                    }
                    Some("end") => {
                        out.fields.pop();
                    }
                    _ => {}
                },
                "instrText" => {
                    if let Some(field) = out.fields.last_mut().filter(|f| !f.1) {
                        field.0.push_str(n.text().unwrap_or(""));
                    }
                }
                "drawing" | "pict" | "object" => self.drawing(n, out),
                _ => {}
            }
        }
    }

    fn note_reference(&mut self, n: Node, out: &mut ParaText) {
        let endnote = n.tag_name().name() == "endnoteReference";
        let id = attr(n, "id").unwrap_or("");
        match self.notes.get(&(endnote, id.to_string())) {
            Some(text) => {
                self.footnotes.push(text.clone());
                out.current.push_str(&footnote_mark(self.footnotes.len()));
            }
            None => self.report.note(format!(
                "a footnote reference (id {id}) has no footnote text in the file"
            )),
        }
    }

    /// Drawings and VML shapes: text boxes are read, images and charts reported.
    fn drawing(&mut self, node: Node, out: &mut ParaText) {
        let visible = |d: &Node| {
            !d.ancestors()
                .any(|a| a.tag_name().name() == "Fallback" && a.tag_name().namespace() == Some(MC))
        };
        let mut found = false;
        for d in node.descendants().filter(visible) {
            if is_w(d, "txbxContent") && !d.ancestors().skip(1).any(|a| is_w(a, "txbxContent")) {
                self.text_boxes += 1;
                out.boxes.extend(self.blocks(d));
                found = true;
            }
        }
        let image = node
            .descendants()
            .filter(visible)
            .find(|d| matches!(d.tag_name().name(), "blip" | "imagedata"));
        let chart = node
            .descendants()
            .filter(visible)
            .any(|d| d.tag_name().name() == "chart");
        if image.is_some() || chart || !found {
            let name = node
                .descendants()
                .find(|d| d.tag_name().name() == "docPr")
                .and_then(|d| attr(d, "descr").filter(|s| !s.is_empty()).or(attr(d, "name")))
                .unwrap_or("");
            let what = if chart {
                "a chart"
            } else if image.is_some() {
                "an image"
            } else {
                "a drawing"
            };
            let after = shorten(out.current.trim(), 20);
            self.report.note(format!(
                "{what} {name:?} (in the paragraph starting {after:?}) is not imported: add it by hand if it matters"
            ));
        }
    }

    fn table(&mut self, tbl: Node) -> Vec<Item> {
        let mut b = TableBuilder::default();
        let mut cells: Vec<Item> = Vec::new();
        let mut nested = false;
        for tr in rows(tbl, "tr") {
            b.row();
            let before = child(tr, "trPr")
                .and_then(|p| child_val(p, "gridBefore"))
                .and_then(|v| v.parse().ok());
            if let Some(n) = before.filter(|n| *n > 0) {
                b.cell(String::new(), n, 1);
            }
            for tc in rows(tr, "tc") {
                let tcpr = child(tc, "tcPr");
                let span = tcpr
                    .and_then(|p| child_val(p, "gridSpan"))
                    .and_then(|v| v.parse().ok())
                    .unwrap_or(1);
                let vmerge = tcpr
                    .and_then(|p| child(p, "vMerge"))
                    .map(|v| attr(v, "val").unwrap_or("continue"));
                let items = self.blocks(tc);
                nested |= items.iter().any(|i| matches!(i, Item::Table(_)));
                let text = items_text(&items);
                if vmerge == Some("continue") && text.is_empty() {
                    b.continue_above(span);
                } else {
                    b.cell(text, span, 1);
                }
                cells.extend(items);
            }
        }
        let table = b.finish();
        if table.width() <= 1 {
            self.report.note(format!(
                "a one-column table (a frame) starting {:?} is read as text",
                shorten(&items_text(&cells), 20)
            ));
            return cells;
        }
        if nested {
            self.report
                .note("a table inside a table cell is flattened into the cell's text");
        }
        vec![Item::Table(table)]
    }

    fn header_footer(&mut self, root: Node, label: &str) {
        for item in self.blocks(root) {
            let text = match &item {
                Item::Para(p) => p.text.clone(),
                Item::Table(t) => t.cells.iter().flatten().cloned().collect::<Vec<_>>().join(" "),
            };
            let rest: String = text
                .chars()
                .filter(|c| !"—－-–_·第页共/ ".contains(*c) && !c.is_ascii_digit())
                .collect();
            if rest.trim().is_empty() {
                if !text.trim().is_empty() {
                    self.report.dropped(format!("{label}: page number {:?}", text.trim()));
                }
                continue;
            }
            self.report
                .dropped(format!("{label} {:?}: moved to the front matter", shorten(&text, 30)));
            self.meta.extra(label, &text);
        }
    }

    fn finish(mut self, items: Vec<Item>) -> Source {
        if self.numbered > 0 {
            self.report.recovered(format!(
                "{} list numbers that Word generates (not in the text) put back in front of their paragraphs",
                self.numbered
            ));
        }
        if self.text_boxes > 0 {
            self.report.recovered(format!(
                "{} text boxes, as paragraphs where they are anchored",
                self.text_boxes
            ));
        }
        for format in &self.numbering.unknown_formats {
            self.report
                .guess(format!("Word number format {format:?} is written as 1, 2, 3"));
        }
        Source {
            items,
            footnotes: self.footnotes,
            meta: self.meta,
            report: self.report,
        }
    }
}

/// Rows of a table or cells of a row, including those wrapped in content controls.
fn rows<'a, 'i>(node: Node<'a, 'i>, name: &'static str) -> Vec<Node<'a, 'i>> {
    let mut out = Vec::new();
    for c in node.children() {
        if is_w(c, name) {
            out.push(c);
        } else if is_w(c, "sdt") || is_w(c, "customXml") {
            let inner = child(c, "sdtContent").unwrap_or(c);
            out.extend(rows(inner, name));
        }
    }
    out
}

/// `mc:AlternateContent`'s first choice: the fallback repeats the same content for old readers.
fn choice<'a, 'i>(node: Node<'a, 'i>) -> Option<Node<'a, 'i>> {
    (node.tag_name().name() == "AlternateContent" && node.tag_name().namespace() == Some(MC))
        .then(|| node.children().find(|c| c.tag_name().name() == "Choice"))
        .flatten()
}

/// `一、` + `总体要求`; a number without closing punctuation (`第一章`) gets a space.
fn join_number(number: &str, text: &str) -> String {
    let closed = number.ends_with(['、', '.', '．', ')', '）', ']', '】', ':', '：']);
    if closed || text.is_empty() {
        format!("{number}{text}")
    } else {
        format!("{number} {text}")
    }
}
