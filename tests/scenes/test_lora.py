"""The `lora` scene shows the parameter counts, the realistic layer's counts, the colour scale's
range and ΔW's singular values (only r non-zero), and follows edits to [lora].

Expected values are computed here with plain numpy and arithmetic; only the factors B and A
come from la_core (`lora_factors`, tested in tests/core).
"""

from __future__ import annotations

import re
from functools import cache

import numpy as np
import pytest

from la_core import Lesson, load_lesson, lora_factors
from scenes.lora import LowRankLoRA
from tests.scenes.conftest import default_run
from tests.scenes.harness import RunResult, among, edit_lesson, run_scene

pytestmark = pytest.mark.xdist_group("lora")

# r = 3 (three non-zero singular values) and a smaller realistic layer.
EDITS = {"r = 2": "r = 3", "layer_d = 4096": "layer_d = 1024"}


def edited_lesson() -> Lesson:
    return edit_lesson(EDITS)


@cache
def edited_run() -> RunResult:
    return run_scene(LowRankLoRA, lesson=edited_lesson())



def update(lesson: Lesson) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    b, a = lora_factors(lesson.lora_d, lesson.lora_k, lesson.lora_r, lesson.lora_seed)
    return b @ a, b, a


def middle_rank(lesson: Lesson) -> int:
    """The scene quotes the middle of the lesson's list of realistic ranks."""
    ranks = list(lesson.layer_ranks)
    return ranks[len(ranks) // 2]


def assert_shows_lesson(result: RunResult, lesson: Lesson) -> None:
    d, k, r = lesson.lora_d, lesson.lora_k, lesson.lora_r
    final, texts = result.final_numbers, result.texts
    assert among(d * k, final, 0) and among(r * (d + k), final, 0), "parameter counts"
    delta, b, a = update(lesson)
    everything = np.concatenate([delta.ravel(), b.ravel(), a.ravel()])
    assert among(everything.min(), final) and among(everything.max(), final), "colour scale ends"
    singular = np.linalg.svd(delta, compute_uv=False)
    for value in singular[:r]:
        assert among(value, final), f"singular value {value}"
    zeros = sum(1 for n in final if n == 0.0)
    assert zeros >= min(d, k) - r, f"{min(d, k) - r} zero singular values expected, saw {zeros} zeros"
    assert any(t.endswith(f"= {r} = r") for t in texts), "rank read-out"
    layer_rank = middle_rank(lesson)
    full, small = lesson.layer_d * lesson.layer_k, layer_rank * (lesson.layer_d + lesson.layer_k)
    assert among(full, final, 0) and among(small, final, 0), "realistic layer counts"
    layer_lines = [t for t in texts if f"{full:,}" in t]
    assert layer_lines and f"{small:,}" in layer_lines[0], (full, small, texts)
    assert f"({100 * small / full:.2f}%)" in layer_lines[0]


def test_default_lesson_numbers_are_on_the_final_frame() -> None:
    assert_shows_lesson(default_run("lora"), load_lesson())


def test_heatmaps_are_labelled_with_their_shapes() -> None:
    lesson, texts = load_lesson(), default_run("lora").texts
    d, k, r = lesson.lora_d, lesson.lora_k, lesson.lora_r
    for rows, cols in ((d, k), (d, r), (r, k)):
        assert rf"{rows} \times {cols}" in texts
    assert "cell value" in texts


def test_worked_cell_adds_up_as_printed() -> None:
    """The on-screen row·column sum, read back from the screen, equals the printed cell value."""
    lesson, result = load_lesson(), default_run("lora")
    worked = [t for t in result.texts if t.startswith(r"\text{row of }B")]
    assert len(worked) == 1, worked
    numbers = [float(n) for n in re.findall(r"-?\d+\.\d+", worked[0])]
    factors, shown = numbers[:-1], numbers[-1]
    assert len(factors) == 2 * lesson.lora_r
    products = sum(p * q for p, q in zip(factors[::2], factors[1::2], strict=True))
    assert abs(products - shown) <= 0.005 + 1e-9
    delta = update(lesson)[0]
    assert np.isclose(np.round(delta, 2), shown).any()


def test_edited_lora_section_changes_the_numbers_on_screen() -> None:
    default, edited = load_lesson(), edited_lesson()
    result = edited_run()
    assert not result.problems, "\n".join(result.problems[:10])
    assert_shows_lesson(result, edited)
    old_small = default.lora_r * (default.lora_d + default.lora_k)
    assert not among(old_small, result.numbers, 0)
    assert not any(f"{default.layer_d * default.layer_k:,}" in t for t in result.texts)
    assert not any(t.endswith(f"= {default.lora_r} = r") for t in result.texts)


def test_a_large_update_fits_and_its_zero_singular_values_share_one_label() -> None:
    """d = k = 16, r = 4: the equation is scaled into its half, and the twelve zero singular
    values (too narrow for a number each) share one "0.00"; the four others are each shown."""
    lesson = edit_lesson({"d = 8": "d = 16", "k = 6": "k = 16", "r = 2": "r = 4"})
    result = run_scene(LowRankLoRA, lesson=lesson)
    assert not result.problems, "\n".join(result.problems[:10])
    delta, _, _ = update(lesson)
    singular = np.linalg.svd(delta, compute_uv=False)
    for value in singular[:4]:
        assert among(value, result.final_numbers), f"singular value {value}"
    assert np.allclose(singular[4:], 0.0, atol=1e-9)
    assert sum(1 for n in result.final_numbers if n == 0.0) >= 1
    assert r"\sigma_{16}" in result.texts and r"\sigma_{10}" not in result.texts
    assert among(16 * 16, result.final_numbers, 0) and among(4 * (16 + 16), result.final_numbers, 0)
