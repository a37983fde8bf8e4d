"""Arrows from the origin with their labels placed clear of each other, for 2-D views of words.

The vectors scene and the linear layer both draw words as arrows in a plane; a label sits by its
tip where it covers no other label, arrow or axis (close words point almost the same way, so
their labels must not both sit at the ends of their arrows).
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
from manim import DOWN, LEFT, RIGHT, UP, Arrow, Axes, Mobject

from scenes import style
from scenes.base import inside_frame

LABEL_GAP = 0.12
#: Distances from an arrow tip to its label, nearest first (farther only when nearer spots clash).
LABEL_REACH = (LABEL_GAP, LABEL_GAP + 0.35, LABEL_GAP + 0.7)


def axes_around(coords: np.ndarray, center: np.ndarray, size: tuple[float, float], pad: float) -> Axes:
    """Axes through the origin with equal units on both axes, framing every point of `coords` in
    a box of `size` at `center`, with `pad` (a share of the data span) left empty around them."""
    low = np.minimum(coords.min(axis=0), 0.0)
    high = np.maximum(coords.max(axis=0), 0.0)
    span = high - low
    low, high = low - pad * span.max(), high + pad * span.max()
    span = high - low
    unit = min(size[0] / span[0], size[1] / span[1])
    axes = Axes(
        x_range=[low[0], high[0], span[0]],
        y_range=[low[1], high[1], span[1]],
        x_length=span[0] * unit,
        y_length=span[1] * unit,
        tips=False,
        axis_config={"include_ticks": False, "color": style.GRID, "stroke_width": 2},
    )
    return axes.move_to(center)


def _boxes_overlap(a: Mobject, b: Mobject, gap: float) -> bool:
    return not (
        a.get_right()[0] + gap < b.get_left()[0]
        or b.get_right()[0] + gap < a.get_left()[0]
        or a.get_top()[1] + gap < b.get_bottom()[1]
        or b.get_top()[1] + gap < a.get_bottom()[1]
    )


def _touches_segment(box: Mobject, start: np.ndarray, end: np.ndarray, gap: float) -> bool:
    """True if the segment start→end passes through the box (grown by gap)."""
    x0, y0 = box.get_left()[0] - gap, box.get_bottom()[1] - gap
    x1, y1 = box.get_right()[0] + gap, box.get_top()[1] + gap
    for t in np.linspace(0.0, 1.0, 60):
        x, y, _ = start + t * (end - start)
        if x0 <= x <= x1 and y0 <= y <= y1:
            return True
    return False


Segment = tuple[np.ndarray, np.ndarray]


def _clash(text: Mobject, tip: np.ndarray, direction: np.ndarray, placed: Sequence[Mobject],
           arrows: Sequence[Arrow], axis_lines: Sequence[Segment], buff: float = LABEL_GAP) -> int:
    """Move the label next to the tip in `direction`; score what it hits (0 = nothing)."""
    text.next_to(tip, direction / np.linalg.norm(direction), buff=buff)
    labels_hit = sum(_boxes_overlap(text, other, LABEL_GAP) for other in placed)
    arrows_hit = sum(_touches_segment(text, a.get_start(), a.get_end(), LABEL_GAP) for a in arrows)
    axes_hit = sum(_touches_segment(text, *line, 0.0) for line in axis_lines)
    return 1000 * (not inside_frame(text)) + 100 * labels_hit + 10 * arrows_hit + axes_hit


def _spot_badness(text: Mobject, tip: np.ndarray, spot: tuple[np.ndarray, int], placed: Sequence[Mobject],
                  arrows: Sequence[Arrow], axis_lines: Sequence[Segment]) -> tuple[int, int, int]:
    """Off the frame or over a label first; then nearer the tip; then arrows and axes hit."""
    direction, reach = spot
    score = _clash(text, tip, direction, placed, arrows, axis_lines, LABEL_REACH[reach])
    return score // 100, reach, score


def place_labels(labels: Sequence[Mobject], arrows: Sequence[Arrow], axes: Axes) -> None:
    """Put each label by its arrow's tip where it hits no other label, no arrow and no axis.

    Tried in order: beyond the tip, then the sides; king and queen point almost the same way, so
    their labels must not both sit at the end of the arrow. A label moves farther out
    (LABEL_REACH) only when every spot nearer the tip leaves the frame or covers another label.
    If every spot hits something, the least bad one wins (leaving the frame is worst, then
    another label, then an arrow; an axis line is least bad).
    """
    axis_lines = [(axis.get_start(), axis.get_end()) for axis in (axes.x_axis, axes.y_axis)]
    placed: list[Mobject] = []
    for text, arrow in zip(labels, arrows, strict=True):
        start, tip = arrow.get_start(), arrow.get_end()
        length = float(np.linalg.norm(tip - start))
        ahead = (tip - start) / length if length > 1e-9 else UP  # a word sent to the origin: label above
        across = np.array([-ahead[1], ahead[0], 0.0])
        directions = [ahead, across, -across, ahead + across, ahead - across, UP, DOWN, RIGHT, LEFT]
        spots = [(direction, reach) for reach in range(len(LABEL_REACH)) for direction in directions]
        best = min(spots, key=lambda spot, text=text, tip=tip: _spot_badness(  # earliest of equals
            text, tip, spot, placed, arrows, axis_lines))
        _clash(text, tip, best[0], placed, arrows, axis_lines, LABEL_REACH[best[1]])
        text.labels_point = tip  # the layout audit keeps the label beside its arrow's tip
        placed.append(text)
