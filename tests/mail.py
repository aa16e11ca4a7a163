"""A real SMTP server for the suite (aiosmtpd on loopback), and a mailbox to read it.

``mailbox`` points Django's SMTP backend at the server for one test and hands back what
arrived there; ``mailbox.wait_for(to)`` waits for a message, ``mailbox.links(message)``
lists the links in its text.
"""

import re
import socket
import threading
import time
from collections.abc import Iterator
from email import message_from_bytes, policy
from email.message import EmailMessage

import pytest
from aiosmtpd.controller import Controller

LINK = re.compile(r"https?://[^\s<>\"]+")


def deliver_outbox() -> None:
    """Play the task worker: deliver what the outbox holds, committed or not.

    Tests inside a transaction never commit, so the outbox's on-commit queueing never runs
    there; this sends the rows they wrote, through the same delivery code."""
    from openadmit.core.models import OutboxMessage
    from openadmit.core.outbox import deliver

    for pk in OutboxMessage.objects.filter(sent_at__isnull=True).values_list("pk", flat=True):
        deliver(pk)


class Mailbox:
    def __init__(self) -> None:
        self._messages: list[EmailMessage] = []
        self._arrived = threading.Condition()
        self.before_reading = lambda: None

    # aiosmtpd's handler hook: called for every message the server accepts.
    async def handle_DATA(self, server, session, envelope) -> str:
        message = message_from_bytes(envelope.original_content, policy=policy.default)
        with self._arrived:
            self._messages.append(message)
            self._arrived.notify_all()
        return "250 Message accepted for delivery"

    # Pure: aiosmtpd reads every attribute of its handler, from its own thread.
    @property
    def messages(self) -> list[EmailMessage]:
        with self._arrived:
            return list(self._messages)

    def clear(self) -> None:
        with self._arrived:
            self._messages.clear()

    def wait_for(self, to: str, *, subject_contains: str = "", timeout: float = 10) -> EmailMessage:
        """The first message to `to` (and with that text in its subject), waiting for it."""
        self.before_reading()
        deadline = time.monotonic() + timeout
        with self._arrived:
            while True:
                for message in self._messages:
                    addressed = to.lower() in message["To"].lower()
                    if addressed and subject_contains in message["Subject"]:
                        return message
                remaining = deadline - time.monotonic()
                if remaining <= 0:
                    raise AssertionError(f"no mail to {to} arrived within {timeout} s")
                self._arrived.wait(remaining)

    @staticmethod
    def text(message: EmailMessage) -> str:
        return message.get_body(preferencelist=("plain", "html")).get_content()

    @classmethod
    def links(cls, message: EmailMessage) -> list[str]:
        return LINK.findall(cls.text(message))


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture(scope="session")
def smtp_server():
    mailbox = Mailbox()
    controller = Controller(mailbox, hostname="127.0.0.1", port=_free_port())
    controller.start()
    yield controller
    controller.stop()


@pytest.fixture
def mailbox(smtp_server, settings) -> Iterator[Mailbox]:
    """Django's mail goes through the outbox, then over SMTP to the test server; the fixture
    is what arrived. Tasks run at once in the suite, so the outbox delivers on commit."""
    settings.EMAIL_BACKEND = "openadmit.core.outbox.OutboxEmailBackend"
    settings.OUTBOX_EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST = smtp_server.hostname
    settings.EMAIL_PORT = smtp_server.port
    settings.EMAIL_USE_TLS = False
    settings.EMAIL_HOST_USER = ""
    settings.EMAIL_HOST_PASSWORD = ""
    smtp_server.handler.clear()
    smtp_server.handler.before_reading = deliver_outbox
    yield smtp_server.handler
    smtp_server.handler.before_reading = lambda: None
