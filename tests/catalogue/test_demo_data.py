from datetime import datetime
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest

from openadmit.audit.models import AuditEvent
from openadmit.catalogue.importing import do_load_demo
from openadmit.catalogue.models import Programme
from openadmit.catalogue.requirement_sets import rules_of
from openadmit.core.commands import prepare_database
from openadmit.eligibility.programme_files import requirement_file
from openadmit.eligibility.requirement_set import load_requirement_set

pytestmark = pytest.mark.django_db


def test_it_loads_pioneer_with_its_published_facts(demo):
    assert demo.slug == "pioneer"
    assert demo.short_name == "PIONEER"
    assert (
        demo.title == "Erasmus Mundus Master of Science in Public Sector Innovation and eGovernance"
    )
    assert demo.institution.slug == "ku-leuven"
    assert (demo.degree, demo.study_level, demo.study_mode) == ("MSc", "masters", "on_campus")
    assert (demo.subject_area, demo.subject) == ("Public Policy", "Public Policy")
    assert (demo.duration_months, demo.ects, demo.languages) == (24, 120, ["en"])
    assert (
        demo.application_fee,
        demo.application_fee_currency,
        demo.application_fee_refundable,
    ) == (Decimal("90.00"), "EUR", False)
    assert demo.consortium.name == "PIONEER consortium"
    assert [(m.institution.slug, m.role) for m in demo.consortium.members.all()] == [
        ("ku-leuven", "coordinator"),
        ("university-of-munster", "partner"),
        ("taltech", "partner"),
    ]
    assert [s.get("institution") for s in demo.mobility] == [
        "ku-leuven",
        "university-of-munster",
        "taltech",
        None,
    ]
    assert demo.institution.published_postgraduate_programmes == 105
    scholarship = demo.scholarships.get()
    assert (scholarship.monthly_amount, scholarship.months) == (Decimal("1400.00"), 24)


def test_it_stores_the_intake_requirement_set_exactly_as_validated(demo):
    intake = demo.intakes.get(code="2026-09")
    rules = load_requirement_set(requirement_file("pioneer", "2026-09"))
    assert intake.requirement_set.sha256 == rules.sha256
    assert intake.requirement_set.document == rules.document()
    assert rules_of(intake.requirement_set) == rules
    assert intake.closes_at == datetime(2026, 8, 31, 23, 59, 59, tzinfo=ZoneInfo("Europe/Brussels"))
    assert len(rules.degree.listed_degrees[0].degrees) == 39


def test_it_loads_the_demo_again_without_duplicates():
    do_load_demo()
    do_load_demo()
    assert Programme.objects.count() == 1
    assert AuditEvent.objects.filter(event="catalogue:programme:import").count() == 2


def test_it_loads_the_demo_only_into_an_empty_database():
    prepare_database()
    assert Programme.objects.filter(slug="pioneer").exists()
    Programme.objects.filter(slug="pioneer").update(title="Changed by an admin")
    prepare_database()
    assert Programme.objects.get(slug="pioneer").title == "Changed by an admin"
