"""The `conditioning` scene lights the four rows of Step 3's diagnosis table with their ranks and
condition numbers, solves each example (one best w; two equally good w and ridge's pick; the
scaled columns; the swing under a nudge and ridge's calm) and follows edits to [conditioning].

Expected values are computed here with plain numpy and scipy, not with la_core or the narrative.
"""

from __future__ import annotations

from functools import cache

import numpy as np
import pytest
import scipy.linalg

from la_core import Lesson, load_lesson
from scenes.conditioning import ConditioningScene
from tests.scenes.conftest import default_run
from tests.scenes.harness import RunResult, among, edit_lesson, run_scene

pytestmark = pytest.mark.xdist_group("conditioning")

# The nearly dependent column off by 0.00002 instead of 0.0001 (condition number about 450,000),
# a 2 % nudge and a stronger ridge.
EDITS = {"[1.0, 1.0, 2.0001]]": "[1.0, 1.0, 2.00002]]", "nudge = 0.01": "nudge = 0.02",
         "alpha = 0.01": "alpha = 0.1"}


def edited_lesson() -> Lesson:
    return edit_lesson(EDITS)


@cache
def edited_run() -> RunResult:
    return run_scene(ConditioningScene, lesson=edited_lesson())


def examples(lesson: Lesson) -> dict[str, np.ndarray]:
    return {name: np.array(m, dtype=float) for name, m in lesson.situation_matrices.items()}


def ridge(a: np.ndarray, y: np.ndarray, alpha: float) -> np.ndarray:
    return scipy.linalg.solve(a.T @ a + alpha * np.eye(a.shape[1]), a.T @ y)


def swing(lesson: Lesson) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    nearly, y = examples(lesson)["ill-conditioned"], np.array(lesson.fit_targets)
    u, _, _ = np.linalg.svd(nearly)
    weakest = u[:, -1] * np.sign(u[np.argmax(np.abs(u[:, -1])), -1])
    moved = y + lesson.nudge_share * np.linalg.norm(y) * weakest
    return (np.linalg.solve(nearly, y), np.linalg.solve(nearly, moved), ridge(nearly, y, lesson.ridge_alpha),
            ridge(nearly, moved, lesson.ridge_alpha))


def assert_shows(result: RunResult, lesson: Lesson) -> None:
    matrices, y = examples(lesson), np.array(lesson.fit_targets)
    texts, numbers, final = result.texts, result.numbers, result.final_numbers
    for name, matrix in matrices.items():
        rank = np.linalg.matrix_rank(matrix)
        assert f"{rank} of {min(matrix.shape)}" in texts, f"{name}: rank {rank}"
        for value in matrix.ravel():
            assert among(value, numbers, 5), f"{name}: entry {value} never shown"
    cond = np.linalg.cond(matrices["full rank"])
    assert among(cond, final), f"condition number {cond:.2f} of the full-rank example"
    big = np.linalg.cond(matrices["ill-conditioned"])
    assert f"{big:,.0f}" in texts and big > 1e4
    assert sum(t == "∞" for t in texts) >= 1  # rank-deficient and rank 1
    full = matrices["full rank"]
    for value in scipy.linalg.solve(full, y):
        assert among(value, numbers), f"full-rank weight {value}"
    deficient = matrices["rank-deficient"]
    shortest = scipy.linalg.pinv(deficient) @ y
    for value in [*shortest, *ridge(deficient, y, lesson.ridge_alpha)]:
        assert among(value, numbers), f"rank-deficient weight {value}"
    for weights in swing(lesson):
        for value in weights:
            assert among(value, final), f"ill-conditioned weight {value}"
    before, after, _, _ = swing(lesson)
    assert among(np.linalg.norm(after - before), final), "the swing"


def test_default_lesson_numbers_are_on_screen() -> None:
    assert_shows(default_run("conditioning"), load_lesson())


def test_two_different_weights_fit_equally_well() -> None:
    lesson, result = load_lesson(), default_run("conditioning")
    deficient, y = examples(lesson)["rank-deficient"], np.array(lesson.fit_targets)
    null = scipy.linalg.null_space(deficient)[:, 0]
    other = scipy.linalg.pinv(deficient) @ y + null * np.sign(null[np.argmax(np.abs(null))])
    assert np.linalg.norm(deficient @ other - y) < 1e-9  # y lies in the column space: both exact
    for value in other:
        assert among(value, result.numbers), f"second weight vector entry {value}"
    captions = " ".join(text for _, _, text in result.captions)
    assert "fit equally well" in captions and "both fit exactly" in captions


def test_rank_one_columns_are_multiples_of_the_first() -> None:
    lesson, result = load_lesson(), default_run("conditioning")
    one = examples(lesson)["rank 1"]
    for j in range(1, one.shape[1]):
        multiple = one[:, j] @ one[:, 0] / (one[:, 0] @ one[:, 0])
        assert np.allclose(one[:, j], multiple * one[:, 0])
        assert f"column {j + 1} = {multiple:.2f} × column 1".replace("-", "\u2212") in result.texts


def test_the_nudge_swings_the_plain_solve_and_ridge_calms_it() -> None:
    lesson, result = load_lesson(), default_run("conditioning")
    before, after, ridge_before, ridge_after = swing(lesson)
    assert np.linalg.norm(after - before) > 100 * np.linalg.norm(before)
    assert np.linalg.norm(ridge_after - ridge_before) < 0.01
    captions = " ".join(text for _, _, text in result.captions)
    assert "Nudge y by 1 %" in captions and "Same fix: regularize" in captions


def test_an_edited_example_nudge_and_alpha_are_followed() -> None:
    lesson, result = edited_lesson(), edited_run()
    assert not result.problems, "\n".join(result.problems[:10])
    assert_shows(result, lesson)
    assert among(2.00002, result.numbers, 5)
    captions = " ".join(text for _, _, text in result.captions)
    assert "Nudge y by 2 %" in captions and "α = 0.1 " in captions
    old = swing(load_lesson())[1]
    assert not any(among(v, result.numbers) for v in old), "the old swung weights are still shown"


def test_huge_swung_weights_stay_in_their_columns() -> None:
    """A nudged solve in the millions made the weight columns run into X and each other (found by
    scripts/edit_sweep.py); each column is now scaled into its slot, clear of X."""
    from scenes import conditioning as scene
    from scenes.narrative.conditioning import table

    lesson = edit_lesson({"[1.0, 1.0, 2.0001]]": "[1.0, 1.0, 2.00001]]", "y = [1.0, 2.0, 3.0]":
                          "y = [-90.0, 2.5, 33.0]"})
    t = table(lesson)
    assert np.abs(t.swing.before).max() > 1e6
    x = scene.ConditioningScene._example(None, t, 3)
    columns = [scene.weight_column(w, "w").move_to([where, scene.WORK_Y, 0])
               for w, where in zip((t.swing.before, t.swing.after), scene.WEIGHTS_X, strict=False)]
    ridge = scene.ConditioningScene._ridge(None, t, *columns)[0]
    assert columns[0].get_left()[0] - x.get_right()[0] > 0.3
    assert columns[1].get_left()[0] - columns[0].get_right()[0] > 0.3
    assert ridge.get_left()[0] - columns[1].get_right()[0] > 0.2


def test_the_ill_conditioned_row_says_what_the_picture_shows() -> None:
    """The picture nudges y and watches w swing: the table's cell says so (not "input noise")."""
    texts = default_run("conditioning").texts
    row = [t for t in texts if "same fix: regularize" in t]
    assert row and all("nudge to y" in t and "swing in w" in t for t in row), row
    captions = " ".join(text for _, _, text in default_run("conditioning").captions)
    assert "Nudge y" in captions and "the weights swing" in captions
