"""Step 4's words: what M does to the grid, x and areas; how F's columns make it flatten."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from la_core import Lesson, area_scale, linear_layer, matrix_rank
from scenes.narrative import listing, vector_text
from scenes.narrative.speech import said, said_all
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


# ---------------------------------------------------------------- narration (what the voice says)

_ORDINAL = ("first", "second")
_HATS = ("i-hat", "j-hat")


def say_intro() -> str:
    return ("Let's watch a matrix move the whole plane. Here is a grid, with two basis arrows: i-hat, one "
            "step to the right, and j-hat, one step up.")


def say_matrix(lesson: Lesson) -> str:
    m = np.asarray(lesson.matrix, dtype=float)
    return (f"And here is a matrix, M, a 2 by 2 grid of numbers. Its first column is {said_all(m[:, 0])}; "
            f"its second is {said_all(m[:, 1])}. Keep an eye on those columns.")


def say_x(lesson: Lesson) -> str:
    return (f"Add a vector x, with entries {said_all(lesson.x)}, and the unit square, with area 1, to see "
            "what happens "
            "to areas.")


def say_act() -> str:
    return "Now let M act on every point of the plane at once: each point moves to M times that point."


def say_grid(t: Transform) -> str:
    if t.rank_m == 2:
        return ("Watch the grid: lines stay straight, parallel and evenly spaced, and the origin stays "
                "put. That is what makes the map linear.")
    return "The whole grid collapses onto a line: M is singular, and a whole direction is lost."


def say_column(lesson: Lesson, index: int) -> str:
    column = np.asarray(lesson.matrix, dtype=float)[:, index]
    return f"Look at the {_ORDINAL[index]} column of M: {said_all(column)}."


def say_lands(index: int) -> str:
    if index == 0:
        return ("That is exactly where i-hat lands. The columns of a matrix are where the basis arrows go, "
                "and that decides where everything else goes.")
    return "And that is exactly where j-hat lands."


def say_mx(lesson: Lesson, t: Transform) -> str:
    x0, x1 = (said(float(v)) for v in lesson.x)
    return (f"So x, which is {x0} times i-hat plus {x1} times j-hat, is carried to the same mix of the "
            f"moved arrows: M x is {said_all(t.mx)}.")


def say_area(det_m: float) -> str:
    if round(det_m, 2) == 0:
        return "The determinant of M is 0: the square is flattened, and its area becomes 0."
    if det_m < 0:
        return (f"The determinant of M is {said(det_m)}, negative: the square is flipped over, and its area "
                f"is scaled by {said(abs(det_m))}.")
    return (f"The unit square's area is multiplied by the determinant of M, {said(det_m)}. Every area in "
            "the plane scales by that same factor.")


def say_reset() -> str:
    return "Now a different matrix. First, back to the square grid we started with."


def say_flatten_matrix(t: Transform) -> str:
    if t.column_ratio is None:
        return ("Meet F. Its first column is zero, so i-hat collapses to the origin, and only the second "
                "column survives.")
    return (f"Meet F. Its second column is {said(t.column_ratio)} times its first, so both basis arrows "
            "land on the same line.")


def say_flattens() -> str:
    return "Watch: F flattens the whole plane onto one line. Every point, x included, lands on it."


def say_survives() -> str:
    return ("Only one direction survives: the rank of F is 1, and every area becomes 0. Its columns told "
            "us so before anything moved.")


def say_back() -> str:
    return "Now back to M."


def say_recap() -> str:
    return "Here is M's picture again: its columns, where x went, and how much areas grow or shrink."


def say_end() -> str:
    return ("So a matrix times a vector moves the whole space, and the matrix's columns say exactly "
            "how.")
