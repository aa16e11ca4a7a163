"""The review's staff forms: publishing a rubric, choosing reviewers, scoring a file and
declaring a conflict of interest."""

from django import forms
from django.utils.translation import gettext_lazy as _

from openadmit.review.constants import CONFLICT_SIGN_LABELS
from openadmit.review.rubric import Rubric, number_text
from openadmit.review.service import Candidate

MAX_RUBRIC_BYTES = 256 * 1024


class RubricUploadForm(forms.Form):
    file = forms.FileField(
        label=_("Rubric file (YAML)"),
        help_text=_(
            "The whole rubric with a new version. Download the current one below to start from it."
        ),
        error_messages={"required": _("Choose the rubric file to publish.")},
    )

    def clean_file(self) -> str:
        upload = self.cleaned_data["file"]
        if upload.size > MAX_RUBRIC_BYTES:
            raise forms.ValidationError(_("A rubric file is at most 256 KB."))
        try:
            return upload.read().decode("utf-8")
        except UnicodeDecodeError:
            raise forms.ValidationError(_("The file is not UTF-8 text (YAML).")) from None


def candidate_label(candidate: Candidate) -> str:
    name = candidate.user.get_full_name() or candidate.user.email
    label = _("%(name)s · %(n)s files in this intake") % {"name": name, "n": candidate.load}
    for sign, words in candidate.signs:
        label += " · " + _("likely conflict: %(sign)s (%(words)s)") % {
            "sign": CONFLICT_SIGN_LABELS[sign],
            "words": words,
        }
    return label


class AssignForm(forms.Form):
    reviewers = forms.MultipleChoiceField(
        label=_("Reviewers to add"),
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": _("Choose at least one reviewer.")},
    )
    despite_likely_conflict = forms.BooleanField(
        label=_("Assign even a reviewer shown with a likely conflict of interest"),
        required=False,
    )

    def __init__(self, *args, candidates: list[Candidate], **kwargs):
        super().__init__(*args, **kwargs)
        self.candidates = {
            str(c.user.pk): c for c in candidates if not (c.assigned or c.conflict_declared)
        }
        self.fields["reviewers"].choices = [
            (pk, candidate_label(c)) for pk, c in self.candidates.items()
        ]

    def chosen(self) -> list:
        return [self.candidates[pk].user for pk in self.cleaned_data["reviewers"]]


def score_field_name(criterion_id: str) -> str:
    return f"score_{criterion_id}"


class ScoreForm(forms.Form):
    """One choice per criterion, each level with its description; a comment."""

    comment = forms.CharField(
        label=_("Comment on the file"),
        help_text=_("Required to submit: what the scores rest on, for the committee."),
        widget=forms.Textarea(attrs={"rows": 6}),
        max_length=10000,
        required=False,
    )

    def __init__(self, *args, rubric: Rubric, **kwargs):
        super().__init__(*args, **kwargs)
        self.rubric = rubric
        fields = {}
        for criterion in rubric.criteria:
            fields[score_field_name(criterion.id)] = forms.ChoiceField(
                label=_("%(title)s (%(weight)s points)")
                % {"title": criterion.title, "weight": number_text(criterion.weight)},
                help_text=criterion.guidance,
                choices=[
                    (number_text(level.score), f"{number_text(level.score)} · {level.description}")
                    for level in sorted(criterion.levels, key=lambda level: level.score)
                ],
                widget=forms.RadioSelect,
                required=False,
            )
        # The criteria first, in the rubric's order; the comment last.
        self.fields = {**fields, "comment": self.fields["comment"]}

    @staticmethod
    def initial_from(scores: dict[str, str], comment: str) -> dict[str, str]:
        return {score_field_name(k): v for k, v in scores.items()} | {"comment": comment}

    def scores(self) -> dict[str, str | None]:
        return {
            criterion.id: self.cleaned_data.get(score_field_name(criterion.id)) or None
            for criterion in self.rubric.criteria
        }

    def add_service_errors(self, errors: dict[str, str]) -> None:
        for name, message in errors.items():
            field = score_field_name(name.removeprefix("scores."))
            self.add_error(field if field in self.fields else None, message)


class ConflictForm(forms.Form):
    reason = forms.CharField(
        label=_("What is the conflict of interest?"),
        help_text=_(
            "For example: the applicant studied in your department, or you know them "
            "personally. The programme's staff see this; the applicant does not."
        ),
        widget=forms.Textarea(attrs={"rows": 4}),
        max_length=2000,
        error_messages={"required": _("Say what the conflict of interest is.")},
    )
