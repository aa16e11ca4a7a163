"""The PIONEER consortium, submitted applications and the office's cast, for the tests.

The cast (``cast()``): one person per role on PIONEER (the programme administrator, an
admissions officer and the committee chair on the programme, a reviewer, a partner
viewer from TalTech on its institution, a coordinator-wide officer on the consortium),
staff of another KU Leuven programme, an applicant and a stranger.
"""

from dataclasses import dataclass
from datetime import date

from openadmit.access.constants import Role
from openadmit.applications import service
from openadmit.applications.constants import Step
from openadmit.applications.models import Application
from openadmit.catalogue.models import Institution, Intake, Programme
from openadmit.consortia.constants import MemberRole
from openadmit.consortia.models import Consortium, ConsortiumMember
from tests.applications.factories import complete_draft, pioneer_intake
from tests.personas import make_applicant, make_staff

INSTITUTIONS = {
    "ku-leuven": ("KU Leuven", "BE", "Leuven", "Europe/Brussels"),
    "university-of-munster": ("University of Münster", "DE", "Münster", "Europe/Berlin"),
    "taltech": ("Tallinn University of Technology (TalTech)", "EE", "Tallinn", "Europe/Tallinn"),
}


def institution(slug: str) -> Institution:
    name, country, city, zone = INSTITUTIONS[slug]
    found, _ = Institution.objects.get_or_create(
        slug=slug, defaults={"name": name, "country": country, "city": city, "time_zone": zone}
    )
    return found


def pioneer_consortium() -> Consortium:
    """PIONEER's intake, its programme run by the consortium of its three universities."""
    programme = pioneer_intake().programme
    consortium, created = Consortium.objects.get_or_create(
        slug="pioneer", defaults={"name": "PIONEER consortium"}
    )
    if created:
        for order, (slug, role) in enumerate(
            [
                ("ku-leuven", MemberRole.COORDINATOR),
                ("university-of-munster", MemberRole.PARTNER),
                ("taltech", MemberRole.PARTNER),
            ]
        ):
            ConsortiumMember.objects.create(
                consortium=consortium, institution=institution(slug), role=role, order=order
            )
    programme.consortium = consortium
    programme.save(update_fields=["consortium"])
    return consortium


def leuven_only_intake() -> Intake:
    """An intake of another KU Leuven programme, not run with the partners, on PIONEER's
    rules (so that the same answers submit)."""
    pioneer = pioneer_intake()
    programme, _ = Programme.objects.get_or_create(
        slug="leuven-statistics",
        defaults={
            "title": "Master of Statistics",
            "institution": institution("ku-leuven"),
            "degree": "MSc",
            "study_level": "masters",
            "study_mode": "on_campus",
            "subject_area": "Mathematics",
            "subject": "Statistics",
            "duration_months": 24,
            "ects": 120,
            "languages": ["en"],
            "overview": "Statistics.",
        },
    )
    intake, _ = Intake.objects.get_or_create(
        programme=programme,
        code="2026-09",
        defaults={
            "starts_on": date(2026, 9, 1),
            "requirement_set": pioneer.requirement_set,
            "closes_at": pioneer.closes_at,
        },
    )
    return intake


def submitted(email: str, *, intake: Intake | None = None, nationalities=("IN",), **names):
    """A submitted application of a new applicant."""
    applicant = make_applicant(email, **names)
    # Only PIONEER asks for documents; the other programme has no document list.
    documents = intake is None or intake.programme.slug == "pioneer"
    application = complete_draft(
        applicant, intake, nationalities=nationalities, documents=documents
    )
    if names:
        personal = {
            **application.personal,
            "given_names": names.get("first_name", "Ana"),
            "family_name": names.get("last_name", "Silva"),
        }
        application = service.do_save_step(
            application, Step.PERSONAL, {"personal": personal}, actor=applicant
        )
    service.do_submit(application, actor=applicant)
    return Application.objects.select_related("intake__programme").get(pk=application.pk)


@dataclass
class Cast:
    programme_admin: object
    officer: object
    reviewer: object
    chair: object
    partner_viewer: object
    consortium_officer: object
    other_programme_officer: object
    applicant: object
    stranger: object

    def staff(self) -> dict[str, object]:
        return {
            "programme_admin": self.programme_admin,
            "officer": self.officer,
            "reviewer": self.reviewer,
            "chair": self.chair,
            "partner_viewer": self.partner_viewer,
            "consortium_officer": self.consortium_officer,
        }


def cast() -> Cast:
    consortium = pioneer_consortium()
    programme = consortium.programmes.get()
    return Cast(
        programme_admin=make_staff(
            Role.PROGRAMME_ADMIN, programme=programme, email="admin@kuleuven.example"
        ),
        officer=make_staff(
            Role.ADMISSIONS_OFFICER, programme=programme, email="officer@kuleuven.example"
        ),
        reviewer=make_staff(
            Role.REVIEWER,
            consortium=consortium,
            email="reviewer@uni-muenster.example",
            home=institution("university-of-munster"),
        ),
        chair=make_staff(Role.COMMITTEE_CHAIR, programme=programme, email="chair@kuleuven.example"),
        partner_viewer=make_staff(
            Role.PARTNER_VIEWER, institution=institution("taltech"), email="viewer@taltech.example"
        ),
        consortium_officer=make_staff(
            Role.ADMISSIONS_OFFICER, consortium=consortium, email="office@pioneer.example"
        ),
        other_programme_officer=make_staff(
            Role.ADMISSIONS_OFFICER,
            programme=leuven_only_intake().programme,
            email="stats@kuleuven.example",
        ),
        applicant=make_applicant("applicant@example.org"),
        stranger=make_applicant("stranger@example.org"),
    )
