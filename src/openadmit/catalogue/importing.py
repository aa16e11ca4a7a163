"""Importing programmes from their data folders, and the demo catalogue.

A folder `data/programmes/<slug>/` holds `programme.yaml` (catalogue facts) and one
folder per intake with its `requirements.yaml` (the admission rules, validated by the
eligibility package and stored as they are). Institutions come from the registry
`data/institutions.yaml`.
"""

from pathlib import Path

import yaml
from django.db import transaction

from openadmit.audit.service import record_event
from openadmit.catalogue.constants import CatalogueEvent
from openadmit.catalogue.models import (
    Institution,
    Intake,
    Programme,
    Scholarship,
)
from openadmit.catalogue.programme_file import ProgrammeFileError, read_programme_file
from openadmit.catalogue.requirement_sets import store_requirement_set
from openadmit.catalogue.search.indexing import reindex
from openadmit.consortia.models import Consortium, ConsortiumMember
from openadmit.eligibility.programme_files import PROGRAMMES_DIR, REQUIREMENTS_FILE
from openadmit.eligibility.publishing import publishable_requirement_set

DATA_DIR = PROGRAMMES_DIR.parent
REGISTRY = DATA_DIR / "institutions.yaml"
DEMO_PROGRAMMES = ("pioneer",)
INSTITUTION_FIELDS = ("name", "country", "city", "education_system", "website", "time_zone")


def do_load_institutions(*, actor=None, path: Path = REGISTRY) -> int:
    """Create or update every institution of the registry; returns how many it holds."""
    entries = yaml.safe_load(path.read_text(encoding="utf-8"))["institutions"]
    with transaction.atomic():
        for entry in entries:
            institution, created = Institution.objects.update_or_create(
                slug=entry["slug"],
                defaults={field: entry.get(field, "") for field in INSTITUTION_FIELDS},
            )
            if created:
                record_event(CatalogueEvent.INSTITUTION_CREATE, actor=actor, target=institution)
    return len(entries)


def do_import_programme(folder: Path, *, actor=None) -> Programme:
    """Create or replace one programme, its intakes and scholarships, from its folder.

    All or nothing: a file that does not validate raises (naming the file and field)
    before anything is written.
    """
    facts = read_programme_file(folder / "programme.yaml")
    rules_by_intake = {}
    for intake in facts.intakes:
        # Refused when its clauses conflict or the cases beside it fail.
        rules = publishable_requirement_set(folder / intake.code)
        if (rules.programme, rules.intake) != (facts.slug, intake.code):
            path = folder / intake.code / REQUIREMENTS_FILE
            raise ProgrammeFileError(
                f"{path}: is for {rules.programme} {rules.intake}, not {facts.slug} {intake.code}"
            )
        rules_by_intake[intake.code] = rules
    members = facts.consortium.members if facts.consortium else []
    slugs = {facts.listed_institution.slug, *(m.institution for m in members)}
    slugs |= {s.institution for s in facts.mobility if s.institution}
    institutions = Institution.objects.in_bulk(slugs, field_name="slug")
    if missing := sorted(slugs - set(institutions)):
        raise ProgrammeFileError(
            f"{folder / 'programme.yaml'}: unknown institutions {', '.join(missing)}"
        )
    listed = institutions[facts.listed_institution.slug]

    with transaction.atomic():
        if facts.listed_institution.published_postgraduate_programmes is not None:
            listed.published_postgraduate_programmes = (
                facts.listed_institution.published_postgraduate_programmes
            )
            listed.save(update_fields=["published_postgraduate_programmes"])
        fee = facts.application_fee
        programme, created = Programme.objects.update_or_create(
            slug=facts.slug,
            defaults={
                "title": facts.title,
                "short_name": facts.short_name,
                "institution": listed,
                "degree": facts.degree,
                "study_level": facts.study_level,
                "study_mode": facts.study_mode,
                "subject_area": facts.subject_area,
                "subject": facts.subject,
                "duration_months": facts.duration_months,
                "ects": facts.ects,
                "languages": facts.languages,
                "overview": facts.overview.strip(),
                "strengths": facts.strengths,
                "mobility": [s.model_dump(mode="json", exclude_none=True) for s in facts.mobility],
                "funding": facts.funding,
                "application_fee": fee.amount if fee else None,
                "application_fee_currency": fee.currency if fee else "EUR",
                "application_fee_refundable": fee.refundable if fee else False,
            },
        )
        programme.consortium = _consortium(facts, institutions)
        programme.save(update_fields=["consortium"])
        programme.scholarships.all().delete()
        Scholarship.objects.bulk_create(
            Scholarship(
                programme=programme,
                **s.model_dump(exclude_none=True, mode="python") | {"url": str(s.url or "")},
            )
            for s in facts.scholarships
        )
        programme.intakes.exclude(code__in=rules_by_intake).delete()
        for intake in facts.intakes:
            rules = rules_by_intake[intake.code]
            Intake.objects.update_or_create(
                programme=programme,
                code=intake.code,
                defaults={
                    "starts_on": intake.starts_on,
                    "is_open": intake.is_open,
                    "requirement_set": store_requirement_set(rules),
                    "closes_at": rules.latest_deadline(),
                },
            )
        record_event(
            CatalogueEvent.PROGRAMME_IMPORT,
            actor=actor,
            target=programme,
            payload={
                "created": created,
                "requirement_sets": {c: r.sha256 for c, r in rules_by_intake.items()},
            },
        )
        reindex([programme.pk])
    return programme


def _consortium(facts, institutions: dict[str, Institution]) -> Consortium | None:
    """The programme's consortium as its file states it: created, or its members replaced."""
    if facts.consortium is None:
        return None
    consortium, _ = Consortium.objects.update_or_create(
        slug=facts.consortium.slug, defaults={"name": facts.consortium.name}
    )
    consortium.members.all().delete()
    ConsortiumMember.objects.bulk_create(
        ConsortiumMember(
            consortium=consortium, institution=institutions[m.institution], role=m.role, order=i
        )
        for i, m in enumerate(facts.consortium.members)
    )
    return consortium


def do_load_demo(*, actor=None) -> list[Programme]:
    """The demo catalogue: the registry's institutions and the demo programmes."""
    with transaction.atomic():
        do_load_institutions(actor=actor)
        return [do_import_programme(PROGRAMMES_DIR / slug, actor=actor) for slug in DEMO_PROGRAMMES]
