"""About sixty applicants to PIONEER 2026-09 from many countries, submitted through the
real actions at moments spread over the call, so the office has a season to work on.

They are spread over eligibility outcomes (most eligible; some to be judged, some with
something missing, a few not eligible) and over deadline categories (scholarship
candidates by 1 March, other non-EEA applicants by 1 July, EEA applicants until 31
August). The same seed gives the same people.
"""

import random
import unicodedata
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from allauth.account.models import EmailAddress
from django.contrib.auth import get_user_model
from django.core.files.uploadedfile import SimpleUploadedFile

from openadmit.applications import service
from openadmit.applications.constants import Step
from openadmit.catalogue.models import Intake
from openadmit.demo.pdf import text_pdf
from openadmit.eligibility.codes import country_name

__all__ = ["APPLICANT_PASSWORD", "load_applicants"]

APPLICANT_PASSWORD = "applicant-demo-2026"  # nosec B105 # the demo's published password; only `serve --demo` loads it
BRUSSELS = ZoneInfo("Europe/Brussels")


@dataclass(frozen=True)
class Country:
    code: str
    given: tuple[str, ...]
    family: tuple[str, ...]
    universities: tuple[tuple[str, str], ...]  # (university, city)
    english: bool = False  # degrees taught in English in an exempting country
    count: int = 1


COUNTRIES = (
    Country(
        "KE",
        ("Wanjiru", "Achieng", "Kiprono", "Otieno", "Njeri", "Mwangi", "Chebet"),
        ("Kamau", "Odhiambo", "Kiptoo", "Wekesa", "Mutua", "Njoroge", "Barasa"),
        (("University of Nairobi", "Nairobi"), ("Kenyatta University", "Nairobi")),
        count=7,
    ),
    Country(
        "NG",
        ("Chinedu", "Aisha", "Tunde"),
        ("Okafor", "Bello", "Adeyemi"),
        (("University of Lagos", "Lagos"), ("Ahmadu Bello University", "Zaria")),
        count=3,
    ),
    Country(
        "ET",
        ("Meron", "Dawit", "Hana"),
        ("Tesfaye", "Bekele", "Alemu"),
        (("Addis Ababa University", "Addis Ababa"),),
        count=3,
    ),
    Country(
        "GH", ("Kwame", "Abena"), ("Mensah", "Owusu"), (("University of Ghana", "Accra"),), count=2
    ),
    Country(
        "UG",
        ("Brian", "Grace"),
        ("Okello", "Nakato"),
        (("Makerere University", "Kampala"),),
        count=2,
    ),
    Country(
        "IN",
        ("Arjun", "Priya", "Rahul", "Ananya"),
        ("Rao", "Sharma", "Iyer", "Menon"),
        (("University of Delhi", "Delhi"), ("University of Mumbai", "Mumbai")),
        count=4,
    ),
    Country(
        "PK",
        ("Ayesha", "Bilal"),
        ("Khan", "Qureshi"),
        (("Lahore University of Management Sciences", "Lahore"),),
        count=2,
    ),
    Country(
        "BD",
        ("Nusrat", "Tanvir"),
        ("Ahmed", "Hossain"),
        (("University of Dhaka", "Dhaka"),),
        count=2,
    ),
    Country(
        "ID",
        ("Putri", "Budi"),
        ("Santoso", "Wijaya"),
        (("Universitas Indonesia", "Depok"),),
        count=2,
    ),
    Country(
        "PH",
        ("Maria", "Jose"),
        ("Santos", "Reyes"),
        (("University of the Philippines", "Quezon City"),),
        count=2,
    ),
    Country(
        "VN",
        ("Linh", "Minh"),
        ("Nguyen", "Tran"),
        (("Vietnam National University", "Hanoi"),),
        count=2,
    ),
    Country(
        "BR",
        ("Beatriz", "Lucas", "Camila"),
        ("Oliveira", "Souza", "Lima"),
        (("Universidade de São Paulo", "São Paulo"),),
        count=3,
    ),
    Country(
        "CO",
        ("Valentina", "Andrés"),
        ("Gómez", "Rodríguez"),
        (("Universidad de los Andes", "Bogotá"),),
        count=2,
    ),
    Country(
        "MX",
        ("Sofía", "Diego"),
        ("Hernández", "López"),
        (("Universidad Nacional Autónoma de México", "Mexico City"),),
        count=2,
    ),
    Country(
        "UA",
        ("Olena", "Andriy", "Iryna"),
        ("Shevchenko", "Kovalenko", "Bondarenko"),
        (("Taras Shevchenko National University of Kyiv", "Kyiv"),),
        count=3,
    ),
    Country(
        "GE",
        ("Nino", "Giorgi"),
        ("Beridze", "Kapanadze"),
        (("Tbilisi State University", "Tbilisi"),),
        count=2,
    ),
    Country(
        "TR",
        ("Elif", "Emre"),
        ("Yılmaz", "Demir"),
        (("Middle East Technical University", "Ankara"),),
        count=2,
    ),
    Country(
        "EG", ("Mariam", "Omar"), ("Hassan", "Farouk"), (("Cairo University", "Giza"),), count=2
    ),
    Country("MA", ("Yasmine",), ("Benali",), (("Mohammed V University", "Rabat"),)),
    Country(
        "US", ("Emily",), ("Carter",), (("University of Michigan", "Ann Arbor"),), english=True
    ),
    Country("CA", ("Liam",), ("Tremblay",), (("University of Toronto", "Toronto"),), english=True),
    Country(
        "BE",
        ("Lotte", "Wout"),
        ("Peeters", "Maes"),
        (("Université libre de Bruxelles", "Brussels"),),
        count=2,
    ),
    Country(
        "DE",
        ("Lena", "Felix"),
        ("Schmidt", "Wagner"),
        (("University of Münster", "Münster"), ("University of Hamburg", "Hamburg")),
        count=2,
    ),
    Country(
        "EE",
        ("Liis", "Markus"),
        ("Kask", "Saar"),
        (("Tallinn University of Technology", "Tallinn"), ("University of Tartu", "Tartu")),
        count=2,
    ),
    Country("IT", ("Giulia",), ("Rossi",), (("University of Bologna", "Bologna"),)),
    Country("ES", ("Lucía",), ("García",), (("Universidad Complutense de Madrid", "Madrid"),)),
    Country("PT", ("Inês",), ("Ferreira",), (("University of Lisbon", "Lisbon"),)),
    Country(
        "GR",
        ("Eleni",),
        ("Papadopoulou",),
        (("National Technical University of Athens", "Athens"),),
    ),
)
EEA = {"BE", "DE", "EE", "IT", "ES", "PT", "GR"}

ACCEPTED = (
    ("Bachelor of Public Administration", "public administration"),
    ("Bachelor of Science in Information Systems", "information systems"),
    ("Bachelor of Laws", "law"),
    ("Bachelor of Arts in Political Science", "political science"),
    ("Bachelor of Science in Computer Science", "computer science"),
    ("Bachelor of Business Administration", "business administration"),
    ("Bachelor of Social Sciences", "social sciences"),
    ("Bachelor of Engineering", "engineering"),
)
OTHER = (
    ("Bachelor of Arts in History", "history"),
    ("Bachelor of Arts in Philosophy", "philosophy"),
)

# How the files fall: most eligible, then to be judged, missing something, not eligible.
KINDS = (
    ["eligible"] * 36
    + ["review"] * 9
    + ["incomplete"] * 6
    + ["ineligible"] * 5
    + ["final_year"] * 4
)


@dataclass
class Plan:
    given: str
    family: str
    country: Country
    kind: str
    wants_scholarship: bool
    submit_at: datetime
    university: tuple[str, str]
    degree: tuple[str, str]
    test: dict | None
    experience_months: int
    born: date


def _moment(rng: random.Random, first: date, last: date) -> datetime:
    day = first + timedelta(days=rng.randrange((last - first).days + 1))
    return datetime.combine(day, time(rng.randrange(8, 22), rng.randrange(60)), tzinfo=BRUSSELS)


def plans(seed: int = 2026) -> list[Plan]:
    rng = random.Random(seed)  # nosec B311 # reproducible demo data, no secret
    kinds = KINDS[:]
    rng.shuffle(kinds)
    people = []
    for country in COUNTRIES:
        for n in range(country.count):
            kind = kinds.pop()
            eea = country.code in EEA
            wants = not eea and rng.random() < 0.7
            if eea:
                moment = _moment(rng, date(2026, 3, 1), date(2026, 8, 30))
            elif wants and rng.random() < 0.85:
                moment = _moment(rng, date(2025, 11, 15), date(2026, 2, 28))
            else:
                moment = _moment(rng, date(2026, 3, 2), date(2026, 6, 30))
            degree = rng.choice(OTHER) if kind in ("review", "ineligible") else rng.choice(ACCEPTED)
            test = None
            if not country.english and kind != "incomplete":
                score = (
                    6.0
                    if kind == "ineligible" and rng.random() < 0.5
                    else rng.choice([7.0, 7.5, 8.0])
                )
                test = rng.choice(
                    [
                        {"test": "ielts_academic", "overall": score},
                        {
                            "test": "toefl_ibt",
                            "overall": {6.0: 80, 7.0: 100, 7.5: 105, 8.0: 110}[score],
                        },
                    ]
                )
            experience = (
                rng.choice([12, 24, 36]) if kind == "review" else rng.choice([0, 6, 18, 30])
            )
            if kind == "ineligible" and test and test["overall"] not in (6.0, 80):
                experience = 0
            people.append(
                Plan(
                    given=country.given[n % len(country.given)],
                    family=country.family[n % len(country.family)],
                    country=country,
                    kind=kind,
                    wants_scholarship=wants,
                    submit_at=moment,
                    university=rng.choice(country.universities),
                    degree=degree,
                    test=test,
                    experience_months=experience,
                    born=date(
                        rng.randrange(1988, 2003), rng.randrange(1, 13), rng.randrange(1, 29)
                    ),
                )
            )
    return people


def _answers(plan: Plan) -> dict[Step, dict]:
    code = plan.country.code
    university, city = plan.university
    title, subject = plan.degree
    return {
        Step.PERSONAL: {
            "personal": {
                "given_names": plan.given,
                "family_name": plan.family,
                "date_of_birth": plan.born.isoformat(),
                "phone": "",
                "country_of_residence": code,
            }
        },
        Step.NATIONALITIES: {"nationalities": [code]},
        Step.EDUCATION: {
            "secondary_school": {
                "country": code,
                "language_of_instruction": "en" if plan.country.english else None,
            },
            "degrees": [
                {
                    "level": "bachelor",
                    "title": title,
                    "field": subject,
                    "institution": university,
                    "city": city,
                    "country": code,
                    "language_of_instruction": "en",
                    "completed": plan.kind != "final_year",
                }
            ],
        },
        Step.LANGUAGE: {
            "language_tests": [{**plan.test, "taken_on": "2025-09-20"}] if plan.test else []
        },
        Step.EXPERIENCE: {
            "relevant_experience_months": plan.experience_months,
            "experience_summary": (
                f"{plan.experience_months} months in a public body's digital services team "
                f"in {city}."
                if plan.experience_months
                else ""
            ),
        },
        Step.SCHOLARSHIP: {
            "wants_scholarship": plan.wants_scholarship,
            "previous_erasmus_mundus_scholarship": False,
        },
        Step.MOTIVATION: {
            "motivation": (
                f"I studied {subject} at {university}. I want to help public administrations in "
                f"{country_name(code)} design digital services that people trust, and PIONEER's "
                "mix of public management and information systems is what I am missing."
            )
        },
    }


def _documents(plan: Plan) -> dict[str, tuple[str, list[str]]]:
    name = f"{plan.given} {plan.family}"
    university, city = plan.university
    title, subject = plan.degree
    docs = {
        "diploma": ("Diploma", [name, title, f"{university}, {city}", "Awarded with distinction"]),
        "transcript": (
            "Transcript of records",
            [name, title, "Public policy 16/20", "Statistics 15/20", f"Major: {subject}"],
        ),
        "cv": (
            "Curriculum vitae",
            [
                name,
                f"Education: {title}, {university}",
                f"Experience: {plan.experience_months} months",
            ],
        ),
        "motivation_letter": (
            "Motivation letter",
            [name, "Dear selection committee,", "I apply to PIONEER because ..."],
        ),
        "passport": ("Passport (copy)", [name, f"Nationality: {country_name(plan.country.code)}"]),
    }
    if plan.test:
        docs["language_certificate"] = (
            "Test report",
            [name, f"{plan.test['test']}: {plan.test['overall']}"],
        )
    return docs


def _person(plan: Plan, index: int):
    plain = unicodedata.normalize("NFKD", f"{plan.given}.{plan.family}".lower().replace(" ", ""))
    email = f"{plain.encode('ascii', 'ignore').decode()}.{index}@applicant.demo"
    user = get_user_model().objects.create_user(
        username=email,
        email=email,
        password=APPLICANT_PASSWORD,
        first_name=plan.given,
        last_name=plan.family,
    )
    EmailAddress.objects.create(user=user, email=email, verified=True, primary=True)
    return user


def load_applicants(intake: Intake, seed: int = 2026) -> int:
    """Start, fill, document and submit each demo applicant's application; returns how many."""
    submitted = 0
    for index, plan in enumerate(plans(seed), 1):
        applicant = _person(plan, index)
        application, _ = service.do_start_application(applicant, intake)
        for step, data in _answers(plan).items():
            application = service.do_save_step(application, step, data, actor=applicant)
        for kind, (title, lines) in _documents(plan).items():
            upload = SimpleUploadedFile(
                f"{kind.replace('_', '-')}.pdf", text_pdf(title, lines), "application/pdf"
            )
            service.do_upload_document(application, kind, upload, actor=applicant)
        application = service.do_save_step(
            application,
            Step.DOCUMENTS,
            {"video_url": f"https://video.example.org/{index}"},
            actor=applicant,
        )
        service.do_submit(application, actor=applicant, now=plan.submit_at)
        submitted += 1
    return submitted
