//! `/data/catalog.jsonld`: the indicators as a DCAT-AP 3 catalogue, for data portals that
//! harvest DCAT (data.europa.eu and national portals do). One `dcat:Dataset` per indicator,
//! titled and described in every language of the site, with its CSV and JSON as
//! distributions. The JSON-LD context is written out in the file (no remote context to fetch),
//! so any RDF parser reads it offline.

use super::Ctx;
use crate::routes::{Page, absolute};
use rayon::prelude::*;
use serde_json::value::RawValue;
use serde_json::{Value as Json, json};

/// The catalogue: its own properties, then its datasets, serialised already.
#[derive(serde::Serialize)]
struct Catalog {
    #[serde(flatten)]
    head: Json,
    #[serde(rename = "dcat:dataset")]
    datasets: Vec<Box<RawValue>>,
}

/// The EU file-type vocabulary and IANA media types of the two downloads.
const FORMATS: [(&str, &str, &str); 2] = [
    (
        "csv",
        "http://publications.europa.eu/resource/authority/file-type/CSV",
        "https://www.iana.org/assignments/media-types/text/csv",
    ),
    (
        "json",
        "http://publications.europa.eu/resource/authority/file-type/JSON",
        "https://www.iana.org/assignments/media-types/application/json",
    ),
];

fn context() -> Json {
    json!({
        "dcat": "http://www.w3.org/ns/dcat#",
        "dct": "http://purl.org/dc/terms/",
        "foaf": "http://xmlns.com/foaf/0.1/",
        "skos": "http://www.w3.org/2004/02/skos/core#",
        "xsd": "http://www.w3.org/2001/XMLSchema#",
    })
}

fn iri(url: &str) -> Json {
    json!({"@id": url})
}

/// A text in a language (`@language` is the BCP 47 locale).
fn tagged(text: &str, locale: &str) -> Json {
    json!({"@value": text, "@language": locale})
}

fn typed(value: &str, ty: &str) -> Json {
    json!({"@value": value, "@type": ty})
}

impl Ctx<'_> {
    /// The whole catalogue, compact: it is for harvesters, and pretty-printing made it 2 MB for
    /// the shipped portal's 375 indicators (1.2 MB compact).
    pub(super) fn dcat_catalog(&self) -> Vec<u8> {
        let site = self.site;
        let langs = &site.config.languages;
        let base = &site.config.base_url;
        let id = absolute(base, &Page::Catalog.file(""));
        let per_lang = |f: &dyn Fn(&crate::content::Language) -> String| -> Json {
            Json::from(langs.iter().map(|l| tagged(&f(l), &l.locale)).collect::<Vec<_>>())
        };
        let mut catalog = json!({
            "@context": context(),
            "@id": id,
            "@type": "dcat:Catalog",
            "dct:title": per_lang(&|l| self.catalog_name(l)),
            "dct:description": per_lang(&|l| format!("{} {}", self.s(l, "indicators.intro"), l.description)),
            "dct:publisher": {"@id": base, "@type": "foaf:Agent", "foaf:name": per_lang(&|l| l.title.clone())},
            "foaf:homepage": iri(base),
            "dct:language": langs.iter().map(|l| Json::from(l.locale.clone())).collect::<Vec<_>>(),
        });
        if let Some(license) = &site.config.license {
            catalog["dct:license"] = iri(&license.url);
        }
        // Each dataset is serialised (and its value tree freed) on its own thread: done at the
        // end on one, that was a tenth of the shipped portal's build.
        let datasets: Vec<Box<RawValue>> = (0..site.indicators.len())
            .into_par_iter()
            .map(|i| serde_json::value::to_raw_value(&self.dcat_dataset(&id, i)).expect("JSON values serialize"))
            .collect();
        let catalog = Catalog {
            head: catalog,
            datasets,
        };
        let mut bytes = serde_json::to_vec(&catalog).expect("JSON values serialize");
        bytes.push(b'\n');
        bytes
    }

    /// Indicator `i` as a `dcat:Dataset` of the catalogue `catalog` (its IRI is the catalogue's
    /// with the indicator id as fragment: one dataset whatever the language).
    fn dcat_dataset(&self, catalog: &str, i: usize) -> Json {
        let site = self.site;
        let langs = &site.config.languages;
        let facts: Vec<_> = langs.iter().map(|l| self.dataset_facts(l, i)).collect();
        // A language whose name of the indicator is missing would tag the source language's
        // text as its own: it is left out (the source language always has a name).
        let named = |l: &crate::content::Language| {
            l.code == site.default_language().code || site.indicators[i].name.get(&l.code).is_some()
        };
        let all = |f: &dyn Fn(&super::dataset::Facts) -> Vec<String>| -> Vec<Json> {
            let mut out = Vec::new();
            for (l, fact) in langs.iter().zip(&facts).filter(|(l, _)| named(l)) {
                out.extend(f(fact).iter().map(|t| tagged(t, &l.locale)));
            }
            out
        };
        let source = &facts[0];
        let license = site.config.license.as_ref().map(|l| iri(&l.url));
        let distributions: Vec<Json> = FORMATS
            .iter()
            .map(|&(ext, format, media)| {
                let url = if ext == "csv" { &source.csv } else { &source.json };
                let mut d = json!({
                    "@id": format!("{catalog}#{}-{ext}", source.id),
                    "@type": "dcat:Distribution",
                    "dct:title": format!("{}.{ext}", source.id),
                    "dcat:accessURL": iri(&source.url),
                    "dcat:downloadURL": iri(url),
                    "dct:format": iri(format),
                    "dcat:mediaType": iri(media),
                });
                if let Some(l) = &license {
                    d["dct:license"] = l.clone();
                }
                d
            })
            .collect();
        let mut d = json!({
            "@id": format!("{catalog}#{}", source.id),
            "@type": "dcat:Dataset",
            "dct:identifier": source.id,
            "dct:title": all(&|f| vec![f.name.clone()]),
            "dct:description": all(&|f| vec![f.description.clone()]),
            "dcat:keyword": all(&|f| f.keywords.clone()),
            "dcat:landingPage": facts.iter().map(|f| iri(&f.url)).collect::<Vec<_>>(),
            "dct:publisher": self.dcat_publishers(i),
            "dct:spatial": self.dcat_places(i),
            "dcat:distribution": distributions,
        });
        if let Some((a, b)) = source.years {
            d["dct:temporal"] = json!({
                "@type": "dct:PeriodOfTime",
                "dcat:startDate": typed(&a.to_string(), "xsd:gYear"),
                "dcat:endDate": typed(&b.to_string(), "xsd:gYear"),
            });
        }
        if let Some(date) = &source.modified {
            d["dct:modified"] = typed(date, "xsd:date");
        }
        d
    }

    /// The editions of each plan stating indicator `i`, once per plan, in first-use order.
    fn plan_editions(&self, i: usize) -> Vec<Vec<(&str, &crate::content::FrontMatter)>> {
        let site = self.site;
        let mut seen: Vec<&str> = Vec::new();
        for v in &site.indicators[i].values {
            if !seen.contains(&v.plan.as_str()) {
                seen.push(&v.plan);
            }
        }
        (seen.iter().filter_map(|p| site.plan(p)))
            .map(|p| {
                (site.config.languages.iter())
                    .filter_map(|l| p.doc(l).map(|d| (l.locale.as_str(), &d.front)))
                    .collect()
            })
            .collect()
    }

    /// The issuing governments as `foaf:Agent`s named in each language their plans are in
    /// (one per issuer of the source language).
    fn dcat_publishers(&self, i: usize) -> Vec<Json> {
        self.per_distinct(
            i,
            |f| &f.issuer,
            |names| json!({"@type": "foaf:Agent", "foaf:name": names}),
        )
    }

    /// The plans' regions as `dct:Location`s labelled in each language.
    fn dcat_places(&self, i: usize) -> Vec<Json> {
        self.per_distinct(
            i,
            |f| &f.region,
            |names| json!({"@type": "dct:Location", "skos:prefLabel": names}),
        )
    }

    /// One node per distinct `field` (in the source language) of indicator `i`'s plans, made by
    /// `node` from the field in each language of the plan.
    fn per_distinct(
        &self,
        i: usize,
        field: impl Fn(&crate::content::FrontMatter) -> &String,
        node: impl Fn(Vec<Json>) -> Json,
    ) -> Vec<Json> {
        let mut seen: Vec<String> = Vec::new();
        let mut out = Vec::new();
        for editions in self.plan_editions(i) {
            let Some((_, first)) = editions.first() else { continue };
            if seen.contains(field(first)) {
                continue;
            }
            seen.push(field(first).clone());
            out.push(node(editions.iter().map(|(loc, f)| tagged(field(f), loc)).collect()));
        }
        out
    }
}
