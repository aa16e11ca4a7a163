"""The office's work half done, so every page has something to show: screenings
confirmed, files under review with reviewers assigned automatically, and scores from a
lenient, a harsh and an even-handed reviewer (so normalised scores differ from raw ones
and a few files show strong disagreement). Made through the real actions, seeded."""

import random

from django.contrib.auth import get_user_model

from openadmit.applications.constants import Status
from openadmit.applications.models import Application
from openadmit.catalogue.models import Intake
from openadmit.office import service as office
from openadmit.review import service as review
from openadmit.review.models import Assignment

__all__ = ["load_office_work"]

# How each demo reviewer leans, in points of a 0-5 scale.
LEANING = {
    "reviewer.leuven@pioneer.demo": 0.8,
    "reviewer.muenster@pioneer.demo": -0.9,
    "reviewer.tallinn@pioneer.demo": 0.0,
}


def load_office_work(intake: Intake, seed: int = 2026) -> dict[str, int]:
    rng = random.Random(seed)
    # Demo accounts' usernames are their addresses.
    people = get_user_model().objects.in_bulk(
        ["officer@pioneer.demo", *LEANING], field_name="username"
    )
    officer = people["officer@pioneer.demo"]
    files = list(
        Application.objects.filter(intake=intake, status=Status.SUBMITTED)
        .select_related("submission")
        .order_by("submission__submitted_at")
    )
    eligible = [a for a in files if a.submission.outcome == "eligible"]
    screened = eligible[:30]
    for application in screened:
        office.do_confirm_screening(application, [], actor=officer)
    in_review = screened[:24]
    for application in in_review:
        office.do_start_review(application, actor=officer)
        review.do_assign_automatically(application, actor=officer)
    rubric = review.current_rubric(intake).rules
    scored = 0
    for application in in_review[:18]:
        merit = rng.uniform(1.5, 4.5)
        for assignment in Assignment.objects.active().filter(application=application):
            reviewer = assignment.reviewer
            lean = LEANING.get(reviewer.email, 0.0)
            scores = {
                c.id: _nearest(c.scale.points, merit + lean + rng.gauss(0, 0.5))
                for c in rubric.criteria
            }
            review.do_submit_scores(
                application, scores, "Read the file and the documents.", actor=reviewer
            )
            scored += 1
    return {"screened": len(screened), "in_review": len(in_review), "score_sheets": scored}


def _nearest(points, value: float):
    """The level of the scale nearest to ``value`` (a reviewer marks a level)."""
    return min(points, key=lambda point: abs(float(point) - value))
