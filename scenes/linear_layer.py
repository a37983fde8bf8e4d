"""Step 4 — a linear layer: y = W x + b, computed row by row, for every word.

The lesson's W (2×4) takes the first word (king) to y = W x + b: each output is one row of W
dotted with the word, the shapes (m×k)·(k) → (m) written beside it, then the bias is added.
Every word then goes through the same W into the plane, and the scene ends on the lesson's
point: training is the search for W, the weights are the model. Numbers from la_core's
`linear_layer` and `result_shape` (through `scenes.narrative.linear_layer`).
"""

from __future__ import annotations

import numpy as np
from manim import (
    DOWN,
    LEFT,
    RIGHT,
    UP,
    Arrow,
    Create,
    FadeIn,
    FadeOut,
    GrowArrow,
    Indicate,
    MathTex,
    Mobject,
    ReplacementTransform,
    Scene,
    TransformFromCopy,
    VGroup,
    Write,
)

from la_core import Lesson
from scenes import catalog, style
from scenes.arrow_labels import axes_around, place_labels
from scenes.base import LessonSceneMixin, label
from scenes.narrative import linear_layer as narrative
from scenes.parts import column_box, math, number_matrix, row_box

# Layout (scene units).
EQUATION_CENTER = np.array([0.0, 1.05, 0.0])
EQUATION_WIDTH = 12.6
EQUATION_HEIGHT = 3.1
SHAPE_Y = -0.95
WORK_Y = -1.75
WORK_WIDTH = 13.0
PLOT_CENTER = np.array([3.7, -2.0, 0.0])
PLOT_SIZE = (5.6, 2.7)
PLOT_PAD = 0.2
NOTES_LEFT = -6.7
NOTES_Y = (-1.3, -2.1, -2.9)
ENTRY_SIZE = 34
ROW_COLORS = (style.SKY_BLUE, style.ORANGE)
OUTPUT_COLOR = style.HIGHLIGHT
BIAS_COLOR = style.REDDISH_PURPLE


def named(block: Mobject, name: Mobject, size: str) -> VGroup:
    """A matrix with its name above and its shape below."""
    name.next_to(block, UP, buff=0.2)
    shape = math(size, style.MUTED, style.MATH_SIZE - 8).next_to(block, DOWN, buff=0.2)
    return VGroup(block, name, shape)


def dot_line(row: np.ndarray, x: np.ndarray, bias: float, total: float, name: str, i: int) -> MathTex:
    """'row i · king + b_i = w1·x1 + ... + b_i = y_i' with every product written out."""
    factor = [f"({style.tex_number(v)})" if v < 0 else style.tex_number(v) for v in x]  # 0.50·(−0.20)
    parts = [f"{style.tex_number(abs(w))}\\cdot{f}" for w, f in zip(row, factor, strict=True)]
    parts.append(style.tex_number(abs(bias)))
    signs = ["-" if value < 0 else "+" for value in (*row, bias)]
    terms = ("-" if signs[0] == "-" else "") + parts[0] + "".join(
        f" {sign} {part}" for sign, part in zip(signs[1:], parts[1:], strict=True))
    return MathTex(rf"\text{{row {i + 1}}} \cdot \text{{{name}}} + b_{i + 1} = {terms} = ",
                   style.tex_number(total), font_size=style.MATH_SIZE - 4)


class LinearLayer(LessonSceneMixin, Scene):
    """y = W x + b: two dot products, a bias, and every word carried into the plane."""

    def construct(self) -> None:
        lesson = self.lesson
        self.step = narrative.layer(lesson)
        rows, inputs = self.step.shape
        heading = catalog.get("linear_layer").title
        self.play(Write(self.title(heading)), run_time=1.0, subcaption=f"{heading}.", beat="intro",
                  narration=narrative.say_intro())
        self.build_equation(lesson)
        self.play(FadeIn(self.w_block), FadeIn(self.x_block), FadeIn(self.b_block), FadeIn(self.y_block),
                  *(FadeIn(sign) for sign in self.signs), run_time=1.2,
                  subcaption=narrative.intro_caption(self.step), beat="equation",
                  narration=narrative.say_equation(self.step))
        shapes = math(rf"({rows} \times {inputs}) \cdot ({inputs}) \rightarrow ({rows})", style.MUTED)
        shapes.move_to([0, SHAPE_Y, 0])
        self.play(Write(shapes), run_time=1.0, subcaption=narrative.shapes_caption(self.step), beat="shapes",
                  narration=narrative.say_shapes(self.step))
        self.wait(0.6)
        self.rows_one_by_one()
        self.add_bias(lesson)
        self.play(FadeOut(shapes), run_time=0.4)
        self.every_word(lesson)
        self.the_model()

    # -- the equation W · x + b = y -------------------------------------------------
    def build_equation(self, lesson: Lesson) -> None:
        step = self.step
        rows, inputs = step.shape
        color = style.word_color(step.name, lesson.word_names)
        self.w_matrix = number_matrix(lesson.W, font_size=ENTRY_SIZE, h_buff=1.0, v_buff=0.56)
        self.x_matrix = number_matrix(np.reshape(step.x, (-1, 1)), font_size=ENTRY_SIZE, v_buff=0.56)
        self.x_matrix.get_brackets().set_color(color)
        self.b_matrix = number_matrix(np.reshape(lesson.b, (-1, 1)), font_size=ENTRY_SIZE, v_buff=0.56)
        self.b_matrix.get_entries().set_color(BIAS_COLOR)
        self.y_matrix = number_matrix(np.reshape(step.y, (-1, 1)), font_size=ENTRY_SIZE, v_buff=0.56)
        self.y_matrix.get_entries().set_color(OUTPUT_COLOR)
        self.w_block = named(self.w_matrix, math("W"), rf"{rows} \times {inputs}")
        self.x_block = named(self.x_matrix, label(step.name, style.BODY_SIZE, color), str(inputs))
        self.b_block = named(self.b_matrix, math("b", BIAS_COLOR), str(rows))
        self.y_block = named(self.y_matrix, math("y", OUTPUT_COLOR), str(rows))
        self.signs = [math(r"\cdot"), math("+"), math("=")]
        equation = VGroup(self.w_block, self.signs[0], self.x_block, self.signs[1], self.b_block,
                          self.signs[2], self.y_block).arrange(RIGHT, buff=0.35)
        for block in (self.x_block, self.b_block, self.y_block):  # matrices level with W's middle
            block.shift((self.w_matrix.get_y() - block[0].get_y()) * UP)
        for sign in self.signs:
            sign.set_y(self.w_matrix.get_y())
        equation.scale(min(1.0, EQUATION_WIDTH / equation.width, EQUATION_HEIGHT / equation.height))
        equation.move_to(EQUATION_CENTER)
        self.y_entries = self.y_matrix.get_entries()
        self.y_entries.set_opacity(0)  # filled in row by row

    def rows_one_by_one(self) -> None:
        """Each output is one row of W dotted with the word: two dot products."""
        step, work = self.step, None
        for i in range(step.shape[0]):
            frames = VGroup(row_box(self.w_matrix, i, ROW_COLORS[i % 2]),
                            column_box(self.x_matrix, 0, ROW_COLORS[i % 2]),
                            row_box(self.b_matrix, i, ROW_COLORS[i % 2]))
            line = dot_line(self.lesson.W[i], step.x, float(self.lesson.b[i]), float(step.y[i]), step.name, i)
            line.scale(min(1.0, WORK_WIDTH / line.width)).move_to([0, WORK_Y, 0])
            show = FadeIn(line) if work is None else ReplacementTransform(work, line)
            self.play(Create(frames), show, run_time=1.2, subcaption=narrative.row_caption(step, i),
                      beat="row",
                      narration=narrative.say_row(step, i))
            entry = self.y_entries[i]
            shown = entry.copy().set_opacity(1)
            self.play(TransformFromCopy(line[1], shown), FadeOut(frames), run_time=0.8)
            self.remove(shown)
            entry.set_opacity(1)
            work = line
        self.play(FadeOut(work), run_time=0.4)

    def add_bias(self, lesson: Lesson) -> None:
        """+ b: zero in the lesson's own code; any other bias shifts every output alike."""
        self.play(Indicate(self.b_matrix, color=BIAS_COLOR, scale_factor=1.08), run_time=1.2,
                  subcaption=narrative.bias_caption(self.step, lesson.b), beat="bias",
                  narration=narrative.say_bias(self.step, lesson.b))
        self.wait(0.8)

    # -- every word, and the point of it all -----------------------------------------
    def every_word(self, lesson: Lesson) -> None:
        names = lesson.word_names
        coords = np.array([self.step.outputs[name] for name in names])
        axes = axes_around(coords, PLOT_CENTER, PLOT_SIZE, PLOT_PAD)
        origin = axes.c2p(0, 0)
        arrows = [Arrow(origin, axes.c2p(*xy), buff=0, color=style.word_color(name, names), stroke_width=5,
                        max_tip_length_to_length_ratio=0.15, max_stroke_width_to_length_ratio=8)
                  for name, xy in zip(names, coords, strict=True)]
        labels = [label(name, style.LABEL_SIZE, style.word_color(name, names)) for name in names]
        for text in labels:
            text.add_background_rectangle(color=style.BACKGROUND, opacity=1, buff=0.04)
        place_labels(labels, arrows, axes)
        note = label(f"each word: {self.step.shape[1]} numbers in, {self.step.shape[0]} out",
                     style.LABEL_SIZE, style.MUTED)
        note.move_to([NOTES_LEFT, NOTES_Y[0], 0], aligned_edge=LEFT)
        self.play(FadeIn(axes), *(GrowArrow(a) for a in arrows), *(FadeIn(t) for t in labels), FadeIn(note),
                  run_time=1.8, subcaption=narrative.every_word_caption(self.step), beat="every_word",
                  narration=narrative.say_every_word(lesson, self.step))
        self.wait(1.2)

    def the_model(self) -> None:
        lines = [label("training is the search for W", style.BODY_SIZE, style.FOREGROUND),
                 label("the weights are the model", style.BODY_SIZE, OUTPUT_COLOR)]
        for line, y in zip(lines, NOTES_Y[1:], strict=True):
            line.move_to([NOTES_LEFT, y, 0], aligned_edge=LEFT)
        self.play(Indicate(self.w_matrix, color=OUTPUT_COLOR, scale_factor=1.05),
                  FadeIn(lines[0], shift=0.2 * UP), run_time=1.4,
                  subcaption="Training is the search for the W that maps inputs to useful outputs.",
                  beat="training", narration=narrative.say_training())
        self.play(FadeIn(lines[1], shift=0.2 * UP), run_time=1.0,
                  subcaption="The matrices are the model: downloading weights downloads transformations.",
                  beat="model", narration=narrative.say_model())
        self.wait(2.5)


__all__ = ["LinearLayer"]
