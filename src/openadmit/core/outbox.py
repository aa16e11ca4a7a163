"""Mail that is never lost: the outbox backend, its delivery task and the relay.

`EMAIL_BACKEND` is `OutboxEmailBackend`: sending a message writes an `OutboxMessage` row,
inside the caller's transaction when there is one, so that a submission and its
confirmation are committed together or not at all. After the commit the message is queued
for the task worker, which delivers it through `OUTBOX_EMAIL_BACKEND` (SMTP in production).
When the broker is down at that moment, or a worker dies with the message, the relay
(`openadmit worker` runs one) queues it again once `OUTBOX_RETRY_SECONDS` have passed.

Delivery is at least once: a worker killed between the SMTP server's acceptance and the
row's update sends the message again, with the same Message-ID, which mail programs use to
show it once.
"""

import base64
import logging
import signal
import time
from collections.abc import Callable
from datetime import timedelta
from email.utils import make_msgid

from django.conf import settings
from django.core.mail import EmailMultiAlternatives, get_connection
from django.core.mail.backends.base import BaseEmailBackend
from django.core.mail.message import EmailMessage
from django.core.mail.utils import DNS_NAME
from django.db import DatabaseError, close_old_connections, transaction
from django.db.models import F, Q
from django.utils import timezone

from openadmit.core.models import OutboxMessage
from openadmit.core.request_id import current_request_id, request_id_context

__all__ = ["OutboxEmailBackend", "deliver", "relay_pending", "run_relay", "send_with_change"]

logger = logging.getLogger(__name__)

# The longest wait between two attempts at a message that keeps failing.
MAX_RETRY_SECONDS = 3600
RELAY_BATCH = 500


def _serialise(message: EmailMessage) -> dict:
    headers = dict(message.extra_headers)
    # Fixed now, so that every delivery attempt of this message carries the same id.
    headers.setdefault("Message-ID", make_msgid(domain=DNS_NAME))
    attachments = []
    for attachment in message.attachments:
        filename, content, mimetype = attachment
        if isinstance(content, str):
            content = content.encode()
        attachments.append([filename, base64.b64encode(content).decode(), mimetype])
    return {
        "subject": message.subject,
        "body": message.body,
        "from_email": message.from_email,
        "to": list(message.to),
        "cc": list(message.cc),
        "bcc": list(message.bcc),
        "reply_to": list(message.reply_to),
        "headers": headers,
        "alternatives": [
            [content, mimetype] for content, mimetype in getattr(message, "alternatives", [])
        ],
        "attachments": attachments,
    }


def _message(data: dict) -> EmailMultiAlternatives:
    message = EmailMultiAlternatives(
        subject=data["subject"],
        body=data["body"],
        from_email=data["from_email"],
        to=data["to"],
        cc=data["cc"],
        bcc=data["bcc"],
        reply_to=data["reply_to"],
        headers=data["headers"],
        alternatives=[tuple(pair) for pair in data["alternatives"]],
    )
    for filename, content, mimetype in data["attachments"]:
        message.attach(filename, base64.b64decode(content), mimetype)
    return message


class OutboxEmailBackend(BaseEmailBackend):
    """Django's mail API writes to the outbox; the worker does the sending."""

    def send_messages(self, email_messages) -> int:
        count = 0
        for email in email_messages:
            if not email.recipients():
                continue
            row = OutboxMessage.objects.create(
                email=_serialise(email),
                request_id=current_request_id(),
                due_at=timezone.now() + _retry_after(0),
            )
            transaction.on_commit(lambda pk=row.pk: enqueue(pk))
            count += 1
        return count


def send_with_change(send: Callable[[], object]) -> None:
    """Run `send`, which sends mail about a change, so that the mail exists exactly when the
    change does: at once when mail goes to the outbox (its row commits or rolls back with
    the change), after the commit with any other backend (the tests' in-memory one)."""
    if settings.EMAIL_BACKEND == f"{__name__}.OutboxEmailBackend":
        send()
    else:
        transaction.on_commit(send)


def enqueue(message_id: int) -> bool:
    """Hand the message to the task queue; False (and the relay's turn) when it is down."""
    from openadmit.core.tasks import deliver_outbox_message

    try:
        deliver_outbox_message.enqueue(message_id)
    except Exception as error:  # noqa: BLE001 - any broker failure: the relay will retry
        logger.warning("outbox message %s not queued, the relay will: %s", message_id, error)
        return False
    return True


def _retry_after(attempts: int) -> timedelta:
    """The wait before the relay queues a message again: doubling with each failed attempt."""
    seconds = settings.OUTBOX_RETRY_SECONDS * 2 ** max(attempts - 1, 0)
    return timedelta(seconds=min(seconds, MAX_RETRY_SECONDS))


def deliver(message_id: int) -> bool:
    """Send one outbox message unless it is sent or claimed; True when this call sent it."""
    now = timezone.now()
    claimed = (
        OutboxMessage.objects.filter(pk=message_id, sent_at__isnull=True)
        .filter(Q(claimed_until__isnull=True) | Q(claimed_until__lt=now))
        .update(
            claimed_until=now + timedelta(seconds=settings.OUTBOX_CLAIM_SECONDS),
            attempts=F("attempts") + 1,
        )
    )
    if not claimed:
        return False
    row = OutboxMessage.objects.get(pk=message_id)
    with request_id_context(row.request_id):
        try:
            connection = get_connection(settings.OUTBOX_EMAIL_BACKEND, fail_silently=False)
            connection.send_messages([_message(row.email)])
        except Exception as error:  # noqa: BLE001 - whatever the mail server did, retry later
            logger.warning(
                "outbox message %s not delivered (attempt %s): %s", row.pk, row.attempts, error
            )
            OutboxMessage.objects.filter(pk=row.pk).update(
                claimed_until=None,
                due_at=timezone.now() + _retry_after(row.attempts),
                last_error=str(error)[:2000],
            )
            return False
        OutboxMessage.objects.filter(pk=row.pk).update(
            sent_at=timezone.now(), claimed_until=None, last_error=""
        )
        logger.info("outbox message %s delivered", row.pk, extra={"outbox_id": row.pk})
    return True


def relay_pending(now=None) -> int:
    """Queue again every unsent message that is due, and return how many were queued.

    Several relays may run (one per worker machine): each message is taken by one of them
    per turn, by a conditional update of its `due_at`.
    """
    now = now or timezone.now()
    candidates = list(
        OutboxMessage.objects.filter(sent_at__isnull=True, due_at__lte=now)
        .filter(Q(claimed_until__isnull=True) | Q(claimed_until__lt=now))
        .values_list("pk", "due_at")[:RELAY_BATCH]
    )
    queued = 0
    for pk, due in candidates:
        next_turn = now + _retry_after(0)
        if not OutboxMessage.objects.filter(pk=pk, due_at=due).update(due_at=next_turn):
            continue
        if not enqueue(pk):
            # The broker is down: give the message back, and try again next turn.
            OutboxMessage.objects.filter(pk=pk, due_at=next_turn).update(due_at=due)
            break
        queued += 1
    return queued


def run_relay() -> None:
    """Relay every OUTBOX_RELAY_SECONDS until SIGTERM; a database outage is waited out."""
    stopping = False

    def stop(signum, frame) -> None:
        nonlocal stopping
        stopping = True

    signal.signal(signal.SIGTERM, stop)
    signal.signal(signal.SIGINT, stop)
    while not stopping:
        # Between turns as between requests: a dropped or old connection is replaced.
        close_old_connections()
        try:
            queued = relay_pending()
        except DatabaseError as error:
            logger.warning("outbox relay: database unavailable, trying again: %s", error)
            close_old_connections()
        else:
            if queued:
                logger.info("outbox relay queued %s message(s) again", queued)
        deadline = time.monotonic() + settings.OUTBOX_RELAY_SECONDS
        while not stopping and time.monotonic() < deadline:
            time.sleep(0.2)
