"""The demo catalogue (PIONEER) and applicant profiles, for the self-check's tests."""

import pytest

from openadmit.catalogue.service import load_demo_when_empty


@pytest.fixture
def pioneer_catalogue(db):
    load_demo_when_empty()


def passing_profile(**overrides) -> dict:
    """A Flemish law graduate with IELTS 7.0: PIONEER accepts them."""
    profile = {
        "nationalities": ["IN"],
        "degrees": [
            {"level": "bachelor", "title": "Bachelor in de rechten", "field": "law",
             "institution": "KU Leuven", "city": "Leuven", "country": "BE",
             "education_system": "BE-nl", "language_of_instruction": "nl"}
        ],
        "language_tests": [{"test": "ielts_academic", "overall": 7.0}],
    }  # fmt: skip
    profile.update(overrides)
    return profile
