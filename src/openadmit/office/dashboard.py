"""An intake's dashboard: the funnel, applications per day against the deadlines, by
country, by eligibility; each chart with its numbers in a table."""

from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from zoneinfo import ZoneInfo

from django.db.models import Count
from django.db.models.functions import TruncDate
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from openadmit.applications.models import Application
from openadmit.catalogue.models import Intake
from openadmit.eligibility.codes import country_name
from openadmit.office.charts import Bar, Marker, bars_svg, columns_svg
from openadmit.office.constants import ReviewProgress
from openadmit.office.models import QueueEntry
from openadmit.verdicts.constants import VerdictOutcome
from openadmit.verdicts.service import compiled_set

__all__ = ["Dashboard", "dashboard", "register_funnel_stage"]

# Later stages of the funnel come from the domains that own them (offers, replies):
# (intake) -> [(label, count)], in order.
_stages: list[Callable[[Intake], list[tuple[str, int]]]] = []


def register_funnel_stage(stage: Callable[[Intake], list[tuple[str, int]]]) -> None:
    if stage not in _stages:
        _stages.append(stage)


@dataclass(frozen=True)
class Chart:
    title: str
    svg: str
    rows: list[tuple[str, int | str]]
    note: str = ""


@dataclass(frozen=True)
class Dashboard:
    charts: list[Chart]
    total: int


def dashboard(intake: Intake) -> Dashboard:
    zone = ZoneInfo(intake.programme.institution.time_zone)
    entries = QueueEntry.objects.filter(intake_id=intake.pk).order_by()
    submitted = entries.count()
    funnel = [
        (_("Started"), Application.objects.filter(intake=intake).count()),
        (_("Submitted"), submitted),
        (_("Eligible"), entries.filter(outcome=VerdictOutcome.ELIGIBLE).count()),
        (_("Reviewed"), entries.filter(review_progress=ReviewProgress.COMPLETE).count()),
    ]
    for stage in _stages:
        funnel += stage(intake)

    per_day = {
        row["day"]: row["n"]
        for row in entries.annotate(day=TruncDate("submitted_at", tzinfo=zone))
        .values("day")
        .annotate(n=Count("pk"))
    }
    deadlines = compiled_set(intake.requirement_set).requirement_set.deadlines()
    markers = [Marker(d.closes_on, date_format(d.closes_on, "j M")) for d in deadlines]
    days = list(per_day) + [m.day for m in markers]
    first, last = (min(days), max(days)) if days else (date.today(), date.today())

    countries: Counter[str] = Counter()
    for row in entries.values("nationalities").annotate(n=Count("pk")):
        for code in row["nationalities"].strip(",").split(","):
            if code:
                countries[code.upper()] += row["n"]
    by_outcome = dict(entries.values_list("outcome").annotate(n=Count("pk")))

    funnel_bars = [Bar(label, value) for label, value in funnel]
    country_bars = [Bar(country_name(code), n) for code, n in countries.most_common(15)]
    outcome_bars = [Bar(str(o.label), by_outcome.get(o.value, 0)) for o in VerdictOutcome]
    charts = [
        Chart(
            _("From started to accepted"),
            bars_svg(funnel_bars, title=_("Funnel")),
            [(b.label, b.value) for b in funnel_bars],
        ),
        Chart(
            _("Applications per day, with the deadlines"),
            columns_svg(
                per_day, first=first, last=last, markers=markers, title=_("Applications per day")
            ),
            [(day.isoformat(), n) for day, n in sorted(per_day.items())],
            _("Deadlines: %(list)s.")
            % {
                "list": "; ".join(
                    f"{date_format(d.closes_on, 'j F Y')}: {d.label}" for d in deadlines
                )
            },
        ),
        Chart(
            _("By nationality (the 15 most frequent)"),
            bars_svg(country_bars, title=_("By nationality")),
            [(b.label, b.value) for b in country_bars],
        ),
        Chart(
            _("By eligibility"),
            bars_svg(outcome_bars, title=_("By eligibility")),
            [(b.label, b.value) for b in outcome_bars],
        ),
    ]
    return Dashboard(charts=charts, total=submitted)
