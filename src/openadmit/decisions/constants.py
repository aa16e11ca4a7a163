from django.db import models
from django.utils.translation import gettext_lazy as _


class DecisionEvent(models.TextChoices):
    SESSION_OPEN = "decision:session:open", _("Decision session opened")
    SESSION_CLOSE = "decision:session:close", _("Decision session closed")
    DECIDE = "decision:decide", _("Decision recorded")
    CONDITION = "decision:condition", _("Condition marked")
    CONTEST = "decision:contest", _("Decision contested")
    ANSWER = "decision:contest:answer", _("Contest answered")


class ConditionStatus(models.TextChoices):
    PENDING = "pending", _("Not yet shown")
    MET = "met", _("Met")
    NOT_MET = "not_met", _("Not met")


class ContestOutcome(models.TextChoices):
    UPHELD = "upheld", _("The decision stands")
    CHANGED = "changed", _("The decision is changed")


DEFAULT_APPEAL_DAYS = 10
