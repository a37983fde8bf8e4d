"""The `normalize` scene: the words' lengths, then Û = X / |rows| with every length 1.00, then
Û Ûᵀ whose entries are Step 2's cosines (king·queen 0.900, king·apple 0.307 as the lesson
prints them), read as la_core's similarity_reading; and all of it follows an edited lesson.

Expected values are plain numpy here, never the scene's or la_core's.
"""

from __future__ import annotations

from functools import cache

import numpy as np
import pytest

from la_core import Lesson, load_lesson, similarity_reading
from scenes.normalize import Normalize
from tests.scenes.conftest import default_run
from tests.scenes.harness import RunResult, among, edit_lesson, run_scene

pytestmark = pytest.mark.xdist_group("normalize")

OLD_APPLE = "apple = [0.1, 0.1, 0.9, 0.2]"
NEW_APPLE = "apple = [0.3, 0.2, 1.3, 0.1]"  # longer than 1: it shrinks, and its cosines change


def edited_lesson() -> Lesson:
    return edit_lesson({OLD_APPLE: NEW_APPLE})


@cache
def edited_run() -> RunResult:
    return run_scene(Normalize, lesson=edited_lesson())


def unit_rows(lesson: Lesson) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    x = np.array(list(lesson.words.values()), dtype=float)
    lengths = np.sqrt((x**2).sum(axis=1))
    unit = x / lengths[:, None]
    return lengths, unit, unit @ unit.T


def test_the_lesson_cosines_as_step_2_prints_them() -> None:
    result = default_run("normalize")
    captions = " ".join(text for _, _, text in result.captions)
    assert "king·queen in Û Ûᵀ is 0.900: Step 2's cosine, 0.900" in captions
    assert "king·apple in Û Ûᵀ is 0.307: Step 2's cosine, 0.307" in captions
    assert among(0.900, result.final_numbers, 3) and among(0.307, result.final_numbers, 3)


@pytest.mark.parametrize("edited", [False, True], ids=["shipped", "edited apple"])
def test_lengths_count_to_one_and_the_gram_matrix_is_the_cosines(edited: bool) -> None:
    lesson = edited_lesson() if edited else load_lesson()
    result = edited_run() if edited else default_run("normalize")
    lengths, unit, gram = unit_rows(lesson)
    for length in lengths:
        assert result.shows(length), f"length {length:.2f} never shown"
    final = result.final_numbers
    assert sum(1 for n in final if abs(n - 1.0) < 1e-9) >= len(lengths), "every length ends at 1.00"
    for value in unit.ravel():
        assert result.shows(value), f"Û entry {value:.2f} never shown"
    for value in gram.ravel():
        assert among(value, final, 3), f"Û Ûᵀ entry {value:.3f} not on the last frame"


def test_the_readings_are_la_cores() -> None:
    lesson = edited_lesson()
    _, _, gram = unit_rows(lesson)
    names = list(lesson.words)
    king, queen, apple = (names.index(n) for n in ("king", "queen", "apple"))
    texts = edited_run().texts
    for other in (queen, apple):
        reading = similarity_reading(gram[king, other])
        assert any(t.startswith(f"king·{names[other]} = ") and t.endswith(reading) for t in texts), texts


def test_the_numpy_expression_and_the_moral_are_on_screen() -> None:
    texts = default_run("normalize").texts
    assert "Û = X / np.linalg.norm(X, axis=1, keepdims=True)" in texts
    assert "Cosine is the dot product of unit vectors: direction only, length ignored." in texts


def test_edited_run_passes_the_layout_audit() -> None:
    assert not edited_run().problems, "\n".join(edited_run().problems[:10])
