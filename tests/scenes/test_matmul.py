"""The `matmul` scene shows A, B, every cell's products and sum, C = A @ B and the shape rule,
and follows edits to [random] (seed and shapes).

Expected values are computed here with plain numpy from the lesson's seed and shapes, never
read back from the scene or from la_core's matmul helpers.
"""

from __future__ import annotations

import re
from collections import Counter
from functools import cache

import numpy as np
import pytest

from la_core import Lesson, load_lesson
from scenes.matmul import MatrixMultiply
from tests.scenes.conftest import default_run
from tests.scenes.harness import RunResult, edit_lesson, run_scene

pytestmark = pytest.mark.xdist_group("matmul")

DEFAULT_RANDOM = "seed = 0\na_shape = [2, 3]\nb_shape = [3, 4]"
EDITED_RANDOM = "seed = 3\na_shape = [3, 2]\nb_shape = [2, 4]"


def edited_lesson() -> Lesson:
    return edit_lesson({DEFAULT_RANDOM: EDITED_RANDOM})


@cache
def edited_run() -> RunResult:
    return run_scene(MatrixMultiply, lesson=edited_lesson())


def operands(lesson: Lesson) -> tuple[np.ndarray, np.ndarray]:
    """A and B as the lesson describes them: one seeded generator, A first, one decimal."""
    rng = np.random.default_rng(lesson.seed)
    a = np.round(rng.random(lesson.a_shape), 1)
    b = np.round(rng.random(lesson.b_shape), 1)
    return a, b


def rounded(values: np.ndarray | list[float], decimals: int) -> list[float]:
    return [round(float(v), decimals) for v in np.ravel(values)]


def contains_all(shown: list[float], wanted: list[float], decimals: int) -> bool:
    """Every wanted value is on screen at least as often as it occurs in `wanted`."""
    have = Counter(rounded(shown, decimals))
    return not Counter(rounded(wanted, decimals)) - have


def tex_numbers(tex: str) -> list[int]:
    return [int(n) for n in re.findall(r"\d+", tex)]


def assert_shows_lesson(result: RunResult, lesson: Lesson) -> None:
    a, b = operands(lesson)
    c = a @ b
    (m, k), n = a.shape, b.shape[1]
    for i in range(m):
        for j in range(n):
            for t in range(k):
                assert result.shows(a[i, t] * b[t, j]), f"product a[{i},{t}]·b[{t},{j}]"
            assert result.shows(c[i, j]), f"C[{i},{j}]"
    final = result.final_numbers
    assert contains_all(final, list(a.ravel()) + list(b.ravel()), 1), "A and B on the last frame"
    assert contains_all(final, list(c.ravel()), 2), "C on the last frame"
    shape_lines = [tex_numbers(t) for t in result.texts]
    assert [m, k, k, n] in shape_lines, f"(m×k)(k×n) missing: {result.texts}"
    assert [m, n] in shape_lines, f"(m×n) missing: {result.texts}"


def test_default_lesson_cells_products_and_shape_rule() -> None:
    assert_shows_lesson(default_run("matmul"), load_lesson())


def test_first_two_cells_show_their_factors_as_in_the_data() -> None:
    """The slow cells write each factor at one decimal, in row-major order of C."""
    lesson = load_lesson()
    a, b = operands(lesson)
    texts = default_run("matmul").texts
    for j in range(2):
        factors = [x for t in range(a.shape[1]) for x in (a[0, t], b[t, j])]
        expected = [round(float(x), 1) for x in factors]
        assert any(
            [float(v) for v in re.findall(r"\d+\.\d+", t)] == expected for t in texts
        ), f"cell (0, {j}) factors {expected} not written out"


def test_edited_seed_and_shapes_follow_the_data() -> None:
    edited, default = edited_lesson(), load_lesson()
    result = edited_run()
    assert not result.problems, "\n".join(result.problems[:10])
    assert 15 <= result.duration <= 40, f"{result.duration:.1f} s with a 3×4 result"
    assert_shows_lesson(result, edited)

    new_a, new_b = operands(edited)
    old_a, old_b = operands(default)
    new_c = new_a @ new_b
    explained = set(rounded(new_c, 2)) | set(rounded(new_a, 1)) | set(rounded(new_b, 1))
    explained |= {round(float(x), 2) for i in range(3) for j in range(4) for x in new_a[i] * new_b[:, j]}
    stale = [v for v in rounded(old_a @ old_b, 2) if v not in explained]
    assert stale, "the edit should change C"
    shown = set(rounded(result.numbers, 2))
    assert not [v for v in stale if v in shown], f"old C values still on screen: {stale}"


def exercise_scores(lesson: Lesson) -> np.ndarray:
    """Exercise 3's Q @ K.T: Q then K drawn from one seeded generator at qk_shape, one decimal."""
    rng = np.random.default_rng(lesson.seed)
    q = np.round(rng.random(lesson.qk_shape), 1)
    k = np.round(rng.random(lesson.qk_shape), 1)
    return q @ k.T


@pytest.mark.parametrize("edited", [False, True], ids=["shipped", "edited"])
def test_exercise_three_shows_the_shape_and_reads_the_largest_entry(edited: bool) -> None:
    """Q, K of shape (n, d): the shape rule (n×d)(d×n) → (n×n) on screen, and the largest entry of
    Q·Kᵀ highlighted and read as how much token i matches token j (the edit changes the seed)."""
    lesson = edited_lesson() if edited else load_lesson()
    result = edited_run() if edited else default_run("matmul")
    n, d = lesson.qk_shape
    assert rf"Q K^\top:\ ({n} \times {d})({d} \times {n}) \rightarrow ({n} \times {n})" in result.texts
    scores = exercise_scores(lesson)
    i, j = np.unravel_index(int(np.argmax(scores)), scores.shape)
    captions = [text for _, _, text in result.captions]
    reading = f"how much token {i + 1} matches token {j + 1}"
    assert f"Entry ({i + 1}, {j + 1}) = {scores[i, j]:.2f}: {reading}." in captions
    assert reading in result.texts
    assert any(abs(v - scores[i, j]) < 0.005 for v in result.final_numbers)


# ---------------------------------------------------------------- exercise 2 and the shapes table


def test_the_loops_are_shown_with_each_cells_i_and_j_and_end_on_the_check() -> None:
    """Every cell lights its i and j (zero-based, as the code counts); the inner loop's t steps
    through 0…k−1; the caption says it is the loops; the check is the largest |loops − A @ B|."""
    lesson = load_lesson()
    a, b = operands(lesson)
    result = default_run("matmul")
    texts = result.texts
    assert {"for i in range(m):", "            total += A[i][t] * B[t][j]"} <= texts
    for i in range(a.shape[0]):
        assert f"i = {i}" in texts
    for j in range(b.shape[1]):
        assert f"j = {j}" in texts
    for t in range(a.shape[1]):
        assert f"t = {t}" in texts
    loops = [[sum(a[i][t] * b[t][j] for t in range(a.shape[1])) for j in range(b.shape[1])] for i in range(2)]
    gap = float(np.max(np.abs(np.array(loops) - a @ b)))
    captions = " ".join(text for _, _, text in result.captions)
    assert "exercise 2's three nested loops" in captions
    exponent = int(np.floor(np.log10(gap))) if gap else 0
    written = f"{gap / 10**exponent:.1f} \\times 10^{{{exponent}}}" if gap else "0"
    assert any(written in t for t in texts), (written, [t for t in texts if "max" in t])


@pytest.mark.parametrize("edited", [False, True], ids=["shipped", "edited"])
def test_the_shapes_table_carries_the_lessons_own_instances(edited: bool) -> None:
    """king·queen (4)·(4) → 1.54; W @ king (2×4) @ (4) → (2); A @ B (m×k) @ (k×n) → (m×n)."""
    lesson = edited_lesson() if edited else load_lesson()
    texts = (edited_run() if edited else default_run("matmul")).texts
    (m, k), n = lesson.a_shape, lesson.b_shape[1]
    assert r"\text{king} \cdot \text{queen}:\ (4) \cdot (4)" in texts and "1.54" in texts
    assert r"W\,@\,\text{king}:\ (2 \times 4)\,@\,(4)" in texts and "(2)" in texts
    assert rf"A\,@\,B:\ ({m} \times {k})\,@\,({k} \times {n})" in texts and rf"({m} \times {n})" in texts
