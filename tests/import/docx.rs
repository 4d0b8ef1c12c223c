//! A small .docx writer for test fixtures: the parts and markup Word and WPS write, built in
//! code so each test shows the shape it reproduces.

use std::fmt::Write as _;
use std::io::Write as _;
use std::path::Path;

pub(crate) enum Run<'a> {
    Text(&'a str),
    Bold(&'a str),
    /// Red, large type: the red header.
    Red(&'a str),
    /// A heading typeface without bold (黑体), as GB/T 9704 sets first-level headings.
    Font(&'a str, &'a str),
    /// A footnote reference; the argument is the footnote's text.
    Footnote(&'a str),
    Image,
    /// A WPS text box: `mc:AlternateContent` with the box in the choice and again in the fallback.
    TextBox(&'a str),
    Break,
}

pub(crate) enum Cell<'a> {
    Text(&'a str),
    /// Spans this many grid columns (`w:gridSpan`).
    Span(&'a str, usize),
    /// Starts a vertical merge (`w:vMerge w:val="restart"`).
    MergeStart(&'a str),
    /// Continues the vertical merge above (`w:vMerge`).
    MergeContinue,
}

#[derive(Default)]
pub(crate) struct Docx {
    body: String,
    footnotes: Vec<String>,
    numbering: Option<String>,
    header: Option<String>,
    footer_page_number: bool,
    images: usize,
    shapes: usize,
}

fn esc(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

const NS: &str = concat!(
    r#"xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" "#,
    r#"xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships" "#,
    r#"xmlns:wp="http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing" "#,
    r#"xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" "#,
    r#"xmlns:pic="http://schemas.openxmlformats.org/drawingml/2006/picture" "#,
    r#"xmlns:wps="http://schemas.microsoft.com/office/word/2010/wordprocessingShape" "#,
    r#"xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006" "#,
    r#"xmlns:v="urn:schemas-microsoft-com:vml" mc:Ignorable="wps""#
);

impl Docx {
    pub(crate) fn new() -> Docx {
        Docx::default()
    }

    fn runs(&mut self, runs: &[Run]) -> String {
        let mut xml = String::new();
        for run in runs {
            let t = |rpr: &str, s: &str| format!(r#"<w:r>{rpr}<w:t xml:space="preserve">{}</w:t></w:r>"#, esc(s));
            match run {
                Run::Text(s) => xml.push_str(&t("", s)),
                Run::Bold(s) => xml.push_str(&t("<w:rPr><w:b/><w:bCs/></w:rPr>", s)),
                Run::Red(s) => xml.push_str(&t(r#"<w:rPr><w:color w:val="FF0000"/><w:sz w:val="72"/></w:rPr>"#, s)),
                Run::Font(font, s) => xml.push_str(&t(
                    &format!(r#"<w:rPr><w:rFonts w:hint="eastAsia" w:eastAsia="{font}"/></w:rPr>"#),
                    s,
                )),
                Run::Footnote(note) => {
                    self.footnotes.push(note.to_string());
                    let _ = write!(
                        xml,
                        r#"<w:r><w:rPr><w:rStyle w:val="FootnoteReference"/></w:rPr><w:footnoteReference w:id="{}"/></w:r>"#,
                        self.footnotes.len()
                    );
                }
                Run::Image => {
                    self.images += 1;
                    let _ = write!(
                        xml,
                        r#"<w:r><w:drawing><wp:inline><wp:extent cx="100" cy="100"/><wp:docPr id="{n}" name="图片 {n}" descr="质量发展示意图"/><a:graphic><a:graphicData uri="http://schemas.openxmlformats.org/drawingml/2006/picture"><pic:pic><pic:blipFill><a:blip r:embed="rIdImg"/></pic:blipFill></pic:pic></a:graphicData></a:graphic></wp:inline></w:drawing></w:r>"#,
                        n = self.images
                    );
                }
                Run::TextBox(s) => {
                    self.shapes += 1;
                    let inner = format!(
                        r#"<w:txbxContent><w:p><w:r><w:t>{}</w:t></w:r></w:p></w:txbxContent>"#,
                        esc(s)
                    );
                    let _ = write!(
                        xml,
                        r#"<w:r><mc:AlternateContent><mc:Choice Requires="wps"><w:drawing><wp:anchor><wp:docPr id="{}" name="文本框 1"/><a:graphic><a:graphicData uri="http://schemas.microsoft.com/office/word/2010/wordprocessingShape"><wps:wsp><wps:txbx>{inner}</wps:txbx></wps:wsp></a:graphicData></a:graphic></wp:anchor></w:drawing></mc:Choice><mc:Fallback><w:pict><v:shape><v:textbox>{inner}</v:textbox></v:shape></w:pict></mc:Fallback></mc:AlternateContent></w:r>"#,
                        100 + self.shapes
                    );
                }
                Run::Break => xml.push_str("<w:r><w:br/></w:r>"),
            }
        }
        xml
    }

    fn push_para(&mut self, ppr: &str, runs: &[Run]) -> &mut Docx {
        let runs = self.runs(runs);
        let ppr = if ppr.is_empty() {
            String::new()
        } else {
            format!("<w:pPr>{ppr}</w:pPr>")
        };
        let _ = write!(self.body, "<w:p>{ppr}{runs}</w:p>");
        self
    }

    pub(crate) fn para(&mut self, runs: &[Run]) -> &mut Docx {
        self.push_para("", runs)
    }

    pub(crate) fn text(&mut self, text: &str) -> &mut Docx {
        self.para(&[Run::Text(text)])
    }

    pub(crate) fn bold(&mut self, text: &str) -> &mut Docx {
        self.para(&[Run::Bold(text)])
    }

    /// A paragraph in a style of styles.xml: "1" and "2" are Heading 1 and 2 (as Chinese Word
    /// names them), "Title", "TOC1".
    pub(crate) fn styled(&mut self, style: &str, text: &str) -> &mut Docx {
        self.push_para(&format!(r#"<w:pStyle w:val="{style}"/>"#), &[Run::Text(text)])
    }

    /// A paragraph numbered by Word list `num_id` at level `ilvl` (see [`Docx::numbering`]).
    pub(crate) fn numbered(&mut self, num_id: u32, ilvl: u32, runs: &[Run]) -> &mut Docx {
        self.push_para(
            &format!(r#"<w:numPr><w:ilvl w:val="{ilvl}"/><w:numId w:val="{num_id}"/></w:numPr>"#),
            runs,
        )
    }

    /// The `w:abstractNum` and `w:num` elements of numbering.xml.
    pub(crate) fn numbering(&mut self, xml: &str) -> &mut Docx {
        self.numbering = Some(xml.to_string());
        self
    }

    pub(crate) fn table(&mut self, rows: &[Vec<Cell>]) -> &mut Docx {
        let cols = rows
            .iter()
            .map(|r| {
                r.iter()
                    .map(|c| if let Cell::Span(_, n) = c { *n } else { 1 })
                    .sum::<usize>()
            })
            .max()
            .unwrap_or(1);
        let mut xml = String::from(
            r#"<w:tbl><w:tblPr><w:tblStyle w:val="TableGrid"/><w:tblW w:w="0" w:type="auto"/></w:tblPr><w:tblGrid>"#,
        );
        xml.push_str(&r#"<w:gridCol w:w="2000"/>"#.repeat(cols));
        xml.push_str("</w:tblGrid>");
        for row in rows {
            xml.push_str("<w:tr>");
            for cell in row {
                let (props, text) = match cell {
                    Cell::Text(t) => (String::new(), *t),
                    Cell::Span(t, n) => (format!(r#"<w:gridSpan w:val="{n}"/>"#), *t),
                    Cell::MergeStart(t) => (r#"<w:vMerge w:val="restart"/>"#.to_string(), *t),
                    Cell::MergeContinue => ("<w:vMerge/>".to_string(), ""),
                };
                let runs = if text.is_empty() {
                    String::new()
                } else {
                    self.runs(&[Run::Text(text)])
                };
                let _ = write!(
                    xml,
                    r#"<w:tc><w:tcPr><w:tcW w:w="2000" w:type="dxa"/>{props}</w:tcPr><w:p>{runs}</w:p></w:tc>"#
                );
            }
            xml.push_str("</w:tr>");
        }
        xml.push_str("</w:tbl>");
        self.body.push_str(&xml);
        self
    }

    pub(crate) fn header(&mut self, text: &str) -> &mut Docx {
        self.header = Some(text.to_string());
        self
    }

    /// A footer holding only the page number field: `— PAGE —`.
    pub(crate) fn footer_page_number(&mut self) -> &mut Docx {
        self.footer_page_number = true;
        self
    }

    fn styles() -> String {
        let style = |id: &str, name: &str, extra: &str| {
            format!(
                r#"<w:style w:type="paragraph" w:styleId="{id}"><w:name w:val="{name}"/><w:basedOn w:val="a"/>{extra}</w:style>"#
            )
        };
        format!(
            r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:styles {NS}><w:docDefaults><w:rPrDefault><w:rPr><w:rFonts w:eastAsia="仿宋_GB2312"/></w:rPr></w:rPrDefault></w:docDefaults><w:style w:type="paragraph" w:default="1" w:styleId="a"><w:name w:val="Normal"/></w:style>{}{}{}{}</w:styles>"#,
            style(
                "1",
                "heading 1",
                r#"<w:pPr><w:outlineLvl w:val="0"/></w:pPr><w:rPr><w:b/></w:rPr>"#
            ),
            style("2", "heading 2", r#"<w:pPr><w:outlineLvl w:val="1"/></w:pPr>"#),
            style("Title", "Title", "<w:rPr><w:b/></w:rPr>"),
            style("TOC1", "toc 1", ""),
        )
    }

    fn footnotes_xml(&self) -> String {
        let mut xml = format!(
            r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:footnotes {NS}><w:footnote w:type="separator" w:id="-1"><w:p><w:r><w:separator/></w:r></w:p></w:footnote><w:footnote w:type="continuationSeparator" w:id="0"><w:p><w:r><w:continuationSeparator/></w:r></w:p></w:footnote>"#
        );
        for (i, note) in self.footnotes.iter().enumerate() {
            let _ = write!(
                xml,
                r#"<w:footnote w:id="{}"><w:p><w:pPr><w:pStyle w:val="FootnoteText"/></w:pPr><w:r><w:rPr><w:rStyle w:val="FootnoteReference"/></w:rPr><w:footnoteRef/></w:r><w:r><w:t xml:space="preserve"> {}</w:t></w:r></w:p></w:footnote>"#,
                i + 1,
                esc(note)
            );
        }
        xml + "</w:footnotes>"
    }

    /// Writes the package to `path`.
    pub(crate) fn save(&self, path: &Path) {
        let mut rels = String::from(
            r#"<Relationship Id="rIdStyles" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/>"#,
        );
        let rel = |id: &str, kind: &str, target: &str| {
            format!(
                r#"<Relationship Id="{id}" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/{kind}" Target="{target}"/>"#
            )
        };
        let mut parts: Vec<(String, String)> = vec![("word/styles.xml".into(), Docx::styles())];
        let mut sect = String::new();
        if let Some(n) = &self.numbering {
            rels.push_str(&rel("rIdNum", "numbering", "numbering.xml"));
            parts.push((
                "word/numbering.xml".into(),
                format!(r#"<?xml version="1.0" encoding="UTF-8"?><w:numbering {NS}>{n}</w:numbering>"#),
            ));
        }
        if !self.footnotes.is_empty() {
            rels.push_str(&rel("rIdFn", "footnotes", "footnotes.xml"));
            parts.push(("word/footnotes.xml".into(), self.footnotes_xml()));
        }
        if let Some(h) = &self.header {
            rels.push_str(&rel("rIdH", "header", "header1.xml"));
            sect.push_str(r#"<w:headerReference w:type="default" r:id="rIdH"/>"#);
            parts.push((
                "word/header1.xml".into(),
                format!(r#"<w:hdr {NS}><w:p><w:r><w:t>{}</w:t></w:r></w:p></w:hdr>"#, esc(h)),
            ));
        }
        if self.footer_page_number {
            rels.push_str(&rel("rIdF", "footer", "footer1.xml"));
            sect.push_str(r#"<w:footerReference w:type="default" r:id="rIdF"/>"#);
            parts.push((
                "word/footer1.xml".into(),
                format!(
                    r#"<w:ftr {NS}><w:p><w:r><w:t xml:space="preserve">— </w:t></w:r><w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText xml:space="preserve"> PAGE   \* MERGEFORMAT </w:instrText></w:r><w:r><w:fldChar w:fldCharType="separate"/></w:r><w:r><w:t>1</w:t></w:r><w:r><w:fldChar w:fldCharType="end"/></w:r><w:r><w:t xml:space="preserve"> —</w:t></w:r></w:p></w:ftr>"#
                ),
            ));
        }
        if self.images > 0 {
            rels.push_str(&rel("rIdImg", "image", "media/image1.png"));
        }
        let document = format!(
            r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:document {NS}><w:body>{}<w:sectPr>{sect}<w:pgSz w:w="11906" w:h="16838"/></w:sectPr></w:body></w:document>"#,
            self.body
        );
        parts.push(("word/document.xml".into(), document));
        parts.push((
            "word/_rels/document.xml.rels".into(),
            format!(r#"<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">{rels}</Relationships>"#),
        ));
        parts.push((
            "_rels/.rels".into(),
            r#"<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>"#.into(),
        ));
        parts.push((
            "[Content_Types].xml".into(),
            r#"<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Default Extension="png" ContentType="image/png"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>"#.into(),
        ));
        let file = std::fs::File::create(path).unwrap();
        let mut zip = zip::ZipWriter::new(file);
        let opts = zip::write::SimpleFileOptions::default().compression_method(zip::CompressionMethod::Deflated);
        for (name, text) in parts.iter().rev() {
            zip.start_file(name.as_str(), opts).unwrap();
            zip.write_all(text.as_bytes()).unwrap();
        }
        if self.images > 0 {
            zip.start_file("word/media/image1.png", opts).unwrap();
            zip.write_all(b"\x89PNG\r\n\x1a\n").unwrap();
        }
        zip.finish().unwrap();
    }
}
