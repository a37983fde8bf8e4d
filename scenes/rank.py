"""Step 3 — Rank: how many directions are real (3-D).

v1 and v2 span a plane; v3 is built tip to tail from them with the coefficients la_core's
`dependency` finds, so it adds no new direction and [0, 0, 1] stays out of reach. Then the matrix
V with rows v1, v2, v3 squashes a cube flat while bars show its singular values, one falling to
zero: rank 2, and the lesson's diagnosis. Every number comes from la_core applied to the lesson.
"""

from __future__ import annotations

import textwrap

import numpy as np
from manim import (
    DEGREES,
    DOWN,
    LEFT,
    RIGHT,
    UP,
    Create,
    DashedLine,
    DecimalMatrix,
    DecimalNumber,
    Dot3D,
    FadeIn,
    FadeOut,
    GrowFromPoint,
    Mobject,
    Polygon,
    Text,
    ThreeDScene,
    UpdateFromAlphaFunc,
    VGroup,
    Write,
    always_redraw,
    smooth,
)

from la_core import dependency, diagnose, matrix_rank, singular_values, span_basis, transform
from scenes import catalog, style
from scenes.base import LessonSceneMixin
from scenes.narrative import count_word
from scenes.narrative import rank as narrative
from scenes.parts import math
from scenes.rank_parts import (
    CUBE_CORNERS,
    cube_group,
    decimals_for,
    patch_corners,
    row_vector,
    tex_name,
    value_bars,
    words,
)
from scenes.space3d import SpaceMixin, unit_axes

CAMERA_PHI = 55 * DEGREES  # steep enough for depth, open enough to see the plane as an area
CAMERA_THETA = -55 * DEGREES
CAMERA_TURN = 25 * DEGREES  # how far the camera swings while the cube collapses
#: Where the 3-D picture goes on screen: (left, bottom), (right, top) in frame units.
PICTURE_BOX = ((-1.9, -3.3), (4.2, 2.5))  # between the text column and the bars
CUBE_REACH = 1.5  # the cube's image may reach this many times as far as the vectors


class RankScene(SpaceMixin, LessonSceneMixin, ThreeDScene):
    """Span, dependency and an unreachable direction; then V flattens a cube and loses a singular value."""

    def construct(self) -> None:
        lesson = self.lesson
        self.names = list(lesson.span_vectors)
        self.vectors = [np.asarray(v, dtype=float) for v in lesson.span_vectors.values()]
        # The matrix that acts on the cube has v1, v2, v3 as its COLUMNS (A = V transposed, same rank
        # and singular values as the lesson's V): A x = x1 v1 + x2 v2 + x3 v3 is always a mix of the
        # vectors, so the cube lands on the plane they were shown spanning. (V itself, with them as
        # rows, would land it on its column space, another plane.)
        self.A = np.asarray(lesson.V, dtype=float).T
        self.set_camera_orientation(phi=CAMERA_PHI, theta=CAMERA_THETA)
        self.build_axes()
        self.show_span()
        self.build_dependent_vector()
        self.show_unreachable()
        self.collapse_cube()
        self.conclude()

    # -- part 1: span, dependency, an unreachable direction -------------------------
    def build_axes(self) -> None:
        """Axes sized to the lesson's vectors and the cube's image, scaled and placed on screen."""
        points = np.vstack(
            [
                self.vectors,
                self.lesson.unreachable,
                self.cube_corners(),
                transform(self.A, self.cube_corners()),
                np.zeros(3),
            ]
        )
        low, high = np.floor(points.min(axis=0)) - 0.5, np.ceil(points.max(axis=0)) + 0.5
        patches = [patch_corners(*self.span_patch_data()), patch_corners(*self.image_patch_data())]
        points = np.vstack([points, *(corners for corners in patches if corners is not None)])
        self.axes = unit_axes(low, high, style.MUTED, ticks=True)
        axis_ends = np.vstack([np.diag(low), np.diag(high)])  # where the axis lines end
        swing = (CAMERA_THETA + CAMERA_TURN, CAMERA_THETA)  # ends on the starting angle
        self.fit_to_screen(np.vstack([points, axis_ends]), PICTURE_BOX, swing)
        heading = self.title(catalog.get("rank").title)
        self.flat(heading)
        self.play(
            Write(heading),
            Create(self.axes),
            subcaption=f"{count_word(len(self.vectors)).capitalize()} vectors in 3-D: "
                       "how many directions are real?",
            beat="intro", narration=narrative.say_intro(narrative.span(self.lesson)),
        )
        self.wait(0.5)

    def away_from_others(self, index: int) -> np.ndarray:
        """A direction for vector i's label that points away from the other arrows."""
        others = [v for j, v in enumerate(self.vectors) if j != index]
        return self.vectors[index] - np.mean(others, axis=0) if others else self.vectors[index]

    def show_span(self) -> None:
        """The independent vectors as arrows, their values in the column, and the plane they span."""
        self.found = dependency(self.vectors)
        self.redundant = self.found[0] if self.found is not None else None
        rows = []
        self.span_arrows, self.span_labels = [], []
        for name, vector, color in zip(self.names, self.vectors, self.colors(), strict=True):
            rows.append(
                VGroup(math(f"{tex_name(name)} =", color), row_vector(vector, color)).arrange(RIGHT, buff=0.2)
            )
            self.span_arrows.append(self.arrow((0, 0, 0), vector, color))
        for index, (name, vector, color) in enumerate(
            zip(self.names, self.vectors, self.colors(), strict=True)
        ):
            self.span_labels.append(
                self.tip_label(math(tex_name(name), color), vector, self.away_from_others(index))
            )
        self.rows = VGroup(*rows).arrange(DOWN, aligned_edge=LEFT, buff=0.25)
        self.rows.to_corner(UP + LEFT, buff=style.FRAME_MARGIN + 0.15).shift(DOWN * 1.0)
        self.flat(self.rows)

        first = [i for i in range(len(self.vectors)) if i != self.redundant]
        self.play(
            *(GrowFromPoint(self.span_arrows[i], self.p((0, 0, 0))) for i in first),
            *(FadeIn(self.span_labels[i], rows[i]) for i in first),
            subcaption=narrative.first_vectors_caption(narrative.span(self.lesson)),
            beat="independent", narration=narrative.say_first(narrative.span(self.lesson)),
        )
        self.plane = self.span_plane()
        self.span_rank = matrix_rank(np.vstack(self.vectors))
        self.plane_label = self.column_text(narrative.span_words(self.span_rank), style.MUTED)
        self.plane_label.next_to(self.rows, DOWN, aligned_edge=LEFT, buff=0.25)
        self.flat(self.plane_label)
        self.play(
            FadeIn(self.plane, self.plane_label),
            subcaption="Together, " + self.plane_label.original_text,
            beat="span", narration=narrative.say_plane(narrative.span(self.lesson)),
        )
        self.wait(1)

    def colors(self) -> list[str]:
        return [style.SPAN_COLORS[i % len(style.SPAN_COLORS)] for i in range(len(self.vectors))]

    def span_plane(self) -> Mobject:
        """The plane the vectors span, as a parallelogram just big enough to hold all of them."""
        return self.plane_patch(*self.span_patch_data(), 0.3)

    def span_patch_data(self) -> tuple[np.ndarray, np.ndarray]:
        return span_basis(self.vectors), np.vstack([np.zeros(3), *self.vectors])

    def image_patch_data(self) -> tuple[np.ndarray, np.ndarray]:
        return span_basis(self.A.T), transform(self.A, self.cube_corners())

    def plane_patch(self, basis: np.ndarray, points: np.ndarray, opacity: float) -> Mobject:
        """A shaded patch of the plane with orthonormal rows `basis`, just around `points`
        (nothing when the basis is not a plane)."""
        corners = patch_corners(basis, points)
        if corners is None:
            return VGroup()
        patch = Polygon(
            *(self.p(c) for c in corners),
            color=style.BLUE,
            fill_color=style.BLUE,
            fill_opacity=opacity,
            stroke_width=1,
        )
        patch.view_part = "surface"  # the layout audit wants it seen as an area, not a sliver
        return patch

    def build_dependent_vector(self) -> None:
        """The redundant vector, built tip to tail as la_core's combination of the others."""
        self.tip_to_tail = VGroup()
        self.equation = VGroup()
        if self.found is None:
            return
        index, coefficients = self.found
        others = [i for i in range(len(self.vectors)) if i != index]
        colors = self.colors()
        parts: list[Mobject] = [math(f"{tex_name(self.names[index])} =", colors[index])]
        start = np.zeros(3)
        for position, (other, coefficient) in enumerate(zip(others, coefficients, strict=True)):
            step = coefficient * self.vectors[other]
            self.tip_to_tail.add(self.arrow(start, start + step, colors[other]).set_opacity(0.55))
            start = start + step
            if position:
                parts.append(math("+"))
            parts.append(
                DecimalNumber(
                    coefficient,
                    num_decimal_places=decimals_for(np.asarray(coefficients)),
                    font_size=style.MATH_SIZE,
                    color=style.HIGHLIGHT,
                )
            )
            parts.append(math(tex_name(self.names[other]), colors[other]))
        self.equation = VGroup(*parts).arrange(RIGHT, buff=0.12)
        self.equation.next_to(self.plane_label, DOWN, aligned_edge=LEFT, buff=0.35)
        self.flat(self.equation)

        self.play(FadeIn(self.rows[index]), subcaption=f"A third vector, {self.names[index]}", beat="third",
                  narration=narrative.say_third(narrative.span(self.lesson)))
        walk = narrative.say_walk(narrative.span(self.lesson))
        for piece, spoken in zip(self.tip_to_tail, walk, strict=True):
            self.play(
                GrowFromPoint(piece, piece.tail),
                run_time=0.8,
                subcaption="Walk along the others, tip to tail",
                beat="walk", narration=spoken,
            )
        self.play(
            GrowFromPoint(self.span_arrows[index], self.p((0, 0, 0))),
            FadeIn(self.span_labels[index]),
            Write(self.equation),
            subcaption="It is a combination of the others: it adds no new direction",
            beat="combination", narration=narrative.say_combination(narrative.span(self.lesson)),
        )
        self.wait(1.5)

    def show_unreachable(self) -> None:
        """The lesson's target vector, dashed and grey: no combination of the vectors reaches it."""
        target = np.asarray(self.lesson.unreachable, dtype=float)
        reachable = matrix_rank(np.vstack([*self.vectors, target])) == matrix_rank(np.vstack(self.vectors))
        line = DashedLine(
            self.p((0, 0, 0)), self.p(target), color=style.UNREACHABLE, stroke_width=6, dash_length=0.12
        )
        end = Dot3D(self.p(target), radius=0.08, color=style.UNREACHABLE, resolution=(6, 6))
        label = self.tip_label(words("target", style.UNREACHABLE), target, target)
        verdict = "in their span: reachable" if reachable else "off their span: out of reach"
        note = VGroup(
            VGroup(
                math(r"\text{target} =", style.UNREACHABLE), row_vector(target, style.UNREACHABLE)
            ).arrange(RIGHT, buff=0.2),
            self.column_text(verdict, style.UNREACHABLE),
        ).arrange(DOWN, aligned_edge=LEFT, buff=0.15)
        note.next_to(
            self.equation if len(self.equation) else self.plane_label, DOWN, aligned_edge=LEFT, buff=0.35
        )
        self.flat(note)
        names = ", ".join(self.names)
        self.play(
            Create(line),
            FadeIn(end, label, note),
            subcaption=f"No mix of {names} reaches the target" if not reachable else f"{names} can reach it",
            beat="target", narration=narrative.say_target(narrative.span(self.lesson)),
        )
        self.wait(2)
        self.part_one = VGroup(
            self.plane, *self.span_arrows, *self.span_labels, self.tip_to_tail, line, end, label
        )
        self.part_one_text = VGroup(self.rows, self.plane_label, self.equation, note)

    # -- part 2: V squashes a cube; one singular value falls to zero ----------------------
    def collapse_cube(self) -> None:
        """The matrix with columns v1, v2, v3 acts on a cube: it lands flat on their plane, and sigma_3
        drops to 0."""
        v_matrix = DecimalMatrix(
            self.A,
            element_to_mobject_config={
                "num_decimal_places": decimals_for(self.A),
                "font_size": style.MATH_SIZE,
            },
            h_buff=0.8,
            v_buff=0.6,
        )
        for column, color in zip(v_matrix.get_columns(), self.colors(), strict=False):
            column.set_color(color)
        self.v_block = VGroup(math("A ="), v_matrix).arrange(RIGHT, buff=0.2)
        self.v_block.to_corner(UP + LEFT, buff=style.FRAME_MARGIN + 0.15).shift(DOWN * 1.0)
        story = narrative.span(self.lesson)
        rows_note = VGroup(*(self.column_text(line, style.MUTED) for line in narrative.columns_note(story)))
        rows_note.arrange(DOWN, aligned_edge=LEFT, buff=0.1).next_to(self.v_block, DOWN, aligned_edge=LEFT)
        self.flat(self.v_block, rows_note)
        self.play(
            FadeOut(self.part_one, self.part_one_text),
            FadeIn(self.v_block, rows_note),
            subcaption=narrative.columns_caption(story),
            beat="stack", narration=narrative.say_stack(narrative.span(self.lesson)),
        )

        self.progress = 0.0  # how far the cube has gone from the identity to V (0 to 1)
        cube = always_redraw(lambda: self.cube_at(self.progress))
        bars = self.singular_value_bars()
        self.play(FadeIn(cube), FadeIn(bars), subcaption="A acts on a cube; the bars are its singular values",
                  beat="cube", narration=narrative.say_cube())
        self.wait(1)
        self.swing_thetas = (CAMERA_THETA, CAMERA_THETA + CAMERA_TURN)  # audited across the swing
        self.play(
            UpdateFromAlphaFunc(self.axes, self.squash_and_turn),  # axes redrawn as the camera turns
            run_time=4,
            subcaption=self.squash_caption(),
            beat="squash", narration=narrative.say_squash(narrative.span(self.lesson)),
        )
        self.swing_thetas = None
        self.cube, self.bars, self.rows_note = cube, bars, rows_note
        self.wait(0.5)

    def squash_and_turn(self, _: Mobject, alpha: float) -> None:
        """Move the cube from the identity to V and swing the camera a little to show it is flat.

        (Driven by a plain attribute, not ValueTrackers or move_camera: trackers added to the
        scene trip the layout audit, which reads every scene mobject's opacity.)
        """
        self.progress = smooth(alpha)
        self.camera.set_theta(CAMERA_THETA + CAMERA_TURN * self.progress)

    def squash_caption(self) -> str:
        return narrative.squash_cube_caption(narrative.span(self.lesson))

    def cube_at(self, t: float) -> VGroup:
        """The unit cube moved by (1 - t) I + t A: the identity at t = 0, A at t = 1."""
        return cube_group([self.p(corner) for corner in transform(self.blend(t), self.cube_corners())])

    def cube_corners(self) -> np.ndarray:
        """The cube V acts on: the unit cube, shrunk if its image would dwarf the vectors.

        Only the picture's size changes; the singular values shown are V's own.
        """
        reach = float(np.max(np.abs(np.vstack(self.vectors))))
        image_reach = float(np.max(np.abs(transform(self.A, CUBE_CORNERS))))
        side = min(1.0, CUBE_REACH * reach / image_reach) if image_reach > 0 else 1.0
        return CUBE_CORNERS * side

    def blend(self, t: float) -> np.ndarray:
        return (1 - t) * np.eye(self.A.shape[1]) + t * self.A

    def singular_value_bars(self) -> VGroup:
        """Bars, fixed in the frame, for the singular values of the matrix now acting on the cube."""
        tallest = max(float(singular_values(self.blend(s))[0]) for s in np.linspace(0, 1, 11))
        group = value_bars(lambda: singular_values(self.blend(self.progress)), tallest,
                           self.renderer.camera.add_fixed_in_frame_mobjects)
        self.flat(group)
        return group

    def conclude(self) -> None:
        """Rank = 2, the lesson's diagnosis, and the plane every output lands on."""
        diagnosis = diagnose(self.A)
        image_plane = self.image_plane()
        rank_line = VGroup(
            math(r"\operatorname{rank} A ="),
            math(str(matrix_rank(self.A)), style.HIGHLIGHT),
            math(r"\text{ of }"),
            math(str(diagnosis.max_rank)),
        ).arrange(RIGHT, buff=0.15)
        situation = words(diagnosis.situation, style.HIGHLIGHT, style.BODY_SIZE)
        meaning = VGroup(
            *(
                words(line, style.FOREGROUND, style.SMALL_SIZE + 2)
                for line in textwrap.wrap(narrative.MEANING[diagnosis.situation], 24)
            )
        ).arrange(DOWN, aligned_edge=LEFT, buff=0.1)
        lands = words(narrative.lands_on(diagnosis.rank), style.MUTED, style.LABEL_SIZE)
        summary = VGroup(rank_line, lands, situation, meaning).arrange(DOWN, aligned_edge=LEFT, buff=0.2)
        summary.next_to(self.rows_note, DOWN, aligned_edge=LEFT, buff=0.5)
        self.flat(summary)
        self.play(
            FadeIn(image_plane),
            FadeIn(summary[:2]),
            subcaption=f"Real directions: rank {diagnosis.rank}",
            beat="rank", narration=narrative.say_rank(narrative.span(self.lesson)),
        )
        self.play(FadeIn(summary[2:]), subcaption="Diagnosis: " + diagnosis.situation, beat="diagnosis",
                  narration=narrative.say_diagnosis(narrative.span(self.lesson)))
        self.wait(3.5)

    def image_plane(self) -> Mobject:
        """The plane the squashed cube lies in (the span of V's columns), just around the cube."""
        return self.plane_patch(*self.image_patch_data(), 0.15)

    # -- helpers -------------------------------------------------------------------------
    def column_text(self, text: str, color: str) -> Text:
        return words(text, color, style.LABEL_SIZE)
