"""Checks a built portal's open-data metadata with the standard tools (run by tests/open_metadata.rs).

    python check.py SITE_DIR [--only packages|catalog|pages]

- packages: `frictionless validate` of data/datapackage.json (every CSV against its Table Schema:
  types, required fields, enums, primary and foreign keys).
- catalog: data/catalog.jsonld parsed as RDF (rdflib) and its DCAT-AP mandatory and issue #21
  properties checked.
- pages: every indicator page's schema.org JSON-LD expanded with pyld, required properties and
  description lengths checked; the indicator list page's DataCatalog too.

Prints one line per problem and `N passed, N failed` at the end; exits 1 on any problem.
Nothing here touches the network: the pages name the schema.org context by URL, which pyld is
given from a local stand-in (the build is checked offline, as it is made).
"""

import json
import sys
from html.parser import HTMLParser
from pathlib import Path

failures = []
passes = 0


def check(ok, what):
    global passes
    if ok:
        passes += 1
    else:
        failures.append(what)
        print(f"FAIL {what}")


def packages(site):
    from frictionless import Package

    package = Package(str(site / "data" / "datapackage.json"))
    report = package.validate()
    check(report.valid, "frictionless validate data/datapackage.json")
    if not report.valid:
        for task in report.tasks:
            for error in task.errors[:5]:
                print(f"  {task.name}: {error.type}: {error.message}")
        for error in report.errors[:5]:
            print(f"  package: {error.type}: {error.message}")
    names = {r.name for r in package.resources}
    check("indicators" in names and "monitoring" in names, "the package lists indicators and monitoring")
    csvs = {p.relative_to(site / "data").as_posix() for p in (site / "data").rglob("*.csv")}
    paths = {r.path for r in package.resources}
    check(csvs == paths, f"the package describes every CSV (missing {sorted(csvs - paths)[:5]})")
    for r in package.resources:
        check(r.schema.primary_key, f"{r.name} has a primary key")
        kind = r.schema.get_field("kind") if r.schema.has_field("kind") else None
        if kind is not None:
            check(bool(kind.constraints.get("enum")), f"{r.name}: kind has an enum")
    for p in sorted(csvs):
        raw = (site / "data" / p).read_bytes()
        check(raw.startswith(b"\xef\xbb\xbf"), f"{p} starts with a UTF-8 BOM")
        body = raw[3:]
        check(body.split(b"\n", 1)[0].endswith(b"\r") and body.endswith(b"\r\n"), f"{p} ends its records with CRLF")


def catalog(site, indicator_count):
    from rdflib import Graph, Literal, Namespace, RDF

    DCAT = Namespace("http://www.w3.org/ns/dcat#")
    DCT = Namespace("http://purl.org/dc/terms/")
    g = Graph()
    g.parse(str(site / "data" / "catalog.jsonld"), format="json-ld")
    catalogs = list(g.subjects(RDF.type, DCAT.Catalog))
    check(len(catalogs) == 1, f"one dcat:Catalog (found {len(catalogs)})")
    languages = json.loads((site / "data" / "catalog.jsonld").read_text("utf-8"))["dct:language"]
    for c in catalogs:
        for p in (DCT.title, DCT.description, DCT.publisher, DCT.license, DCAT.dataset):
            check(g.value(c, p) is not None, f"catalogue has {p.n3(g.namespace_manager)}")
    datasets = list(g.subjects(RDF.type, DCAT.Dataset))
    check(len(datasets) == indicator_count, f"{len(datasets)} dcat:Datasets for {indicator_count} indicator pages")
    for d in datasets:
        name = g.value(d, DCT.identifier)
        for p in (DCT.title, DCT.description):
            langs = {o.language for o in g.objects(d, p) if isinstance(o, Literal)}
            check(set(languages) <= langs, f"{name}: {p.n3(g.namespace_manager)} in {languages} (has {langs})")
        for p in (DCT.publisher, DCT.spatial, DCT.temporal, DCAT.distribution, DCAT.keyword, DCT.modified):
            check(g.value(d, p) is not None, f"{name}: has {p.n3(g.namespace_manager)}")
        for t in g.objects(d, DCT.temporal):
            check(g.value(t, DCAT.startDate) is not None and g.value(t, DCAT.endDate) is not None,
                  f"{name}: dct:temporal has a start and an end")
        dists = list(g.objects(d, DCAT.distribution))
        check(len(dists) == 2, f"{name}: a CSV and a JSON distribution")
        for x in dists:
            for p in (DCAT.accessURL, DCAT.downloadURL, DCT["format"], DCAT.mediaType, DCT.license):
                check(g.value(x, p) is not None, f"{name}: distribution has {p.n3(g.namespace_manager)}")


class Scripts(HTMLParser):
    """The JSON-LD blocks, the <html lang> and the <h1> text of a page."""

    def __init__(self):
        super().__init__()
        self.blocks, self.lang, self.h1 = [], None, ""
        self._in_ld = self._in_h1 = False

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "html":
            self.lang = a.get("lang")
        if tag == "script" and a.get("type") == "application/ld+json":
            self._in_ld = True
            self.blocks.append("")
        if tag == "h1":
            self._in_h1 = True

    def handle_endtag(self, tag):
        if tag == "script":
            self._in_ld = False
        if tag == "h1":
            self._in_h1 = False

    def handle_data(self, data):
        if self._in_ld:
            self.blocks[-1] += data
        if self._in_h1:
            self.h1 += data


SCHEMA = "http://schema.org/"
# A stand-in for https://schema.org/'s context: its vocabulary and the IRI-valued properties used here.
LOCAL_CONTEXT = {
    "@context": {
        "@vocab": SCHEMA,
        "schema": SCHEMA,
        **{k: {"@id": f"schema:{k}", "@type": "@id"} for k in ("url", "license", "contentUrl")},
    }
}


def loader(url, options=None):
    if url.rstrip("/") in ("https://schema.org", "http://schema.org"):
        return {"contentType": "application/ld+json", "contextUrl": None, "documentUrl": url, "document": LOCAL_CONTEXT}
    raise RuntimeError(f"the page needs a remote document: {url}")


def values(node, prop):
    return node.get(SCHEMA + prop, [])


def one_text(node, prop):
    vs = values(node, prop)
    return vs[0].get("@value") if vs and "@value" in vs[0] else None


REQUIRED = ("name", "description", "url", "identifier", "keywords", "creator", "publisher", "spatialCoverage",
            "temporalCoverage", "license", "isAccessibleForFree", "dateModified", "distribution", "inLanguage")


def page_ld(path):
    from pyld import jsonld

    p = Scripts()
    p.feed(path.read_text("utf-8"))
    check(len(p.blocks) == 1, f"{path}: one JSON-LD block (found {len(p.blocks)})")
    if not p.blocks:
        return None, p
    doc = json.loads(p.blocks[0])
    expanded = jsonld.expand(doc, {"documentLoader": loader})
    check(len(expanded) == 1, f"{path}: the JSON-LD is one node")
    return expanded[0], p


def pages(site):
    for lang_dir in sorted(d for d in site.iterdir() if (d / "indicators" / "index.html").is_file()):
        index, _ = page_ld(lang_dir / "indicators" / "index.html")
        pages = sorted(p for p in (lang_dir / "indicators").glob("*/index.html") if p.parent.name != "embed")
        if index is not None:
            check(index.get("@type") == [SCHEMA + "DataCatalog"], f"{lang_dir.name}: the indicator list is a DataCatalog")
            check(len(values(index, "dataset")) == len(pages), f"{lang_dir.name}: the catalogue lists every indicator")
        for path in pages:
            node, p = page_ld(path)
            if node is None:
                continue
            check(node.get("@type") == [SCHEMA + "Dataset"], f"{path}: a schema.org Dataset")
            for prop in REQUIRED:
                check(bool(values(node, prop)), f"{path}: has {prop}")
            desc = one_text(node, "description") or ""
            check(50 <= len(desc) <= 5000, f"{path}: description of {len(desc)} characters (50 to 5,000)")
            check(one_text(node, "inLanguage") == p.lang, f"{path}: inLanguage is the page's lang {p.lang}")
            name = one_text(node, "name") or ""
            check(name and name in " ".join(p.h1.split()), f"{path}: name {name!r} is the page's heading {p.h1!r}")
            for d in values(node, "distribution"):
                check(bool(values(d, "contentUrl")) and bool(values(d, "encodingFormat")),
                      f"{path}: each distribution has contentUrl and encodingFormat")


def main():
    site = Path(sys.argv[1])
    only = sys.argv[3] if len(sys.argv) > 3 and sys.argv[2] == "--only" else None
    if only in (None, "packages"):
        packages(site)
    if only in (None, "pages"):
        pages(site)
    if only in (None, "catalog"):
        first = min(d for d in site.iterdir() if (d / "indicators" / "index.html").is_file())
        catalog(site, len(list((first / "indicators").glob("*/index.html"))))
    print(f"{passes} passed, {len(failures)} failed")
    sys.exit(1 if failures else 0)


if __name__ == "__main__":
    main()
