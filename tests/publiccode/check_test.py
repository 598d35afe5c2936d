"""The publiccode.yml checker: tavolo's own file passes, and a document with
one mistake of each kind (broken.yml) fails naming every one."""

import os
import subprocess
import sys
import unittest

import yaml

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
sys.path.insert(0, HERE)
import check  # noqa: E402


def load(name):
    with open(name, encoding="utf-8") as f:
        return yaml.safe_load(f)


class RepositoryFile(unittest.TestCase):
    def test_tavolo_file_conforms_and_matches_the_project_version(self):
        r = check.check(load(os.path.join(ROOT, "publiccode.yml")),
                        check.cmake_version(os.path.join(ROOT, "CMakeLists.txt")))
        self.assertEqual(r.errors, [])


class BrokenDocument(unittest.TestCase):
    def setUp(self):
        self.doc = load(os.path.join(HERE, "broken.yml"))
        self.errors = "\n".join(check.check(self.doc, "0.1.0").errors)

    def assertNamed(self, *fragments):
        for f in fragments:
            self.assertIn(f, self.errors)

    def test_every_mistake_is_named(self):
        self.assertNamed(
            "publiccodeYmlVersion: must be the string \"0.4\", found 0.4",
            "url: must be an absolute http(s) URL",
            "releaseDate: 2026-13-01 is not a day of the calendar",
            "softwareVersion: '9.9', while CMakeLists.txt says '0.1.0'",
            "platforms: 'amiga' is not one of",
            "categories: 'e-participation' is not in the standard's list",
            "developmentStatus: 'finished' is not one of",
            "softwareType: 'webapp' is not one of",
            "intendedAudience.countries: 'IT' is not a lowercase ISO 3166-1 code",
            "intendedAudience.scope: 'everything'",
            "description.en: missing",
            "description.it.shortDescription:",
            "description.it.longDescription: 13 characters, between 150 and 10000",
            "description.it.features: must be a list",
            "legal.license: not an SPDX licence expression: 'Proprietaria'",
            "maintenance.type: 'volunteers' is not one of",
            "localisation.localisationReady: must be true or false",
            "localisation.availableLanguages: 'en_GB' is not a BCP 47 language tag",
            "it.countryExtensionVersion: must be \"1.0\"",
            "it.conforme.accessibile: not a key of the standard",
            "it.piattaforme.spid: must be true or false",
        )

    def test_missing_required_keys_are_named(self):
        for key in check.REQUIRED_TOP:
            doc = dict(load(os.path.join(ROOT, "publiccode.yml")))
            del doc[key]
            self.assertIn(f"publiccode.yml: {key}: missing (required by the standard)",
                          check.check(doc).errors)

    def test_spdx_expressions(self):
        for good in ("EUPL-1.2", "AGPL-3.0-or-later OR MIT", "(MIT AND BSD-3-Clause) OR Apache-2.0",
                     "GPL-2.0-or-later WITH Classpath-exception-2.0", "LicenseRef-x"):
            self.assertIsNone(check.spdx_problem(good)[0], good)
        for bad in ("", "MIT OR", "(MIT", "MIT AND AND EUPL-1.2", "GPL", "MIT WITH nothing"):
            self.assertIsNotNone(check.spdx_problem(bad)[0], bad)

    def test_lengths_at_their_limits(self):
        doc = load(os.path.join(ROOT, "publiccode.yml"))
        it = doc["description"]["it"]
        for short, ok in (("x" * 150, True), ("x" * 151, False)):
            it["shortDescription"] = short
            self.assertEqual(not any("shortDescription" in e for e in check.check(doc).errors), ok)
        it["shortDescription"] = "breve"
        for long, ok in (("x" * 149, False), ("x" * 150, True), ("x" * 10000, True),
                         ("x" * 10001, False)):
            it["longDescription"] = long
            self.assertEqual(not any("longDescription" in e for e in check.check(doc).errors), ok)

    def test_the_command_fails_with_the_messages(self):
        run = subprocess.run([sys.executable, os.path.join(HERE, "check.py"),
                              os.path.join(HERE, "broken.yml")], capture_output=True, text=True)
        self.assertEqual(run.returncode, 1)
        self.assertIn("maintenance.type: 'volunteers'", run.stderr)
        ok = subprocess.run([sys.executable, os.path.join(HERE, "check.py"),
                             os.path.join(ROOT, "publiccode.yml"), "--cmake",
                             os.path.join(ROOT, "CMakeLists.txt")], capture_output=True, text=True)
        self.assertEqual(ok.returncode, 0, ok.stderr)
        self.assertIn("conforms to publiccode.yml 0.4", ok.stdout)


if __name__ == "__main__":
    unittest.main()
