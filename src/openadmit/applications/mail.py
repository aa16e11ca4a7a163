"""E-mail to an applicant about their application, sent once the change is committed."""

import logging

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.template.loader import render_to_string

from openadmit.applications.models import Application

__all__ = ["notify_applicant"]

logger = logging.getLogger(__name__)


def notify_applicant(application: Application, subject: str, template: str, context: dict) -> None:
    """Mail the applicant after the surrounding transaction commits (at once outside one)."""
    transaction.on_commit(lambda: _send(application, subject, template, context))


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
