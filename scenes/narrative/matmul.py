"""Step 5's words: how many cells C has, the shape rule, and exercise 3 (Q·Kᵀ for Q, K of (5, 8))."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from la_core import Lesson, attention_scores, dot, result_shape
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


# ---------------------------------------------------------------- exercise 2 and the shapes table

LOOPS = ("for i in range(m):", "    for j in range(n):", "        total = 0.0",
         "        for t in range(k):", "            total += A[i][t] * B[t][j]", "        C[i][j] = total")
LOOP_LINES = {"i": 0, "j": 1, "t": 3}  # the line of each loop variable


def loops_caption() -> str:
    return "This is exercise 2's three nested loops: i picks the row, j the column, t walks along both."


def check_text(difference: float) -> str:
    """The largest |loops − A @ B| as written on screen (MathTex)."""
    if difference == 0:
        return "0"
    exponent = int(np.floor(np.log10(difference)))
    return rf"{difference / 10**exponent:.1f} \times 10^{{{exponent}}}"


def check_caption(difference: float) -> str:
    if difference == 0:
        return "The loops match A @ B exactly: the largest difference is 0."
    exponent = int(np.floor(np.log10(difference)))
    power = str(exponent).translate(str.maketrans("-0123456789", "⁻⁰¹²³⁴⁵⁶⁷⁸⁹"))
    return (f"The loops match A @ B: the largest difference is {difference / 10**exponent:.1f} × 10{power}, "
            "rounding in the last digit only.")


@dataclass(frozen=True)
class ShapeRow:
    """One row of Step 5's shapes table, with the lesson's own instance of it."""

    operation: str
    shapes: str  # MathTex, general
    result: str  # MathTex, general
    intuition: str
    instance: str  # MathTex: the lesson's own operands and shapes
    instance_result: str  # MathTex


def shapes_table(lesson: Lesson) -> tuple[ShapeRow, ShapeRow, ShapeRow]:
    """The lesson's table: a·b with [dot_product]'s pair (la_core's dot), W @ a with [projection]'s W
    and A @ B with [random]'s shapes (la_core's result_shape for both)."""
    a, b = lesson.dot_a, lesson.dot_b
    va = lesson.words[a]
    (k,) = va.shape
    w_shape, (m, inner), (_, n) = lesson.W.shape, lesson.a_shape, lesson.b_shape
    (rows,) = result_shape(w_shape, va.shape)
    c_rows, c_cols = result_shape(lesson.a_shape, lesson.b_shape)
    value = dot(va, lesson.words[b])
    return (
        ShapeRow("Dot product", r"(k) \cdot (k)", r"\text{scalar}", "one similarity score",
                 rf"\text{{{a}}} \cdot \text{{{b}}}:\ ({k}) \cdot ({k})", fmt(value).replace("\u2212", "-")),
        ShapeRow("Matrix × vector", r"(m \times k)\,@\,(k)", "(m)", "transform one vector",
                 rf"W\,@\,\text{{{a}}}:\ ({w_shape[0]} \times {w_shape[1]})\,@\,({k})", f"({rows})"),
        ShapeRow("Matrix × matrix", r"(m \times k)\,@\,(k \times n)", r"(m \times n)",
                 "all row·column scores at once",
                 rf"A\,@\,B:\ ({m} \times {inner})\,@\,({inner} \times {n})", rf"({c_rows} \times {c_cols})"),
    )


def table_caption(lesson: Lesson) -> str:
    value = fmt(dot(lesson.words[lesson.dot_a], lesson.words[lesson.dot_b]))
    (k,) = lesson.words[lesson.dot_a].shape
    w_rows, w_cols = lesson.W.shape
    (m, inner), (_, n) = lesson.a_shape, lesson.b_shape
    c_rows, c_cols = result_shape(lesson.a_shape, lesson.b_shape)
    a, b = lesson.dot_a, lesson.dot_b
    return (f"The shapes table, with the lesson's own: {a}·{b} is ({k})·({k}) → {value}; "
            f"W @ {lesson.dot_a} is ({w_rows}×{w_cols}) @ ({k}) → ({w_rows}); "
            f"A @ B is ({m}×{inner}) @ ({inner}×{n}) → ({c_rows}×{c_cols}).")
