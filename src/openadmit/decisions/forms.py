from django import forms
from django.utils.translation import gettext_lazy as _

from openadmit.applications.constants import Decision
from openadmit.decisions.constants import ConditionStatus, ContestOutcome
from openadmit.decisions.reasons import reasons

CONDITION_ROWS = 3


def reason_choices():
    return [("", _("Choose a reason"))] + [
        (category.label, [(f"{category.id}.{r.id}", r.label) for r in category.reasons])
        for category in reasons().categories
    ]


class DecisionForm(forms.Form):
    decision = forms.ChoiceField(
        label=_("Decision"),
        choices=Decision.choices,
        widget=forms.RadioSelect,
        error_messages={"required": _("Choose the decision.")},
    )
    reason = forms.ChoiceField(label=_("Reason (when not admitted)"), required=False)
    feedback = forms.CharField(
        label=_("Feedback the applicant reads"),
        required=False,
        max_length=3000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("In plain words: what would make a later application stronger."),
    )
    reserve_position = forms.IntegerField(
        label=_("Place on the reserve list"), required=False, min_value=1, max_value=10_000
    )
    session = forms.ChoiceField(label=_("Decision session"), required=False)
    change_reason = forms.CharField(
        label=_("Why this replaces the current decision"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 2}),
    )

    def __init__(self, data=None, *, sessions):
        super().__init__(data)
        self.fields["reason"].choices = reason_choices()
        self.fields["session"].choices = [("", _("None"))] + [
            (str(s.pk), str(s.held_on)) for s in sessions
        ]
        for n in range(1, CONDITION_ROWS + 1):
            self.fields[f"condition_{n}"] = forms.CharField(
                label=_("Condition %(n)s (when admitted on condition)") % {"n": n},
                required=False,
                max_length=300,
            )
            self.fields[f"condition_{n}_due"] = forms.DateField(
                label=_("Condition %(n)s: to be met by") % {"n": n},
                required=False,
                widget=forms.DateInput(attrs={"type": "date"}),
            )

    def conditions(self):
        from openadmit.decisions.service import ConditionIn

        return [
            ConditionIn(
                self.cleaned_data[f"condition_{n}"], self.cleaned_data[f"condition_{n}_due"]
            )
            for n in range(1, CONDITION_ROWS + 1)
            if self.cleaned_data.get(f"condition_{n}", "").strip()
        ]


class SessionForm(forms.Form):
    held_on = forms.DateField(
        label=_("Held on"),
        widget=forms.DateInput(attrs={"type": "date"}),
        error_messages={"required": _("Give the day of the session.")},
    )
    participants = forms.MultipleChoiceField(
        label=_("Who takes part"),
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": _("Name who takes part in the session.")},
    )

    def __init__(self, data=None, *, people):
        super().__init__(data)
        self.fields["participants"].choices = [
            (str(p.pk), p.get_full_name() or p.email) for p in people
        ]


class ConditionForm(forms.Form):
    status = forms.ChoiceField(choices=ConditionStatus.choices, widget=forms.RadioSelect)


class ContestForm(forms.Form):
    text = forms.CharField(
        label=_("Why you contest the decision"),
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 5}),
        error_messages={"required": _("Say why you contest the decision.")},
    )


class AnswerForm(forms.Form):
    outcome = forms.ChoiceField(
        label=_("Outcome"),
        choices=ContestOutcome.choices,
        widget=forms.RadioSelect,
        error_messages={"required": _("Say whether the decision stands.")},
    )
    answer = forms.CharField(
        label=_("Answer the applicant reads"),
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 4}),
        error_messages={"required": _("Write the answer the applicant will read.")},
    )
