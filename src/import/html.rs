//! .html: a page saved from a government portal. The article body is the element holding the
//! most running text (links, navigation, headers and footers do not count); everything around
//! it is page chrome, dropped and reported, except the metadata it prints (see [`html_meta`]).
//!
//! [`html_meta`]: super::html_meta

use super::html_meta;
use super::report::Report;
use super::tables::{TableBuilder, shorten};
use super::{Hint, Item, Para, Source};
use ego_tree::NodeId;
use scraper::{ElementRef, Html, Node};
use std::collections::HashMap;

/// Elements whose text is never article text.
const SKIP: &[&str] = &[
    "script", "style", "noscript", "template", "iframe", "form", "button", "input", "select", "textarea", "object",
    "embed", "svg", "canvas", "head", "title", "meta", "link",
];
/// Elements whose text does not make an element the article.
const NOT_BODY: &[&str] = &["a", "nav", "header", "footer", "aside", "menu", "option", "label"];
const BLOCKS: &[&str] = &[
    "p",
    "div",
    "section",
    "article",
    "main",
    "blockquote",
    "center",
    "pre",
    "address",
    "figure",
    "figcaption",
    "dl",
    "dt",
    "dd",
    "header",
    "footer",
    "nav",
    "aside",
    "ul",
    "ol",
    "li",
    "table",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "body",
    "td",
    "th",
    "tr",
    "form",
    "hr",
];
/// Class or id words of CMS content containers: the article is widened to such an ancestor.
const CONTENT_NAMES: &[&str] = &[
    "zoom",
    "trs_editor",
    "ucap-content",
    "article",
    "content",
    "zwnr",
    "pages_content",
];
/// Class or id words of share, print and font-size widgets inside the article.
const WIDGETS: &[&str] = &[
    "share",
    "bdshare",
    "fenxiang",
    "jiathis",
    "print",
    "dayin",
    "close",
    "font-size",
    "fontsize",
    "zihao",
];

pub(super) fn read(html: &str) -> Source {
    let doc = Html::parse_document(html);
    let mut report = Report::default();
    let body = find_body(&doc);
    let mut walker = Walker::new(&mut report);
    walker.walk(body, false);
    walker.flush(Hint::Plain);
    let mut items = walker.items;
    let mut meta = html_meta::collect(&doc, body, &mut report);
    // A headline inside the article repeating the page title is the title paragraph.
    if let Some(title) = &meta.title
        && let Some(Item::Para(p)) = items.iter_mut().find(|i| matches!(i, Item::Para(_)))
        && squash(&p.text) == squash(title)
    {
        p.hint = Hint::Title;
    }
    if meta.title.is_none()
        && let Some(Item::Para(p)) = items
            .iter()
            .find(|i| matches!(i, Item::Para(p) if p.hint == Hint::Title))
    {
        meta.title = Some(p.text.clone());
    }
    report_chrome(body, &mut report);
    Source {
        items,
        footnotes: Vec::new(),
        meta,
        report,
    }
}

fn squash(s: &str) -> String {
    s.chars().filter(|c| !c.is_whitespace()).collect()
}

fn name<'a>(el: ElementRef<'a>) -> &'a str {
    el.value().name()
}

/// "div#zoom.article" and the words of its class and id, lowercased.
fn words(el: ElementRef) -> Vec<String> {
    let v = el.value();
    v.id().into_iter().chain(v.classes()).map(str::to_lowercase).collect()
}

fn describe(el: ElementRef) -> String {
    let mut d = name(el).to_string();
    if let Some(id) = el.value().id() {
        d.push('#');
        d.push_str(id);
    }
    for c in el.value().classes().take(2) {
        d.push('.');
        d.push_str(c);
    }
    d
}

/// The element whose own paragraphs hold the most text.
fn find_body(doc: &Html) -> ElementRef<'_> {
    let mut scores: HashMap<NodeId, usize> = HashMap::new();
    for node in doc.tree.nodes() {
        let Node::Text(t) = node.value() else { continue };
        let len = t.chars().filter(|c| !c.is_whitespace()).count();
        if len == 0 {
            continue;
        }
        let ancestors: Vec<ElementRef> = node.ancestors().filter_map(ElementRef::wrap).collect();
        if ancestors
            .iter()
            .any(|a| SKIP.contains(&name(*a)) || NOT_BODY.contains(&name(*a)))
        {
            continue;
        }
        let Some(block) = ancestors.iter().copied().find(|a| BLOCKS.contains(&name(*a))) else {
            continue;
        };
        let container = match name(block) {
            "td" | "th" => ancestors
                .iter()
                .find(|a| name(**a) == "table")
                .and_then(|t| t.parent())
                .and_then(ElementRef::wrap),
            "div" | "body" | "section" | "article" | "main" => Some(block),
            _ => block.parent().and_then(ElementRef::wrap),
        };
        if let Some(c) = container {
            *scores.entry(c.id()).or_default() += len;
        }
    }
    let best = scores
        .iter()
        .max_by_key(|(id, score)| (**score, std::cmp::Reverse(**id)))
        .and_then(|(id, _)| doc.tree.get(*id))
        .and_then(ElementRef::wrap);
    let Some(best) = best else {
        return doc.root_element();
    };
    // Widen to a CMS content container a few levels up, so split article parts stay together.
    std::iter::once(best)
        .chain(best.ancestors().filter_map(ElementRef::wrap))
        .take(4)
        .find(|a| words(*a).iter().any(|w| CONTENT_NAMES.iter().any(|c| w.contains(c))))
        .filter(|a| name(*a) != "body" && name(*a) != "html")
        .unwrap_or(best)
}

/// Reports what lies outside the article: the siblings of the article and of its ancestors.
fn report_chrome(body: ElementRef, report: &mut Report) {
    let mut dropped = 0;
    let mut path = body;
    while let Some(parent) = path.parent().and_then(ElementRef::wrap) {
        for sibling in parent.children().filter_map(ElementRef::wrap) {
            if sibling.id() == path.id() || SKIP.contains(&name(sibling)) {
                continue;
            }
            let text = collapse(&sibling.text().collect::<String>());
            if text.is_empty() {
                continue;
            }
            dropped += 1;
            if dropped <= 30 {
                report.dropped(format!("page chrome <{}>: {:?}", describe(sibling), shorten(&text, 40)));
            }
        }
        path = parent;
    }
    if dropped > 30 {
        report.dropped(format!("… and {} more blocks of page chrome", dropped - 30));
    }
}

/// Collapses whitespace runs (including no-break spaces) to one space, as a browser shows them.
pub(super) fn collapse(s: &str) -> String {
    s.split(|c: char| c.is_whitespace() && c != '\u{3000}' || c == '\u{a0}')
        .filter(|w| !w.is_empty())
        .collect::<Vec<_>>()
        .join(" ")
        .trim_matches(|c: char| c.is_whitespace())
        .to_string()
}

/// Turns the article's elements into paragraphs and tables.
struct Walker<'r> {
    items: Vec<Item>,
    current: String,
    chars: usize,
    bold: usize,
    report: &'r mut Report,
}

impl<'r> Walker<'r> {
    fn new(report: &'r mut Report) -> Self {
        Walker {
            items: Vec::new(),
            current: String::new(),
            chars: 0,
            bold: 0,
            report,
        }
    }

    fn flush(&mut self, hint: Hint) {
        let text = collapse(&self.current);
        let hint = match hint {
            Hint::Plain if self.chars > 0 && self.bold == self.chars => Hint::Bold,
            h => h,
        };
        if !text.is_empty() {
            self.items.push(Item::Para(Para { text, hint, red: false }));
        }
        self.current.clear();
        self.chars = 0;
        self.bold = 0;
    }

    fn walk(&mut self, el: ElementRef, bold: bool) {
        for child in el.children() {
            match child.value() {
                Node::Text(t) => {
                    let n = t.chars().filter(|c| !c.is_whitespace()).count();
                    self.chars += n;
                    if bold {
                        self.bold += n;
                    }
                    self.current.push_str(t);
                }
                Node::Element(_) => {
                    if let Some(e) = ElementRef::wrap(child) {
                        self.element(e, bold);
                    }
                }
                _ => {}
            }
        }
    }

    fn element(&mut self, e: ElementRef, bold: bool) {
        let tag = name(e);
        if SKIP.contains(&tag) {
            return;
        }
        if words(e).iter().any(|w| WIDGETS.iter().any(|x| w.contains(x))) {
            let text = collapse(&e.text().collect::<String>());
            if !text.is_empty() {
                self.report.dropped(format!(
                    "widget <{}> in the article: {:?}",
                    describe(e),
                    shorten(&text, 30)
                ));
            }
            return;
        }
        match tag {
            "br" | "hr" => self.flush(Hint::Plain),
            "img" => {
                let alt = e.value().attr("alt").or(e.value().attr("src")).unwrap_or("");
                let after = shorten(collapse(&self.current).as_str(), 20);
                self.report.note(format!(
                    "an image {alt:?} (after {after:?}) is not imported: add it by hand if it matters"
                ));
            }
            "table" => {
                self.flush(Hint::Plain);
                let items = self.table(e);
                self.items.extend(items);
            }
            "h1" | "h2" | "h3" | "h4" | "h5" | "h6" => {
                self.flush(Hint::Plain);
                self.walk(e, bold);
                let level = tag[1..].parse::<u8>().unwrap_or(1);
                self.flush(if level == 1 {
                    Hint::Title
                } else {
                    Hint::Outline(level - 2)
                });
            }
            "li" => {
                self.flush(Hint::Plain);
                if e.parent().and_then(ElementRef::wrap).is_some_and(|p| name(p) == "ol") {
                    let n = e
                        .prev_siblings()
                        .filter_map(ElementRef::wrap)
                        .filter(|s| name(*s) == "li")
                        .count();
                    self.current.push_str(&format!("{}.", n + 1));
                    self.walk(e, bold);
                    self.flush(Hint::Plain);
                } else {
                    self.walk(e, bold);
                    self.flush(Hint::Bullet);
                }
            }
            _ if BLOCKS.contains(&tag) => {
                self.flush(Hint::Plain);
                self.walk(e, bold);
                self.flush(Hint::Plain);
            }
            "b" | "strong" => self.walk(e, true),
            _ => {
                let style = e.value().attr("style").unwrap_or("").to_lowercase().replace(' ', "");
                let b = style.contains("font-weight:bold") || style.contains("font-weight:700");
                self.walk(e, bold || b);
            }
        }
    }

    fn table(&mut self, table: ElementRef) -> Vec<Item> {
        let mut b = TableBuilder::default();
        let mut cells = Vec::new();
        let rows = table
            .children()
            .filter_map(ElementRef::wrap)
            .flat_map(|c| match name(c) {
                "thead" | "tbody" | "tfoot" => c.children().filter_map(ElementRef::wrap).collect::<Vec<_>>(),
                _ => vec![c],
            });
        for tr in rows.filter(|r| name(*r) == "tr") {
            b.row();
            for td in tr
                .children()
                .filter_map(ElementRef::wrap)
                .filter(|c| matches!(name(*c), "td" | "th"))
            {
                let span = |a: &str| {
                    td.value()
                        .attr(a)
                        .and_then(|v| v.trim().parse::<usize>().ok())
                        .unwrap_or(1)
                };
                let mut inner = Walker::new(self.report);
                inner.walk(td, false);
                inner.flush(Hint::Plain);
                let text = super::items_text(&inner.items);
                b.cell(text, span("colspan"), span("rowspan"));
                cells.extend(inner.items);
            }
        }
        let t = b.finish();
        if t.width() <= 1 {
            if !cells.is_empty() {
                self.report.note("a one-column table (a layout frame) is read as text");
            }
            return cells;
        }
        vec![Item::Table(t)]
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_article_is_found_among_navigation_and_footers() {
        let page = r#"<html><body>
            <div class=nav><a href=/>首页</a> <a href=/zw>政务公开</a></div>
            <div class=main><div id=zoom><p>第一段正文内容较长。</p><p>第二段正文。<br>第三段。</p>
              <div class=share>分享到：微信</div></div></div>
            <div class=footer>版权所有：某市人民政府</div></body></html>"#;
        let s = read(page);
        let texts: Vec<&str> = s
            .items
            .iter()
            .filter_map(|i| match i {
                Item::Para(p) => Some(p.text.as_str()),
                _ => None,
            })
            .collect();
        assert_eq!(texts, ["第一段正文内容较长。", "第二段正文。", "第三段。"]);
        let dropped: Vec<&str> = s.report.lines(super::super::report::Kind::Dropped).collect();
        assert!(dropped.iter().any(|d| d.contains("首页")), "{dropped:?}");
        assert!(dropped.iter().any(|d| d.contains("版权所有")), "{dropped:?}");
        assert!(dropped.iter().any(|d| d.contains("分享到")), "{dropped:?}");
    }

    #[test]
    fn rowspan_and_colspan_make_a_grid() {
        let page = "<div><table><tr><th>类别</th><th colspan=2>指标</th></tr>\
            <tr><td rowspan=2>产品</td><td>合格率</td><td>95%</td></tr><tr><td>采标率</td><td>72%</td></tr></table></div>";
        let s = read(page);
        let Some(Item::Table(t)) = s.items.first() else {
            panic!("{:?}", s.items)
        };
        assert_eq!(
            t.cells,
            [["类别", "指标", ""], ["产品", "合格率", "95%"], ["", "采标率", "72%"]]
        );
        assert_eq!(t.merges.len(), 2);
    }
}
