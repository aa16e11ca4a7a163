"""Two submits of one application at the same moment store exactly one submission."""

import threading

import pytest
from django.db import connection

from openadmit.applications import service
from openadmit.applications.constants import Status
from openadmit.applications.models import Submission
from openadmit.audit.models import AuditEvent
from tests.applications.factories import complete_draft
from tests.personas import make_applicant


@pytest.mark.django_db(transaction=True)
def test_two_concurrent_submits_store_exactly_one_submission():
    ana = make_applicant("ana@example.org")
    application = complete_draft(ana)
    start = threading.Barrier(2)
    results, errors = [], []

    def submit():
        try:
            start.wait()
            results.append(service.do_submit(application, actor=ana))
        except Exception as error:  # noqa: BLE001 - reported by the assertion below
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=submit) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)

    assert errors == []
    assert sorted(r.created for r in results) == [False, True]
    assert results[0].submission.reference == results[1].submission.reference
    assert Submission.objects.count() == 1
    assert AuditEvent.objects.filter(event="application:submit").count() == 1
    application.refresh_from_db()
    assert application.status == Status.SUBMITTED
