"""The `linear_transform` scene shows M, x, M x, det M, F and rank F as la_core computes them for the
lesson, and follows an edit of the matrix, including to a singular one (which has no inverse: the
scene goes back to the square grid by a cross-fade). Data that would draw an arrow off screen is
refused with the lesson key named.

Expected values are computed here with plain numpy, not with the scene's or la_core's code.
"""

from __future__ import annotations

from functools import cache

import numpy as np
import pytest

from la_core import Lesson, LessonDataError, load_lesson
from scenes.limits import check_drawable, drawable_box
from scenes.linear_transform import LinearTransform
from tests.scenes.conftest import default_run
from tests.scenes.harness import RunResult, among, edit_lesson, run_scene

pytestmark = pytest.mark.xdist_group("linear_transform")

OLD_MATRIX = "matrix = [[1.5, -0.5],\n          [0.5, 1.0]]"
#: A singular matrix (second column = 2 × first) whose numbers appear nowhere else in the lesson.
NEW_MATRIX = "matrix = [[0.6, 1.2],\n          [0.4, 0.8]]"


def edited_lesson() -> Lesson:
    return edit_lesson({OLD_MATRIX: NEW_MATRIX})


@cache
def edited_run() -> RunResult:
    return run_scene(LinearTransform, lesson=edited_lesson())



def expected_final(lesson: Lesson) -> dict[str, float]:
    """What the poster frame must show: M, x, M x, det M, F, rank F and det F."""
    M, F, x = np.array(lesson.matrix), np.array(lesson.flatten), np.array(lesson.x)
    values = {f"M[{i},{j}]": M[i, j] for i in range(2) for j in range(2)}
    values |= {f"F[{i},{j}]": F[i, j] for i in range(2) for j in range(2)}
    values |= {f"x[{i}]": x[i] for i in range(2)}
    mx = [M[i, 0] * x[0] + M[i, 1] * x[1] for i in range(2)]
    values |= {f"Mx[{i}]": mx[i] for i in range(2)}
    values["det M"] = M[0, 0] * M[1, 1] - M[0, 1] * M[1, 0]
    values["det F"] = F[0, 0] * F[1, 1] - F[0, 1] * F[1, 0]
    values["rank F"] = float(np.linalg.matrix_rank(F))
    return values


def assert_final_frame_shows(result: RunResult, lesson: Lesson) -> None:
    for name, value in expected_final(lesson).items():
        assert among(value, result.final_numbers), f"{name} = {value} not on the last frame"


def test_last_frame_shows_the_lessons_numbers() -> None:
    assert_final_frame_shows(default_run("linear_transform"), load_lesson())


def test_last_frame_shows_exactly_these_numbers_with_columns_at_the_arrow_tips() -> None:
    """As a multiset: the poster numbers, plus M's columns written again where i-hat and j-hat land."""
    lesson = load_lesson()
    M = np.array(lesson.matrix)
    expected = [*expected_final(lesson).values(), *M.T.ravel()]
    shown = sorted(round(n, 2) + 0.0 for n in default_run("linear_transform").final_numbers)
    assert shown == sorted(round(float(v), 2) + 0.0 for v in expected)


def test_captions_tell_the_story() -> None:
    captions = " ".join(text for _, _, text in default_run("linear_transform").captions).lower()
    for phrase in ("basis arrow", "det m", "flattens", "rank f is 1"):
        assert phrase in captions


def test_edited_singular_matrix_is_followed() -> None:
    result = edited_run()
    lesson = edited_lesson()
    assert not result.problems, "\n".join(result.problems[:10])
    assert_final_frame_shows(result, lesson)
    old = expected_final(load_lesson())
    for name in ("det M", "Mx[0]"):
        assert not among(old[name], result.numbers), f"old {name} = {old[name]} still shown"


def test_edit_changes_what_is_computed() -> None:
    """Guard for the edit itself: the new matrix is singular and differs from the old one."""
    new, old = expected_final(edited_lesson()), expected_final(load_lesson())
    assert abs(new["det M"]) < 1e-12 and abs(old["det M"]) > 0.5
    assert new["Mx[0]"] != pytest.approx(old["Mx[0]"])


@pytest.mark.parametrize(
    ("edits", "key", "point"),
    [
        ({OLD_MATRIX: "matrix = [[1.0, 2.0],\n          [2.0, 4.0]]"}, "[transform].matrix", "(2.00, 4.00)"),
        ({"x = [1.0, 1.5]": "x = [9.0, 1.5]"}, "[transform].x", "(9.00, 1.50)"),
        ({"flatten = [[1.0, 0.5],": "flatten = [[8.0, 4.0],"}, "[transform].flatten", "(8.00, 0.50)"),
    ],
)
def test_an_arrow_off_screen_is_refused_naming_the_key(edits: dict, key: str, point: str) -> None:
    """M's second column (2, 4) is above the picture's top; the render fails before any frame."""
    lesson = edit_lesson(edits)
    with pytest.raises(LessonDataError) as caught:
        run_scene(LinearTransform, lesson=lesson, audit=False)
    assert caught.value.key == key and caught.value.file == lesson.source
    assert point in str(caught.value)


def test_a_larger_matrix_inside_the_picture_renders_cleanly() -> None:
    """M = [[2.5, 1], [-1, 1.5]] stretches x to (4, 1.25), near the right edge: accepted, and the
    layout audit finds nothing at any play or wait."""
    check_drawable(load_lesson())
    larger = edit_lesson({OLD_MATRIX: "matrix = [[2.5, 1.0],\n          [-1.0, 1.5]]"})
    result = run_scene(LinearTransform, lesson=larger)
    assert not result.problems, "\n".join(result.problems[:10])
    assert among(4.0, result.final_numbers) and among(1.25, result.final_numbers)
    low, high = drawable_box()
    assert high[0] > 4.0 and high[1] > 1.5 and low[0] < -1.0


@pytest.mark.parametrize(
    "matrix",
    ["[[-1.0, 0.0],\n          [0.0, -1.0]]", "[[0.0, -1.0],\n          [1.0, 0.0]]"],
    ids=["minus-identity", "quarter-turn"],
)
def test_matrices_that_point_left_keep_clear_of_the_text_column(matrix: str) -> None:
    """-I and a quarter turn send x and the basis arrows left, towards the text column: the
    picture sits right of it, so the layout audit finds nothing and M x is shown."""
    lesson = edit_lesson({OLD_MATRIX: f"matrix = {matrix}"})
    result = run_scene(LinearTransform, lesson=lesson)
    assert not result.problems, "\n".join(result.problems[:10])
    assert_final_frame_shows(result, lesson)
