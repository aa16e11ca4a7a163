"""The office's forms: the queue's filters, screening, requests, messages, bulk actions.

Each names the field in its errors; the pages show an error summary linked to them.
"""

from decimal import Decimal

from django import forms
from django.utils.translation import gettext_lazy as _

from openadmit.applications.constants import STEPS, FeeStatus, Status
from openadmit.eligibility import Outcome, Verdict
from openadmit.eligibility.codes import country_name
from openadmit.office.constants import OverrideReason, QueueSort, ReviewProgress, ScreeningState
from openadmit.office.exports import DEFAULT_COLUMNS
from openadmit.office.queue import QueueFilters
from openadmit.office.screening import Override
from openadmit.verdicts.constants import CriterionOutcome, VerdictOutcome

PER_PAGE = 50
QUEUE_STATUSES = [(s.value, s.label) for s in Status if s != Status.DRAFT]
YES_NO = [("", _("Either")), ("yes", _("Yes")), ("no", _("No"))]


class QueueForm(forms.Form):
    """The queue's filters, read from the query string (a bookmarkable address)."""

    q = forms.CharField(label=_("Name, reference or e-mail"), required=False, max_length=100)
    status = forms.MultipleChoiceField(
        label=_("Status"),
        choices=QUEUE_STATUSES,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    outcome = forms.MultipleChoiceField(
        label=_("Eligibility"),
        choices=VerdictOutcome.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    screening = forms.ChoiceField(
        label=_("Screening"), choices=[("", _("Any"))] + ScreeningState.choices, required=False
    )
    nationality = forms.ChoiceField(label=_("Nationality"), required=False)
    deadline_category = forms.ChoiceField(label=_("Deadline category"), required=False)
    scholarship = forms.ChoiceField(
        label=_("Asks for a scholarship"), choices=YES_NO, required=False
    )
    reviewer = forms.TypedChoiceField(
        label=_("Assigned reviewer"), coerce=int, empty_value=None, required=False
    )
    review_progress = forms.ChoiceField(
        label=_("Review progress"),
        choices=[("", _("Any"))] + ReviewProgress.choices,
        required=False,
    )
    score_min = forms.DecimalField(
        label=_("Score from"),
        required=False,
        min_value=Decimal(0),
        max_value=Decimal(1000),
        decimal_places=2,
    )
    score_max = forms.DecimalField(
        label=_("Score up to"),
        required=False,
        min_value=Decimal(0),
        max_value=Decimal(1000),
        decimal_places=2,
    )
    unopened = forms.BooleanField(label=_("Nobody has opened it yet"), required=False)
    disagreement = forms.BooleanField(label=_("Reviewers disagree"), required=False)
    sort = forms.ChoiceField(
        label=_("Sort by"), choices=QueueSort.choices, required=False, initial=QueueSort.DEADLINE
    )
    page = forms.IntegerField(label=_("Page"), required=False, min_value=1, max_value=100_000)

    def __init__(self, data, *, nationalities, categories, reviewers):
        super().__init__(data)
        self.fields["nationality"].choices = [("", _("Any"))] + sorted(
            ((code, country_name(code)) for code in nationalities), key=lambda c: c[1]
        )
        self.fields["deadline_category"].choices = [("", _("Any"))] + list(categories)
        self.fields["reviewer"].choices = [("", _("Anyone"))] + list(reviewers)

    def clean(self):
        data = super().clean()
        low, high = data.get("score_min"), data.get("score_max")
        if low is not None and high is not None and low > high:
            self.add_error("score_max", _("The upper score is below the lower one."))
        return data

    def filters(self) -> QueueFilters:
        data = self.cleaned_data
        scholarship = {"yes": True, "no": False}.get(data.get("scholarship") or "")
        return QueueFilters(
            statuses=tuple(data.get("status") or ()),
            outcomes=tuple(data.get("outcome") or ()),
            nationality=data.get("nationality") or "",
            deadline_category=data.get("deadline_category") or "",
            scholarship=scholarship,
            reviewer=data.get("reviewer"),
            review_progress=data.get("review_progress") or "",
            screening=data.get("screening") or "",
            score_min=data.get("score_min"),
            score_max=data.get("score_max"),
            unopened=bool(data.get("unopened")),
            disagreement=bool(data.get("disagreement")),
            q=(data.get("q") or "").strip(),
            sort=data.get("sort") or QueueSort.DEADLINE,
        )


SCREENING_OUTCOMES = [
    (o.value, CriterionOutcome(o.value).label)
    for o in (Outcome.ELIGIBLE, Outcome.REVIEW, Outcome.INCOMPLETE, Outcome.INELIGIBLE)
]


class ScreeningForm(forms.Form):
    """One outcome per criterion (the engine's preselected), and a reason where it differs."""

    def __init__(self, data=None, *, verdict: Verdict):
        super().__init__(data)
        self.verdict = verdict
        for criterion in verdict.criteria:
            key = f"criterion-{criterion.id}"
            self.fields[key] = forms.ChoiceField(
                label=criterion.title,
                choices=SCREENING_OUTCOMES,
                initial=criterion.outcome,
                widget=forms.RadioSelect,
            )
            self.fields[f"{key}-reason"] = forms.ChoiceField(
                label=_("Reason for a different reading"),
                choices=[("", _("Choose a reason"))] + OverrideReason.choices,
                required=False,
            )
            self.fields[f"{key}-explanation"] = forms.CharField(
                label=_("Explanation"),
                required=False,
                max_length=2000,
                widget=forms.Textarea(attrs={"rows": 2}),
            )

    def rows(self):
        for criterion in self.verdict.criteria:
            key = f"criterion-{criterion.id}"
            yield {
                "criterion": criterion,
                "choice": self[key],
                "reason": self[f"{key}-reason"],
                "explanation": self[f"{key}-explanation"],
            }

    def clean(self):
        data = super().clean()
        for criterion in self.verdict.criteria:
            key = f"criterion-{criterion.id}"
            chosen = data.get(key)
            if chosen is None or chosen == criterion.outcome:
                continue
            if not data.get(f"{key}-reason"):
                self.add_error(
                    f"{key}-reason",
                    _("Choose why you read “%(title)s” differently.") % {"title": criterion.title},
                )
            if not (data.get(f"{key}-explanation") or "").strip():
                self.add_error(
                    f"{key}-explanation",
                    _("Explain your reading of “%(title)s”.") % {"title": criterion.title},
                )
        return data

    def overrides(self) -> list[Override]:
        data = self.cleaned_data
        result = []
        for criterion in self.verdict.criteria:
            key = f"criterion-{criterion.id}"
            if data[key] != criterion.outcome:
                result.append(
                    Override(
                        criterion=criterion.id,
                        outcome=Outcome(data[key]),
                        reason=OverrideReason(data[f"{key}-reason"]),
                        explanation=data[f"{key}-explanation"].strip(),
                    )
                )
        return result


class InformationRequestForm(forms.Form):
    steps = forms.MultipleChoiceField(
        label=_("Parts of the application to reopen"),
        choices=[(s.value, s.label) for s in STEPS],
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": _("Choose at least one part of the application to reopen.")},
    )
    message = forms.CharField(
        label=_("What the applicant should change or add"),
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 5}),
        error_messages={"required": _("Say what the applicant should change or add.")},
    )
    due_on = forms.DateField(
        label=_("Answer by"),
        widget=forms.DateInput(attrs={"type": "date"}),
        help_text=_(
            "The applicant can change the reopened parts until the end of this day, "
            "in the university's time zone."
        ),
        error_messages={"required": _("Give the day to answer by.")},
    )


class MessageForm(forms.Form):
    body = forms.CharField(
        label=_("Write to the applicant"),
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 4}),
        error_messages={"required": _("The message is empty.")},
    )


class FeeForm(forms.Form):
    fee_status = forms.ChoiceField(
        label=_("Fee"),
        widget=forms.RadioSelect,
        choices=[
            (FeeStatus.PAID.value, FeeStatus.PAID.label),
            (FeeStatus.WAIVED.value, FeeStatus.WAIVED.label),
            (FeeStatus.DUE.value, FeeStatus.DUE.label),
        ],
        error_messages={"required": _("Choose paid, waived or due.")},
    )
    note = forms.CharField(label=_("Note"), max_length=300, required=False)


class ApiTokenForm(forms.Form):
    name = forms.CharField(
        label=_("What the token is for"),
        max_length=100,
        help_text=_("For example: the faculty's student records system."),
        error_messages={"required": _("Name the token, so that you recognise it later.")},
    )


class ExportForm(forms.Form):
    columns = forms.MultipleChoiceField(
        label=_("Columns"),
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": _("Choose at least one column.")},
    )
    format = forms.ChoiceField(
        label=_("File format"),
        widget=forms.RadioSelect,
        choices=[("xlsx", _("Excel workbook (XLSX)")), ("csv", _("Comma-separated values (CSV)"))],
        initial="xlsx",
        error_messages={"required": _("Choose a file format.")},
    )

    def __init__(self, data=None, *, columns):
        super().__init__(data, initial={"columns": list(DEFAULT_COLUMNS), "format": "xlsx"})
        self.fields["columns"].choices = [(c.key, c.label) for c in columns.values()]
