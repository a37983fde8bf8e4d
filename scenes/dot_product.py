"""Step 2 — the dot product is similarity, seen as projection.

Two word vectors are drawn in their own plane (`la_core.plane_coordinates`), so the lengths and
the angle on screen are the true 4-D ones. The perpendicular from a onto b shows the shadow
(scalar projection); a fixed readout panel shows a·b, |a||b|, cos θ, θ and the lesson's reading,
all recomputed by la_core from the 2-D vectors currently on screen while b turns and a stretches.
The scene ends on the lesson pair against its contrast word, side by side.
"""

from __future__ import annotations

from collections.abc import Callable

import numpy as np
from manim import (
    LEFT,
    RIGHT,
    Arc,
    Arrow,
    Create,
    DashedLine,
    FadeIn,
    FadeOut,
    GrowArrow,
    Line,
    Mobject,
    RoundedRectangle,
    Scene,
    Succession,
    UpdateFromAlphaFunc,
    ValueTracker,
    VGroup,
    VMobject,
    Write,
    always_redraw,
    linear,
    smooth,
)

from la_core import (
    angle_between,
    cosine_similarity,
    dot,
    norm,
    plane_coordinates,
    scalar_projection,
    similarity_reading,
    vector_projection,
)
from scenes import catalog, style
from scenes.base import LessonSceneMixin, label
from scenes.dot_product_cards import ARC_RADIUS, card_frame, number, pair_card, shown, theta_direction
from scenes.dot_terms import multiply_and_add
from scenes.narrative import dot_product as narrative
from scenes.parts import math

# ---------------------------------------------------------------- layout (scene units, degrees)
DIAGRAM_ORIGIN = np.array([-3.2, -0.9, 0.0])
DIAGRAM_REACH = 4.25  # on-screen length of the longest arrow once a is stretched
STRETCH = 1.4  # how far a is stretched (a layout choice: only la_core's readouts are shown)
TURN_TO_DEGREES = (90.0, 150.0)  # where b is turned to: unrelated, then opposed
LINE_MARGIN = 0.35  # the dashed line through b runs this far past b and past the shadow
INTRO_CENTER = np.array([0.0, 0.3, 0.0])
PANEL_CENTER = np.array([4.55, 0.3, 0.0])
PANEL_SIZE = (4.4, 4.6)
PANEL_PAD = 0.25
ROW_OFFSETS = (0.0, 0.65, 1.45, 2.25, 2.9)  # row centres below the first row
READING_OFFSET = 3.7
STATUS_Y = -3.3
RIGHT_ANGLE_SIZE = 0.16
CONTRAST_CENTERS = (np.array([-3.4, -0.4, 0.0]), np.array([3.4, -0.4, 0.0]))

TITLE = catalog.get("dot_product").title


def rotation(radians: float) -> np.ndarray:
    """The 2×2 matrix turning the plane by `radians` (geometry for the animation only)."""
    c, s = np.cos(radians), np.sin(radians)
    return np.array([[c, -s], [s, c]])


def outward_normal(v: np.ndarray, away_from: np.ndarray) -> np.ndarray:
    """The screen direction perpendicular to v on the side away from `away_from`."""
    normal = np.array([-v[1], v[0]]) / np.hypot(v[0], v[1])
    if normal @ away_from > 0:
        normal = -normal
    return np.append(normal, 0.0)


def tween(tracker: ValueTracker, target: float, **kwargs: object) -> UpdateFromAlphaFunc:
    """Move a ValueTracker to `target` without adding the tracker to the scene.

    (Animating the tracker itself would add it, and the layout audit then walks a mobject that
    is not drawable.) The updaters reading the tracker still run every frame.
    """
    start = tracker.get_value()

    def step(_: Mobject, alpha: float) -> None:
        tracker.set_value(start + (target - start) * alpha)

    return UpdateFromAlphaFunc(VMobject(), step, **kwargs)


class DotProduct(LessonSceneMixin, Scene):
    """a·b as the shadow of a on b, with a live readout while b turns and a stretches."""

    def construct(self) -> None:
        lesson = self.lesson
        self.name_a, self.name_b = lesson.dot_a, lesson.dot_b
        self.color_a = style.word_color(self.name_a, lesson.word_names)
        self.color_b = style.word_color(self.name_b, lesson.word_names)
        vec_a, vec_b = lesson.words[self.name_a], lesson.words[self.name_b]
        self.dimension = len(vec_a)
        self.plane_a, self.plane_b = plane_coordinates(vec_a, vec_b)
        self.start_angle = angle_between(vec_a, vec_b)
        self.unit = DIAGRAM_REACH / (STRETCH * max(norm(vec_a), norm(vec_b)))
        self.angle = ValueTracker(self.start_angle)
        self.stretch = ValueTracker(1.0)

        title = self.title(TITLE)
        self.play(Write(title), run_time=1.0, subcaption=f"{TITLE}.", beat="intro",
                  narration=narrative.say_intro())
        self.intro = multiply_and_add(self, vec_a, vec_b, INTRO_CENTER, PANEL_CENTER)
        self.draw_pair()
        self.show_readout()
        self.drop_perpendicular()
        self.turn_b()
        self.stretch_a()
        self.contrast()

    # ------------------------------------------------------------ the vectors on screen
    def a2(self) -> np.ndarray:
        """a as drawn now: its plane coordinates, stretched."""
        return self.stretch.get_value() * self.plane_a

    def b2(self) -> np.ndarray:
        """b as drawn now: its plane coordinates, turned about the origin."""
        return rotation(self.angle.get_value() - self.start_angle) @ self.plane_b

    def to_screen(self, v: np.ndarray) -> np.ndarray:
        return DIAGRAM_ORIGIN + self.unit * np.array([v[0], v[1], 0.0])

    # ------------------------------------------------------------ 2. the pair in its plane
    def draw_pair(self) -> None:
        origin = DIAGRAM_ORIGIN
        self.arrow_a = always_redraw(
            lambda: Arrow(
                origin, self.to_screen(self.a2()), buff=0, color=self.color_a, stroke_width=6
            ).set_z_index(2)
        )
        self.arrow_b = always_redraw(
            lambda: Arrow(
                origin, self.to_screen(self.b2()), buff=0, color=self.color_b, stroke_width=6
            ).set_z_index(2)
        )
        self.label_a = label(self.name_a, color=self.color_a)
        self.label_a.add_updater(lambda m: m.next_to(self.to_screen(self.a2()), RIGHT, buff=0.15))
        self.label_b = label(self.name_b, color=self.color_b)
        self.label_b.add_updater(lambda m: self.place_label_b(m))
        note = label(
            f"any two vectors span a plane: drawn in it, lengths and angle are the true "
            f"{self.dimension}-D ones",
            size=style.SMALL_SIZE, color=style.MUTED,
        ).move_to([0, STATUS_Y, 0])
        self.play(
            GrowArrow(self.arrow_a), GrowArrow(self.arrow_b),
            FadeIn(self.label_a), FadeIn(self.label_b), FadeIn(note), run_time=1.5,
            subcaption="Any two vectors lie in a plane; drawn in it, length and angle are true.",
            beat="plane", narration=narrative.say_plane(self.lesson),
        )
        self.arc = always_redraw(self.angle_arc)
        self.theta_label = math(r"\theta", size=style.MATH_SIZE - 4)
        self.theta_label.add_updater(lambda m: self.place_theta(m))
        self.play(Create(self.arc), FadeIn(self.theta_label), run_time=0.8,
                  subcaption="The angle between them is theta.", beat="angle",
                  narration=narrative.say_angle(self.lesson))
        self.wait(1.0)
        self.status = note

    def place_label_b(self, mob: Mobject) -> None:
        mob.next_to(self.to_screen(self.b2()), outward_normal(self.b2(), self.a2()), buff=0.12)

    def angle_arc(self) -> Arc:
        return Arc(
            radius=ARC_RADIUS, start_angle=0.0, angle=angle_between(self.a2(), self.b2()),
            arc_center=DIAGRAM_ORIGIN, color=style.FOREGROUND, stroke_width=3,
        )

    def place_theta(self, mob: Mobject) -> None:
        where = theta_direction(angle_between(self.a2(), self.b2()))
        reach = ARC_RADIUS + 0.35
        mob.move_to(DIAGRAM_ORIGIN + reach * np.array([np.cos(where), np.sin(where), 0.0]))

    # ------------------------------------------------------------ 3. the live readout
    def readout_row(self, tex: str, value: Callable[[], float], color: str, y: float,
                    unit: str | None = None, decimals: int = style.DECIMALS) -> VGroup:
        """One panel row: a fixed maths label, and a number la_core recomputes every frame."""
        name = math(tex, color=color)
        name.move_to([PANEL_CENTER[0] - PANEL_SIZE[0] / 2 + PANEL_PAD, y, 0], aligned_edge=LEFT)
        right = [PANEL_CENTER[0] + PANEL_SIZE[0] / 2 - PANEL_PAD, y, 0]
        shown_number = number(value(), color=color, unit=unit, decimals=decimals).move_to(
            right, aligned_edge=RIGHT)

        def refresh(mob: Mobject) -> None:
            mob.set_value(shown(value(), decimals))
            mob.move_to(right, aligned_edge=RIGHT)

        shown_number.add_updater(refresh)
        return VGroup(name, shown_number)

    def show_readout(self) -> None:
        top = PANEL_CENTER[1] + PANEL_SIZE[1] / 2 - 0.45
        panel = RoundedRectangle(
            width=PANEL_SIZE[0], height=PANEL_SIZE[1], corner_radius=0.15,
            fill_color=style.PANEL, fill_opacity=1.0, stroke_color=style.GRID, stroke_width=2,
        ).move_to(PANEL_CENTER)
        plain, cosine = style.DECIMALS, style.COSINE_DECIMALS
        rows = [
            (r"a \cdot b", lambda: dot(self.a2(), self.b2()), style.FOREGROUND, None, plain),
            (r"|a|\,|b|", lambda: norm(self.a2()) * norm(self.b2()), style.FOREGROUND, None, plain),
            (r"\cos\theta = \frac{a \cdot b}{|a|\,|b|}", lambda: cosine_similarity(self.a2(), self.b2()),
             style.FOREGROUND, None, cosine),
            (r"\theta", lambda: angle_between(self.a2(), self.b2(), degrees=True), style.FOREGROUND,
             r"^{\circ}", plain),
            (r"\text{shadow of } a \text{ on } b", lambda: scalar_projection(self.a2(), self.b2()),
             style.HIGHLIGHT, None, plain),
        ]
        self.rows = VGroup(*(
            self.readout_row(tex, value, color, top - offset, unit, decimals)
            for (tex, value, color, unit, decimals), offset in zip(rows, ROW_OFFSETS, strict=True)
        ))
        self.reading_y = top - READING_OFFSET
        self.reading = VGroup(self.reading_text())
        self.reading.add_updater(lambda m: self.refresh_reading(m))
        self.play(
            FadeOut(self.intro), FadeIn(panel), FadeIn(self.rows), FadeIn(self.reading), run_time=1.2,
            subcaption="The readout: the dot product, the lengths, the cosine and the angle.",
            beat="readout", narration=narrative.say_readout(),
        )
        self.wait(1.5)
        self.panel = panel

    def current_reading(self) -> str:
        return similarity_reading(cosine_similarity(self.a2(), self.b2()))

    def reading_text(self) -> Mobject:
        word = self.current_reading()
        text = label(f"reads as: {word}", size=style.BODY_SIZE, color=style.READING_COLORS[word])
        return text.move_to([PANEL_CENTER[0], self.reading_y, 0])

    def refresh_reading(self, holder: VGroup) -> None:
        """Swap the reading's text only when the word changes (a new Text, so it reads true)."""
        word = self.current_reading()
        old = holder[0]
        if word not in old.text:
            holder.remove(old)
            old.set_opacity(0)  # a running animation may still draw it until it ends
            holder.add(self.reading_text())

    # ------------------------------------------------------------ 4. the shadow
    def foot(self) -> np.ndarray:
        return vector_projection(self.a2(), self.b2())

    def drop_perpendicular(self) -> None:
        self.line_b = always_redraw(self.line_through_b)
        self.perpendicular = always_redraw(
            lambda: DashedLine(
                self.to_screen(self.a2()), self.to_screen(self.foot()),
                color=style.FOREGROUND, stroke_width=2, dash_length=0.1,
            )
        )
        self.right_angle = always_redraw(self.right_angle_mark)
        self.shadow = always_redraw(
            lambda: Line(DIAGRAM_ORIGIN, self.to_screen(self.foot()), color=style.HIGHLIGHT, stroke_width=14)
            .set_z_index(1)
        )
        self.play(Create(self.line_b), Create(self.perpendicular), Create(self.right_angle), run_time=1.2,
                  subcaption=f"Drop the perpendicular from {self.name_a} onto the line of {self.name_b}.",
                  beat="perpendicular", narration=narrative.say_perpendicular(self.lesson))
        self.play(Create(self.shadow), run_time=1.0,
                  subcaption=f"The shadow of {self.name_a} on the line of {self.name_b}.",
                  beat="shadow", narration=narrative.say_shadow(self.lesson))
        relation = math(r"a \cdot b = (\text{shadow of } a \text{ on } b) \times |b|",
                        size=style.MATH_SIZE - 4)
        self.set_status(narrative.relation_caption(self.lesson), relation, beat="relation",
                        narration=narrative.say_relation(self.lesson))
        self.wait(1.5)

    def line_through_b(self) -> Line:
        """The line of b, long enough to carry b and the shadow (which can point backwards)."""
        along = self.b2() / norm(self.b2())
        shadow = scalar_projection(self.a2(), self.b2())
        margin = LINE_MARGIN / self.unit
        start = (min(0.0, shadow) - margin) * along
        end = (max(norm(self.b2()), shadow) + margin) * along
        return DashedLine(self.to_screen(start), self.to_screen(end), color=style.GRID,
                          stroke_width=2, dash_length=0.12)

    def right_angle_mark(self) -> VMobject:
        """A small square at the foot of the perpendicular (nothing when the foot is the origin)."""
        foot, tip = self.to_screen(self.foot()), self.to_screen(self.a2())
        along = foot - DIAGRAM_ORIGIN
        across = tip - foot
        if np.linalg.norm(along) < 2 * RIGHT_ANGLE_SIZE or np.linalg.norm(across) < 2 * RIGHT_ANGLE_SIZE:
            return VMobject()
        back = -along / np.linalg.norm(along) * RIGHT_ANGLE_SIZE
        up = across / np.linalg.norm(across) * RIGHT_ANGLE_SIZE
        mark = VMobject(color=style.FOREGROUND, stroke_width=2)
        mark.set_points_as_corners([foot + back, foot + back + up, foot + up])
        return mark

    # ------------------------------------------------------------ 5. turn b
    def set_status(self, text: str, shown_as: Mobject | None = None, beat: str = "status",
                   narration: str | None = None) -> None:
        """Replace the line under the diagram (by `text`, or by `shown_as` captioned `text`)."""
        new = shown_as or label(text, size=style.SMALL_SIZE, color=style.MUTED)
        new.move_to([0, STATUS_Y, 0])
        self.play(Succession(FadeOut(self.status), FadeIn(new)), run_time=0.8, subcaption=text, beat=beat,
                  narration=narration)
        self.status = new

    def turn_b(self) -> None:
        self.set_status(narrative.turn_status(self.lesson), beat="turn",
                        narration=narrative.say_turn(self.lesson))
        unrelated, opposed = (np.radians(d) for d in TURN_TO_DEGREES)
        self.play(tween(self.angle, unrelated), run_time=2.5, rate_func=smooth,
                  subcaption="At a right angle the shadow vanishes: the dot product is zero, unrelated.",
                  beat="right_angle", narration=narrative.say_right_angle())
        self.wait(1.5)
        self.play(tween(self.angle, opposed), run_time=2.5, rate_func=smooth,
                  subcaption="Past a right angle the shadow points backwards: negative, opposed.",
                  beat="opposed", narration=narrative.say_opposed())
        self.wait(1.5)
        self.play(tween(self.angle, self.start_angle), run_time=1.5, rate_func=smooth,
                  subcaption=f"Back to {self.name_b}.", beat="back",
                  narration=narrative.say_back(self.lesson))

    # ------------------------------------------------------------ 6. stretch a
    def stretch_a(self) -> None:
        self.set_status(narrative.stretch_status(self.lesson), beat="stretch_status",
                        narration=narrative.say_stretch_status(self.lesson))
        dot_ab = dot(self.lesson.words[self.name_a], self.lesson.words[self.name_b])
        self.play(tween(self.stretch, STRETCH), run_time=2.0, rate_func=linear,
                  subcaption=narrative.stretch_caption(self.name_a, dot_ab), beat="stretch",
                  narration=narrative.say_stretch(self.lesson, dot_ab))
        self.wait(1.5)
        self.set_status(narrative.stretch_moral(dot_ab), beat="moral", narration=narrative.say_moral(dot_ab))
        self.wait(1.5)

    # ------------------------------------------------------------ 7. the lesson's contrast
    def contrast(self) -> None:
        for mob in (self.arrow_a, self.arrow_b, self.arc, self.line_b, self.perpendicular,
                    self.right_angle, self.shadow, self.label_a, self.label_b, self.theta_label,
                    self.reading, *self.rows):
            mob.clear_updaters()
        lesson = self.lesson
        pairs = (lesson.dot_b, lesson.dot_contrast)
        unit, middle = card_frame(lesson, pairs)
        cards = [
            pair_card(lesson, other, at, unit, middle)
            for other, at in zip(pairs, CONTRAST_CENTERS, strict=True)
        ]
        versus = label("vs", size=style.BODY_SIZE, color=style.MUTED).move_to(
            (CONTRAST_CENTERS[0] + CONTRAST_CENTERS[1]) / 2
        )
        self.play(
            # the panel first: its opaque fill must stay under its rows while they fade
            FadeOut(VGroup(self.panel, self.rows, self.reading, self.arrow_a, self.arrow_b, self.arc,
                           self.line_b, self.perpendicular, self.right_angle, self.shadow, self.label_a,
                           self.label_b, self.theta_label, self.status)),
            run_time=0.6,
            subcaption=f"Finally, {lesson.dot_a} against {pairs[0]} and against {pairs[1]}.",
            beat="finally", narration=narrative.say_finally(lesson),
        )
        self.play(FadeIn(cards[0]), FadeIn(versus), FadeIn(cards[1]), run_time=1.0,
                  subcaption=narrative.contrast_caption(lesson), beat="contrast",
                  narration=narrative.say_contrast(lesson))
        self.wait(3.0)


__all__ = ["DotProduct"]
