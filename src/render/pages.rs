//! Page contexts: what each template sees. One function per page type.

use super::Output;
use super::markdown::{self, Heading, Labels, Options2};
use super::templates::Templates;
use super::urls::{absolute, base_path, root_prefix};
use crate::content::{FrontMatter, Language, Plan, Site};
use crate::diagnostics::{Diagnostic, Diagnostics, Location};
use crate::load::theme::{Strings, Theme};
use serde::Serialize;
use tera::Context;

#[derive(Serialize, Clone)]
struct LangInfo {
    code: String,
    locale: String,
    title: String,
    description: String,
}

#[derive(Serialize)]
struct Alternate {
    code: String,
    locale: String,
    title: String,
    href: String,
    url: String,
}

#[derive(Serialize)]
struct PlanCard {
    id: String,
    href: String,
    title: String,
    short_title: String,
    issuer: String,
    doc_number: Option<String>,
    issued: String,
    issued_iso: String,
    published_iso: Option<String>,
    period: String,
    region: String,
    kind: String,
    summary: String,
    url: String,
}

#[derive(Serialize)]
struct TocEntry {
    id: String,
    text: String,
    children: Vec<TocEntry>,
}

pub(super) struct Ctx<'a> {
    pub(super) site: &'a Site,
    theme: &'a Theme,
    pub(super) templates: &'a Templates,
}

pub fn render_all(site: &Site, theme: &Theme, templates: &Templates, out: &mut Output, diags: &mut Diagnostics) {
    let cx = Ctx { site, theme, templates };
    let mut problems_found = Vec::new();
    let mut emit = |path: String, result: Result<String, Diagnostic>| match result {
        Ok(html) => out.add(path, html),
        Err(d) => diags.push(d),
    };
    emit("index.html".into(), cx.chooser());
    emit("404.html".into(), cx.not_found());
    for lang in &site.config.languages {
        emit(format!("{}/index.html", lang.code), cx.home(lang));
        emit(format!("{}/atom.xml", lang.code), cx.feed(lang));
        if site.config.search {
            emit(format!("{}/search/index.html", lang.code), cx.search_page(lang));
        }
        for plan in site
            .plans
            .iter()
            .filter(|p| !p.broken && p.doc(site.default_language()).is_some())
        {
            let (html, problems) = cx.plan_page(lang, plan);
            problems_found.extend(problems);
            emit(format!("{}/plans/{}/index.html", lang.code, plan.id), html);
        }
    }
    emit("sitemap.xml".into(), cx.sitemap());
    emit("robots.txt".into(), cx.robots());
    diags.extend(problems_found);
}

impl Ctx<'_> {
    fn strings(&self, lang: &Language) -> Option<&Strings> {
        self.theme.strings.get(&lang.locale)
    }

    fn s(&self, lang: &Language, key: &str) -> String {
        self.strings(lang).and_then(|s| s.get(key)).cloned().unwrap_or_default()
    }

    fn info(lang: &Language) -> LangInfo {
        LangInfo {
            code: lang.code.clone(),
            locale: lang.locale.clone(),
            title: lang.title.clone(),
            description: lang.description.clone(),
        }
    }

    /// Context shared by every page: `page_dir` is the page's folder, e.g. `zh/plans/x/`.
    pub(super) fn base(&self, lang: &Language, page_dir: &str, same_page_in: impl Fn(&Language) -> String) -> Context {
        let base_url = &self.site.config.base_url;
        let root = root_prefix(page_dir);
        let mut ctx = Context::new();
        ctx.insert("lang", &Self::info(lang));
        ctx.insert("locale", &lang.locale);
        ctx.insert("root", &root);
        ctx.insert("page_dir", page_dir);
        ctx.insert("canonical", &absolute(base_url, page_dir));
        ctx.insert("base_url", base_url);
        ctx.insert("page_title", &lang.title);
        ctx.insert("description", &lang.description);
        ctx.insert("search", &self.site.config.search);
        let alternates: Vec<Alternate> = self
            .site
            .config
            .languages
            .iter()
            .map(|l| {
                let dir = same_page_in(l);
                Alternate {
                    code: l.code.clone(),
                    locale: l.locale.clone(),
                    title: self.s(l, "lang.name"),
                    href: format!("{root}{dir}"),
                    url: absolute(base_url, &dir),
                }
            })
            .collect();
        ctx.insert("alternates", &alternates);
        ctx.insert(
            "languages",
            &self.site.config.languages.iter().map(Self::info).collect::<Vec<_>>(),
        );
        ctx
    }

    fn chooser(&self) -> Result<String, Diagnostic> {
        let lang = self.site.default_language();
        let mut ctx = self.base(lang, "", |l| format!("{}/", l.code));
        ctx.insert("x_default", &absolute(&self.site.config.base_url, ""));
        let sites: Vec<_> = self
            .site
            .config
            .languages
            .iter()
            .map(|l| (Self::info(l), self.s(l, "chooser.enter")))
            .collect();
        ctx.insert("sites", &sites);
        self.templates.render("chooser.html", &ctx)
    }

    fn not_found(&self) -> Result<String, Diagnostic> {
        let lang = self.site.default_language();
        let mut ctx = self.base(lang, "", |l| format!("{}/", l.code));
        // A server shows 404.html at any address: links must not be relative.
        ctx.insert("root", &base_path(&self.site.config.base_url));
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
                )
            })
            .collect();
        ctx.insert("messages", &messages);
        self.templates.render("404.html", &ctx)
    }

    fn cards(&self, lang: &Language) -> Vec<PlanCard> {
        let mut cards: Vec<PlanCard> = self.site.plans.iter().filter_map(|p| self.card(lang, p)).collect();
        cards.sort_by(|a, b| b.issued_iso.cmp(&a.issued_iso).then_with(|| a.id.cmp(&b.id)));
        cards
    }

    fn card(&self, lang: &Language, plan: &Plan) -> Option<PlanCard> {
        let doc = plan.doc(lang).or_else(|| plan.doc(self.site.default_language()))?;
        let f: &FrontMatter = &doc.front;
        let dir = format!("{}/plans/{}/", lang.code, plan.id);
        Some(PlanCard {
            id: plan.id.clone(),
            href: format!("plans/{}/", plan.id),
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
    fn format_date(&self, lang: &Language, iso: &str) -> String {
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

    fn home(&self, lang: &Language) -> Result<String, Diagnostic> {
        let mut ctx = self.base(lang, &format!("{}/", lang.code), |l| format!("{}/", l.code));
        ctx.insert("plans", &self.cards(lang));
        ctx.insert("page_title", &lang.title);
        ctx.insert("description", &lang.description);
        self.templates.render("home.html", &ctx)
    }

    fn feed(&self, lang: &Language) -> Result<String, Diagnostic> {
        let mut ctx = self.base(lang, &format!("{}/", lang.code), |l| format!("{}/", l.code));
        let cards = self.cards(lang);
        let updated = cards
            .iter()
            .map(|c| c.published_iso.clone().unwrap_or(c.issued_iso.clone()))
            .max()
            .unwrap_or_else(|| "2000-01-01".into());
        ctx.insert("updated", &updated);
        ctx.insert("plans", &cards);
        self.templates.render("atom.xml", &ctx)
    }

    fn plan_page(&self, lang: &Language, plan: &Plan) -> (Result<String, Diagnostic>, Vec<Diagnostic>) {
        let default = self.site.default_language();
        let own = plan.doc(lang);
        let Some(source_doc) = own.filter(|d| d.has_text()).or_else(|| plan.doc(default)) else {
            return (
                Err(Diagnostic::error(
                    None,
                    format!("plan {} has no {} document", plan.id, default.code),
                )),
                vec![],
            );
        };
        let meta_doc = own.unwrap_or(source_doc);
        let fallback = !own.is_some_and(|d| d.has_text()) && lang.code != default.code;
        let body_locale = if fallback { &default.locale } else { &lang.locale };

        let dir = format!("{}/plans/{}/", lang.code, plan.id);
        let root = root_prefix(&dir);
        let other_languages = self
            .site
            .config
            .languages
            .iter()
            .filter(|l| l.code != lang.code)
            .map(|l| {
                (
                    l.code.clone(),
                    l.locale.clone(),
                    self.s(l, "lang.short"),
                    format!("{root}{}/plans/{}/", l.code, plan.id),
                )
            })
            .collect();
        let opts = Options2 {
            allow_html: self.site.config.allow_html,
            labels: Labels {
                section_link: self.s(lang, "plan.section_link"),
                table: self.s(lang, "plan.table"),
                missing_table: self.s(lang, "plan.missing_table"),
            },
            other_languages,
        };
        let rendered = markdown::render(&source_doc.body, &opts);
        let problems: Vec<Diagnostic> = if fallback {
            Vec::new() // reported once, for the document's own language
        } else {
            rendered
                .problems
                .iter()
                .map(|p| {
                    Diagnostic::error(
                        Some(Location::new(&source_doc.path, source_doc.body_line + p.line - 1, 1)),
                        p.message.clone(),
                    )
                    .with_hint(p.hint.clone())
                })
                .collect()
        };

        let mut ctx = self.base(lang, &dir, |l| format!("{}/plans/{}/", l.code, plan.id));
        let card = self.card(lang, plan);
        ctx.insert("plan", &card);
        ctx.insert("front", &meta_doc.front);
        ctx.insert(
            "published",
            &meta_doc.front.published.as_deref().map(|d| self.format_date(lang, d)),
        );
        ctx.insert("page_title", &meta_doc.front.title);
        ctx.insert("description", &meta_doc.front.summary);
        ctx.insert("body", &rendered.html);
        ctx.insert("toc", &toc(&rendered.headings));
        ctx.insert("fallback", &fallback);
        ctx.insert("body_locale", body_locale);
        (self.templates.render("plan.html", &ctx), problems)
    }

    fn sitemap(&self) -> Result<String, Diagnostic> {
        // Page folders with `{lang}` standing for each language's code.
        let mut dirs = vec!["{lang}/".to_string()];
        dirs.extend(self.site.plans.iter().map(|p| format!("{{lang}}/plans/{}/", p.id)));
        #[derive(Serialize)]
        struct Entry {
            loc: String,
            alternates: Vec<(String, String)>,
        }
        let base = &self.site.config.base_url;
        let mut entries = vec![Entry {
            loc: base.clone(),
            alternates: vec![],
        }];
        for dir in &dirs {
            let alternates: Vec<(String, String)> = self
                .site
                .config
                .languages
                .iter()
                .map(|l| (l.locale.clone(), absolute(base, &dir.replace("{lang}", &l.code))))
                .chain(std::iter::once((
                    "x-default".to_string(),
                    absolute(base, &dir.replace("{lang}", &self.site.default_language().code)),
                )))
                .collect();
            for lang in &self.site.config.languages {
                entries.push(Entry {
                    loc: absolute(base, &dir.replace("{lang}", &lang.code)),
                    alternates: alternates.clone(),
                });
            }
        }
        let mut ctx = Context::new();
        ctx.insert("entries", &entries);
        self.templates.render("sitemap.xml", &ctx)
    }

    fn robots(&self) -> Result<String, Diagnostic> {
        let mut ctx = Context::new();
        ctx.insert("sitemap", &absolute(&self.site.config.base_url, "sitemap.xml"));
        self.templates.render("robots.txt", &ctx)
    }
}

/// Chapters with their sections: deeper levels stay in the text, not the table of contents.
fn toc(headings: &[Heading]) -> Vec<TocEntry> {
    let top = headings.iter().map(|h| h.level).min().unwrap_or(2);
    let mut out: Vec<TocEntry> = Vec::new();
    for h in headings {
        let entry = TocEntry {
            id: h.id.clone(),
            text: h.text.clone(),
            children: Vec::new(),
        };
        if h.level == top {
            out.push(entry);
        } else if h.level == top + 1 {
            match out.last_mut() {
                Some(parent) => parent.children.push(entry),
                None => out.push(entry),
            }
        }
    }
    out
}
