"""Parts of the rank picture: the cube, the plane patch around the vectors, their names and
rows as the lesson writes them, and the singular-value bars that follow the matrix on the cube."""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence

import numpy as np
from manim import DecimalMatrix, DecimalNumber, Line, Mobject, Polygon, Rectangle, Text, VGroup, always_redraw

from scenes import style
from scenes.parts import math

#: The unit cube, as corners and faces (indices into the corners); drawn scaled by `cube_side`.
CUBE_CORNERS = np.array([[i, j, k] for i in (0, 1) for j in (0, 1) for k in (0, 1)], dtype=float)
CUBE_FACES = ((0, 1, 3, 2), (4, 5, 7, 6), (0, 1, 5, 4), (2, 3, 7, 6), (0, 2, 6, 4), (1, 3, 7, 5))

PLANE_MARGIN = 0.5
BAR_MAX_HEIGHT = 2.6
BAR_WIDTH = 0.45
BARS_LEFT = 4.9  # the first bar's centre
BAR_STEP = 0.8


def patch_corners(basis: np.ndarray, points: np.ndarray) -> np.ndarray | None:
    """Corners of the plane patch (orthonormal rows `basis`) around `points`, PLANE_MARGIN wide;
    None when the basis is not a plane. The picture is fitted to these too, so the patch stays
    on screen whatever directions the lesson's vectors take."""
    if basis.shape[0] != 2:
        return None
    along = points @ basis.T  # coordinates within the plane
    low, high = along.min(axis=0) - PLANE_MARGIN, along.max(axis=0) + PLANE_MARGIN
    return np.array([
        a * basis[0] + b * basis[1]
        for a, b in ((low[0], low[1]), (high[0], low[1]), (high[0], high[1]), (low[0], high[1]))
    ])


def tex_name(name: str) -> str:
    """'v1' -> 'v_1' (subscripts written without braces so they are not read as numbers)."""
    match = re.fullmatch(r"([A-Za-z]+)(\d)", name)
    return f"{match[1]}_{match[2]}" if match else rf"\text{{{name}}}"


def decimals_for(values: np.ndarray) -> int:
    """Whole numbers are shown as the lesson writes them (no decimals); others at house decimals."""
    return 0 if np.allclose(values, np.round(values)) else style.DECIMALS


def row_vector(values: np.ndarray, color: str) -> DecimalMatrix:
    """A vector as a bracketed row of numbers."""
    matrix = DecimalMatrix(
        np.atleast_2d(values),
        element_to_mobject_config={"num_decimal_places": decimals_for(values), "font_size": style.MATH_SIZE},
        h_buff=0.75,
        bracket_h_buff=0.15,
    )
    matrix.get_entries().set_color(color)
    return matrix


def words(text: str, color: str = style.FOREGROUND, size: int = style.LABEL_SIZE) -> Text:
    return Text(text, font=style.FONT, font_size=size, color=color)


def value_bars(current: Callable[[], np.ndarray], tallest: float, pin: Callable[[Mobject], None]) -> VGroup:
    """A bar and a number per singular value, redrawn every frame from `current()` (the values of
    the matrix acting now), scaled so `tallest` fills BAR_MAX_HEIGHT; `pin` keeps a number's new
    glyphs fixed in the frame."""
    unit = BAR_MAX_HEIGHT / max(tallest, 1e-9)
    count = len(current())
    baseline_y = -2.4
    xs = [BARS_LEFT + BAR_STEP * i for i in range(count)]
    base = Line([xs[0] - 0.4, baseline_y, 0], [xs[-1] + 0.4, baseline_y, 0], color=style.MUTED)
    names = VGroup(
        *(
            math(rf"\sigma_{i + 1}", style.FOREGROUND).move_to([x, baseline_y - 0.35, 0])
            for i, x in enumerate(xs)
        )
    )
    heading = words("singular values", style.MUTED).move_to([(xs[0] + xs[-1]) / 2, baseline_y - 0.95, 0])

    def bar(i: int) -> Rectangle:
        value = float(current()[i])
        height = max(value * unit, 1e-3)
        color = style.HIGHLIGHT if i == count - 1 else style.BLUE
        return Rectangle(
            width=BAR_WIDTH, height=height, color=color, fill_color=color, fill_opacity=0.85
        ).move_to([xs[i], baseline_y + height / 2, 0])

    def follow_value(number: DecimalNumber, i: int) -> None:
        """set_value (not become) so the DecimalNumber's own value stays the one shown."""
        value = float(current()[i])
        number.set_value(value)
        pin(number)  # set_value made new glyphs
        number.move_to([xs[i], baseline_y + max(value * unit, 0) + 0.25, 0])

    bars = VGroup(*(always_redraw(lambda i=i: bar(i)) for i in range(count)))
    labels = VGroup()
    for i in range(count):
        number = DecimalNumber(0, num_decimal_places=style.DECIMALS, font_size=style.SMALL_SIZE + 4)
        number.add_updater(lambda m, i=i: follow_value(m, i), call_updater=True)
        labels.add(number)
    return VGroup(base, bars, labels, names, heading)


def cube_group(corners: Sequence[np.ndarray]) -> VGroup:
    """The cube's six faces through its eight (moved) corners, given as scene points."""
    cube = VGroup(*(Polygon(*(corners[i] for i in face), color=style.BLUISH_GREEN,
                            fill_color=style.BLUISH_GREEN, fill_opacity=0.2, stroke_width=2)
                    for face in CUBE_FACES))
    cube.view_part = "solid"  # measured by the layout audit (a flattened cube may be a line)
    return cube
