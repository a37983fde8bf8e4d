"""Parts of the linear_transform picture: numbers backed against the grid, its matrices and
column vectors, arrows from the picture's origin, and labels placed clear of each other at a tip.
"""

from __future__ import annotations

from typing import Any

import numpy as np
from manim import DL, DOWN, DR, LEFT, RIGHT, UL, UP, UR, DecimalMatrix, Mobject, Vector, angle_of_vector

from la_core import basis_images
from scenes import style
from scenes.base import inside_frame
from scenes.limits import FRAME_HALF_WIDTH, PICTURE_ORIGIN
from scenes.parts import number_matrix

#: Opacity of the backing behind labels, so grid lines do not cut through them.
BACKING_OPACITY = 1.0


def backed(mobject: Mobject) -> Mobject:
    """Put a dark rectangle behind a label so the grid does not run through it."""
    mobject.add_background_rectangle(color=style.BACKGROUND, opacity=BACKING_OPACITY, buff=0.1)
    return mobject


def lt_matrix(values: np.ndarray, column_colors: tuple[str, ...] = (),
              font_size: float = style.MATH_SIZE) -> DecimalMatrix:
    """This scene's matrices: wider columns (i-hat and j-hat coloured) and manim's bracket gap."""
    return number_matrix(values, font_size=font_size, h_buff=1.15, v_buff=0.6, bracket_h_buff=0.25,
                         column_colors=column_colors)


def column_vector(values: np.ndarray, color: str, font_size: float = style.MATH_SIZE) -> DecimalMatrix:
    """A vector written as a coloured column of numbers."""
    return lt_matrix(np.reshape(values, (-1, 1)), (color,), font_size)


def vector_from_origin(coordinates: Any, **kwargs: Any) -> Vector:
    """An arrow from the picture's origin to `coordinates` (grid units)."""
    return Vector(np.asarray(coordinates, dtype=float)[:2], **kwargs).shift(PICTURE_ORIGIN)


def net_rotation(matrix: np.ndarray) -> float:
    """How far M turns the plane on average (manim's path_arc for apply_matrix)."""
    images = basis_images(matrix)
    return float(np.mean([angle_of_vector(images[0]), angle_of_vector(images[1]) - np.pi / 2]))


def overlaps(a: Mobject, b: Mobject, pad: float = 0.08) -> bool:
    """True when the bounding boxes of a and b (grown by pad) intersect."""
    return bool(
        np.all(a.get_corner(DL)[:2] - pad < b.get_corner(UR)[:2])
        and np.all(b.get_corner(DL)[:2] - pad < a.get_corner(UR)[:2])
    )


def place_near_tip(label: Mobject, tip: np.ndarray, away: np.ndarray, avoid: list[Mobject]) -> Mobject:
    """Put a label just beyond an arrow tip, on the first side that is inside the frame and clear
    of the other labels (the side the arrow points to is tried first)."""
    direction = np.array([away[0], away[1], 0.0])
    length = float(np.linalg.norm(direction))
    sides = [direction / length] if length > 1e-9 else []
    sides += [UR, RIGHT, UP, DR, UL, LEFT, DOWN, DL]
    for buff in (0.2, 0.7, 1.2):  # close to the tip if there is room, else a little farther out
        for side in sides:
            label.next_to(tip, side, buff=buff)
            if inside_frame(label) and not any(overlaps(label, other) for other in avoid):
                return label
    return label.next_to(tip, sides[0], buff=0.2)


def place_along_line(text: Mobject, images: np.ndarray, avoid: list[Mobject]) -> Mobject:
    """Write `text` along the line a rank-1 map squashes the plane onto (the longer of its basis
    `images`), far out first at either end, clear of `avoid` and inside the frame; in the corner
    when the map sends everything to a point."""
    longest = images[int(np.argmax(np.linalg.norm(images, axis=1)))]
    length = float(np.linalg.norm(longest))
    if length < 1e-9:  # F is zero: the plane collapsed to a point, there is no line
        return text.to_corner(DR, buff=style.FRAME_MARGIN + 0.2)
    along = np.array([*(longest / length), 0.0])
    if along[0] < 0:
        along = -along
    angle = float(np.arctan2(along[1], along[0]))
    text.rotate(angle)
    below = np.array([along[1], -along[0], 0.0])
    farthest = FRAME_HALF_WIDTH + abs(PICTURE_ORIGIN[0])
    for reach in np.linspace(farthest, 1.5, 16):  # far out along the line first, either end
        for end in (along, -along):
            for side in (below, -below):
                text.move_to(PICTURE_ORIGIN + end * reach + side * 0.35)
                clear = not any(overlaps(text, m) for m in avoid)
                if inside_frame(text) and clear:
                    return text
    return text.rotate(-angle).to_corner(DR, buff=style.FRAME_MARGIN + 0.2)
