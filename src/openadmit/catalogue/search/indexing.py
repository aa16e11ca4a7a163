"""Rebuilding the search entries and the text index from the catalogue, in batches."""

import uuid
from collections import defaultdict
from collections.abc import Iterable, Sequence

from django.db import connection, transaction
from django.db.models import Max

from openadmit.catalogue.models import Intake, Programme, SearchIndexState
from openadmit.catalogue.names import country_name
from openadmit.catalogue.search import get_backend
from openadmit.catalogue.search.engine import ENTRY_COLUMNS
from openadmit.consortia.models import ConsortiumMember

BATCH = 5000


def reindex(programme_ids: Iterable[int] | None = None) -> int:
    """Index these programmes (every programme when None); returns how many were indexed."""
    backend = get_backend()
    if programme_ids is None:
        with transaction.atomic(), connection.cursor() as cursor:
            cursor.execute("DELETE FROM catalogue_searchentry")
            backend.delete_text(cursor, None)
        ids = list(Programme.objects.order_by("pk").values_list("pk", flat=True))
        fresh = True
    else:
        ids = sorted(set(programme_ids))
        fresh = False
    for start in range(0, len(ids), BATCH):
        _index_batch(backend, ids[start : start + BATCH], fresh=fresh)
    SearchIndexState.objects.update_or_create(pk=1, defaults={"revision": uuid.uuid4().hex})

    if fresh:
        # Fresh statistics let the planner pick between the facet indexes well.
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
    return len(ids)


def _index_batch(backend, ids: Sequence[int], *, fresh: bool) -> None:
    programmes = list(
        Programme.objects.filter(pk__in=ids)
        .select_related("institution")
        .only(
            "pk",
            "title",
            "short_name",
            "degree",
            "study_level",
            "study_mode",
            "subject_area",
            "subject",
            "duration_months",
            "ects",
            "languages",
            "overview",
            "strengths",
            "institution__name",
            "institution__city",
            "institution__country",
        )
    )
    closes = dict(
        Intake.objects.filter(programme_id__in=ids, is_open=True)
        .values("programme_id")
        .annotate(last=Max("closes_at"))
        .values_list("programme_id", "last")
    )
    partners: dict[int, list[str]] = defaultdict(list)
    for programme_id, name, city in ConsortiumMember.objects.filter(
        consortium__programmes__in=ids
    ).values_list("consortium__programmes", "institution__name", "institution__city"):
        partners[programme_id] += [name, city]

    entries, texts = [], []
    for p in programmes:
        institution = p.institution
        entries.append(
            (
                p.pk,
                p.title,
                p.subject_area,
                p.degree,
                p.study_level,
                p.study_mode,
                institution.country,
                institution.pk,
                f",{','.join(sorted(set(p.languages)))},",
                p.ects,
                p.duration_months,
                connection.ops.adapt_datetimefield_value(closes.get(p.pk)),
            )
        )
        place = [
            institution.name,
            institution.city,
            country_name(institution.country),
            *partners[p.pk],
        ]
        texts.append(
            (
                p.pk,
                f"{p.title} {p.short_name}",
                f"{p.subject_area} {p.subject} {p.degree}",
                " ".join(dict.fromkeys(place)),
                "\n".join([p.overview, *p.strengths]),
            )
        )
    marks = ", ".join(["%s"] * 12)
    with transaction.atomic(), connection.cursor() as cursor:
        if not fresh:
            id_marks = ", ".join(["%s"] * len(ids))
            delete = f"DELETE FROM catalogue_searchentry WHERE programme_id IN ({id_marks})"  # nosec B608 # placeholders only
            cursor.execute(delete, list(ids))
            backend.delete_text(cursor, ids)
        insert = f"INSERT INTO catalogue_searchentry ({ENTRY_COLUMNS}) VALUES ({marks})"  # nosec B608 # fixed columns, placeholders
        cursor.executemany(insert, entries)
        backend.write_text(cursor, texts)
