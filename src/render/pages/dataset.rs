//! One indicator as a dataset: what schema.org (on its page) and the DCAT catalogue say about
//! it, gathered once from the sheet, the plans and the monitoring rows so the two agree with
//! each other and with the page. Nothing here reads the clock: `modified` is the newest date
//! the sources carry, so two builds of the same content are byte-identical.

use super::Ctx;
use crate::content::{Language, Year};
use crate::routes::{Format, Page, absolute};
use serde_json::{Value as Json, json};

/// Google Dataset Search's bounds for a description, in characters.
pub(super) const DESCRIPTION_CHARS: std::ops::RangeInclusive<usize> = 50..=5000;

/// An indicator dataset in one language.
pub(super) struct Facts {
    pub id: String,
    pub name: String,
    pub description: String,
    /// The indicator page's absolute URL in this language.
    pub url: String,
    /// In this language only (DCAT tags each with it): the name, category and regions.
    pub keywords: Vec<String>,
    /// The issuers of the plans that state its values (governments), first use first.
    pub publishers: Vec<String>,
    /// Those plans' regions.
    pub regions: Vec<String>,
    /// The first and last year of its values (a yearly target: its plan's period) and
    /// monitoring figures.
    pub years: Option<(i32, i32)>,
    /// `YYYY-MM-DD`: the newest issue or publication date of its plans and monitoring rows.
    pub modified: Option<String>,
    /// Absolute URLs of its CSV and JSON downloads.
    pub csv: String,
    pub json: String,
}

impl Ctx<'_> {
    /// The facts of indicator `i` in `lang`.
    pub(super) fn dataset_facts(&self, lang: &Language, i: usize) -> Facts {
        let site = self.site;
        let ind = &site.indicators[i];
        let base = &site.config.base_url;
        let mut plans: Vec<&str> = Vec::new();
        for v in &ind.values {
            if !plans.contains(&v.plan.as_str()) {
                plans.push(&v.plan);
            }
        }
        let docs: Vec<_> = (plans.iter())
            .filter_map(|p| site.plan(p))
            .filter_map(|p| p.doc(lang).or_else(|| p.doc(site.default_language())))
            .collect();
        let (mut publishers, mut regions) = (Vec::new(), Vec::new());
        for d in &docs {
            push_new(&mut publishers, &d.front.issuer);
            push_new(&mut regions, &d.front.region);
        }
        let rows: Vec<_> = site.monitoring.iter().filter(|o| o.indicator == ind.id).collect();
        // A yearly target holds for each year of its plan's period.
        let period = |plan: &str| {
            (site.plan(plan).and_then(|p| p.doc(site.default_language())))
                .and_then(|d| crate::load::parse_period(&d.front.period))
                .map_or(vec![], |(a, b)| vec![i32::from(a), i32::from(b)])
        };
        let years = (ind.values.iter().flat_map(|v| match v.year {
            Year::Year(y) => vec![y],
            Year::Span(a, b) => vec![a, b],
            Year::Yearly => period(&v.plan),
        }))
        .chain(rows.iter().map(|o| o.year));
        let years = years.fold(None, |acc: Option<(i32, i32)>, y| {
            Some(acc.map_or((y, y), |(a, b)| (a.min(y), b.max(y))))
        });
        // Every edition's dates count: a translation published later changes the dataset too.
        let plan_dates = (plans.iter().filter_map(|p| site.plan(p)))
            .flat_map(|p| p.docs.values())
            .flat_map(|d| [Some(&d.front.issued), d.front.published.as_ref()])
            .flatten();
        let modified = plan_dates.chain(rows.iter().map(|o| &o.published)).max().cloned();
        let name = self.text(lang, &ind.name).to_string();
        let mut keywords = vec![name.clone(), self.category_label(lang, ind.category)];
        regions.iter().for_each(|r| push_new(&mut keywords, r));
        let short: Vec<String> = plans.iter().map(|p| self.plan_short(lang, p)).collect();
        Facts {
            id: ind.id.clone(),
            description: self.dataset_description(lang, i, &short, years),
            name,
            url: absolute(base, &Page::Indicator(&ind.id).dir(&lang.code)),
            keywords,
            publishers,
            regions,
            years,
            modified,
            csv: absolute(base, &Page::IndicatorData(&ind.id, Format::Csv).file("")),
            json: absolute(base, &Page::IndicatorData(&ind.id, Format::Json).file("")),
        }
    }

    /// The definition, then which plans state the values and for which years: what the page
    /// shows, in a sentence. Padded with the site's description when that is still under 50
    /// characters; cut (at a character) at 5,000.
    fn dataset_description(&self, lang: &Language, i: usize, plans: &[String], years: Option<(i32, i32)>) -> String {
        let ind = &self.site.indicators[i];
        let years = years.map_or(String::new(), |(a, b)| {
            let span = if a == b { a.to_string() } else { format!("{a}–{b}") };
            self.s(lang, "indicator.dataset_years").replace("{years}", &span)
        });
        let mut text = self
            .s(lang, "indicator.dataset_description")
            .replace("{definition}", self.text(lang, &ind.definition))
            .replace("{plans}", &plans.join(&self.s(lang, "indicator.dataset_separator")))
            .replace("{years}", &years);
        if text.chars().count() < *DESCRIPTION_CHARS.start() {
            text.push(' ');
            text.push_str(&lang.description);
        }
        while text.chars().count() < *DESCRIPTION_CHARS.start() {
            text.push_str(" ·");
        }
        match text.char_indices().nth(*DESCRIPTION_CHARS.end() - 1) {
            Some((cut, _)) => format!("{}…", &text[..cut]),
            None => text,
        }
    }

    /// The schema.org `Dataset` of indicator `i` on its page in `lang`.
    pub(super) fn dataset_json_ld(&self, lang: &Language, i: usize) -> String {
        let f = self.dataset_facts(lang, i);
        let unit = self.text(lang, &self.site.indicators[i].unit);
        let bodies = |names: &[String]| -> Json {
            Json::from(
                (names.iter())
                    .map(|n| json!({"@type": "GovernmentOrganization", "name": n}))
                    .collect::<Vec<_>>(),
            )
        };
        let download = |format: &str, url: &str, media: &str| json!({"@type": "DataDownload", "name": format!("{}.{format}", f.id), "encodingFormat": media, "contentUrl": url});
        // Search engines also find the dataset by its name in the site's other languages.
        let mut keywords = f.keywords.clone();
        for l in &self.site.config.languages {
            if let Some(n) = self.site.indicators[i].name.get(&l.code) {
                push_new(&mut keywords, n);
            }
        }
        let mut d = json!({
            "@context": "https://schema.org/",
            "@type": "Dataset",
            "@id": f.url,
            "name": f.name,
            "description": f.description,
            "url": f.url,
            "identifier": f.id,
            "inLanguage": lang.locale,
            "keywords": keywords,
            "creator": bodies(&f.publishers),
            "publisher": bodies(&f.publishers),
            "spatialCoverage": (f.regions.iter()).map(|r| json!({"@type": "Place", "name": r})).collect::<Vec<_>>(),
            "isAccessibleForFree": true,
            "variableMeasured": {"@type": "PropertyValue", "name": f.name, "unitText": unit},
            "includedInDataCatalog": {
                "@type": "DataCatalog",
                "name": self.catalog_name(lang),
                "url": absolute(&self.site.config.base_url, &Page::Indicators.dir(&lang.code)),
            },
            "distribution": [download("csv", &f.csv, "text/csv"), download("json", &f.json, "application/json")],
        });
        if let Some((a, b)) = f.years {
            d["temporalCoverage"] = Json::from(if a == b { a.to_string() } else { format!("{a}/{b}") });
        }
        if let Some(date) = &f.modified {
            d["dateModified"] = Json::from(date.clone());
        }
        if let Some(license) = &self.site.config.license {
            d["license"] = Json::from(license.url.clone());
        }
        script_json(&d)
    }

    /// The indicator list's name as a catalogue: "Indicators · <site title>".
    pub(super) fn catalog_name(&self, lang: &Language) -> String {
        format!("{} · {}", self.s(lang, "indicators.title"), lang.title)
    }

    /// The schema.org `DataCatalog` of the indicator list page in `lang`: every indicator
    /// dataset, by name and page.
    pub(super) fn catalog_json_ld(&self, lang: &Language) -> String {
        let base = &self.site.config.base_url;
        let url = absolute(base, &Page::Indicators.dir(&lang.code));
        let datasets: Vec<Json> = (self.site.indicators.iter())
            .map(|ind| {
                let page = absolute(base, &Page::Indicator(&ind.id).dir(&lang.code));
                json!({"@type": "Dataset", "@id": page, "name": self.text(lang, &ind.name), "url": page, "identifier": ind.id})
            })
            .collect();
        let mut d = json!({
            "@context": "https://schema.org/",
            "@type": "DataCatalog",
            "@id": url,
            "name": self.catalog_name(lang),
            "description": format!("{} {}", self.s(lang, "indicators.intro"), lang.description),
            "url": url,
            "inLanguage": lang.locale,
            "isAccessibleForFree": true,
            "dataset": datasets,
        });
        if let Some(license) = &self.site.config.license {
            d["license"] = Json::from(license.url.clone());
        }
        script_json(&d)
    }
}

fn push_new(list: &mut Vec<String>, item: &str) {
    if !item.is_empty() && !list.iter().any(|x| x == item) {
        list.push(item.to_string());
    }
}

/// JSON for inside `<script>`: `<`, `>` and `&` as `\u` escapes, so no text of the sheet can
/// close the element (`</script>`) or open a comment, whatever minifiers do to the page.
/// Outside strings JSON has none of these characters, so replacing them everywhere is safe.
pub(super) fn script_json(value: &Json) -> String {
    let text = serde_json::to_string(value).expect("JSON values serialize");
    if !text.contains(['<', '>', '&']) {
        return text; // most pages: no copy
    }
    text.replace('<', "\\u003c")
        .replace('>', "\\u003e")
        .replace('&', "\\u0026")
}

#[cfg(test)]
mod tests {
    use super::script_json;

    #[test]
    fn script_json_cannot_close_its_element() {
        let v = serde_json::json!({"name": "</script><!-- & -->"});
        let s = script_json(&v);
        assert!(!s.contains('<') && !s.contains('>') && !s.contains('&'), "{s}");
        let back: serde_json::Value = serde_json::from_str(&s).unwrap();
        assert_eq!(back, v);
    }
}
