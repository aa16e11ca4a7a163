"""Catalogue rows for tests, made through the same paths as real data."""

import itertools
from datetime import date

from openadmit.catalogue.models import Institution, Intake, Programme
from openadmit.catalogue.requirement_sets import store_requirement_set
from openadmit.catalogue.search.indexing import reindex
from openadmit.catalogue.synthetic.requirements import requirement_document
from openadmit.eligibility.requirement_set import parse_requirement_set

_numbers = itertools.count(1)


def make_institution(**fields) -> Institution:
    number = next(_numbers)
    values = {
        "name": f"Test University {number}",
        "slug": f"test-university-{number}",
        "country": "NL",
        "city": "Utrecht",
        "education_system": "NL",
        "time_zone": "Europe/Amsterdam",
    } | fields
    return Institution.objects.create(**values)


def make_programme(
    *,
    institution: Institution | None = None,
    template: int = 0,
    starts_on=date(2027, 9, 1),
    index=True,
    **fields,
) -> Programme:
    """A programme with one intake whose requirement set is a synthetic template."""
    institution = institution or make_institution()
    number = next(_numbers)
    values = {
        "slug": f"programme-{number}",
        "title": f"Master of Science in Testing {number}",
        "degree": "MSc",
        "study_level": "masters",
        "study_mode": "on_campus",
        "subject_area": "Natural Sciences",
        "subject": "Physics",
        "duration_months": 24,
        "ects": 120,
        "languages": ["en"],
        "overview": "A programme made for a test.",
    } | fields
    programme = Programme.objects.create(institution=institution, **values)
    rules = parse_requirement_set(
        requirement_document(template, intake=starts_on, time_zone=institution.time_zone)
    )
    Intake.objects.create(
        programme=programme,
        code=f"{starts_on:%Y-%m}",
        starts_on=starts_on,
        requirement_set=store_requirement_set(rules),
        closes_at=rules.latest_deadline(),
    )
    if index:
        reindex([programme.pk])
    return programme
