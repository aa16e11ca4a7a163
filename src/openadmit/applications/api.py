"""`/api/v1/applications/`: the signed-in applicant's own applications.

Another applicant's application answers 404, exactly like one that does not exist.
"""

from datetime import datetime
from typing import Any
from uuid import UUID

from django.http import Http404, HttpRequest
from ninja import Router, Schema, Status
from ninja.security import django_auth

from openadmit.api.responses import CSRF, NOT_FOUND, SIGNED_IN, answers
from openadmit.applications import service
from openadmit.applications.models import Application
from openadmit.eligibility import Verdict
from openadmit.verdicts.schemas import VerdictOut

router = Router(tags=["applications"], auth=django_auth)


class ApplicationDocumentOut(Schema):
    id: UUID
    kind: str
    name: str
    size: int
    sha256: str
    pages: int | None
    url: str


class ApplicationOut(Schema):
    id: UUID
    programme: str
    intake: str
    status: str
    reference: str | None
    submitted_at: datetime | None
    fee_status: str
    fee_amount: str | None
    fee_currency: str
    decision: str
    profile: dict[str, Any]
    verdict: VerdictOut | None
    missing: list[str]
    documents: list[ApplicationDocumentOut]


class SubmitOut(Schema):
    reference: str
    submitted_at: datetime
    outcome: str
    already_submitted: bool


class Refusal(Schema):
    detail: str
    reasons: list[str]


def _out(application: Application) -> ApplicationOut:
    submission = getattr(application, "submission", None)
    live = None if submission else service.current_verdict(application)
    return ApplicationOut(
        id=application.public_id,
        programme=application.intake.programme.slug,
        intake=application.intake.code,
        status=application.status,
        reference=submission.reference if submission else None,
        submitted_at=submission.submitted_at if submission else None,
        fee_status=application.fee_status,
        fee_amount=str(application.fee_amount) if application.fee_amount is not None else None,
        fee_currency=application.fee_currency,
        decision=application.decision,
        profile=application.profile,
        verdict=submission.verdict if submission else _as_dict(live.verdict),
        missing=service.missing_items(application, live) if application.is_draft else [],
        documents=[
            ApplicationDocumentOut(
                id=d.public_id,
                kind=d.kind,
                name=d.original_name,
                size=d.size,
                sha256=d.sha256,
                pages=d.page_count,
                url=f"/documents/{d.public_id}/",
            )
            for d in application.documents.all()
        ],
    )


def _as_dict(verdict: Verdict | None) -> dict[str, Any] | None:
    return verdict.to_dict() if verdict else None


def _own(request: HttpRequest, public_id: UUID) -> Application:
    try:
        return service.application_of(request.user, public_id)
    except Application.DoesNotExist:
        raise Http404 from None


@router.get("/", response=answers(list[ApplicationOut], SIGNED_IN), summary="My applications")
def list_applications(request: HttpRequest):
    applications = Application.objects.filter(applicant=request.user).select_related(
        "intake__programme__institution"
    )
    return [_out(a) for a in applications]


@router.get(
    "/{public_id}",
    response=answers(ApplicationOut, SIGNED_IN, NOT_FOUND),
    summary="One of my applications",
)
def get_application(request: HttpRequest, public_id: UUID):
    return _out(_own(request, public_id))


@router.post(
    "/{public_id}/submit",
    response=answers(SubmitOut, SIGNED_IN, CSRF, NOT_FOUND, {409: Refusal}),
    summary="Submit a draft; repeating the call returns the same submission",
)
def submit(request: HttpRequest, public_id: UUID):
    application = _own(request, public_id)
    try:
        result = service.do_submit(application, actor=request.user)
    except service.SubmissionRefused as refusal:
        refused = Refusal(detail="The application was not submitted.", reasons=refusal.reasons)
        return Status(409, refused)
    submission = result.submission
    return Status(
        200,
        SubmitOut(
            reference=submission.reference,
            submitted_at=submission.submitted_at,
            outcome=submission.outcome,
            already_submitted=not result.created,
        ),
    )


@router.post(
    "/{public_id}/withdraw",
    response=answers(ApplicationOut, SIGNED_IN, CSRF, NOT_FOUND, {409: Refusal}),
)
def withdraw(request: HttpRequest, public_id: UUID):
    application = _own(request, public_id)
    try:
        application = service.do_withdraw(application, actor=request.user)
    except service.ApplicationError as error:
        return Status(409, Refusal(detail=str(error), reasons=[str(error)]))
    return Status(200, _out(application))
