"""The search page's long lists, built in one pass each: a facet's choices (a facet can
have dozens of values, and the page shows nine) and the programmes found. The markup is
the one the template loops gave, character for character."""

from django import template
from django.template.defaultfilters import date
from django.templatetags.tz import do_timezone
from django.utils.formats import localize
from django.utils.html import conditional_escape, format_html_join
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext, ngettext

from openadmit.catalogue.constants import StudyLevel, StudyMode
from openadmit.eligibility.requirement_set import zone_named

register = template.Library()

ITEM = (
    "\n              <li>"
    '\n                <input type="checkbox" id="f-{0}-{1}" name="{0}" value="{2}"{3}>'
    '\n                <label for="f-{0}-{1}">{4} <span class="count">({5})</span></label>'
    "\n              </li>\n            "
)


@register.simple_tag
def facet_choices(param: str, values) -> str:
    """One checkbox per value (``FacetCount``), checked when selected, with its count."""
    return format_html_join(
        "",
        ITEM,
        (
            (
                param,
                number,
                item.value,
                SafeString(" checked") if item.selected else "",
                item.label,
                localize(item.count),
            )
            for number, item in enumerate(values, start=1)
        ),
    )


RESULT = (
    '\n        <li class="result">'
    '\n          <h3><a href="{0}">{1}</a></h3>'
    '\n          <p class="result__meta">{2} · {3}</p>'
    '\n          <ul class="facts-inline">'
    "\n            <li>{4} · {5}</li>"
    "\n            <li>{6}</li>"
    "\n            <li>{7}</li>"
    "\n            <li>{8} ECTS</li>"
    "\n            {9}"
    "\n          </ul>"
    "\n        </li>\n      "
)
DEADLINE = "\n              <li>{0}</li>\n            "


@register.simple_tag
def programme_results(programmes) -> str:
    """One list item per programme found: its facts and each listed intake's deadline.

    Programmes on a page share their levels, modes, durations and deadline days, so each
    label is translated and formatted once per page.
    """
    labels = _Labels()
    return format_html_join("", RESULT, (labels.result(programme) for programme in programmes))


class _Labels:
    """Translated and formatted values of one page, each made once (the same calls the
    template made, so the same text)."""

    def __init__(self) -> None:
        self.levels = {value: str(label) for value, label in StudyLevel.choices}
        self.modes = {value: str(label) for value, label in StudyMode.choices}
        self.last_deadline = gettext("Last deadline %(date)s")
        self.months: dict[int, str] = {}
        self.numbers: dict[int, str] = {}
        self.days: dict[tuple, str] = {}

    def number(self, value: int) -> str:
        if value not in self.numbers:
            self.numbers[value] = localize(value)
        return self.numbers[value]

    def duration(self, months: int) -> str:
        if months not in self.months:
            self.months[months] = mark_safe(  # nosec B308 B703 # our translation with its one value escaped, as blocktranslate
                ngettext("%(months)s month", "%(months)s months", months)
                % {"months": conditional_escape(self.number(months))}
            )
        return self.months[months]

    def deadline(self, closes_at, time_zone: str) -> str:
        # As the template's `closes_at|timezone:<zone>|date:"j M Y"` filters.
        key = (closes_at, time_zone)
        if key not in self.days:
            day = date(do_timezone(closes_at, zone_named(time_zone)), "j M Y")
            self.days[key] = mark_safe(  # nosec B308 B703 # our translation with its one value escaped, as blocktranslate
                self.last_deadline % {"date": conditional_escape(day)}
            )
        return self.days[key]

    def result(self, programme) -> tuple:
        institution = programme.institution
        deadlines = format_html_join(
            "",
            DEADLINE,
            (
                (self.deadline(intake.closes_at, institution.time_zone),)
                for intake in programme.listed_intakes
            ),
        )
        return (
            programme.get_absolute_url(),
            programme.title,
            institution.name,
            institution.city,
            programme.degree,
            self.levels.get(programme.study_level, programme.study_level),
            self.modes.get(programme.study_mode, programme.study_mode),
            self.duration(programme.duration_months),
            self.number(programme.ects),
            deadlines,
        )
