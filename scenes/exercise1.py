"""Exercise 1 on literal axes: three toy 3-D words as arrows on x, y and z axes whose ticks are
the words' own numbers, their cosines read out, and the similar and the different pair named.

Every number comes from the lesson's [exercise1] and la_core (`cosine_similarity`,
`similarity_reading`); the words from `scenes.narrative.exercise1`.
"""

from __future__ import annotations

import numpy as np
from manim import (
    DEGREES,
    LEFT,
    DashedLine,
    Dot,
    FadeIn,
    GrowFromPoint,
    LaggedStart,
    Line,
    Mobject,
    SurroundingRectangle,
    ThreeDScene,
    VGroup,
    Write,
)

from scenes import catalog, style
from scenes.base import LessonSceneMixin, label
from scenes.narrative import exercise1 as narrative
from scenes.space3d import SpaceMixin, unit_axes

TEXT_LEFT = -6.85
WORD_ROWS = (2.0, 1.45, 0.9)
PAIR_ROWS = (-0.1, -0.6, -1.1)
VERDICT_ROWS = (-2.1, -2.7)
TEXT_WIDTH = 6.4
SPACE_BOX = ((0.2, -3.4), (6.7, 2.6))
OBSTACLE_POINTS, OBSTACLE_RADIUS = 12, 0.04  # points along each arrow and axis labels keep clear of
LABEL_LIMITS = ((0.0, -3.7), (6.9, 2.9))
SPACE_PAD = 0.15  # lesson units beyond the farthest number, on every axis
CAMERA_PHI = 62 * DEGREES
CAMERA_THETA = -50 * DEGREES
SWING = (CAMERA_THETA,)  # one camera angle: every number is placed clear of the others exactly
TICK_SHARE = 0.04  # a tick's half length, as a share of the widest axis
TICK_LABEL_SHARE = 0.12  # how far a tick's number sits from its axis, same share
STAGGER = (1.0, 1.8, 2.6)  # a tick's number tries these distances from its axis, nearest first
GUIDE_OPACITY = 0.45
TITLE = catalog.get("exercise1").title


def tick_values(coords: np.ndarray, axis: int) -> list[float]:
    """The words' own numbers on one axis, each once (as printed), smallest first; a 0 is the
    origin, labelled once for all three axes."""
    return sorted({round(float(v), style.DECIMALS) for v in coords[:, axis]} - {0.0})


class ExerciseOne(SpaceMixin, LessonSceneMixin, ThreeDScene):
    """Three toy words on literal x, y, z axes; their cosines; the similar and the different pair."""

    def construct(self) -> None:
        tale = narrative.story(self.lesson)
        names = tale.names
        coords = np.stack([self.lesson.exercise1[name] for name in names])
        colors = {name: style.WORD_COLORS[i] for i, name in enumerate(names)}
        self.set_camera_orientation(phi=CAMERA_PHI, theta=CAMERA_THETA)
        title = self.flat(self.title(TITLE))
        self.play(Write(title), run_time=1.2, subcaption=f"{TITLE}.", beat="title",
                  narration=narrative.say_title())

        rows = [self._text(f"{name} = ({', '.join(style.fmt(v) for v in coords[i])})", colors[name], y)
                for i, (name, y) in enumerate(zip(names, WORD_ROWS, strict=True))]
        self.play(LaggedStart(*(FadeIn(row) for row in rows), lag_ratio=0.4), run_time=2.0,
                  subcaption=narrative.intro_caption(tale), beat="words",
                  narration=narrative.say_words(tale))

        axes, ticks, ends = self._axes(coords)
        texts = [label(name, size=style.BODY_SIZE, color=colors[name]) for name in names]
        axis_names = [label(name, style.LABEL_SIZE, style.MUTED) for name in "xyz"]
        placed = self.place_tip_labels([*axis_names, *texts], np.vstack([ends, coords]), LABEL_LIMITS, SWING,
                                       placed=self.placed)
        names_on_axes, tip_labels = VGroup(*placed[:3]), placed[3:]
        self.play(FadeIn(axes), FadeIn(ticks), FadeIn(names_on_axes), run_time=1.5,
                  subcaption="Ticks at the words' own numbers.", beat="axes",
                  narration=narrative.axes_narration(tale))
        arrows = [self.arrow((0, 0, 0), xyz, colors[name]) for name, xyz in zip(names, coords, strict=True)]
        guides = VGroup(*(self._guides(xyz, colors[name]) for name, xyz in zip(names, coords, strict=True)))
        self.play(LaggedStart(*(GrowFromPoint(a, self.p((0, 0, 0))) for a in arrows), lag_ratio=0.4),
                  FadeIn(guides), run_time=3.0,
                  subcaption="Each word is an arrow to its three numbers.", beat="arrows",
                  narration=narrative.say_arrows())
        self.play(*(FadeIn(t) for t in tip_labels), run_time=0.8)
        self.wait(0.8)

        lines = [self._text(narrative.pair_line(toy), style.FOREGROUND, y)
                 for toy, y in zip(tale.pairs, PAIR_ROWS, strict=True)]
        self.play(LaggedStart(*(FadeIn(line) for line in lines), lag_ratio=0.4), run_time=2.0,
                  subcaption=narrative.cosines_caption(tale), beat="cosines",
                  narration=narrative.say_cosines())
        self.wait(1.0)
        closest = style.POSITIVE if tale.closest.reading == "similar" else style.FOREGROUND
        farthest = style.NEGATIVE if tale.farthest.reading != "similar" else style.FOREGROUND
        for toy, line_y, which, color in ((tale.closest, VERDICT_ROWS[0], "closest", closest),
                                          (tale.farthest, VERDICT_ROWS[1], "farthest", farthest)):
            row = lines[tale.pairs.index(toy)]
            box = self.flat(SurroundingRectangle(row, color=color, buff=0.08))
            said = narrative.closest_line(tale) if which == "closest" else narrative.farthest_line(tale)
            verdict = self._text(said, color, line_y)
            speech = (narrative.closest_narration(tale) if which == "closest"
                      else narrative.farthest_narration(tale))
            self.play(FadeIn(box), FadeIn(verdict), run_time=1.5, subcaption=f"{said}.", beat=which,
                      narration=speech)
            self.wait(1.5)
        self.wait(1.5)

    def _text(self, text: str, color: str, y: float) -> Mobject:
        line = label(text, style.LABEL_SIZE, color)
        line.scale(min(1.0, TEXT_WIDTH / line.width)).move_to([TEXT_LEFT, y, 0], aligned_edge=LEFT)
        return self.flat(line)

    def _axes(self, coords: np.ndarray) -> tuple[Mobject, VGroup, np.ndarray]:
        """x, y and z at one scale, fitted to the screen; a tick and its number at every word's own
        coordinate; and the axes' far ends (where their names go)."""
        low = np.minimum(coords.min(axis=0), 0.0) - SPACE_PAD
        high = np.maximum(coords.max(axis=0), 0.0) + SPACE_PAD
        self.axes = unit_axes(low, high, style.MUTED)
        widest = float(np.max(high - low))
        tick, room = TICK_SHARE * widest, TICK_LABEL_SHARE * widest
        across = (np.array([0.0, -1.0, 0.0]), np.array([-1.0, 0.0, 0.0]), np.array([-0.7, -0.7, 0.0]))
        spots = [np.eye(3)[axis] * value + side * across[axis] * room * STAGGER[-1]
                 for axis in range(3) for value in tick_values(coords, axis) for side in (1, -1)]
        self.fit_to_screen(np.vstack([coords, np.diag(low), np.diag(high), *spots]), SPACE_BOX, SWING)
        ticks, numbers, self.placed = VGroup(), [], self._obstacles(coords, low, high)
        if np.any(np.round(coords, style.DECIMALS) == 0):  # a word's 0 sits at the origin: first,
            numbers.append(self._place_number(label("0", style.SMALL_SIZE, style.FOREGROUND), np.zeros(3),
                                              np.array([-0.7, -0.7, 0.0]), room))  # ticks keep clear
        for axis in range(3):
            for value in tick_values(coords, axis):
                at = np.eye(3)[axis] * value
                ticks.add(Line(self.p(at - across[axis] * tick), self.p(at + across[axis] * tick),
                               color=style.FOREGROUND, stroke_width=2))
                owners = [i for i in range(3) if round(float(coords[i, axis]), style.DECIMALS) == value]
                color = style.WORD_COLORS[owners[0]] if len(owners) == 1 else style.FOREGROUND
                number = label(style.fmt(value), style.SMALL_SIZE, color)
                numbers.append(self._place_number(number, at, across[axis], room))
        return self.axes, VGroup(ticks, *numbers), np.diag(high)

    def _obstacles(self, coords: np.ndarray, low: np.ndarray, high: np.ndarray) -> list[list[tuple]]:
        """Screen boxes of points along the arrows and the axes, so no number or name covers them."""
        dot = Dot(radius=OBSTACLE_RADIUS)
        shares = np.linspace(0.15, 1.0, OBSTACLE_POINTS)
        points = [share * xyz for xyz in coords for share in shares]
        points += [np.eye(3)[axis] * (low[axis] + share * (high[axis] - low[axis]))
                   for axis in range(3) for share in shares]
        return [self.screen_boxes(dot, point, SWING) for point in points]

    def _place_number(self, number: Mobject, at: np.ndarray, across: np.ndarray, room: float) -> Mobject:
        """A tick's number beside its tick, on either side and near or farther out, wherever it
        covers no number placed before it from every camera angle of the swing."""
        axis = int(np.argmax(np.abs(at))) if np.any(at) else 0
        others = [np.eye(3)[k] for k in range(3) if k != axis]
        sides = [across, -across, *others, *(-o for o in others)]
        spots = [at + side / np.linalg.norm(side) * room * reach for reach in STAGGER for side in sides]
        scored = [(self.badness(self.screen_boxes(number, spot, SWING), self.placed, LABEL_LIMITS), i)
                  for i, spot in enumerate(spots)]
        best = spots[min(scored)[1]]
        self.placed.append(self.screen_boxes(number, best, SWING))
        number.move_to(self.p(best))
        self.add_fixed_orientation_mobjects(number)
        self.remove(number)
        return number

    def _guides(self, xyz: np.ndarray, color: str) -> VGroup:
        """Dashed lines from a tip down to the floor, and from there to the x and y axes."""
        foot = np.array([xyz[0], xyz[1], 0.0])
        ends = [(xyz, foot), (foot, np.array([xyz[0], 0.0, 0.0])), (foot, np.array([0.0, xyz[1], 0.0]))]
        guides = VGroup(*(DashedLine(self.p(a), self.p(b), color=color, stroke_width=2, dash_length=0.08)
                          for a, b in ends if np.linalg.norm(np.asarray(a) - np.asarray(b)) > 1e-9))
        return guides.set_stroke(opacity=GUIDE_OPACITY)


__all__ = ["ExerciseOne"]
