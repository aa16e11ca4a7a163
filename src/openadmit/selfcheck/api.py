"""Eligibility in the JSON API: one programme's verdict, and "where can I apply?"."""

from datetime import datetime
from typing import Any

from django.http import HttpRequest
from ninja import Query, Router, Schema
from ninja.errors import HttpError, ValidationError
from pydantic import Field, StrictInt

from openadmit.api.responses import BODY, NOT_FOUND, answers
from openadmit.catalogue.api import SearchFilters
from openadmit.catalogue.search import SearchRequestError, parse_search_request
from openadmit.eligibility import Profile, Verdict
from openadmit.eligibility.moments import Moment
from openadmit.selfcheck.service import (
    IntakeNotFound,
    ProgrammeNotFound,
    check_programme,
    where_can_i_apply,
)
from openadmit.verdicts.schemas import DeadlineOut, VerdictOut

router = Router(tags=["eligibility"])


class _ProfileAt(Profile):
    at: Moment | None = Field(
        None,
        description="Moment of application with its offset, from 1900 to 2199 (default: now)",
    )


class EligibilityRequest(_ProfileAt):
    """An applicant profile, plus the intake to check and the moment of application."""

    intake: str | None = Field(None, pattern=r"^\d{4}-\d{2}$", description="e.g. 2026-09")


class WhereRequest(_ProfileAt):
    """An applicant profile and the moment of application."""

    per_outcome: StrictInt = Field(20, ge=1, le=100, description="Programmes listed per outcome")


class MatchOut(Schema):
    programme: str
    title: str
    institution: str
    url: str
    intake: str
    outcome: str
    reasons: list[str] = Field(description="Why not (yet) eligible, one sentence each")
    deadline: DeadlineOut | None


class WhereOut(Schema):
    at: datetime
    total: int = Field(description="Open intakes checked")
    counts: dict[str, int]
    groups: dict[str, list[MatchOut]]


def _profile(payload: Profile) -> Profile:
    fields = set(Profile.model_fields)
    return Profile.model_validate(payload.model_dump(by_alias=True, include=fields))


def _reasons(verdict: Verdict) -> list[str]:
    return [c.explanation for c in verdict.criteria if c.outcome != "eligible"]


@router.post(
    "/programmes/{slug}/eligibility",
    response=answers(VerdictOut, BODY, NOT_FOUND),
    summary="Check a profile against a programme's admission requirements",
)
def programme_eligibility(request: HttpRequest, slug: str, payload: EligibilityRequest):
    try:
        check = check_programme(slug, _profile(payload), intake=payload.intake, at=payload.at)
    except ProgrammeNotFound:
        raise HttpError(404, f"No programme {slug!r}.") from None
    except IntakeNotFound as error:
        raise ValidationError(
            [{"type": "value_error", "loc": ["body", "payload", "intake"], "msg": str(error)}]
        ) from None
    return check.verdict.to_dict()


@router.post(
    "/eligibility",
    response=answers(WhereOut, BODY),
    summary="Where can I apply? One profile against every open intake",
    description="Takes the search page's filters as query parameters (q, subject, level, ...).",
)
def where_eligible(
    request: HttpRequest, payload: WhereRequest, filters: Query[SearchFilters]
) -> dict[str, Any]:
    # `filters` declares and checks the parameters; the search reads them as the page does.
    try:
        search = parse_search_request(request.GET.getlist)
    except SearchRequestError as error:
        raise ValidationError(
            [
                {"type": "value_error", "loc": ["query", n], "msg": m}
                for n, m in error.errors.items()
            ]
        ) from None
    found = where_can_i_apply(
        _profile(payload), at=payload.at, search=search, per_outcome=payload.per_outcome
    )
    return {
        "at": found.at,
        "total": found.total,
        "counts": found.counts,
        "groups": {
            outcome: [
                {
                    "programme": m.programme.slug,
                    "title": m.programme.title,
                    "institution": m.programme.institution.name,
                    "url": request.build_absolute_uri(m.programme.get_absolute_url()),
                    "intake": m.intake_code,
                    "outcome": m.verdict.outcome,
                    "reasons": _reasons(m.verdict),
                    "deadline": m.verdict.deadline.to_dict() if m.verdict.deadline else None,
                }
                for m in matches
            ]
            for outcome, matches in found.groups.items()
        },
    }
