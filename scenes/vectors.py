"""Step 1 — Vectors are meaning: word vectors as columns of numbers, then as arrows in a 2-D view.

Every number comes from la_core: the 2-D coordinates and the share of squared length they keep
from `pca_project(center=False)` (so arrows stay arrows from the origin), each arrow's true 4-D
length from `norm`, and the closeness read-outs from `cosine_matrix`, `angle_between` and
`similarity_reading`.
"""

from __future__ import annotations

import numpy as np
from manim import (
    DOWN,
    RIGHT,
    UP,
    AnimationGroup,
    Arrow,
    DecimalMatrix,
    FadeIn,
    GrowArrow,
    Indicate,
    LaggedStart,
    Rectangle,
    Scene,
    Text,
    VGroup,
    Write,
    config,
)

from la_core import Lesson, angle_between, cosine_matrix, norm, similarity_reading
from scenes import catalog, style
from scenes.arrow_labels import axes_around, place_labels
from scenes.base import LessonSceneMixin, label
from scenes.narrative import vectors as narrative
from scenes.narrative.pairs import pair
from scenes.narrative.vectors import contrast_pairs, pca_view

# Layout (scene units): the numbers panel on the left, the 2-D view on the right, read-outs below.
LEFT_PANEL_CENTER = np.array([-3.75, 0.35, 0.0])
LEFT_PANEL_SIZE = (5.8, 4.6)
PLOT_CENTER = np.array([3.55, 0.5, 0.0])
PLOT_SIZE = (6.0, 4.3)
PLOT_PAD = 0.18  # share of the data span left empty around the arrows
REAL_NOTE_AT = np.array([6.85, 2.9, 0.0])  # right-aligned, under the title's line, over the 2-D view
REAL_SIZES = "768–4096"  # the lesson's table: a word / token becomes "a vector of 768–4096 numbers"
FOOTER_Y = (-2.2, -2.85, -3.4)  # the 2-D view's note, then one line per contrasted pair
ENTRY_SIZE = 30
ARROW_WIDTH = 5


def word_column(vector: np.ndarray, color: str) -> DecimalMatrix:
    """A word's numbers as a column vector, brackets in the word's colour."""
    column = DecimalMatrix(
        [[value] for value in vector],
        element_to_mobject_config={"num_decimal_places": style.DECIMALS, "font_size": ENTRY_SIZE},
        v_buff=0.62,
        bracket_h_buff=0.15,
    )
    column.get_brackets().set_color(color)
    return column


def word_table(lesson: Lesson, colors: dict[str, str]) -> tuple[list[Text], list[DecimalMatrix], list[Text]]:
    """Headings, columns and (not yet shown) length read-outs, laid out as one aligned table."""
    names = lesson.word_names
    columns = [word_column(lesson.words[name], colors[name]) for name in names]
    headings = [label(name, size=style.BODY_SIZE, color=colors[name]) for name in names]
    lengths = [
        label(f"length {style.fmt(norm(lesson.words[name]))}", size=style.SMALL_SIZE, color=colors[name])
        for name in names
    ]
    widest = max(mob.width for mob in [*columns, *headings, *lengths])
    slots = VGroup(*(Rectangle(width=widest, height=columns[0].height) for _ in names))
    slots.arrange(RIGHT, buff=0.35)
    for slot, column, heading, length in zip(slots, columns, headings, lengths, strict=True):
        column.move_to(slot)
        heading.next_to(slot, UP, buff=0.25)
        length.next_to(slot, DOWN, buff=0.25)
    # Words differ in ascenders and descenders: line the headings up by their lowest edge.
    low = min(heading.get_bottom()[1] for heading in headings)
    for heading in headings:
        heading.shift((low - heading.get_bottom()[1]) * UP)
    table = VGroup(*columns, *headings, *lengths)
    scale = min(1.0, LEFT_PANEL_SIZE[0] / table.width, LEFT_PANEL_SIZE[1] / table.height)
    table.scale(scale).move_to(LEFT_PANEL_CENTER)
    return headings, columns, lengths


def pair_readout(pair: tuple[str, str], vectors: dict[str, np.ndarray], colors: dict[str, str]) -> Text:
    """cos and true angle of a pair, with the lesson's reading of the cosine."""
    a, b = pair
    cos = float(cosine_matrix(np.stack([vectors[a], vectors[b]]))[0, 1])
    angle = angle_between(vectors[a], vectors[b], degrees=True)
    line = (
        f"{a} vs {b}:  cos {style.fmt(cos)},  true angle {style.fmt(angle, 1)}°  →  {similarity_reading(cos)}"
    )
    # Colour the two names by position: a word-keyed t2c would also colour "man" inside "woman"
    # (manim refuses the clash) or every "a" of the line for a word named "a".
    b_start = len(a) + len(" vs ")
    spans = {f"[0:{len(a)}]": colors[a], f"[{b_start}:{b_start + len(b)}]": colors[b]}
    return Text(line, font=style.FONT, font_size=style.BODY_SIZE - 2, color=style.FOREGROUND, t2c=spans)


class VectorsAreMeaning(LessonSceneMixin, Scene):
    """Word vectors: columns of numbers, then labelled arrows; similar words point the same way."""

    def construct(self) -> None:
        lesson = self.lesson
        names = lesson.word_names
        vectors = dict(lesson.words)
        colors = {name: style.word_color(name, names) for name in names}
        dim = len(vectors[names[0]])

        heading = catalog.get("vectors").title
        title = self.title(heading)
        self.play(Write(title), run_time=1.2, subcaption=f"{heading}.")

        headings, columns, lengths = word_table(lesson, colors)
        self.play(
            LaggedStart(
                *(FadeIn(VGroup(h, c), shift=0.2 * DOWN) for h, c in zip(headings, columns, strict=True)),
                lag_ratio=0.5,
            ),
            run_time=2.5,
            subcaption=f"Each word is a list of {dim} numbers: a vector, the word's embedding.",
        )
        real = label(f"toy {dim}-D embeddings; real ones have {REAL_SIZES} numbers", size=style.SMALL_SIZE,
                     color=style.MUTED).move_to(REAL_NOTE_AT, aligned_edge=RIGHT)
        self.play(FadeIn(real), run_time=0.8,
                  subcaption=f"Toy embeddings: a real model gives each token {REAL_SIZES} numbers.")
        self.wait(1.2)

        coords, kept = pca_view(lesson)
        axes = axes_around(coords, PLOT_CENTER, PLOT_SIZE, PLOT_PAD)
        origin = axes.c2p(0, 0)
        arrows = [
            Arrow(origin, axes.c2p(*xy), buff=0, color=colors[name], stroke_width=ARROW_WIDTH,
                  max_tip_length_to_length_ratio=0.12, max_stroke_width_to_length_ratio=8)
            for name, xy in zip(names, coords, strict=True)
        ]
        # Longest arrow first, so a shorter one lying along it is drawn on top and stays visible.
        order = sorted(range(len(names)), key=lambda n: -np.linalg.norm(coords[n]))
        arrow_labels = [label(name, size=style.BODY_SIZE, color=colors[name]) for name in names]
        for text in arrow_labels:  # hides an axis line running behind a label
            text.add_background_rectangle(color=style.BACKGROUND, opacity=1, buff=0.04)
        place_labels(arrow_labels, arrows, axes)
        kept_note = label(
            f"2-D view through the origin (PCA) keeps {style.fmt(100 * kept, 0)}% of the squared length",
            size=style.LABEL_SIZE,
            color=style.MUTED,
        ).move_to([0, FOOTER_Y[0], 0])
        self.play(FadeIn(axes), FadeIn(kept_note), run_time=1.5,
                  subcaption=narrative.squash_caption(dim, kept))
        self.play(
            LaggedStart(
                *(AnimationGroup(Indicate(columns[n], color=colors[names[n]]), GrowArrow(arrows[n]))
                  for n in order),
                lag_ratio=0.5,
            ),
            run_time=3,
            subcaption="Each vector becomes an arrow from the origin.",
        )
        self.play(*(FadeIn(text) for text in arrow_labels), run_time=1,
                  subcaption="Each arrow keeps its word's colour.")
        self.wait(1.5)

        for n in range(len(names)):
            self.play(
                Indicate(arrows[n], color=colors[names[n]], scale_factor=1.05),
                Write(lengths[n]),
                run_time=1.2,
                subcaption=f"{names[n]}: its true {dim}-D length is {style.fmt(norm(vectors[names[n]]))}.",
            )
        self.wait(1.5)

        close, apart = contrast_pairs(lesson)
        readouts = VGroup(pair_readout(close, vectors, colors), pair_readout(apart, vectors, colors))
        for readout, y in zip(readouts, FOOTER_Y[1:], strict=True):
            readout.move_to([0, y, 0])
        readouts.scale(min(1.0, (config.frame_width - 2 * style.FRAME_MARGIN) / readouts.width))
        index = {name: n for n, name in enumerate(names)}
        self.play(
            Indicate(arrows[index[close[0]]], color=colors[close[0]]),
            Indicate(arrows[index[close[1]]], color=colors[close[1]]),
            FadeIn(readouts[0]),
            run_time=1.5,
            subcaption=narrative.closest_pair_caption(pair(lesson, *close)),
        )
        self.wait(1.5)
        self.play(
            Indicate(arrows[index[apart[1]]], color=colors[apart[1]]),
            FadeIn(readouts[1]),
            run_time=1.5,
            subcaption=narrative.farthest_caption(pair(lesson, *apart)),
        )
        self.wait(3)


__all__ = ["VectorsAreMeaning", "contrast_pairs", "pca_view"]
