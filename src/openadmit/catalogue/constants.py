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


class SortOrder(models.TextChoices):
    RELEVANCE = "relevance", _("Best match")
    TITLE = "title", _("Title (A to Z)")
    DEADLINE = "deadline", _("Deadline (soonest first)")
    DURATION = "duration", _("Duration (shortest first)")
    ECTS = "ects", _("ECTS credits (fewest first)")


class CatalogueEvent(models.TextChoices):
    INSTITUTION_CREATE = "catalogue:institution:create", _("Institution added to the catalogue")
    PROGRAMME_IMPORT = "catalogue:programme:import", _("Programme imported")
