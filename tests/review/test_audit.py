"""Every review action leaves exactly one audit event, of its own type, scoped to the
programme (and to the application for a file's actions); a refused action leaves none."""

import pytest

from openadmit.audit.models import AuditEvent
from openadmit.review import service
from openadmit.review.constants import ReviewEvent
from openadmit.review.rubric import load_rubric
from tests.office.factories import cast, submitted
from tests.review.factories import PIONEER_RUBRIC, reviewer, rubric_text, scores, with_rubric

pytestmark = pytest.mark.django_db


class Trail:
    def __init__(self):
        self.seen = AuditEvent.objects.count()

    def new(self) -> list[AuditEvent]:
        events = list(AuditEvent.objects.order_by("pk")[self.seen :])
        self.seen += len(events)
        return events


@pytest.fixture
def world():
    people = cast()
    kadri = reviewer("kadri@taltech.example")
    lena = reviewer("lena@kuleuven.example", home="ku-leuven")
    return people, kadri, lena


def only(trail: Trail, event: ReviewEvent, actor, application=None) -> AuditEvent:
    events = trail.new()
    assert [e.event for e in events] == [event.value]
    assert events[0].actor == actor
    if application is not None:
        assert events[0].application_id == application.pk
        assert events[0].programme_id == application.intake.programme_id
    return events[0]


def test_each_action_writes_exactly_one_event(world, settings):
    people, kadri, lena = world
    settings.REVIEW_DISAGREEMENT_PERCENT = 20
    intake = submitted("ana@example.org").intake
    trail = Trail()

    service.import_rubric(intake, load_rubric(PIONEER_RUBRIC))
    assert only(trail, ReviewEvent.RUBRIC_PUBLISH, None).programme_id == intake.programme_id

    service.do_publish_rubric(intake, rubric_text(version="2"), actor=people.programme_admin)
    only(trail, ReviewEvent.RUBRIC_PUBLISH, people.programme_admin)

    application = submitted("bea@example.org")
    trail.new()  # the submission's own events
    service.do_assign_reviewers(application, [people.reviewer, kadri], actor=people.chair)
    only(trail, ReviewEvent.ASSIGN, people.chair, application)

    other = submitted("carl@example.org")
    trail.new()
    service.do_assign_automatically(other, actor=people.officer)
    only(trail, ReviewEvent.AUTO_ASSIGN, people.officer, other)

    service.do_declare_conflict(application, "My former student.", actor=kadri)
    event = only(trail, ReviewEvent.CONFLICT, kadri, application)
    assert event.payload == {"replacement": lena.pk}

    service.do_save_scores(application, {"video": "1"}, "", actor=lena)
    only(trail, ReviewEvent.SCORE_DRAFT, lena, application)

    service.do_submit_scores(application, scores(5, 5, 5, 5, 5), "Great.", actor=lena)
    submitted_event = only(trail, ReviewEvent.SCORE_SUBMIT, lena, application)
    assert submitted_event.payload["total"] == "100.00"

    service.do_submit_scores(application, scores(1, 1, 1, 1, 1), "Weak.", actor=people.reviewer)
    only(trail, ReviewEvent.SCORE_SUBMIT, people.reviewer, application)

    mira = reviewer("mira@taltech.example")
    service.do_assign_third_reviewer(application, actor=people.officer)
    assert only(trail, ReviewEvent.THIRD_REVIEWER, people.officer, application).payload == {
        "reviewers": [mira.pk]
    }


def test_a_refused_action_writes_nothing(world):
    people, kadri, lena = world
    with_rubric()
    application = submitted("ana@example.org")
    trail = Trail()
    refusals = [
        lambda: service.do_assign_reviewers(application, [], actor=people.officer),
        lambda: service.do_assign_reviewers(application, [people.officer], actor=people.officer),
        lambda: service.do_assign_automatically(application, actor=people.partner_viewer),
        lambda: service.do_declare_conflict(application, "Reason.", actor=kadri),
        lambda: service.do_save_scores(application, {"video": "1"}, "", actor=kadri),
        lambda: service.do_assign_third_reviewer(application, actor=people.officer),
        lambda: service.do_publish_rubric(
            application.intake, rubric_text(version="3"), actor=people.officer
        ),
    ]
    for refuse in refusals:
        with pytest.raises((service.ReviewError, service.AccessDenied)):
            refuse()
    assert trail.new() == []
