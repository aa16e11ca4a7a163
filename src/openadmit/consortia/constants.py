from django.db import models
from django.utils.translation import gettext_lazy as _


class MemberRole(models.TextChoices):
    COORDINATOR = "coordinator", _("Coordinating university")
    PARTNER = "partner", _("Partner university")
