from django.db import models
from django.utils.translation import gettext_lazy as _


class VerdictOutcome(models.TextChoices):
    """Overall outcomes, in the order a listing shows them."""

    ELIGIBLE = "eligible", _("You can apply")
    REVIEW = "review", _("You can apply; the university will judge part of your file")
    INCOMPLETE = "incomplete", _("Something is missing before you can apply")
    INELIGIBLE = "ineligible", _("You cannot apply to this intake")


class CriterionOutcome(models.TextChoices):
    ELIGIBLE = "eligible", _("Met")
    REVIEW = "review", _("To be judged")
    INCOMPLETE = "incomplete", _("Missing")
    INELIGIBLE = "ineligible", _("Not met")
    NOT_REQUESTED = "not_requested", _("Not requested")
