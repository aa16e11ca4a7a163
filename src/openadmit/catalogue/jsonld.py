"""schema.org `EducationalOccupationalProgram` JSON-LD for a programme page."""

import json
from typing import Any

from django.conf import settings

from openadmit.catalogue.constants import StudyMode
from openadmit.catalogue.models import Intake, Programme
from openadmit.consortia.service import organisers_of
from openadmit.eligibility.requirement_set import RequirementSet as Rules

PROGRAM_MODE = {
    StudyMode.ON_CAMPUS: "in-person",
    StudyMode.ONLINE: "online",
    StudyMode.BLENDED: "blended",
}
# JSON inside a <script> must not be able to close it.
SCRIPT_ESCAPES = {ord("<"): "\\u003C", ord(">"): "\\u003E", ord("&"): "\\u0026"}


def _organisation(institution) -> dict[str, Any]:
    return {
        "@type": "CollegeOrUniversity",
        "name": institution.name,
        "url": institution.website or None,
        "address": {
            "@type": "PostalAddress",
            "addressLocality": institution.city,
            "addressCountry": institution.country,
        },
    }


def programme_jsonld(
    programme: Programme, intake: Intake | None, rules: Rules | None, headline
) -> dict[str, Any]:
    providers = [member.institution for member in organisers_of(programme)] or [
        programme.institution
    ]
    data: dict[str, Any] = {
        "@context": "https://schema.org",
        "@type": "EducationalOccupationalProgram",
        "name": programme.title,
        "alternateName": programme.short_name or None,
        "description": programme.overview.split("\n\n")[0],
        "url": f"{settings.SITE_URL.rstrip('/')}{programme.get_absolute_url()}",
        "provider": [_organisation(i) for i in providers],
        "timeToComplete": f"P{programme.duration_months}M",
        "numberOfCredits": {
            "@type": "StructuredValue",
            "value": programme.ects,
            "unitText": "ECTS",
        },
        "educationalCredentialAwarded": programme.degree,
        "educationalProgramMode": PROGRAM_MODE.get(programme.study_mode, programme.study_mode),
        "inLanguage": programme.languages,
    }
    if intake is not None:
        data["startDate"] = intake.starts_on.isoformat()
    if headline is not None:
        data["applicationDeadline"] = headline.closes_on.isoformat()
    if rules is not None:
        prerequisites = []
        if degree := rules.degree:
            prerequisites.append(
                {
                    "@type": "EducationalOccupationalCredential",
                    "credentialCategory": f"{degree.minimum_level} degree",
                }
            )
        if language := rules.language:
            prerequisites.append(
                "; ".join(f"{test.name} {test.overall:g}" for test in language.tests)
            )
        if prerequisites:
            data["programPrerequisites"] = prerequisites
    if programme.application_fee is not None:
        data["offers"] = {
            "@type": "Offer",
            "category": "application fee",
            "price": str(programme.application_fee),
            "priceCurrency": programme.application_fee_currency,
        }
    return {key: value for key, value in data.items() if value is not None}


def as_script_json(data: dict[str, Any]) -> str:
    return json.dumps(data, ensure_ascii=False, indent=1).translate(SCRIPT_ESCAPES)
