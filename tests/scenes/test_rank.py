"""The `rank` scene shows v1, v2, v3, the coefficients that build the redundant vector, the target
it cannot reach, the matrix V, its singular values and its rank as la_core computes them, and
follows edits: a different dependent v3, and an independent v3 (full rank, nothing collapses).

Expected values are computed here with plain numpy, not with the scene's or la_core's code.
"""

from __future__ import annotations

from functools import cache

import numpy as np
import pytest

from la_core import Lesson, load_lesson, parse_lesson
from scenes.rank import RankScene
from tests.scenes.conftest import default_run
from tests.scenes.harness import RunResult, among, lesson_text, run_scene

pytestmark = pytest.mark.xdist_group("rank")

OLD_V3 = "v3 = [2, 1, 0]"
DEPENDENT_V3 = "v3 = [3, 2, 0]"  # = 3·v1 + 2·v2: still rank 2, different numbers
INDEPENDENT_V3 = "v3 = [2, 1, 1]"  # leaves the plane: rank 3


def lesson_with(v3_line: str) -> Lesson:
    text = lesson_text()
    assert OLD_V3 in text, "the shipped lesson changed: update this test's edit"
    return parse_lesson(text.replace(OLD_V3, v3_line), "edited.toml")


@cache
def run_with(v3_line: str) -> RunResult:
    return run_scene(RankScene, lesson=lesson_with(v3_line))



def singular(lesson: Lesson) -> np.ndarray:
    return np.linalg.svd(np.array(lesson.V), compute_uv=False)


def last_coefficients(lesson: Lesson) -> np.ndarray:
    """v3 written in terms of v1 and v2 (least squares; exact when v3 is in their span)."""
    V = np.array(lesson.V)
    coefficients, *_ = np.linalg.lstsq(V[:2].T, V[2], rcond=None)
    return coefficients


def assert_shows(result: RunResult, lesson: Lesson) -> None:
    V = np.array(lesson.V)
    final = result.final_numbers
    for value in V.ravel():
        assert among(value, final), f"V entry {value} missing from the last frame"
    for value in singular(lesson):
        assert among(value, final), f"singular value {value:.4f} missing from the last frame"
    assert among(np.linalg.matrix_rank(V), final), "rank missing from the last frame"
    for value in lesson.unreachable:
        assert among(value, result.numbers), "the target vector's entries were never shown"


def test_default_lesson_numbers_are_on_screen() -> None:
    result = default_run("rank")
    lesson = load_lesson()
    assert_shows(result, lesson)
    for value in last_coefficients(lesson):  # v3 = 2·v1 + 1·v2
        assert among(value, result.numbers), f"coefficient {value} never shown"
    assert np.linalg.matrix_rank(np.array(lesson.V)) == 2
    assert min(result.final_numbers) == pytest.approx(0.0, abs=0.005), "one singular value ends at 0"


def test_captions_name_the_diagnosis() -> None:
    captions = " ".join(text for _, _, text in default_run("rank").captions).lower()
    assert "rank 2" in captions and "rank-deficient" in captions
    assert "one singular value falls to zero" in captions  # V loses exactly one direction


def test_edited_dependent_vector_is_followed() -> None:
    lesson = lesson_with(DEPENDENT_V3)
    result = run_with(DEPENDENT_V3)
    assert not result.problems, "\n".join(result.problems[:10])
    assert_shows(result, lesson)
    for value in last_coefficients(lesson):  # 3 and 2
        assert among(value, result.numbers), f"coefficient {value} never shown"
    old_top = singular(load_lesson())[0]
    assert not among(old_top, result.numbers), f"old largest singular value {old_top:.2f} still shown"
    assert among(singular(lesson)[0], result.final_numbers)


def test_independent_vectors_keep_full_rank() -> None:
    lesson = lesson_with(INDEPENDENT_V3)
    result = run_with(INDEPENDENT_V3)
    assert not result.problems, "\n".join(result.problems[:10])
    assert_shows(result, lesson)
    assert np.linalg.matrix_rank(np.array(lesson.V)) == 3
    assert min(singular(lesson)) > 0.1
    captions = " ".join(text for _, _, text in result.captions).lower()
    assert "full rank" in captions and "no singular value reaches zero" in captions


def test_slanted_vectors_keep_their_plane_on_screen() -> None:
    """v1 = (2, 1, 0), v2 = (0, 1, 0) and v3 = (-1, 3, 0) = -0.5·v1 + 3.5·v2: the span's patch
    lies on a slant and used to stick out of the frame; the picture is now fitted to it."""
    text = lesson_text().replace("v1 = [1, 0, 0]", "v1 = [2, 1, 0]").replace(OLD_V3, "v3 = [-1, 3, 0]")
    lesson = parse_lesson(text, "slanted.toml")
    result = run_scene(RankScene, lesson=lesson)
    assert not result.problems, "\n".join(result.problems[:10])
    assert_shows(result, lesson)
    for value in last_coefficients(lesson):
        assert among(value, result.numbers), f"coefficient {value} never shown"


def test_the_cube_lands_on_the_plane_the_vectors_span() -> None:
    """The matrix acting on the cube has v1, v2, v3 as its columns: every corner of the squashed
    cube lies in their span (the plane shown first), not on V's column space (z = 2x + y); the
    screen says which matrix it is and why."""
    from scenes.base import LessonSceneMixin

    captured = {}

    def keep(scene, _label: str) -> None:
        captured["scene"] = scene

    LessonSceneMixin.checkpoint_hooks.append(keep)
    try:
        result = run_scene(RankScene, audit=False)
    finally:
        LessonSceneMixin.checkpoint_hooks.remove(keep)
    scene, lesson = captured["scene"], load_lesson()
    vectors = np.array(list(lesson.span_vectors.values()), dtype=float)
    corners = np.array([scene.axes.p2c(point) for face in scene.cube for point in face.get_vertices()])
    coefficients, *_ = np.linalg.lstsq(vectors.T, corners.T, rcond=None)
    np.testing.assert_allclose(vectors.T @ coefficients, corners.T, atol=1e-6)
    V = np.array(lesson.V, dtype=float)
    off_v_column_space = np.abs(corners[:, 2] - (2 * corners[:, 0] + corners[:, 1]))
    assert np.any(off_v_column_space > 0.1), "the cube landed on V's column space z = 2x + y"
    assert np.linalg.matrix_rank(V) == 2
    assert {"columns: v1, v2, v3", "(A = V transposed)"} <= result.texts
    assert not any("features are" in t and "(columns)" not in t for t in result.texts)
