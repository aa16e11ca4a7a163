"""What the application file page shows: the person, the answers as sent, the documents,
the verdict with its clauses, the screening, the checklist and the timeline."""

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any
from zoneinfo import ZoneInfo

from django.contrib.auth import get_user_model
from django.urls import reverse
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from openadmit.access.constants import Permission
from openadmit.access.policy import allowed
from openadmit.applications.constants import FEE_SETTLED, Step
from openadmit.applications.document_list import document_specs
from openadmit.applications.models import Application
from openadmit.audit.models import AuditEvent
from openadmit.eligibility import LANGUAGE_TESTS, Verdict
from openadmit.eligibility.codes import country_name
from openadmit.eligibility.profile import LEVEL_NAMES
from openadmit.office.constants import Checklist, ScreeningState
from openadmit.office.queue import latest_sealed, screening_state
from openadmit.verdicts.constants import VerdictOutcome
from openadmit.verdicts.presenting import VerdictView, verdict_view
from openadmit.verdicts.service import sealed_verdict

__all__ = [
    "file_context",
    "register_file_panel",
    "screened_verdict",
    "verdict_for_staff",
]

# Other domains add a panel to the file (the review's): (user, application) -> context,
# rendered by the template the panel names, or None when the user has nothing to see.
_panels: list[Callable[[Any, Application], dict | None]] = []


def register_file_panel(panel: Callable[[Any, Application], dict | None]) -> None:
    if panel not in _panels:
        _panels.append(panel)


def screened_verdict(application: Application) -> Verdict:
    """The verdict a screening confirms: the latest the applicant's answers were sealed with."""
    return sealed_verdict(latest_sealed(application).verdict)


def verdict_for_staff(application: Application) -> VerdictView:
    zone = application.intake.programme.institution.time_zone
    return verdict_view(screened_verdict(application), zone)


@dataclass(frozen=True)
class CheckItem:
    item: Checklist
    done: bool
    detail: str


def _personal(personal: dict) -> list[tuple[str, str]]:
    rows = [
        (_("Given names"), personal.get("given_names", "")),
        (_("Family name"), personal.get("family_name", "")),
        (_("Date of birth"), personal.get("date_of_birth", "")),
        (_("Telephone"), personal.get("phone", "")),
    ]
    if personal.get("country_of_residence"):
        rows.append((_("Country of residence"), country_name(personal["country_of_residence"])))
    return [(label, value) for label, value in rows if value]


def _degree(degree: dict) -> str:
    parts = [
        degree.get("title") or LEVEL_NAMES.get(degree.get("level", ""), ""),
        degree.get("field") and _("in %(field)s") % {"field": degree["field"]},
        degree.get("institution"),
        degree.get("city"),
        degree.get("country") and country_name(degree["country"]),
    ]
    text = ", ".join(p for p in parts if p)
    grade = degree.get("grade")
    if grade:
        text += " · " + _("grade %(value)s (best %(best)s, pass %(pass)s)") % {
            "value": f"{grade['value']:g}",
            "best": f"{grade['best']:g}",
            "pass": f"{grade['pass']:g}",
        }
    if degree.get("completed") is False:
        text += " · " + _("in its final year")
    return text


def _test(test: dict) -> str:
    name = LANGUAGE_TESTS[test["test"]].name if test.get("test") in LANGUAGE_TESTS else test["test"]
    text = f"{name} {test['overall']:g}"
    if test.get("sections"):
        text += " (" + ", ".join(f"{k} {v:g}" for k, v in test["sections"].items()) + ")"
    if test.get("taken_on"):
        text += " · " + _("taken %(day)s") % {"day": test["taken_on"]}
    return text


def answers_view(answers: dict) -> list[tuple[str, list[str]]]:
    """The sealed answers in words, step by step."""
    profile = answers.get("profile", {})
    school = profile.get("secondary_school")
    rows = [
        (Step.NATIONALITIES.label, [country_name(c) for c in profile.get("nationalities", [])]),
        (
            _("Secondary school"),
            [country_name(school["country"])] if school and school.get("country") else [],
        ),
        (Step.EDUCATION.label, [_degree(d) for d in profile.get("degrees", [])]),
        (Step.LANGUAGE.label, [_test(t) for t in profile.get("language_tests", [])]),
        (
            Step.EXPERIENCE.label,
            [
                _("%(months)s months of relevant experience")
                % {"months": profile.get("relevant_experience_months", 0)},
                answers.get("experience_summary", ""),
            ],
        ),
        (
            Step.SCHOLARSHIP.label,
            [
                _("Asks for a scholarship")
                if profile.get("wants_scholarship")
                else _("Does not ask for a scholarship"),
                _("Held an Erasmus Mundus scholarship before")
                if profile.get("previous_erasmus_mundus_scholarship")
                else "",
            ],
        ),
        (Step.MOTIVATION.label, [answers.get("motivation", "")]),
        (_("Video"), [answers.get("video_url", "")]),
    ]
    return [(label, [v for v in values if v]) for label, values in rows]


def _changed_steps(first: dict, later: dict) -> list[str]:
    labels = []
    for label, values in answers_view(later):
        if values != dict(answers_view(first)).get(label):
            labels.append(label)
    return labels


def _documents(application: Application, user) -> list[dict]:
    specs = document_specs(application.intake.programme.slug, application.intake.code)
    held = {d.kind: d for d in application.documents.all()}
    can_open = allowed(user, Permission.DOWNLOAD_DOCUMENTS, application)
    rows = []
    for spec in specs:
        document = held.pop(spec.id, None)
        link = application.video_url if spec.accepts_link and document is None else ""
        required = spec.is_required(application.profile)
        rows.append(_document_row(spec.label, required, document, can_open, link))
    for document in held.values():
        label = document.kind.replace("_", " ").capitalize()
        rows.append(_document_row(label, False, document, can_open, ""))
    return rows


def _document_row(label: str, required: bool, document, can_open: bool, link: str) -> dict:
    url = reverse("office:document", args=[document.public_id]) if document else None
    return {
        "label": label,
        "required": required,
        "document": document,
        "link": link,
        "url": url if can_open else None,
        "download_url": f"{url}?download=1" if url and can_open else None,
        "is_pdf": bool(document and document.content_type == "application/pdf"),
    }


def _checklist(application: Application, documents: list[dict], state: ScreeningState):
    missing = [
        row["label"]
        for row in documents
        if row["required"] and not row["document"] and not row["link"]
    ]
    reference_rows = [row for row in documents if "reference" in row["label"].lower()]
    items = [
        CheckItem(
            Checklist.DOCUMENTS,
            not missing,
            _("Missing: %(list)s") % {"list": ", ".join(missing)} if missing else "",
        ),
        CheckItem(Checklist.ELIGIBILITY, state == ScreeningState.CONFIRMED, state.label),
        CheckItem(
            Checklist.FEE,
            application.fee_status in FEE_SETTLED,
            application.get_fee_status_display(),
        ),
    ]
    if reference_rows:
        received = all(row["document"] for row in reference_rows)
        items.append(CheckItem(Checklist.REFERENCES, received, ""))
    return items


def _facts(application: Application, sealed, state: ScreeningState) -> list[tuple[str, str]]:
    """The file at a glance: who, which deadline, what they ask for, where it stands."""
    profile = sealed.answers.get("profile", {})
    verdict = sealed_verdict(sealed.verdict)
    zone = ZoneInfo(application.intake.programme.institution.time_zone)
    deadline = verdict.deadline
    return [
        (_("Nationality"), ", ".join(country_name(c) for c in profile.get("nationalities", []))),
        (
            _("Deadline"),
            f"{date_format(deadline.closes_at.astimezone(zone), 'j F Y')} · {deadline.label}"
            if deadline
            else "–",
        ),
        (
            _("Scholarship"),
            _("Asks for one") if profile.get("wants_scholarship") else _("Self-funded"),
        ),
        (_("Eligibility"), f"{VerdictOutcome(verdict.outcome).label} · {state.label}"),
        (_("Fee"), application.get_fee_status_display()),
    ]


def timeline(application: Application) -> list[dict]:
    events = list(AuditEvent.objects.filter(application_id=application.pk).order_by("at", "pk"))
    people = get_user_model().objects.in_bulk({e.actor_id for e in events if e.actor_id})
    rows: list[dict] = []
    for event in events:
        actor = people.get(event.actor_id)
        if actor is None:
            who = _("the system") if event.actor_id is None else _("a deleted account")
        elif actor.pk == application.applicant_id:
            who = _("the applicant")
        else:
            who = actor.get_full_name() or actor.email
        last = rows[-1] if rows else None
        if last and (last["event"], last["who"]) == (event.event, who):
            # A run of the same thing by the same person reads as one line: "×8".
            last["times"] += 1
            last["until"] = event.at
            continue
        rows.append(
            {
                "at": event.at,
                "until": event.at,
                "times": 1,
                "event": event.event,
                "label": event.label,
                "who": who,
            }
        )
    return rows


def file_context(user, application: Application) -> dict[str, Any]:
    zone = application.intake.programme.institution.time_zone
    submission = application.submission
    sealed = latest_sealed(application)
    screening = application.screenings.order_by("-confirmed_at", "-pk").first()
    state = screening_state(screening, sealed)
    documents = _documents(application, user)
    requests = list(application.information_requests.select_related("resubmission"))
    panels = [p for p in (panel(user, application) for panel in _panels) if p]
    return {
        "application": application,
        "intake": application.intake,
        "programme": application.intake.programme,
        "time_zone": zone,
        "submission": submission,
        "email": application.applicant.email if application.applicant else "",
        "personal": _personal(submission.answers.get("personal", {})),
        "answers": answers_view(sealed.answers),
        "first_answers": answers_view(submission.answers) if requests else None,
        "requests": [
            {
                "request": r,
                "changed": _changed_steps(submission.answers, r.resubmission.answers)
                if hasattr(r, "resubmission")
                else None,
            }
            for r in requests
        ],
        "documents": documents,
        "verdict": verdict_view(sealed_verdict(sealed.verdict), zone),
        "screening": screening,
        "screening_state": state,
        "checklist": _checklist(application, documents, state),
        "timeline": timeline(application),
        "facts": _facts(application, sealed, state),
        "office_messages": application.messages.select_related("author"),
        "panels": panels,
        "can": {
            "screen": allowed(user, Permission.SCREEN, application),
            "correspond": allowed(user, Permission.CORRESPOND, application),
            "fee": allowed(user, Permission.RECORD_FEE, application)
            and application.fee_amount is not None,
            "move": allowed(user, Permission.MOVE_FILES, application),
        },
    }
