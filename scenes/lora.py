"""Low rank: why LoRA is cheap — a d×k update ΔW is B (d×r) times A (r×k), so it costs r(d+k).

Every number comes from la_core: the factors from `lora_factors`, the parameter counts from
`lora_parameter_count` (for the lesson's small example and its realistic layer), the singular
values of ΔW from `singular_values` and its rank from `rank`.
"""

from __future__ import annotations

import numpy as np
from manim import (
    DOWN,
    LEFT,
    RIGHT,
    UP,
    Create,
    FadeIn,
    FadeOut,
    GrowFromEdge,
    LaggedStart,
    Line,
    MathTex,
    Rectangle,
    Scene,
    Square,
    SurroundingRectangle,
    Text,
    VGroup,
    Write,
)

from la_core import matrix_rank, singular_values
from scenes import catalog, style
from scenes.base import LessonSceneMixin, label
from scenes.narrative import article
from scenes.narrative import lora as narrative
from scenes.narrative.lora import lora_matrices, shown_layer_rank
from scenes.parts import HeatLegend

# Layout (scene units).
EQUATION_LEFT = -6.75
EQUATION_TOP = 2.7
EQUATION_SIZE = (7.4, 3.2)  # room for the heatmap cells (width, height)
MAX_CELL = 0.42
SIGN_GAP = 0.3
CHART_LEFT = 1.75
CHART_SIZE = (4.9, 3.0)  # room for the bars (width, height)
CHART_BASELINE = -0.95
BAR_FILL = 0.6  # share of each bar's slot the bar takes
NUMBER_FILL = 0.9  # widest a bar's value may be, as a share of its slot
MIN_LABEL_SCALE = 0.75  # a bar's number shrunk below this is unreadable: the chart is crowded
ZERO_BAR = 0.03  # a zero singular value still shows as a flat sliver
SCALE_LENGTH = 4.2
FOOTER_Y = (-2.85, -3.45)
FOOTER_WIDTH = 13.0


def heatmap(matrix: np.ndarray, low: float, high: float, cell: float) -> VGroup:
    """One square per entry, coloured on the shared scale; rows top to bottom."""
    rows = VGroup()
    for row in matrix:
        squares = VGroup(
            *(
                Square(cell, fill_color=style.heat_color(value, low, high), fill_opacity=1,
                       stroke_color=style.BACKGROUND, stroke_width=1.5)
                for value in row
            )
        ).arrange(RIGHT, buff=0)
        rows.add(squares)
    return rows.arrange(DOWN, buff=0)


def titled(block: VGroup, name: str, shape: tuple[int, int]) -> VGroup:
    """A heatmap with its name above and its shape below."""
    heading = MathTex(name, font_size=style.MATH_SIZE, color=style.FOREGROUND).next_to(block, UP, buff=0.2)
    size = MathTex(rf"{shape[0]} \times {shape[1]}", font_size=style.MATH_SIZE - 6, color=style.MUTED)
    size.next_to(block, DOWN, buff=0.2)
    return VGroup(block, heading, size)


def singular_value_chart(values: np.ndarray, nonzero: int) -> VGroup:
    """Bars of the singular values, tallest scaled to the chart; the first `nonzero` highlighted.

    With many values the slots get too narrow to read a number per bar: then the zero bars share
    one "0.00" over a bracket, and only the first, the last non-zero and the last bar are named.
    """
    width, height = CHART_SIZE
    slot = width / len(values)
    top = float(values.max())
    widest = label(style.fmt(top), size=style.SMALL_SIZE).width
    crowded = slot * NUMBER_FILL / widest < MIN_LABEL_SCALE
    named = {0, nonzero - 1, nonzero, len(values) - 1} if crowded else set(range(len(values)))
    bars, numbers, names = VGroup(), VGroup(), VGroup()
    for n, value in enumerate(values):
        bar_height = max(height * float(value) / top, ZERO_BAR)
        color = style.HIGHLIGHT if n < nonzero else style.MUTED
        bar = Rectangle(width=slot * BAR_FILL, height=bar_height, fill_color=color, fill_opacity=0.9,
                        stroke_width=0)
        bar.move_to([CHART_LEFT + (n + 0.5) * slot, CHART_BASELINE + bar_height / 2, 0])
        bars.add(bar)
        if n < nonzero or not crowded:
            number = label(style.fmt(float(value)), size=style.SMALL_SIZE, color=color)
            number.scale(min(1.0, slot * NUMBER_FILL / number.width)).next_to(bar, UP, buff=0.1)
            numbers.add(number)
        if n in named:
            name = MathTex(rf"\sigma_{{{n + 1}}}", font_size=style.MATH_SIZE - 6, color=style.MUTED)
            name.scale(min(1.0, slot * NUMBER_FILL / name.width))  # σ10, σ11...: narrow slots
            names.add(name.next_to([bar.get_x(), CHART_BASELINE, 0], DOWN, buff=0.15))
    if crowded and nonzero < len(values):
        zeros = bars[nonzero:]
        bracket = Line(zeros.get_corner(LEFT + UP) + 0.15 * UP, zeros.get_corner(RIGHT + UP) + 0.15 * UP,
                       color=style.MUTED, stroke_width=2)
        shared = label(style.fmt(0.0), size=style.SMALL_SIZE, color=style.MUTED)
        shared.next_to(bracket, UP, buff=0.1)
        numbers.add(VGroup(bracket, shared))
    baseline = Line([CHART_LEFT, CHART_BASELINE, 0], [CHART_LEFT + width, CHART_BASELINE, 0],
                    color=style.GRID, stroke_width=2)
    heading = label("singular values of ΔW", size=style.LABEL_SIZE, color=style.FOREGROUND)
    heading.next_to([CHART_LEFT + width / 2, CHART_BASELINE + height, 0], UP, buff=0.55)
    return VGroup(baseline, bars, numbers, names, heading)



def cell_as_dot_product(delta: np.ndarray, b: np.ndarray, a: np.ndarray, cell: tuple[int, int]) -> MathTex:
    """ΔW[i, j] written out as row i of B times column j of A, term by term."""
    i, j = cell
    tex = style.tex_number
    terms = r" + ".join(rf"({tex(b[i, t])})({tex(a[t, j])})" for t in range(b.shape[1]))
    return MathTex(rf"\text{{row of }}B \cdot \text{{column of }}A = {terms} = {tex(delta[i, j])}",
                   font_size=style.MATH_SIZE, color=style.FOREGROUND)


def big_count(value: int) -> str:
    """A large whole number with thousands separators, as a reader expects."""
    return f"{value:,}"


class LowRankLoRA(LessonSceneMixin, Scene):
    """ΔW = B·A as heatmaps, the parameter counts, and only r non-zero singular values."""

    def construct(self) -> None:
        lesson = self.lesson
        d, k, r = lesson.lora_d, lesson.lora_k, lesson.lora_r
        delta, b, a = lora_matrices(lesson)
        everything = np.concatenate([delta.ravel(), b.ravel(), a.ravel()])
        low, high = float(everything.min()), float(everything.max())

        heading = catalog.get("lora").title
        title = self.title(heading)
        self.play(Write(title), run_time=1.2, subcaption=f"{heading}.", beat="intro",
                  narration=narrative.say_intro())

        cell = min(MAX_CELL, EQUATION_SIZE[1] / d, EQUATION_SIZE[0] / (2 * k + r + 2))
        delta_block = titled(heatmap(delta, low, high, cell), r"\Delta W", (d, k))
        b_block = titled(heatmap(b, low, high, cell), "B", (d, r))
        a_block = titled(heatmap(a, low, high, cell), "A", (r, k))
        equals = MathTex("=", font_size=style.MATH_SIZE + 6, color=style.FOREGROUND)
        times = MathTex(r"\times", font_size=style.MATH_SIZE + 6, color=style.FOREGROUND)
        equation = VGroup(delta_block, equals, b_block, times, a_block).arrange(RIGHT, buff=SIGN_GAP)
        equals.set_y(delta_block[0].get_y())
        # A sits level with the top of B, as the rows of B meet the columns of A.
        a_block.shift((b_block[0].get_top()[1] - a_block[0].get_top()[1]) * UP)
        times.set_y(a_block[0].get_y())
        # Small cells for a large d or k leave the signs and gaps their full size: fit the whole.
        equation.scale(min(1.0, EQUATION_SIZE[0] / equation.width))
        equation.next_to([EQUATION_LEFT, EQUATION_TOP, 0], DOWN + RIGHT, buff=0)
        scale = HeatLegend(low, high, "cell value", SCALE_LENGTH, vertical=False, zero_tick=True)
        scale.next_to(equation, DOWN, buff=0.35)
        scale.set_x(equation.get_x())
        # Centre stage until the singular values need the right half; then slide to the left.
        left_half = VGroup(equation, scale)
        parked_x = left_half.get_x() + EQUATION_LEFT - left_half.get_left()[0]
        left_half.set_x(0)

        self.play(
            LaggedStart(*(FadeIn(square) for square in delta_block[0].family_members_with_points()),
                        lag_ratio=0.02),
            FadeIn(delta_block[1:]),
            FadeIn(scale),
            run_time=2.5,
            subcaption=f"A weight update ΔW: {article(d)} {d} × {k} grid of numbers, drawn as colours.",
            beat="update", narration=narrative.say_update(lesson),
        )
        self.wait(1.5)
        self.play(
            FadeIn(equals), FadeIn(b_block), FadeIn(times), FadeIn(a_block),
            run_time=2,
            subcaption=f"It is exactly B ({d} × {r}) times A ({r} × {k}).",
            beat="factors", narration=narrative.say_factors(lesson),
        )
        self.wait(1)

        row, col = np.unravel_index(int(np.argmax(np.abs(delta))), delta.shape)
        frames = VGroup(
            SurroundingRectangle(delta_block[0][row][col], color=style.FOREGROUND, buff=0.02),
            SurroundingRectangle(b_block[0][row], color=style.FOREGROUND, buff=0.02),
            SurroundingRectangle(VGroup(*(line[col] for line in a_block[0])), color=style.FOREGROUND,
                                 buff=0.02),
        )
        worked = cell_as_dot_product(delta, b, a, (int(row), int(col))).move_to([0, FOOTER_Y[0], 0])
        worked.scale(min(1.0, FOOTER_WIDTH / worked.width))
        self.play(Create(frames), FadeIn(worked), run_time=1.5,
                  subcaption="Each cell of ΔW is a row of B dotted with a column of A.", beat="cell",
                  narration=narrative.say_cell())
        self.wait(2)
        self.play(FadeOut(frames), FadeOut(worked), run_time=0.6)

        tally = narrative.lora_counts(lesson)
        full, factored = tally.full, tally.factored
        counts = Text(
            f"ΔW:  d·k = {d}·{k} = {full} numbers"
            f"        B and A:  r(d + k) = {r}·({d} + {k}) = {factored} numbers",
            font=style.FONT, font_size=style.LABEL_SIZE, color=style.FOREGROUND,
            t2c={f"{full} numbers": style.VERMILLION, f"{factored} numbers": style.POSITIVE},
        ).move_to([0, FOOTER_Y[0], 0])
        counts.scale(min(1.0, FOOTER_WIDTH / counts.width))
        self.play(Write(counts), run_time=2,
                  subcaption=narrative.counts_caption(tally), beat="counts",
                  narration=narrative.say_counts(lesson, tally))
        self.wait(1.5)

        layer_rank, layer_full, layer_factored = tally.layer_rank, tally.layer_full, tally.layer_factored
        share = tally.layer_share_text
        layer_line = Text(
            f"A {lesson.layer_d} × {lesson.layer_k} layer: {big_count(layer_full)} weights;"
            f"  rank-{layer_rank} LoRA: {big_count(layer_factored)} ({share}%)",
            font=style.FONT, font_size=style.LABEL_SIZE, color=style.FOREGROUND,
            t2c={f"{big_count(layer_factored)} ({share}%)": style.POSITIVE},
        ).move_to([0, FOOTER_Y[1], 0])
        layer_line.scale(min(1.0, FOOTER_WIDTH / layer_line.width))
        self.play(FadeIn(layer_line, shift=0.2 * UP), run_time=1.5,
                  subcaption=narrative.layer_caption(lesson, tally), beat="real_layer",
                  narration=narrative.say_layer(lesson, tally))
        self.wait(2)

        sigma = singular_values(delta)
        rank = matrix_rank(delta)
        chart = singular_value_chart(sigma, rank)
        baseline, bars, numbers, names, heading = chart
        self.play(left_half.animate.set_x(parked_x), run_time=1.2,
                  subcaption="Now look inside ΔW.", beat="look_inside",
                  narration=narrative.say_look_inside())
        self.play(FadeIn(heading), Create(baseline), FadeIn(names), run_time=1,
                  subcaption="Now look at ΔW's singular values: one per real direction.",
                  beat="singular_values", narration=narrative.say_singular())
        self.play(
            LaggedStart(*(GrowFromEdge(bar, DOWN) for bar in bars), lag_ratio=0.2),
            LaggedStart(*(FadeIn(number) for number in numbers), lag_ratio=0.2),
            run_time=2,
            subcaption=f"Only {rank} of them {'is' if rank == 1 else 'are'} non-zero.",
            beat="nonzero", narration=narrative.say_nonzero(rank),
        )
        verdict = MathTex(rf"\mathrm{{rank}}(\Delta W) = {rank} = r", font_size=style.MATH_SIZE,
                          color=style.HIGHLIGHT)
        verdict.next_to(chart, DOWN, buff=0.3).set_x(baseline.get_x())
        self.play(Write(verdict), run_time=1.2,
                  subcaption=f"ΔW has rank {rank}: everything it does fits through {rank} directions.",
                  beat="verdict", narration=narrative.say_verdict(rank))
        self.wait(3)


__all__ = ["LowRankLoRA", "lora_matrices", "shown_layer_rank"]
