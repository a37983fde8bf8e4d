"""The `linear_layer` scene: y = W x + b for the lesson's W, bias and first word, row by row, and
every word carried into the plane; it follows an edit to [projection] (W and a bias) and to the
words. Expected values are computed here with plain numpy."""

from __future__ import annotations

from functools import cache

import numpy as np
import pytest

from la_core import Lesson, load_lesson
from scenes.linear_layer import LinearLayer
from tests.scenes.conftest import default_run
from tests.scenes.harness import RunResult, among, edit_lesson, run_scene

pytestmark = pytest.mark.xdist_group("linear_layer")

OLD_W = "W = [[1.0, 0.0, 0.0, 0.0],\n     [0.0, 1.0, 0.0, 0.0]]"
#: Another W (mixing all four numbers) and a bias, numbers that appear nowhere else in the lesson.
NEW_W = "W = [[0.5, -0.25, 0.75, 0.2],\n     [-0.6, 0.4, 0.3, 0.15]]\nb = [0.35, -0.45]"
OLD_KING = "king  = [0.9, 0.8, 0.1, 0.7]"
NEW_KING = "lord  = [0.6, 0.9, 0.3, 0.2]"


def edited_lesson() -> Lesson:
    text_edits = {OLD_W: NEW_W, OLD_KING: NEW_KING, 'a = "king"': 'a = "lord"',
                  'queries = ["king", "queen", "apple"]': 'queries = ["lord", "queen", "apple"]',
                  'keys = ["king", "queen", "apple"]': 'keys = ["lord", "queen", "apple"]'}
    return edit_lesson(text_edits)


@cache
def edited_run() -> RunResult:
    return run_scene(LinearLayer, lesson=edited_lesson())


def expected(lesson: Lesson) -> dict[str, float]:
    """W's entries, the first word's entries, b, y = W x + b, and every word's output."""
    W, b = np.array(lesson.W), np.array(lesson.b)
    first = np.array(next(iter(lesson.words.values())))
    values = {f"W[{i},{j}]": W[i, j] for i in range(W.shape[0]) for j in range(W.shape[1])}
    values |= {f"x[{j}]": v for j, v in enumerate(first)} | {f"b[{i}]": v for i, v in enumerate(b)}
    values |= {f"y[{i}]": sum(W[i, j] * first[j] for j in range(W.shape[1])) + b[i] for i in range(2)}
    return values


def assert_final_frame_shows(result: RunResult, lesson: Lesson) -> None:
    for name, value in expected(lesson).items():
        assert among(value, result.final_numbers), f"{name} = {value} not on the last frame"


def test_last_frame_shows_w_x_b_and_y() -> None:
    result = default_run("linear_layer")
    assert not result.problems, "\n".join(result.problems[:10])
    assert_final_frame_shows(result, load_lesson())
    assert r"(2 \times 4) \cdot (4) \rightarrow (2)" in result.texts


def test_each_output_is_shown_as_a_row_dot_product() -> None:
    """The work line for row i lists W's row i times the word, entry by entry, and its sum."""
    lesson, result = load_lesson(), default_run("linear_layer")
    first = np.array(next(iter(lesson.words.values())))
    for i, row in enumerate(np.array(lesson.W)):
        lines = [t for t in result.texts if t.startswith(rf"\text{{row {i + 1}}}")]
        assert len(lines) == 1, lines
        total = float(row @ first)
        assert among(total, result.numbers), f"row {i + 1} total {total}"
    captions = " ".join(text for _, _, text in result.captions)
    assert "Row 1 of W dotted with king: 0.90." in captions
    assert "Row 2 of W dotted with king: 0.80." in captions
    assert "b is 0" in captions  # the shipped lesson has no bias


def test_edited_w_bias_and_word_are_followed_in_numbers_and_words() -> None:
    lesson, result = edited_lesson(), edited_run()
    assert not result.problems, "\n".join(result.problems[:10])
    assert_final_frame_shows(result, lesson)
    y = np.array(lesson.W) @ np.array(lesson.words["lord"]) + np.array(lesson.b)
    captions = " ".join(text for _, _, text in result.captions)
    assert f"Add the bias b = (0.35, −0.45): y = ({y[0]:.2f}, {y[1]:.2f})".replace("-", "−") in captions
    assert "king" not in captions and "lord" in captions
    assert not among(0.8, result.final_numbers) and not among(0.7, result.final_numbers), "king's numbers"


def test_duration_and_captions_cover_the_scene() -> None:
    result = default_run("linear_layer")
    assert 12 <= result.duration <= 30
    assert result.captions[0][0] == 0.0
