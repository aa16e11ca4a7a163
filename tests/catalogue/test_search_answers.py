"""The search answers as it did before its engine changed: same pages, same counts."""

import json

import pytest
from django.db import connection

from openadmit.catalogue.synthetic.generate import generate_catalogue
from tests.catalogue.search_answers import ANSWERS, PROGRAMMES, SEED, ask

pytestmark = pytest.mark.django_db


def test_it_gives_the_captured_answer_to_every_fixed_query():
    generate_catalogue(programmes=PROGRAMMES, seed=SEED)
    expected = json.loads(ANSWERS.read_text())[connection.vendor]
    answers = [(entry["query"], ask(entry["query"]), entry["answer"]) for entry in expected]
    differing = [query for query, got, captured in answers if got != captured]
    assert differing == []
