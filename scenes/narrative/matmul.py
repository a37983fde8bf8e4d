"""Step 5's words: how many cells C has, the shape rule, and exercise 3 (Q·Kᵀ for Q, K of (5, 8))."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from la_core import Lesson, attention_scores, dot, result_shape
from la_core.matrices import MatmulStep
from scenes.narrative import plural
from scenes.narrative.speech import by, said
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


# ---------------------------------------------------------------- narration (what the voice says)


def say_intro() -> str:
    return ("Multiplying two matrices sounds like a new operation. It is not: it is the dot product "
            "again, done for every row of one and every column of the other.")


def say_pairs(a_shape: Sequence[int], b_shape: Sequence[int]) -> str:
    return (f"A has {plural(a_shape[0], 'row')} and B has {plural(b_shape[1], 'column')}. The answer, C, "
            "gets one cell for every pair of a row of A and a column of B.")


def say_take(step: MatmulStep, first: bool) -> str:
    where = f"row {step.i + 1} of A and column {step.j + 1} of B"
    if first:
        return f"Take {where}. Each holds {plural(len(step.row), 'number')}."
    return f"Next, {where}."


def say_multiply(inner: int) -> str:
    if inner == 1:
        return "Each holds a single number, so there is just one product."
    return ("Multiply them entry by entry: first with first, second with second, just as we did for "
            "two words.")


def say_add(step: MatmulStep) -> str:
    if len(step.row) == 1:
        return f"With a single product, that product is the sum: {said(step.value)}."
    return f"Then add the {len(step.row)} products up: {said(step.value)}."


def say_cell(step: MatmulStep, slow: bool) -> str:
    where = f"row {step.i + 1}, column {step.j + 1}"
    if slow:
        return f"That one number goes into C, at {where}. One cell, one dot product."
    return f"Same again for {where}: {said(step.value)}."


def say_rest() -> str:
    return "The rest go faster: the same multiply and add, for every remaining cell."


def say_every_cell() -> str:
    return ("Every cell of C is one dot product, a row of A against a column of B. Matrix multiplication "
            "is a whole batch of dot products done at once.")


def say_shapes(rows: int | str, inner: int | str, cols: int | str) -> str:
    return f"Now the shapes: A is {by(rows, inner)}, and B is {by(inner, cols)}."


def say_inner() -> str:
    return ("The inner sizes must match, because a row of A has to be as long as a column of B before "
            "you can take their dot product.")


def say_cancel(rows: int | str, cols: int | str) -> str:
    return f"The inner sizes cancel, and what is left is the shape of C: {by(rows, cols)}."


def say_rule() -> str:
    return ("In general, the cell in row i and column j of C is row i of A dotted with column j of B. "
            "That one sentence is all of matrix multiplication.")


def say_exercise(ex: ExerciseThree) -> str:
    (n, d), (rows, cols) = ex.q_shape, ex.scores_shape
    return (f"The lesson's exercise three: Q and K both have shape {by(n, d)}. Q times K transposed is "
            f"{by(n, d)} times {by(d, n)}, which gives {by(rows, cols)}: one score for every pair of "
            "tokens.")


def say_entry(ex: ExerciseThree) -> str:
    i, j = (v + 1 for v in ex.entry)
    return (f"The largest entry sits in row {i}, column {j}: {said(ex.value)}. It is query {i} dotted "
            f"with key {j}, so it says how much token {i} matches token {j}. That is exactly what attention "
            "computes next.")


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


@dataclass(frozen=True)
class TableSizes:
    """The shapes table's instances in this lesson: a·b, W @ a and A @ B, with la_core's results."""

    a: str
    b: str
    value: float  # a·b
    k: int  # a word's length
    w: tuple[int, int]
    ab: tuple[int, int, int]  # A is (m × inner), B is (inner × n)
    c: tuple[int, int]  # A @ B's shape


def table_sizes(lesson: Lesson) -> TableSizes:
    (k,) = lesson.words[lesson.dot_a].shape
    (m, inner), (_, n) = lesson.a_shape, lesson.b_shape
    return TableSizes(lesson.dot_a, lesson.dot_b, dot(lesson.words[lesson.dot_a], lesson.words[lesson.dot_b]),
                      k, lesson.W.shape, (m, inner, n), result_shape(lesson.a_shape, lesson.b_shape))


def table_caption(lesson: Lesson) -> str:
    t = table_sizes(lesson)
    (m, inner, n), (w_rows, w_cols) = t.ab, t.w
    return (f"The shapes table, with the lesson's own: {t.a}·{t.b} is ({t.k})·({t.k}) → {fmt(t.value)}; "
            f"W @ {t.a} is ({w_rows}×{w_cols}) @ ({t.k}) → ({w_rows}); "
            f"A @ B is ({m}×{inner}) @ ({inner}×{n}) → ({t.c[0]}×{t.c[1]}).")


def say_table(lesson: Lesson) -> str:
    """The shapes table as a voice walks through it: each row's rule with the lesson's instance."""
    t = table_sizes(lesson)
    (m, inner, n), (w_rows, w_cols) = t.ab, t.w
    return (f"Here is the lesson's shapes table, filled in with its own data. {t.a.capitalize()} dot {t.b}: "
            f"{t.k} numbers against {t.k} numbers gives one number, {said(t.value)}. W times {t.a}: "
            f"{by(w_rows, w_cols)} times a list of {t.k} gives a list of {w_rows}. And A times B: "
            f"{by(m, inner)} times {by(inner, n)} gives {by(*t.c)}. The inner sizes must match, and they "
            "disappear.")
