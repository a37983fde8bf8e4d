"""Step 4's words: what M does to the grid, x and areas; how F's columns make it flatten."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from la_core import Lesson, area_scale, linear_layer, matrix_rank
from scenes.narrative import listing, vector_text
from scenes.style import fmt


@dataclass(frozen=True)
class Transform:
    """M's image of x, its area factor and rank; F's rank and how its columns relate."""

    mx: np.ndarray
    det_m: float
    rank_m: int
    rank_f: int
    column_ratio: float | None  # F's second column = ratio × its first (None: the first is zero)


def transformation(lesson: Lesson) -> Transform:
    """What M and F do to the plane and to x."""
    flatten = np.asarray(lesson.flatten, dtype=float)
    first, second = flatten[:, 0], flatten[:, 1]
    ratio = None if not np.any(first) else float(first @ second / (first @ first))
    return Transform(mx=linear_layer(lesson.matrix, lesson.x), det_m=area_scale(lesson.matrix),
                     rank_m=matrix_rank(lesson.matrix), rank_f=matrix_rank(lesson.flatten),
                     column_ratio=ratio)


def grid_caption(rank_m: int) -> str:
    if rank_m == 2:
        return "M moves the whole grid; lines stay straight and evenly spaced"
    return "M moves the whole grid, and squashes it onto a line: M is singular"


def area_caption(det_m: float) -> str:
    if round(det_m, 2) == 0:
        return "The unit square's area is multiplied by det M = 0: it is flattened"
    if det_m < 0:
        return "det M is negative: the square is flipped over, its area scaled by |det M|"
    return "The unit square's area is multiplied by det M"


def flatten_caption(t: Transform) -> str:
    if t.column_ratio is None:
        return "A new matrix F: its first column is zero, so only its second survives"
    return f"A new matrix F: its second column is {fmt(t.column_ratio)} times its first"


def alt(lesson: Lesson) -> str:
    t = transformation(lesson)
    rows = listing([vector_text(row) for row in lesson.matrix])
    if t.rank_m < 2:
        area = "M squashes the plane onto a line, so every area becomes 0"
    elif t.det_m < 0:
        area = f"the unit square is flipped, its area scaled by {fmt(abs(t.det_m))} (det M = {fmt(t.det_m)})"
    else:
        area = f"the unit square's area is multiplied by det M = {fmt(t.det_m)}"
    columns = ("whose first column is zero" if t.column_ratio is None
               else f"whose second column is {fmt(t.column_ratio)} times its first")
    return (
        f"A grid is transformed by the 2×2 matrix M with rows {rows}: the basis arrows land on M's "
        f"columns, x = {vector_text(lesson.x)} is carried to M x = {vector_text(t.mx)}, and {area}. "
        f"Then F, {columns}, flattens the plane onto a line (rank {t.rank_f}, every area 0), and the scene "
        f"returns to M's picture."
    )
