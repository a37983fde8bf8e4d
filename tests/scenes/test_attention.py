"""The `attention` scene shows Q, K, the scores Q Kᵀ, the scaled scores, the softmax weights
(rows summing to 1) and the causal weights; cell numbers stay readable and on top of their
cells; token labels keep their word colours; and everything follows an edit to a word vector.

Expected values are computed here with plain numpy (own softmax and mask), never read back from
the scene or from la_core's attention functions.
"""

from __future__ import annotations

import re
from collections import Counter
from functools import cache

import numpy as np
import pytest
from manim import DecimalNumber, Square, Text

from la_core import Lesson, load_lesson
from scenes import style
from scenes.attention import AttentionScene
from scenes.base import LessonSceneMixin
from tests.scenes.conftest import default_run
from tests.scenes.harness import RunResult, edit_lesson, run_scene

pytestmark = pytest.mark.xdist_group("attention")

OLD_KING = "king  = [0.9, 0.8, 0.1, 0.7]"
NEW_KING = "king  = [0.4, 0.8, 0.6, 0.7]"
MIN_CONTRAST = 4.0  # WCAG contrast ratio between a cell's number and its fill


def edited_lesson() -> Lesson:
    return edit_lesson({OLD_KING: NEW_KING})


# ---------------------------------------------------------------- independent references


def queries_and_keys(lesson: Lesson) -> tuple[np.ndarray, np.ndarray]:
    q = np.array([lesson.words[token] for token in lesson.query_tokens], dtype=float)
    k = np.array([lesson.words[token] for token in lesson.key_tokens], dtype=float)
    return q, k


def row_softmax(x: np.ndarray) -> np.ndarray:
    e = np.exp(x - x.max(axis=1, keepdims=True))
    return e / e.sum(axis=1, keepdims=True)


def expected(lesson: Lesson) -> dict[str, np.ndarray]:
    q, k = queries_and_keys(lesson)
    scores = q @ k.T
    scaled = scores / np.sqrt(q.shape[1])
    future = np.triu(np.ones_like(scaled, dtype=bool), k=1)
    return {
        "Q": q,
        "K": k,
        "scores": scores,
        "scaled": scaled,
        "weights": row_softmax(scaled),
        "causal": row_softmax(np.where(future, -np.inf, scaled)),
    }


# ---------------------------------------------------------------- what a viewer sees


def relative_luminance(hex_color: str) -> float:
    def channel(c: int) -> float:
        c = c / 255
        return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4

    r, g, b = (int(hex_color[i : i + 2], 16) for i in (1, 3, 5))
    return 0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b)


def contrast(a: str, b: str) -> float:
    low, high = sorted((relative_luminance(a), relative_luminance(b)))
    return (high + 0.05) / (low + 0.05)


def readability_problems(scene: LessonSceneMixin, label: str) -> list[str]:
    """Cell numbers that are hidden under their cell or too low in contrast with its fill."""
    family = scene.get_mobject_family_members()
    # the camera draws in family order, stably sorted by z_index
    draw_rank = {id(m): rank for rank, m in enumerate(sorted(family, key=lambda m: m.z_index))}
    cells = [m for m in family if isinstance(m, Square) and m.get_fill_opacity() > 0.9 and m.width > 0.5]
    numbers = [m for m in family if isinstance(m, DecimalNumber) and m.get_fill_opacity() > 0.05]
    problems = []
    for number in numbers:
        for cell in cells:
            if np.linalg.norm(number.get_center() - cell.get_center()) > cell.width / 4:
                continue
            fill, ink = cell.get_fill_color().to_hex(), number.get_color().to_hex()
            glyph = next(m for m in number.get_family() if len(m.points))
            if draw_rank[id(glyph)] < draw_rank[id(cell)]:
                problems.append(f"{label}: {number.number:.2f} is drawn under its cell")
            if contrast(fill, ink) < MIN_CONTRAST:
                ratio = contrast(fill, ink)
                problems.append(f"{label}: {number.number:.2f} {ink} on {fill}: contrast {ratio:.1f}")
    return problems


def token_colour_problems(scene: LessonSceneMixin, label: str) -> list[str]:
    names = scene.lesson.word_names
    tokens = set(scene.lesson.query_tokens) | set(scene.lesson.key_tokens)
    problems = []
    for mob in scene.get_mobject_family_members():
        if isinstance(mob, Text) and mob.original_text in tokens:
            want = style.word_color(mob.original_text, names).upper()
            if mob.get_color().to_hex().upper() != want:
                problems.append(f"{label}: token {mob.original_text!r} is not in its word colour {want}")
    return problems


@cache
def edited_run() -> tuple[RunResult, tuple[str, ...]]:
    """The edited lesson, with the readability and token-colour checks at every checkpoint."""
    problems: list[str] = []

    def check(scene: LessonSceneMixin, label: str) -> None:
        problems.extend(readability_problems(scene, label) + token_colour_problems(scene, label))

    LessonSceneMixin.checkpoint_hooks.append(check)
    try:
        result = run_scene(AttentionScene, lesson=edited_lesson())
    finally:
        LessonSceneMixin.checkpoint_hooks.remove(check)
    return result, tuple(problems)


def shown_at(values: np.ndarray, numbers: list[float], decimals: int = 2) -> list[float]:
    """The values (rounded as displayed) that are missing from `numbers`."""
    have = Counter(round(n, decimals) for n in numbers)
    want = Counter(round(float(v), decimals) for v in np.ravel(values))
    return sorted((want - have).elements())


def assert_shows_lesson(result: RunResult, lesson: Lesson) -> None:
    want = expected(lesson)
    every = result.numbers
    assert not shown_at(want["Q"], every, 1) and not shown_at(want["K"], every, 1), "Q and K entries"
    for stage in ("scores", "scaled", "weights", "causal"):
        assert not shown_at(want[stage], every), f"{stage}: missing {shown_at(want[stage], every)}"
    for stage in ("scores", "scaled"):  # the colour scale's ends at each stage (and in its cells)
        ends = [want[stage].min(), want[stage].min(), want[stage].max(), want[stage].max()]
        assert not shown_at(np.array(ends), every), f"{stage}: colour scale ends {ends}"
    final = result.final_numbers
    assert not shown_at(want["weights"], final), "weights on the last frame"
    assert not shown_at(want["causal"], final), "causal weights on the last frame"
    rows = len(lesson.query_tokens)
    row_sums = np.concatenate([want["weights"].sum(axis=1), want["causal"].sum(axis=1)])
    assert np.allclose(row_sums, 1.0) and not shown_at(row_sums, final), f"{2 * rows} row sums of 1.00"
    d = want["Q"].shape[1]
    assert any(re.search(rf"d = {d}\b", t) for t in result.texts), f"√d with d = {d}"


def test_default_lesson_every_stage_is_on_screen() -> None:
    assert_shows_lesson(default_run("attention"), load_lesson())


def test_edited_word_vector_changes_every_stage() -> None:
    edited, default = edited_lesson(), load_lesson()
    result, _ = edited_run()
    assert not result.problems, "\n".join(result.problems[:10])
    assert_shows_lesson(result, edited)
    new, old = expected(edited), expected(default)
    explained = {round(float(v), 2) for key in new for v in np.ravel(new[key])}
    stale = [round(float(v), 2) for v in np.ravel(old["scores"]) if round(float(v), 2) not in explained]
    assert stale, "the edit should change the scores"
    shown = {round(n, 2) for n in result.numbers}
    assert not [v for v in stale if v in shown], f"old scores still on screen: {stale}"


def test_cell_numbers_readable_and_tokens_in_word_colours() -> None:
    _, problems = edited_run()
    assert not problems, "\n".join(problems[:10])


def test_the_shapes_of_q_k_and_the_scores_are_written() -> None:
    """Q (3×4) and K (3×4) over their matrices, and scores = Q Kᵀ: (3×4)(4×3) → (3×3); an edited
    lesson with two keys writes its own (the scores become 3×2)."""
    texts = default_run("attention").texts
    assert {r"Q\ (3 \times 4)", r"K\ (3 \times 4)"} <= texts
    assert r"\text{scores} = Q K^\top:\ (3 \times 4)(4 \times 3) \to (3 \times 3)" in texts
    edited = edit_lesson({'keys = ["king", "queen", "apple"]': 'keys = ["apple", "king"]'})
    texts = run_scene(AttentionScene, lesson=edited, audit=False).texts
    assert r"K\ (2 \times 4)" in texts
    assert r"\text{scores} = Q K^\top:\ (3 \times 4)(4 \times 2) \to (3 \times 2)" in texts
