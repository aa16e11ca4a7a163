"""The fixed queries whose answers the search must keep, and how their answers are taken.

`tests/catalogue/fixtures/search_answers.json` holds, per database, what the search
answered to each query on a generated catalogue, captured from the engine that computed
everything in SQL (before the in-memory engine): the total, the count still open, the
programmes of the page (by slug) and every facet's values, labels and counts.
`test_search_answers.py` asks the same queries of the engine of today and compares.

To capture them again after an intended change of results, point DATABASE_URL at an
empty database of each kind and run `python -m tests.catalogue.search_answers`.
"""

import json
from datetime import UTC, datetime
from pathlib import Path

ANSWERS = Path(__file__).resolve().parent / "fixtures" / "search_answers.json"
PROGRAMMES = 3000
SEED = 5
# Deadlines of the generated intakes run from July 2026 to August 2027: some have passed.
NOW = datetime(2027, 4, 1, 12, tzinfo=UTC)

QUERIES: list[dict[str, list[str]]] = [
    {},
    {"sort": ["title"]},
    {"sort": ["deadline"]},
    {"sort": ["duration"]},
    {"sort": ["ects"]},
    {"page": ["40"]},
    {"page": ["30"], "per_page": ["100"], "sort": ["deadline"]},
    {"page": ["150"]},
    {"page": ["500"]},
    {"q": ["students"]},
    {"q": ["university"]},
    {"q": ["science"]},
    {"q": ["research"]},
    {"q": ["engineering"]},
    {"q": ["programme"]},
    {"q": ["SCIENCE"]},
    {"q": ["sciences"]},
    {"q": ["scien"]},
    {"q": ["histor"]},
    {"q": ["eng"]},
    {"q": ["la"]},
    {"q": ["it"]},
    {"q": ["the"]},
    {"q": ["and the"]},
    {"q": ["120"]},
    {"q": ["data science"]},
    {"q": ["students research"]},
    {"q": ["public policy"]},
    {"q": ["machine learning"]},
    {"q": ["international business management"]},
    {"q": ["data data"]},
    {"q": ["science science"]},
    {"q": ["data_science"]},
    {"q": ["économie"]},
    {"q": ["München"]},
    {"q": ["zzzzqx"]},
    {"q": ["quantum blockchain"]},
    {"q": ["students"], "page": ["40"]},
    {"q": ["science"], "page": ["12"], "per_page": ["100"]},
    {"q": ["science"], "sort": ["title"]},
    {"q": ["science"], "sort": ["deadline"]},
    {"q": ["science"], "sort": ["duration"]},
    {"q": ["science"], "sort": ["ects"]},
    {"q": ["science"], "sort": ["relevance"]},
    {"sort": ["relevance"]},
    {"q": ["university"], "open": ["1"], "sort": ["deadline"]},
    {"open": ["1"]},
    {"open": ["1"], "country": ["US"]},
    {"subject": ["Business and Management"]},
    {"subject": ["Business and Management", "Social Sciences"], "level": ["masters"]},
    {"country": ["DE"]},
    {"country": ["DE", "CN", "US"], "mode": ["online"]},
    {"country": ["DE", "FR"]},
    {"country": ["XX"], "ects": ["7"], "level": ["kindergarten"]},
    {"degree": ["MSc"], "ects": ["120"]},
    {"duration": ["12", "24"], "level": ["masters"]},
    {"language": ["en"]},
    {"language": ["es", "de"]},
    {"language": ["pt"], "country": ["PT"]},
    {"language": ["xx"]},
    {"mode": ["blended"], "sort": ["ects"]},
    {"level": ["doctorate"], "sort": ["deadline"], "page": ["3"]},
    {"q": ["data"], "subject": ["Computer Science and Information Systems"]},
    {"q": ["management"], "country": ["US"], "level": ["masters"]},
    {"q": ["engineering"], "language": ["en"], "mode": ["on_campus"], "open": ["1"]},
    {"q": ["history"], "country": ["NG"]},
    {"q": ["medicine"], "degree": ["MSc", "PhD"], "sort": ["duration"]},
    {"q": ["students"], "subject": ["Law"], "duration": ["36"]},
    {"institution": ["@first"]},
    {"institution": ["@first", "@second"], "q": ["science"]},
    {"institution": ["@first"], "country": ["@elsewhere"]},
]


def _resolve(params: dict[str, list[str]], largest: list[tuple[str, str]]) -> dict:
    """Placeholders name real values: the two largest institutions, and a country that is
    not the largest institution's (so that the two filters together match nothing)."""
    (first, first_country), (second, _) = largest
    names = {
        "@first": first,
        "@second": second,
        "@elsewhere": "NG" if first_country != "NG" else "US",
    }
    return {key: [names.get(v, v) for v in values] for key, values in params.items()}


def answer(result) -> dict:
    from openadmit.catalogue.models import Programme

    slugs = dict(Programme.objects.filter(pk__in=result.programme_ids).values_list("pk", "slug"))
    return {
        "total": result.total,
        "open": result.open_count,
        "programmes": [slugs[pk] for pk in result.programme_ids],
        "facets": {
            param: [[v.value, v.label, v.count, v.selected] for v in values]
            for param, values in result.facets.items()
        },
    }


def largest_institutions() -> list[tuple[str, str]]:
    """The two institutions with the most programmes (slug, country)."""
    from django.db.models import Count

    from openadmit.catalogue.models import Institution

    return list(
        Institution.objects.annotate(n=Count("programmes"))
        .order_by("-n", "slug")
        .values_list("slug", "country")[:2]
    )


def ask(query: dict[str, list[str]]) -> dict:
    """The answer to a query, or the problems it names (a value no programme has)."""
    from openadmit.catalogue.search import SearchRequestError, get_backend, parse_search_request

    try:
        return answer(get_backend().search(parse_search_request(query), now=NOW))
    except SearchRequestError as error:
        return {"errors": error.errors}


def ask_all() -> list[dict]:
    """Every query (placeholders resolved) with its answer on the current database."""
    largest = largest_institutions()
    queries = [_resolve(params, largest) for params in QUERIES]
    return [{"query": query, "answer": ask(query)} for query in queries]


def capture() -> None:
    from django.core.management import call_command
    from django.db import connection

    from openadmit.catalogue.synthetic.generate import generate_catalogue

    call_command("migrate", interactive=False, verbosity=0)
    generate_catalogue(programmes=PROGRAMMES, seed=SEED)
    stored = json.loads(ANSWERS.read_text()) if ANSWERS.exists() else {}
    stored[connection.vendor] = ask_all()
    # One query per line, so that a change of answers shows as a readable diff.
    lines = [
        f"  {json.dumps(vendor)}: [\n"
        + ",\n".join(f"    {json.dumps(entry, ensure_ascii=False)}" for entry in entries)
        + "\n  ]"
        for vendor, entries in sorted(stored.items())
    ]
    ANSWERS.write_text("{\n" + ",\n".join(lines) + "\n}\n")
    print(f"captured {len(QUERIES)} answers for {connection.vendor} into {ANSWERS}")


if __name__ == "__main__":
    from openadmit.core.django_setup import setup_django

    setup_django()
    capture()
