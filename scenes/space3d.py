"""What the 3-D scenes share: axes fitted to the screen from every camera angle they use, coarse
arrows cairo draws quickly, and labels that face the camera beside a 3-D point.

Mixed into a ThreeDScene that sets `self.axes` (a ThreeDAxes) before calling `fit_to_screen`.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
from manim import Cone, Line3D, Mobject, VGroup

ARROW_TIP_LENGTH = 0.25
LABEL_OFFSET = 0.4
LABEL_GAP = 0.12  # room between labels on screen (perspective makes near labels a little larger)
LABEL_REACHES = (0.3, 0.55, 0.85)  # lesson units beyond a tip, nearest first
AXIS_DIRECTIONS = tuple(np.array(d, dtype=float) for d in
                        ((1, 0, 0), (-1, 0, 0), (0, 1, 0), (0, -1, 0), (0, 0, 1), (0, 0, -1)))

Box = tuple[tuple[float, float], tuple[float, float]]


class SpaceMixin:
    """Helpers for a ThreeDScene drawing lesson coordinates on `self.axes`."""

    axes: object
    camera: object

    def flat(self, *mobjects: Mobject) -> Mobject:
        """Pin text to the frame (it does not turn with the camera); the first one back."""
        self.add_fixed_in_frame_mobjects(*mobjects)
        self.remove(*mobjects)
        return mobjects[0]

    def fit_to_screen(self, points: np.ndarray, box: Box, thetas: Sequence[float]) -> None:
        """Scale and move the axes so the points fill `box` ((left, bottom), (right, top)) on screen,
        seen from every camera angle in `thetas` (the scene's swing; the last is where it starts)."""
        (left, bottom), (right, top) = box
        for _ in range(4):  # perspective makes this slightly non-linear: a few rounds settle it
            seen = self.seen_from(points, thetas)
            width, height = np.ptp(seen[:, 0]), np.ptp(seen[:, 1])
            factor = min((right - left) / width, (top - bottom) / height)
            self.axes.scale(factor, about_point=self.p(points.mean(axis=0)))
            seen = self.seen_from(points, thetas)
            centre = (seen.min(axis=0) + seen.max(axis=0)) / 2
            wanted = np.array([(left + right) / 2, (bottom + top) / 2, centre[2]])
            self.axes.shift(self.camera.get_rotation_matrix().T @ (wanted - centre))

    def seen_from(self, points: np.ndarray, thetas: Sequence[float]) -> np.ndarray:
        """Screen positions of the points from each camera angle (the camera ends on the last)."""
        seen = []
        for theta in thetas:
            self.camera.set_theta(theta)
            self.camera.reset_rotation_matrix()
            seen.append(self.camera.project_points(np.array([self.p(q) for q in points])))
        return np.vstack(seen)

    def p(self, coords: Sequence[float]) -> np.ndarray:
        """Scene point of lesson coordinates."""
        return self.axes.c2p(*coords)

    def arrow(self, start: Sequence[float], end: Sequence[float], color: str) -> VGroup:
        """A coarse 3-D arrow: a thin cylinder and a cone of a few facets (Arrow3D's own cone has
        hundreds of faces, which makes cairo slow)."""
        tail, tip = self.p(start), self.p(end)
        direction = (tip - tail) / max(float(np.linalg.norm(tip - tail)), 1e-9)
        shaft = Line3D(tail, tip - ARROW_TIP_LENGTH * direction, thickness=0.03, resolution=(2, 8),
                       color=color)
        cone = Cone(base_radius=0.08, height=ARROW_TIP_LENGTH, direction=direction, resolution=(1, 8),
                    color=color).shift(tip)
        cone.set_fill(color, opacity=1).set_stroke(width=0)
        arrow = VGroup(shaft, cone)
        arrow.tail = tail
        return arrow

    def screen_boxes(self, label: Mobject, at: np.ndarray, thetas: Sequence[float]) -> list[tuple]:
        """Where a camera-facing label centred at lesson point `at` shows on screen (x0, y0, x1, y1),
        from each camera angle (the camera ends on the last)."""
        half_w, half_h = 0.6 * label.width + LABEL_GAP, 0.6 * label.height + LABEL_GAP
        boxes = []
        for centre in self.seen_from(np.array([at]), thetas):
            boxes.append((centre[0] - half_w, centre[1] - half_h, centre[0] + half_w, centre[1] + half_h))
        return boxes

    def place_tip_labels(self, labels: Sequence[Mobject], tips: np.ndarray, limits: Box,
                         thetas: Sequence[float], placed: list[list[tuple]] | None = None) -> list[Mobject]:
        """Put each label beyond its tip where, from every camera angle, it covers no label placed
        before it and stays inside `limits`: tried away from the other tips first, then other
        directions and farther out; the least bad spot wins when none is clear. `placed`: screen
        boxes (per camera angle) of labels already on screen, which it extends."""
        placed = [] if placed is None else placed
        for n, (text, tip) in enumerate(zip(labels, tips, strict=True)):
            others = np.delete(tips, n, axis=0)
            away = tip - others.mean(axis=0) if len(others) else tip
            spots = [tip + reach * d / max(float(np.linalg.norm(d)), 1e-9)
                     for reach in LABEL_REACHES for d in (away + tip, tip, away, *AXIS_DIRECTIONS)]
            scored = [(self._badness(self.screen_boxes(text, at, thetas), placed, limits), i)
                      for i, at in enumerate(spots)]
            best = spots[min(scored)[1]]  # earliest of equals: nearest, away from the others
            placed.append(self.screen_boxes(text, best, thetas))
            text.move_to(self.p(best))
            self.add_fixed_orientation_mobjects(text)
            self.remove(text)
        return list(labels)

    @staticmethod
    def _badness(boxes: Sequence[tuple], placed: Sequence[Sequence[tuple]], limits: Box) -> int:
        """100 per camera angle the label leaves `limits` at, 1 per label it covers."""
        (left, bottom), (right, top) = limits
        score = 0
        for k, box in enumerate(boxes):
            score += 100 * (box[0] < left or box[1] < bottom or box[2] > right or box[3] > top)
            score += sum(not (box[2] < o[k][0] or o[k][2] < box[0] or box[3] < o[k][1] or o[k][3] < box[1])
                         for o in placed)
        return score

    def tip_label(self, label: Mobject, at: Sequence[float], away: Sequence[float],
                  offset: float = LABEL_OFFSET) -> Mobject:
        """Make `label` face the camera always, just beyond a 3-D point (in direction `away`)."""
        direction = np.asarray(away, dtype=float)
        norm = float(np.linalg.norm(direction))
        shift = direction / norm * offset if norm > 1e-9 else np.array([0.0, 0.0, offset])
        label.move_to(self.p(np.asarray(at) + shift))
        self.add_fixed_orientation_mobjects(label)
        self.remove(label)
        return label
