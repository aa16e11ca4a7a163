"""A submission's confirmation is written in the submission's transaction and delivered by
the task worker; a broker that is down, a worker that dies or a mail server that refuses
delays it, and loses nothing."""

from datetime import timedelta

import pytest
from django.utils import timezone
from django_tasks_rq import Job
from rq import SimpleWorker

from openadmit.applications import service
from openadmit.core.models import OutboxMessage
from openadmit.core.outbox import deliver, relay_pending
from tests.applications.factories import complete_draft
from tests.personas import make_applicant
from tests.services import ThrowawayRedis, free_port


@pytest.fixture
def smtp(smtp_server, settings):
    """Mail goes through the outbox to the test SMTP server, and only the worker sends it."""
    settings.EMAIL_BACKEND = "openadmit.core.outbox.OutboxEmailBackend"
    settings.OUTBOX_EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST = smtp_server.hostname
    settings.EMAIL_PORT = smtp_server.port
    settings.EMAIL_USE_TLS = False
    smtp_server.handler.clear()
    return smtp_server.handler


@pytest.fixture
def broker(tmp_path, settings):
    """RQ on a Redis server of its own, which the test may stop."""
    redis = ThrowawayRedis(tmp_path / "redis").start()
    settings.TASK_BACKEND = "rq"
    settings.TASKS = {"default": {"BACKEND": "django_tasks_rq.RQBackend"}}
    settings.RQ_QUEUES = {"default": {"URL": redis.url}}
    yield redis
    redis.stop()


def run_worker() -> None:
    """One RQ worker, until the queue is empty, in this process (as `openadmit worker`)."""
    import django_rq

    queue = django_rq.get_queue("default", job_class=Job)
    SimpleWorker([queue], connection=queue.connection, job_class=Job).work(burst=True)


def confirmations(mailbox) -> list[str]:
    return [m["Subject"] for m in mailbox._messages if m["Subject"].startswith("Application")]


@pytest.mark.django_db(transaction=True)
def test_it_writes_no_confirmation_when_the_submission_fails_after_writing_it(smtp, monkeypatch):
    ana = make_applicant("ana@example.org")
    application = complete_draft(ana)
    notify_applicant = service.notify_applicant

    def mail_then_fail(*args, **kwargs):
        notify_applicant(*args, **kwargs)
        assert OutboxMessage.objects.count() == 1
        raise ConnectionResetError("the database went away before the commit")

    monkeypatch.setattr(service, "notify_applicant", mail_then_fail)
    with pytest.raises(ConnectionResetError):
        service.do_submit(application, actor=ana)
    assert OutboxMessage.objects.count() == 0
    application.refresh_from_db()
    assert application.is_draft


@pytest.mark.django_db(transaction=True)
def test_it_takes_submissions_while_the_broker_is_down_and_mails_them_when_it_is_back(
    smtp, broker, settings
):
    ana = make_applicant("ana@example.org")
    application = complete_draft(ana)
    broker.stop()

    reference = service.do_submit(application, actor=ana).submission.reference

    [pending] = OutboxMessage.objects.all()
    assert pending.sent_at is None
    assert reference in pending.email["subject"]
    assert confirmations(smtp) == []
    assert relay_pending(timezone.now() + timedelta(hours=1)) == 0, "nothing to queue on"

    broker.start()
    assert relay_pending(timezone.now() + timedelta(seconds=settings.OUTBOX_RETRY_SECONDS)) == 1
    run_worker()

    assert confirmations(smtp) == [f"Application received: {reference}"]
    pending.refresh_from_db()
    assert pending.sent_at is not None


@pytest.mark.django_db(transaction=True)
def test_it_queues_on_commit_and_the_worker_sends_each_message_once(smtp, broker):
    ana = make_applicant("ana@example.org")
    reference = service.do_submit(complete_draft(ana), actor=ana).submission.reference
    [message] = OutboxMessage.objects.all()
    from openadmit.core.outbox import enqueue

    assert enqueue(message.pk), "queued a second time, as a relay might"
    run_worker()
    assert confirmations(smtp) == [f"Application received: {reference}"]


@pytest.mark.django_db
def test_it_sends_again_what_a_killed_worker_held_once_its_claim_lapses(smtp):
    ana = make_applicant("ana@example.org")
    service.do_submit(complete_draft(ana), actor=ana)
    message = OutboxMessage.objects.get()
    # What a worker killed while sending leaves: its claim, and one attempt.
    claimed_until = timezone.now() + timedelta(seconds=120)
    OutboxMessage.objects.filter(pk=message.pk).update(claimed_until=claimed_until, attempts=1)
    due = message.due_at

    assert not deliver(message.pk), "another worker leaves a claimed message alone"
    assert relay_pending(due) == 0, "nor does the relay, while the claim runs"
    OutboxMessage.objects.filter(pk=message.pk).update(claimed_until=timezone.now())
    assert relay_pending(due) == 1
    assert len(confirmations(smtp)) == 1
    message.refresh_from_db()
    assert message.sent_at is not None
    assert message.attempts == 2


@pytest.mark.django_db
def test_it_keeps_a_message_the_mail_server_refused_and_sends_it_later(smtp, settings):
    ana = make_applicant("ana@example.org")
    service.do_submit(complete_draft(ana), actor=ana)
    message = OutboxMessage.objects.get()
    real_port, settings.EMAIL_PORT = settings.EMAIL_PORT, free_port()

    assert not deliver(message.pk)
    message.refresh_from_db()
    assert message.sent_at is None
    assert message.last_error
    assert message.due_at > timezone.now()

    settings.EMAIL_PORT = real_port
    assert relay_pending(message.due_at) == 1
    message.refresh_from_db()
    assert message.sent_at is not None
    assert len(confirmations(smtp)) == 1
    assert message.email["headers"]["Message-ID"] == smtp._messages[0]["Message-ID"]
