"""The `ladder` scene: the lesson's concept ladder (scalar, vector, matrix, matrix multiply, layer)
drawn with the lesson's numbers, under 20 s, following an edited lesson. Expected values are
computed here with plain numpy."""

from __future__ import annotations

import numpy as np
import pytest

from la_core import Lesson, load_lesson
from scenes.ladder import RUNGS, ConceptLadder
from tests.scenes.conftest import default_run
from tests.scenes.harness import RunResult, among, run_scene
from tests.scenes.sweep_lessons import sweep_lesson

pytestmark = pytest.mark.xdist_group("ladder")


def assert_rungs_show(result: RunResult, lesson: Lesson) -> None:
    words = np.array([lesson.words[n] for n in lesson.word_names])
    W, b = np.array(lesson.W), np.array(lesson.b)
    for value in [*words.ravel(), *(W @ words.T).ravel(), *(W @ words[0] + b)]:
        assert among(float(value), result.final_numbers), value
    (n, dim), m = words.shape, W.shape[0]
    assert rf"({m} \times {dim})({dim} \times {n}) \rightarrow ({m} \times {n})" in result.texts


def test_every_rung_is_on_the_last_frame_with_the_lessons_numbers() -> None:
    result = default_run("ladder")
    assert not result.problems, "\n".join(result.problems[:10])
    assert set(RUNGS) <= result.texts
    assert_rungs_show(result, load_lesson())
    assert result.duration <= 20


def test_an_edited_lesson_is_followed() -> None:
    """Four other words, another W and a bias: the rungs and the captions follow."""
    lesson = sweep_lesson("animals")
    result = run_scene(ConceptLadder, lesson=lesson)
    assert not result.problems, "\n".join(result.problems[:10])
    assert_rungs_show(result, lesson)
    captions = " ".join(text for _, _, text in result.captions)
    assert "the four words, 4×4" in captions and "first entry of cat" in captions and "king" not in captions
