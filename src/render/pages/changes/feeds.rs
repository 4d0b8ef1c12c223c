//! The Atom feeds (RFC 4287) of the releases: `/{lang}/changes/atom.xml` (one entry per
//! release), and per plan and indicator the releases that changed it. Written with quick-xml,
//! which escapes every text and attribute. Entries are dated by the release day recorded in
//! the release folder, never by the clock, so two builds write the same bytes.

use super::super::{Ctx, Usage};
use super::StepView;
use crate::changes::Step;
use crate::content::Language;
use crate::routes::{Page, absolute};
use quick_xml::Writer;
use quick_xml::events::{BytesDecl, BytesText, Event};
use std::io;

/// What a feed is about: its title, its HTML page and its own address.
struct About<'a> {
    title: String,
    page: Page<'a>,
    feed: Page<'a>,
}

impl Ctx<'_> {
    /// Every feed of the releases in `lang`, as (output path, bytes); none without releases.
    pub(in crate::render::pages) fn release_feeds(
        &self,
        lang: &Language,
        steps: &[Step],
        usage: &Usage,
    ) -> Vec<(String, Vec<u8>)> {
        if self.site.releases.is_empty() {
            return Vec::new();
        }
        let code = &lang.code;
        let mut out = Vec::new();
        // Entries link to the changes page, where each release has its anchor.
        let all = self.step_views(lang, steps, usage, &Page::Changes.dir(code));
        let all: Vec<&StepView> = all.iter().filter(|s| s.tag.is_some()).collect();
        let about = About {
            title: format!("{} · {}", self.s(lang, "changes.title"), lang.title),
            page: Page::Changes,
            feed: Page::ChangesFeed,
        };
        out.push((
            Page::ChangesFeed.file(code),
            self.release_feed(lang, &about, &all, |s| self.lines(lang, s, None)),
        ));
        for ind in &self.site.indicators {
            let history = self.history(lang, &ind.id, steps, usage);
            let mine: Vec<&StepView> = history.iter().filter(|s| s.tag.is_some()).collect();
            let about = About {
                title: format!("{} · {}", self.shown(lang, &ind.name).text, lang.title),
                page: Page::Indicator(&ind.id),
                feed: Page::IndicatorFeed(&ind.id),
            };
            out.push((
                about.feed.file(code),
                self.release_feed(lang, &about, &mine, |s| self.lines(lang, s, None)),
            ));
        }
        for plan in &self.site.plans {
            let mine: Vec<&StepView> = (all.iter().copied()).filter(|s| s.plans.contains(&plan.id)).collect();
            let about = About {
                title: format!("{} · {}", self.plan_short(lang, &plan.id), lang.title),
                page: Page::Plan(&plan.id),
                feed: Page::PlanFeed(&plan.id),
            };
            let id = plan.id.as_str();
            out.push((
                about.feed.file(code),
                self.release_feed(lang, &about, &mine, |s| self.lines(lang, s, Some(id))),
            ));
        }
        out
    }

    /// One feed: `entries` newest first, each with the text `body` gives it.
    fn release_feed(
        &self,
        lang: &Language,
        about: &About,
        entries: &[&StepView],
        body: impl Fn(&StepView) -> String,
    ) -> Vec<u8> {
        let base = &self.site.config.base_url;
        let page_url = absolute(base, &about.page.dir(&lang.code));
        let changes_url = absolute(base, &Page::Changes.dir(&lang.code));
        let self_url = absolute(base, &about.feed.file(&lang.code));
        // A feed is as new as its newest entry; one without entries, as the latest release.
        let latest = self
            .site
            .releases
            .iter()
            .map(|r| r.released.as_str())
            .max()
            .unwrap_or("");
        let updated = entries.first().map_or(latest, |e| e.released_iso.as_str());
        let mut w = Writer::new_with_indent(Vec::new(), b' ', 1);
        let result: io::Result<()> = (|| {
            w.write_event(Event::Decl(BytesDecl::new("1.0", Some("utf-8"), None)))?;
            w.create_element("feed")
                .with_attributes([
                    ("xmlns", "http://www.w3.org/2005/Atom"),
                    ("xml:lang", lang.locale.as_str()),
                ])
                .write_inner_content(|w| {
                    text(w, "id", &self_url)?;
                    text(w, "title", &about.title)?;
                    text(w, "updated", &format!("{updated}T00:00:00Z"))?;
                    w.create_element("author")
                        .write_inner_content(|w| text(w, "name", &lang.title))?;
                    link(w, "self", "application/atom+xml", &self_url)?;
                    link(w, "alternate", "text/html", &page_url)?;
                    for e in entries {
                        let tag = e.tag.as_deref().unwrap_or_default();
                        w.create_element("entry").write_inner_content(|w| {
                            text(w, "id", &format!("{page_url}#release-{tag}"))?;
                            text(w, "title", &format!("{} {tag}", self.s(lang, "changes.release")))?;
                            text(w, "updated", &format!("{}T00:00:00Z", e.released_iso))?;
                            link(w, "alternate", "text/html", &format!("{changes_url}#{}", e.id))?;
                            w.create_element("content")
                                .with_attribute(("type", "text"))
                                .write_text_content(BytesText::new(&body(e)))?;
                            Ok(())
                        })?;
                    }
                    Ok(())
                })?;
            Ok(())
        })();
        // Writing into a Vec cannot fail.
        debug_assert!(result.is_ok());
        let mut bytes = w.into_inner();
        bytes.push(b'\n');
        bytes
    }
}

/// `<name>text</name>`, escaped.
fn text(w: &mut Writer<Vec<u8>>, name: &str, value: &str) -> io::Result<()> {
    w.create_element(name).write_text_content(BytesText::new(value))?;
    Ok(())
}

/// `<link rel=… type=… href=…/>`.
fn link(w: &mut Writer<Vec<u8>>, rel: &str, kind: &str, href: &str) -> io::Result<()> {
    w.create_element("link")
        .with_attributes([("rel", rel), ("type", kind), ("href", href)])
        .write_empty()?;
    Ok(())
}

impl Ctx<'_> {
    /// An entry's text: its changes one a line (those of `plan` only, when given).
    fn lines(&self, lang: &Language, s: &StepView, plan: Option<&str>) -> String {
        let mut lines = Vec::new();
        if let Some(n) = s.first {
            lines.push(format!(
                "{} {n} {}",
                self.s(lang, "changes.first"),
                self.s(lang, "changes.first_values")
            ));
        }
        let mine = |p: &str| plan.is_none_or(|plan| plan == p);
        lines.extend(s.values.iter().filter(|v| mine(&v.plan_id)).map(|v| v.text.clone()));
        lines.extend(s.sections.iter().filter(|v| mine(&v.plan_id)).map(|v| v.text.clone()));
        lines.join("\n")
    }
}
