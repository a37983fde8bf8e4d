"""One table of symbols as words: narration, cards and the engine's text all say "×" the same way."""

from __future__ import annotations

import pytest

from la_render.lecture.text import spoken as card_spoken
from la_render.narration.voices import spoken_form
from scenes.narrative.speech import said, spoken
from tests.scenes.spoken import spoken_problems

HEARD = [
    ("The score grid Q Kᵀ: (3×4) times (4×3) gives 3×3.",
     "The score grid Q K transposed: 3 by 4 times 4 by 3 gives 3 by 3."),
    ("A 4096 × 4096 layer", "A 4096 by 4096 layer"),
    ("For A of shape (m × k), what shape is A @ B?", "For A of shape m by k, what shape is A times B?"),
    ("Matrix × vector is a transformation", "Matrix times vector is a transformation"),
    ("column 2 = 2.00 × column 1", "Column 2 equals 2.00 times column 1"),
    ("the largest difference is 2.2 × 10⁻¹⁶", "The largest difference is 2.2 times 10 to the minus 16"),
    ("cos ≈ 0.9, θ = 26°", "Cos about 0.9, theta equals 26 degrees"),
    ("a·b is −0.3 → unrelated", "A dot b is minus 0.3 gives unrelated"),
]


@pytest.mark.parametrize(("written", "heard"), HEARD)
def test_symbols_are_said_as_words(written: str, heard: str) -> None:
    assert spoken(written) == heard
    assert spoken_form(written) == heard  # what an engine is handed for a caption-only cue
    ended = heard if heard.endswith((".", "?")) else heard + "."
    assert not spoken_problems(ended)  # no symbol left for a voice to spell out


def test_a_card_reads_its_step_as_a_sentence() -> None:
    assert card_spoken("Step 4 — Matrix × vector is a transformation") == \
        "Step 4. Matrix times vector is a transformation."


NUMBERS = [(0.9, "0.9"), (-0.30, "minus 0.3"), (2.0, "2"), (-0.001, "0"), (1122.52, "1,123"),
           (-648.07, "minus 648"), (90004.4, "90,004")]


@pytest.mark.parametrize(("value", "heard"), NUMBERS)
def test_numbers_as_a_listener_hears_them(value: float, heard: str) -> None:
    assert said(value) == heard
