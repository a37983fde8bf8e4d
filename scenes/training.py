"""Step 4 — training is the search for W: gradient descent moves every word's output toward its
target in the plane, W's entries and the loss updating, the loss curve falling, until W equals
numpy's least-squares W.

Every number comes from la_core (`gradient_descent`, `least_squares_weights`) through
`scenes.narrative.training`; the scene only draws the run, step by step.
"""

from __future__ import annotations

import numpy as np
from manim import (
    DOWN,
    LEFT,
    RIGHT,
    UP,
    Axes,
    Circle,
    Create,
    DecimalNumber,
    Dot,
    FadeIn,
    FadeOut,
    Integer,
    Scene,
    TracedPath,
    ValueTracker,
    VGroup,
    VMobject,
    Write,
    linear,
)

from scenes import catalog, style
from scenes.arrow_labels import axes_around
from scenes.base import LessonSceneMixin, label
from scenes.narrative import training as narrative
from scenes.parts import math, number_matrix

TEXT_LEFT = -6.85
W_TOP = 2.8
RULE_TOP = 1.55  # the update rule, and at the end lstsq's W in its place
ENTRY_SIZE = 30
LEFT_WIDTH = 6.1
LSTSQ_ROOM = 1.1  # "lstsq W =" is longer than "W =": both matrices start this far in
READOUT_Y = 0.15
CURVE_CENTER = np.array([-3.6, -1.75, 0.0])
CURVE_SIZE = (5.4, 2.1)
TRAIL_OPACITY = 0.45
PLANE_CENTER = np.array([3.2, -0.35, 0.0])
PLANE_SIZE = (5.0, 5.2)
PLANE_LEFT, PLANE_RIGHT = -0.5, 6.85  # where the targets' names may go
PLANE_PAD = 0.12
TARGET_RADIUS = 0.14
OUTPUT_RADIUS = 0.09
NAME_GAP = 0.12
FIRST_STEP_SECONDS = 2.0
ALL_STEPS_SECONDS = 7.0
TITLE = catalog.get("training").title


def _matrix(values: np.ndarray, color: str = style.FOREGROUND):
    matrix = number_matrix(values, font_size=ENTRY_SIZE, h_buff=1.1, v_buff=0.5)
    return matrix.set_color(color)


def widest(weights: np.ndarray) -> np.ndarray:
    """Per entry, a value as wide as the widest it takes during the run (a minus sign where it
    goes negative), so the brackets never cut into a changing entry."""
    big = np.max(np.abs(weights), axis=0)
    return np.where(np.any(weights < 0, axis=0), -big, big)


def log_pace(alpha: float, steps: int) -> float:
    """Share of the way from step 1 to `steps` at animation time `alpha`, evenly in log(step): the
    early steps, where the outputs move most, get as much time as the many late ones."""
    return 1.0 if steps <= 1 else (steps**alpha - 1) / (steps - 1)


class TrainingScene(LessonSceneMixin, Scene):
    """W from zero to the least-squares W, one gradient step at a time."""

    def construct(self) -> None:
        tale = narrative.story(self.lesson)
        names = tale.names
        colors = [style.word_color(name, self.lesson.word_names) for name in names]
        heading = self.title(TITLE)
        self.play(Write(heading), run_time=1.2, subcaption=f"{TITLE}.", beat="title",
                  narration=narrative.say_title())

        self.step = ValueTracker(0.0)
        plane, targets, target_names = self._plane(tale, colors)
        self.play(Create(plane), *(FadeIn(t) for t in targets), *(FadeIn(n) for n in target_names),
                  run_time=2.0, subcaption=narrative.targets_caption(tale), beat="targets",
                  narration=narrative.targets_narration(tale))

        w_group = self._weights(tale)
        readout = self._readout(tale)
        outputs = self._outputs(tale, plane, colors)
        curve_axes, curve = self._curve(tale)
        self.play(FadeIn(w_group), FadeIn(readout), *(FadeIn(o) for o in outputs), Create(curve_axes),
                  run_time=1.8, subcaption=narrative.start_caption(tale), beat="start",
                  narration=narrative.start_narration(tale))
        self.add(curve)
        rule = math(rf"W \leftarrow W - {narrative.rate_text(tale.rate)}\,\frac{{\partial L}}{{\partial W}}",
                    size=style.MATH_SIZE - 4)
        rule.move_to([TEXT_LEFT, RULE_TOP, 0], aligned_edge=LEFT + UP)
        self.play(FadeIn(rule), self.step.animate.set_value(1.0), run_time=FIRST_STEP_SECONDS,
                  rate_func=linear, subcaption=narrative.step_caption(tale), beat="first_step")
        self.wait(0.8)
        self.play(self.step.animate.set_value(float(tale.steps)), run_time=ALL_STEPS_SECONDS,
                  rate_func=lambda a: log_pace(a, tale.steps), subcaption=narrative.steps_caption(tale),
                  beat="steps")
        self.play(*(o.animate.scale(1.3) for o in outputs), run_time=0.8,
                  subcaption=narrative.end_caption(tale), beat="end")
        self.play(*(o.animate.scale(1 / 1.3) for o in outputs), run_time=0.6)
        self.wait(1.2)

        best = _matrix(widest(tale.run.weights), style.POSITIVE)  # W's layout, so the columns line up
        for entry, value in zip(best.get_entries(), tale.best.ravel(), strict=True):
            entry.set_value(value)
        best_name = math(r"\text{lstsq } W =", style.POSITIVE, size=style.MATH_SIZE - 4)
        best.scale(self.w_matrix.width / best.width)  # the same columns as W's, right under them
        best.move_to([self.w_matrix.get_x(), RULE_TOP - best.height / 2, 0])
        best_name.scale(self.w_scale).next_to(best, LEFT, buff=0.2)
        best_group = VGroup(best_name, best)
        self.play(FadeOut(rule), FadeIn(best_group), run_time=1.5, subcaption=narrative.lstsq_caption(tale),
                  beat="lstsq", narration=narrative.lstsq_narration(tale))
        self.wait(2.5)

    # -- the run at the tracker's (fractional) step -------------------------------------------
    def _at(self, values: np.ndarray) -> np.ndarray:
        """`values` (indexed by step) at the tracker's step, linear between whole steps."""
        t = self.step.get_value()
        low = int(np.floor(t))
        high = min(low + 1, len(values) - 1)
        return values[low] + (t - low) * (values[high] - values[low])

    def _plane(self, tale: narrative.Story, colors: list[str]) -> tuple[Axes, list, list]:
        path = np.concatenate([tale.run.weights @ x for x in tale.inputs])  # every output at every step
        points = np.vstack([path, tale.targets])
        plane = axes_around(points, PLANE_CENTER, PLANE_SIZE, PLANE_PAD)
        self.plane = plane
        targets = [Circle(radius=TARGET_RADIUS, color=color, stroke_width=3).move_to(plane.c2p(*t))
                   for t, color in zip(tale.targets, colors, strict=True)]
        names = []
        for name, t, color, target in zip(tale.names, tale.targets, colors, targets, strict=True):
            text = VGroup(label(name, style.LABEL_SIZE, color),
                          label(f"({style.fmt(t[0])}, {style.fmt(t[1])})", style.SMALL_SIZE - 2, style.MUTED))
            text.arrange(DOWN, buff=0.06)
            names.append(self._beside(text, target, t[0] >= np.mean(tale.targets[:, 0]), names))
        return plane, targets, names

    @staticmethod
    def _beside(text: VGroup, target: Circle, right_first: bool, placed: list) -> VGroup:
        """A target's name beside it: right (or left) first, then above, below, the other side; the first spot
        inside the picture's side of the frame and clear of the names placed before it."""
        sides = (RIGHT, UP, DOWN, LEFT) if right_first else (LEFT, UP, DOWN, RIGHT)
        for side in sides:
            text.next_to(target, side, buff=NAME_GAP)
            inside = text.get_left()[0] >= PLANE_LEFT and text.get_right()[0] <= PLANE_RIGHT
            clear = all(text.get_right()[0] < o.get_left()[0] or o.get_right()[0] < text.get_left()[0]
                        or text.get_top()[1] < o.get_bottom()[1] or o.get_top()[1] < text.get_bottom()[1]
                        for o in placed)
            if inside and clear:
                return text
        return text.next_to(target, sides[0], buff=NAME_GAP)

    def _outputs(self, tale: narrative.Story, plane: Axes, colors: list[str]) -> list[Dot]:
        dots = []
        for x, color in zip(tale.inputs, colors, strict=True):
            trail = tale.run.weights @ x  # (steps + 1, 2)
            dot = Dot(plane.c2p(*trail[0]), radius=OUTPUT_RADIUS, color=color)
            dot.add_updater(lambda d, trail=trail: d.move_to(plane.c2p(*self._at(trail))))
            dots.append(dot)
            self.add(TracedPath(dot.get_center, stroke_color=color, stroke_width=2,
                                stroke_opacity=TRAIL_OPACITY))
        return dots

    def _weights(self, tale: narrative.Story) -> VGroup:
        matrix = _matrix(widest(tale.run.weights))
        columns = tale.best.shape[1]
        for k, entry in enumerate(matrix.get_entries()):
            i, j = divmod(k, columns)
            entry.set_value(tale.run.weights[0, i, j])
            entry.add_updater(lambda e, i=i, j=j: e.set_value(self._at(tale.run.weights[:, i, j])))
        name = math("W =", size=style.MATH_SIZE - 4)
        group = VGroup(name, matrix).arrange(RIGHT, buff=0.2)
        self.w_scale = min(1.0, (LEFT_WIDTH - LSTSQ_ROOM) / group.width)
        group.scale(self.w_scale)
        group.move_to([TEXT_LEFT + LSTSQ_ROOM, W_TOP, 0], aligned_edge=LEFT + UP)
        self.w_matrix = matrix
        return group

    def _readout(self, tale: narrative.Story) -> VGroup:
        step_word = label("step", style.LABEL_SIZE, style.MUTED)
        count = Integer(0, font_size=style.MATH_SIZE - 6, color=style.FOREGROUND)
        count.add_updater(lambda c: c.set_value(int(np.floor(self.step.get_value()))))
        loss_word = label("loss", style.LABEL_SIZE, style.MUTED)
        loss = DecimalNumber(tale.run.losses[0], num_decimal_places=narrative.LOSS_DECIMALS,
                             font_size=style.MATH_SIZE - 6, color=style.HIGHLIGHT)
        loss.add_updater(lambda v: v.set_value(self._at(tale.run.losses)))
        group = VGroup(step_word, count, loss_word, loss).arrange(RIGHT, buff=0.2)
        loss_word.shift(0.4 * RIGHT)
        loss.shift(0.4 * RIGHT)
        return group.move_to([TEXT_LEFT, READOUT_Y, 0], aligned_edge=LEFT)

    def _curve(self, tale: narrative.Story) -> tuple[Axes, VMobject]:
        losses = tale.run.losses
        axes = Axes(x_range=[0, tale.steps, tale.steps], y_range=[0, float(losses[0]), float(losses[0])],
                    x_length=CURVE_SIZE[0], y_length=CURVE_SIZE[1], tips=False,
                    axis_config={"include_ticks": False, "color": style.GRID, "stroke_width": 2})
        axes.move_to(CURVE_CENTER)
        steps_name = label(f"steps (0 to {tale.steps})", style.SMALL_SIZE, style.MUTED)
        steps_name.next_to(axes.x_axis, DOWN, buff=0.12)
        loss_name = label("loss", style.SMALL_SIZE, style.MUTED).next_to(axes.y_axis, UP, buff=0.1)
        loss_name.align_to(axes.y_axis, LEFT)
        top = label(narrative.loss_text(losses[0]), style.SMALL_SIZE, style.MUTED)
        top.next_to(axes.c2p(0, float(losses[0])), RIGHT, buff=0.25)
        curve = VMobject(color=style.HIGHLIGHT, stroke_width=3)

        def redraw(line: VMobject) -> None:
            upto = self.step.get_value()
            shown = np.arange(0, int(np.floor(upto)) + 1)
            points = [axes.c2p(s, losses[s]) for s in shown] + [axes.c2p(upto, self._at(losses))]
            line.set_points_as_corners(points if len(points) > 1 else [points[0], points[0]])

        curve.add_updater(redraw)
        return VGroup(axes, steps_name, loss_name, top), curve


__all__ = ["TrainingScene"]
