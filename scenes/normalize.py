"""Exercise 4 and the cosine key term: normalize a batch of word vectors to unit length.

The words are a batch X (one row each) and arrows in the space they span (as `vectors` draws
them, `scenes.narrative.vectors.space_view`). Dividing every row by its length
(`X / np.linalg.norm(X, axis=1, keepdims=True)`, la_core's `normalize_rows`) shrinks or grows
each arrow onto the unit circle and sphere while its length counts to 1.00; then Û Ûᵀ is the
matrix of cosines (la_core's `cosine_matrix`), its entries Step 2's cosines.
"""

from __future__ import annotations

from itertools import pairwise

import numpy as np
from manim import (
    DEGREES,
    LEFT,
    RIGHT,
    TAU,
    UP,
    ChangeDecimalToValue,
    Create,
    DecimalNumber,
    FadeIn,
    FadeOut,
    GrowFromPoint,
    LaggedStart,
    Mobject,
    ParametricFunction,
    ReplacementTransform,
    SurroundingRectangle,
    Text,
    ThreeDScene,
    Transform,
    UpdateFromAlphaFunc,
    UpdateFromFunc,
    VGroup,
    Write,
    smooth,
)

from scenes import catalog, style
from scenes.base import LessonSceneMixin, label
from scenes.narrative import normalize as narrative
from scenes.narrative import places
from scenes.parts import math, number_matrix
from scenes.space3d import SpaceMixin, unit_axes

TABLE_CENTER = np.array([-3.7, 0.45, 0.0])
TABLE_SIZE = (6.2, 4.4)
SPACE_BOX = ((0.9, -2.0), (6.4, 2.5))  # the words' space on screen ((left, bottom), (right, top))
LABEL_LIMITS = ((0.4, -2.45), (6.9, 2.85))
SPACE_PAD = 0.2
CAMERA_PHI = 55 * DEGREES  # seen from above the x-y plane (where the closest pair lies): a globe
CAMERA_THETA = -75 * DEGREES
CAMERA_TURN = 30 * DEGREES
SWING = (CAMERA_THETA + CAMERA_TURN, CAMERA_THETA)
LABEL_REACH = 0.3
EXPRESSION_Y = -2.85
FOOTER_Y = -3.5
GRAM_CENTER = np.array([3.7, 0.55, 0.0])
GRAM_SIZE = (6.4, 3.6)
PAIR_LINES_Y = (-1.75, -2.3)
CODE_FONT = "DejaVu Sans Mono"
ENTRY_SIZE = style.MATH_SIZE - 4


def batch_table(u: narrative.Unit, colors: dict[str, str]) -> VGroup:
    """Row labels, X and a length per row, scaled into the left panel. Parts: names, matrix, head, lengths."""
    matrix = number_matrix(u.X, decimals=places(u.X), font_size=ENTRY_SIZE, h_buff=1.0, v_buff=0.6)
    names = VGroup(*(label(n, style.LABEL_SIZE, colors[n]).next_to(matrix, LEFT, buff=0.25)
                     .set_y(row.get_y()) for n, row in zip(u.names, matrix.get_rows(), strict=True)))
    lengths = VGroup(*(DecimalNumber(v, num_decimal_places=style.DECIMALS, font_size=ENTRY_SIZE)
                       .set_color(style.HIGHLIGHT).next_to(matrix, RIGHT, buff=0.45).set_y(row.get_y())
                       for v, row in zip(u.lengths, matrix.get_rows(), strict=True)))
    head = label("length", style.SMALL_SIZE, style.HIGHLIGHT).next_to(lengths, UP, buff=0.3)
    name = math("X").next_to(matrix, UP, buff=0.2)
    table = VGroup(names, matrix, head, lengths, name)
    table.scale(min(1.0, TABLE_SIZE[0] / table.width, TABLE_SIZE[1] / table.height)).move_to(TABLE_CENTER)
    return table


def unit_matrix(u: narrative.Unit, like: Mobject) -> Mobject:
    """Û in the place and size of X."""
    matrix = number_matrix(u.U, decimals=style.DECIMALS, font_size=ENTRY_SIZE, h_buff=1.0, v_buff=0.6)
    return matrix.scale(like.get_rows()[0].height / matrix.get_rows()[0].height).move_to(like)


def gram_block(u: narrative.Unit, colors: dict[str, str]) -> VGroup:
    """'Û Ûᵀ =' and the cosines with the words along both sides. Parts: title, matrix, rows, columns."""
    matrix = number_matrix(u.gram, decimals=narrative.COSINE_DECIMALS, font_size=ENTRY_SIZE, h_buff=1.35,
                           v_buff=0.6)
    rows = VGroup(*(label(n, style.SMALL_SIZE, colors[n]).next_to(matrix, LEFT, buff=0.2).set_y(r.get_y())
                    for n, r in zip(u.names, matrix.get_rows(), strict=True)))
    cols = VGroup(*(label(n, style.SMALL_SIZE, colors[n]).next_to(matrix, UP, buff=0.15).set_x(c.get_x())
                    for n, c in zip(u.names, matrix.get_columns(), strict=True)))
    if any(b.get_left()[0] - a.get_right()[0] < 0.1 for a, b in pairwise(cols)):
        for text in cols[1::2]:  # long names alternate up and down so neighbours never touch
            text.shift(UP * 0.3)
    title = math(r"\hat U \hat U^\top").next_to(VGroup(rows, matrix, cols), UP, buff=0.2)
    block = VGroup(title, matrix, rows, cols)
    block.scale(min(1.0, GRAM_SIZE[0] / block.width, GRAM_SIZE[1] / block.height)).move_to(GRAM_CENTER)
    return block


class Normalize(SpaceMixin, LessonSceneMixin, ThreeDScene):
    """Words scaled onto the unit sphere, the numpy expression beside them, then Û Ûᵀ = cosines."""

    def construct(self) -> None:
        u = narrative.unit(self.lesson)
        colors = {name: style.word_color(name, u.names) for name in u.names}
        self.set_camera_orientation(phi=CAMERA_PHI, theta=CAMERA_THETA)
        heading = catalog.get("normalize").title
        title = self.flat(self.title(heading))
        self.play(Write(title), run_time=1.0, beat="title", subcaption=f"{heading}.",
                  narration=narrative.say_title())

        table = self.flat(batch_table(u, colors))
        names, matrix, head, lengths, x_name = table
        self.play(FadeIn(VGroup(names, matrix, x_name)), FadeIn(head), FadeIn(lengths), run_time=1.5,
                  beat="batch", subcaption=narrative.batch_caption(u),
                  narration=narrative.say_batch(u))
        arrows, texts, circles = self.draw_space(u, colors)
        note = self.flat(label(narrative.arrows_caption(u), style.SMALL_SIZE, style.MUTED)
                         .move_to([0, FOOTER_Y, 0]))
        note.scale(min(1.0, 13.6 / note.width))
        self.play(Create(self.axes), Create(circles), FadeIn(note), run_time=1.2, beat="space",
                  subcaption=narrative.arrows_caption(u),
                  narration=narrative.say_arrows(u))
        self.play(LaggedStart(*(GrowFromPoint(a, self.p((0, 0, 0))) for a in arrows), lag_ratio=0.3),
                  UpdateFromAlphaFunc(VGroup(self.axes, circles), self.swing), run_time=2.5, beat="arrows",
                  subcaption="Each word is an arrow from the origin, as long as its length.",
                  narration=narrative.say_unit_arrows())
        self.play(*(FadeIn(t) for t in texts), run_time=0.6)
        self.wait(0.8)

        self.scale_to_unit(u, colors, arrows, texts, matrix, lengths, x_name)
        self.cosines(u, colors, arrows, circles, note)

    def draw_space(self, u: narrative.Unit, colors: dict[str, str]) -> tuple[list, list, VGroup]:
        """Axes fitted to the words and the unit sphere from both camera angles; arrows, labels, circles."""
        coords = u.view.coords
        low = np.minimum(np.minimum(coords.min(axis=0), -1.0), 0.0) - SPACE_PAD
        high = np.maximum(np.maximum(coords.max(axis=0), 1.0), 0.0) + SPACE_PAD
        self.axes = unit_axes(low, high, style.GRID)
        reach = np.vstack([coords, u.unit_coords])
        reach = reach * (1 + LABEL_REACH / np.maximum(np.linalg.norm(reach, axis=1, keepdims=True), 1e-9))
        turns = np.linspace(0, TAU, 25)[:-1]
        planes = ((0, 1, style.MUTED, 3), (0, 2, style.GRID, 2), (1, 2, style.GRID, 2))  # a wire globe
        rims = [np.outer(np.cos(turns), np.eye(3)[a]) + np.outer(np.sin(turns), np.eye(3)[b])
                for a, b, _, _ in planes]
        self.fit_to_screen(np.vstack([coords, reach, *rims, np.diag(low), np.diag(high), np.zeros(3)]),
                           SPACE_BOX, SWING)
        circles = VGroup(*(self.great_circle(np.eye(3)[a], np.eye(3)[b], color, width)
                           for a, b, color, width in planes))
        arrows = [self.arrow((0, 0, 0), xyz, colors[n]) for n, xyz in zip(u.names, coords, strict=True)]
        texts = self.place_tip_labels([label(n, style.LABEL_SIZE, colors[n]) for n in u.names], coords,
                                      LABEL_LIMITS, SWING)
        return arrows, texts, circles

    def great_circle(self, a: np.ndarray, b: np.ndarray, color: str, width: float) -> ParametricFunction:
        """The unit circle in the plane of the unit vectors a and b."""
        return ParametricFunction(lambda t: self.p(np.cos(t) * a + np.sin(t) * b), t_range=[0, TAU],
                                  color=color, stroke_width=width)

    def swing(self, _: Mobject, alpha: float) -> None:
        """Turn the camera a little while the arrows grow, so depth reads (then it stays)."""
        self.camera.set_theta(CAMERA_THETA + CAMERA_TURN * smooth(alpha))
        self.camera.reset_rotation_matrix()

    def kept_flat(self, *mobjects: Mobject) -> UpdateFromFunc:
        """Keep text pinned to the frame while an animation changes its parts (a Transform or a
        counting number adds glyphs the camera has not been told are flat)."""
        return UpdateFromFunc(VGroup(*mobjects), self.camera.add_fixed_in_frame_mobjects)

    def scale_to_unit(self, u, colors, arrows, texts, matrix, lengths, x_name) -> None:
        """Every row divided by its length: arrows onto the sphere, lengths to 1.00, X into Û."""
        code = Text(f"Û = {narrative.EXPRESSION}", font=CODE_FONT, font_size=style.SMALL_SIZE + 2,
                    color=style.FOREGROUND, t2c={"Û": style.HIGHLIGHT})
        code = self.flat(code.move_to([0, EXPRESSION_Y, 0]))
        units = [self.arrow((0, 0, 0), xyz, colors[n]) for n, xyz in zip(u.names, u.unit_coords, strict=True)]
        new_texts = self.place_tip_labels([label(n, style.LABEL_SIZE, colors[n]) for n in u.names],
                                          u.unit_coords, LABEL_LIMITS, SWING[:1])  # where the swing ended
        u_matrix = self.flat(unit_matrix(u, matrix))
        u_name = self.flat(math(r"\hat U").move_to(x_name))
        self.play(*(FadeOut(t) for t in texts), run_time=0.4)
        self.play(*(Transform(a, b) for a, b in zip(arrows, units, strict=True)),
                  *(ChangeDecimalToValue(n, 1.0) for n in lengths), ReplacementTransform(matrix, u_matrix),
                  ReplacementTransform(x_name, u_name), FadeIn(code),
                  self.kept_flat(matrix, x_name, *lengths), run_time=2.5, beat="scale",
                  subcaption=narrative.scale_caption(u), narration=narrative.scale_narration(u))
        self.play(*(FadeIn(t) for t in new_texts), run_time=0.6)
        self.wait(1.2)
        self.unit_texts = new_texts

    def cosines(self, u, colors, arrows, circles, note) -> None:
        """Û Ûᵀ in place of the picture: the cosines, Step 2's two pairs framed and read."""
        gram = self.flat(gram_block(u, colors))
        self.play(FadeOut(VGroup(self.axes, circles, *arrows)), *(FadeOut(t) for t in self.unit_texts),
                  FadeOut(note), run_time=0.6)
        self.play(FadeIn(gram), run_time=1.2, beat="gram", subcaption=narrative.gram_caption(u),
                  narration=narrative.say_gram())
        matrix = gram[1]
        for pair, y in zip(u.pairs, PAIR_LINES_Y, strict=True):
            box = self.flat(SurroundingRectangle(matrix.get_rows()[pair.i][pair.j], color=style.HIGHLIGHT,
                                                 buff=0.06))
            line = label(narrative.pair_line(pair), style.SMALL_SIZE, style.FOREGROUND)
            line = self.flat(line.move_to([GRAM_CENTER[0], y, 0]))
            line.scale(min(1.0, 6.6 / line.width))
            self.play(Create(box), FadeIn(line), run_time=1.0, beat="pair",
                      subcaption=narrative.pair_caption(pair), narration=narrative.say_pair(pair))
            self.wait(0.8)
        moral = self.flat(label(narrative.moral_caption(), style.BODY_SIZE - 2, style.HIGHLIGHT)
                          .move_to([0, FOOTER_Y, 0]))
        moral.scale(min(1.0, 13.6 / moral.width))
        self.play(FadeIn(moral), run_time=1.0, beat="moral", subcaption=narrative.moral_caption(),
                  narration=narrative.say_moral())
        self.wait(2.0)


__all__ = ["Normalize"]
