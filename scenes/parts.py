"""Parts several scenes draw: one heatmap legend, matrices with a row or column lit, a readout panel.

Kept here rather than copied into each scene, so a heatmap reads the same way everywhere (the
same stepped viridis swatches, the same tick numbers) and a highlighted row looks the same in
matmul, attention and the linear layer.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
from manim import (
    DOWN,
    LEFT,
    RIGHT,
    UP,
    DecimalMatrix,
    DecimalNumber,
    Line,
    MathTex,
    Mobject,
    ReplacementTransform,
    RoundedRectangle,
    Square,
    SurroundingRectangle,
    VGroup,
)

from scenes import style
from scenes.base import label

#: Discrete swatches: a continuous ramp costs a web GIF most of its palette (attention: 772 -> 574 KB).
LEGEND_STEPS = 9
LEGEND_THICKNESS = 0.3
TICK_LENGTH = 0.12
TICK_SIZE = style.MATH_SIZE - 6
MIDDLE_TICK_ROOM = 0.15  # share of the legend a middle tick (0) keeps from either end


class HeatLegend(VGroup):
    """The heatmap scale: stepped viridis swatches, the low and high values (and 0 when the values
    change sign), and the quantity's name. Vertical beside a grid, or horizontal under it."""

    def __init__(self, low: float, high: float, name: str, length: float, *, vertical: bool = True,
                 zero_tick: bool = False) -> None:
        self.vertical = vertical
        along, across = (UP, RIGHT) if vertical else (RIGHT, DOWN)
        step = length / LEGEND_STEPS
        swatches = VGroup(*(
            Square(1, stroke_width=0, fill_opacity=1)
            .stretch_to_fit_width(LEGEND_THICKNESS if vertical else step * 1.02)
            .stretch_to_fit_height(step * 1.02 if vertical else LEGEND_THICKNESS)
            .set_fill(style.heat_color(k, 0, LEGEND_STEPS - 1))
            .move_to(along * (k + 0.5) * step)
            for k in range(LEGEND_STEPS)
        ))
        self.bar, self.low, self.high = swatches, low, high
        self._along, self._across, self._length = along, across, length
        marks = [low, high] + ([0.0] if zero_tick and self._clear_of_ends(0.0) else [])
        self.ticks = VGroup(*(self._tick(value) for value in marks))
        self.numbers = [self._number(v, tick) for v, tick in zip(marks, self.ticks, strict=True)]
        self.scale_name = self._name(name)
        # The numbers and the name are direct members: relabelling swaps exactly them.
        super().__init__(swatches, self.ticks, *self.numbers, self.scale_name)

    def _share(self, value: float) -> float:
        return 0.5 if self.high == self.low else (value - self.low) / (self.high - self.low)

    def _clear_of_ends(self, value: float) -> bool:
        """A middle tick only where its number cannot run into an end's (and inside the range)."""
        return MIDDLE_TICK_ROOM < self._share(value) < 1 - MIDDLE_TICK_ROOM

    def _tick(self, value: float) -> Line:
        edge = self.bar.get_edge_center(self._across)
        start = edge + self._along * (self._share(value) - 0.5) * self._length
        return Line(start, start + self._across * TICK_LENGTH, color=style.MUTED, stroke_width=2)

    def _number(self, value: float, tick: Line) -> DecimalNumber:
        number = DecimalNumber(value, num_decimal_places=style.DECIMALS, font_size=TICK_SIZE)
        return number.set_color(style.FOREGROUND).next_to(tick, self._across, buff=0.08)

    def _name(self, name: str) -> Mobject:
        text = label(name, style.SMALL_SIZE, style.MUTED)
        return text.next_to(self.bar, UP if self.vertical else LEFT, buff=0.2 if self.vertical else 0.3)

    def relabel(self, low: float, high: float, name: str) -> list:
        """Animations that give the same swatches new end values and a new name."""
        self.low, self.high = low, high
        fresh = [self._number(value, tick) for value, tick in zip((low, high), self.ticks[:2], strict=True)]
        fresh.append(self._name(name))
        old = [*self.numbers[:2], self.scale_name]
        # ReplacementTransform's clean-up (Scene.replace) puts each new piece in its old one's
        # place inside this group, so a later FadeOut(legend) takes the new pieces with it.
        self.numbers[:2], self.scale_name = fresh[:2], fresh[2]
        return [ReplacementTransform(before, after) for before, after in zip(old, fresh, strict=True)]


def number_matrix(values: np.ndarray, decimals: int = style.DECIMALS, font_size: float = style.MATH_SIZE,
                  h_buff: float = 1.05, v_buff: float = 0.65, bracket_h_buff: float = 0.15,
                  column_colors: Sequence[str] = ()) -> DecimalMatrix:
    """A bracketed matrix of numbers in the house size, columns optionally coloured."""
    matrix = DecimalMatrix(
        np.atleast_2d(values).tolist(),
        element_to_mobject_config={"num_decimal_places": decimals, "font_size": font_size},
        h_buff=h_buff, v_buff=v_buff, bracket_h_buff=bracket_h_buff,
    )
    for column, color in zip(matrix.get_columns(), column_colors, strict=False):
        column.set_color(color)
    return matrix


def math(tex: str, color: str = style.FOREGROUND, size: float = style.MATH_SIZE) -> MathTex:
    """A formula in the house colour and size (one definition for every scene)."""
    return MathTex(tex, font_size=size, color=color)


def row_box(matrix: DecimalMatrix, i: int, color: str, buff: float = 0.1) -> SurroundingRectangle:
    """A frame around row i of a matrix (the row being dotted)."""
    return SurroundingRectangle(matrix.get_rows()[i], color=color, buff=buff)


def column_box(matrix: DecimalMatrix, j: int, color: str, buff: float = 0.1) -> SurroundingRectangle:
    """A frame around column j of a matrix."""
    return SurroundingRectangle(matrix.get_columns()[j], color=color, buff=buff)


def cell_box(matrix: DecimalMatrix, i: int, j: int, color: str, buff: float = 0.1) -> SurroundingRectangle:
    """A frame around entry (i, j) of a matrix."""
    return SurroundingRectangle(matrix.get_rows()[i][j], color=color, buff=buff)


class ReadoutPanel(VGroup):
    """A panel of named numbers: each row a name on the left, its value right-aligned."""

    def __init__(self, rows: Sequence[tuple[Mobject, Mobject]], center: np.ndarray,
                 size: tuple[float, float], pad: float = 0.25, gap: float = 0.65) -> None:
        self.panel = RoundedRectangle(
            width=size[0], height=size[1], corner_radius=0.15, fill_color=style.PANEL, fill_opacity=1.0,
            stroke_color=style.GRID, stroke_width=2,
        ).move_to(center)
        top = center[1] + size[1] / 2 - pad - 0.2
        self.left_x = center[0] - size[0] / 2 + pad
        self.right_x = center[0] + size[0] / 2 - pad
        self.rows = VGroup()
        for index, (name, value) in enumerate(rows):
            y = top - index * gap
            name.move_to([self.left_x, y, 0], aligned_edge=LEFT)
            value.move_to([self.right_x, y, 0], aligned_edge=RIGHT)
            self.rows.add(VGroup(name, value))
        super().__init__(self.panel, self.rows)


__all__ = ["HeatLegend", "ReadoutPanel", "cell_box", "column_box", "number_matrix", "row_box"]
