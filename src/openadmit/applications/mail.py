"""E-mail to an applicant about their application: it exists exactly when the change does
(written to the outbox in the change's transaction, delivered after the commit)."""

import logging

from django.conf import settings
from django.core.mail import send_mail
from django.template.loader import render_to_string

from openadmit.applications.models import Application
from openadmit.core.outbox import send_with_change

__all__ = ["notify_applicant"]

logger = logging.getLogger(__name__)


def notify_applicant(application: Application, subject: str, template: str, context: dict) -> None:
    """Mail the applicant about the change the surrounding transaction makes."""
    send_with_change(lambda: _send(application, subject, template, context))


def _send(application: Application, subject: str, template: str, context: dict) -> None:
    if application.applicant is None:
        return
    context = {
        "application": application,
        "programme": application.intake.programme,
        "status_url": f"{settings.SITE_URL}/applications/{application.public_id}/",
        **context,
    }
    try:
        send_mail(
            subject=subject,
            message=render_to_string(template, context),
            from_email=settings.DEFAULT_FROM_EMAIL,
            recipient_list=[application.applicant.email],
        )
    except OSError:
        # What the mail says stands on the status page; a failed delivery loses nothing.
        logger.exception("mail %r for application %s was not sent", subject, application.pk)
