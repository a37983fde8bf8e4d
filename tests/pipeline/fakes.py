"""A tiny fake scene package for the pipeline tests: 1-second scenes, written into a temp folder.

Each scene subclasses the real LessonSceneMixin and reads one lesson section, so cache tests can
edit a scene's source or one section of the lesson data and see exactly which scenes re-render.
"""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
from pathlib import Path

from scenes.catalog import SceneEntry

PACKAGE = "fakescenes"
PROJECT_ROOT = Path(__file__).resolve().parents[2]
DEFAULT_LESSON = PROJECT_ROOT / "la_core" / "lesson.toml"
FAST_FORMATS = "mp4,png"

_COMMON = '''
"""Shared by some fake scenes (a transitive import the cache must follow)."""
SIDE = 1.5
'''

_ALPHA = '''
from manim import Create, Scene, Square

from fakescenes import common
from scenes.base import LessonSceneMixin, label


class Alpha(LessonSceneMixin, Scene):
    """Reads [vectors]: shows how many words there are."""

    def construct(self):
        self.play(Create(Square(side_length=common.SIDE)), run_time=0.5, subcaption="a square")
        self.add(label(f"{len(self.lesson.words)} words").to_edge([0, -1, 0]))
        self.wait(0.5)
'''

_BETA = '''
from manim import Circle, FadeIn, Scene

from scenes.base import LessonSceneMixin, label


class Beta(LessonSceneMixin, Scene):
    """Reads [lora]: shows r."""

    def construct(self):
        self.play(FadeIn(Circle()), run_time=0.5, subcaption="a circle")
        self.add(label(f"r = {self.lesson.lora_r}, seed {self.lesson.lora_seed}").to_edge([0, -1, 0]))
        self.wait(0.5)
'''

_BROKEN = '''
from manim import Create, Scene, Square

from scenes.base import LessonSceneMixin


class Broken(LessonSceneMixin, Scene):
    """Fails half-way, like a scene with a bug."""

    def construct(self):
        self.play(Create(Square()), run_time=0.3)
        raise RuntimeError("boom: [transform].x has a bug")  # brackets: not Rich markup
'''

_SLOW = '''
from manim import Rotate, Scene, Square

from scenes.base import LessonSceneMixin


class Slow(LessonSceneMixin, Scene):
    """Long enough to be killed mid-render."""

    def construct(self):
        square = Square()
        for _ in range(12):
            self.play(Rotate(square, 0.3), run_time=0.5)
'''

_SCENES = {
    "alpha": ("Alpha", _ALPHA, ("vectors",)),
    "beta": ("Beta", _BETA, ("lora",)),
    "broken": ("Broken", _BROKEN, ("vectors",)),
    "slow": ("Slow", _SLOW, ("random",)),
}


def alt(lesson) -> str:
    """The fake scenes' alt text, from the lesson like the real ones."""
    return f"A fake scene of {len(lesson.words)} words"


def entry(slug: str) -> SceneEntry:
    class_name, _, sections = _SCENES[slug]
    return SceneEntry(slug=slug, module=f"{PACKAGE}.{slug}", class_name=class_name,
                      title=f"{class_name} title", step=f"step {slug}", narrative=__name__,
                      sections=sections)


def write_package(root: Path, slugs: tuple[str, ...] = ("alpha", "beta")) -> Path:
    """Write fakescenes/ (the scenes, a helper module and catalog.py) under `root`; its folder."""
    package = root / PACKAGE
    package.mkdir(parents=True, exist_ok=True)
    (package / "__init__.py").write_text("")
    (package / "common.py").write_text(_COMMON)
    for slug in slugs:
        (package / f"{slug}.py").write_text(textwrap.dedent(_SCENES[slug][1]))
    catalog = f"from tests.pipeline.fakes import entry\n\nCATALOG = tuple(entry(s) for s in {slugs!r})\n"
    (package / "catalog.py").write_text(catalog)
    return package


def catalog(slugs: tuple[str, ...]) -> tuple[SceneEntry, ...]:
    return tuple(entry(slug) for slug in slugs)


def cli_env(root: Path) -> dict[str, str]:
    """Environment for a `python -m la_render` subprocess using the fake catalogue under `root`."""
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join([str(root), str(PROJECT_ROOT), env.get("PYTHONPATH", "")])
    env["LA_RENDER_CATALOG"] = f"{PACKAGE}.catalog:CATALOG"
    return env


def run_cli(root: Path, *args: str, timeout: float = 300) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "la_render", *args], cwd=root, env=cli_env(root),
                          capture_output=True, text=True, timeout=timeout, check=False)


def render_args(out: Path, *extra: str) -> list[str]:
    """`render` at the preview preset, fast formats, no figures or page, into `out`."""
    return ["render", "--quality", "preview", "--format", FAST_FORMATS, "--out", str(out),
            "--no-figures", "--no-page", *extra]


def edit_section(text: str, section: str, key: str, value: str) -> str:
    """The lesson TOML `text` with `key` in `[section]` set to `value` (a TOML literal)."""
    lines = text.splitlines()
    inside = False
    for index, line in enumerate(lines):
        stripped = line.strip()
        if stripped.startswith("["):
            inside = stripped == f"[{section}]"
        elif inside and stripped.split("=")[0].strip() == key:
            lines[index] = f"{key} = {value}"
            return "\n".join(lines) + "\n"
    raise KeyError(f"[{section}].{key} not found")
