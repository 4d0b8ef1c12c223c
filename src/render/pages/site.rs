//! The pages about the whole site: the language chooser, 404, each language's home page and
//! feed, the sitemap and robots.txt.

use super::Ctx;
use crate::content::{FrontMatter, Language, Plan};
use crate::diagnostics::Diagnostic;
use crate::routes::{Page, absolute, base_path, relative};
use serde::Serialize;
use tera::Context;

#[derive(Serialize)]
pub(super) struct PlanCard {
    id: String,
    href: String,
    title: String,
    short_title: String,
    issuer: String,
    doc_number: Option<String>,
    issued: String,
    pub(super) issued_iso: String,
    published_iso: Option<String>,
    period: String,
    region: String,
    kind: String,
    summary: String,
    url: String,
}

impl Ctx<'_> {
    pub(super) fn chooser(&self) -> Result<String, Diagnostic> {
        let lang = self.site.default_language();
        let mut ctx = self.base_at(lang, "", String::new(), Page::Home);
        ctx.insert("x_default", &absolute(&self.site.config.base_url, ""));
        let sites: Vec<_> = self
            .site
            .config
            .languages
            .iter()
            .map(|l| (Self::info(l), self.s(l, "chooser.enter"), Page::Home.dir(&l.code)))
            .collect();
        ctx.insert("sites", &sites);
        self.templates.render("chooser.html", &ctx)
    }

    pub(super) fn not_found(&self) -> Result<String, Diagnostic> {
        let lang = self.site.default_language();
        // A server shows 404.html at any address: links (the language switch too) must not be relative.
        let root = base_path(&self.site.config.base_url);
        let mut ctx = self.base_at(lang, "", root.clone(), Page::Home);
        let messages: Vec<_> = self
            .site
            .config
            .languages
            .iter()
            .map(|l| {
                (
                    Self::info(l),
                    self.s(l, "not_found.title"),
                    self.s(l, "not_found.text"),
                    self.s(l, "nav.home"),
                    format!("{root}{}", Page::Home.dir(&l.code)),
                )
            })
            .collect();
        ctx.insert("messages", &messages);
        self.templates.render("404.html", &ctx)
    }

    /// The plans as cards on `from`'s page in `lang`, newest first.
    pub(super) fn cards(&self, lang: &Language, from: Page) -> Vec<PlanCard> {
        let from = from.dir(&lang.code);
        let mut cards: Vec<PlanCard> = self
            .site
            .plans
            .iter()
            .filter_map(|p| self.card(lang, p, &from))
            .collect();
        cards.sort_by(|a, b| b.issued_iso.cmp(&a.issued_iso).then_with(|| a.id.cmp(&b.id)));
        cards
    }

    /// A plan's card, linked from the page in folder `from`.
    pub(super) fn card(&self, lang: &Language, plan: &Plan, from: &str) -> Option<PlanCard> {
        let doc = plan.doc(lang).or_else(|| plan.doc(self.site.default_language()))?;
        let f: &FrontMatter = &doc.front;
        let dir = Page::Plan(&plan.id).dir(&lang.code);
        Some(PlanCard {
            id: plan.id.clone(),
            href: relative(from, &dir),
            title: f.title.clone(),
            short_title: f.short_title.clone(),
            issuer: f.issuer.clone(),
            doc_number: f.doc_number.clone(),
            issued: self.format_date(lang, &f.issued),
            issued_iso: f.issued.clone(),
            published_iso: f.published.clone(),
            period: f.period.replace('-', "–"),
            region: f.region.clone(),
            kind: self.s(lang, &format!("kind.{}", f.kind.key())),
            summary: f.summary.clone(),
            url: absolute(&self.site.config.base_url, &dir),
        })
    }

    /// `2021-12-24` → `2021年12月24日` / `24 December 2021`, by the theme's `date.format`.
    pub(super) fn format_date(&self, lang: &Language, iso: &str) -> String {
        let Some(date) = crate::load::parse_date(iso) else {
            return iso.to_string();
        };
        let months = self.s(lang, "date.months");
        let month_name = months
            .split_whitespace()
            .nth(usize::from(u8::from(date.month())) - 1)
            .unwrap_or("");
        self.s(lang, "date.format")
            .replace("{year}", &date.year().to_string())
            .replace("{month}", &u8::from(date.month()).to_string())
            .replace("{month_name}", month_name)
            .replace("{day}", &date.day().to_string())
    }

    pub(super) fn home(&self, lang: &Language) -> Result<String, Diagnostic> {
        let mut ctx = self.base(lang, Page::Home);
        ctx.insert("plans", &self.cards(lang, Page::Home));
        ctx.insert("page_title", &lang.title);
        ctx.insert("description", &lang.description);
        self.templates.render("home.html", &ctx)
    }

    /// The Atom feed: about the language's home page, whose URL is the feed's id.
    pub(super) fn feed(&self, lang: &Language) -> Result<String, Diagnostic> {
        let mut ctx = self.base(lang, Page::Home);
        ctx.insert(
            "feed_url",
            &absolute(&self.site.config.base_url, &Page::Feed.file(&lang.code)),
        );
        let cards = self.cards(lang, Page::Home);
        let updated = cards
            .iter()
            .map(|c| c.published_iso.clone().unwrap_or(c.issued_iso.clone()))
            .max()
            .unwrap_or_else(|| "2000-01-01".into());
        ctx.insert("updated", &updated);
        ctx.insert("plans", &cards);
        self.templates.render("atom.xml", &ctx)
    }

    /// Every page of [`crate::routes::language_pages`] the sitemap lists, in each language,
    /// with its alternates in all of them and `x-default` (the source language).
    pub(super) fn sitemap(&self, pages: &[Page]) -> Result<String, Diagnostic> {
        #[derive(Serialize)]
        struct Entry {
            loc: String,
            alternates: Vec<(String, String)>,
        }
        let base = &self.site.config.base_url;
        let langs = &self.site.config.languages;
        let mut entries = vec![Entry {
            loc: absolute(base, &Page::Chooser.dir("")),
            alternates: vec![],
        }];
        for page in pages.iter().filter(|p| p.in_sitemap()) {
            let alternates: Vec<(String, String)> = langs
                .iter()
                .map(|l| (l.locale.clone(), absolute(base, &page.dir(&l.code))))
                .chain(std::iter::once((
                    "x-default".to_string(),
                    absolute(base, &page.dir(&self.site.default_language().code)),
                )))
                .collect();
            for lang in langs {
                entries.push(Entry {
                    loc: absolute(base, &page.dir(&lang.code)),
                    alternates: alternates.clone(),
                });
            }
        }
        let mut ctx = Context::new();
        ctx.insert("entries", &entries);
        self.templates.render("sitemap.xml", &ctx)
    }

    pub(super) fn robots(&self) -> Result<String, Diagnostic> {
        let mut ctx = Context::new();
        ctx.insert(
            "sitemap",
            &absolute(&self.site.config.base_url, &Page::Sitemap.file("")),
        );
        self.templates.render("robots.txt", &ctx)
    }
}
