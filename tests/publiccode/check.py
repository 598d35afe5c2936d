#!/usr/bin/env python3
"""Checks a publiccode.yml against the standard it declares (0.4, with the
Italian extension 1.0): required keys, enumerated values, dates, the
description of each language with its length limits, localisation, the
licence as an SPDX expression and the URLs. There is no official parser in
this repository's languages; the rules below are the standard's own
(docs/standard/schema.core.rst and schema.it.rst of publiccodeyml/publiccode.yml).

    check.py FILE [--cmake CMakeLists.txt]

Prints every problem as "publiccode.yml: KEY: what is wrong" and exits 1 if
there is one; placeholders still to settle (an address under .invalid, a
LicenseRef licence) are printed as warnings. With --cmake, softwareVersion
must be the project's version there. Needs Debian's python3-yaml."""

import re
import sys
from datetime import date
from urllib.parse import urlparse

import yaml

REQUIRED_TOP = ["publiccodeYmlVersion", "name", "url", "platforms", "categories",
                "developmentStatus", "softwareType", "description", "legal",
                "maintenance", "localisation"]
PLATFORMS = {"web", "windows", "mac", "linux", "ios", "android"}
DEVELOPMENT_STATUS = {"concept", "development", "beta", "stable", "obsolete"}
SOFTWARE_TYPES = {"standalone/mobile", "standalone/iot", "standalone/desktop",
                  "standalone/web", "standalone/backend", "standalone/other",
                  "addon", "library", "configurationFiles"}
MAINTENANCE_TYPES = {"internal", "contract", "community", "none"}
CATEGORIES = set("""
accounting agile-project-management applicant-tracking application-development
appointment-scheduling backup billing-and-invoicing blog budgeting
business-intelligence business-process-management cad call-center-management
cloud-management collaboration communications compliance-management
contact-management content-management crm customer-service-and-support
data-analytics data-collection data-visualization design design-system
digital-asset-management digital-citizenship document-management
donor-management e-commerce e-signature educational-content email-management
email-marketing employee-management enterprise-project-management
enterprise-social-networking erp event-management facility-management
feedback-and-reviews-management financial-reporting fleet-management
fundraising gamification geographic-information-systems grant-management
graphic-design help-desk hr ide identity-management instant-messaging
inventory-management it-asset-management it-development it-management
it-security it-service-management knowledge-management
learning-management-system marketing mind-mapping mobile-marketing
mobile-payment network-management office online-booking online-community
payment-gateway payroll predictive-analysis procurement productivity-suite
project-collaboration project-management property-management
real-estate-management remote-support resource-management sales-management seo
service-desk social-media-management survey talent-management task-management
taxes-management test-management time-management time-tracking translation
video-conferencing video-editing visitor-management voip warehouse-management
web-collaboration web-conferencing website-builder whistleblowing
workflow-management""".split())
SCOPES = set("""agriculture culture defence education emergency-services employment
energy environment finance-and-economic-development foreign-affairs healthcare
infrastructures justice local-authorities manufacturing research
science-and-technology security society sport tourism transportation
welfare""".split())
# Open-source licences of the SPDX list a public body is likely to choose
# (AgID's guidelines recommend OSI-approved ones); anything else must be a
# LicenseRef- of the document's own.
SPDX_IDS = set("""0BSD AFL-3.0 AGPL-3.0-only AGPL-3.0-or-later Apache-2.0 Artistic-2.0
BSD-2-Clause BSD-3-Clause BSL-1.0 CC0-1.0 CC-BY-4.0 CC-BY-SA-4.0 CDDL-1.0 ECL-2.0
EPL-1.0 EPL-2.0 EUPL-1.1 EUPL-1.2 GPL-2.0-only GPL-2.0-or-later GPL-3.0-only
GPL-3.0-or-later ISC LGPL-2.1-only LGPL-2.1-or-later LGPL-3.0-only
LGPL-3.0-or-later MIT MIT-0 MPL-2.0 MS-PL OSL-3.0 PostgreSQL Unlicense UPL-1.0
Zlib""".split())
SPDX_EXCEPTIONS = {"Classpath-exception-2.0", "LLVM-exception", "GCC-exception-3.1",
                   "OpenJDK-assembly-exception-1.0"}
IT_CONFORME = {"lineeGuidaDesign", "modelloInteroperabilita", "misureMinimeSicurezza", "gdpr"}
IT_PIATTAFORME = {"spid", "cie", "anpr", "pagopa", "io"}
LANGUAGE_TAG = re.compile(r"^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$")


class Report:
    def __init__(self):
        self.errors, self.warnings = [], []

    def error(self, key, text):
        self.errors.append(f"publiccode.yml: {key}: {text}")

    def warn(self, key, text):
        self.warnings.append(f"publiccode.yml: {key}: {text}")


def is_url(value):
    if not isinstance(value, str):
        return False
    u = urlparse(value)
    return u.scheme in ("http", "https") and bool(u.netloc) and " " not in value


def check_url(r, key, value):
    if not is_url(value):
        r.error(key, f"must be an absolute http(s) URL, found {value!r}")
    elif urlparse(value).hostname.endswith(".invalid"):
        r.warn(key, f"{value} is a placeholder (.invalid): put the real address")


def check_date(r, key, value):
    # YAML reads an unquoted 2026-11-27 as a date; the standard wants the
    # string "YYYY-MM-DD" either way.
    text = value.isoformat() if isinstance(value, date) else value
    if not isinstance(text, str) or not re.fullmatch(r"\d{4}-\d{2}-\d{2}", text):
        r.error(key, f"must be a date as YYYY-MM-DD, found {value!r}")
        return
    try:
        date.fromisoformat(text)
    except ValueError:
        r.error(key, f"{text} is not a day of the calendar")


def spdx_problem(expression):
    """What is wrong with an SPDX licence expression, or None; and whether
    it names a LicenseRef (a licence outside the SPDX list)."""
    if not isinstance(expression, str) or not expression.strip():
        return "must be an SPDX licence expression", False
    tokens = re.findall(r"\(|\)|[^\s()]+", expression)
    pos, refs = 0, False

    def term():
        nonlocal pos, refs
        if pos >= len(tokens):
            raise ValueError("ends where a licence was expected")
        t = tokens[pos]
        pos += 1
        if t == "(":
            expr()
            if pos >= len(tokens) or tokens[pos] != ")":
                raise ValueError("a parenthesis is not closed")
            pos += 1
            return
        if re.fullmatch(r"(DocumentRef-[A-Za-z0-9.-]+:)?LicenseRef-[A-Za-z0-9.-]+", t):
            refs = True
        elif t.rstrip("+") not in SPDX_IDS:
            raise ValueError(f"{t!r} is not an SPDX licence identifier of an open-source licence")
        if pos < len(tokens) and tokens[pos] == "WITH":
            if pos + 1 >= len(tokens) or tokens[pos + 1] not in SPDX_EXCEPTIONS:
                raise ValueError("WITH must name an SPDX licence exception")
            pos += 2

    def expr():
        nonlocal pos
        term()
        while pos < len(tokens) and tokens[pos] in ("AND", "OR"):
            pos += 1
            term()

    try:
        expr()
        if pos != len(tokens):
            raise ValueError(f"unexpected {tokens[pos]!r}")
    except ValueError as e:
        return f"not an SPDX licence expression: {e}", False
    return None, refs


def check_description(r, description):
    if not isinstance(description, dict) or not description:
        r.error("description", "must hold at least one language")
        return
    for lang in ("it", "en"):
        if lang not in description:
            r.error(f"description.{lang}", "missing: tavolo is described in Italian and English")
    for lang, d in description.items():
        key = f"description.{lang}"
        if not LANGUAGE_TAG.match(str(lang)):
            r.error(key, "the section must be named by a BCP 47 language tag")
        if not isinstance(d, dict):
            r.error(key, "must be a mapping")
            continue
        short = d.get("shortDescription")
        if not isinstance(short, str) or not short.strip():
            r.error(f"{key}.shortDescription", "missing")
        elif len(short) > 150:
            r.error(f"{key}.shortDescription", f"{len(short)} characters, at most 150")
        elif "\n" in short.strip():
            r.error(f"{key}.shortDescription", "must be a single line")
        long = d.get("longDescription")
        if not isinstance(long, str):
            r.error(f"{key}.longDescription", "missing")
        elif not 150 <= len(long) <= 10000:
            r.error(f"{key}.longDescription", f"{len(long)} characters, between 150 and 10000")
        features = d.get("features")
        if not isinstance(features, list) or not features or \
                not all(isinstance(f, str) and f.strip() for f in features):
            r.error(f"{key}.features", "must be a list of features, each a text")
        if "genericName" in d and len(str(d["genericName"])) > 35:
            r.error(f"{key}.genericName", "at most 35 characters")
        for field in ("documentation", "apiDocumentation"):
            if field in d:
                check_url(r, f"{key}.{field}", d[field])


def check_maintenance(r, m):
    if not isinstance(m, dict):
        r.error("maintenance", "must be a mapping")
        return
    kind = m.get("type")
    if kind not in MAINTENANCE_TYPES:
        r.error("maintenance.type", f"{kind!r} is not one of {sorted(MAINTENANCE_TYPES)}")
    if kind in ("internal", "community"):
        contacts = m.get("contacts")
        if not isinstance(contacts, list) or not contacts or \
                not all(isinstance(c, dict) and c.get("name") for c in contacts):
            r.error("maintenance.contacts", f"a {kind} maintenance needs contacts, each with a name")
    if kind == "contract":
        contractors = m.get("contractors")
        if not isinstance(contractors, list) or not contractors:
            r.error("maintenance.contractors", "a contract maintenance needs contractors")
        for i, c in enumerate(contractors or []):
            if not isinstance(c, dict) or not c.get("name"):
                r.error(f"maintenance.contractors[{i}].name", "missing")
            else:
                check_date(r, f"maintenance.contractors[{i}].until", c.get("until"))


def check_localisation(r, loc):
    if not isinstance(loc, dict):
        r.error("localisation", "must be a mapping")
        return
    if not isinstance(loc.get("localisationReady"), bool):
        r.error("localisation.localisationReady", "must be true or false")
    languages = loc.get("availableLanguages")
    if not isinstance(languages, list) or not languages:
        r.error("localisation.availableLanguages", "must list at least one language")
        return
    for lang in languages:
        if not isinstance(lang, str) or not LANGUAGE_TAG.match(lang):
            r.error("localisation.availableLanguages", f"{lang!r} is not a BCP 47 language tag")


def check_italy(r, it):
    if not isinstance(it, dict):
        r.error("it", "must be a mapping")
        return
    if it.get("countryExtensionVersion") != "1.0":
        r.error("it.countryExtensionVersion", 'must be "1.0"')
    for section, keys in (("conforme", IT_CONFORME), ("piattaforme", IT_PIATTAFORME)):
        for key, value in (it.get(section) or {}).items():
            if key not in keys:
                r.error(f"it.{section}.{key}", f"not a key of the standard ({sorted(keys)})")
            elif not isinstance(value, bool):
                r.error(f"it.{section}.{key}", "must be true or false")


def check_lists(r, doc):
    platforms = doc.get("platforms")
    platforms = [platforms] if isinstance(platforms, str) else platforms
    if not isinstance(platforms, list) or not platforms:
        r.error("platforms", "must name at least one platform")
    else:
        for p in platforms:
            if p not in PLATFORMS:
                r.error("platforms", f"{p!r} is not one of {sorted(PLATFORMS)}")
    categories = doc.get("categories")
    if not isinstance(categories, list) or not categories:
        r.error("categories", "must list at least one category")
    else:
        for c in categories:
            if c not in CATEGORIES:
                r.error("categories", f"{c!r} is not in the standard's list of categories")
    audience = doc.get("intendedAudience") or {}
    for s in audience.get("scope") or []:
        if s not in SCOPES:
            r.error("intendedAudience.scope", f"{s!r} is not in the standard's scope list")
    for key in ("countries", "unsupportedCountries"):
        for c in audience.get(key) or []:
            if not isinstance(c, str) or not re.fullmatch(r"[a-z]{2}", c):
                r.error(f"intendedAudience.{key}", f"{c!r} is not a lowercase ISO 3166-1 code")


def check(doc, project_version=None):
    r = Report()
    if not isinstance(doc, dict):
        r.error("(document)", "must be a YAML mapping")
        return r
    for key in REQUIRED_TOP:
        if key not in doc:
            r.error(key, "missing (required by the standard)")
    version = doc.get("publiccodeYmlVersion")
    if "publiccodeYmlVersion" in doc and version != "0.4":
        r.error("publiccodeYmlVersion", f'must be the string "0.4", found {version!r}')
    if "name" in doc and (not isinstance(doc["name"], str) or not doc["name"].strip()):
        r.error("name", "must be a text")
    if "url" in doc:
        check_url(r, "url", doc["url"])
    for key in ("landingURL", "roadmap"):
        if key in doc:
            check_url(r, key, doc[key])
    if "releaseDate" in doc:
        check_date(r, "releaseDate", doc["releaseDate"])
    if project_version and str(doc.get("softwareVersion")) != project_version:
        r.error("softwareVersion", f"{doc.get('softwareVersion')!r}, while CMakeLists.txt "
                f"says {project_version!r}")
    if "developmentStatus" in doc and doc["developmentStatus"] not in DEVELOPMENT_STATUS:
        r.error("developmentStatus", f"{doc['developmentStatus']!r} is not one of "
                f"{sorted(DEVELOPMENT_STATUS)}")
    if "softwareType" in doc and doc["softwareType"] not in SOFTWARE_TYPES:
        r.error("softwareType", f"{doc['softwareType']!r} is not one of {sorted(SOFTWARE_TYPES)}")
    check_lists(r, doc)
    if "description" in doc:
        check_description(r, doc["description"])
    legal = doc.get("legal")
    if "legal" in doc:
        problem, refs = spdx_problem(legal.get("license") if isinstance(legal, dict) else None)
        if problem:
            r.error("legal.license", problem)
        elif refs:
            r.warn("legal.license", "names a LicenseRef: choose an open-source licence")
    if "maintenance" in doc:
        check_maintenance(r, doc["maintenance"])
    if "localisation" in doc:
        check_localisation(r, doc["localisation"])
    if "it" in doc:
        check_italy(r, doc["it"])
    return r


def cmake_version(path):
    with open(path, encoding="utf-8") as f:
        m = re.search(r"project\(\s*\w+\s+VERSION\s+([0-9.]+)", f.read())
    return m.group(1) if m else None


def main(argv):
    if len(argv) not in (2, 4) or (len(argv) == 4 and argv[2] != "--cmake"):
        print(__doc__, file=sys.stderr)
        return 2
    with open(argv[1], encoding="utf-8") as f:
        try:
            doc = yaml.safe_load(f)
        except yaml.YAMLError as e:
            print(f"publiccode.yml: not YAML: {e}", file=sys.stderr)
            return 1
    r = check(doc, cmake_version(argv[3]) if len(argv) == 4 else None)
    for w in r.warnings:
        print(f"warning: {w}")
    for e in r.errors:
        print(e, file=sys.stderr)
    if not r.errors:
        print(f"{argv[1]}: conforms to publiccode.yml 0.4")
    return 1 if r.errors else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
