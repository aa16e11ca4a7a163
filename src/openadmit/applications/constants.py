from django.db import models
from django.utils.translation import gettext_lazy as _


class Status(models.TextChoices):
    DRAFT = "draft", _("Draft")
    SUBMITTED = "submitted", _("Submitted")
    INFORMATION_REQUESTED = "information_requested", _("Information requested")
    UNDER_REVIEW = "under_review", _("Under review")
    DECIDED = "decided", _("Decision made")
    WITHDRAWN = "withdrawn", _("Withdrawn")


# The lifecycle: the only moves an application's status can make. Anything else is
# refused by `lifecycle.move` with a message saying what is allowed.
TRANSITIONS: dict[Status, frozenset[Status]] = {
    Status.DRAFT: frozenset({Status.SUBMITTED}),
    Status.SUBMITTED: frozenset(
        {Status.UNDER_REVIEW, Status.INFORMATION_REQUESTED, Status.DECIDED, Status.WITHDRAWN}
    ),
    Status.INFORMATION_REQUESTED: frozenset(
        {Status.SUBMITTED, Status.UNDER_REVIEW, Status.WITHDRAWN}
    ),
    Status.UNDER_REVIEW: frozenset(
        {Status.INFORMATION_REQUESTED, Status.DECIDED, Status.WITHDRAWN}
    ),
    # A new decision supersedes the last one (a reserve candidate admitted, a contest
    # upheld): the status stays "decided".
    Status.DECIDED: frozenset({Status.DECIDED}),
    Status.WITHDRAWN: frozenset(),
}

# The stages an applicant's status page shows, in order; a withdrawn application shows
# none of them as reached.
PROGRESS = (Status.DRAFT, Status.SUBMITTED, Status.UNDER_REVIEW, Status.DECIDED)


class Decision(models.TextChoices):
    ADMITTED = "admitted", _("Admitted")
    CONDITIONALLY_ADMITTED = "conditionally_admitted", _("Admitted on condition")
    RESERVE = "reserve", _("On the reserve list")
    REJECTED = "rejected", _("Not admitted")


# Decisions that turn an applicant down: each needs a person's confirmed screening first.
NEGATIVE = (Decision.REJECTED,)


class FeeStatus(models.TextChoices):
    NOT_CHARGED = "not_charged", _("No fee")
    DUE = "due", _("Due")
    PAID = "paid", _("Paid")
    WAIVED = "waived", _("Waived")


FEE_SETTLED = (FeeStatus.NOT_CHARGED, FeeStatus.PAID, FeeStatus.WAIVED)


class Step(models.TextChoices):
    """The guided form's steps, in order; each saves the draft."""

    PERSONAL = "personal", _("Personal details")
    NATIONALITIES = "nationalities", _("Nationalities")
    EDUCATION = "education", _("Prior education")
    LANGUAGE = "language", _("Language tests")
    EXPERIENCE = "experience", _("Experience")
    SCHOLARSHIP = "scholarship", _("Scholarship")
    MOTIVATION = "motivation", _("Motivation")
    DOCUMENTS = "documents", _("Documents")


STEPS = list(Step)


class ApplicationEvent(models.TextChoices):
    """What the audit trail records about an application, in the words of its timeline."""

    START = "application:start", _("Application started")
    STEP_SAVE = "application:step:save", _("Answers saved")
    DOCUMENT_UPLOAD = "application:document:upload", _("Document uploaded")
    DOCUMENT_REMOVE = "application:document:remove", _("Document removed")
    SUBMIT = "application:submit", _("Application submitted")
    RESUBMIT = "application:resubmit", _("Changes sent after a request for information")
    WITHDRAW = "application:withdraw", _("Application withdrawn")
    ERASE = "application:erase", _("Draft erased with the applicant's account")
    DETACH = "application:detach", _("Applicant's account deleted")
    RETENTION_DELETE = "application:retention:delete", _("Deleted at the end of its retention")
