"""The platform's own tasks, run by `openadmit worker`."""

from django_tasks import task


@task()
def deliver_outbox_message(message_id: int) -> bool:
    """Send one e-mail from the outbox (see `openadmit.core.outbox`)."""
    from openadmit.core.outbox import deliver

    return deliver(message_id)
