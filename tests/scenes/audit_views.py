"""The layout audit's checks for pictures of arrows and planes (the 3-D views above all).

Scenes mark what these checks need (scenes/space3d.py does it for the 3-D scenes):
- a label of a point carries `labels_point` (the scene point it names, e.g. an arrow's tip) and,
  when it is drawn away from that point, `leader` (the line that joins them);
- what a 3-D view shows carries `view_part`: "axes" for its axes (fitted to all it will show),
  "arrows", "solid" (a cube, which may flatten to a line) and "surface" (a plane a viewer must see
  as an area);
- a scene turning its camera sets `swing_thetas` (the camera's first and last theta) for the play
  that turns it: the checkpoint after it is audited from angles across the whole swing.

A view problem: with its axes it spans under MIN_VIEW_EXTENT of the frame (in width and in
height), or what it draws on them spans under MIN_CONTENT_EXTENT, or its surfaces cover under
MIN_SURFACE_AREA of the frame (a plane seen edge-on, a sliver).
A label problem: its box is more than MAX_LABEL_GAP from the point it names, or another named
point is nearer to it than its own, and no leader line joins it to its own point.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager

import numpy as np
from manim import Mobject, config

Box = tuple[float, float, float, float]

MAX_LABEL_GAP = 0.45  # scene units from a label's box to the point it names (a word's height is ~0.35)
LEADER_TOUCH = 0.2  # a leader's ends must be this close to the label's box and to the point
MIN_VIEW_EXTENT = 0.33  # a view with its axes spans at least this share of the frame's width or height
MIN_CONTENT_EXTENT = 0.1  # and what it draws on them (its first arrows may be a small part of it)
MIN_SURFACE_AREA = 0.04  # a view's surfaces cover at least this share of the frame (convex hull)
SWING_SAMPLES = 7  # camera angles audited across a swing, both ends included


def swing_angles(scene: Mobject) -> list[float | None]:
    """The camera thetas to audit the scene from: across its swing, or just where it is (None)."""
    swing = getattr(scene, "swing_thetas", None)
    if swing is None:
        return [None]
    return [float(t) for t in np.linspace(swing[0], swing[1], SWING_SAMPLES)]


@contextmanager
def camera_at(scene: Mobject, theta: float | None) -> Iterator[None]:
    """Look from `theta` (None: where the camera is) for the duration, then put the camera back."""
    if theta is None:
        yield
        return
    camera = scene.camera
    before = camera.get_theta()
    camera.set_theta(theta)
    camera.reset_rotation_matrix()
    try:
        yield
    finally:
        camera.set_theta(before)
        camera.reset_rotation_matrix()


def _screen_point(scene: Mobject, point: np.ndarray) -> np.ndarray:
    camera = scene.camera
    if hasattr(camera, "project_point"):
        return camera.project_point(np.asarray(point, dtype=float))[:2]
    return np.asarray(point, dtype=float)[:2]


def _gap(box: Box, point: np.ndarray) -> float:
    """Distance from a point to a box on screen (0 inside it)."""
    dx = max(box[0] - point[0], 0.0, point[0] - box[2])
    dy = max(box[1] - point[1], 0.0, point[1] - box[3])
    return float(np.hypot(dx, dy))


def _marked(scene: Mobject, attribute: str, visible: Callable[[Mobject], list[Mobject]]) -> list[Mobject]:
    found, seen = [], set()
    for top in scene.mobjects:
        for mob in top.get_family():
            if id(mob) not in seen and getattr(mob, attribute, None) is not None and visible(mob):
                seen.add(id(mob))
                found.append(mob)
    return found


def label_problems(scene: Mobject, where: str, visible: Callable[[Mobject], list[Mobject]],
                   box_of: Callable[[list[Mobject]], Box]) -> list[str]:
    """Labels far from the point they name, or nearer another named point, without a leader."""
    labels = _marked(scene, "labels_point", visible)
    points = [_screen_point(scene, mob.labels_point) for mob in labels]
    problems = []
    for n, mob in enumerate(labels):
        box = box_of(visible(mob))
        name = getattr(mob, "original_text", None) or getattr(mob, "tex_string", type(mob).__name__)
        leader = getattr(mob, "leader", None)
        if leader is not None and visible(leader):
            ends = [_screen_point(scene, end) for end in (leader.get_start(), leader.get_end())]
            joined = min(_gap(box, ends[0]) + np.linalg.norm(ends[1] - points[n]),
                         _gap(box, ends[1]) + np.linalg.norm(ends[0] - points[n]))
            if joined > 2 * LEADER_TOUCH:
                problems.append(f"{where}: label {name!r}'s leader line does not join it to its arrow")
            continue
        own = _gap(box, points[n])
        if own > MAX_LABEL_GAP:
            problems.append(f"{where}: label {name!r} is {own:.2f} from its arrow (at most {MAX_LABEL_GAP})")
        nearer = [getattr(other, "original_text", "") or type(other).__name__
                  for m, other in enumerate(labels) if m != n and _gap(box, points[m]) < own - 1e-6]
        if nearer:
            problems.append(f"{where}: label {name!r} is nearer the arrow of {nearer[0]!r} than its own")
    return problems


def _hull_area(points: np.ndarray) -> float:
    """Area of the convex hull of 2-D points (monotone chain)."""
    pts = sorted({(round(float(x), 6), round(float(y), 6)) for x, y in points})
    if len(pts) < 3:
        return 0.0

    def half(seq: list[tuple[float, float]]) -> list[tuple[float, float]]:
        chain: list[tuple[float, float]] = []
        for p in seq:
            while len(chain) >= 2 and ((chain[-1][0] - chain[-2][0]) * (p[1] - chain[-2][1])
                                       - (chain[-1][1] - chain[-2][1]) * (p[0] - chain[-2][0])) <= 0:
                chain.pop()
            chain.append(p)
        return chain

    hull = np.array(half(pts)[:-1] + half(pts[::-1])[:-1])
    x, y = hull[:, 0], hull[:, 1]
    return 0.5 * abs(float(np.dot(x, np.roll(y, 1)) - np.dot(y, np.roll(x, 1))))


def view_problems(scene: Mobject, where: str, visible: Callable[[Mobject], list[Mobject]],
                  project: Callable[[Mobject], np.ndarray]) -> list[str]:
    """A 3-D view drawn too small to read, or its surfaces seen as a sliver."""
    parts = _marked(scene, "view_part", visible)
    if not parts:
        return []
    shown = {kind: np.concatenate([project(m) for mob in parts if mob.view_part == kind
                                   for m in visible(mob)])
             for kind in {mob.view_part for mob in parts}}
    problems = []
    content = [points for kind, points in shown.items() if kind != "axes"]
    for what, least, points in (("the 3-D view", MIN_VIEW_EXTENT, list(shown.values())),
                                ("what the 3-D view draws", MIN_CONTENT_EXTENT, content)):
        if not points:
            continue
        every = np.concatenate(points)
        width, height = np.ptp(every[:, 0]) / config.frame_width, np.ptp(every[:, 1]) / config.frame_height
        if max(width, height) < least:
            problems.append(f"{where}: {what} spans {width:.0%} of the frame's width and {height:.0%} of "
                            f"its height (at least {least:.0%} of one)")
    if "surface" in shown:
        area = _hull_area(shown["surface"][:, :2]) / (config.frame_width * config.frame_height)
        if area < MIN_SURFACE_AREA:
            problems.append(f"{where}: the 3-D view's planes cover {area:.1%} of the frame, a sliver "
                            f"(at least {MIN_SURFACE_AREA:.0%})")
    return problems
