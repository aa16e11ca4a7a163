from django.db import models
from django.utils.translation import gettext_lazy as _


class Status(models.TextChoices):
    DRAFT = "draft", _("Draft")
    SUBMITTED = "submitted", _("Submitted")
    UNDER_REVIEW = "under_review", _("Under review")
    DECIDED = "decided", _("Decision made")
    WITHDRAWN = "withdrawn", _("Withdrawn")


# A decision ends the applicant's part; before it they may still withdraw.
WITHDRAWABLE = (Status.SUBMITTED, Status.UNDER_REVIEW)


class Decision(models.TextChoices):
    ADMITTED = "admitted", _("Admitted")
    CONDITIONALLY_ADMITTED = "conditionally_admitted", _("Admitted on condition")
    REJECTED = "rejected", _("Not admitted")


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
