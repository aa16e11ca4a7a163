"""`/api/v1/office/`: the work queue and the application file for machine clients.

The same policy as the office's pages: a bearer token of a staff member (or a session
that signed in with a second factor); an application outside the caller's reach answers
404, exactly like one that does not exist; bad filters answer 422 naming the parameter.
"""

from datetime import datetime
from decimal import Decimal
from typing import Any
from uuid import UUID

from django.http import Http404, HttpRequest
from ninja import Field, Router, Schema
from ninja.errors import ValidationError

from openadmit.access.api_auth import STAFF_AUTH
from openadmit.access.constants import Permission
from openadmit.access.policy import allowed, grants_of
from openadmit.api.responses import BODY, CSRF, NOT_FOUND, SIGNED_IN, Problem, answers
from openadmit.applications.models import Application
from openadmit.catalogue.models import Intake
from openadmit.eligibility import Outcome
from openadmit.office import file as files
from openadmit.office import service
from openadmit.office.constants import OverrideReason
from openadmit.office.forms import PER_PAGE, QueueForm
from openadmit.office.intakes import intakes_for, queue_choices
from openadmit.office.queue import latest_sealed, status_counts, visible_entries
from openadmit.office.screening import Override
from openadmit.verdicts.schemas import VerdictOut

router = Router(tags=["office"], auth=STAFF_AUTH)


class IntakeOut(Schema):
    programme: str
    intake: str
    title: str
    submitted: int
    to_screen: int
    unopened: int
    assigned_to_me: int


class QueueRowOut(Schema):
    id: UUID
    reference: str
    name: str
    status: str
    nationalities: list[str]
    deadline_category: str
    deadline_closes_at: datetime | None
    submitted_at: datetime
    wants_scholarship: bool
    engine_outcome: str
    outcome: str
    screening: str
    reviews_required: int
    reviews_done: int
    review_progress: str
    score: Decimal | None
    disagreement: bool
    opened: bool


class QueuePageOut(Schema):
    count: int
    page: int
    pages: int
    counts: dict[str, int]
    results: list[QueueRowOut]


class DocumentOut(Schema):
    id: UUID
    kind: str
    label: str
    name: str
    content_type: str
    size: int
    sha256: str
    pages: int | None
    url: str


class ScreeningOut(Schema):
    outcome: str
    engine_outcome: str
    overrides: list[dict[str, str]]
    confirmed_by: str
    confirmed_at: datetime


class EventOut(Schema):
    at: datetime
    event: str
    who: str


class FileOut(Schema):
    id: UUID
    reference: str
    programme: str
    intake: str
    status: str
    email: str
    submitted_at: datetime
    answers: dict[str, Any] = Field(description="The answers as last sealed")
    documents: list[DocumentOut]
    verdict: VerdictOut
    screening: ScreeningOut | None
    screening_state: str
    checklist: dict[str, bool]
    timeline: list[EventOut]


class OverrideIn(Schema):
    criterion: str
    outcome: Outcome
    reason: OverrideReason
    explanation: str = Field(min_length=1, max_length=2000)


class ScreeningIn(Schema):
    overrides: list[OverrideIn] = Field(default_factory=list, max_length=50)


def _intake(request: HttpRequest, programme: str, code: str) -> Intake:
    intake = (
        Intake.objects.select_related("programme__institution")
        .filter(programme__slug=programme, code=code)
        .first()
    )
    if intake is None or not allowed(request.auth, Permission.VIEW_APPLICATIONS, intake):
        raise Http404
    return intake


def _application(request: HttpRequest, public_id: UUID, permission: Permission) -> Application:
    application = (
        Application.objects.select_related("intake__programme__institution", "applicant")
        .filter(public_id=public_id)
        .first()
    )
    if application is None or not allowed(request.auth, permission, application):
        raise Http404
    return application


@router.get(
    "/intakes", response=answers(list[IntakeOut], SIGNED_IN), summary="The intakes I work on"
)
def list_intakes(request: HttpRequest):
    return [
        IntakeOut(
            programme=row.intake.programme.slug,
            intake=row.intake.code,
            title=row.intake.programme.title,
            submitted=row.submitted,
            to_screen=row.to_screen,
            unopened=row.unopened,
            assigned_to_me=row.assigned_to_me,
        )
        for row in intakes_for(request.auth)
    ]


@router.get(
    "/intakes/{programme}/{intake}/applications",
    response=answers(QueuePageOut, SIGNED_IN, NOT_FOUND),
    summary="The work queue of an intake, filtered, sorted and paged",
    description=(
        "Query parameters as on the queue page: q, status (repeatable), outcome "
        "(repeatable), screening, nationality, deadline_category, scholarship (yes/no), "
        "reviewer, review_progress, score_min, score_max, unopened, disagreement, sort, page."
    ),
)
def queue(request: HttpRequest, programme: str, intake: str):
    found = _intake(request, programme, intake)
    full = found.programme_id in grants_of(request.auth).full.get(Permission.VIEW_APPLICATIONS, ())
    entries = visible_entries(found.pk, assigned_to=None if full else request.auth.pk)
    form = QueueForm(request.GET, **queue_choices(found, entries))
    if not form.is_valid():
        raise ValidationError(
            [
                {"type": "value_error", "loc": ["query", name], "msg": " ".join(errors)}
                for name, errors in form.errors.items()
            ]
        )
    filters = form.filters()
    matching = filters.ordered(filters.apply(entries))
    count = matching.count()
    pages = max(1, -(-count // PER_PAGE))
    page = min(form.cleaned_data.get("page") or 1, pages)
    rows = matching.select_related("application")[(page - 1) * PER_PAGE : page * PER_PAGE]
    return {
        "count": count,
        "page": page,
        "pages": pages,
        "counts": status_counts(filters.apply(entries, with_status=False)),
        "results": [
            QueueRowOut(
                id=e.application.public_id,
                reference=e.reference,
                name=e.name,
                status=e.status,
                nationalities=[c.upper() for c in e.nationalities.strip(",").split(",") if c],
                deadline_category=e.deadline_category,
                deadline_closes_at=e.deadline_closes_at,
                submitted_at=e.submitted_at,
                wants_scholarship=e.wants_scholarship,
                engine_outcome=e.engine_outcome,
                outcome=e.outcome,
                screening=e.screening,
                reviews_required=e.reviews_required,
                reviews_done=e.reviews_done,
                review_progress=e.review_progress,
                score=e.score,
                disagreement=e.disagreement,
                opened=e.first_opened_at is not None,
            )
            for e in rows
        ],
    }


def _file(request: HttpRequest, application: Application) -> FileOut:
    context = files.file_context(request.auth, application)
    sealed = latest_sealed(application)
    screening = context["screening"]
    return FileOut(
        id=application.public_id,
        reference=context["submission"].reference,
        programme=application.intake.programme.slug,
        intake=application.intake.code,
        status=application.status,
        email=context["email"],
        submitted_at=context["submission"].submitted_at,
        answers=sealed.answers,
        documents=[
            DocumentOut(
                id=row["document"].public_id,
                kind=row["document"].kind,
                label=row["label"],
                name=row["document"].original_name,
                content_type=row["document"].content_type,
                size=row["document"].size,
                sha256=row["document"].sha256,
                pages=row["document"].page_count,
                url=request.build_absolute_uri(row["url"]) if row["url"] else "",
            )
            for row in context["documents"]
            if row["document"]
        ],
        verdict=sealed.verdict,
        screening=ScreeningOut(
            outcome=screening.outcome,
            engine_outcome=screening.engine_outcome,
            overrides=screening.overrides,
            confirmed_by=screening.confirmed_by.email if screening.confirmed_by else "",
            confirmed_at=screening.confirmed_at,
        )
        if screening
        else None,
        screening_state=context["screening_state"],
        checklist={item.item.value: item.done for item in context["checklist"]},
        timeline=[
            EventOut(at=row["at"], event=str(row["label"]), who=str(row["who"]))
            for row in context["timeline"]
        ],
    )


@router.get(
    "/applications/{public_id}",
    response=answers(FileOut, SIGNED_IN, NOT_FOUND),
    summary="An application's file (opening it is recorded in the audit trail)",
)
def application_file(request: HttpRequest, public_id: UUID):
    application = _application(request, public_id, Permission.VIEW_APPLICATIONS)
    service.record_file_opened(application, actor=request.auth)
    return _file(request, application)


@router.post(
    "/applications/{public_id}/screening",
    response=answers(FileOut, BODY, SIGNED_IN, CSRF, NOT_FOUND, {409: Problem}),
    summary="Confirm the eligibility screening, reading some criteria differently",
)
def confirm_screening(request: HttpRequest, public_id: UUID, payload: ScreeningIn):
    application = _application(request, public_id, Permission.SCREEN)
    overrides = [
        Override(
            criterion=o.criterion, outcome=o.outcome, reason=o.reason, explanation=o.explanation
        )
        for o in payload.overrides
    ]
    try:
        service.do_confirm_screening(application, overrides, actor=request.auth)
    except service.OverrideRefused as refusal:
        raise ValidationError(
            [{"type": "value_error", "loc": ["body", "overrides"], "msg": str(refusal)}]
        ) from None
    except service.OfficeError as error:
        return 409, {"detail": str(error)}
    application.refresh_from_db()
    return _file(request, application)


__all__ = ["router"]
