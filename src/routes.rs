//! The route table: where every page and file kind of a site goes, in one place. Pages,
//! their links, the sitemap, feeds, search and `serve` all take their paths from here, so
//! adding a page kind adds one entry to [`Page::file`] (and the compiler points at every
//! `match` that must render or list it).
//!
//! Paths are from the site root (`zh/plans/ruian-2021/index.html`). Internal links are
//! relative (`../../plans/x/`), so the output works on any host, under any sub-path and from
//! disk; canonical URLs use the configured base URL.

use crate::content::Site;

/// A page or file of the site; `&str` is the plan or indicator id.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Page<'a> {
    /// The language chooser at the site root.
    Chooser,
    /// `404.html` at the site root.
    NotFound,
    /// `sitemap.xml`, every language's pages with their alternates.
    Sitemap,
    /// `robots.txt`.
    Robots,
    /// A language's home page: the list of plans.
    Home,
    /// A language's Atom feed of plans (`atom.xml`).
    Feed,
    /// A language's search page.
    Search,
    /// One plan's page in a language, by plan id.
    Plan(&'a str),
    /// Every indicator, by category.
    Indicators,
    /// One indicator's page: its values across plans.
    Indicator(&'a str),
    /// An indicator's chart alone, for other sites to frame.
    Embed(&'a str),
    /// An indicator's chart as an SVG file (`chart.svg` beside its page).
    Chart(&'a str),
    /// Every glossary term.
    Glossary,
    /// Every target with its status, in one of the orderings readers can choose.
    Progress(Order),
    /// Every responsible body, by level.
    Agencies,
    /// One body's tasks across plans.
    Agency(&'a str),
    /// Every (agency, plan task) pair.
    AgenciesData(Format),
    /// Every indicator value.
    IndicatorsData(Format),
    /// One indicator's values.
    IndicatorData(&'a str, Format),
    /// The glossary as JSON.
    GlossaryData,
    /// The monitoring rows, republished.
    MonitoringData,
    /// The Frictionless Data Package describing every CSV of `/data/`.
    DataPackage,
    /// The Table Schema every indicator-value CSV shares (the Data Package points at it).
    ValuesSchema,
    /// The DCAT-AP catalogue of the indicator datasets, as JSON-LD.
    Catalog,
    /// A file of a release (tag, file name), published as it was frozen.
    ReleaseFile(&'a str, &'a str),
    /// What changed in each release (only on a site with releases).
    Changes,
    /// The Atom feed of the releases, one entry each.
    ChangesFeed,
    /// A plan's Atom feed: the releases that changed it.
    PlanFeed(&'a str),
    /// An indicator's Atom feed: the releases that changed it.
    IndicatorFeed(&'a str),
}

impl<'a> Page<'a> {
    /// The route table: each kind's folder in language `lang` (ignored by the pages that exist
    /// once per site) and its file name there, in two parts.
    fn place(self, lang: &str) -> (String, [&'a str; 2]) {
        let index = ["index.html", ""];
        match self {
            Page::Chooser => (String::new(), index),
            Page::NotFound => (String::new(), ["404.html", ""]),
            Page::Sitemap => (String::new(), ["sitemap.xml", ""]),
            Page::Robots => (String::new(), ["robots.txt", ""]),
            Page::Home => (join(&[lang, "/"]), index),
            Page::Feed => (join(&[lang, "/"]), ["atom.xml", ""]),
            Page::Search => (join(&[lang, "/search/"]), index),
            Page::Plan(id) => (join(&[lang, "/plans/", id, "/"]), index),
            Page::Indicators => (join(&[lang, "/indicators/"]), index),
            Page::Indicator(id) => (join(&[lang, "/indicators/", id, "/"]), index),
            Page::Embed(id) => (join(&[lang, "/indicators/", id, "/embed/"]), index),
            Page::Chart(id) => (join(&[lang, "/indicators/", id, "/"]), ["chart.svg", ""]),
            Page::Glossary => (join(&[lang, "/glossary/"]), index),
            Page::Progress(Order::Status) => (join(&[lang, "/progress/"]), index),
            Page::Progress(Order::Plan) => (join(&[lang, "/progress/by-plan/"]), index),
            Page::Progress(Order::Category) => (join(&[lang, "/progress/by-category/"]), index),
            Page::Agencies => (join(&[lang, "/agencies/"]), index),
            Page::Agency(id) => (join(&[lang, "/agencies/", id, "/"]), index),
            Page::AgenciesData(format) => ("data/".into(), ["agencies", format.ext()]),
            Page::IndicatorsData(format) => ("data/".into(), ["indicators", format.ext()]),
            Page::IndicatorData(id, format) => ("data/indicators/".into(), [id, format.ext()]),
            Page::GlossaryData => ("data/".into(), ["glossary.json", ""]),
            Page::MonitoringData => ("data/".into(), ["monitoring.csv", ""]),
            Page::DataPackage => ("data/".into(), ["datapackage.json", ""]),
            Page::ValuesSchema => ("data/".into(), ["indicators.schema.json", ""]),
            Page::Catalog => ("data/".into(), ["catalog.jsonld", ""]),
            Page::ReleaseFile(tag, name) => (join(&["data/releases/", tag, "/"]), [name, ""]),
            Page::Changes => (join(&[lang, "/changes/"]), index),
            Page::ChangesFeed => (join(&[lang, "/changes/"]), ["atom.xml", ""]),
            Page::PlanFeed(id) => (join(&[lang, "/plans/", id, "/"]), ["atom.xml", ""]),
            Page::IndicatorFeed(id) => (join(&[lang, "/indicators/", id, "/"]), ["atom.xml", ""]),
        }
    }

    /// Listed in the sitemap, with its alternates in every language.
    pub fn in_sitemap(self) -> bool {
        matches!(
            self,
            Page::Home
                | Page::Plan(_)
                | Page::Indicators
                | Page::Indicator(_)
                | Page::Glossary
                | Page::Progress(_)
                | Page::Agencies
                | Page::Agency(_)
                | Page::Changes
        )
    }

    /// The output file in language `lang` (ignored by the pages that exist once per site).
    pub fn file(self, lang: &str) -> String {
        let (mut path, [name, ext]) = self.place(lang);
        path.push_str(name);
        if !ext.is_empty() {
            path.push('.');
            path.push_str(ext);
        }
        path
    }

    /// The folder the page is in, the URL readers see: `zh/plans/x/`, `""` for the root.
    pub fn dir(self, lang: &str) -> String {
        self.place(lang).0
    }
}

/// `parts` in one string, allocated once: paths are made for every link of every page, and
/// `format!` cost four times as much.
fn join(parts: &[&str]) -> String {
    let mut out = String::with_capacity(parts.iter().map(|p| p.len()).sum::<usize>() + "index.html".len());
    for p in parts {
        out.push_str(p);
    }
    out
}

/// How the progress page orders targets: grouped by status (the default page), by plan, or by
/// category. Each is its own page, so the list is sortable without JavaScript.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Order {
    /// Grouped by status (the default page, `progress/`).
    Status,
    /// By plan (`progress/by-plan/`).
    Plan,
    /// By category (`progress/by-category/`).
    Category,
}

impl Order {
    /// Every ordering, the default first.
    pub const ALL: [Order; 3] = [Order::Status, Order::Plan, Order::Category];

    /// The key of its UI strings: `progress.by.status`, …
    pub fn key(self) -> &'static str {
        match self {
            Order::Status => "status",
            Order::Plan => "plan",
            Order::Category => "category",
        }
    }
}

/// The open data formats.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// `.json`.
    Json,
    /// `.csv`.
    Csv,
}

impl Format {
    /// The file extension, without the dot.
    pub fn ext(self) -> &'static str {
        match self {
            Format::Json => "json",
            Format::Csv => "csv",
        }
    }
}

/// The pages every language of `site` has, in the order the sitemap lists them.
pub fn language_pages(site: &Site) -> Vec<Page<'_>> {
    let mut pages = vec![Page::Home];
    pages.extend(site.plans.iter().map(|p| Page::Plan(&p.id)));
    if !site.indicators.is_empty() {
        pages.push(Page::Indicators);
        pages.extend(site.indicators.iter().map(|i| Page::Indicator(&i.id)));
    }
    if !site.glossary.is_empty() {
        pages.push(Page::Glossary);
    }
    if has_targets(site) {
        pages.extend(Order::ALL.map(Page::Progress));
    }
    if !site.agencies.is_empty() {
        pages.push(Page::Agencies);
        pages.extend(site.agencies.iter().map(|a| Page::Agency(&a.id)));
    }
    pages.push(Page::Feed);
    // Releases have a changes page, and each plan and indicator a feed of the ones that changed it.
    if !site.releases.is_empty() {
        pages.extend([Page::Changes, Page::ChangesFeed]);
        pages.extend(site.plans.iter().map(|p| Page::PlanFeed(&p.id)));
        pages.extend(site.indicators.iter().map(|i| Page::IndicatorFeed(&i.id)));
    }
    if site.config.search {
        pages.push(Page::Search);
    }
    for ind in &site.indicators {
        pages.extend([Page::Embed(&ind.id), Page::Chart(&ind.id)]);
    }
    pages
}

/// Whether the sheet has a target value: only then is there progress to show.
pub fn has_targets(site: &Site) -> bool {
    (site.indicators.iter().flat_map(|i| &i.values)).any(|v| v.kind == crate::content::ValueKind::Target)
}

/// `zh/plans/ruian-2021/` → `../../../`: the way from a page's folder back to the site root.
pub fn root_prefix(page_dir: &str) -> String {
    "../".repeat(page_dir.matches('/').count())
}

/// The relative link from the page in folder `from` to `to` (a folder or file), both from
/// the site root: `zh/indicators/x/` → `zh/plans/y/` is `../../plans/y/`.
pub fn relative(from: &str, to: &str) -> String {
    let mut common = 0;
    for (i, (a, b)) in from.bytes().zip(to.bytes()).enumerate() {
        if a != b {
            break;
        }
        if a == b'/' {
            common = i + 1;
        }
    }
    format!("{}{}", root_prefix(&from[common..]), &to[common..])
}

/// The absolute URL of a path from the site root.
pub fn absolute(base_url: &str, path: &str) -> String {
    format!("{base_url}{path}")
}

/// The path part of the base URL (`https://x.org/portal/` → `/portal/`), for pages such as
/// 404.html that a server shows at any address, where relative links cannot work.
pub fn base_path(base_url: &str) -> String {
    let after_scheme = base_url.split_once("://").map_or(base_url, |(_, rest)| rest);
    match after_scheme.find('/') {
        Some(i) => after_scheme[i..].to_string(),
        None => "/".to_string(),
    }
}

/// The page an output file belongs to, as a URL path from the site root: a page's folder
/// (`zh/plans/x/index.html` → `/zh/plans/x/`), a page file itself (`/404.html`), and for any
/// other file the folder it is in (a chart belongs to its indicator page).
pub fn page_of(file: &str) -> String {
    let page = match file.strip_suffix("index.html") {
        Some(dir) => dir,
        None if file.ends_with(".html") => file,
        None => file.rfind('/').map_or("", |i| &file[..=i]),
    };
    format!("/{page}")
}

/// The URL path of an HTML page's file: `zh/plans/x/index.html` → `/zh/plans/x/`.
pub fn url_path(file: &str) -> String {
    format!("/{}", file.strip_suffix("index.html").unwrap_or(file))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn routes_give_files_and_folders() {
        assert_eq!(Page::Plan("x").file("zh"), "zh/plans/x/index.html");
        assert_eq!(Page::Plan("x").dir("zh"), "zh/plans/x/");
        assert_eq!(Page::Chart("x").dir("en"), "en/indicators/x/");
        assert_eq!(Page::Chooser.dir("zh"), "");
        assert_eq!(Page::IndicatorData("x", Format::Csv).file(""), "data/indicators/x.csv");
        assert_eq!(Page::Feed.dir("fr"), "fr/");
        assert_eq!(Page::Progress(Order::Status).dir("en"), "en/progress/");
        assert_eq!(Page::Progress(Order::Plan).file("zh"), "zh/progress/by-plan/index.html");
        assert_eq!(Page::Agency("yz-customs").dir("en"), "en/agencies/yz-customs/");
        assert_eq!(Page::AgenciesData(Format::Csv).file(""), "data/agencies.csv");
        assert_eq!(Page::DataPackage.file(""), "data/datapackage.json");
        assert_eq!(Page::Catalog.file(""), "data/catalog.jsonld");
        assert_eq!(Page::Changes.file("en"), "en/changes/index.html");
        assert_eq!(Page::PlanFeed("x").file("zh"), "zh/plans/x/atom.xml");
        assert_eq!(Page::IndicatorFeed("x").file("en"), "en/indicators/x/atom.xml");
        assert_eq!(
            Page::ReleaseFile("2026-06-30", "indicators.csv").file(""),
            "data/releases/2026-06-30/indicators.csv"
        );
    }

    #[test]
    fn relative_links_climb_only_what_differs() {
        assert_eq!(relative("zh/indicators/x/", "zh/plans/y/"), "../../plans/y/");
        assert_eq!(relative("zh/glossary/", "zh/plans/y/"), "../plans/y/");
        assert_eq!(relative("zh/", "zh/plans/y/"), "plans/y/");
        assert_eq!(relative("zh/indicators/", "zh/indicators/x/"), "x/");
        assert_eq!(relative("zh/indicators/x/", "zh/indicators/"), "../");
        assert_eq!(relative("zh/indicators/x/", "zh/indicators/x/chart.svg"), "chart.svg");
        assert_eq!(relative("zh/plans/x/", "en/plans/x/"), "../../../en/plans/x/");
        assert_eq!(relative("zh/plans/xy/", "zh/plans/x/"), "../x/");
    }

    #[test]
    fn relative_roots_and_base_paths() {
        assert_eq!(root_prefix("zh/plans/ruian-2021/"), "../../../");
        assert_eq!(root_prefix(""), "");
        assert_eq!(base_path("https://example.org/portal/"), "/portal/");
        assert_eq!(base_path("https://example.org/"), "/");
        assert_eq!(base_path("https://example.org"), "/");
    }

    #[test]
    fn files_belong_to_pages() {
        assert_eq!(url_path("zh/plans/x/index.html"), "/zh/plans/x/");
        assert_eq!(page_of("zh/indicators/x/chart.svg"), "/zh/indicators/x/");
        assert_eq!(page_of("404.html"), "/404.html");
        assert_eq!(page_of("index.html"), "/");
    }
}
