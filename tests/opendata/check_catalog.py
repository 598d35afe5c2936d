#!/usr/bin/env python3
"""Checks a running tavolo's open-data catalogue as a harvester would.

Fetches /api/v1/public/catalog.ttl and catalog.jsonld, parses both with
rdflib (a real RDF parser: Debian's python3-rdflib), and checks that the two
graphs are isomorphic, that every dataset has DCAT-AP_IT's mandatory
properties with identifiers under the configured IPA code, that every
distribution carries the configured licence and that its URLs answer 200
with the type it states; then reads a plan's two CSV variants with Python's
csv module. Prints one JSON object: counts and a list of problems (empty
when all is well). Called by tests/integration/open_data_test.cpp.

usage: check_catalog.py BASE_URL IPA_CODE LICENCE_URL LICENCE_NAME
"""
import csv
import io
import json
import sys
import urllib.error
import urllib.request

from rdflib import Graph, Literal, Namespace, URIRef
from rdflib.compare import isomorphic
from rdflib.namespace import RDF, XSD

DCATAPIT = Namespace("http://dati.gov.it/onto/dcatapit#")
DCAT = Namespace("http://www.w3.org/ns/dcat#")
DCT = Namespace("http://purl.org/dc/terms/")
FOAF = Namespace("http://xmlns.com/foaf/0.1/")
EU = "http://publications.europa.eu/resource/authority/"
IANA = "http://www.iana.org/assignments/media-types/"

MANDATORY = {
    "identifier": DCT['identifier'], "title": DCT['title'], "description": DCT['description'],
    "modified": DCT['modified'], "theme": DCAT.theme, "rightsHolder": DCT['rightsHolder'],
    "accrualPeriodicity": DCT['accrualPeriodicity'], "publisher": DCT['publisher'],
    "contactPoint": DCAT.contactPoint, "language": DCT['language'],
    "distribution": DCAT.distribution,
}

problems = []


def fetch(url):
    try:
        with urllib.request.urlopen(url, timeout=10) as r:
            return r.status, r.headers.get("Content-Type", ""), r.read()
    except urllib.error.HTTPError as e:
        return e.code, e.headers.get("Content-Type", ""), e.read()


def graph_at(url, expected_type, rdf_format):
    status, content_type, body = fetch(url)
    if status != 200 or content_type != expected_type:
        problems.append(f"{url}: {status} {content_type}, expected 200 {expected_type}")
        return Graph()
    return Graph().parse(data=body.decode("utf-8"), format=rdf_format)


def check_datasets(g, ipa_code):
    datasets = set(g.subjects(RDF.type, DCATAPIT.Dataset))
    catalogs = list(g.subjects(RDF.type, DCATAPIT.Catalog))
    if len(catalogs) != 1:
        problems.append(f"{len(catalogs)} dcatapit:Catalog, expected 1")
    elif set(g.objects(catalogs[0], DCAT.dataset)) != datasets:
        problems.append("the catalogue does not list exactly its datasets")
    for d in datasets:
        for name, p in MANDATORY.items():
            if g.value(d, p) is None:
                problems.append(f"{d}: no {name}")
        identifier = str(g.value(d, DCT['identifier']))
        if not identifier.startswith(ipa_code + ":"):
            problems.append(f"{d}: identifier {identifier} not under {ipa_code}")
        modified = g.value(d, DCT['modified'])
        if not isinstance(modified, Literal) or modified.datatype != XSD.date:
            problems.append(f"{d}: modified {modified!r} is not an xsd:date")
        if g.value(d, DCAT.theme) != URIRef(EU + "data-theme/GOVE"):
            problems.append(f"{d}: theme {g.value(d, DCAT.theme)}")
        if g.value(d, DCT['accrualPeriodicity']) != URIRef(EU + "frequency/ANNUAL"):
            problems.append(f"{d}: accrualPeriodicity {g.value(d, DCT['accrualPeriodicity'])}")
        holder = g.value(d, DCT['rightsHolder'])
        if (holder, RDF.type, DCATAPIT.Agent) not in g or \
                str(g.value(holder, DCT['identifier'])) != ipa_code:
            problems.append(f"{d}: rights holder {holder} is not the agent {ipa_code}")
        if {t.language for t in g.objects(d, DCT['title'])} != {"it", "en"}:
            problems.append(f"{d}: titles not in it and en")
    return datasets


def check_distributions(g, datasets, licence_url, licence_name):
    licence = URIRef(licence_url)
    if (licence, RDF.type, DCATAPIT.LicenseDocument) not in g or \
            str(g.value(licence, FOAF.name)) != licence_name:
        problems.append(f"no dcatapit:LicenseDocument {licence_url} named {licence_name}")
    checked = 0
    for d in datasets:
        for dist in g.objects(d, DCAT.distribution):
            if (dist, RDF.type, DCATAPIT.Distribution) not in g:
                problems.append(f"{dist}: not a dcatapit:Distribution")
            if g.value(dist, DCT['license']) != licence:
                problems.append(f"{dist}: licence {g.value(dist, DCT['license'])}")
            if not str(g.value(dist, DCT['format'])).startswith(EU + "file-type/"):
                problems.append(f"{dist}: format {g.value(dist, DCT['format'])}")
            media_type = str(g.value(dist, DCAT.mediaType)).removeprefix(IANA)
            for p in (DCAT.accessURL, DCAT.downloadURL):
                url = g.value(dist, p)
                if url is None:
                    problems.append(f"{dist}: no {p}")
                    continue
                status, content_type, _ = fetch(str(url))
                checked += 1
                if status != 200 or content_type.split(";")[0] != media_type:
                    problems.append(f"{url}: {status} {content_type}, expected {media_type}")
    return checked


def csv_rows(base, slug, year, variant, lang):
    url = f"{base}/api/v1/public/communities/{slug}/plans/{year}?format={variant}&lang={lang}"
    status, content_type, body = fetch(url)
    if status != 200 or content_type != "text/csv; charset=utf-8; header=present":
        problems.append(f"{url}: {status} {content_type}")
        return [], b""
    if variant == "csv-excel-it":
        if not body.startswith(b"\xef\xbb\xbf"):
            problems.append(f"{url}: no byte order mark")
        text, delimiter = body.decode("utf-8-sig"), ";"
    else:
        if body.startswith(b"\xef\xbb\xbf"):
            problems.append(f"{url}: a byte order mark in the comma variant")
        text, delimiter = body.decode("utf-8"), ","
    header_end = text.find("\n")
    if not text.endswith("\r\n") or text[header_end - 1] != "\r":
        problems.append(f"{url}: records do not end with CRLF")
    return list(csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)), body


def check_csv(base, g, datasets):
    """The first dataset's plan, both CSV variants: the same rows, accents intact."""
    if not datasets:
        problems.append("no dataset to read a CSV of")
        return {}
    landing = str(g.value(sorted(datasets)[0], DCAT.landingPage))
    path = landing.split("/api/v1/public/communities/")[1].split("?")[0]
    slug, _, year = path.split("/")
    _, _, doc = fetch(f"{base}/api/v1/public/communities/{slug}/plans/{year}?format=json")
    doc = json.loads(doc)
    plain, _ = csv_rows(base, slug, year, "csv", "it")
    excel, raw = csv_rows(base, slug, year, "csv-excel-it", "it")
    english, _ = csv_rows(base, slug, year, "csv-excel-it", "en")
    if not plain or plain != excel:
        problems.append("the two CSV variants do not hold the same cells")
        return {}
    header = plain[0]
    if len(plain) != len(doc["objectives"]) + 1 or any(len(r) != len(header) for r in plain):
        problems.append(f"{len(plain)} CSV rows of {len(header)} columns for "
                        f"{len(doc['objectives'])} objectives")
    column = {name: i for i, name in enumerate(header)}
    for row in plain[1:]:
        if row[column["comunita"]] != doc["community"]["name"]:
            problems.append(f"community {row[column['comunita']]!r}, not {doc['community']['name']!r}")
        if row[column["stato_piano"]] != "pubblicata":
            problems.append(f"plan status {row[column['stato_piano']]!r} in Italian")
    for row in english[1:]:
        if row[english[0].index("plan_status")] != "published":
            problems.append("plan status not in English")
    return {"slug": slug, "columns": len(header), "rows": len(plain) - 1,
            "community": plain[1][column["comunita"]] if len(plain) > 1 else "",
            "bom": raw.startswith(b"\xef\xbb\xbf")}


def main():
    base, ipa_code, licence_url, licence_name = sys.argv[1:5]
    turtle = graph_at(base + "/api/v1/public/catalog.ttl", "text/turtle; charset=utf-8", "turtle")
    json_ld = graph_at(base + "/api/v1/public/catalog.jsonld", "application/ld+json", "json-ld")
    same = len(turtle) > 0 and isomorphic(turtle, json_ld)
    if not same:
        problems.append(f"the Turtle ({len(turtle)} triples) and JSON-LD ({len(json_ld)}) differ")
    datasets = check_datasets(turtle, ipa_code)
    checked = check_distributions(turtle, datasets, licence_url, licence_name)
    report = {
        "triples": len(turtle),
        "isomorphic": same,
        "datasets": len(datasets),
        "identifiers": sorted(str(turtle.value(d, DCT['identifier'])) for d in datasets),
        "urls_checked": checked,
        "csv": check_csv(base, turtle, datasets),
        "problems": problems,
    }
    print(json.dumps(report, ensure_ascii=False))


if __name__ == "__main__":
    main()
