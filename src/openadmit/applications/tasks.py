"""Scheduled work of the applications domain, run by `openadmit worker`."""

from django_tasks import task


@task()
def apply_retention() -> int:
    """Delete unsuccessful applications past their institution's retention period."""
    from openadmit.applications.retention import do_apply_retention

    return do_apply_retention()
