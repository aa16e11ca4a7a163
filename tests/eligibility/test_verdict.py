"""The verdict: precedence of outcomes, explanations, sources and the rules it came from."""

from tests.eligibility.factories import check, leuven_law_graduate, pioneer


def test_it_traces_a_verdict_to_the_exact_ruleset():
    verdict = check(leuven_law_graduate())
    assert verdict.to_dict()["ruleset"] == {
        "id": "pioneer-2026-09",
        "version": "1",
        "sha256": pioneer().sha256,
    }


def test_it_serialises_every_criterion_with_kind_outcome_explanation_and_source():
    data = check(leuven_law_graduate(language_tests=[])).to_dict()
    assert data["outcome"] == "incomplete"
    assert [c["kind"] for c in data["criteria"]] == ["degree", "language", "deadline"]
    for criterion in data["criteria"]:
        assert criterion["explanation"] and criterion["source"]["url"].startswith("https://")
    assert data["deadline"] == {
        "category": "non_eea",
        "label": "Applicants without an EEA nationality",
        "closes_at": "2026-07-01T23:59:59+02:00",
    }
    assert data["scholarship"]["outcome"] == "not_requested"


def test_it_ranks_ineligible_over_incomplete_over_review():
    review_and_incomplete = leuven_law_graduate(language_tests=[])
    review_and_incomplete["degrees"][0]["city"] = "Gent"
    verdict = check(review_and_incomplete)
    assert [c.outcome for c in verdict.criteria] == ["review", "incomplete", "eligible"]
    assert verdict.outcome == "incomplete"
    late = check(review_and_incomplete, at="2026-07-02T10:00:00+02:00")
    assert late.outcome == "ineligible"
    only_review = check(
        {**review_and_incomplete, "language_tests": [{"test": "toefl_ibt", "overall": 101}]}
    )
    assert only_review.outcome == "review"


def test_it_names_both_compared_values_and_what_to_do_next():
    verdict = check(leuven_law_graduate(language_tests=[{"test": "toefl_ibt", "overall": 95}]))
    explanation = verdict.criterion("english").explanation
    assert "95" in explanation and "100" in explanation
    assert (
        "To apply, reach one of: IELTS Academic 7.0, TOEFL iBT 100 or PTE Academic 84"
        in explanation
    )


def test_it_cites_the_published_exception_for_english_studies_elsewhere():
    profile = leuven_law_graduate(
        language_tests=[], secondary_school={"country": "IN", "language_of_instruction": "en"}
    )
    english = check(profile).criterion("english")
    assert english.outcome == "incomplete"
    assert "India" in english.explanation
    assert "country other than those mentioned above" in english.source.quote


def test_it_attaches_the_graduation_condition_for_a_final_year_student():
    profile = leuven_law_graduate()
    profile["degrees"][0]["completed"] = False
    degree = check(profile).criterion("degree")
    assert degree.outcome == "eligible"
    assert "before registration" in degree.condition.render()
    assert "condition" in degree.to_dict()


def test_it_keeps_explanations_translatable_as_template_and_parameters():
    english = check(
        leuven_law_graduate(language_tests=[{"test": "ielts_academic", "overall": 6.0}])
    )
    message = english.criterion("english").message
    assert "{score}" in message.template and message.params["score"] == "6.0"
    dutch = {message.template: "Uw {test}-score {score} ligt onder het minimum van {minimum}."}
    assert (
        message.render(dutch.get) == "Uw IELTS Academic-score 6.0 ligt onder het minimum van 7.0."
    )
