"""The review's vocabulary: its audit events, how a reviewer came to a file, and where a
reviewer's scoring of a file stands."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from openadmit.review.conflicts import ConflictSign


class ReviewEvent(models.TextChoices):
    RUBRIC_PUBLISH = "review:rubric:publish", _("Review rubric published")
    ASSIGN = "review:assignment:create", _("Reviewers assigned")
    AUTO_ASSIGN = "review:assignment:auto", _("Reviewers assigned automatically")
    THIRD_REVIEWER = "review:assignment:third", _("Third reviewer assigned")
    CONFLICT = "review:conflict:declare", _("Conflict of interest declared")
    SCORE_DRAFT = "review:score:draft", _("Scores saved as a draft")
    SCORE_SUBMIT = "review:score:submit", _("Scores submitted")


class AssignmentMethod(models.TextChoices):
    BY_HAND = "by_hand", _("Chosen by hand")
    AUTOMATIC = "automatic", _("Assigned automatically")
    REASSIGNED = "reassigned", _("Replacing a reviewer with a conflict")
    THIRD = "third", _("Third review after a disagreement")


class SheetState(models.TextChoices):
    """Where one reviewer's scoring of one file stands."""

    TO_DO = "to_do", _("To score")
    DRAFT = "draft", _("Draft saved")
    SUBMITTED = "submitted", _("Submitted")
    CONFLICT = "conflict", _("Conflict of interest declared")


# The signs of a likely conflict of interest (``conflicts.ConflictSign``), in words.
CONFLICT_SIGN_LABELS = {
    ConflictSign.HOME_INSTITUTION: _("their university awarded the applicant's degree"),
    ConflictSign.REFEREE: _("the applicant names them as a referee"),
}
