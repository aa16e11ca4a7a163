"""A worker's threads share what "where can I apply?" builds once per catalogue revision."""

import threading
from collections import Counter
from datetime import UTC, datetime

import pytest
from django.db import connection

from openadmit.catalogue.search import SearchRequest
from openadmit.catalogue.synthetic.generate import generate_catalogue
from openadmit.eligibility import parse_profile
from openadmit.selfcheck import service
from tests.selfcheck.factories import passing_profile

AT = datetime(2026, 12, 1, 12, tzinfo=UTC)


@pytest.mark.django_db(transaction=True)
def test_it_compiles_each_requirement_set_once_for_threads_asking_at_once(monkeypatch):
    generate_catalogue(programmes=120, seed=4)
    compiled: Counter[int] = Counter()
    compile_sets = service._compile

    def counting(set_ids):
        compiled.update(set_ids)
        return compile_sets(set_ids)

    monkeypatch.setattr(service, "_compile", counting)
    monkeypatch.setattr(service, "_compiled_sets", service._CompiledSets())
    profile = parse_profile(passing_profile())
    answers, start = [], threading.Barrier(4)

    def ask(search):
        start.wait()
        try:
            answers.append(service.where_can_i_apply(profile, at=AT, search=search).counts)
        finally:
            connection.close()

    searches = [None, None, SearchRequest(q="students"), SearchRequest(q="science")]
    threads = [threading.Thread(target=ask, args=(s,)) for s in searches]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert len(answers) == 4
    assert compiled and max(compiled.values()) == 1
    # Every set an answer needed was compiled, once.
    needed = service.open_intakes().counts_at(AT)
    assert set(needed) <= set(compiled)
