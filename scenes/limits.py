"""The limits of what the scenes can draw, checked when a lesson loads (no manim import).

la_core refuses data no scene could show truthfully; these checks refuse data a particular
picture cannot hold at its fixed scale, so `la-render` stops before any job with one line naming
the key, rather than failing halfway through a render.
"""

from __future__ import annotations

from typing import Any

import numpy as np

from la_core import LessonDataError, basis_images, linear_layer
from scenes import style

# -- linear_transform: the plane is drawn one grid unit per scene unit, right of the text column
FRAME_HALF_WIDTH = 7.11 - style.FRAME_MARGIN
FRAME_HALF_HEIGHT = 4.0 - style.FRAME_MARGIN
#: Where the plane's origin sits on screen. The text column fills the left of the frame, so the
#: picture is centred right of it: arrows that point left (-I, a quarter turn) stay in view.
PICTURE_ORIGIN = np.array([2.0, -0.25, 0.0])
#: The plane is drawn one grid unit per scene unit (manim's LinearTransformationScene), so the
#: points the scene draws must lie this far inside the frame (room for the label at a tip).
TIP_ROOM = 0.6


def drawable_box() -> tuple[np.ndarray, np.ndarray]:
    """(low, high) corners, in grid units, of where an arrow tip may be drawn."""
    room = np.array([FRAME_HALF_WIDTH - TIP_ROOM, FRAME_HALF_HEIGHT - TIP_ROOM])
    return -room - PICTURE_ORIGIN[:2], room - PICTURE_ORIGIN[:2]


def check_drawable(lesson: Any) -> None:
    """Refuse, naming the lesson key, data whose arrows would leave the picture.

    x, the columns of M and F (where i-hat and j-hat land) and M x, F x are drawn at a fixed
    scale; an edit that sends one off screen is bad input, not a video with a missing arrow.
    """
    x = np.asarray(lesson.x, dtype=float)
    drawn = {
        "[transform].x": [x],
        "[transform].matrix": [*basis_images(lesson.matrix), linear_layer(lesson.matrix, x)],
        "[transform].flatten": [*basis_images(lesson.flatten), linear_layer(lesson.flatten, x)],
    }
    low, high = drawable_box()
    for key, points in drawn.items():
        for point in points:
            if np.any(point < low) or np.any(point > high):
                raise LessonDataError(
                    lesson.source, key,
                    f"this scene would draw an arrow to ({style.fmt(point[0])}, {style.fmt(point[1])}), "
                    f"outside its picture ({style.fmt(low[0])} <= x <= {style.fmt(high[0])}, "
                    f"{style.fmt(low[1])} <= y <= {style.fmt(high[1])} grid units); use smaller entries",
                )


def check_lesson(lesson: Any) -> None:
    """Raise LessonDataError when a scene's picture cannot hold the lesson's data."""
    check_drawable(lesson)
