"""Step 4 — Matrix × vector is a transformation.

A grid with i-hat and j-hat is carried by the lesson's 2×2 matrix M: the basis arrows land on
M's columns, a vector x lands on M x, and the unit square's area is multiplied by det M. Then the
rank-1 matrix F flattens the whole plane onto a line (a preview of rank). Every number comes
from la_core applied to the lesson; the scene only lays things out.
"""

from __future__ import annotations

from typing import Any

import numpy as np
from manim import (
    DOWN,
    LEFT,
    RIGHT,
    Animation,
    Create,
    DecimalNumber,
    FadeIn,
    FadeOut,
    GrowArrow,
    Indicate,
    LinearTransformationScene,
    MathTex,
    Mobject,
    NumberPlane,
    ReplacementTransform,
    SurroundingRectangle,
    Text,
    TransformFromCopy,
    VGroup,
    Write,
)

from la_core import area_scale, basis_images, linear_layer, matrix_rank
from scenes import catalog, style
from scenes.base import LessonSceneMixin, inside_frame
from scenes.limits import PICTURE_ORIGIN, check_drawable
from scenes.narrative import linear_transform as narrative
from scenes.parts import math
from scenes.plane_parts import (
    backed,
    column_vector,
    lt_matrix,
    net_rotation,
    overlaps,
    place_along_line,
    place_near_tip,
    vector_from_origin,
)

#: The moving grid is a patch around the origin, not manim's default 29 x 29 lines: a patch
#: shows the same straight, evenly spaced lines, and only its lines change from frame to frame,
#: which is what a web GIF pays for (the whole plane cost 2.7 MB at 640 wide; see the README).
GRID_HALF_WIDTH = 3
GRID_HALF_HEIGHT = 2
#: Half-width of the faint fixed grid, wide enough to fill the frame around the shifted origin.
BACKGROUND_REACH = 10
#: Seconds for M and for F to move the grid (manim's default is 3), and for a cross-fade.
CARRY_SECONDS = 2.0
SWAP_SECONDS = 0.5


class LinearTransform(LessonSceneMixin, LinearTransformationScene):
    """The grid, the basis arrows and a vector x carried by M; F flattens the plane; recap of M."""

    def __init__(self, lesson: Any = None, **kwargs: Any) -> None:
        kwargs.setdefault("i_hat_color", style.I_HAT)
        kwargs.setdefault("j_hat_color", style.J_HAT)
        kwargs.setdefault("leave_ghost_vectors", False)
        kwargs.setdefault(
            "background_plane_kwargs",
            {
                "x_range": [-BACKGROUND_REACH, BACKGROUND_REACH, 1],  # still covers the frame shifted
                "y_range": [-BACKGROUND_REACH, BACKGROUND_REACH, 1],
                "color": style.GRID,
                "axis_config": {"color": style.GRID},
                "background_line_style": {"stroke_color": style.GRID, "stroke_width": 1},
            },
        )
        kwargs.setdefault(
            "foreground_plane_kwargs",
            {
                "x_range": [-GRID_HALF_WIDTH, GRID_HALF_WIDTH, 1],
                "y_range": [-GRID_HALF_HEIGHT, GRID_HALF_HEIGHT, 1],
                "axis_config": {"color": style.FOREGROUND, "stroke_width": 2},
                "background_line_style": {
                    "stroke_color": style.BLUE,
                    "stroke_width": 2,
                    "stroke_opacity": 1,
                },
            },
        )
        super().__init__(lesson=lesson, **kwargs)

    def setup(self) -> None:
        """manim's planes and basis arrows, moved to PICTURE_ORIGIN."""
        super().setup()
        for mobject in (self.background_plane, self.plane, *self.basis_vectors):
            mobject.shift(PICTURE_ORIGIN)

    def get_transposed_matrix_transformation(self, transposed_matrix: Any) -> Any:
        """manim's point map p -> p M^T, about PICTURE_ORIGIN instead of the frame's centre."""
        linear = super().get_transposed_matrix_transformation(transposed_matrix)
        return lambda point: PICTURE_ORIGIN + linear(np.asarray(point) - PICTURE_ORIGIN)

    def get_vector_movement(self, func: Any) -> Any:
        """manim's, with the moved arrows starting at PICTURE_ORIGIN (manim's start at ORIGIN)."""
        for vector in self.moving_vectors:
            end = func(vector.get_end()) - PICTURE_ORIGIN
            vector.target = vector_from_origin(end, color=vector.get_color(),
                                               stroke_width=vector.get_stroke_width())
            length = float(np.linalg.norm(end))
            if length < 0.1:  # as manim: a tip longer than its arrow shrinks with it
                vector.target.get_tip().scale(length)
        return self.get_piece_movement(self.moving_vectors)

    # -- the story ---------------------------------------------------------------
    def construct(self) -> None:
        check_drawable(self.lesson)
        self.M = np.asarray(self.lesson.matrix, dtype=float)
        self.F = np.asarray(self.lesson.flatten, dtype=float)
        self.introduce()
        self.transform_grid()
        self.link_columns()
        self.carry_x_and_area()
        self.flatten()
        self.recap()

    def introduce(self) -> None:
        """Title, the basis arrows named, the matrix M as numbers, x and the unit square."""
        self.heading = backed(self.title(catalog.get("linear_transform").title))
        i_label = backed(math(r"\hat{\imath}", style.I_HAT)).next_to(self.i_hat.get_end(), DOWN, buff=0.15)
        j_label = backed(math(r"\hat{\jmath}", style.J_HAT)).next_to(self.j_hat.get_end(), LEFT, buff=0.15)
        self.hat_labels = VGroup(i_label, j_label)
        self.play(
            Write(self.heading),
            FadeIn(self.hat_labels),
            subcaption="A grid, with the basis arrows i-hat and j-hat",
            beat="intro", narration=narrative.say_intro(),
        )
        self.m_matrix = lt_matrix(self.M, (style.I_HAT, style.J_HAT))
        self.m_row = self.panel_row(math("M ="), self.m_matrix, below=self.heading)
        self.play(FadeIn(self.m_row, shift=DOWN * 0.2), subcaption="The matrix M, written as numbers",
                  beat="matrix", narration=narrative.say_matrix(self.lesson))
        self.wait(0.5)

        self.add_unit_square(color=style.BLUISH_GREEN, opacity=0.35)
        self.x_arrow = self.add_vector(vector_from_origin(self.lesson.x, color=style.VECTOR_X))
        self.x_label = backed(math("x", style.VECTOR_X))
        place_near_tip(self.x_label, self.x_arrow.get_end(), self.lesson.x, self.labels())
        self.x_row = self.panel_row(
            math("x =", style.VECTOR_X), column_vector(self.lesson.x, style.VECTOR_X), below=self.m_row
        )
        self.area_row = self.panel_row(math(r"\text{area} ="), self.area_number(1.0), below=self.x_row)
        self.play(
            FadeIn(self.square),
            GrowArrow(self.x_arrow),
            FadeIn(self.x_label, self.x_row, self.area_row),
            subcaption="A vector x, and the unit square with area 1",
            beat="vector_x", narration=narrative.say_x(self.lesson),
        )
        self.bring_to_front(*self.moving_vectors, self.hat_labels, self.x_label)
        self.wait(1)

    def transform_grid(self) -> None:
        """The grid moves: every point p goes to M p."""
        self.play(
            FadeOut(self.hat_labels), run_time=0.5, subcaption="Now let M act on every point of the plane",
            beat="act", narration=narrative.say_act(),
        )
        self.carry(
            self.M,
            run_time=CARRY_SECONDS,
            subcaption=narrative.grid_caption(narrative.transformation(self.lesson).rank_m),
            beat="grid", narration=narrative.say_grid(narrative.transformation(self.lesson)),
        )
        self.wait(0.5)

    def link_columns(self) -> None:
        """Each basis arrow lands exactly on a column of M: box the column, copy it to the tip."""
        self.landings = self.landing_labels()
        for column, arrow, landing, color in zip(
            self.m_matrix.get_columns(),
            (self.i_hat, self.j_hat),
            self.landings,
            (style.I_HAT, style.J_HAT),
            strict=True,
        ):
            box = SurroundingRectangle(column, color=color, buff=0.1)
            self.play(
                Create(box), Indicate(arrow, color=color), run_time=0.8, subcaption="This column of M ...",
                beat="column", narration=narrative.say_column(self.lesson, 0 if arrow is self.i_hat else 1),
            )
            self.play(
                TransformFromCopy(column, landing.get_entries()),
                FadeIn(landing.background_rectangle, landing.get_brackets()),
                subcaption="... is exactly where this basis arrow lands",
                beat="lands", narration=narrative.say_lands(0 if arrow is self.i_hat else 1),
            )
            self.remove(landing.get_entries())
            self.add(landing)
            self.play(FadeOut(box), run_time=0.4)

    def carry_x_and_area(self) -> None:
        """x went to M x (its coordinates shown); the square's area was multiplied by det M."""
        self.mx_group = self.image_of_x(self.M, "M")
        self.play(
            self.relabel_x("Mx", linear_layer(self.M, self.lesson.x), self.landings),
            FadeIn(self.mx_group, shift=RIGHT * 0.2),
            subcaption="x is carried to M x, the same mix of the moved basis arrows",
            beat="carry_x", narration=narrative.say_mx(self.lesson, narrative.transformation(self.lesson)),
        )
        self.wait(1)
        det_area = self.panel_row(
            math(r"\text{area} \times \det M ="), self.area_number(area_scale(self.M)), below=self.x_row
        )
        old_area, self.area_row = self.area_row, det_area
        self.play(
            ReplacementTransform(old_area, det_area),
            Indicate(self.square, color=style.BLUISH_GREEN),
            subcaption=narrative.area_caption(area_scale(self.M)),
            beat="area", narration=narrative.say_area(area_scale(self.M)),
        )
        self.wait(1.5)

    def flatten(self) -> None:
        """Undo M, then let the rank-1 matrix F squash the plane onto a line."""
        m_block = VGroup(self.m_row, self.x_row, self.area_row)
        self.swap_picture(
            np.eye(2),
            "Now a different matrix: first, back to the square grid",
            "reset", narrative.say_reset(),
            FadeOut(*self.landings, self.mx_group),
            m_block.animate.set_opacity(0.35),
        )
        self.f_row = self.panel_row(
            math("F ="), lt_matrix(self.F, (style.I_HAT, style.J_HAT)), below=self.area_row
        )
        self.play(
            FadeIn(self.f_row, shift=DOWN * 0.2),
            self.relabel_x("x", self.lesson.x, []),
            subcaption=narrative.flatten_caption(narrative.transformation(self.lesson)),
            beat="meet_f", narration=narrative.say_flatten_matrix(narrative.transformation(self.lesson)),
        )
        self.wait(0.5)
        self.carry(self.F, run_time=CARRY_SECONDS, subcaption="F flattens the whole plane onto one line",
                   beat="flatten", narration=narrative.say_flattens())
        rank_line = VGroup(math(r"\operatorname{rank} F ="), self.rank_number()).arrange(RIGHT, buff=0.2)
        det_line = VGroup(math(r"\det F ="), self.area_number(area_scale(self.F))).arrange(RIGHT, buff=0.2)
        self.rank_row = backed(VGroup(rank_line, det_line).arrange(DOWN, aligned_edge=LEFT, buff=0.3))
        self.rank_row.next_to(self.f_row, RIGHT, buff=0.4)
        self.line_note = self.line_label()
        self.play(
            self.relabel_x("Fx", linear_layer(self.F, self.lesson.x), [self.line_note]),
            FadeIn(self.rank_row, shift=DOWN * 0.2),
            FadeIn(self.line_note),
            subcaption="One direction survives: rank F is 1, and every area becomes 0",
            beat="one_direction", narration=narrative.say_survives(),
        )
        self.wait(2)

    def recap(self) -> None:
        """Back to the picture of M, with both matrices' numbers on screen: the poster frame."""
        self.play(FadeOut(self.line_note, self.x_label), run_time=0.4, subcaption="Back to M", beat="back",
                  narration=narrative.say_back())
        self.swap_picture(self.M, "M again: columns, x and area; F kept one direction", "recap",
                          narrative.say_recap())
        self.landings = self.landing_labels()
        self.x_label = self.x_label_for("Mx", linear_layer(self.M, self.lesson.x), self.landings)
        self.play(
            VGroup(self.m_row, self.x_row, self.area_row).animate.set_opacity(1),
            FadeIn(self.x_label, self.mx_group, *self.landings),
            subcaption="Matrix times vector: a transformation of the whole plane",
            beat="end", narration=narrative.say_end(),
        )
        self.wait(2.5)

    # -- helpers -----------------------------------------------------------------
    def carry(self, matrix: np.ndarray, **kwargs: Any) -> None:
        """Apply a matrix to the plane, with x's label riding along at the tip of x.

        The label keeps its side of the tip, unless there it would end on the text column or
        off the frame: then it drifts, as the tip travels, to a clear side of the final tip.
        """
        start = self.x_arrow.get_end()
        end = self.get_matrix_transformation(matrix)(start)  # where apply_matrix takes the tip
        offset = self.x_label.get_center() - start
        landed = self.x_label.copy().move_to(end + offset)
        if not inside_frame(landed) or any(overlaps(landed, other) for other in self.labels()):
            place_near_tip(landed, end, end - PICTURE_ORIGIN, self.labels())
        final_offset = landed.get_center() - end
        travel = max(float(np.linalg.norm(end - start)), 1e-9)

        def ride(label: Mobject) -> None:
            tip = self.x_arrow.get_end()
            done = min(float(np.linalg.norm(tip - start)) / travel, 1.0)
            label.move_to(tip + (1 - done) * offset + done * final_offset)

        self.x_label.add_updater(ride)
        kwargs.setdefault("path_arc", net_rotation(matrix))  # manim's own guess assumes ORIGIN
        self.apply_matrix(matrix, **kwargs)
        self.x_label.clear_updaters()

    def apply_matrix(self, matrix: Any, **kwargs: Any) -> None:
        """LinearTransformationScene.apply_matrix, made safe after any other play.

        In manim 0.22 Scene.play stores the last animation's mobjects in `self.moving_mobjects`,
        the same attribute LinearTransformationScene keeps its "moving mobjects" in; the next
        apply_matrix then tries to transform those and raises (the "two apply_matrix" bug).
        This scene adds no moving mobjects of its own, so the list is emptied first.
        """
        self.moving_mobjects = []
        super().apply_matrix(matrix, **kwargs)

    def swap_picture(self, matrix: np.ndarray, subcaption: str, beat: str, narration: str,
                     *also: Animation) -> None:
        """Cross-fade to a fresh grid, square, basis arrows and x as `matrix` leaves them.

        Used where an animated transformation cannot get there (a singular matrix has no inverse)
        or is not the point (undoing M): a short fade is a handful of GIF frames, while a moving
        grid changes every line on every frame.
        """
        old = [self.plane, self.square, self.i_hat, self.j_hat, self.x_arrow]
        self.plane = NumberPlane(**self.foreground_plane_kwargs).shift(PICTURE_ORIGIN)
        square = self.get_unit_square(color=style.BLUISH_GREEN, opacity=0.35)  # sized by the fresh plane
        self.plane.apply_matrix(matrix, about_point=PICTURE_ORIGIN)
        self.square = square.apply_matrix(matrix, about_point=PICTURE_ORIGIN)
        images = basis_images(matrix)
        width = self.basis_vector_stroke_width
        self.i_hat = vector_from_origin(images[0], color=style.I_HAT, stroke_width=width)
        self.j_hat = vector_from_origin(images[1], color=style.J_HAT, stroke_width=width)
        self.basis_vectors = VGroup(self.i_hat, self.j_hat)
        self.x_arrow = vector_from_origin(linear_layer(matrix, self.lesson.x), color=style.VECTOR_X)
        self.transformable_mobjects[:] = [self.plane, self.square]
        self.moving_vectors[:] = [self.i_hat, self.j_hat, self.x_arrow]
        new = [self.plane, self.square, self.i_hat, self.j_hat, self.x_arrow]
        self.play(FadeOut(*old), FadeIn(*new), *also, run_time=SWAP_SECONDS, subcaption=subcaption, beat=beat,
                  narration=narration)
        self.remove(*new)
        self.add(*new)  # the new picture goes behind the labels
        self.bring_to_front(*(m for m in self.labels(self.x_label) if m in self.mobjects))

    def landing_labels(self) -> list[Mobject]:
        """M's columns written at the tips of the moved basis arrows."""
        landings: list[Mobject] = []
        for image, arrow, color in zip(
            basis_images(self.M), (self.i_hat, self.j_hat), (style.I_HAT, style.J_HAT), strict=True
        ):
            landing = backed(column_vector(image, color, font_size=style.LABEL_SIZE + 4))
            place_near_tip(landing, arrow.get_end(), image, self.labels(self.x_label, *landings))
            landings.append(landing)
        return landings

    def x_label_for(self, tex: str, where: np.ndarray, avoid: list[Mobject]) -> Mobject:
        """A label for x's tip (x, Mx, Fx), placed clear of the other labels."""
        label = backed(math(tex, style.VECTOR_X))
        return place_near_tip(label, self.x_arrow.get_end(), where, self.labels(*avoid))

    def relabel_x(self, tex: str, where: np.ndarray, avoid: list[Mobject]) -> ReplacementTransform:
        """Morph the label at x's tip into a new name."""
        old_label, self.x_label = self.x_label, self.x_label_for(tex, where, avoid)
        return ReplacementTransform(old_label, self.x_label)

    def image_of_x(self, matrix: np.ndarray, name: str) -> VGroup:
        """'↦ Mx = [..]' to the right of the x row: the coordinates of the image of x."""
        maps_to = math(r"\mapsto").next_to(self.x_row, RIGHT, buff=0.25)
        row = backed(
            VGroup(
                math(f"{name}x =", style.VECTOR_X),
                column_vector(linear_layer(matrix, self.lesson.x), style.VECTOR_X),
            ).arrange(RIGHT, buff=0.2)
        ).next_to(maps_to, RIGHT, buff=0.25)
        return VGroup(maps_to, row)

    def panel_row(self, *parts: Mobject, below: Mobject) -> Mobject:
        """A backed row of the left text column, placed under `below`."""
        row = backed(VGroup(*parts).arrange(RIGHT, buff=0.2))
        return row.next_to(below, DOWN, buff=0.3).align_to(self.heading, LEFT)

    def labels(self, *extra: Mobject) -> list[Mobject]:
        """The text column, for labels near arrow tips to stay clear of."""
        names = ("heading", "m_row", "x_row", "mx_group", "area_row", "f_row", "rank_row")
        return [m for m in (*(getattr(self, n, None) for n in names), *extra) if m is not None]

    def line_label(self) -> Mobject:
        """'the whole plane lands here', written along the line F squashes the plane onto."""
        text = backed(Text("the whole plane lands here", font=style.FONT, font_size=style.SMALL_SIZE,
                            color=style.MUTED))
        avoid = [m for m in self.labels(self.x_label) if m is not self.mx_group]  # M x faded out
        return place_along_line(text, basis_images(self.F), avoid)

    def area_number(self, value: float) -> DecimalNumber:
        return DecimalNumber(value, num_decimal_places=style.DECIMALS, font_size=style.MATH_SIZE,
                             color=style.BLUISH_GREEN)

    def rank_number(self) -> MathTex:
        return math(str(matrix_rank(self.F)), style.HIGHLIGHT)
