"""Step 5's words: how many cells C has, and the shape rule."""

from __future__ import annotations

from collections.abc import Sequence

from la_core import Lesson, result_shape
from scenes.narrative import plural


def pairs_caption(a_shape: Sequence[int], b_shape: Sequence[int]) -> str:
    return (f"A has {plural(a_shape[0], 'row')}, B has {plural(b_shape[1], 'column')}: "
            "C has a cell for each pair.")


def add_up_caption(inner: int) -> str:
    return "…and add the products up." if inner > 1 else "…one product only: it is the sum."


def alt(lesson: Lesson) -> str:
    (m, k), (_, n) = lesson.a_shape, lesson.b_shape
    c_rows, c_cols = result_shape(lesson.a_shape, lesson.b_shape)
    return (
        f"Each cell of C = A·B is filled in turn: a row of A is dotted with a column of B and the products "
        f"are summed. The shapes ({m}×{k})({k}×{n}) give a {c_rows}×{c_cols} result as the inner {k}s cancel."
    )
