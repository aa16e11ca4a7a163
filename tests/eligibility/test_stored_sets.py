"""Stored requirement sets compiled in bulk: the same verdicts, under the stored hash."""

import json
from datetime import date

from hypothesis import given, settings

from openadmit.catalogue.synthetic.requirements import requirement_document
from openadmit.eligibility import compile_requirement_set, load_requirement_set, requirement_file
from openadmit.eligibility.engine import StoredDocument, compile_stored
from openadmit.eligibility.requirement_set import parse_requirement_set
from tests.eligibility.strategies import moments, profiles

FIELDS = ("id", "version", "programme", "intake", "title", "time_zone")
PIONEER = load_requirement_set(requirement_file("pioneer", "2026-09"))
SYNTHETIC = [
    parse_requirement_set(requirement_document(template, intake=intake, time_zone=zone))
    for template in (0, 3, 12, 18)
    for intake in (date(2026, 9, 1), date(2027, 2, 1))
    for zone in ("Europe/Brussels", "Asia/Tokyo")
]


def stored(rs, sha256: str | None = None) -> StoredDocument:
    document = rs.document()
    return StoredDocument(
        sha256 or rs.sha256,
        {name: document[name] for name in FIELDS},
        json.dumps(document["criteria"]),
    )


@settings(max_examples=60)
@given(profiles(), moments())
def test_it_gives_a_stored_set_the_verdict_of_the_set_it_stores(profile, at):
    sets = [PIONEER, *SYNTHETIC]
    compiled = compile_stored([stored(rs) for rs in sets])
    for rs in sets:
        assert compiled[rs.sha256].evaluate(profile, at) == compile_requirement_set(rs).evaluate(
            profile, at
        )


def test_it_keeps_the_stored_hash_and_never_computes_it():
    document = stored(SYNTHETIC[0], sha256="stored-" + "0" * 57)
    compiled = compile_stored([document])[document.sha256]
    assert compiled.ruleset.sha256 == document.sha256
    # The hash a verdict names is the one stored, even where a fresh computation differs.
    assert compiled.requirement_set.sha256 == document.sha256 != SYNTHETIC[0].sha256
