"""What the review adds to the office's pages: the review section of a file, the links on
an intake's queue, and automatic assignment as a bulk action."""

from typing import Any

from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from openadmit.access.constants import Permission
from openadmit.access.policy import allowed
from openadmit.applications.models import Application
from openadmit.catalogue.models import Intake
from openadmit.office.bulk import BulkAction
from openadmit.review import service
from openadmit.review.models import Assignment

__all__ = ["AUTO_ASSIGN", "file_panel", "intake_links", "person_name"]


def person_name(user) -> str:
    if user is None:
        return _("a deleted account")
    return user.get_full_name() or user.email


def file_panel(user, application: Application) -> dict[str, Any] | None:
    """The file's review section: its reviewers, the reader's own part, and the scores the
    reader may see."""
    rubric = service.current_rubric(application.intake)
    can_assign = allowed(user, Permission.ASSIGN_REVIEWERS, application)
    assignments = list(
        Assignment.objects.filter(application=application)
        .select_related("reviewer", "review")
        .order_by("assigned_at", "pk")
    )
    if rubric is None and not assignments and not can_assign:
        return None
    see_all = service.may_see_all_scores(user, application)
    see_reasons = can_assign or allowed(user, Permission.SEE_ALL_SCORES, application)
    mine = next((a for a in assignments if a.reviewer_id == user.pk and a.is_active), None)
    submitted = [
        a
        for a in assignments
        if a.is_active and getattr(a, "review", None) and a.review.submitted_at
    ]
    state = service.review_state(application)
    criteria = []
    if see_all and rubric is not None and submitted:
        criteria = [
            {
                "title": criterion.title,
                "weight": criterion.weight,
                "scores": [a.review.score_of(criterion.id) for a in submitted],
            }
            for criterion in rubric.rules.criteria
        ]
    return {
        "template": "review/_file_panel.html",
        "rubric": rubric,
        "state": state,
        "rows": [
            {
                "name": person_name(a.reviewer),
                "is_me": a.reviewer_id == user.pk,
                "method": a.get_method_display(),
                "state": a.state,
                "conflict_reason": a.conflict_reason if see_reasons else "",
            }
            for a in assignments
        ],
        "mine": mine,
        "see_all": see_all,
        "submitted": [
            {
                "name": person_name(a.reviewer),
                "total": a.review.total,
                "comment": a.review.comment,
            }
            for a in submitted
        ]
        if see_all
        else [],
        "criteria": criteria,
        "can_assign": can_assign and rubric is not None,
        "missing": max(state.required - len(state.reviewer_ids), 0),
        "third_offered": can_assign and service.third_reviewer_refusal(application) is None,
        "urls": {
            "score": reverse("review:score", args=[application.public_id]),
            "conflict": reverse("review:conflict", args=[application.public_id]),
            "assign": reverse("review:assign", args=[application.public_id]),
            "auto": reverse("review:assign_auto", args=[application.public_id]),
            "third": reverse("review:assign_third", args=[application.public_id]),
            "rubric": reverse(
                "review:rubric", args=[application.intake.programme.slug, application.intake.code]
            ),
        },
    }


def intake_links(user, intake: Intake) -> list[tuple[str, str]]:
    args = [intake.programme.slug, intake.code]
    links = []
    if allowed(user, Permission.VIEW_APPLICATIONS, intake):
        links.append((_("Review rubric"), reverse("review:rubric", args=args)))
    if allowed(user, Permission.SEE_ALL_SCORES, intake):
        links.append((_("Reviewers' progress"), reverse("review:progress", args=args)))
        links.append((_("Scores and agreement"), reverse("review:scores", args=args)))
    elif allowed(user, Permission.REVIEW, intake):
        links.append((_("My reviews"), reverse("review:reviewer", args=[*args, user.pk])))
    return links


AUTO_ASSIGN = BulkAction(
    name="assign_reviewers",
    label=gettext_lazy("Assign reviewers automatically"),
    permission=Permission.ASSIGN_REVIEWERS,
    refusal=service.auto_assign_refusal,
    perform=lambda application, user, data: service.do_assign_automatically(
        application, actor=user
    ),
    confirm_label=gettext_lazy("Assign reviewers to these files"),
)
