"""Step 5's words: how many cells C has, the shape rule, and exercise 3 (Q·Kᵀ for Q, K of (5, 8))."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from la_core import Lesson, attention_scores, result_shape
from scenes.narrative import plural
from scenes.style import fmt


def pairs_caption(a_shape: Sequence[int], b_shape: Sequence[int]) -> str:
    return (f"A has {plural(a_shape[0], 'row')}, B has {plural(b_shape[1], 'column')}: "
            "C has a cell for each pair.")


def add_up_caption(inner: int) -> str:
    return "…and add the products up." if inner > 1 else "…one product only: it is the sum."


@dataclass(frozen=True)
class ExerciseThree:
    """Exercise 3: Q and K of qk_shape, the shape of Q·Kᵀ, and its largest entry read aloud."""

    q_shape: tuple[int, int]
    scores_shape: tuple[int, int]
    scores: np.ndarray
    entry: tuple[int, int]  # the largest entry (i, j), zero-based

    @property
    def value(self) -> float:
        return float(self.scores[self.entry])


def exercise_three(lesson: Lesson) -> ExerciseThree:
    """la_core's exercise_qk Q and K, their scores Q @ K.T and its shape from result_shape."""
    q, k = lesson.exercise_qk()
    scores = attention_scores(q, k)  # the lesson's scores = Q @ K.T
    shape = result_shape(q.shape, k.T.shape)
    i, j = np.unravel_index(int(np.argmax(scores)), scores.shape)
    return ExerciseThree(tuple(q.shape), tuple(shape), scores, (int(i), int(j)))


def exercise_caption(ex: ExerciseThree) -> str:
    (n, d), (rows, cols) = ex.q_shape, ex.scores_shape
    return f"Exercise 3: Q and K of shape ({n}, {d}). Q·Kᵀ is ({n}×{d})·({d}×{n}) → ({rows}×{cols})."


def entry_caption(ex: ExerciseThree) -> str:
    i, j = (v + 1 for v in ex.entry)
    return f"Entry ({i}, {j}) = {fmt(ex.value)}: how much token {i} matches token {j}."


def alt(lesson: Lesson) -> str:
    (m, k), (_, n) = lesson.a_shape, lesson.b_shape
    c_rows, c_cols = result_shape(lesson.a_shape, lesson.b_shape)
    ex = exercise_three(lesson)
    return (
        f"Each cell of C = A·B is filled in turn: a row of A is dotted with a column of B and the products "
        f"are summed. The shapes ({m}×{k})({k}×{n}) give a {c_rows}×{c_cols} result as the inner {k}s "
        f"cancel. {exercise_caption(ex)} {entry_caption(ex)}"
    )
