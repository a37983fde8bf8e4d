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
    Line,
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

from la_core import matmul_steps, result_shape
from la_core.matrices import MatmulStep
from scenes import catalog, style
from scenes.base import LessonSceneMixin, label
from scenes.narrative import matmul as narrative
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
        fit_width(equation, usable_width).move_to(UP * 0.75)

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
        self.wait(1.5)

        highlights = self._fill_cells(steps, a_mat, b_mat, c_mat)
        self.play(
            FadeOut(highlights), run_time=1.0, subcaption="Every cell of C is one row · column dot product.",
            beat="every_cell", narration=narrative.say_every_cell(),
        )
        self.wait(1.0)

        rule = self._shape_rule((a_shape_tex, b_shape_tex, c_shape_tex), a_values.shape, b_values.shape,
                                c_shape)
        self._exercise_three(rule)

    # -- the cells ---------------------------------------------------------------
    def _frames(self, step: MatmulStep, a_mat, b_mat, c_mat) -> VGroup:
        """Rectangles around row i of A, column j of B and cell (i, j) of C."""
        return VGroup(row_box(a_mat, step.i, ROW_COLOR), column_box(b_mat, step.j, COLUMN_COLOR),
                      cell_box(c_mat, step.i, step.j, CELL_COLOR))

    @staticmethod
    def _cell(c_mat: DecimalMatrix, step: MatmulStep):
        return c_mat.get_rows()[step.i][step.j]

    def _fill_cells(self, steps: Sequence[MatmulStep], a_mat, b_mat, c_mat) -> VGroup:
        """Animate every step; the first SLOW_CELLS in full, then quickly. Returns the highlights."""
        work_y = -1.55
        highlights = self._frames(steps[0], a_mat, b_mat, c_mat)
        quick_line = None
        per_cell = min(0.85, QUICK_BUDGET / max(len(steps) - SLOW_CELLS, 1))
        move_time, fill_time = max(0.45 * per_cell, 0.1), max(0.55 * per_cell, 0.1)
        for n, step in enumerate(steps):
            frames = self._frames(step, a_mat, b_mat, c_mat)
            where = f"row {step.i + 1} of A and column {step.j + 1} of B"
            if n < SLOW_CELLS:
                move = Create(highlights) if n == 0 else Transform(highlights, frames)
                self.play(move, run_time=1.2, subcaption=f"Take {where}.", beat="take",
                          narration=narrative.say_take(step, n == 0))
                self._slow_cell(step, a_mat, b_mat, c_mat, work_y, slow=n == 0)
                continue
            line = fit_width(compact_line(step), 13.0).move_to(UP * work_y)
            show_line = FadeIn(line) if quick_line is None else ReplacementTransform(quick_line, line)
            first_quick = n == SLOW_CELLS
            self.play(
                Transform(highlights, frames), show_line, run_time=1.2 if first_quick else move_time,
                subcaption="The rest go faster: same multiply-and-add." if first_quick else None,
                beat="rest", narration=narrative.say_rest() if first_quick else None,
            )
            quick_line = line
            self.play(TransformFromCopy(line[-1], self._cell(c_mat, step)), run_time=fill_time)
        if quick_line is not None:
            self.play(FadeOut(quick_line), run_time=0.4)
        return highlights

    def _slow_cell(self, step: MatmulStep, a_mat, b_mat, c_mat, work_y: float, slow: bool) -> None:
        """Show the products and the sum, then drop the sum into C[i, j]."""
        pace = 1.0 if slow else 0.7
        products = product_line(step)
        sums, total = sum_parts(step)
        sums_row = VGroup(sums, total).arrange(RIGHT, buff=0.2)
        work = fit_width(VGroup(products, sums_row).arrange(DOWN, buff=0.3, aligned_edge=LEFT), 13.0)
        work.move_to(UP * (work_y - 0.3))
        row_entries = a_mat.get_rows()[step.i]
        col_entries = b_mat.get_columns()[step.j]
        k = len(step.row)
        pieces = [
            *(TransformFromCopy(row_entries[t], products[4 * t]) for t in range(k)),
            *(TransformFromCopy(col_entries[t], products[4 * t + 2]) for t in range(k)),
            *(FadeIn(products[4 * t + 1]) for t in range(k)),
            *(FadeIn(products[4 * t - 1]) for t in range(1, k)),
        ]
        self.play(*pieces, run_time=1.4 * pace, subcaption="Multiply them entry by entry…" if slow else None,
                  beat="multiply", narration=narrative.say_multiply(k) if slow else None)
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

    # -- the shape rule ----------------------------------------------------------
    def _shape_rule(self, labels: Sequence[MathTex], a_shape: Sequence[int], b_shape: Sequence[int],
                    c_shape: Sequence[int]) -> VGroup:
        """(m×k)(k×n) → (m×n): the inner sizes must match and cancel. Returns what it wrote."""
        a_shape_tex, b_shape_tex, c_shape_tex = labels
        rows, inner, cols = str(a_shape[0]), str(a_shape[1]), str(b_shape[1])
        factors = MathTex(
            "(", rows, r"\times", inner, ")(", inner, r"\times", cols, ")", font_size=style.MATH_SIZE + 6
        )
        result = MathTex(
            r"\rightarrow", "(", str(c_shape[0]), r"\times", str(c_shape[1]), ")",
            font_size=style.MATH_SIZE + 6,
        )
        rule = VGroup(factors, result).arrange(RIGHT, buff=0.3).move_to(DOWN * 1.75)
        inner_dims = VGroup(factors[3], factors[5])
        strikes = VGroup(*(
            Line(d.get_corner(DOWN + LEFT), d.get_corner(UP + RIGHT), color=style.VERMILLION, stroke_width=5)
            .scale(1.3)
            for d in inner_dims
        ))
        note = label("inner sizes match and cancel", style.SMALL_SIZE, style.MUTED)
        note.next_to(rule, DOWN, buff=0.3)
        summary = MathTex(
            r"C_{ij} = (\text{row } i \text{ of } A) \cdot (\text{column } j \text{ of } B)",
            font_size=style.MATH_SIZE,
        ).next_to(note, DOWN, buff=0.45)
        summary[0].set_color(style.FOREGROUND)

        self.play(
            TransformFromCopy(a_shape_tex, VGroup(*factors[1:4])),
            TransformFromCopy(b_shape_tex, VGroup(*factors[5:8])),
            FadeIn(VGroup(factors[0], factors[4], factors[8])),
            run_time=1.5,
            subcaption=f"Now the shapes: ({rows}×{inner}) times ({inner}×{cols}).",
            beat="shapes", narration=narrative.say_shapes(rows, inner, cols),
        )
        self.settle(factors)
        self.play(
            inner_dims.animate.set_color(style.MUTED), Create(strikes), FadeIn(note),
            run_time=2.0, subcaption="Inner sizes must match: a row of A is as long as a column of B.",
            beat="inner", narration=narrative.say_inner(),
        )
        self.settle(factors)  # recolouring two parts split the MathTex up again
        self.play(
            FadeIn(result),
            TransformFromCopy(VGroup(*result[2:5]), c_shape_tex),
            run_time=1.5, subcaption="They cancel, leaving the shape of C.",
            beat="cancel", narration=narrative.say_cancel(rows, cols),
        )
        self.play(Write(summary), run_time=1.5,
                  subcaption="Cell (i, j) of C is row i of A dotted with column j of B.", beat="rule",
                  narration=narrative.say_rule())
        self.wait(1.5)
        return VGroup(factors, result, strikes, note, summary)

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
