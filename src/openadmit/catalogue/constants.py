from django.db import models
from django.utils.translation import gettext_lazy as _


class StudyLevel(models.TextChoices):
    BACHELOR = "bachelor", _("Bachelor")
    MASTERS = "masters", _("Masters")
    DOCTORATE = "doctorate", _("Doctorate")


class StudyMode(models.TextChoices):
    ON_CAMPUS = "on_campus", _("On campus")
    ONLINE = "online", _("Online")
    BLENDED = "blended", _("Blended")


class OrganiserRole(models.TextChoices):
    COORDINATOR = "coordinator", _("Coordinating university")
    PARTNER = "partner", _("Partner university")


class SortOrder(models.TextChoices):
    RELEVANCE = "relevance", _("Best match")
    TITLE = "title", _("Title (A to Z)")
    DEADLINE = "deadline", _("Deadline (soonest first)")
    DURATION = "duration", _("Duration (shortest first)")
    ECTS = "ects", _("ECTS credits (fewest first)")
