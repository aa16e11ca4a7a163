"""The language tests an applicant can report, with their score scales.

A score outside a test's scale, or a section the test does not have, is invalid input,
never a low score. TOEFL iBT is on its 0-120 total scale (sections 0-30).
"""

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class ScoreScale:
    id: str
    name: str
    lowest: float
    highest: float
    step: float
    sections: tuple[str, ...]
    section_lowest: float
    section_highest: float

    def format(self, value: float) -> str:
        """A score as the test reports it: IELTS 7.0, TOEFL 100."""
        return f"{value:.1f}" if self.step < 1 else f"{value:.0f}"

    def check_score(self, value: float, section: str | None = None) -> None:
        """Raise ValueError when a score cannot occur on this test."""
        low, high = (
            (self.lowest, self.highest)
            if section is None
            else (
                self.section_lowest,
                self.section_highest,
            )
        )
        what = f"{self.name} {section} score" if section else f"{self.name} overall score"
        if not low <= value <= high:
            raise ValueError(f"{what} {value:g} is outside the scale {low:g}-{high:g}")
        if abs(round(value / self.step) * self.step - value) > 1e-9:
            raise ValueError(f"{what} {value:g} is not a multiple of {self.step:g}")


LANGUAGE_TESTS: dict[str, ScoreScale] = {
    scale.id: scale
    for scale in (
        ScoreScale(
            "ielts_academic",
            "IELTS Academic",
            0,
            9,
            0.5,
            ("listening", "reading", "writing", "speaking"),
            0,
            9,
        ),
        ScoreScale(
            "toefl_ibt",
            "TOEFL iBT",
            0,
            120,
            1,
            ("reading", "listening", "speaking", "writing"),
            0,
            30,
        ),
        ScoreScale(
            "pte_academic",
            "PTE Academic",
            10,
            90,
            1,
            ("listening", "reading", "speaking", "writing"),
            10,
            90,
        ),
        ScoreScale(
            "cambridge_english",
            "Cambridge English (scale score)",
            80,
            230,
            1,
            ("reading", "use_of_english", "writing", "listening", "speaking"),
            80,
            230,
        ),
        ScoreScale(
            "duolingo",
            "Duolingo English Test",
            10,
            160,
            5,
            ("literacy", "comprehension", "conversation", "production"),
            10,
            160,
        ),
    )
}


def scale_of(test_id: str) -> ScoreScale:
    try:
        return LANGUAGE_TESTS[test_id]
    except KeyError:
        known = ", ".join(LANGUAGE_TESTS)
        raise ValueError(f"unknown test {test_id!r}; known tests: {known}") from None
