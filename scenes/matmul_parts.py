"""What the matmul scene draws beside C = A @ B: exercise 2's loops as a code panel whose i, j and
t light as each cell fills, and Step 5's shapes table with the lesson's own instances."""

from __future__ import annotations

from manim import DOWN, LEFT, RIGHT, BackgroundRectangle, Mobject, RoundedRectangle, Text, VGroup

from la_core import Lesson
from scenes import style
from scenes.base import label
from scenes.narrative import matmul as narrative
from scenes.parts import math

CODE_FONT = "DejaVu Sans Mono"
CODE_SIZE = 22
TAG_SIZE = 24
PANEL_PAD = 0.2
CHAR_WIDTH = 0.136  # one monospace character at CODE_SIZE (scene units)
COLUMN_GAP = 0.5
HEADER = ("Operation", "Shapes", "Result", "Intuition")
ROW_GAP = 0.3
LOOP_COLORS = {"i": style.SKY_BLUE, "j": style.ORANGE, "t": style.HIGHLIGHT}  # row, column, inner


class LoopsPanel(VGroup):
    """The loops in a panel, a tag "i = 0" right of each loop's line, and a bar lighting a line."""

    def __init__(self, width: float) -> None:
        self.lines = VGroup(*(Text(line, font=CODE_FONT, font_size=CODE_SIZE, color=style.FOREGROUND)
                              for line in narrative.LOOPS)).arrange(DOWN, aligned_edge=LEFT, buff=0.16)
        for line, text in zip(self.lines, narrative.LOOPS, strict=True):  # keep the indentation
            line.shift(RIGHT * CHAR_WIDTH * (len(text) - len(text.lstrip())))
        self.heading = label("exercise 2: the loops", style.SMALL_SIZE, style.MUTED)
        body = VGroup(self.heading, self.lines).arrange(DOWN, aligned_edge=LEFT, buff=0.2)
        body.scale(min(1.0, (width - 2 * PANEL_PAD - 1.3) / body.width))
        self.box = RoundedRectangle(width=width, height=body.height + 2 * PANEL_PAD, corner_radius=0.12,
                                    fill_color=style.PANEL, fill_opacity=1, stroke_color=style.GRID,
                                    stroke_width=2)
        body.move_to(self.box).align_to(self.box, LEFT).shift(RIGHT * PANEL_PAD)
        self.tags: dict[str, Mobject] = {}
        super().__init__(self.box, body)

    def tag(self, name: str, value: int) -> Mobject:
        """'i = 1' right of its loop's line, in the loop's colour (not added to the panel)."""
        line = self.lines[narrative.LOOP_LINES[name]]
        text = label(f"{name} = {value}", TAG_SIZE, LOOP_COLORS[name])
        return text.next_to(self.box.get_right(), LEFT, buff=PANEL_PAD).set_y(line.get_y())

    def bar(self, line: int) -> Mobject:
        """A light bar behind one line of code."""
        return BackgroundRectangle(self.lines[line], color=style.GRID, fill_opacity=1, buff=0.05)


def _cell(general: str, instance: str) -> VGroup:
    """The rule over the lesson's own instance of it (in the highlight colour)."""
    rule = math(general, size=style.MATH_SIZE)
    own = math(instance, color=style.HIGHLIGHT, size=style.MATH_SIZE - 4)
    return VGroup(rule, own).arrange(DOWN, buff=0.14)


def shapes_table(lesson: Lesson, width: float) -> VGroup:
    """Operation | shapes | result | intuition, each shapes and result cell with the lesson's own
    instance under the general rule. Parts: header, rows (each: operation, shapes, result, intuition)."""
    header = [label(text, style.LABEL_SIZE, style.MUTED) for text in HEADER]
    rows = []
    for row in narrative.shapes_table(lesson):
        rows.append([
            label(row.operation, style.BODY_SIZE, style.FOREGROUND),
            _cell(row.shapes, row.instance),
            _cell(row.result, row.instance_result),
            label(row.intuition, style.LABEL_SIZE, style.MUTED),
        ])
    widths = [max(cells[c].width for cells in [header, *rows]) for c in range(4)]
    lefts = [sum(widths[:c]) + COLUMN_GAP * c for c in range(4)]
    lines, y = [], 0.0
    for cells in [header, *rows]:
        height = max(cell.height for cell in cells)
        for c, cell in enumerate(cells):  # words from the column's left, formulas centred in it
            x = lefts[c] + (cell.width / 2 if c in (0, 3) else widths[c] / 2)
            cell.move_to([x, y - height / 2, 0])
        lines.append(VGroup(*cells))
        y -= height + ROW_GAP
    table = VGroup(*lines)
    return table.scale(min(1.0, width / table.width))
