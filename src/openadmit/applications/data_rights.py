"""What the applications domain holds about a person, for export and for erasure.

Erasure removes drafts and their files. Submitted applications are the university's
record of an admission procedure: they lose the link to the deleted account and are
deleted by the institution's retention period (see `retention.do_apply_retention`).
"""

from django.db import transaction

from openadmit.accounts.service import PersonalData, register_data_holder
from openadmit.applications.constants import ApplicationEvent
from openadmit.applications.models import Application
from openadmit.audit.service import record_event


def register() -> None:
    register_data_holder("applications", export=export, erase=erase)


def export(user) -> PersonalData:
    """The person's applications as JSON, with their uploaded files."""
    records = []
    files = []
    applications = Application.objects.filter(applicant=user).select_related("intake__programme")
    for application in applications:
        submission = getattr(application, "submission", None)
        records.append(
            {
                "id": str(application.public_id),
                "programme": application.intake.programme.slug,
                "intake": application.intake.code,
                "status": application.status,
                "personal": application.personal,
                "profile": application.profile,
                "experience_summary": application.experience_summary,
                "motivation": application.motivation,
                "video_url": application.video_url,
                "fee": {
                    "status": application.fee_status,
                    "amount": str(application.fee_amount)
                    if application.fee_amount is not None
                    else None,
                    "currency": application.fee_currency,
                },
                "decision": application.decision,
                "created_at": application.created_at.isoformat(),
                "submission": None
                if submission is None
                else {
                    "reference": submission.reference,
                    "submitted_at": submission.submitted_at.isoformat(),
                    "verdict": submission.verdict,
                },
                "messages": [
                    {"sent_at": m.sent_at.isoformat(), "body": m.body}
                    for m in application.messages.all()
                ],
                "documents": [
                    {"kind": d.kind, "name": d.original_name, "size": d.size, "sha256": d.sha256}
                    for d in application.documents.all()
                ],
            }
        )
        for document in application.documents.all():
            files.append(
                (
                    f"{application.intake.code}-{document.kind}-{document.original_name}",
                    document.file,
                )
            )
    return PersonalData(data={"applications": records}, files=files)


def erase(user) -> dict[str, int]:
    """Delete the person's drafts with their files; detach their submitted applications."""
    counts = {"drafts_deleted": 0, "submitted_kept_until_retention": 0}
    with transaction.atomic():
        names = []
        for application in Application.objects.filter(applicant=user).select_for_update():
            if application.is_draft:
                names.extend((d.file.storage, d.file.name) for d in application.documents.all())
                record_event(ApplicationEvent.ERASE, actor=None, target=application)
                application.delete()
                counts["drafts_deleted"] += 1
            else:
                counts["submitted_kept_until_retention"] += 1
                record_event(ApplicationEvent.DETACH, actor=None, target=application)
                Application.objects.filter(pk=application.pk).update(applicant=None)
        for storage, name in names:
            transaction.on_commit(lambda s=storage, n=name: s.delete(n))
    return counts
