"""Finding what a request names, through the policy: an application or an intake the
person may not act on is not found (404), exactly like one that does not exist."""

from django.http import Http404

from openadmit.access.constants import Permission
from openadmit.access.policy import allowed
from openadmit.applications.models import Application
from openadmit.catalogue.models import Intake

__all__ = ["application_for", "intake_for"]


def application_for(user, public_id, permission: Permission) -> Application:
    application = (
        Application.objects.select_related(
            "intake__programme__institution", "applicant", "submission"
        )
        .filter(public_id=public_id)
        .first()
    )
    if application is None or not allowed(user, permission, application):
        raise Http404
    return application


def intake_for(user, programme: str, code: str, permission: Permission) -> Intake:
    intake = (
        Intake.objects.select_related("programme__institution")
        .filter(programme__slug=programme, code=code)
        .first()
    )
    if intake is None or not allowed(user, permission, intake):
        raise Http404
    return intake
