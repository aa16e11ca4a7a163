"""The search's own indexes: ranked as the database ranks, and kept in step with imports."""

import pytest
from django.db import connection
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from openadmit.catalogue.models import Programme
from openadmit.catalogue.search import get_backend, parse_search_request
from openadmit.catalogue.search.indexing import reindex
from openadmit.catalogue.synthetic.generate import generate_catalogue
from tests.catalogue.factories import make_programme

pytestmark = pytest.mark.django_db

# Words of the generated catalogue's titles, overviews and places, common and rare.
WORDS = [
    "students", "programme", "research", "science", "data", "management", "engineering",
    "public", "health", "history", "law", "design", "international", "systems", "policy",
    "university", "learning", "energy", "finance", "media", "zzyzx",
]  # fmt: skip


def search(**params):
    return get_backend().search(parse_search_request({k: [v] for k, v in params.items()}))


@pytest.fixture
def generated(db):
    generate_catalogue(programmes=400, seed=9)


@settings(max_examples=60, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    st.lists(st.sampled_from(WORDS), min_size=1, max_size=3),
    st.integers(min_value=0, max_value=4),
)
def test_it_ranks_words_as_the_database_does(generated, words, shorten):
    # The last word may be cut short: searched as a prefix, as readers type.
    words[-1] = words[-1][: max(3, len(words[-1]) - shorten)]
    backend = get_backend()
    sql, params = backend.match_sql(words, ranked=True)
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT id FROM ({sql}) AS m ORDER BY rank, id LIMIT 100", params)
        expected = [row[0] for row in cursor.fetchall()]
        cursor.execute(f"SELECT COUNT(*) FROM ({sql}) AS m", params)
        total = cursor.fetchone()[0]
    result = search(q=" ".join(words), per_page="100")
    assert (result.total, result.programme_ids) == (total, expected)


def test_it_forgets_a_programmes_old_words_when_it_is_indexed_again():
    programme = make_programme(title="Master of Science in Basketweaving")
    make_programme(title="Master of Science in Pottery")
    assert search(q="basketweaving").programme_ids == [programme.pk]
    Programme.objects.filter(pk=programme.pk).update(title="Master of Science in Origami")
    reindex([programme.pk])
    assert search(q="basketweaving").total == 0
    assert search(q="origami").programme_ids == [programme.pk]
    assert search(q="science").total == 2


def test_it_forgets_a_deleted_programme():
    gone = make_programme(title="Master of Science in Basketweaving")
    kept = make_programme(title="Master of Arts in Basketweaving")
    gone.delete()
    reindex([gone.pk])
    result = search(q="basketweaving")
    assert (result.total, result.programme_ids) == (1, [kept.pk])
    assert search().total == 1
