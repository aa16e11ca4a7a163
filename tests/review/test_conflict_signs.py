"""Likely conflicts of interest, from what the applicant wrote."""

from openadmit.review.conflicts import ConflictSign, Reviewer, likely_conflicts

TALTECH = Reviewer(
    "kadri@taltech.example", "Kadri Tamm", "Tallinn University of Technology (TalTech)"
)
MUNSTER = Reviewer("jonas@uni-muenster.example", "Jonas Weber", "University of Münster")


def degree(institution: str) -> dict:
    return {"level": "bachelor", "title": "BSc", "institution": institution}


def test_it_sees_the_reviewers_university_by_any_of_its_names():
    for typed in (
        "Tallinn University of Technology",
        "TalTech",
        "taltech, School of Information Technologies",
        "Tallinn University of Technology (TalTech)",
    ):
        assert likely_conflicts(TALTECH, [degree(typed)], []) == [
            (ConflictSign.HOME_INSTITUTION, typed)
        ], typed


def test_it_compares_names_without_case_accents_or_punctuation():
    assert likely_conflicts(MUNSTER, [degree("UNIVERSITY OF MUNSTER")], [])
    assert likely_conflicts(MUNSTER, [degree("University of Münster, Department of Law")], [])


def test_another_university_is_no_sign():
    assert likely_conflicts(TALTECH, [degree("Tallinn University")], []) == []
    assert likely_conflicts(MUNSTER, [degree("University of Delhi")], []) == []
    assert likely_conflicts(Reviewer("a@b.example", "A B"), [degree("TalTech")], []) == []


def test_it_sees_the_reviewer_named_as_a_referee_by_address_or_name():
    by_address = [{"name": "Prof. K. Tamm", "email": "KADRI@taltech.example "}]
    by_name = [{"name": "Kadri  Tamm", "email": "k.tamm@gmail.example"}]
    other = [{"name": "Mari Maasikas", "email": "mari@taltech.example"}]
    assert likely_conflicts(TALTECH, [], by_address) == [(ConflictSign.REFEREE, "Prof. K. Tamm")]
    assert likely_conflicts(TALTECH, [], by_name) == [(ConflictSign.REFEREE, "Kadri  Tamm")]
    assert likely_conflicts(TALTECH, [], other) == []


def test_it_lists_every_sign():
    signs = likely_conflicts(
        TALTECH,
        [degree("TalTech"), degree("University of Delhi"), degree("TalTech")],
        [{"name": "Kadri Tamm", "email": "kadri@taltech.example"}],
    )
    assert [sign for sign, _ in signs] == [
        ConflictSign.HOME_INSTITUTION,
        ConflictSign.HOME_INSTITUTION,
        ConflictSign.REFEREE,
    ]
