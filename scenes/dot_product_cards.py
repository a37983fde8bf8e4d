"""Step 2's shared pieces and closing cards: the numbers as shown, where θ's label goes, and one
card per pair (the lesson pair against its contrast word, side by side, at one common scale).

Split from `scenes/dot_product.py` (which keeps the animation) so each stays under 400 lines.
"""

from __future__ import annotations

import numpy as np
from manim import DOWN, RIGHT, Arc, Arrow, DecimalNumber, RoundedRectangle, VGroup

from la_core import Lesson, angle_between, cosine_similarity, dot, norm, plane_coordinates, similarity_reading
from scenes import style
from scenes.base import label
from scenes.parts import math

ARC_RADIUS = 0.55
THETA_INSIDE_FROM = 20.0  # degrees: narrower angles get θ's label just past b instead of inside
THETA_PAST_B = 18.0  # degrees past b
CARD_SIZE = (6.2, 6.6)
CARD_HEADING_OFFSET = np.array([0.0, 2.85, 0.0])
CARD_DIAGRAM_OFFSET = np.array([-0.2, 0.85, 0.0])  # centre of the pair's drawing in its card
CARD_DIAGRAM_SIZE = (3.4, 1.9)  # the drawing (without labels) fits this box
CARD_NUMBERS_OFFSET = np.array([0.0, -1.9, 0.0])


def shown(value: float, decimals: int = style.DECIMALS) -> float:
    """The value as the viewer should read it: never a "-0.00" from rounding noise."""
    return 0.0 if round(value, decimals) == 0 else value


def theta_direction(angle: float) -> float:
    """Where θ's label goes (radians from a): inside the arc, or just past b when the angle is too
    narrow for it (it would sit on the arrows)."""
    if angle >= np.radians(THETA_INSIDE_FROM):
        return angle / 2
    return angle + np.radians(THETA_PAST_B)


def number(value: float, color: str = style.FOREGROUND, unit: str | None = None,
           decimals: int = style.DECIMALS) -> DecimalNumber:
    return DecimalNumber(
        shown(value, decimals),
        num_decimal_places=decimals,
        font_size=style.MATH_SIZE,
        color=color,
        unit=unit,
    )


def card_frame(lesson: Lesson, others: tuple[str, ...]) -> tuple[float, np.ndarray]:
    """One scale and one placement for all closing cards, so their pictures compare directly.

    Returns (scene units per unit, the plane point drawn at the centre of each card's picture),
    chosen so every pair fits CARD_DIAGRAM_SIZE.
    """
    vec_a = lesson.words[lesson.dot_a]
    planes = [point for o in others for point in plane_coordinates(vec_a, lesson.words[o])]
    corners = np.array([[0.0, 0.0], *planes])
    low, high = corners.min(axis=0), corners.max(axis=0)
    width, height = high - low
    return min(CARD_DIAGRAM_SIZE[0] / width, CARD_DIAGRAM_SIZE[1] / height), (low + high) / 2


def pair_card(lesson: Lesson, other: str, center: np.ndarray, unit: float, middle: np.ndarray) -> VGroup:
    """One pair in its own plane, with its dot product, cosine, angle and reading from la_core."""
    vec_a, vec_b = lesson.words[lesson.dot_a], lesson.words[other]
    plane_a, plane_b = plane_coordinates(vec_a, vec_b)
    color_a = style.word_color(lesson.dot_a, lesson.word_names)
    color_b = style.word_color(other, lesson.word_names)
    origin = center + CARD_DIAGRAM_OFFSET - unit * np.array([middle[0], middle[1], 0.0])

    def at(v: np.ndarray) -> np.ndarray:
        return origin + unit * np.array([v[0], v[1], 0.0])

    card = RoundedRectangle(
        width=CARD_SIZE[0], height=CARD_SIZE[1], corner_radius=0.15,
        fill_color=style.PANEL, fill_opacity=1.0, stroke_color=style.GRID, stroke_width=2,
    ).move_to(center)
    arrow_a = Arrow(origin, at(plane_a), buff=0, color=color_a, stroke_width=6)
    arrow_b = Arrow(origin, at(plane_b), buff=0, color=color_b, stroke_width=6)
    name_a = label(lesson.dot_a, color=color_a).next_to(at(plane_a), RIGHT, buff=0.15)
    name_b = label(other, color=color_b).next_to(
        at(plane_b), np.append(plane_b / norm(plane_b), 0.0), buff=0.15
    )
    angle = angle_between(vec_a, vec_b)
    arc = Arc(radius=ARC_RADIUS, start_angle=0.0, angle=angle, arc_center=origin,
              color=style.FOREGROUND, stroke_width=3)
    where = theta_direction(angle)
    theta = math(r"\theta", size=style.MATH_SIZE - 4).move_to(
        origin + (ARC_RADIUS + 0.3) * np.array([np.cos(where), np.sin(where), 0.0])
    )
    heading = VGroup(
        label(lesson.dot_a, size=style.BODY_SIZE, color=color_a),
        math(r"\cdot"),
        label(other, size=style.BODY_SIZE, color=color_b),
    ).arrange(RIGHT, buff=0.15).move_to(center + CARD_HEADING_OFFSET)
    cosine = cosine_similarity(vec_a, vec_b)
    reading = similarity_reading(cosine)
    numbers = VGroup(
        VGroup(math(r"a \cdot b ="), number(dot(vec_a, vec_b))).arrange(RIGHT, buff=0.2),
        VGroup(math(r"\cos\theta ="), number(cosine, decimals=style.COSINE_DECIMALS))
        .arrange(RIGHT, buff=0.2),
        VGroup(math(r"\theta ="), number(angle_between(vec_a, vec_b, degrees=True), unit=r"^{\circ}"))
        .arrange(RIGHT, buff=0.2),
        label(f"reads as: {reading}", size=style.BODY_SIZE, color=style.READING_COLORS[reading]),
    ).arrange(DOWN, buff=0.22).move_to(center + CARD_NUMBERS_OFFSET)
    return VGroup(card, heading, arc, theta, arrow_a, arrow_b, name_a, name_b, numbers)
