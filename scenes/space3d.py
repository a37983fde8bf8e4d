"""What the 3-D scenes share: axes fitted to the screen from every camera angle they use, coarse
arrows cairo draws quickly, and labels that face the camera beside a 3-D point.

Mixed into a ThreeDScene that sets `self.axes` (a ThreeDAxes) before calling `fit_to_screen`.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
from manim import Cone, Line, Line3D, Mobject, ThreeDAxes, ThreeDCamera, VGroup

ARROW_TIP_LENGTH = 0.25
LABEL_GAP = 0.12  # room between a label and its tip, and between labels, on screen
#: Sides of a tip a label may sit on (screen directions), in order of preference.
SIDES = ((1, 0), (1, 1), (1, -1), (0, 1), (0, -1), (-1, 0), (-1, 1), (-1, -1))
LEADER_REACHES = (0.35, 0.7, 1.05, 1.4)  # screen units beyond a tip for a label with a leader line
LEADER_COST = 8  # a leader line is worth it when a spot beside the tip is ambiguous or on arrows
LEADER_WIDTH = 1.5
LEADER_OPACITY = 0.7
SWING_SAMPLES = 7  # camera angles a label is checked from across a swing


ALONG = np.linspace(0.0, 1.0, 24)  # points checked along an arrow for a label lying on it


def _overlap(a: tuple, b: tuple) -> bool:
    return not (a[2] < b[0] or b[2] < a[0] or a[3] < b[1] or b[3] < a[1])


def _gap(box: tuple, point: np.ndarray) -> float:
    """Distance on screen from a point to a box (0 inside it)."""
    dx = max(box[0] - point[0], 0.0, point[0] - box[2])
    dy = max(box[1] - point[1], 0.0, point[1] - box[3])
    return float(np.hypot(dx, dy))

Box = tuple[tuple[float, float], tuple[float, float]]


def unit_axes(low: np.ndarray, high: np.ndarray, color: str, ticks: bool = False) -> ThreeDAxes:
    """x, y and z from `low` to `high` at one scene unit per unit (so lengths and angles are true),
    without tips; ticks at every whole unit only when asked."""
    config = {"color": color, "stroke_width": 2, "include_tip": False}
    if not ticks:
        config["include_ticks"] = False
    return ThreeDAxes(
        x_range=[low[0], high[0], 1], y_range=[low[1], high[1], 1], z_range=[low[2], high[2], 1],
        x_length=high[0] - low[0], y_length=high[1] - low[1], z_length=high[2] - low[2],
        axis_config=config,
    )


class PivotCamera(ThreeDCamera):
    """A ThreeDCamera that turns about `pivot` (a scene point) and shows it at `screen_at` (a frame
    point): a 3-D view can sit on one side of the frame and still swing in place."""

    def __init__(self, **kwargs: object) -> None:
        super().__init__(**kwargs)
        self.pivot = np.zeros(3)
        self.screen_at = np.zeros(3)

    def project_points(self, points: np.ndarray) -> np.ndarray:
        return super().project_points(np.asarray(points, dtype=float) - self.pivot) + self.screen_at


class SpaceMixin:
    """Helpers for a ThreeDScene drawing lesson coordinates on `self.axes`."""

    axes: object
    camera: PivotCamera

    def __init__(self, *args: object, **kwargs: object) -> None:
        kwargs.setdefault("camera_class", PivotCamera)
        super().__init__(*args, **kwargs)

    def flat(self, *mobjects: Mobject) -> Mobject:
        """Pin text to the frame (it does not turn with the camera); the first one back."""
        self.add_fixed_in_frame_mobjects(*mobjects)
        self.remove(*mobjects)
        return mobjects[0]

    def fit_to_screen(self, points: np.ndarray, box: Box, thetas: Sequence[float]) -> None:
        """Scale the axes so the points fill `box` ((left, bottom), (right, top)) on screen, seen
        from every camera angle in `thetas` (the scene's swing; the last is where it starts), and
        turn the camera about the points' centre, shown at the box's centre: the view swings in
        place instead of sweeping across the frame."""
        (left, bottom), (right, top) = box
        self.axes.view_part = "axes"  # the layout audit measures the view with its axes
        middle = (points.min(axis=0) + points.max(axis=0)) / 2
        self.camera.screen_at = np.zeros(3)
        for _ in range(4):  # perspective makes this slightly non-linear: a few rounds settle it
            self.camera.pivot = self.p(middle)
            seen = self.seen_from(points, thetas)
            factor = min((right - left) / np.ptp(seen[:, 0]), (top - bottom) / np.ptp(seen[:, 1]))
            self.axes.scale(factor, about_point=self.p(middle))
        self.camera.pivot = self.p(middle)
        seen = self.seen_from(points, thetas)
        centre = (seen.min(axis=0) + seen.max(axis=0)) / 2
        wanted = np.array([(left + right) / 2, (bottom + top) / 2])
        self.camera.screen_at = np.array([*(wanted - centre[:2]), 0.0])

    def seen_from(self, points: np.ndarray, thetas: Sequence[float],
                  scene_points: bool = False) -> np.ndarray:
        """Screen positions of the points (lesson coordinates, or scene points) from each camera
        angle (the camera ends on the last)."""
        scene = np.asarray(points, dtype=float) if scene_points else np.array([self.p(q) for q in points])
        seen = []
        for theta in thetas:
            self.camera.set_theta(theta)
            self.camera.reset_rotation_matrix()
            seen.append(self.camera.project_points(scene))
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
        arrow.view_part = "arrows"  # what the layout audit measures the 3-D view by
        return arrow

    def screen_boxes(self, label: Mobject, at: np.ndarray, thetas: Sequence[float]) -> list[tuple]:
        """Where a camera-facing label centred at lesson point `at` shows on screen (x0, y0, x1, y1),
        from each camera angle (the camera ends on the last)."""
        half_w, half_h = 0.6 * label.width + LABEL_GAP, 0.6 * label.height + LABEL_GAP
        boxes = []
        for centre in self.seen_from(np.array([at]), thetas):
            boxes.append((centre[0] - half_w, centre[1] - half_h, centre[0] + half_w, centre[1] + half_h))
        return boxes

    @staticmethod
    def badness(boxes: Sequence[tuple], placed: Sequence[Sequence[tuple]], limits: Box) -> int:
        """100 per camera angle the label leaves `limits` at, 1 per label it covers."""
        (left, bottom), (right, top) = limits
        score = 0
        for k, box in enumerate(boxes):
            score += 100 * (box[0] < left or box[1] < bottom or box[2] > right or box[3] > top)
            score += sum(not (box[2] < o[k][0] or o[k][2] < box[0] or box[3] < o[k][1] or o[k][3] < box[1])
                         for o in placed)
        return score

    def place_tip_labels(self, labels: Sequence[Mobject], tips: np.ndarray, limits: Box,
                         thetas: Sequence[float], placed: list[list[tuple]] | None = None) -> list[Mobject]:
        """Put each label beside its tip where, from every camera angle across the swing `thetas`
        (the last is where the camera is now), it covers no label placed before it, stays inside
        `limits` and is nearer its own tip than any other. Where no spot beside the tip is clear
        (close directions), the label goes farther out, stacked clear of the others, with a leader
        line to its tip. Returns each label, grouped with its leader when it has one. `placed`:
        screen boxes (one per camera angle) of what is already on screen, which it extends; with
        one camera angle (no swing) the boxes are for that angle alone."""
        angles = list(thetas) if len(thetas) == 1 else list(np.linspace(thetas[0], thetas[-1], SWING_SAMPLES))
        points = np.array([self.p(tip) for tip in tips])
        placed = [] if placed is None else placed
        shown = []
        for n, text in enumerate(labels):
            spots = self._spots(text, points[n], angles[-1])
            best = min((self._spot_score(text, spot, n, points, placed, limits, angles, k >= len(SIDES)),
                        k, spot)
                       for k, spot in enumerate(spots))
            _, k, spot = best
            placed.append(self._boxes(text, spot, angles))
            text.move_to(spot)
            text.labels_point = points[n]  # the layout audit keeps the label beside it
            self.add_fixed_orientation_mobjects(text)
            self.remove(text)
            if k < len(SIDES):  # beside the tip
                shown.append(text)
                continue
            text.leader = self._leader(text, points[n], spot, angles[-1])
            shown.append(VGroup(text.leader, text))
        return shown

    def _spots(self, text: Mobject, tip: np.ndarray, theta: float) -> list[np.ndarray]:
        """Scene points for a label's centre: beside the tip on each side first (as seen from
        `theta`), then farther out (LEADER_REACHES) where a leader line will join them."""
        self.camera.set_theta(theta)
        self.camera.reset_rotation_matrix()
        back = self.camera.get_rotation_matrix().T  # screen offsets to scene offsets
        spots = []
        for extra in (0.0, *LEADER_REACHES):
            for side in SIDES:
                offset = np.array([side[0] * (text.width / 2 + LABEL_GAP + extra),
                                   side[1] * (text.height / 2 + LABEL_GAP + extra), 0.0])
                spots.append(tip + back @ offset)
        return spots

    def _boxes(self, text: Mobject, centre: np.ndarray, angles: Sequence[float]) -> list[tuple]:
        """The label's screen box (x0, y0, x1, y1) centred at scene point `centre`, per angle."""
        half_w, half_h = text.width / 2 + LABEL_GAP / 2, text.height / 2 + LABEL_GAP / 2
        return [(x - half_w, y - half_h, x + half_w, y + half_h)
                for x, y, _ in self.seen_from(np.array([centre]), angles, scene_points=True)]

    def _spot_score(self, text: Mobject, spot: np.ndarray, n: int, points: np.ndarray,
                    placed: Sequence[Sequence[tuple]], limits: Box, angles: Sequence[float],
                    leader: bool = False) -> int:
        """1000 per angle the label leaves `limits` at, 100 per label it covers, 10 per angle at
        which another tip is nearer to it than its own (unless a leader line joins it to its tip:
        that costs LEADER_COST once), 1 per other arrow it lies on (0: clear)."""
        (left, bottom), (right, top) = limits
        boxes = self._boxes(text, spot, angles)
        tips = [self.seen_from(points, [theta], scene_points=True)[:, :2] for theta in angles]
        origins = [self.seen_from(np.array([self.p((0, 0, 0))]), [theta], scene_points=True)[0, :2]
                   for theta in angles]
        score = LEADER_COST if leader else 0
        for k, box in enumerate(boxes):
            score += 1000 * (box[0] < left or box[1] < bottom or box[2] > right or box[3] > top)
            score += 100 * sum(_overlap(box, o[k]) for o in placed)
            gaps = [_gap(box, tip) for tip in tips[k]]
            score += 10 * (not leader and any(gap < gaps[n] for m, gap in enumerate(gaps) if m != n))
            score += sum(min(_gap(box, origins[k] + t * (tip - origins[k])) for t in ALONG) == 0
                         for m, tip in enumerate(tips[k]) if m != n)
        return score

    def _leader(self, text: Mobject, tip: np.ndarray, centre: np.ndarray, theta: float) -> Line:
        """A thin line from the tip to the edge of the label's box (as seen from `theta`)."""
        seen = self.seen_from(np.array([tip, centre]), [theta], scene_points=True)[:, :2]
        run = seen[1] - seen[0]
        length = float(np.linalg.norm(run))
        inside = min(text.width / 2 / max(abs(run[0]), 1e-9), text.height / 2 / max(abs(run[1]), 1e-9))
        share = max(0.0, 1.0 - inside - LABEL_GAP / max(length, 1e-9))
        leader = Line(tip, tip + share * (centre - tip), color=text.get_color(), stroke_width=LEADER_WIDTH)
        leader.set_opacity(LEADER_OPACITY)
        return leader

    def tip_label(self, label: Mobject, at: Sequence[float], away: Sequence[float]) -> Mobject:
        """Make `label` face the camera always, just beside a 3-D point, on the side the lesson
        direction `away` points to on screen (LABEL_GAP from the point, whatever the scale)."""
        tip = self.p(at)
        direction = np.asarray(away, dtype=float)
        if float(np.linalg.norm(direction)) < 1e-9:
            direction = np.array([0.0, 0.0, 1.0])
        ends = self.camera.project_points(np.array([tip, self.p(np.asarray(at) + direction)]))
        run = ends[1, :2] - ends[0, :2]
        run = run / max(float(np.linalg.norm(run)), 1e-9)
        reach = min(label.width / 2 / max(abs(run[0]), 1e-9), label.height / 2 / max(abs(run[1]), 1e-9))
        offset = np.array([*(run * (reach + LABEL_GAP)), 0.0])
        label.move_to(tip + self.camera.get_rotation_matrix().T @ offset)
        label.labels_point = tip
        self.add_fixed_orientation_mobjects(label)
        self.remove(label)
        return label
