"""The guided form's steps. Each turns its answers into the eligibility profile's JSON.

A step form knows how to read its part of an application (`initial_for`) and what to save
(`to_data`); the engine's profile model then checks the whole profile, so a score off a
test's scale is refused with the engine's own message, beside the field.
"""

from collections.abc import Callable
from datetime import date
from functools import cache, lru_cache
from typing import Any

import pycountry
from django import forms
from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator, URLValidator
from django.forms.utils import flatatt
from django.utils import timezone
from django.utils.html import escape
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy as _

from openadmit.applications.constants import Step
from openadmit.applications.models import Application
from openadmit.eligibility.language_tests import LANGUAGE_TESTS
from openadmit.eligibility.moments import FIRST_DAY
from openadmit.eligibility.profile import GRADE_LIMIT

YES_NO = [("yes", _("Yes")), ("no", _("No"))]
DEGREE_LEVELS = [
    ("", _("Choose a level")),
    ("bachelor", _("Bachelor")),
    ("master", _("Master")),
    ("doctorate", _("Doctorate")),
    ("other", _("Other")),
]
EDUCATION_SYSTEMS = [
    ("", _("Not in Belgium, or I don't know")),
    ("BE-nl", _("Flemish Community (Dutch-speaking)")),
    ("BE-fr", _("French Community")),
    ("BE-de", _("German-speaking Community")),
]
SECTIONS = ("listening", "reading", "writing", "speaking")


@cache
def _countries() -> tuple[tuple[str, str], ...]:
    countries = sorted(pycountry.countries, key=lambda c: getattr(c, "common_name", c.name))
    return tuple((c.alpha_2, getattr(c, "common_name", c.name)) for c in countries)


@cache
def _languages() -> tuple[tuple[str, str], ...]:
    languages = (lang for lang in pycountry.languages if hasattr(lang, "alpha_2"))
    return tuple(
        (lang.alpha_2, lang.name) for lang in sorted(languages, key=lambda lang: lang.name)
    )


def country_choices() -> list[tuple[str, str]]:
    return [("", _("Choose a country")), *_countries()]


def language_choices() -> list[tuple[str, str]]:
    return [("", _("Choose a language")), *_languages()]


@lru_cache(maxsize=4096)
def _option(code: str, label: str) -> tuple[str, str]:
    return f'<option value="{escape(code)}"', f">{escape(label)}</option>"


class QuickSelect(forms.Select):
    """A select built in Python from options escaped once. Django renders each option
    through a template, which costs a quarter of a second on a page with five country and
    language lists."""

    def render(self, name, value, attrs=None, renderer=None):
        final_attrs = self.build_attrs(self.attrs, attrs)
        final_attrs["name"] = name
        chosen = "" if value is None else str(value)
        options = []
        for code, label in self.choices:
            start, end = _option(str(code), str(label))
            options.append(f"{start} selected{end}" if str(code) == chosen else start + end)
        return mark_safe(f"<select{flatatt(final_attrs)}>{''.join(options)}</select>")  # nosec B308, B703 # every option was escaped by _option, attributes by flatatt


def country_field(label, *, required: bool = False) -> forms.ChoiceField:
    return forms.ChoiceField(
        label=label, choices=country_choices, widget=QuickSelect, required=required
    )


def language_field(label, *, required: bool = False) -> forms.ChoiceField:
    return forms.ChoiceField(
        label=label, choices=language_choices, widget=QuickSelect, required=required
    )


def number_field(label) -> forms.DecimalField:
    """An optional grade or score: a finite number no grading scale exceeds (``1e400`` is
    refused here with the field named, before it could become infinity)."""
    return forms.DecimalField(
        label=label, required=False, min_value=-GRADE_LIMIT, max_value=GRADE_LIMIT
    )


def past_date_field(label, *, required: bool = False) -> forms.DateField:
    """A day that has already come (a test taken, a birth), not before the engine's years."""
    return forms.DateField(
        label=label,
        widget=forms.DateInput(attrs={"type": "date"}),
        required=required,
        validators=[MinValueValidator(FIRST_DAY), not_in_the_future],
    )


def not_in_the_future(day: date) -> None:
    if day > timezone.localdate():
        raise ValidationError(_("This date is in the future."), code="future")


# One degree's optional answers, named as in the engine's profile: each makes a new field.
DEGREE_QUESTIONS: dict[str, Callable[[], forms.Field]] = {
    "level": lambda: forms.ChoiceField(label=_("Level"), choices=DEGREE_LEVELS, required=False),
    "title": lambda: forms.CharField(
        label=_("Title of the degree, as on the diploma"), max_length=300, required=False
    ),
    "field": lambda: forms.CharField(
        label=_("Field of study"),
        max_length=120,
        required=False,
        help_text=_("For example law, political sciences, informatics"),
    ),
    "institution": lambda: forms.CharField(label=_("University"), max_length=200, required=False),
    "city": lambda: forms.CharField(label=_("City"), max_length=100, required=False),
    "country": lambda: country_field(_("Country")),
    "education_system": lambda: forms.ChoiceField(
        label=_("Belgian Community of the university"), choices=EDUCATION_SYSTEMS, required=False
    ),
    "language_of_instruction": lambda: language_field(_("Language of instruction")),
}


def degree_fields_form(names: dict[str, str] | None = None) -> type[forms.Form]:
    """A form class asking about one degree, its fields named as in the profile or as
    `names` maps them: the guided form and the self-check ask in the same words."""
    names = names or {name: name for name in DEGREE_QUESTIONS}
    fields = {names[name]: make() for name, make in DEGREE_QUESTIONS.items()}
    return type("DegreeFields", (forms.Form,), fields)


def test_choices() -> list[tuple[str, str]]:
    return [("", _("No test"))] + [(scale.id, scale.name) for scale in LANGUAGE_TESTS.values()]


class StepForm(forms.Form):
    step: Step
    # Profile keys whose engine errors this form shows beside its fields.
    profile_keys: tuple[str, ...] = ()

    @classmethod
    def initial_for(cls, application: Application) -> dict[str, Any]:
        raise NotImplementedError

    def to_data(self) -> dict[str, Any]:
        raise NotImplementedError

    def add_engine_error(self, location: list[str], message: str) -> None:
        """Show the engine's complaint about the profile at `location` beside its field."""
        name = str(location[0])
        self.add_error(name if name in self.fields else None, message)


def age_on(birth: date, day: date) -> int:
    """Full years from `birth` to `day`."""
    return day.year - birth.year - ((day.month, day.day) < (birth.month, birth.day))


class PersonalForm(StepForm):
    """The applicant's identity. The date of birth must make them 14 to 120 years old when
    the intake starts: `initial_for` passes the intake's first day as ``intake_starts_on``."""

    step = Step.PERSONAL
    YOUNGEST, OLDEST = 14, 120
    given_names = forms.CharField(label=_("Given names"), max_length=150)
    family_name = forms.CharField(label=_("Family name"), max_length=150)
    date_of_birth = past_date_field(_("Date of birth"), required=True)
    phone = forms.CharField(label=_("Telephone (optional)"), max_length=40, required=False)
    country_of_residence = country_field(_("Country where you live (optional)"))

    def __init__(self, *args, initial=None, **kwargs):
        super().__init__(*args, initial=initial, **kwargs)
        self.intake_starts_on = (initial or {}).get("intake_starts_on")

    @classmethod
    def initial_for(cls, application):
        return {**application.personal, "intake_starts_on": application.intake.starts_on}

    def clean_date_of_birth(self):
        birth = self.cleaned_data["date_of_birth"]
        starts_on = self.intake_starts_on or timezone.localdate()
        age = age_on(birth, starts_on)
        if not self.YOUNGEST <= age <= self.OLDEST:
            raise ValidationError(
                _(
                    "This date of birth makes you %(age)d years old when the programme starts; "
                    "check the year (applicants are %(youngest)d to %(oldest)d years old)."
                ),
                code="age",
                params={"age": age, "youngest": self.YOUNGEST, "oldest": self.OLDEST},
            )
        return birth

    def to_data(self):
        data = dict(self.cleaned_data)
        data["date_of_birth"] = data["date_of_birth"].isoformat()
        return {"personal": data}


class NationalitiesForm(StepForm):
    step = Step.NATIONALITIES
    profile_keys = ("nationalities",)
    nationality_1 = country_field(_("Nationality"), required=True)
    nationality_2 = country_field(_("Second nationality (optional)"))
    nationality_3 = country_field(_("Third nationality (optional)"))

    @classmethod
    def initial_for(cls, application):
        codes = application.profile.get("nationalities", [])
        return {f"nationality_{i + 1}": code for i, code in enumerate(codes[:3])}

    def to_data(self):
        codes = [self.cleaned_data[f"nationality_{i}"] for i in (1, 2, 3)]
        return {"nationalities": list(dict.fromkeys(code for code in codes if code))}

    def add_engine_error(self, location, message):
        index = int(location[1]) if len(location) > 1 and str(location[1]).isdigit() else 0
        self.add_error(f"nationality_{min(index, 2) + 1}", message)


class DegreeForm(degree_fields_form()):
    """One prior degree; the second is optional and left out when its title is empty."""

    completed = forms.ChoiceField(
        label=_("Have you completed this degree?"),
        choices=[("yes", _("Yes")), ("no", _("No, I am in my final year"))],
        widget=forms.RadioSelect,
        required=False,
    )
    grade = number_field(_("Final or current average grade (optional)"))
    grade_best = number_field(_("Best possible grade"))
    grade_pass = number_field(_("Lowest pass grade"))

    REQUIRED = (
        "level",
        "title",
        "field",
        "institution",
        "city",
        "country",
        "language_of_instruction",
        "completed",
    )

    def __init__(self, *args, required: bool, **kwargs):
        super().__init__(*args, **kwargs)
        self.is_required = required

    def is_blank(self) -> bool:
        return not self.cleaned_data.get("title")

    def clean(self):
        data = super().clean()
        if not self.is_required and not data.get("title"):
            return data
        for name in self.REQUIRED:
            if not data.get(name):
                self.add_error(name, _("This field is required."))
        grade_parts = [data.get(n) for n in ("grade", "grade_best", "grade_pass")]
        if any(p is not None for p in grade_parts) and not all(p is not None for p in grade_parts):
            self.add_error(
                "grade",
                _(
                    "Give the grade, the best possible grade and the lowest pass grade, "
                    "or none of them."
                ),
            )
        return data

    def to_profile(self) -> dict[str, Any]:
        data = self.cleaned_data
        degree = {
            "level": data["level"],
            "title": data["title"],
            "field": data["field"],
            "institution": data["institution"],
            "city": data["city"],
            "country": data["country"],
            "language_of_instruction": data["language_of_instruction"],
            "completed": data["completed"] == "yes",
        }
        if data.get("education_system"):
            degree["education_system"] = data["education_system"]
        if data.get("grade") is not None:
            degree["grade"] = {
                "value": float(data["grade"]),
                "best": float(data["grade_best"]),
                "pass": float(data["grade_pass"]),
            }
        return degree

    @staticmethod
    def initial_from(degree: dict[str, Any]) -> dict[str, Any]:
        initial = {k: v for k, v in degree.items() if k not in ("grade", "completed")}
        initial["completed"] = "yes" if degree.get("completed", True) else "no"
        if degree.get("grade"):
            initial.update(
                grade=degree["grade"]["value"],
                grade_best=degree["grade"]["best"],
                grade_pass=degree["grade"]["pass"],
            )
        return initial


class EducationForm(StepForm):
    """Secondary school and up to two degrees, each a prefixed DegreeForm."""

    step = Step.EDUCATION
    profile_keys = ("secondary_school", "degrees")
    secondary_country = country_field(_("Country of your secondary school"))
    secondary_language = language_field(_("Language of instruction at your secondary school"))

    def __init__(self, data=None, *, initial=None, **kwargs):
        initial = initial or {}
        super().__init__(data, initial=initial, **kwargs)
        degrees = initial.get("degrees", [])
        self.degree_forms = [
            DegreeForm(
                data,
                prefix=f"degree{i + 1}",
                required=i == 0,
                initial=DegreeForm.initial_from(degrees[i]) if i < len(degrees) else None,
            )
            for i in range(2)
        ]

    @classmethod
    def initial_for(cls, application):
        school = application.profile.get("secondary_school") or {}
        return {
            "secondary_country": school.get("country", ""),
            "secondary_language": school.get("language_of_instruction", ""),
            "degrees": application.profile.get("degrees", []),
        }

    def is_valid(self):
        valid = super().is_valid()
        return all([valid, *(form.is_valid() for form in self.degree_forms)])

    def clean(self):
        data = super().clean()
        if bool(data.get("secondary_country")) != bool(data.get("secondary_language")):
            self.add_error(
                "secondary_language",
                _("Give both the country and the language of your secondary school, or neither."),
            )
        return data

    def to_data(self):
        school = None
        if self.cleaned_data["secondary_country"]:
            school = {
                "country": self.cleaned_data["secondary_country"],
                "language_of_instruction": self.cleaned_data["secondary_language"],
            }
        degrees = [form.to_profile() for form in self.degree_forms if not form.is_blank()]
        return {"secondary_school": school, "degrees": degrees}

    def add_engine_error(self, location: list[str], message: str) -> None:
        if location[0] == "degrees" and len(location) > 1 and str(location[1]).isdigit():
            index = int(location[1])
            if index < len(self.degree_forms):
                form = self.degree_forms[index]
                name = str(location[2]) if len(location) > 2 else None
                form.add_error(name if name in form.fields else None, message)
                return
        self.add_error(None, message)


class LanguageTestForm(forms.Form):
    test = forms.ChoiceField(label=_("Test"), choices=test_choices, required=False)
    overall = number_field(_("Overall score"))
    taken_on = past_date_field(_("Date taken"))
    listening = number_field(_("Listening (optional)"))
    reading = number_field(_("Reading (optional)"))
    writing = number_field(_("Writing (optional)"))
    speaking = number_field(_("Speaking (optional)"))

    def clean(self):
        data = super().clean()
        if data.get("test"):
            for name in ("overall", "taken_on"):
                if data.get(name) is None:
                    self.add_error(name, _("This field is required."))
        return data

    def to_profile(self) -> dict[str, Any] | None:
        data = self.cleaned_data
        if not data.get("test"):
            return None
        sections = {name: float(data[name]) for name in SECTIONS if data.get(name) is not None}
        result = {
            "test": data["test"],
            "overall": float(data["overall"]),
            "taken_on": data["taken_on"].isoformat(),
        }
        if sections:
            result["sections"] = sections
        return result

    @staticmethod
    def initial_from(test: dict[str, Any]) -> dict[str, Any]:
        return {
            "test": test["test"],
            "overall": test["overall"],
            "taken_on": test.get("taken_on"),
            **test.get("sections", {}),
        }


class LanguageForm(StepForm):
    step = Step.LANGUAGE
    profile_keys = ("language_tests",)

    def __init__(self, data=None, *, initial=None, **kwargs):
        initial = initial or {}
        super().__init__(data, initial=initial, **kwargs)
        tests = initial.get("language_tests", [])
        self.test_forms = [
            LanguageTestForm(
                data,
                prefix=f"test{i + 1}",
                initial=LanguageTestForm.initial_from(tests[i]) if i < len(tests) else None,
            )
            for i in range(2)
        ]

    @classmethod
    def initial_for(cls, application):
        return {"language_tests": application.profile.get("language_tests", [])}

    def is_valid(self):
        valid = super().is_valid()
        return all([valid, *(form.is_valid() for form in self.test_forms)])

    def to_data(self):
        tests = [form.to_profile() for form in self.test_forms]
        return {"language_tests": [test for test in tests if test]}

    def add_engine_error(self, location: list[str], message: str) -> None:
        if len(location) > 1 and str(location[1]).isdigit() and int(location[1]) < 2:
            form = self.test_forms[int(location[1])]
            name = str(location[-1])
            form.add_error(name if name in form.fields else "overall", message)
            return
        self.add_error(None, message)


class ExperienceForm(StepForm):
    step = Step.EXPERIENCE
    profile_keys = ("relevant_experience_months",)
    relevant_experience_months = forms.IntegerField(
        label=_(
            "Months of professional experience in public administration, policy "
            "or digital government"
        ),
        min_value=0,
        max_value=600,
        initial=0,
    )
    experience_summary = forms.CharField(
        label=_("Describe that experience (optional)"),
        widget=forms.Textarea(attrs={"rows": 5}),
        max_length=3000,
        required=False,
    )

    @classmethod
    def initial_for(cls, application):
        return {
            "relevant_experience_months": application.profile.get("relevant_experience_months", 0),
            "experience_summary": application.experience_summary,
        }

    def to_data(self):
        return dict(self.cleaned_data)


class ScholarshipForm(StepForm):
    step = Step.SCHOLARSHIP
    profile_keys = ("wants_scholarship", "previous_erasmus_mundus_scholarship")
    wants_scholarship = forms.ChoiceField(
        label=_("Do you want to be considered for an Erasmus Mundus scholarship?"),
        choices=YES_NO,
        widget=forms.RadioSelect,
    )
    previous_erasmus_mundus_scholarship = forms.ChoiceField(
        label=_("Have you held an Erasmus Mundus Joint Master scholarship before?"),
        choices=YES_NO,
        widget=forms.RadioSelect,
    )

    @classmethod
    def initial_for(cls, application):
        profile = application.profile
        return {
            name: ("yes" if profile[name] else "no")
            for name in ("wants_scholarship", "previous_erasmus_mundus_scholarship")
            if name in profile
        }

    def to_data(self):
        return {name: value == "yes" for name, value in self.cleaned_data.items()}


class MotivationForm(StepForm):
    step = Step.MOTIVATION
    motivation = forms.CharField(
        label=_("Why do you want to join this programme?"),
        help_text=_(
            "A few paragraphs, at most 5,000 characters. "
            "Your motivation letter is uploaded separately."
        ),
        widget=forms.Textarea(attrs={"rows": 10}),
        max_length=5000,
    )

    @classmethod
    def initial_for(cls, application):
        return {"motivation": application.motivation}

    def to_data(self):
        return {"motivation": self.cleaned_data["motivation"].strip()}


STEP_FORMS: dict[Step, type[StepForm]] = {
    form.step: form
    for form in (
        PersonalForm,
        NationalitiesForm,
        EducationForm,
        LanguageForm,
        ExperienceForm,
        ScholarshipForm,
        MotivationForm,
    )
}


class VideoLinkForm(forms.Form):
    # Staff follow this link: only an encrypted web address, never ftp:// or plain http://.
    video_url = forms.URLField(
        label=_("Link to your video"),
        help_text=_("A web address starting with https://"),
        assume_scheme="https",
        required=False,
        validators=[
            URLValidator(
                schemes=["https"],
                message=_("Enter a web address starting with https://"),
                code="not_https",
            )
        ],
    )
