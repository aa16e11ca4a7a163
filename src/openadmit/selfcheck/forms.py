"""The self-check form: one page, no account, turned into the engine's applicant profile.

The engine checks the profile; its complaints (naming a profile field) are shown beside
the form field they concern.
"""

from typing import Any

from django import forms
from django.core.validators import MaxValueValidator, MinValueValidator
from django.utils.translation import gettext_lazy as _

from openadmit.applications.forms import (
    country_field,
    degree_fields_form,
    language_field,
    number_field,
    past_date_field,
    test_choices,
)
from openadmit.eligibility.moments import FIRST_DAY, LAST_DAY
from openadmit.eligibility.profile import MAX_EXPERIENCE_MONTHS

# Profile field path (with the list index) -> the form field that holds it.
FIELD_OF = {
    "nationalities": "nationality",
    "nationalities.0": "nationality",
    "nationalities.1": "second_nationality",
    "secondary_school.country": "school_country",
    "secondary_school.language_of_instruction": "school_language",
    "degrees.0.level": "degree_level",
    "degrees.0.title": "degree_title",
    "degrees.0.field": "degree_field",
    "degrees.0.country": "degree_country",
    "degrees.0.language_of_instruction": "degree_language",
    "language_tests.0.test": "test",
    "language_tests.0.overall": "test_overall",
    "language_tests.0.taken_on": "test_taken_on",
    "relevant_experience_months": "relevant_experience_months",
}


# The guided form's degree questions (profile name -> this form's field name).
DEGREE_FIELD_NAMES = {
    "level": "degree_level",
    "title": "degree_title",
    "field": "degree_field",
    "institution": "degree_institution",
    "city": "degree_city",
    "country": "degree_country",
    "education_system": "degree_system",
    "language_of_instruction": "degree_language",
}


class SelfCheckForm(degree_fields_form(DEGREE_FIELD_NAMES)):
    # The inherited degree fields follow the nationality and school ones.
    field_order = ["nationality", "second_nationality", "school_country", "school_language"]

    nationality = country_field(_("Nationality"), required=True)
    second_nationality = country_field(_("Second nationality (optional)"))
    school_country = country_field(_("Country of your secondary school"))
    school_language = language_field(_("Language of instruction at your secondary school"))
    degree_final_year = forms.BooleanField(
        label=_("I am in the final year of this degree"), required=False
    )
    test = forms.ChoiceField(label=_("English test"), choices=test_choices, required=False)
    test_overall = number_field(_("Overall score"))
    test_taken_on = past_date_field(_("Date taken (optional)"))
    relevant_experience_months = forms.IntegerField(
        label=_("Months of professional experience in the programme's field"),
        min_value=0,
        max_value=MAX_EXPERIENCE_MONTHS,
        initial=0,
        required=False,
    )
    wants_scholarship = forms.BooleanField(
        label=_("I want to be considered for a scholarship"), required=False
    )
    previous_erasmus_mundus_scholarship = forms.BooleanField(
        label=_("I have held an Erasmus Mundus Joint Master scholarship before"), required=False
    )

    applying_on = forms.DateField(
        label=_("The day you will apply (optional; today if left empty)"),
        widget=forms.DateInput(attrs={"type": "date"}),
        required=False,
        validators=[MinValueValidator(FIRST_DAY), MaxValueValidator(LAST_DAY)],
    )

    def __init__(self, *args, intakes: list[str] | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        if intakes and len(intakes) > 1:
            self.fields["intake"] = forms.ChoiceField(
                label=_("Intake"), choices=[(code, code) for code in intakes]
            )

    def clean(self):
        data = super().clean()
        if data.get("test") and data.get("test_overall") is None:
            self.add_error("test_overall", _("Give the overall score of the test."))
        has_degree = any(data.get(f"degree_{name}") for name in ("title", "field", "country"))
        if has_degree and not data.get("degree_level"):
            self.add_error("degree_level", _("Choose the level of the degree."))
        return data

    def profile_data(self) -> dict[str, Any]:
        """The applicant profile as JSON, for the engine to check."""
        data = self.cleaned_data
        profile: dict[str, Any] = {
            "nationalities": list(
                dict.fromkeys(c for c in (data["nationality"], data["second_nationality"]) if c)
            ),
            "relevant_experience_months": data.get("relevant_experience_months") or 0,
            "wants_scholarship": bool(data.get("wants_scholarship")),
            "previous_erasmus_mundus_scholarship": bool(
                data.get("previous_erasmus_mundus_scholarship")
            ),
            "degrees": [],
            "language_tests": [],
        }
        if data.get("school_country"):
            profile["secondary_school"] = {
                "country": data["school_country"],
                "language_of_instruction": data.get("school_language") or None,
            }
        if data.get("degree_level"):
            degree = {
                "level": data["degree_level"],
                "title": data.get("degree_title") or None,
                "field": data.get("degree_field") or None,
                "institution": data.get("degree_institution") or None,
                "city": data.get("degree_city") or None,
                "country": data.get("degree_country") or None,
                "education_system": data.get("degree_system") or None,
                "language_of_instruction": data.get("degree_language") or None,
                "completed": not data.get("degree_final_year"),
            }
            profile["degrees"].append({k: v for k, v in degree.items() if v is not None})
        if data.get("test"):
            test = {"test": data["test"], "overall": float(data["test_overall"])}
            if data.get("test_taken_on"):
                test["taken_on"] = data["test_taken_on"].isoformat()
            profile["language_tests"].append(test)
        return profile

    def add_profile_errors(self, problems: dict[str, str]) -> None:
        """Show the engine's complaints about the profile beside the fields they concern."""
        for path, message in problems.items():
            self.add_error(FIELD_OF.get(path), message)
