"""Step 1 — Vectors are meaning: word vectors as columns of numbers, then as arrows in a 2-D view.

Every number comes from la_core: the 2-D coordinates and the share of squared length they keep
from `pca_project(center=False)` (so arrows stay arrows from the origin), each arrow's true 4-D
length from `norm`, and the closeness read-outs from `cosine_matrix`, `angle_between` and
`similarity_reading`.
"""

from __future__ import annotations

import numpy as np
from manim import (
    DEGREES,
    DOWN,
    RIGHT,
    UP,
    AnimationGroup,
    Create,
    DecimalMatrix,
    FadeIn,
    GrowFromPoint,
    Indicate,
    LaggedStart,
    Mobject,
    Rectangle,
    Text,
    ThreeDScene,
    UpdateFromAlphaFunc,
    VGroup,
    Write,
    config,
    smooth,
)

from la_core import Lesson, norm
from scenes import catalog, style
from scenes.base import LessonSceneMixin, label
from scenes.narrative import vectors as narrative
from scenes.narrative.pairs import Pair, pair
from scenes.narrative.vectors import contrast_pairs, space_view
from scenes.space3d import SpaceMixin, unit_axes

# Layout (scene units): the numbers panel on the left, the 2-D view on the right, read-outs below.
LEFT_PANEL_CENTER = np.array([-3.75, 0.35, 0.0])
LEFT_PANEL_SIZE = (5.8, 4.6)
#: The words' space on screen ((left, bottom), (right, top)), its padding, and the camera.
SPACE_BOX = ((-0.2, -1.55), (6.1, 2.05))  # room left around it for the labels at the tips
SPACE_PAD = 0.25
CAMERA_PHI = 20 * DEGREES  # the closest pair lies in the x-y plane: nearly face-on, at its true angle
CAMERA_THETA = -80 * DEGREES
CAMERA_TURN = 15 * DEGREES  # how far the camera swings while the arrows grow
SWING = (CAMERA_THETA + CAMERA_TURN, CAMERA_THETA)  # both ends of the swing (the camera starts on the last)
LABEL_AFTER = 0.7  # a label fades in when its arrow has grown this far
LABEL_LIMITS = ((-0.7, -1.95), (6.95, 2.25))  # where the arrows' labels may go (clear of the text)
REAL_NOTE_AT = np.array([6.85, 2.9, 0.0])  # right-aligned, under the title's line, over the 3-D view
AXES_NOTE_AT = np.array([6.85, 2.5, 0.0])  # under it: what the view's axes are
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


def pair_readout(compared: Pair, colors: dict[str, str]) -> Text:
    """cos and true angle of a pair, with la_core's reading of the cosine (words from narrative)."""
    a, b = compared.a, compared.b
    line = narrative.readout_line(compared)
    # Colour the two names by position: a word-keyed t2c would also colour "man" inside "woman"
    # (manim refuses the clash) or every "a" of the line for a word named "a".
    b_start = len(a) + len(" vs ")
    spans = {f"[0:{len(a)}]": colors[a], f"[{b_start}:{b_start + len(b)}]": colors[b]}
    return Text(line, font=style.FONT, font_size=style.BODY_SIZE - 2, color=style.FOREGROUND, t2c=spans)


class VectorsAreMeaning(SpaceMixin, LessonSceneMixin, ThreeDScene):
    """Word vectors: columns of numbers, then labelled arrows in the space they span (true angles)."""

    def construct(self) -> None:
        lesson = self.lesson
        names = lesson.word_names
        vectors = dict(lesson.words)
        colors = {name: style.word_color(name, names) for name in names}
        dim = len(vectors[names[0]])
        self.set_camera_orientation(phi=CAMERA_PHI, theta=CAMERA_THETA)

        heading = catalog.get("vectors").title
        title = self.flat(self.title(heading))
        self.play(Write(title), run_time=1.2, subcaption=f"{heading}.", beat="intro",
                  narration=narrative.say_intro())

        headings, columns, lengths = word_table(lesson, colors)
        self.flat(*headings, *columns, *lengths)
        self.play(
            LaggedStart(
                *(FadeIn(VGroup(h, c), shift=0.2 * DOWN) for h, c in zip(headings, columns, strict=True)),
                lag_ratio=0.5,
            ),
            run_time=2.5,
            subcaption=f"Each word is a list of {dim} numbers: a vector, the word's embedding.",
            beat="columns", narration=narrative.say_columns(lesson),
        )
        real = label(f"toy {dim}-D embeddings; real ones have {REAL_SIZES} numbers", size=style.SMALL_SIZE,
                     color=style.MUTED)
        self.flat(real.move_to(REAL_NOTE_AT, aligned_edge=RIGHT))
        self.play(FadeIn(real), run_time=0.8,
                  subcaption=f"Toy embeddings: a real model gives each token {REAL_SIZES} numbers.",
                  beat="real_size", narration=narrative.say_real_size())
        self.wait(1.2)

        view = space_view(lesson)
        arrows, arrow_labels = self.draw_space(view, names, colors)
        note = self.flat(label(narrative.view_note(view), size=style.LABEL_SIZE, color=style.MUTED)
                         .move_to([0, FOOTER_Y[0], 0]))
        axes_note = self.flat(label(narrative.axes_note(view), size=style.SMALL_SIZE, color=style.MUTED)
                              .move_to(AXES_NOTE_AT, aligned_edge=RIGHT))
        self.play(Create(self.axes), FadeIn(note), FadeIn(axes_note), run_time=1.5,
                  subcaption=narrative.view_caption(dim, view), beat="space",
                  narration=narrative.say_view(lesson, view))
        self.swing_thetas = SWING[::-1]  # the layout audit looks from across the swing
        order = sorted(range(len(names)), key=lambda n: -np.linalg.norm(view.coords[n]))
        self.play(
            LaggedStart(
                *(AnimationGroup(Indicate(columns[n], color=colors[names[n]]),
                                 AnimationGroup(GrowFromPoint(arrows[n], self.p((0, 0, 0))),
                                                FadeIn(arrow_labels[n]), lag_ratio=LABEL_AFTER))
                  for n in order),
                lag_ratio=0.5,
            ),
            UpdateFromAlphaFunc(self.axes, self.swing),  # the axes redrawn every frame of the swing
            run_time=3,
            subcaption="Each vector becomes an arrow from the origin, in its word's colour.",
            beat="arrows", narration=f"{narrative.say_arrows()} {narrative.say_colours(lesson)}",
        )
        self.swing_thetas = None
        self.wait(1.5)

        for n in range(len(names)):
            self.play(
                Indicate(columns[n], color=colors[names[n]], scale_factor=1.05),
                Write(lengths[n]),
                run_time=1.2,
                subcaption=f"{names[n]}: its true {dim}-D length is {style.fmt(norm(vectors[names[n]]))}.",
                beat="length", narration=narrative.say_length(names[n], norm(vectors[names[n]]), dim, n == 0),
            )
        self.wait(1.5)

        close, apart = (pair(lesson, *names_pair) for names_pair in contrast_pairs(lesson))
        readouts = VGroup(pair_readout(close, colors), pair_readout(apart, colors))
        for readout, y in zip(readouts, FOOTER_Y[1:], strict=True):
            readout.move_to([0, y, 0])
        readouts.scale(min(1.0, (config.frame_width - 2 * style.FRAME_MARGIN) / readouts.width))
        self.flat(*readouts)
        self.play(FadeIn(readouts[0]), run_time=1.5,
                  subcaption=narrative.closest_pair_caption(close), beat="closest",
                  narration=narrative.say_closest(close))
        self.wait(1.5)
        self.play(FadeIn(readouts[1]), run_time=1.5,
                  subcaption=narrative.farthest_caption(apart), beat="farthest",
                  narration=narrative.say_farthest(apart))
        self.wait(3)

    def draw_space(self, view, names, colors) -> tuple[list[VGroup], list[Mobject]]:
        """Axes fitted to the words from both camera angles, an arrow and a label per word."""
        coords = view.coords
        low = np.minimum(coords.min(axis=0), 0.0) - SPACE_PAD
        high = np.maximum(coords.max(axis=0), 0.0) + SPACE_PAD
        self.axes = unit_axes(low, high, style.GRID)
        corners = np.vstack([coords, np.diag(low), np.diag(high), np.zeros(3)])
        self.fit_to_screen(corners, SPACE_BOX, SWING)
        arrows = [self.arrow((0, 0, 0), xyz, colors[name]) for name, xyz in zip(names, coords, strict=True)]
        texts = [label(name, size=style.BODY_SIZE, color=colors[name]) for name in names]
        labels = self.place_tip_labels(texts, coords, LABEL_LIMITS, SWING)
        return arrows, labels

    def swing(self, _: Mobject, alpha: float) -> None:
        """Turn the camera a little while the arrows grow, so depth reads (then it stays)."""
        self.camera.set_theta(CAMERA_THETA + CAMERA_TURN * smooth(alpha))
        self.camera.reset_rotation_matrix()  # every mobject is projected with the new angle


__all__ = ["VectorsAreMeaning", "contrast_pairs", "space_view"]
