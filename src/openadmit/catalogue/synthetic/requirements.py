"""Requirement sets for the synthetic catalogue: a bounded number of template documents.

Each template varies the parameters a real set varies (the degree level and fields
required, the accepted English tests and their minimums, one deadline for everyone or
separate EEA and non-EEA deadlines, a scholarship round); one document is made per
template, intake and time zone, so the whole catalogue shares a few thousand documents.
"""

import random
from datetime import date

SOURCE = {
    "title": "Synthetic catalogue (generated for benchmarks, not a real programme)",
    "url": "https://openadmit.invalid/synthetic",
    "clause": "generated",
}
FIELDS = [
    ["business", "economics", "management"],
    ["computer science", "informatics", "engineering", "mathematics"],
    ["social sciences", "political sciences", "public administration", "law"],
    ["natural sciences", "engineering", "mathematics"],
    ["humanities", "languages", "history", "philosophy"],
    ["health sciences", "biology", "medicine", "nursing"],
]
TESTS = [
    [("ielts_academic", 6.5), ("toefl_ibt", 90)],
    [("ielts_academic", 7.0), ("toefl_ibt", 100), ("pte_academic", 65)],
    [("ielts_academic", 6.0), ("toefl_ibt", 80), ("duolingo", 110), ("cambridge_english", 176)],
    [("ielts_academic", 7.5), ("toefl_ibt", 105)],
]
EXEMPT = [
    {"code": code, "name": name}
    for code, name in [
        ("AU", "Australia"),
        ("CA", "Canada"),
        ("IE", "Ireland"),
        ("NZ", "New Zealand"),
        ("GB", "the United Kingdom"),
        ("US", "the United States"),
    ]
]
# Templates by the study level of the programmes that use them, and the prior degree
# each level asks for ("other" is the engine's level below a bachelor's).
TEMPLATES_BY_LEVEL = {
    "masters": range(0, 12),
    "bachelor": range(12, 18),
    "doctorate": range(18, 24),
}
MINIMUM_LEVEL = {"masters": "bachelor", "bachelor": "other", "doctorate": "master"}


def template_parameters(number: int) -> dict:
    """The parameters of template `number`, fixed by the number alone (reproducible)."""
    rng = random.Random(number)  # nosec B311 # reproducible synthetic rules, no secret
    return {
        "fields": FIELDS[number % len(FIELDS)],
        "tests": TESTS[number % len(TESTS)],
        "split_deadlines": number % 3 == 0,
        "scholarship": number % 4 == 0,
        "deadline_month_offset": rng.choice([-7, -6, -5, -4, -3, -2]),
        "section_minimum": number % 5 == 0,
    }


def requirement_document(number: int, *, intake: date, time_zone: str) -> dict:
    """Template `number` filled for one intake of one university's time zone."""
    p = template_parameters(number)
    month = intake.month + p["deadline_month_offset"]
    year = intake.year + (month - 1) // 12
    month = (month - 1) % 12 + 1
    closes = date(year, month, 1 if number % 2 else 15)
    if p["split_deadlines"]:
        eea = date(intake.year, max(intake.month - 1, 1), 15)
        deadlines = [
            {
                "category": "non_eea",
                "closes_on": closes.isoformat(),
                "label": "Applicants without an EEA nationality",
                "source": SOURCE,
            },
            {
                "category": "eea",
                "closes_on": max(eea, closes).isoformat(),
                "label": "Applicants with an EEA nationality",
                "source": SOURCE,
            },
        ]
    else:
        deadlines = [
            {
                "category": "everyone",
                "closes_on": closes.isoformat(),
                "label": "All applicants",
                "source": SOURCE,
            }
        ]
    criteria: list[dict] = [
        {
            "kind": "degree",
            "id": "degree",
            "title": "Prior degree",
            "source": SOURCE,
            "minimum_level": next(
                MINIMUM_LEVEL[level]
                for level, numbers in TEMPLATES_BY_LEVEL.items()
                if number in numbers
            ),
            "accepted_fields": {
                "fields": [{"name": name} for name in p["fields"]],
                "or_equivalent": True,
                "source": SOURCE,
            },
        },
        {
            "kind": "language",
            "id": "english",
            "title": "English",
            "source": SOURCE,
            "language": "en",
            "tests": [
                {
                    "test": test,
                    "overall": overall,
                    "source": SOURCE,
                    **(
                        {"every_section": 6.0}
                        if p["section_minimum"] and test == "ielts_academic"
                        else {}
                    ),
                }
                for test, overall in p["tests"]
            ],
            "exemptions": [
                {
                    "countries": EXEMPT,
                    "language_of_instruction": "en",
                    "diplomas": ["degree"],
                    "source": SOURCE,
                }
            ],
        },
        {
            "kind": "deadline",
            "id": "deadline",
            "title": "Application deadline",
            "source": SOURCE,
            "deadlines": deadlines,
        },
    ]
    if p["scholarship"]:
        scholarship_closes = date(closes.year, max(closes.month - 2, 1), 1)
        deadlines.append(
            {
                "category": "scholarship",
                "closes_on": scholarship_closes.isoformat(),
                "label": "Scholarship applicants",
                "source": SOURCE,
            }
        )
        criteria.append(
            {
                "kind": "scholarship",
                "id": "scholarship",
                "title": "Scholarship",
                "source": SOURCE,
                "name": "University merit scholarship",
            }
        )
    zone_slug = time_zone.lower().replace("/", "-").replace("_", "-")
    return {
        "id": f"synthetic-{number}-{intake:%Y-%m}-{zone_slug}",
        "version": "1",
        "programme": f"synthetic-{number}",
        "intake": f"{intake:%Y-%m}",
        "title": f"Synthetic requirement template {number}",
        "time_zone": time_zone,
        "criteria": criteria,
    }
