//! `plansite import` on the files web teams receive: Word files (.docx from Word and WPS),
//! saved government portal pages (.html, UTF-8 and GBK) and GBK text. Fixtures are built in
//! code (tests/import/docx.rs writes .docx packages). For each: the draft builds in a fresh
//! `plansite new` site once the front matter is filled in, no sentence of the source is lost,
//! and tables come out as tables.

#[path = "../common/mod.rs"]
mod common;
mod docx;
mod roundtrip;

use common::*;
use docx::{Cell, Docx, Run};
use std::fs;
use std::path::Path;

/// What one import wrote: the draft, the report beside it and the indicator fragment, if any.
struct Imported {
    /// The draft plan document (`ID.zh.md`).
    md: String,
    /// The import report (`ID.zh.import.txt`).
    report: String,
    /// The draft indicator fragment (`ID.zh.indicators.yaml`), when the import wrote one.
    indicators: Option<String>,
}

impl Imported {
    /// The draft's front matter (without its closing `---`).
    fn front(&self) -> &str {
        self.md.split_once("\n---\n").expect("front matter").0
    }
    /// The draft's body, after the front matter.
    fn body(&self) -> &str {
        self.md.split_once("\n---\n").expect("front matter").1
    }
}

/// A fresh `plansite new site` in a temporary folder.
fn new_site() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let o = plansite(&["new", "site"], dir.path());
    assert!(o.status.success(), "{}", stderr(&o));
    dir
}

/// `plansite import FILE --id ID -o site/content/plans/ID.zh.md`, and what it wrote.
fn import(dir: &Path, file: &Path, id: &str) -> Imported {
    let out = dir.join(format!("site/content/plans/{id}.zh.md"));
    let o = plansite(
        &[
            "import",
            file.to_str().unwrap(),
            "--id",
            id,
            "-o",
            out.to_str().unwrap(),
        ],
        dir,
    );
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(stdout(&o).contains(".zh.import.txt"), "{}", stdout(&o));
    let beside = |ext: &str| fs::read_to_string(dir.join(format!("site/content/plans/{id}.zh.{ext}"))).ok();
    Imported {
        md: fs::read_to_string(&out).unwrap(),
        report: beside("import.txt").expect("the report is written beside the draft"),
        indicators: beside("indicators.yaml"),
    }
}

/// The curation a build needs: the front matter fields the import left empty get values.
/// The body is not touched. Builds the site and returns the plan's Chinese page.
fn curate_and_build(dir: &Path, id: &str) -> String {
    let path = dir.join(format!("site/content/plans/{id}.zh.md"));
    let md = fs::read_to_string(&path).unwrap();
    let (front, body) = md.split_once("\n---\n").unwrap();
    let filled: Vec<String> = front
        .lines()
        .map(|line| match line.split_once(": ") {
            Some((key, "\"\"")) => {
                let value = match key {
                    "issued" => "2021-12-24",
                    "period" => "2021-2025",
                    _ => "待编辑",
                };
                format!("{key}: {value}")
            }
            _ => line.to_string(),
        })
        .collect();
    fs::write(&path, format!("{}\n---\n{body}", filled.join("\n"))).unwrap();
    let o = plansite(&["build", "--source", "site/content", "--output", "site/public"], dir);
    assert!(o.status.success(), "the draft of {id} builds:\n{}", stderr(&o));
    read(&dir.join(format!("site/public/zh/plans/{id}/index.html")))
}

/// Sentences of `sources` missing from the text of `md` (the check the seeds' import passes).
fn lost_sentences(sources: &[&str], md: &str) -> Vec<String> {
    let text = squash(&plain_text(md));
    let mut missing = Vec::new();
    for source in sources {
        for sentence in source.split_inclusive(['。', '；', '！', '？']) {
            let s = squash(sentence);
            if !s.is_empty() && !text.contains(&s) {
                missing.push(sentence.trim().to_string());
            }
        }
    }
    missing
}

/// Every GFM table of `md` as rows of cell texts.
fn tables(md: &str) -> Vec<Vec<Vec<String>>> {
    use pulldown_cmark::{Event, Options, Parser, Tag, TagEnd};
    let mut out: Vec<Vec<Vec<String>>> = Vec::new();
    let mut in_cell = false;
    for e in Parser::new_ext(md, Options::ENABLE_TABLES | Options::ENABLE_FOOTNOTES) {
        match e {
            Event::Start(Tag::Table(_)) => out.push(Vec::new()),
            Event::Start(Tag::TableHead | Tag::TableRow) => out.last_mut().unwrap().push(Vec::new()),
            Event::Start(Tag::TableCell) => {
                in_cell = true;
                out.last_mut().unwrap().last_mut().unwrap().push(String::new());
            }
            Event::End(TagEnd::TableCell) => in_cell = false,
            Event::Text(t) | Event::Code(t) if in_cell => {
                out.last_mut()
                    .unwrap()
                    .last_mut()
                    .unwrap()
                    .last_mut()
                    .unwrap()
                    .push_str(&t);
            }
            _ => {}
        }
    }
    out
}

/// Every heading of `md` as (level, text).
fn headings(md: &str) -> Vec<(usize, String)> {
    use pulldown_cmark::{Event, Options, Parser, Tag, TagEnd};
    let mut out = Vec::new();
    let mut current: Option<(usize, String)> = None;
    let opts = Options::ENABLE_TABLES | Options::ENABLE_FOOTNOTES | Options::ENABLE_HEADING_ATTRIBUTES;
    for e in Parser::new_ext(md, opts) {
        match e {
            Event::Start(Tag::Heading { level, .. }) => current = Some((level as usize, String::new())),
            Event::Text(t) => {
                if let Some((_, text)) = current.as_mut() {
                    text.push_str(&t);
                }
            }
            Event::End(TagEnd::Heading(_)) => out.extend(current.take()),
            _ => {}
        }
    }
    out
}

const NUMBERING: &str = r#"
<w:abstractNum w:abstractNumId="0">
  <w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/><w:lvlText w:val="%1、"/><w:suff w:val="nothing"/></w:lvl>
  <w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/><w:lvlText w:val="（%2）"/><w:suff w:val="nothing"/></w:lvl>
</w:abstractNum>
<w:abstractNum w:abstractNumId="1">
  <w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="%1."/></w:lvl>
</w:abstractNum>
<w:abstractNum w:abstractNumId="2">
  <w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="bullet"/><w:lvlText w:val=""/></w:lvl>
</w:abstractNum>
<w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num>
<w:num w:numId="2"><w:abstractNumId w:val="1"/></w:num>
<w:num w:numId="3"><w:abstractNumId w:val="1"/><w:lvlOverride w:ilvl="0"><w:startOverride w:val="1"/></w:lvlOverride></w:num>
<w:num w:numId="4"><w:abstractNumId w:val="2"/></w:num>
"#;

const NOTICE: [&str; 5] = [
    "瑞安市人民政府关于印发瑞安市质量强市“十四五”规划的通知",
    "各乡镇人民政府，各街道办事处，市政府直属各单位：",
    "《瑞安市质量强市“十四五”规划》已经市政府同意，现印发给你们，请认真组织实施。",
    "瑞安市人民政府",
    "2021年12月24日",
];

/// A Word file as drafting offices send it: a red header, a Word-numbered outline with bold
/// headings, a heading style, footnotes, a table with merged cells, an image, a WPS text box,
/// a page header and a page-number footer.
fn word_plan(path: &Path) -> Vec<&'static str> {
    let mut d = Docx::new();
    d.numbering(NUMBERING)
        .para(&[Run::Red("瑞安市人民政府文件")])
        .para(&[Run::Red("瑞政发〔2021〕18号"), Run::Text("　签发人：张三")]);
    for line in NOTICE {
        d.text(line);
    }
    d.styled("Title", "瑞安市质量强市“十四五”规划")
        .bold("前言")
        .para(&[
            Run::Text("本规划以2020年为基准年，规划期限为2021年至2025年。"),
            Run::Footnote("基准年数据来自市统计局。"),
            Run::Text("本规划是指导全市质量建设的纲领性文件。"),
        ])
        .numbered(1, 0, &[Run::Bold("现实基础")])
        .numbered(1, 1, &[Run::Bold("发展现状")])
        .para(&[Run::Text("“十三五”期间，全市质量水平稳步提升。"), Run::Break, Run::Text("质量品牌建设稳步推进。")])
        .numbered(2, 0, &[Run::Text("产品质量稳步提升。全市制造业产品质量合格率达到94%以上。")])
        .numbered(2, 0, &[Run::Text("服务质量提升显著。服务业满意度持续提高。")])
        .para(&[Run::Image, Run::TextBox("图为全市质量发展示意，数据截至2020年底。")])
        .numbered(1, 1, &[Run::Bold("面临形势")])
        .para(&[Run::Text("当前质量发展面临新的机遇和挑战。"), Run::Footnote("详见《浙江省质量强省标准强省品牌强省建设“十四五”规划》。")])
        .numbered(1, 0, &[Run::Font("黑体", "总体要求")])
        .styled("2", "主要目标")
        .text("到2025年，全市质量总体水平显著提升，主要指标见下表。")
        .table(&[
            vec![Cell::Span("表1 瑞安市质量强市“十四五”主要指标", 5)],
            vec![Cell::Text("类别"), Cell::Text("指标名称"), Cell::Text("2020年"), Cell::Text("2025年"), Cell::Text("属性")],
            vec![
                Cell::MergeStart("产品质量"),
                Cell::Text("制造业产品质量合格率(%)"),
                Cell::Text("94"),
                Cell::Text("95以上"),
                Cell::Text("预期性"),
            ],
            vec![Cell::MergeContinue, Cell::Text("食品抽检合格率(%)"), Cell::Text("98"), Cell::Text("98.5"), Cell::Text("约束性")],
            vec![Cell::Text("环境质量"), Cell::Text("PM2.5平均浓度(微克/立方米)"), Cell::Span("25", 2), Cell::Text("约束性")],
        ])
        .bold("三、主要任务")
        .bold("（一）提升产品质量")
        .text("实施以下重点工作：")
        .numbered(3, 0, &[Run::Text("加强质量基础设施建设，完善计量、标准、认证认可、检验检测体系，提升服务企业、服务产业和服务社会的能力和水平。")])
        .numbered(3, 0, &[Run::Text("深化质量提升行动，在重点行业和重点领域广泛开展对标达标活动，推动全市产品质量和品牌建设迈上新的台阶。")])
        .numbered(4, 0, &[Run::Text("建设质量基础设施一站式服务平台")])
        .numbered(4, 0, &[Run::Text("培育区域公共品牌")])
        .bold("四、保障措施")
        .text("加强组织领导，落实工作责任。")
        .header("瑞安市质量强市“十四五”规划（征求意见稿）")
        .footer_page_number()
        .save(path);
    let mut sources = NOTICE.to_vec();
    sources.extend([
        "本规划以2020年为基准年，规划期限为2021年至2025年。本规划是指导全市质量建设的纲领性文件。",
        "基准年数据来自市统计局。",
        "“十三五”期间，全市质量水平稳步提升。质量品牌建设稳步推进。",
        "产品质量稳步提升。全市制造业产品质量合格率达到94%以上。",
        "图为全市质量发展示意，数据截至2020年底。",
        "当前质量发展面临新的机遇和挑战。",
        "详见《浙江省质量强省标准强省品牌强省建设“十四五”规划》。",
        "到2025年，全市质量总体水平显著提升，主要指标见下表。",
        "表1 瑞安市质量强市“十四五”主要指标",
        "加强质量基础设施建设，完善计量、标准、认证认可、检验检测体系，提升服务企业、服务产业和服务社会的能力和水平。",
        "建设质量基础设施一站式服务平台",
        "加强组织领导，落实工作责任。",
    ]);
    sources
}

#[test]
fn a_word_file_becomes_a_draft_that_builds() {
    let dir = new_site();
    let file = dir.path().join("瑞安规划.docx");
    let sources = word_plan(&file);
    let imp = import(dir.path(), &file, "ruian-2021");
    let (front, body) = (imp.front(), imp.body());

    // The red header, page header and page number are front matter, not body.
    assert!(front.contains("issuer: \"瑞安市人民政府\""), "{front}");
    assert!(front.contains("doc_number: \"瑞政发〔2021〕18号\""), "{front}");
    assert!(front.contains("issued: \"2021-12-24\""), "{front}");
    assert!(front.contains("title: \"瑞安市质量强市“十四五”规划\""), "{front}");
    assert!(front.contains("#   签发人: 张三"), "{front}");
    assert!(
        front.contains("#   页眉 (page header): 瑞安市质量强市“十四五”规划（征求意见稿）"),
        "{front}"
    );
    for gone in ["瑞安市人民政府文件", "签发人", "征求意见稿", "— 1 —", "—  —"] {
        assert!(!body.contains(gone), "{gone:?} is not body text:\n{body}");
    }

    // Headings: Word numbering, bold type, a heading typeface and a heading style.
    let expected = [
        (2, "前言"),
        (2, "一、现实基础"),
        (3, "（一）发展现状"),
        (4, "1.产品质量稳步提升。"),
        (4, "2.服务质量提升显著。"),
        (3, "（二）面临形势"),
        (2, "二、总体要求"),
        (3, "主要目标"),
        (2, "三、主要任务"),
        (3, "（一）提升产品质量"),
        (2, "四、保障措施"),
    ];
    let got = headings(body);
    let want: Vec<(usize, String)> = expected.iter().map(|(l, t)| (*l, t.to_string())).collect();
    assert_eq!(got, want, "{body}");

    // Word's generated list numbers come back; bullets are a list; long items stay paragraphs.
    assert!(body.contains("\n1\\.加强质量基础设施建设"), "{body}");
    assert!(body.contains("\n2\\.深化质量提升行动"), "{body}");
    assert!(
        body.contains("- 建设质量基础设施一站式服务平台\n- 培育区域公共品牌\n"),
        "{body}"
    );
    // A line break inside a paragraph splits it, as on the page.
    assert!(
        body.contains("全市质量水平稳步提升。\n\n质量品牌建设稳步推进。"),
        "{body}"
    );
    // Footnotes are Markdown footnotes.
    assert!(
        body.contains("基准年。[^1]") || body.contains("2025年。[^1]本规划"),
        "{body}"
    );
    assert!(body.contains("[^1]: 基准年数据来自市统计局。"), "{body}");
    assert!(body.contains("[^2]: 详见《浙江省质量强省"), "{body}");
    // The text box is read once, though WPS stores it twice (choice and fallback).
    assert_eq!(body.matches("图为全市质量发展示意").count(), 1, "{body}");

    // The table: caption out, header row, merged cells empty after the first.
    let t = tables(body);
    assert_eq!(t.len(), 1, "{body}");
    assert_eq!(
        t[0],
        [
            ["类别", "指标名称", "2020年", "2025年", "属性"],
            ["产品质量", "制造业产品质量合格率(%)", "94", "95以上", "预期性"],
            ["", "食品抽检合格率(%)", "98", "98.5", "约束性"],
            ["环境质量", "PM2.5平均浓度(微克/立方米)", "25", "", "约束性"],
        ]
    );
    assert!(
        body.contains("表1 瑞安市质量强市“十四五”主要指标\n\n| 类别 |"),
        "caption before the table:\n{body}"
    );

    // The report names every merge, guess, drop and the image.
    let r = &imp.report;
    for line in [
        "red header (版头) of 2 paragraphs moved to the front matter",
        "\"产品质量\" is merged over rows 2–3, column 1",
        "\"25\" is merged over row 4, columns 3–4",
        "bold paragraph \"前言\" without numbering made a level-2 heading",
        "页脚 (page footer): page number \"—  —\"",
        "an image \"质量发展示意图\"",
        "2 footnotes, as Markdown footnotes",
        "list numbers that Word generates",
    ] {
        assert!(r.contains(line), "report lacks {line:?}:\n{r}");
    }

    let missing = lost_sentences(&sources, body);
    assert!(missing.is_empty(), "lost: {missing:?}\n{body}");
    let page = curate_and_build(dir.path(), "ruian-2021");
    assert!(page.contains("<table>") || page.contains("<table "), "{page}");
    assert!(page.contains("id=fn-1"), "footnotes render");
}

/// The draft indicator fragment, once its DRAFT fields are filled in, joins the sheet and the
/// site builds with each value anchored at its row label.
#[test]
fn the_indicator_fragment_joins_the_sheet_after_curation() {
    let dir = new_site();
    let file = dir.path().join("plan.docx");
    word_plan(&file);
    let imp = import(dir.path(), &file, "ruian-2021");
    let fragment = imp.indicators.expect("a fragment for the indicator table");
    assert!(fragment.starts_with("# DRAFT indicators"), "{fragment}");
    let sheet: serde_yaml::Value = serde_yaml::from_str(&fragment).unwrap();
    let inds = sheet["indicators"].as_sequence().unwrap();
    assert_eq!(inds.len(), 3, "{fragment}");
    let values: Vec<(String, i64, String, String)> = inds
        .iter()
        .flat_map(|i| i["values"].as_sequence().unwrap().iter())
        .map(|v| {
            (
                v["kind"].as_str().unwrap().to_string(),
                v["year"].as_i64().unwrap(),
                v["text_zh"].as_str().unwrap().to_string(),
                v["quote"].as_str().unwrap().to_string(),
            )
        })
        .collect();
    let want = [
        ("baseline", 2020, "94", "制造业产品质量合格率(%)"),
        ("target", 2025, "95以上", "制造业产品质量合格率(%)"),
        ("baseline", 2020, "98", "食品抽检合格率(%)"),
        ("target", 2025, "98.5", "食品抽检合格率(%)"),
        ("baseline", 2020, "25", "PM2.5平均浓度(微克/立方米)"),
    ];
    let want: Vec<(String, i64, String, String)> = want
        .iter()
        .map(|(k, y, t, q)| (k.to_string(), *y, t.to_string(), q.to_string()))
        .collect();
    assert_eq!(values, want);
    assert_eq!(
        inds[2]["better"].as_str(),
        Some("lower"),
        "a concentration is better lower"
    );
    assert!(imp.report.contains("rows read as indicators"), "{}", imp.report);

    // The curator fills the DRAFT fields and merges the entries into the sheet.
    let filled = regex::Regex::new(r#": ""\s+# DRAFT.*"#)
        .unwrap()
        .replace_all(&fragment, ": \"draft\"");
    let entries = filled.split_once("indicators:\n").unwrap().1;
    let sheet_path = dir.path().join("site/content/indicators.yaml");
    let mut sheet_text = fs::read_to_string(&sheet_path).unwrap();
    for line in entries.lines() {
        sheet_text.push_str(&format!("  {line}\n")); // the scaffold's sheet indents its list
    }
    fs::write(&sheet_path, sheet_text).unwrap();
    let page = curate_and_build(dir.path(), "ruian-2021");
    assert!(
        page.contains("id=q-draft-ruian-2021-1-1"),
        "values anchored in the table:\n{page}"
    );
}

/// A portal page as saved from the browser: navigation, breadcrumbs, the metadata info table,
/// the date-and-source line, a share widget, related links and the footer around the article.
const PORTAL_PAGE: &str = r##"<!DOCTYPE html>
<html><head><meta charset="utf-8"><title>嘉兴市质量发展规划_政策文件_嘉兴市人民政府</title>
<meta name="PubDate" content="2017-03-23 17:11"></head>
<body>
<div class="header"><div class="logo">嘉兴市人民政府</div>
 <ul class="nav"><li><a href="/">首页</a></li><li><a href="/zwgk">政务公开</a></li><li><a href="/hdjl">互动交流</a></li></ul></div>
<div class="position">当前位置：<a href="/">首页</a> &gt; <a href="/zwgk">政务公开</a> &gt; 政策文件</div>
<table class="xxgk-info">
 <tr><td>索引号：</td><td>002579567/2017-00123</td><td>发布机构：</td><td>嘉兴市人民政府办公室</td></tr>
 <tr><td>文号：</td><td>嘉政办发〔2017〕21号</td><td>成文日期：</td><td>2017年3月20日</td></tr>
 <tr><td>标题：</td><td colspan="3">嘉兴市质量发展“十三五”规划</td></tr>
</table>
<div class="article">
 <h1 class="title">嘉兴市质量发展“十三五”规划</h1>
 <div class="info">发布日期：2017-03-23 17:11 来源：市政府办公室 浏览次数：<span>1024</span> 字号：[大 中 小]</div>
 <div id="zoom" class="TRS_Editor">
  <p>　　为加快建设质量强市，根据国家和省有关部署，制定本规划。</p>
  <p><strong>一、发展基础</strong></p>
  <p>　　“十二五”期间，全市质量工作取得明显成效。<br>产品质量水平稳步提高。</p>
  <p><b>（一）主要成效</b></p>
  <p>　　全市制造业产品质量合格率保持在94%以上；重点工程质量合格率达到100%。</p>
  <p style="text-align:center"><img src="/pic/1.png" alt="质量发展成效图"></p>
  <p><strong>二、主要目标</strong></p>
  <p>　　到2020年，质量发展主要指标如下：</p>
  <table border="1">
   <tr><th>分类</th><th>工作内容及指标</th><th>2020</th></tr>
   <tr><td rowspan="2">产品质量</td><td>制造业产品质量合格率</td><td>95%</td></tr>
   <tr><td>主要农产品质量抽检合格率</td><td>98%</td></tr>
   <tr><td>工程质量</td><td colspan="2">重点工程项目竣工验收合格率100%</td></tr>
  </table>
  <p>　　各地各部门要加强组织领导，确保目标实现。</p>
 </div>
 <div class="share">分享到：<a href="#">微信</a> <a href="#">微博</a></div>
 <div class="print"><a href="javascript:window.print()">【打印本页】</a> <a href="javascript:window.close()">【关闭窗口】</a></div>
</div>
<div class="related"><h3>相关链接</h3><ul><li><a href="/a">嘉兴市标准化发展规划</a></li></ul></div>
<div class="footer">主办：嘉兴市人民政府办公室　地址：嘉兴市中环东路1号　浙ICP备05012345号</div>
<script>var _hmt = _hmt || [];</script>
</body></html>"##;

const PORTAL_SENTENCES: [&str; 8] = [
    "为加快建设质量强市，根据国家和省有关部署，制定本规划。",
    "“十二五”期间，全市质量工作取得明显成效。",
    "产品质量水平稳步提高。",
    "全市制造业产品质量合格率保持在94%以上；重点工程质量合格率达到100%。",
    "到2020年，质量发展主要指标如下：",
    "主要农产品质量抽检合格率",
    "重点工程项目竣工验收合格率100%",
    "各地各部门要加强组织领导，确保目标实现。",
];

#[test]
fn a_portal_page_loses_its_chrome_and_keeps_its_metadata_and_tables() {
    let dir = new_site();
    let file = dir.path().join("page.html");
    fs::write(&file, PORTAL_PAGE).unwrap();
    let imp = import(dir.path(), &file, "jiaxing-2016");
    let (front, body) = (imp.front(), imp.body());
    assert!(front.contains("title: \"嘉兴市质量发展“十三五”规划\""), "{front}");
    assert!(front.contains("issuer: \"嘉兴市人民政府办公室\""), "{front}");
    assert!(front.contains("doc_number: \"嘉政办发〔2017〕21号\""), "{front}");
    assert!(front.contains("issued: \"2017-03-20\""), "{front}");
    assert!(front.contains("published: \"2017-03-23\""), "{front}");
    assert!(front.contains("#   索引号: 002579567/2017-00123"), "{front}");
    assert!(front.contains("#   来源: 市政府办公室"), "{front}");
    for chrome in [
        "首页",
        "政务公开",
        "当前位置",
        "浏览次数",
        "分享到",
        "打印",
        "相关链接",
        "主办",
        "ICP",
        "_hmt",
        "字号",
    ] {
        assert!(!body.contains(chrome), "{chrome:?} is page chrome:\n{body}");
    }
    for dropped in [
        "首页",
        "分享到",
        "相关链接",
        "主办：嘉兴市人民政府办公室",
        "【打印本页】",
    ] {
        assert!(
            imp.report.contains(dropped),
            "the report names the dropped {dropped:?}:\n{}",
            imp.report
        );
    }
    assert!(imp.report.contains("an image \"质量发展成效图\""), "{}", imp.report);
    assert_eq!(
        headings(body),
        [
            (2, "一、发展基础".to_string()),
            (3, "（一）主要成效".into()),
            (2, "二、主要目标".into())
        ],
        "{body}"
    );
    assert!(
        body.contains("取得明显成效。\n\n产品质量水平稳步提高。"),
        "<br> splits paragraphs:\n{body}"
    );
    assert_eq!(
        tables(body),
        [[
            vec!["分类", "工作内容及指标", "2020"],
            vec!["产品质量", "制造业产品质量合格率", "95%"],
            vec!["", "主要农产品质量抽检合格率", "98%"],
            vec!["工程质量", "重点工程项目竣工验收合格率100%", ""],
        ]]
    );
    assert!(
        imp.report.contains("\"产品质量\" is merged over rows 2–3, column 1"),
        "{}",
        imp.report
    );
    let missing = lost_sentences(&PORTAL_SENTENCES, body);
    assert!(missing.is_empty(), "lost: {missing:?}\n{body}");
    let page = curate_and_build(dir.path(), "jiaxing-2016");
    assert!(page.contains("<table>") || page.contains("<table "));
}

/// Older portals serve GBK: with `<meta charset=gb2312>`, or with no declaration at all.
#[test]
fn gbk_pages_and_text_files_are_decoded_and_say_so() {
    let dir = new_site();
    let gbk = |s: &str| encoding_rs::GBK.encode(s).0.into_owned();
    let declared = PORTAL_PAGE.replace(
        r#"<meta charset="utf-8">"#,
        r#"<meta http-equiv="Content-Type" content="text/html; charset=gb2312">"#,
    );
    let undeclared = PORTAL_PAGE.replace(r#"<meta charset="utf-8">"#, "");
    let cases = [
        (
            "declared.html",
            gbk(&declared),
            "decoded from GBK as its <meta> declares (\"gb2312\")",
        ),
        (
            "sniffed.htm",
            gbk(&undeclared),
            "decoded from GB18030 (GBK) since it is not UTF-8",
        ),
    ];
    for (name, bytes, note) in cases {
        let file = dir.path().join(name);
        fs::write(&file, bytes).unwrap();
        let imp = import(dir.path(), &file, "jiaxing-2016");
        assert!(imp.report.contains(note), "{name}: {}", imp.report);
        assert!(imp.front().contains("嘉政办发〔2017〕21号"), "{name}");
        let missing = lost_sentences(&PORTAL_SENTENCES, imp.body());
        assert!(missing.is_empty(), "{name}: lost {missing:?}");
        assert_eq!(tables(imp.body()).len(), 1, "{name}");
        curate_and_build(dir.path(), "jiaxing-2016");
    }
    // A Windows text file in GB18030.
    let seed = fs::read_to_string(repo().join("seeds/yiwu-2024.txt")).unwrap();
    let file = dir.path().join("yiwu.txt");
    fs::write(&file, encoding_rs::GB18030.encode(&seed).0).unwrap();
    let o = plansite(&["import", file.to_str().unwrap(), "--id", "yiwu-2024"], dir.path());
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(
        stderr(&o).contains("decoded from GB18030 (GBK) since it is not UTF-8"),
        "{}",
        stderr(&o)
    );
    let utf8 = plansite(
        &[
            "import",
            repo().join("seeds/yiwu-2024.txt").to_str().unwrap(),
            "--id",
            "yiwu-2024",
        ],
        dir.path(),
    );
    assert_eq!(stdout(&o), stdout(&utf8), "the same draft as from the UTF-8 file");
}

#[test]
fn bad_files_get_a_clear_error_and_no_draft() {
    let dir = tempfile::tempdir().unwrap();
    let ole = [&[0xD0u8, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1][..], &[0; 504]].concat();
    let mut truncated = Vec::new();
    {
        let path = dir.path().join("full.docx");
        let mut d = Docx::new();
        d.text("正文。");
        d.save(&path);
        truncated.extend_from_slice(&fs::read(&path).unwrap()[..200]);
    }
    let not_word = {
        let mut buf = std::io::Cursor::new(Vec::new());
        let mut zip = zip::ZipWriter::new(&mut buf);
        zip.start_file("xl/workbook.xml", zip::write::SimpleFileOptions::default())
            .unwrap();
        std::io::Write::write_all(&mut zip, b"<workbook/>").unwrap();
        zip.finish().unwrap();
        buf.into_inner()
    };
    let cases: [(&str, Vec<u8>, &str); 7] = [
        (
            "random.docx",
            b"this is not a zip file".to_vec(),
            "is not a .docx: it is not a readable zip archive",
        ),
        ("cut.docx", truncated, "save it again as .docx"),
        (
            "sheet.docx",
            not_word,
            "is not a Word document: the zip has no word/document.xml",
        ),
        ("old.doc", ole.clone(), "legacy binary Word (.doc) file"),
        ("old.wps", ole.clone(), "legacy binary WPS file"),
        ("renamed.docx", ole, "save it as .docx"),
        (
            "plan.pdf",
            b"%PDF-1.4".to_vec(),
            "has the extension .pdf, which import does not read",
        ),
    ];
    for (name, bytes, message) in cases {
        let file = dir.path().join(name);
        fs::write(&file, bytes).unwrap();
        let out = dir.path().join("draft.zh.md");
        let o = plansite(
            &[
                "import",
                file.to_str().unwrap(),
                "--id",
                "x-2024",
                "-o",
                out.to_str().unwrap(),
            ],
            dir.path(),
        );
        let err = stderr(&o);
        assert_eq!(o.status.code(), Some(1), "{name}: {err}");
        assert!(
            err.contains(file.to_str().unwrap()),
            "{name}: the error names the file: {err}"
        );
        assert!(err.contains(message), "{name}: {err}");
        assert!(!err.contains("panicked"), "{name}: {err}");
        assert!(!out.exists(), "{name}: no draft written");
    }
    // Malformed XML inside a good zip.
    let file = dir.path().join("broken.docx");
    let mut d = Docx::new();
    d.text("正文 <w:p> & 未闭合");
    d.save(&file);
    let o = plansite(&["import", file.to_str().unwrap(), "--id", "x-2024"], dir.path());
    assert_eq!(o.status.code(), Some(0), "escaped text is fine: {}", stderr(&o));
    let bytes = fs::read(&file).unwrap();
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(bytes)).unwrap();
    let mut out = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    for i in 0..zip.len() {
        let mut f = zip.by_index(i).unwrap();
        let name = f.name().unwrap().to_string();
        let mut text = String::new();
        std::io::Read::read_to_string(&mut f, &mut text).ok();
        if name == "word/document.xml" {
            text = text.replace("</w:body>", "");
        }
        out.start_file(name, zip::write::SimpleFileOptions::default()).unwrap();
        std::io::Write::write_all(&mut out, text.as_bytes()).unwrap();
    }
    fs::write(&file, out.finish().unwrap().into_inner()).unwrap();
    let o = plansite(&["import", file.to_str().unwrap(), "--id", "x-2024"], dir.path());
    assert_eq!(o.status.code(), Some(1));
    assert!(
        stderr(&o).contains("word/document.xml is not well-formed XML"),
        "{}",
        stderr(&o)
    );
}
