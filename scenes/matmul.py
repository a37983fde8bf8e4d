"""Step 5 — Matrix × matrix is many dot products: every cell of C = A @ B is one row·column.

A and B come from the lesson's seed (rounded to one decimal so the arithmetic adds up as
printed); each cell is filled in the order of `la_core.matmul_steps`, the first two slowly with
their products and sum, the rest quickly. The shape rule (m×k)(k×n) → (m×n) ends the scene.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
from manim import (
    DOWN,
    LEFT,
    RIGHT,
    UP,
    Create,
    DecimalMatrix,
    FadeIn,
    FadeOut,
    MathTex,
    ReplacementTransform,
    Scene,
    Square,
    SurroundingRectangle,
    Transform,
    TransformFromCopy,
    VGroup,
    Write,
)

from la_core import loops_difference, matmul_steps, result_shape
from la_core.matrices import MatmulStep
from scenes import catalog, style
from scenes.base import LessonSceneMixin, label
from scenes.matmul_parts import LoopsPanel, shapes_table
from scenes.narrative import matmul as narrative
from scenes.narrative.speech import spoken
from scenes.parts import HeatLegend, cell_box, column_box, row_box

ROW_COLOR = style.SKY_BLUE
COLUMN_COLOR = style.ORANGE
CELL_COLOR = style.HIGHLIGHT
OPERAND_DECIMALS = 1  # A and B are rounded to one decimal by la_core.seeded_matrices
SLOW_CELLS = 2  # cells shown with every product; the rest go quickly
EXERCISE_CELL = 0.5  # exercise 3's score grid: cell side, and the most room the grid takes
EXERCISE_GRID = 2.5
EXERCISE_GRID_CENTER = (3.9, -2.35, 0.0)
EXERCISE_TEXT_LEFT = -6.4
EXERCISE_TEXT_TOP = -0.95
QUICK_BUDGET = 6.0  # seconds for all the quick cells together, so bigger shapes stay under 40 s
EQUATION_Y, EQUATION_HEIGHT = 1.3, 2.3  # A × B = C, above the loops and the work
CODE_LEFT, CODE_TOP, CODE_WIDTH = -6.85, -0.5, 6.5  # exercise 2's loops, bottom left
WORK_X, WORK_Y, WORK_WIDTH = 3.35, -1.85, 6.6  # the products and sums, bottom right
TABLE_BOTTOM, TABLE_WIDTH = -3.7, 13.6  # Step 5's shapes table, in place of the loops and the work



def decimal_matrix(values: np.ndarray, decimals: int) -> DecimalMatrix:
    """A bracketed matrix of numbers in the house size."""
    return DecimalMatrix(
        values.tolist(),
        element_to_mobject_config={"num_decimal_places": decimals, "font_size": style.MATH_SIZE},
        h_buff=1.05 if decimals == OPERAND_DECIMALS else 1.25,
        v_buff=0.65,
        bracket_h_buff=0.15,
    )


def shape_tex(rows: int, cols: int, color: str = style.MUTED) -> MathTex:
    """'m × k' under a matrix, one submobject per dimension so the inner one can be struck."""
    return MathTex(str(rows), r"\times", str(cols), font_size=style.MATH_SIZE - 4, color=color)


def product_line(step: MatmulStep) -> MathTex:
    """'a1·b1 + a2·b2 + …' with the row's numbers in the row colour, the column's in its colour."""
    parts: list[str] = []
    for t, (a, b) in enumerate(zip(step.row, step.col, strict=True)):
        if t:
            parts.append("+")
        parts += [style.tex_number(a, OPERAND_DECIMALS), r"\cdot", style.tex_number(b, OPERAND_DECIMALS)]
    line = MathTex(*parts, font_size=style.MATH_SIZE)
    for t in range(len(step.row)):
        line[4 * t].set_color(ROW_COLOR)
        line[4 * t + 2].set_color(COLUMN_COLOR)
    return line


def sum_parts(step: MatmulStep) -> tuple[MathTex, MathTex]:
    """('= p1 + p2 + …', '= value'): the products and their sum at two decimals."""
    products = " + ".join(style.tex_number(p) for p in step.products)
    total = MathTex("=", style.tex_number(step.value), font_size=style.MATH_SIZE)
    total[1].set_color(CELL_COLOR)
    return MathTex("= " + products, font_size=style.MATH_SIZE), total


def compact_line(step: MatmulStep) -> MathTex:
    """'p1 + p2 + … = value' in one piece, for the fast cells."""
    products = " + ".join(style.tex_number(p) for p in step.products)
    line = MathTex(products, "=", style.tex_number(step.value), font_size=style.MATH_SIZE)
    line[-1].set_color(CELL_COLOR)
    return line


def fit_width(mobject: VGroup, width: float) -> VGroup:
    """Shrink (never grow) to `width`, so larger edited shapes still fit the frame."""
    if mobject.width > width:
        mobject.scale_to_fit_width(width)
    return mobject


class MatrixMultiply(LessonSceneMixin, Scene):
    """Fill C = A @ B cell by cell: each cell is a row of A dotted with a column of B."""

    def construct(self) -> None:
        a_values, b_values = self.lesson.matmul_operands()
        steps = matmul_steps(a_values, b_values)
        c_shape = result_shape(a_values.shape, b_values.shape)
        c_values = np.zeros(c_shape)
        for step in steps:
            c_values[step.i, step.j] = step.value

        heading = self.title(catalog.get("matmul").title)
        a_mat = decimal_matrix(a_values, OPERAND_DECIMALS)
        b_mat = decimal_matrix(b_values, OPERAND_DECIMALS)
        c_mat = decimal_matrix(c_values, style.DECIMALS)
        times, equals = MathTex(r"\times", font_size=style.MATH_SIZE), MathTex("=", font_size=style.MATH_SIZE)
        equation = VGroup(a_mat, times, b_mat, equals, c_mat).arrange(RIGHT, buff=0.3)
        usable_width = 14.22 - 2 * (style.FRAME_MARGIN + 0.2)
        fit_width(equation, usable_width)
        if equation.height > EQUATION_HEIGHT:
            equation.scale_to_fit_height(EQUATION_HEIGHT)
        equation.move_to(UP * EQUATION_Y)

        names = VGroup(*(
            MathTex(name, font_size=style.MATH_SIZE + 6).next_to(mat, UP, buff=0.2)
            for name, mat in (("A", a_mat), ("B", b_mat), ("C", c_mat))
        ))
        a_shape_tex = shape_tex(*a_values.shape).next_to(a_mat, DOWN, buff=0.2)
        b_shape_tex = shape_tex(*b_values.shape).next_to(b_mat, DOWN, buff=0.2)
        c_shape_tex = shape_tex(*c_shape).next_to(c_mat, DOWN, buff=0.2)
        top = max(mat.get_top()[1] for mat in (a_mat, b_mat, c_mat))
        for name in names:  # one baseline for A, B and C, above the tallest matrix
            name.set_y(top + 0.35)

        self.play(Write(heading), subcaption="Matrix times matrix: many dot products at once.", beat="intro",
                  narration=narrative.say_intro())
        self.play(
            FadeIn(a_mat), FadeIn(b_mat), FadeIn(times), FadeIn(equals), Create(c_mat.get_brackets()),
            FadeIn(names), FadeIn(a_shape_tex), FadeIn(b_shape_tex),
            run_time=1.5, subcaption=narrative.pairs_caption(a_values.shape, b_values.shape),
            beat="pairs", narration=narrative.say_pairs(a_values.shape, b_values.shape),
        )
        self.loops = LoopsPanel(CODE_WIDTH)
        self.loops.move_to([CODE_LEFT, CODE_TOP, 0], aligned_edge=UP + LEFT)
        self.play(FadeIn(self.loops), run_time=1.0, beat="loops", subcaption=narrative.loops_caption(),
                  narration="Each cell is what exercise two's three nested loops compute: i picks the row of "
                            "A, j the column of B, and t walks along both, adding up products.")
        self.tags = {}

        highlights = self._fill_cells(steps, a_mat, b_mat, c_mat)
        difference = loops_difference(a_values, b_values)
        check = MathTex(r"\max_{i,j}\,\left|C_{\text{loops}} - A\,@\,B\right| =",
                        narrative.check_text(difference), font_size=style.MATH_SIZE)
        fit_width(check, WORK_WIDTH).move_to([WORK_X, WORK_Y, 0])
        self.play(FadeOut(highlights), FadeIn(check), run_time=1.0, beat="check",
                  subcaption=narrative.check_caption(difference),
                  narration=spoken(narrative.check_caption(difference)))
        self.wait(1.0)
        self.play(FadeOut(VGroup(self.loops, check, *self.tags.values())), run_time=0.5)
        top = min(m.get_bottom()[1] for m in (a_shape_tex, b_shape_tex, c_shape_tex)) - 0.25
        table = shapes_table(self.lesson, TABLE_WIDTH)
        if table.height > top - TABLE_BOTTOM:
            table.scale_to_fit_height(top - TABLE_BOTTOM)
        table.move_to([0, top, 0], aligned_edge=UP)
        self.play(FadeIn(table), FadeIn(c_shape_tex), run_time=1.5, beat="shapes",
                  subcaption=narrative.table_caption(self.lesson),
                  narration=narrative.say_table(self.lesson))
        self.wait(2.0)
        self._exercise_three(table)

    # -- the cells ---------------------------------------------------------------
    def _frames(self, step: MatmulStep, a_mat, b_mat, c_mat) -> VGroup:
        """Rectangles around row i of A, column j of B and cell (i, j) of C."""
        return VGroup(row_box(a_mat, step.i, ROW_COLOR), column_box(b_mat, step.j, COLUMN_COLOR),
                      cell_box(c_mat, step.i, step.j, CELL_COLOR))

    @staticmethod
    def _cell(c_mat: DecimalMatrix, step: MatmulStep):
        return c_mat.get_rows()[step.i][step.j]

    def _retag(self, **values: int | str) -> list:
        """Animations that set the loops panel's i, j and t tags (a new tag fades in the first time)."""
        moves = []
        for name, value in values.items():
            tag = self.loops.tag(name, value)
            moves.append(FadeIn(tag) if name not in self.tags else ReplacementTransform(self.tags[name], tag))
            self.tags[name] = tag
        return moves

    def _fill_cells(self, steps: Sequence[MatmulStep], a_mat, b_mat, c_mat) -> VGroup:
        """Animate every step; the first SLOW_CELLS in full, then quickly. Returns the highlights."""
        highlights = self._frames(steps[0], a_mat, b_mat, c_mat)
        quick_line = None
        per_cell = min(0.85, QUICK_BUDGET / max(len(steps) - SLOW_CELLS, 1))
        move_time, fill_time = max(0.45 * per_cell, 0.1), max(0.55 * per_cell, 0.1)
        inner = len(steps[0].row)
        for n, step in enumerate(steps):
            frames = self._frames(step, a_mat, b_mat, c_mat)
            where = f"row {step.i + 1} of A and column {step.j + 1} of B"
            tags = self._retag(i=step.i, j=step.j)
            if n < SLOW_CELLS:
                move = Create(highlights) if n == 0 else Transform(highlights, frames)
                self.play(move, *tags, run_time=1.2, subcaption=f"Take {where}: i = {step.i}, j = {step.j}.",
                          beat="take", narration=narrative.say_take(step, n == 0))
                self._slow_cell(step, a_mat, b_mat, c_mat, slow=n == 0)
                continue
            line = fit_width(compact_line(step), WORK_WIDTH).move_to([WORK_X, WORK_Y, 0])
            show_line = FadeIn(line) if quick_line is None else ReplacementTransform(quick_line, line)
            first_quick = n == SLOW_CELLS
            ran = self._retag(t="0" if inner == 1 else f"0…{inner - 1}") if first_quick else []
            self.play(
                Transform(highlights, frames), show_line, *tags, *ran,
                run_time=1.2 if first_quick else move_time,
                subcaption="The rest go faster: same loops, same multiply-and-add." if first_quick else None,
                beat="rest", narration=narrative.say_rest() if first_quick else None,
            )
            quick_line = line
            self.play(TransformFromCopy(line[-1], self._cell(c_mat, step)), run_time=fill_time)
        if quick_line is not None:
            self.play(FadeOut(quick_line), run_time=0.4)
        return highlights

    def _slow_cell(self, step: MatmulStep, a_mat, b_mat, c_mat, slow: bool) -> None:
        """The inner loop: one product per t (its tag and the line that adds it lit), then the sum
        drops into C[i, j]."""
        pace = 1.0 if slow else 0.7
        products = product_line(step)
        sums, total = sum_parts(step)
        sums_row = VGroup(sums, total).arrange(RIGHT, buff=0.2)
        work = fit_width(VGroup(products, sums_row).arrange(DOWN, buff=0.3, aligned_edge=LEFT), WORK_WIDTH)
        work.move_to([WORK_X, WORK_Y - 0.3, 0])
        row_entries = a_mat.get_rows()[step.i]
        col_entries = b_mat.get_columns()[step.j]
        k = len(step.row)
        bar = self.loops.bar(narrative.LOOP_LINES["t"] + 1)
        self.add(bar)
        self.bring_to_front(self.loops.lines)
        for t in range(k):
            pieces = [TransformFromCopy(row_entries[t], products[4 * t]),
                      TransformFromCopy(col_entries[t], products[4 * t + 2]), FadeIn(products[4 * t + 1]),
                      *([FadeIn(products[4 * t - 1])] if t else []), *self._retag(t=t)]
            first = slow and t == 0
            self.play(*pieces, run_time=max(1.4 * pace / k, 0.3), beat="multiply" if first else None,
                      subcaption="Multiply them entry by entry, t = 0, 1, …: one product per pass." if first
                      else None,
                      narration="The inner loop multiplies them entry by entry, one product for each t."
                      if first else None)
        self.remove(bar)
        self.settle(products)
        self.play(Write(sums), run_time=1.0 * pace, subcaption=narrative.add_up_caption(k) if slow else None,
                  beat="sum_up", narration=narrative.say_add(step) if slow else None)
        self.play(Write(total), run_time=0.6 * pace)
        self.play(TransformFromCopy(total[1], self._cell(c_mat, step)), run_time=0.8 * pace,
                  subcaption="That one number is this cell of C." if slow else "Same again: one more cell.",
                  beat="cell", narration=narrative.say_cell(step, slow))
        self.wait(0.8 * pace)
        self.play(FadeOut(work), run_time=0.4)

    def settle(self, whole: VGroup) -> None:
        """Swap the loose parts an animation left in the scene for the whole they belong to.

        Parts animated one by one stay separate scene members; the whole MathTex is what a
        viewer (and the layout audit) reads as one piece of text.
        """
        parts = set(whole.get_family())
        self.remove(*(m for m in self.mobjects if m in parts or set(m.get_family()) <= parts))
        self.add(whole)

    # -- exercise 3 ----------------------------------------------------------------
    def _exercise_three(self, rule: VGroup) -> None:
        """Q and K of shape (5, 8): Q·Kᵀ is (5×5), and one entry is how much token i matches j.
        Drawn under A·B = C in place of the shape rule, so the last frame still shows C."""
        ex = narrative.exercise_three(self.lesson)
        (n, d), (rows, cols) = ex.q_shape, ex.scores_shape
        low, high = float(ex.scores.min()), float(ex.scores.max())
        cell = min(EXERCISE_CELL, EXERCISE_GRID / max(rows, cols))
        grid = VGroup(*(
            VGroup(*(Square(cell, stroke_color=style.BACKGROUND, stroke_width=2, fill_opacity=1)
                     .set_fill(style.heat_color(float(v), low, high)) for v in row)).arrange(RIGHT, buff=0)
            for row in ex.scores
        )).arrange(DOWN, buff=0).move_to(EXERCISE_GRID_CENTER)
        legend = HeatLegend(low, high, "score", grid.height).next_to(grid, RIGHT, buff=0.4)
        shapes = MathTex(rf"Q K^\top:\ ({n} \times {d})({d} \times {n}) \rightarrow ({rows} \times {cols})",
                         font_size=style.MATH_SIZE + 2)
        heading = label("Exercise 3", style.BODY_SIZE, style.HIGHLIGHT)
        text = VGroup(heading, shapes).arrange(DOWN, aligned_edge=LEFT, buff=0.35)
        text.move_to([EXERCISE_TEXT_LEFT, EXERCISE_TEXT_TOP, 0], aligned_edge=UP + LEFT)
        i, j = ex.entry
        box = SurroundingRectangle(grid[i][j], color=style.FOREGROUND, buff=0.03, stroke_width=5)
        reading = VGroup(
            MathTex(rf"(Q K^\top)_{{{i + 1}{j + 1}}} = q_{i + 1} \cdot k_{j + 1} =",
                    style.tex_number(ex.value), font_size=style.MATH_SIZE),
            label(f"how much token {i + 1} matches token {j + 1}", style.LABEL_SIZE, style.FOREGROUND),
        ).arrange(DOWN, aligned_edge=LEFT, buff=0.25).next_to(text, DOWN, aligned_edge=LEFT, buff=0.35)
        self.play(FadeOut(rule), run_time=0.5)
        self.play(FadeIn(text), FadeIn(grid), FadeIn(legend), run_time=1.2,
                  subcaption=narrative.exercise_caption(ex), beat="exercise",
                  narration=narrative.say_exercise(ex))
        self.play(Create(box), FadeIn(reading), run_time=1.2, subcaption=narrative.entry_caption(ex),
                  beat="entry", narration=narrative.say_entry(ex))
        self.wait(2.0)
