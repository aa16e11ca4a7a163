"""The rubric as data: PIONEER's file, and the errors a broken rubric gets, naming fields."""

from decimal import Decimal

import pytest
import yaml

from openadmit.review.rubric import RubricError, load_rubric, parse_rubric, read_rubric_text
from tests.review.factories import PIONEER_RUBRIC


def document() -> dict:
    return yaml.safe_load(PIONEER_RUBRIC.read_text())


def refusal(document) -> list[str]:
    with pytest.raises(RubricError) as raised:
        parse_rubric(document)
    return str(raised.value).splitlines()


def test_it_reads_pioneers_rubric_as_the_demo_assumes_it():
    rubric = load_rubric(PIONEER_RUBRIC)
    weights = {c.title: c.weight for c in rubric.criteria}
    assert weights == {
        "Academic record": 35,
        "Motivation": 25,
        "Relevant experience": 15,
        "English": 10,
        "Video": 15,
    }
    assert rubric.max_points == 100 and rubric.reviewers_per_file == 2
    assert "assumption made for the OpenAdmit demo" in rubric.assumption
    for criterion in rubric.criteria:
        assert [level.score for level in criterion.levels] == [0, 1, 2, 3, 4, 5]
        assert all(level.description for level in criterion.levels)


def test_it_weighs_scores_by_where_they_stand_on_each_scale():
    rubric = load_rubric(PIONEER_RUBRIC)
    best = {c.id: c.scale.max for c in rubric.criteria}
    assert rubric.total(best) == 100
    assert rubric.total({c.id: Decimal(0) for c in rubric.criteria}) == 0
    mixed = dict(best, academic_record=Decimal(3), video=Decimal(1))
    assert rubric.total(mixed) == Decimal("100") - Decimal("14") - Decimal("12")


def test_its_hash_follows_the_content_not_the_layout():
    rubric = load_rubric(PIONEER_RUBRIC)
    again = read_rubric_text(yaml.safe_dump(rubric.document(), sort_keys=True))
    assert again.sha256 == rubric.sha256
    changed = document()
    changed["criteria"][0]["weight"] = 30
    assert parse_rubric(changed).sha256 != rubric.sha256


def test_it_names_the_field_of_each_problem():
    broken = document()
    broken["criteria"][2]["weight"] = 0
    broken["criteria"][0]["scale"]["step"] = 2
    broken["reviewers_per_file"] = 9
    lines = refusal(broken)
    assert any(line.startswith("criteria.2.weight: ") for line in lines)
    assert any(line.startswith("criteria.0.scale: ") and "step" in line for line in lines)
    assert any(line.startswith("reviewers_per_file: ") for line in lines)


def test_it_wants_every_level_of_the_scale_described_once():
    missing = document()
    missing["criteria"][1]["levels"] = missing["criteria"][1]["levels"][:-1]
    assert refusal(missing)[0].startswith("criteria.1: describe exactly the levels")
    twice = document()
    twice["criteria"][1]["levels"].append({"score": 2, "description": "Again."})
    assert refusal(twice)[0] == "criteria.1: each level is described once"


def test_it_refuses_two_criteria_with_one_id_and_a_rubric_without_criteria():
    twins = document()
    twins["criteria"][1]["id"] = twins["criteria"][0]["id"]
    assert refusal(twins) == ["(document): two criteria have the id 'academic_record'"]
    empty = document() | {"criteria": []}
    assert refusal(empty) == ["(document): a rubric has at least one criterion"]


def test_it_names_the_line_of_a_yaml_syntax_error_and_refuses_what_is_not_a_mapping():
    with pytest.raises(RubricError, match=r"^line 4: not valid YAML"):
        read_rubric_text("id: x\nversion: '1'\ncriteria: [\n  - {\n")
    with pytest.raises(RubricError, match="a rubric is a mapping"):
        read_rubric_text("- just\n- a list\n")


def test_a_scale_of_half_steps_holds_its_halves_only():
    halves = document()
    halves["criteria"][0]["scale"] = {"min": 1, "max": 3, "step": 0.5}
    halves["criteria"][0]["levels"] = [
        {"score": s, "description": f"Level {s}"} for s in (1, 1.5, 2, 2.5, 3)
    ]
    scale = parse_rubric(halves).criteria[0].scale
    assert scale.holds(Decimal("2.5")) and not scale.holds(Decimal("2.25"))
    assert not scale.holds(Decimal("3.5")) and not scale.holds(Decimal("0.5"))
