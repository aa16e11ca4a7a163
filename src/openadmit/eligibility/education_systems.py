"""Which education system a prior degree belongs to.

The applicant may say (BE-nl, BE-fr, BE-de); otherwise the institution registry
(``data/institutions.yaml``) decides by the institution's name or slug; otherwise the
country, except in a country with several systems, where it stays unknown.
"""

from functools import cache
from pathlib import Path

import yaml

from openadmit.eligibility.profile import PriorDegree

INSTITUTIONS_FILE = Path(__file__).resolve().parent.parent / "data" / "institutions.yaml"

# Belgium's Communities each run their own higher education.
SEVERAL_SYSTEMS = frozenset({"BE"})

SYSTEM_NAMES = {
    "BE-nl": "the Flemish Community of Belgium",
    "BE-fr": "the French Community of Belgium",
    "BE-de": "the German-speaking Community of Belgium",
}


def normalise(text: str) -> str:
    """Case- and spacing-insensitive form used to match names, titles and fields."""
    return " ".join(text.casefold().replace("’", "'").split())


@cache
def registry() -> dict[str, str]:
    """Institution name or slug (normalised) -> education system."""
    document = yaml.safe_load(INSTITUTIONS_FILE.read_text(encoding="utf-8"))
    systems: dict[str, str] = {}
    for institution in document["institutions"]:
        for key in (institution["name"], institution["slug"]):
            systems[normalise(key)] = institution["education_system"]
    return systems


def education_system(degree: PriorDegree) -> str | None:
    """The degree's education system code, or None when it cannot be told."""
    if degree.education_system:
        return degree.education_system
    if degree.institution:
        known = registry().get(normalise(degree.institution))
        if known:
            return known
    if degree.country and degree.country not in SEVERAL_SYSTEMS:
        return degree.country
    return None
