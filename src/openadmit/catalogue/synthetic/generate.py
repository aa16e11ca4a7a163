"""`openadmit generate-catalogue`: a large, reproducible catalogue for benchmarks.

Countries and subjects come from the YAML files beside this module, in their weights;
the same seed always gives the same catalogue. Rows go in with bulk inserts, and the
requirement sets are shared templates (see requirements.py).
"""

import random
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from pathlib import Path

import yaml
from django.db import transaction
from django.utils.text import slugify

from openadmit.catalogue.constants import StudyLevel, StudyMode
from openadmit.catalogue.models import (
    Institution,
    Intake,
    Programme,
    RequirementSet,
    Scholarship,
)
from openadmit.catalogue.search.indexing import reindex
from openadmit.catalogue.synthetic.requirements import TEMPLATES_BY_LEVEL, requirement_document
from openadmit.consortia.constants import MemberRole
from openadmit.consortia.models import Consortium, ConsortiumMember
from openadmit.eligibility.requirement_set import parse_requirement_set

HERE = Path(__file__).resolve().parent
PROGRAMMES_PER_INSTITUTION = 33
INTAKES = (date(2027, 9, 1), date(2027, 2, 1))
LEVELS = ((StudyLevel.MASTERS, 55), (StudyLevel.BACHELOR, 30), (StudyLevel.DOCTORATE, 15))
MODES = ((StudyMode.ON_CAMPUS, 75), (StudyMode.BLENDED, 15), (StudyMode.ONLINE, 10))
SHAPES = {
    StudyLevel.MASTERS: ((12, 60), (18, 90), (24, 120), (24, 120)),
    StudyLevel.BACHELOR: ((36, 180), (36, 180), (48, 240)),
    StudyLevel.DOCTORATE: ((36, 180), (48, 240)),
}
DEGREE_NAMES = {
    "MSc": "Master of Science",
    "MA": "Master of Arts",
    "MS": "Master of Science",
    "MEng": "Master of Engineering",
    "BSc": "Bachelor of Science",
    "BA": "Bachelor of Arts",
    "BEng": "Bachelor of Engineering",
    "PhD": "Doctor of Philosophy",
    "LLM": "Master of Laws",
    "LLB": "Bachelor of Laws",
    "MBA": "Master of Business Administration",
}
INSTITUTION_PATTERNS = (
    "University of {city}",
    "{city} University",
    "{city} University of Technology",
    "{city} Institute of Technology",
    "{city} School of Economics",
    "{city} Medical University",
    "{city} State University",
    "Catholic University of {city}",
    "Open University of {city}",
    "{city} University of Applied Sciences",
    "{city} Business School",
    "{city} Metropolitan University",
    "{qualifier} University of {city}",
    "{city} {qualifier} University",
    "{city} Polytechnic",
)
QUALIFIERS = (
    "Northern",
    "Southern",
    "Eastern",
    "Western",
    "Central",
    "New",
    "Royal",
    "National",
    "International",
)
OVERVIEW = (
    "This {level} programme in {subject} at {institution} prepares students for careers where"
    " {topic_a} and {topic_b} meet. Students learn the theory of {subject_lower} and apply it"
    " in projects with partners in {city} and beyond.\n\n"
    "Teaching combines lectures, seminars and a final {final} on {topic_c}. Graduates work in"
    " research, industry and the public sector."
)
STRENGTHS = (
    "Small groups and close contact with teaching staff",
    "Projects with employers and research partners",
    "An international classroom with students from many countries",
    "A final project on a question from practice",
    "Modern laboratories and study facilities",
    "A semester abroad at a partner university",
)
CURRENCIES = {
    "US": "USD",
    "GB": "GBP",
    "CA": "CAD",
    "AU": "AUD",
    "CH": "CHF",
    "JP": "JPY",
    "IN": "INR",
}
EURO = set("AT BE CY DE EE ES FI FR GR HR IE IT LT LU LV MT NL PT SI SK".split())


class CatalogueNotEmpty(RuntimeError):
    """The database already holds programmes (perhaps the demo): the generator never mixes."""


@dataclass(frozen=True)
class Country:
    code: str
    weight: int
    time_zone: str
    languages: tuple[str, ...]
    cities: tuple[str, ...]


def _load_world() -> tuple[list[Country], dict]:
    countries = [
        Country(code, weight, zone, tuple(languages), tuple(cities))
        for code, (weight, zone, languages, cities) in yaml.safe_load(
            (HERE / "countries.yaml").read_text(encoding="utf-8")
        ).items()
    ]
    subjects = yaml.safe_load((HERE / "subjects.yaml").read_text(encoding="utf-8"))
    return countries, subjects


def _unique_slug(base: str, taken: set[str], limit: int) -> str:
    base = slugify(base)[:limit].strip("-")
    slug, number = base, 1
    while slug in taken:
        number += 1
        slug = f"{base[: limit - len(str(number)) - 1]}-{number}"
    taken.add(slug)
    return slug


def _institutions(rng: random.Random, countries: list[Country], count: int) -> list[Institution]:
    names: set[str] = set()
    slugs: set[str] = set()
    institutions = []
    for country in rng.choices(countries, weights=[c.weight for c in countries], k=count):
        while True:
            city = rng.choice(country.cities)
            name = rng.choice(INSTITUTION_PATTERNS).format(
                city=city, qualifier=rng.choice(QUALIFIERS)
            )
            if name not in names:
                break
            if rng.random() < 0.2:  # a crowded city: a second campus takes a number
                name = f"{name} {rng.randint(2, 9)}"
                if name not in names:
                    break
        names.add(name)
        institutions.append(
            Institution(
                name=name,
                slug=_unique_slug(name, slugs, 80),
                country=country.code,
                city=city,
                education_system=country.code,
                website=f"https://www.{slugify(name)[:50]}.example",
                time_zone=country.time_zone,
            )
        )
    return institutions


def _store_requirement_sets(keys: set[tuple[int, date, str]]) -> dict[tuple, tuple[int, datetime]]:
    """Each (template, intake, time zone)'s stored requirement set id and its last deadline."""
    rules = {
        key: parse_requirement_set(requirement_document(key[0], intake=key[1], time_zone=key[2]))
        for key in sorted(keys)
    }
    RequirementSet.objects.bulk_create(
        [
            RequirementSet(
                ruleset_id=r.id, version=r.version, sha256=r.sha256, document=r.document()
            )
            for r in rules.values()
        ],
        batch_size=500,
        ignore_conflicts=True,
    )
    ids = dict(
        RequirementSet.objects.filter(sha256__in=[r.sha256 for r in rules.values()]).values_list(
            "sha256", "pk"
        )
    )
    return {key: (ids[r.sha256], r.latest_deadline()) for key, r in rules.items()}


def generate_catalogue(*, programmes: int, seed: int) -> dict[str, int]:
    """Fill an empty database with `programmes` programmes; returns the counts made."""
    if Programme.objects.exists():
        raise CatalogueNotEmpty(
            "this database already holds programmes; point DATABASE_URL at an empty database"
        )
    rng = random.Random(seed)  # nosec B311 # a reproducible synthetic catalogue, no secret
    countries, subjects = _load_world()
    by_code = {c.code: c for c in countries}
    area_names = list(subjects)
    area_weights = [subjects[a]["weight"] for a in area_names]

    with transaction.atomic():
        institutions = Institution.objects.bulk_create(
            _institutions(rng, countries, max(10, programmes // PROGRAMMES_PER_INSTITUTION)),
            batch_size=2000,
        )
        # A few large universities hold many programmes, most hold a few dozen.
        popularity = [rng.lognormvariate(0, 0.8) for _ in institutions]
        hosts = rng.choices(institutions, weights=popularity, k=programmes)

        slugs: set[str] = set()
        rows, plans = [], []
        for host in hosts:
            country = by_code[host.country]
            area = rng.choices(area_names, weights=area_weights)[0]
            spec = subjects[area]
            subject = rng.choice(spec["subjects"])
            level = rng.choices([lv for lv, _ in LEVELS], weights=[w for _, w in LEVELS])[0]
            degree = rng.choice(spec["degrees"][level.value])
            months, ects = rng.choice(SHAPES[level])
            title = (
                f"{DEGREE_NAMES.get(degree, degree)} in {subject}"
                if rng.random() < 0.6
                else f"{subject} ({degree})"
            )
            local = [code for code in country.languages if code != "en"]
            if "en" in country.languages or not local or rng.random() < 0.55:
                languages = ["en"]
            elif rng.random() < 0.8:
                languages = [local[0]]
            else:
                languages = [local[0], "en"]
            topics = rng.sample(spec["topics"], 3)
            fee = (
                None
                if rng.random() < 0.4
                else Decimal(rng.choice([25, 40, 50, 60, 75, 90, 100, 150]))
            )
            rows.append(
                Programme(
                    slug=_unique_slug(f"{title} {host.slug}", slugs, 120),
                    title=title,
                    institution=host,
                    degree=degree,
                    study_level=level,
                    study_mode=rng.choices([m for m, _ in MODES], weights=[w for _, w in MODES])[0],
                    subject_area=area,
                    subject=subject,
                    duration_months=months,
                    ects=ects,
                    languages=languages,
                    overview=OVERVIEW.format(
                        level=level.label.lower(),
                        subject=subject,
                        subject_lower=subject.lower(),
                        institution=host.name,
                        city=host.city,
                        topic_a=topics[0],
                        topic_b=topics[1],
                        topic_c=topics[2],
                        final="thesis" if level != StudyLevel.BACHELOR else "project",
                    ),
                    strengths=rng.sample(STRENGTHS, 3),
                    application_fee=fee,
                    application_fee_currency=(
                        "EUR" if host.country in EURO else CURRENCIES.get(host.country, "USD")
                    ),
                )
            )
            plans.append(
                (
                    rng.choices(INTAKES, weights=(80, 20))[0],
                    rng.choice(TEMPLATES_BY_LEVEL[level.value]),
                    rng.random() < 0.92,
                    rng.random() < 0.15,
                    rng.random() < 0.03,
                )
            )
        created = Programme.objects.bulk_create(rows, batch_size=2000)

        stored = _store_requirement_sets(
            {
                (template, starts_on, programme.institution.time_zone)
                for programme, (starts_on, template, *_) in zip(created, plans, strict=True)
            }
        )
        intakes, scholarships, joint_programmes = [], [], []
        for programme, (starts_on, template, is_open, has_scholarship, joint) in zip(
            created, plans, strict=True
        ):
            requirement_set_id, closes_at = stored[
                (template, starts_on, programme.institution.time_zone)
            ]
            intakes.append(
                Intake(
                    programme=programme,
                    code=f"{starts_on:%Y-%m}",
                    starts_on=starts_on,
                    is_open=is_open,
                    requirement_set_id=requirement_set_id,
                    closes_at=closes_at,
                )
            )
            if has_scholarship:
                scholarships.append(
                    Scholarship(
                        programme=programme,
                        name="University merit scholarship",
                        funder=programme.institution.name,
                        monthly_amount=Decimal(rng.choice([500, 800, 1000, 1200])),
                        currency=programme.application_fee_currency,
                        months=programme.duration_months,
                        description="Awarded to the strongest applicants of each intake.",
                    )
                )
            if joint:
                partners = [
                    p for p in rng.sample(institutions, 3) if p.pk != programme.institution_id
                ][:2]
                joint_programmes.append((programme, partners))
        Intake.objects.bulk_create(intakes, batch_size=5000)
        Scholarship.objects.bulk_create(scholarships, batch_size=5000)
        _create_consortia(joint_programmes)
    reindex()
    return {
        "institutions": len(institutions),
        "countries": len({i.country for i in institutions}),
        "programmes": len(created),
        "requirement sets": len(set(stored.values())),
    }


def _create_consortia(joint_programmes: list[tuple[Programme, list[Institution]]]) -> None:
    """One consortium per joint programme: its host coordinates, the partners join it."""
    consortia = Consortium.objects.bulk_create(
        [
            Consortium(
                slug=f"{programme.slug[:80]}-{programme.pk}",
                name=f"{programme.title[:185]} consortium",
            )
            for programme, _partners in joint_programmes
        ],
        batch_size=5000,
    )
    members = []
    for consortium, (programme, partners) in zip(consortia, joint_programmes, strict=True):
        members.append(
            ConsortiumMember(
                consortium=consortium,
                institution=programme.institution,
                role=MemberRole.COORDINATOR,
                order=0,
            )
        )
        members += [
            ConsortiumMember(
                consortium=consortium, institution=p, role=MemberRole.PARTNER, order=i
            )
            for i, p in enumerate(partners, start=1)
        ]
        programme.consortium = consortium
    ConsortiumMember.objects.bulk_create(members, batch_size=5000)
    Programme.objects.bulk_update(
        [programme for programme, _partners in joint_programmes], ["consortium"], batch_size=5000
    )
