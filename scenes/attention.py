"""Step 6 — This is attention: every query dotted with every key, scaled, and softmaxed per row.

The tokens' word vectors become the rows of Q and K; the score grid Q Kᵀ fills cell by cell
(row i of Q against row j of K), turns into a heatmap with a labelled colour scale, is divided
by √d and softmaxed per row into attention weights whose rows sum to 1. Every number comes from
`la_core.attention_scores` / `attention_weights`; the scene only draws them.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
from manim import (
    DOWN,
    LEFT,
    RIGHT,
    UP,
    AnimationGroup,
    Create,
    DecimalMatrix,
    DecimalNumber,
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

from la_core import attention_scores, attention_weights
from scenes import catalog, style
from scenes.base import LessonSceneMixin, label
from scenes.narrative import attention as narrative
from scenes.parts import HeatLegend

CELL = 1.25  # side of one grid cell (scene units) for up to GRID_CELLS tokens
GRID_CELLS = 3  # more tokens than this: the grid (cells, numbers, labels) shrinks to the same size
CELL_NUMBER_SIZE = 32
# Whole-grid moves and recolourings are brief and then held: a web GIF's bytes go to motion, a
# hold costs one frame (measured: 772 -> 574 KB at 256 colours with the stepped bar, same length).
MOVE_TIME = 0.6
RECOLOR_TIME = 0.8
SLOW_CELLS = 2  # cells computed in full before the rest go quickly
QUICK_BUDGET = 3.0  # seconds for all the quick cells together, however many tokens
SIDE_BY_SIDE_SCALE = 0.8
QK_MAX_HEIGHT = 6.2  # Q above K must fit between the title and the bottom margin



def shown_decimals(values: np.ndarray) -> int:
    """One decimal when the data has no more (the lesson's vectors), else the house two."""
    return 1 if np.allclose(values, np.round(values, 1)) else style.DECIMALS


def token_label(token: str, names: Sequence[str]) -> VGroup:
    """A token's name in its word colour."""
    return label(token, style.LABEL_SIZE, style.word_color(token, names))


@dataclass
class Grid:
    """The score grid: cells, the numbers in them, token labels, and the values shown."""

    cells: list[list[Square]]
    numbers: list[list[DecimalNumber | None]]
    row_labels: VGroup
    col_labels: VGroup
    values: np.ndarray

    def squares(self) -> VGroup:
        return VGroup(*(cell for row in self.cells for cell in row))

    def shown_numbers(self) -> VGroup:
        return VGroup(*(n for row in self.numbers for n in row if n is not None))

    def everything(self) -> VGroup:
        return VGroup(self.squares(), self.shown_numbers(), self.row_labels, self.col_labels)


def grid_scale(queries: Sequence[str], keys: Sequence[str]) -> float:
    """1 for up to GRID_CELLS tokens each way; smaller so a bigger grid takes the same room."""
    return min(1.0, GRID_CELLS / max(len(queries), len(keys)))


def build_grid(queries: Sequence[str], keys: Sequence[str], names: Sequence[str]) -> Grid:
    """Empty cells with query tokens down the left and key tokens across the top."""
    cells = [
        [
            Square(CELL, stroke_color=style.GRID, stroke_width=2, fill_color=style.PANEL, fill_opacity=1)
            .move_to(RIGHT * j * CELL + DOWN * i * CELL)
            for j in range(len(keys))
        ]
        for i in range(len(queries))
    ]
    row_labels = VGroup(*(
        token_label(tok, names).next_to(cells[i][0], LEFT, buff=0.2) for i, tok in enumerate(queries)
    ))
    col_labels = VGroup(*(
        token_label(tok, names).next_to(cells[0][j], UP, buff=0.15) for j, tok in enumerate(keys)
    ))
    numbers: list[list[DecimalNumber | None]] = [[None] * len(keys) for _ in queries]
    VGroup(*(c for row in cells for c in row), row_labels, col_labels).scale(grid_scale(queries, keys))
    return Grid(cells, numbers, row_labels, col_labels, np.zeros((len(queries), len(keys))))


def cell_number(value: float, cell: Square, color: str = style.FOREGROUND) -> DecimalNumber:
    number = DecimalNumber(value, num_decimal_places=style.DECIMALS, font_size=CELL_NUMBER_SIZE, color=color)
    number.scale(cell.width / CELL)  # cells shrink with the grid (more tokens, side by side)
    return number.move_to(cell).set_z_index(1)  # always drawn over its (recoloured) cell


class AttentionScene(LessonSceneMixin, Scene):
    """Q Kᵀ cell by cell, then a heatmap, then softmax(Q Kᵀ / √d): row i is what token i attends to."""

    def construct(self) -> None:
        lesson = self.lesson
        names = lesson.word_names
        queries, keys = lesson.query_tokens, lesson.key_tokens
        scores = attention_scores(lesson.Q, lesson.K)
        scaled = attention_scores(lesson.Q, lesson.K, scaled=True)
        weights = attention_weights(lesson.Q, lesson.K)

        title = catalog.get("attention").title
        heading = self.title(title)
        self.play(Write(heading), run_time=1.2, subcaption=f"{title}.", beat="intro",
                  narration=narrative.say_intro())
        q_block, k_block = self._show_q_and_k(queries, keys, names)
        grid = build_grid(queries, keys, names)
        grid_group = VGroup(grid.squares(), grid.row_labels, grid.col_labels)
        grid_group.move_to(RIGHT * 3.0 + UP * 0.55)
        (n, d), m = lesson.Q.shape, len(keys)
        formula = self._formula(rf"\text{{scores}} = Q K^\top:\ ({n} \times {d})({d} \times {m}) "
                                rf"\to ({n} \times {m})")
        self.play(
            Create(grid.squares()), FadeIn(grid.row_labels), FadeIn(grid.col_labels), Write(formula),
            run_time=1.5, subcaption=narrative.grid_caption(lesson), beat="grid",
            narration=narrative.say_grid(lesson),
        )
        self._fill_scores(grid, scores, q_block, k_block, queries, keys, names)

        centre = LEFT * 1.2 + DOWN * 0.3
        self.play(FadeOut(q_block), FadeOut(k_block), grid.everything().animate.move_to(centre),
                  run_time=MOVE_TIME)
        self.wait(1.0 - MOVE_TIME)
        bar = HeatLegend(float(scores.min()), float(scores.max()), "score", grid.squares().height)
        bar.next_to(grid.squares(), RIGHT, buff=2.0).align_to(grid.squares(), DOWN)
        self.play(
            *self._recolor(grid, scores, numbers=True), FadeIn(bar),
            run_time=RECOLOR_TIME, subcaption="As a heatmap: bright means a strong match.",
            beat="heatmap", narration=narrative.say_heatmap(lesson, scores),
        )
        self.wait(2.7 - RECOLOR_TIME)

        d = lesson.Q.shape[1]
        scaled_formula = self._formula(r"\text{scores} = \frac{Q K^\top}{\sqrt{d}},\quad d = " + str(d))
        self.play(
            ReplacementTransform(formula, scaled_formula),
            *self._recolor(grid, scaled), *self._renumber(grid, scaled),
            *bar.relabel(float(scaled.min()), float(scaled.max()), "scaled score"),
            run_time=RECOLOR_TIME,
            subcaption=f"Divide by √d, with d = {d} the vector length, to keep scores tame.",
            beat="scale", narration=narrative.say_scale(d),
        )
        self.wait(3.0 - RECOLOR_TIME)

        softmax_formula = self._formula(
            r"\text{weights} = \operatorname{softmax}\!\left(\frac{Q K^\top}{\sqrt{d}}\right)"
        )
        self.play(
            ReplacementTransform(scaled_formula, softmax_formula),
            *self._recolor(grid, weights), *self._renumber(grid, weights),
            *bar.relabel(float(weights.min()), float(weights.max()), "weight"),
            run_time=RECOLOR_TIME, subcaption="Softmax each row: the scores become weights.",
            beat="softmax", narration=narrative.say_softmax(),
        )
        self.wait(2.0 - RECOLOR_TIME)
        sums = self._row_sums(grid, weights)
        self.play(FadeIn(sums, shift=LEFT * 0.2), run_time=1.2, subcaption="Every row of weights sums to 1.",
                  beat="sums", narration=narrative.say_sums())
        self.wait(0.6)
        meaning = label("row i: how much token i attends to each token", style.BODY_SIZE, style.FOREGROUND)
        meaning.next_to(grid.squares(), DOWN, buff=0.6).set_x(0)
        self.play(Write(meaning), run_time=1.5, subcaption="Row i is how much token i attends to each token.",
                  beat="meaning", narration=narrative.say_meaning(lesson, weights))
        self.wait(1.5)
        self._causal_variant(grid, sums, bar, weights, meaning)

    def _formula(self, tex: str) -> MathTex:
        """The formula of the current stage, top right, level with the title."""
        formula = MathTex(tex, font_size=style.MATH_SIZE + 4)
        return formula.to_corner(UP + RIGHT, buff=style.FRAME_MARGIN + 0.2)

    # -- causal variant ----------------------------------------------------------
    def _causal_variant(self, grid: Grid, sums: VGroup, bar: HeatLegend, weights: np.ndarray,
                        meaning: VGroup) -> None:
        """Beside the full weights: the causal ones, where no token attends to a later token."""
        lesson = self.lesson
        names = lesson.word_names
        causal = attention_weights(lesson.Q, lesson.K, causal=True)
        low, high = float(min(weights.min(), causal.min())), float(max(weights.max(), causal.max()))
        main = VGroup(grid.everything(), sums)
        target = main.copy().scale(SIDE_BY_SIDE_SCALE).align_to(main, DOWN)
        target_squares, target_sums = target[0][0], target[1]

        masked = build_grid(lesson.query_tokens, lesson.key_tokens, names)
        for i, row in enumerate(masked.cells):
            for j, cell in enumerate(row):
                color = style.heat_color(float(causal[i, j]), low, high)
                cell.set_fill(color, opacity=1)
                masked.numbers[i][j] = cell_number(float(causal[i, j]), cell, style.text_on(color))
        masked_sums = self._row_sums(masked, causal)
        masked_group = VGroup(masked.squares(), masked.shown_numbers(), masked.col_labels, masked_sums)
        masked_group.scale(SIDE_BY_SIDE_SCALE)
        masked_group.next_to(target_sums, RIGHT, buff=0.7)
        masked_group.shift(UP * (target_squares.get_top()[1] - masked.squares().get_top()[1]))
        new_bar = HeatLegend(low, high, "weight", target_squares.height)
        new_bar.next_to(masked_sums, RIGHT, buff=0.45).align_to(target_squares, DOWN)
        # centre the whole comparison left to right
        offset = -(target.get_left()[0] + new_bar.get_right()[0]) / 2
        for part in (target, masked_group, new_bar):
            part.shift(RIGHT * offset)
        self.play(Transform(main, target), FadeOut(bar), run_time=MOVE_TIME,
                  subcaption="One more variant: the causal mask.", beat="causal_intro",
                  narration=narrative.say_causal_intro())
        self.wait(1.2 - MOVE_TIME)
        titles = VGroup(
            label("full attention", style.SMALL_SIZE, style.MUTED).next_to(grid.col_labels, UP, buff=0.2),
            label("causal mask: no looking ahead", style.SMALL_SIZE, style.MUTED)
            .next_to(masked.col_labels, UP, buff=0.2),
        )
        self.play(
            *self._recolor(grid, weights, numbers=True, low=low, high=high),
            FadeIn(VGroup(masked.squares(), masked.shown_numbers(), masked.col_labels)),
            FadeIn(new_bar), FadeIn(titles),
            run_time=RECOLOR_TIME,
            subcaption=narrative.causal_caption(lesson),
            beat="causal", narration=narrative.say_causal(lesson),
        )
        self.wait(2.6 - RECOLOR_TIME)
        self.play(FadeIn(masked_sums, shift=LEFT * 0.2),
                  run_time=1.2, subcaption="The masked weights are 0, and every row still sums to 1.",
                  beat="masked_sums", narration=narrative.say_masked_sums())
        self.wait(2.5)

    # -- Q and K -----------------------------------------------------------------
    def _matrix_block(self, name: str, values: np.ndarray, tokens: Sequence[str], names) -> VGroup:
        """'Q' over a bracketed matrix with its tokens labelling the rows."""
        matrix = DecimalMatrix(
            values.tolist(),
            element_to_mobject_config={"num_decimal_places": shown_decimals(values), "font_size": 30},
            h_buff=0.95,
            v_buff=0.55,
            bracket_h_buff=0.12,
        )
        rows = matrix.get_rows()
        labels = VGroup(*(
            token_label(tok, names).next_to(matrix, LEFT, buff=0.2).set_y(rows[i].get_y())
            for i, tok in enumerate(tokens)
        ))
        rows, cols = values.shape  # its shape beside its name
        title = MathTex(rf"{name}\ ({rows} \times {cols})", font_size=style.MATH_SIZE + 4).next_to(matrix, UP,
                                                                                                  buff=0.15)
        block = VGroup(matrix, labels, title)
        block.matrix, block.labels = matrix, labels
        return block

    def _show_q_and_k(self, queries, keys, names) -> tuple[VGroup, VGroup]:
        lesson = self.lesson
        q_block = self._matrix_block("Q", lesson.Q, queries, names)
        k_block = self._matrix_block("K", lesson.K, keys, names)
        blocks = VGroup(q_block, k_block).arrange(DOWN, buff=0.3, aligned_edge=RIGHT)
        if blocks.height > QK_MAX_HEIGHT:  # more tokens than the lesson's three
            blocks.scale_to_fit_height(QK_MAX_HEIGHT)
        blocks.to_edge(LEFT, buff=style.FRAME_MARGIN + 0.2).shift(DOWN * 0.35)
        self.play(
            FadeIn(q_block.labels, shift=RIGHT * 0.3),
            run_time=1.3, subcaption=narrative.tokens_caption(queries),
            beat="tokens", narration=narrative.say_tokens(queries),
        )
        self.play(
            FadeIn(q_block.matrix), FadeIn(q_block[2]),
            run_time=1.3, subcaption="Their query vectors are the rows of Q…",
            beat="queries", narration=narrative.say_queries(),
        )
        keys_caption = "…and their key vectors the rows of K (here K equals Q)." if np.array_equal(
            lesson.Q, lesson.K
        ) else "…and the key vectors are the rows of K."
        self.play(FadeIn(k_block), run_time=1.3, subcaption=keys_caption, beat="keys",
                  narration=narrative.say_keys(lesson))
        self.wait(0.8)
        return q_block, k_block

    # -- filling the grid --------------------------------------------------------
    def _fill_scores(self, grid: Grid, scores, q_block, k_block, queries, keys, names) -> None:
        """Cell (i, j) = row i of Q · row j of K, written into the grid."""
        highlights = None
        work = None
        count = 0
        quick_cells = max(len(queries) * len(keys) - SLOW_CELLS, 1)
        quick = max(min(0.35, QUICK_BUDGET / (2 * quick_cells)), 0.1)
        for i in range(len(queries)):
            for j in range(len(keys)):
                slow = count < SLOW_CELLS
                frames = VGroup(
                    SurroundingRectangle(q_block.matrix.get_rows()[i], buff=0.08,
                                         color=style.word_color(queries[i], names)),
                    SurroundingRectangle(k_block.matrix.get_rows()[j], buff=0.08,
                                         color=style.word_color(keys[j], names)),
                    SurroundingRectangle(grid.cells[i][j], buff=0.0, color=style.HIGHLIGHT, stroke_width=5),
                ).set_z_index(2)
                line = MathTex(
                    r"q_{\text{" + queries[i] + r"}}", r"\cdot", r"k_{\text{" + keys[j] + r"}}", "=",
                    style.tex_number(scores[i, j]), font_size=style.MATH_SIZE,
                )
                line[0].set_color(style.word_color(queries[i], names))
                line[2].set_color(style.word_color(keys[j], names))
                line.next_to(grid.squares(), DOWN, buff=0.5).set_x(grid.squares().get_x())
                moves = [Create(frames)] if highlights is None else [Transform(highlights, frames)]
                moves.append(FadeIn(line) if work is None else ReplacementTransform(work, line))
                caption = None
                if slow:
                    caption = f"Query {queries[i]} meets key {keys[j]}."
                elif count == SLOW_CELLS:
                    caption = "The rest, quickly."
                self.play(*moves, run_time=1.2 if slow else (1.0 if caption else quick), subcaption=caption,
                          beat="meets" if slow else "rest",
                          narration=(narrative.say_meets(queries[i], keys[j], count == 0) if slow
                                     else narrative.say_rest() if caption else None))
                highlights = frames if highlights is None else highlights
                work = line
                number = cell_number(float(scores[i, j]), grid.cells[i][j])
                grid.numbers[i][j] = number
                self.play(
                    TransformFromCopy(line[-1], number), run_time=0.9 if slow else quick,
                    subcaption="Their dot product goes in the cell." if slow else None,
                    beat="score",
                    narration=narrative.say_score(queries[i], keys[j], float(scores[i, j])) if slow else None,
                )
                if slow:
                    self.wait(0.6)
                count += 1
        grid.values = np.array(scores, dtype=float)
        self.play(FadeOut(highlights), FadeOut(work), run_time=0.5)

    # -- heatmap updates ---------------------------------------------------------
    def _recolor(self, grid: Grid, values: np.ndarray, numbers: bool = False,
                 low: float | None = None, high: float | None = None) -> list:
        """Fill each cell with its heat colour (scale: the values' range unless given), numbers to match."""
        low = float(values.min()) if low is None else low
        high = float(values.max()) if high is None else high
        animations = []
        for i, row in enumerate(grid.cells):
            for j, cell in enumerate(row):
                color = style.heat_color(float(values[i, j]), low, high)
                animations.append(cell.animate.set_fill(color, opacity=1))
                number = grid.numbers[i][j]
                if numbers and number is not None:
                    animations.append(number.animate.set_color(style.text_on(color)))
        return [AnimationGroup(*animations)]

    def _renumber(self, grid: Grid, values: np.ndarray) -> list:
        """Replace every cell's number by the new value (same place, new colour on the new scale)."""
        low, high = float(values.min()), float(values.max())
        animations = []
        for i, row in enumerate(grid.cells):
            for j, cell in enumerate(row):
                color = style.text_on(style.heat_color(float(values[i, j]), low, high))
                new = cell_number(float(values[i, j]), cell, color)
                animations.append(ReplacementTransform(grid.numbers[i][j], new))
                grid.numbers[i][j] = new
        grid.values = np.array(values, dtype=float)
        return animations

    def _row_sums(self, grid: Grid, weights: np.ndarray) -> VGroup:
        """'= 1.00' right of each row, summed from the weights themselves."""
        sums = VGroup()
        for i, row in enumerate(grid.cells):
            row_sum = style.tex_number(float(weights[i].sum()))
            total = MathTex(r"\textstyle\sum =", row_sum, font_size=style.MATH_SIZE - 2)
            total.scale(row[-1].width / CELL)
            sums.add(total.next_to(row[-1], RIGHT, buff=0.3 * row[-1].width / CELL))
        return sums
