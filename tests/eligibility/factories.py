"""Building blocks for eligibility tests: the PIONEER set and small documents to vary."""

import copy
from functools import cache
from typing import Any

import yaml

from openadmit.eligibility import RequirementSet, load_requirement_set, requirement_file


@cache
def pioneer() -> RequirementSet:
    return load_requirement_set(requirement_file("pioneer", "2026-09"))


def pioneer_document() -> dict[str, Any]:
    """A fresh, mutable copy of the PIONEER document, to derive variants from."""
    return copy.deepcopy(pioneer().document())


def source(quote: str = "as published") -> dict[str, str]:
    return {"title": "Test programme page", "url": "https://example.org/programme", "quote": quote}


def minimal_document(**overrides: Any) -> dict[str, Any]:
    """The smallest valid requirement set: one deadline for everyone."""
    document = {
        "id": "test-2027-02",
        "version": "1",
        "programme": "test",
        "intake": "2027-02",
        "title": "Test programme",
        "time_zone": "Europe/Berlin",
        "criteria": [
            {
                "kind": "deadline",
                "id": "deadline",
                "title": "Application deadline",
                "source": source(),
                "deadlines": [
                    {
                        "category": "everyone",
                        "closes_on": "2026-11-15",
                        "label": "All applicants",
                        "source": source(),
                    }
                ],
            }
        ],
    }
    document.update(overrides)
    return document


def yaml_text(document: dict[str, Any]) -> str:
    return yaml.safe_dump(document, sort_keys=False, allow_unicode=True)


def leuven_law_graduate(**overrides: Any) -> dict[str, Any]:
    """A profile that PIONEER accepts (non-EEA, listed degree, IELTS 7.0), to vary one thing."""
    profile = {
        "nationalities": ["IN"],
        "degrees": [
            {
                "level": "bachelor",
                "title": "Bachelor in de rechten",
                "field": "law",
                "institution": "KU Leuven",
                "city": "Leuven",
                "country": "BE",
                "education_system": "BE-nl",
                "language_of_instruction": "nl",
            }
        ],
        "language_tests": [{"test": "ielts_academic", "overall": 7.0}],
    }
    profile.update(overrides)
    return profile


def check(profile: dict[str, Any], at: str = "2026-05-04T10:00:00+02:00", rs=None):
    """PIONEER's verdict (or another set's) for a profile dict at an ISO moment."""
    from datetime import datetime

    from openadmit.eligibility import evaluate, parse_profile

    return evaluate(rs or pioneer(), parse_profile(profile), datetime.fromisoformat(at))
