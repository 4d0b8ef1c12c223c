use super::site::Language;
use super::{Positions, Stamp};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::path::PathBuf;

/// One plan: its documents by language code.
#[derive(Debug)]
pub struct Plan {
    /// Permanent URL slug, from the file names `<id>.<lang>.md`.
    pub id: String,
    /// Boxed: a map node has room for 11 documents, a plan has one or two (at 10,000 plans
    /// the empty room took 30 MB).
    pub docs: BTreeMap<String, Box<PlanDoc>>,
    /// A file of this plan could not be read: it was reported, and later stages skip the plan.
    pub broken: bool,
}

impl Plan {
    /// The document in `lang`, if the plan has one in that language.
    pub fn doc(&self, lang: &Language) -> Option<&PlanDoc> {
        self.docs.get(&lang.code).map(|d| &**d)
    }
}

/// One Markdown file: `content/plans/<id>.<lang>.md`.
#[derive(Debug, Clone)]
pub struct PlanDoc {
    /// The Markdown file (read again for the body; named in diagnostics).
    pub path: PathBuf,
    /// The file as it was when read: rebuilds in `serve` reuse what they made from it while
    /// the file keeps this stamp.
    pub stamp: Stamp,
    /// The YAML front matter.
    pub front: FrontMatter,
    /// Where each front-matter field sits in the file, for errors.
    pub positions: Positions,
    /// 1-based file line where the Markdown body starts. The body itself is not kept: the
    /// stages that need it read it again (`load::read_body`), one plan at a time, so a build
    /// of 10,000 plans does not hold their 600 MB of text.
    pub body_line: usize,
    /// Whether the body has any text.
    pub has_body: bool,
}

impl PlanDoc {
    /// A document whose body is empty is metadata only: the text is not translated yet.
    pub fn has_text(&self) -> bool {
        self.has_body
    }
}

/// What sort of document a plan is (front matter `kind`).
#[derive(Debug, Deserialize, Serialize, Clone, Copy, PartialEq, Eq)]
#[serde(rename_all = "kebab-case")]
pub enum PlanKind {
    /// A plan (规划): `plan`.
    Plan,
    /// Work points (工作要点): `work-points`.
    WorkPoints,
    /// Implementation opinions (实施意见): `implementation-opinions`.
    ImplementationOpinions,
}

impl PlanKind {
    /// The front-matter spelling (`work-points`), also used in i18n keys and open data.
    pub fn key(self) -> &'static str {
        match self {
            PlanKind::Plan => "plan",
            PlanKind::WorkPoints => "work-points",
            PlanKind::ImplementationOpinions => "implementation-opinions",
        }
    }
}

/// Front matter of a plan document.
#[derive(Debug, Deserialize, Serialize, Clone)]
#[serde(deny_unknown_fields)]
pub struct FrontMatter {
    /// Full title, as the document states it.
    pub title: String,
    /// Short form of the title, for tables and links (`示例市质量规划`).
    pub short_title: String,
    /// The body that issued the document (`示例市人民政府`).
    pub issuer: String,
    /// Official document number (文号); `None` where it has none.
    #[serde(default)]
    pub doc_number: Option<String>,
    /// `YYYY-MM-DD`: the date the document was signed or issued.
    pub issued: String,
    /// `YYYY-MM-DD`: when the portal published it, where known.
    #[serde(default)]
    pub published: Option<String>,
    /// `YYYY-YYYY` or `YYYY`.
    #[serde(deserialize_with = "string_or_number")]
    pub period: String,
    /// Administrative area the document covers (`示例省示例市`); decides which agency a short name means.
    pub region: String,
    /// Plan, work points or implementation opinions.
    pub kind: PlanKind,
    /// A short summary of the document.
    pub summary: String,
}

fn string_or_number<'de, D: serde::Deserializer<'de>>(d: D) -> Result<String, D::Error> {
    #[derive(Deserialize)]
    #[serde(untagged)]
    enum Raw {
        S(String),
        N(u64),
    }
    Ok(match Raw::deserialize(d)? {
        Raw::S(s) => s,
        Raw::N(n) => n.to_string(),
    })
}
