"""A requirement set is published only without conflicts and with its cases passing."""

import shutil

import pytest
import yaml

from openadmit.eligibility import (
    NotPublishable,
    check_publishable,
    find_conflicts,
    parse_requirement_set,
    publishable_requirement_set,
    requirement_file,
)
from tests.eligibility.factories import pioneer, pioneer_document, source


def test_it_publishes_the_pioneer_set_with_its_cases():
    rs = publishable_requirement_set(requirement_file("pioneer", "2026-09").parent)
    assert rs.sha256 == pioneer().sha256


def test_it_finds_two_minimums_for_one_test():
    document = pioneer_document()
    document["criteria"][1]["tests"].append(
        {"test": "ielts_academic", "overall": 6.5, "source": source()}
    )
    assert find_conflicts(parse_requirement_set(document)) == [
        "criteria.english.tests: IELTS Academic has two minimums (7 and 6.5)"
    ]


def test_it_finds_two_deadlines_for_one_category():
    document = pioneer_document()
    document["criteria"][2]["deadlines"].append(
        {"category": "eea", "closes_on": "2026-07-15", "label": "EEA", "source": source()}
    )
    problems = check_publishable(parse_requirement_set(document))
    assert problems == [
        "criteria.deadline.deadlines: two deadlines for 'eea' (2026-08-31 and 2026-07-15)"
    ]


def test_it_finds_a_degree_listed_twice_and_a_field_name_used_twice():
    document = pioneer_document()
    degree = document["criteria"][0]
    degree["listed_degrees"][0]["degrees"].append(
        {"title": "Master of law", "level": "master", "cities": ["Leuven"]}
    )
    degree["accepted_fields"]["fields"][0]["also"].append("law")
    problems = find_conflicts(parse_requirement_set(document))
    assert "“Master of law” (Leuven) is listed twice" in problems[0]
    assert "'law' names both 'social sciences' and 'law'" in problems[1]


def test_it_refuses_a_scholarship_without_its_deadline():
    document = pioneer_document()
    document["criteria"][3]["deadline_category"] = "everyone"
    assert "has no 'everyone' deadline" in check_publishable(parse_requirement_set(document))[0]


def test_it_refuses_to_publish_a_set_whose_case_fails(tmp_path):
    folder = requirement_file("pioneer", "2026-09").parent
    shutil.copy(folder / "requirements.yaml", tmp_path / "requirements.yaml")
    cases = yaml.safe_load((folder / "cases.yaml").read_text())
    cases["cases"][0]["expect"]["outcome"] = "ineligible"
    (tmp_path / "cases.yaml").write_text(yaml.safe_dump(cases))
    with pytest.raises(NotPublishable) as refused:
        publishable_requirement_set(tmp_path)
    assert refused.value.problems == [
        "case “Leuven law bachelor with IELTS 7.0 applies in May”: "
        "outcome: expected ineligible, got eligible"
    ]


def test_it_refuses_to_publish_a_set_without_cases(tmp_path):
    shutil.copy(requirement_file("pioneer", "2026-09"), tmp_path / "requirements.yaml")
    with pytest.raises(NotPublishable, match="no cases beside the set"):
        publishable_requirement_set(tmp_path)
    assert publishable_requirement_set(tmp_path, require_cases=False).id == "pioneer-2026-09"
