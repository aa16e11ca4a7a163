"""`/api/v1/office/`: the review for machine clients: an intake's rubric and reviewers'
statistics, a file's assignments, conflicts of interest and scores.

The same policy as the review's pages: a staff member's bearer token (or a session that
signed in with a second factor); what is out of the caller's reach answers 404, exactly
like what does not exist; bad input answers 422 naming the field, and a change the state
does not allow 409, with nothing saved.
"""

from datetime import datetime
from decimal import Decimal
from typing import Annotated
from uuid import UUID

from django.conf import settings
from django.contrib.auth import get_user_model
from django.http import Http404, HttpRequest
from django.utils.translation import gettext as _
from ninja import Field, Router, Schema, Status
from ninja.errors import ValidationError
from pydantic import StringConstraints

from openadmit.access.api_auth import STAFF_AUTH
from openadmit.access.constants import Permission
from openadmit.access.lookups import application_for, intake_for
from openadmit.access.policy import AccessDenied, allowed
from openadmit.api.responses import BODY, CSRF, NOT_FOUND, SIGNED_IN, Problem, answers
from openadmit.applications.models import Application
from openadmit.review import reports, service
from openadmit.review.hooks import person_name
from openadmit.review.models import Assignment, Review

router = Router(tags=["review"], auth=STAFF_AUTH)
# A change the state does not allow now (a file that already has its reviewers, scores
# already submitted): a sentence saying why.
CONFLICT = {409: Problem}


def created(ok, *more) -> dict:
    """As ``answers``, with the success under 201: the route makes something."""
    responses = answers(ok, *more)
    return {201: responses.pop(200), **responses}


class RubricScaleOut(Schema):
    min: Decimal
    max: Decimal
    step: Decimal


class RubricLevelOut(Schema):
    score: Decimal
    description: str


class RubricCriterionOut(Schema):
    id: str
    title: str
    weight: Decimal
    scale: RubricScaleOut
    guidance: str
    levels: list[RubricLevelOut]


class RubricOut(Schema):
    id: str
    version: str
    sha256: str
    title: str
    assumption: str = Field(description="Set when the criteria are not the programme's own")
    reviewers_per_file: int
    max_points: Decimal
    published_at: datetime
    criteria: list[RubricCriterionOut]


class AssignmentOut(Schema):
    reviewer: str = Field(description="The reviewer's e-mail address")
    name: str
    method: str
    state: str = Field(description="to_do, draft, submitted or conflict")
    assigned_at: datetime
    conflict_declared_at: datetime | None
    conflict_reason: str = Field(description="Only for those who assign reviewers or see scores")


class AssignIn(Schema):
    reviewers: list[Annotated[str, StringConstraints(min_length=3, max_length=254)]] = Field(
        min_length=1, max_length=10, description="E-mail addresses of the reviewers to add"
    )
    despite_likely_conflict: bool = False


class ConflictIn(Schema):
    reason: str = Field(min_length=1, max_length=2000)


class ConflictOut(Schema):
    replacement: str | None = Field(description="The reviewer who takes the file over, if any")


CriterionId = Annotated[str, StringConstraints(pattern=r"^[a-z][a-z0-9_]{0,39}$")]
Score = Annotated[Decimal, Field(ge=-1000, le=1000, max_digits=8, decimal_places=2)]


class ScoresIn(Schema):
    scores: dict[CriterionId, Score | None] = Field(
        max_length=20, description="Criterion id -> score on its scale (null: not scored yet)"
    )
    comment: str = Field("", max_length=10000)


class SheetOut(Schema):
    reviewer: str
    name: str
    state: str
    rubric_version: str
    scores: dict[str, Decimal]
    comment: str
    total: Decimal | None
    submitted_at: datetime | None


class ScoresOut(Schema):
    reviews_required: int
    reviews_done: int
    score: Decimal | None = Field(description="Mean weighted score of the submitted reviews")
    disagreement: bool
    mine: SheetOut | None
    others_visible: bool = Field(description="False until the caller's own scores are submitted")
    others: list[SheetOut] = Field(description="The other reviewers' submitted scores")


class ReviewerOut(Schema):
    reviewer: str
    name: str
    assigned: int
    submitted: int
    drafts: int
    conflicts: int
    mean: float | None
    spread: float | None
    difference: float | None = Field(description="Their mean minus everyone's mean")


class ReviewerStatisticsOut(Schema):
    krippendorff_alpha: float | None = Field(description="Interval alpha over the intake's files")
    files_with_several_scores: int
    scores: int
    mean: float | None
    spread: float | None
    disagreement_percent: int
    reviewers: list[ReviewerOut]


def _unprocessable(errors: dict[str, str]) -> ValidationError:
    return ValidationError(
        [
            {"type": "value_error", "loc": ["body", *name.split(".")], "msg": message}
            for name, message in errors.items()
        ]
    )


def _refused(error: service.ReviewError):
    """422 naming the field when the input is at fault, else 409."""
    if isinstance(error, service.ScoresRefused):
        raise _unprocessable(error.errors)
    if error.field:
        raise _unprocessable({error.field: str(error)})
    return Status(409, {"detail": str(error)})


def _assignments(request: HttpRequest, application: Application) -> list[AssignmentOut]:
    see_reasons = allowed(request.auth, Permission.ASSIGN_REVIEWERS, application) or allowed(
        request.auth, Permission.SEE_ALL_SCORES, application
    )
    return [
        AssignmentOut(
            reviewer=a.reviewer.email if a.reviewer else "",
            name=person_name(a.reviewer),
            method=a.method,
            state=a.state,
            assigned_at=a.assigned_at,
            conflict_declared_at=a.conflict_declared_at,
            conflict_reason=a.conflict_reason if see_reasons else "",
        )
        for a in Assignment.objects.filter(application=application)
        .select_related("reviewer", "review")
        .order_by("assigned_at", "pk")
    ]


@router.get(
    "/intakes/{programme}/{intake}/rubric",
    response=answers(RubricOut, SIGNED_IN, NOT_FOUND),
    summary="The intake's current review rubric",
)
def rubric(request: HttpRequest, programme: str, intake: str):
    found = intake_for(request.auth, programme, intake, Permission.VIEW_APPLICATIONS)
    current = service.current_rubric(found)
    if current is None:
        raise Http404
    rules = current.rules
    return RubricOut(
        id=rules.id,
        version=rules.version,
        sha256=current.sha256,
        title=rules.title,
        assumption=rules.assumption,
        reviewers_per_file=rules.reviewers_per_file,
        max_points=rules.max_points,
        published_at=current.published_at,
        criteria=[c.model_dump() for c in rules.criteria],
    )


@router.get(
    "/intakes/{programme}/{intake}/reviewers",
    response=answers(ReviewerStatisticsOut, SIGNED_IN, NOT_FOUND),
    summary="Each reviewer's progress, mean and spread, and the intake's agreement",
)
def reviewer_statistics(request: HttpRequest, programme: str, intake: str):
    found = intake_for(request.auth, programme, intake, Permission.SEE_ALL_SCORES)
    percent = settings.REVIEW_DISAGREEMENT_PERCENT
    statistics = reports.intake_statistics(found, percent)
    scored = {row.reviewer.pk: row for row in statistics.reviewers}
    return ReviewerStatisticsOut(
        krippendorff_alpha=statistics.alpha,
        files_with_several_scores=statistics.pairable_files,
        scores=statistics.ratings,
        mean=statistics.mean,
        spread=statistics.spread,
        disagreement_percent=percent,
        reviewers=[
            ReviewerOut(
                reviewer=row.reviewer.email,
                name=person_name(row.reviewer),
                assigned=row.assigned,
                submitted=row.submitted,
                drafts=row.drafts,
                conflicts=row.conflicts,
                mean=scored[row.reviewer.pk].summary.mean if row.reviewer.pk in scored else None,
                spread=scored[row.reviewer.pk].summary.spread
                if row.reviewer.pk in scored
                else None,
                difference=scored[row.reviewer.pk].difference
                if row.reviewer.pk in scored
                else None,
            )
            for row in reports.intake_progress(found)
        ],
    )


@router.get(
    "/applications/{public_id}/assignments",
    response=answers(list[AssignmentOut], SIGNED_IN, NOT_FOUND),
    summary="The file's reviewers, including those who left it with a conflict",
)
def list_assignments(request: HttpRequest, public_id: UUID):
    return _assignments(
        request, application_for(request.auth, public_id, Permission.VIEW_APPLICATIONS)
    )


@router.post(
    "/applications/{public_id}/assignments",
    response=created(list[AssignmentOut], BODY, SIGNED_IN, CSRF, NOT_FOUND, CONFLICT),
    summary="Assign reviewers chosen by hand",
)
def create_assignments(request: HttpRequest, public_id: UUID, payload: AssignIn):
    application = application_for(request.auth, public_id, Permission.ASSIGN_REVIEWERS)
    people = []
    users = get_user_model().objects
    for index, email in enumerate(payload.reviewers):
        person = users.filter(email__iexact=email.strip(), is_active=True).first()
        if person is None:
            raise _unprocessable({f"reviewers.{index}": _("No staff member has this address.")})
        people.append(person)
    try:
        service.do_assign_reviewers(
            application,
            people,
            actor=request.auth,
            despite_likely_conflict=payload.despite_likely_conflict,
        )
    except service.ReviewError as error:
        return _refused(error)
    return Status(201, _assignments(request, application))


def _assigning(request: HttpRequest, public_id: UUID, action):
    application = application_for(request.auth, public_id, Permission.ASSIGN_REVIEWERS)
    try:
        action(application, actor=request.auth)
    except service.ReviewError as error:
        return _refused(error)
    return _assignments(request, application)


@router.post(
    "/applications/{public_id}/assignments/auto",
    response=answers(list[AssignmentOut], SIGNED_IN, CSRF, NOT_FOUND, CONFLICT),
    summary="Assign the least-loaded reviewers free of a likely conflict, as the rubric asks",
)
def assign_automatically(request: HttpRequest, public_id: UUID):
    return _assigning(request, public_id, service.do_assign_automatically)


@router.post(
    "/applications/{public_id}/assignments/third",
    response=answers(list[AssignmentOut], SIGNED_IN, CSRF, NOT_FOUND, CONFLICT),
    summary="Assign a third reviewer to a file whose reviewers disagree strongly",
)
def assign_third(request: HttpRequest, public_id: UUID):
    return _assigning(request, public_id, service.do_assign_third_reviewer)


@router.post(
    "/applications/{public_id}/conflict",
    response=answers(ConflictOut, BODY, SIGNED_IN, CSRF, NOT_FOUND),
    summary="Declare a conflict of interest and leave the file (it is reassigned)",
)
def declare_conflict(request: HttpRequest, public_id: UUID, payload: ConflictIn):
    application = application_for(request.auth, public_id, Permission.REVIEW)
    try:
        replacement = service.do_declare_conflict(application, payload.reason, actor=request.auth)
    except AccessDenied:
        raise Http404 from None
    except service.ReviewError as error:
        return _refused(error)
    return {"replacement": replacement.reviewer.email if replacement else None}


def _sheet(review: Review) -> SheetOut:
    assignment = review.assignment
    return SheetOut(
        reviewer=assignment.reviewer.email if assignment.reviewer else "",
        name=person_name(assignment.reviewer),
        state=assignment.state,
        rubric_version=review.rubric.version,
        scores={key: Decimal(value) for key, value in review.scores.items()},
        comment=review.comment,
        total=review.total,
        submitted_at=review.submitted_at,
    )


def _scores(request: HttpRequest, application: Application) -> ScoresOut:
    state = service.review_state(application)
    reviews = list(
        Review.objects.filter(
            assignment__application=application,
            assignment__conflict_declared_at__isnull=True,
            assignment__reviewer__isnull=False,
        ).select_related("assignment__reviewer", "rubric")
    )
    mine = next((r for r in reviews if r.assignment.reviewer_id == request.auth.pk), None)
    visible = service.may_see_all_scores(request.auth, application)
    return ScoresOut(
        reviews_required=state.required,
        reviews_done=state.done,
        score=state.score if visible else None,
        disagreement=state.disagreement if visible else False,
        mine=_sheet(mine) if mine else None,
        others_visible=visible,
        others=[_sheet(r) for r in reviews if r is not mine and r.submitted_at and visible],
    )


@router.get(
    "/applications/{public_id}/scores",
    response=answers(ScoresOut, SIGNED_IN, NOT_FOUND),
    summary="The caller's scores of the file, and the others' once the caller may see them",
)
def get_scores(request: HttpRequest, public_id: UUID):
    application = application_for(request.auth, public_id, Permission.VIEW_APPLICATIONS)
    return _scores(request, application)


def _save(request: HttpRequest, public_id: UUID, payload: ScoresIn, action):
    application = application_for(request.auth, public_id, Permission.REVIEW)
    if service.own_assignment(request.auth, application) is None:
        raise Http404
    try:
        action(application, payload.scores, payload.comment, actor=request.auth)
    except AccessDenied:
        raise Http404 from None
    except service.ReviewError as error:
        return _refused(error)
    return _scores(request, application)


@router.put(
    "/applications/{public_id}/scores/mine",
    response=answers(ScoresOut, BODY, SIGNED_IN, CSRF, NOT_FOUND, CONFLICT),
    summary="Save the caller's scores of the file as a draft",
)
def save_scores(request: HttpRequest, public_id: UUID, payload: ScoresIn):
    return _save(request, public_id, payload, service.do_save_scores)


@router.post(
    "/applications/{public_id}/scores/mine/submit",
    response=answers(ScoresOut, BODY, SIGNED_IN, CSRF, NOT_FOUND, CONFLICT),
    summary="Submit the caller's scores of the file: every criterion and a comment; final",
)
def submit_scores(request: HttpRequest, public_id: UUID, payload: ScoresIn):
    return _save(request, public_id, payload, service.do_submit_scores)


__all__ = ["router"]
