"""The concept — from a single number to a neural-network layer, one rung at a time.

Each rung of the lesson's ladder is drawn with the lesson's own data: a scalar (the first
entry of the first word), that word as a vector, the word matrix, W times every word (many dot
products at once) and the layer y = W x + b. Short: it opens the lecture after the title card.
Numbers from la_core through `scenes.narrative.ladder`.
"""

from __future__ import annotations

import numpy as np
from manim import LEFT, RIGHT, DecimalNumber, FadeIn, Mobject, Scene, VGroup, Write

from scenes import catalog, style
from scenes.base import LessonSceneMixin, label
from scenes.narrative import ladder as narrative
from scenes.parts import math, number_matrix

RUNG_MATH_SIZE = style.MATH_SIZE - 2  # the ladder's formulas sit one step below the house size

#: The lesson's own names for the rungs ("From a single number to a neural-network layer"); the
#: long one on two lines, so the pictures keep the right half.
RUNGS = (
    "Scalar — one number",
    "Vector — a list of numbers",
    "Matrix — a stack of vectors",
    "Matrix multiply —\nmany dot products at once",
    "A neural-network layer",
)
LABEL_LEFT = -6.6
DATA_LEFT = 0.6
TOP = 2.55
BOTTOM = -3.6
RUNG_GAP = 0.3
ENTRY_SIZE = 28
RUNG_SECONDS = 1.1
HOLD_SECONDS = 1.3


class ConceptLadder(LessonSceneMixin, Scene):
    """Scalar → vector → matrix → matrix multiply → layer, with the lesson's numbers."""

    def construct(self) -> None:
        rung = narrative.ladder(self.lesson)
        heading = catalog.get("ladder").title
        self.play(Write(self.title(heading)), run_time=1.0, subcaption=narrative.opening_caption(),
                  beat="intro", narration=narrative.say_opening())
        pictures = self.pictures(rung)
        rows = self.lay_out(pictures)
        captions = (narrative.scalar_caption(rung), narrative.vector_caption(rung),
                    narrative.matrix_caption(rung), narrative.multiply_caption(rung),
                    narrative.layer_caption(rung))
        spoken = narrative.say_rungs(rung)
        for (name, picture), caption, (beat, words) in zip(rows, captions, spoken, strict=True):
            self.play(FadeIn(name, shift=0.2 * RIGHT), FadeIn(picture), run_time=RUNG_SECONDS,
                      subcaption=caption, beat=beat, narration=words)
            self.wait(HOLD_SECONDS)
        self.wait(2.5)

    def pictures(self, rung: narrative.Ladder) -> list[Mobject]:
        """What each rung shows, drawn from the lesson's numbers."""
        color = style.word_color(rung.name, self.lesson.word_names)
        scalar = DecimalNumber(rung.scalar, num_decimal_places=style.DECIMALS, font_size=style.MATH_SIZE,
                               color=color)
        vector = number_matrix(np.atleast_2d(rung.vector), font_size=ENTRY_SIZE, h_buff=0.95)
        vector.get_brackets().set_color(color)
        words = number_matrix(rung.words, font_size=ENTRY_SIZE, h_buff=0.95, v_buff=0.5)
        for row, name in zip(words.get_rows(), self.lesson.word_names, strict=True):
            row.set_color(style.word_color(name, self.lesson.word_names))
        (m, n), dim = rung.product_shape, rung.words.shape[1]
        product = VGroup(
            math(r"W X^\top =", style.FOREGROUND, RUNG_MATH_SIZE),
            number_matrix(rung.product, font_size=ENTRY_SIZE, h_buff=0.95, v_buff=0.5),
            math(rf"({m} \times {dim})({dim} \times {n}) \rightarrow ({m} \times {n})", style.MUTED,
                 RUNG_MATH_SIZE),
        ).arrange(RIGHT, buff=0.25)
        layer = VGroup(math("y = W x + b =", style.FOREGROUND, RUNG_MATH_SIZE),
                       number_matrix(np.atleast_2d(rung.y), font_size=ENTRY_SIZE, h_buff=0.95)
                       .set_color(style.HIGHLIGHT)).arrange(RIGHT, buff=0.25)
        return [VGroup(scalar, label(f"the first entry of {rung.name}", style.SMALL_SIZE, style.MUTED))
                .arrange(RIGHT, buff=0.3),
                VGroup(vector, label(rung.name, style.LABEL_SIZE, color)).arrange(RIGHT, buff=0.3),
                VGroup(words, math(rf"X:\ {rung.words.shape[0]} \times {dim}", style.MUTED, RUNG_MATH_SIZE))
                .arrange(RIGHT, buff=0.3),
                product, layer]

    def lay_out(self, pictures: list[Mobject]) -> list[tuple[Mobject, Mobject]]:
        """One rung per row, names on the left, pictures right of them, all fitted top to bottom."""
        names = [label(text, style.LABEL_SIZE, style.FOREGROUND) for text in RUNGS]
        rows = [VGroup(name, picture) for name, picture in zip(names, pictures, strict=True)]
        for name, picture in rows:
            name.move_to([LABEL_LEFT, 0, 0], aligned_edge=LEFT)
            picture.move_to([DATA_LEFT, 0, 0], aligned_edge=LEFT)
        ladder = VGroup(*rows).arrange(np.array([0.0, -1.0, 0.0]), buff=RUNG_GAP, aligned_edge=LEFT)
        ladder.scale(min(1.0, (TOP - BOTTOM) / ladder.height, (6.9 - LABEL_LEFT) / ladder.width))
        ladder.move_to([LABEL_LEFT, (TOP + BOTTOM) / 2, 0], aligned_edge=LEFT)
        return [(name, picture) for name, picture in rows]


__all__ = ["ConceptLadder"]
