"""Run a lesson scene fast and inspect what a viewer would see at every checkpoint.

Scenes render with `save_last_frame` and no movie: manim then skips animation frames (every
`play` jumps to its end state) and draws only the last frame, so a 30 s scene takes about a
second. After every play and wait the hook in `LessonSceneMixin` lets us collect the numbers on
screen and audit the layout: no two visible text-like mobjects overlap, and everything visible
lies inside the frame (for 3-D scenes, in the camera's projection).
"""

from __future__ import annotations

import atexit
import os
import re
import shutil
import tempfile
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path

import numpy as np
from manim import (
    DecimalNumber,
    MarkupText,
    Mobject,
    NumberPlane,
    Paragraph,
    SingleStringMathTex,
    Text,
    VMobject,
    config,
    tempconfig,
)

from la_core import Lesson
from la_core.lesson import parse_lesson
from scenes.base import LessonSceneMixin
from tests.scenes.audit_views import camera_at, label_problems, swing_angles, view_problems

TEXT_TYPES = (Text, MarkupText, Paragraph, SingleStringMathTex, DecimalNumber)
FRAME_MARGIN = 0.1  # scene units a visible mobject must keep from the frame edge
OVERLAP_TOLERANCE = 0.02  # boxes may touch by this much (glyph boxes are generous)
VISIBLE_OPACITY = 0.05
#: A number as printed: optional minus, digits (thousands may be grouped "16,777,216"), decimals.
_NUMBER = re.compile(r"(?<![A-Za-z_^\d])[-\u2212]?(?:\d{1,3}(?:,\d{3})+(?!\d)|\d+)(?:\.\d+)?")


def _process_media_dir() -> Path:
    """One media folder per process: LaTeX results are reused, parallel workers never share."""
    folder = Path(tempfile.gettempdir()) / f"la-scene-tests-{os.getpid()}"
    if not folder.exists():
        folder.mkdir(parents=True)
        atexit.register(shutil.rmtree, folder, ignore_errors=True)
    return folder


@dataclass
class RunResult:
    scene_name: str
    numbers: list[float] = field(default_factory=list)
    final_numbers: list[float] = field(default_factory=list)
    texts: set[str] = field(default_factory=set)
    problems: list[str] = field(default_factory=list)
    captions: list[tuple[float, float, str]] = field(default_factory=list)
    cues: list = field(default_factory=list)  # scenes.base.Cue: the narration script's lines
    checkpoints: int = 0
    duration: float = 0.0
    last_frame: np.ndarray | None = None

    def shows(self, value: float, decimals: int = 2) -> bool:
        """True when `value`, rounded as displayed, was on screen at some checkpoint."""
        return among(value, self.numbers, decimals)


def among(value: float, numbers: list[float], decimals: int = 2) -> bool:
    """True when `value`, rounded to `decimals` as displayed, is one of `numbers`."""
    return any(abs(n - value) <= 0.5 * 10**-decimals + 1e-9 for n in numbers)


def lesson_text() -> str:
    """The shipped lesson file's text, for tests that edit one number of it."""
    return resources.files("la_core").joinpath("lesson.toml").read_text(encoding="utf-8")


def edit_lesson(edits: dict[str, str]) -> Lesson:
    """The shipped lesson with each `old` text replaced by `new` (each must occur exactly once)."""
    text = lesson_text()
    for old, new in edits.items():
        assert text.count(old) == 1, f"the shipped lesson changed: update this test's edit of {old!r}"
        text = text.replace(old, new)
    return parse_lesson(text, "edited.toml")


# ---------------------------------------------------------------- visibility and geometry


def _has_points(mob: Mobject) -> bool:
    return mob.points is not None and len(mob.points) > 0


def _opacity(mob: Mobject) -> float:
    """The larger of fill and stroke opacity (0 for a mobject drawn invisibly or not a VMobject)."""
    if not isinstance(mob, VMobject):
        return 0.0
    fill = stroke = 0.0
    if hasattr(mob, "get_fill_opacity"):
        fill = float(np.max(mob.get_fill_opacities())) if len(mob.get_fill_opacities()) else 0.0
    if hasattr(mob, "get_stroke_opacity"):
        widths = mob.get_stroke_width() if hasattr(mob, "get_stroke_width") else 1
        if widths:
            stroke = float(np.max(mob.get_stroke_opacities())) if len(mob.get_stroke_opacities()) else 0.0
    return max(fill, stroke)


def _visible_parts(mob: Mobject) -> list[Mobject]:
    return [m for m in mob.get_family() if _has_points(m) and _opacity(m) > VISIBLE_OPACITY]


def _screen_box(scene: LessonSceneMixin, parts: list[Mobject]) -> tuple[float, float, float, float]:
    """(x0, y0, x1, y1) of the parts as the camera shows them."""
    camera = scene.camera
    projected = [camera.transform_points_pre_display(m, m.points) for m in parts]
    points = np.concatenate(projected)
    return (
        float(points[:, 0].min()),
        float(points[:, 1].min()),
        float(points[:, 0].max()),
        float(points[:, 1].max()),
    )


def _describe(mob: Mobject, box: tuple[float, float, float, float]) -> str:
    text = _text_of(mob)
    where = f"[{box[0]:.2f}, {box[1]:.2f}]–[{box[2]:.2f}, {box[3]:.2f}]"
    return f"{type(mob).__name__}({text!r}) at {where}" if text else f"{type(mob).__name__} at {where}"


def _text_of(mob: Mobject) -> str:
    if isinstance(mob, DecimalNumber):
        return f"{mob.number}"
    if isinstance(mob, SingleStringMathTex):
        return mob.tex_string
    if isinstance(mob, (Text, MarkupText, Paragraph)):
        return getattr(mob, "original_text", None) or getattr(mob, "text", "")
    return ""


def _exempt(mob: Mobject, exempt_ids: set[int]) -> bool:
    return id(mob) in exempt_ids


def _exempt_ids(scene: LessonSceneMixin) -> set[int]:
    """Families of NumberPlanes and of mobjects marked `offscreen_ok` may leave the frame."""
    ids: set[int] = set()
    for top in scene.mobjects:
        for mob in top.get_family():
            if isinstance(mob, NumberPlane) or getattr(mob, "offscreen_ok", False):
                ids.update(id(m) for m in mob.get_family())
    return ids


def text_atoms(scene: LessonSceneMixin) -> list[Mobject]:
    """Visible text-like mobjects, outermost only (a DecimalNumber, not its digit glyphs)."""
    atoms: list[Mobject] = []
    seen: set[int] = set()

    def walk(mob: Mobject) -> None:
        if id(mob) in seen:
            return
        seen.add(id(mob))
        if isinstance(mob, TEXT_TYPES):
            if _visible_parts(mob):
                atoms.append(mob)
            return
        for sub in mob.submobjects:
            walk(sub)

    for top in scene.mobjects:
        walk(top)
    return atoms


# ---------------------------------------------------------------- what is on screen


def numbers_in(mob: Mobject) -> list[float]:
    """The numbers a viewer reads in a text-like mobject."""
    if isinstance(mob, DecimalNumber):
        return [float(mob.number)]
    return read_numbers(_text_of(mob))


def read_numbers(text: str) -> list[float]:
    """The numbers in a string as a viewer reads them ("16,777,216" is one number)."""
    text = text.replace("\u2212", "-").replace("{-}", "-")
    return [float(match.replace(",", "")) for match in _NUMBER.findall(text)]


def _frame_units(
    scene: LessonSceneMixin, atoms: list[Mobject], boxes: list[tuple[float, float, float, float]]
) -> list[tuple[Mobject, tuple[float, float, float, float]]]:
    """Whole text atoms, plus every other visible leaf, with their on-screen boxes."""
    inside_text = {id(m) for atom in atoms for m in atom.get_family()}
    units = list(zip(atoms, boxes, strict=True))
    seen: set[int] = set()
    for top in scene.mobjects:
        for mob in _visible_parts(top):
            if id(mob) not in inside_text and id(mob) not in seen:
                seen.add(id(mob))
                units.append((mob, _screen_box(scene, [mob])))
    return units


def audit_layout(scene: LessonSceneMixin, label: str) -> list[str]:
    """Overlapping visible text, visible mobjects outside the frame, labels away from what they
    name and 3-D views too small to read, as readable lines; after a camera swing, from angles
    across the whole swing (`audit_views` says how scenes mark labels, views and swings)."""
    problems: list[str] = []
    for theta in swing_angles(scene):
        where = label if theta is None else f"{label}, camera theta {np.degrees(theta):.0f}°"
        with camera_at(scene, theta):
            found = _audit_once(scene, where)
            found += label_problems(scene, f"{type(scene).__name__} at {where}", _visible_parts,
                                    lambda parts: _screen_box(scene, parts))
            found += view_problems(scene, f"{type(scene).__name__} at {where}", _visible_parts,
                                   lambda m: scene.camera.transform_points_pre_display(m, m.points))
        problems += [p for p in found if p not in problems]
    return problems


def _audit_once(scene: LessonSceneMixin, label: str) -> list[str]:
    """Overlapping visible text and visible mobjects outside the frame, from where the camera is."""
    name = type(scene).__name__
    problems = []
    atoms = text_atoms(scene)
    boxes = [_screen_box(scene, _visible_parts(a)) for a in atoms]
    for i in range(len(atoms)):
        for j in range(i + 1, len(atoms)):
            a, b = boxes[i], boxes[j]
            overlap_x = min(a[2], b[2]) - max(a[0], b[0])
            overlap_y = min(a[3], b[3]) - max(a[1], b[1])
            if overlap_x > OVERLAP_TOLERANCE and overlap_y > OVERLAP_TOLERANCE:
                problems.append(
                    f"{name} at {label}: {_describe(atoms[i], a)} overlaps {_describe(atoms[j], b)}"
                )
    half_w = config.frame_width / 2 - FRAME_MARGIN
    half_h = config.frame_height / 2 - FRAME_MARGIN
    exempt = _exempt_ids(scene)
    for mob, (x0, y0, x1, y1) in _frame_units(scene, atoms, boxes):
        if _exempt(mob, exempt):
            continue
        if x0 < -half_w or x1 > half_w or y0 < -half_h or y1 > half_h:
            problems.append(f"{name} at {label}: {_describe(mob, (x0, y0, x1, y1))} leaves the frame")
    return problems


def run_scene(
    scene_class: type,
    lesson: Lesson | None = None,
    *,
    audit: bool = True,
    quality: str = "low_quality",
    media_dir: Path | None = None,
) -> RunResult:
    """Render `scene_class` to its last frame only, collecting numbers and layout problems."""
    result = RunResult(scene_name=scene_class.__name__)

    def checkpoint(scene: LessonSceneMixin, label: str) -> None:
        result.checkpoints += 1
        atoms = text_atoms(scene)
        visible = [n for atom in atoms for n in numbers_in(atom)]
        result.numbers.extend(visible)
        result.final_numbers = visible
        result.texts.update(t for t in (_text_of(a) for a in atoms) if t)
        if audit:
            result.problems.extend(audit_layout(scene, label))

    settings = {
        "save_last_frame": True,
        "write_to_movie": False,
        "quality": quality,
        "media_dir": str(media_dir or _process_media_dir()),
        "disable_caching": True,
        "verbosity": "ERROR",
        "progress_bar": "none",
    }
    LessonSceneMixin.checkpoint_hooks.append(checkpoint)
    try:
        with tempconfig(settings):
            scene = scene_class(lesson=lesson)
            scene.render()
            result.last_frame = scene.renderer.get_frame()
    finally:
        LessonSceneMixin.checkpoint_hooks.remove(checkpoint)
    result.captions = list(scene.captions)
    result.cues = list(scene.cues)
    result.duration = float(scene.time)
    return result


def collect_cues(scene_class: type, lesson: Lesson | None = None, media_dir: Path | None = None) -> list:
    """The scene's narration cues, collected as `la-render script` does (no frames, no LaTeX).
    Must equal the cues of a full run (tests/scenes/test_narration.py checks it)."""
    from la_render.narration.collect import collect_cues as collected

    return collected(scene_class, lesson,
                     media_dir or _process_media_dir())
