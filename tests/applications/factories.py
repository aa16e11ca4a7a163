"""Applicants, the PIONEER intake, complete drafts and PDFs for the application tests."""

from datetime import date, datetime, timedelta
from decimal import Decimal
from zoneinfo import ZoneInfo

from openadmit.applications import service
from openadmit.applications.constants import Step
from openadmit.catalogue.models import Institution, Intake, Programme, RequirementSet
from openadmit.eligibility import load_requirement_set, parse_requirement_set, requirement_file
from tests.applications.pdfs import pdf_upload

BRUSSELS = ZoneInfo("Europe/Brussels")
# A moment when every PIONEER deadline but the scholarship one is still open.
BEFORE_DEADLINE = datetime(2026, 5, 4, 10, 0, tzinfo=BRUSSELS)


def pioneer_intake(
    *, fee: Decimal | None = Decimal("90.00"), published_dates: bool = False
) -> Intake:
    """PIONEER's 2026-09 intake with its published rules.

    Unless `published_dates`, the deadlines move into the future (scholarship in 30 days,
    non-EEA in 60, EEA in 90), so that pages and servers, which run at the real time, can
    still take submissions; the rules are otherwise the published ones.
    """
    document = load_requirement_set(requirement_file("pioneer", "2026-09")).document()
    if not published_dates:
        today = date.today()
        offsets = {"scholarship": 30, "non_eea": 60, "eea": 90}
        document["version"] = f"{document['version']}+open-{today.isoformat()}"
        for criterion in document["criteria"]:
            for deadline in criterion.get("deadlines", []):
                deadline["closes_on"] = (
                    today + timedelta(days=offsets[deadline["category"]])
                ).isoformat()
    ruleset = parse_requirement_set(document)
    requirement_set, _ = RequirementSet.objects.get_or_create(
        sha256=ruleset.sha256,
        defaults={
            "ruleset_id": ruleset.id,
            "version": ruleset.version,
            "document": ruleset.document(),
        },
    )
    leuven, _ = Institution.objects.get_or_create(
        slug="ku-leuven",
        defaults={
            "name": "KU Leuven",
            "country": "BE",
            "city": "Leuven",
            "education_system": "BE-nl",
            "time_zone": "Europe/Brussels",
        },
    )
    programme, _ = Programme.objects.get_or_create(
        slug="pioneer",
        defaults={
            "title": "Erasmus Mundus Master of Science in Public Sector Innovation and eGovernance",
            "short_name": "PIONEER",
            "institution": leuven,
            "degree": "MSc",
            "study_level": "masters",
            "study_mode": "on_campus",
            "subject_area": "Public Policy",
            "subject": "Public Policy",
            "duration_months": 24,
            "ects": 120,
            "languages": ["en"],
            "overview": "Public sector innovation.",
            "application_fee": fee,
        },
    )
    intake, _ = Intake.objects.update_or_create(
        programme=programme,
        code="2026-09",
        defaults={
            "starts_on": date(2026, 9, 1),
            "requirement_set": requirement_set,
            "closes_at": ruleset.latest_deadline(),
        },
    )
    return intake


ANSWERS = {
    Step.PERSONAL: {
        "personal": {
            "given_names": "Ana",
            "family_name": "Silva",
            "date_of_birth": "1999-04-02",
            "phone": "",
            "country_of_residence": "PT",
        }
    },
    Step.NATIONALITIES: {"nationalities": ["IN"]},
    Step.EDUCATION: {
        "secondary_school": {"country": "IN", "language_of_instruction": "en"},
        "degrees": [
            {
                "level": "bachelor",
                "title": "Bachelor of Laws",
                "field": "law",
                "institution": "University of Delhi",
                "city": "Delhi",
                "country": "IN",
                "language_of_instruction": "en",
                "completed": True,
            }
        ],
    },
    Step.LANGUAGE: {
        "language_tests": [{"test": "ielts_academic", "overall": 7.5, "taken_on": "2025-10-04"}]
    },
    Step.EXPERIENCE: {
        "relevant_experience_months": 12,
        "experience_summary": "Municipal IT projects.",
    },
    Step.SCHOLARSHIP: {"wants_scholarship": False, "previous_erasmus_mundus_scholarship": False},
    Step.MOTIVATION: {"motivation": "I want to make public services work for people."},
}


def complete_draft(applicant, intake=None, *, nationalities=("IN",), documents=True):
    """A draft with every step answered and every required document uploaded."""
    intake = intake or pioneer_intake()
    application, _ = service.do_start_application(applicant, intake)
    for step, data in ANSWERS.items():
        if step == Step.NATIONALITIES:
            data = {"nationalities": list(nationalities)}
        application = service.do_save_step(application, step, data, actor=applicant)
    if documents:
        for kind in (
            "diploma",
            "transcript",
            "cv",
            "motivation_letter",
            "passport",
            "language_certificate",
        ):
            service.do_upload_document(
                application, kind, pdf_upload(f"{kind}.pdf"), actor=applicant
            )
        application = service.do_save_step(
            application,
            Step.DOCUMENTS,
            {"video_url": "https://video.example.org/ana"},
            actor=applicant,
        )
    application.refresh_from_db()
    return application
