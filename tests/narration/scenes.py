"""A tiny narrated fake scene package (one short scene, two cues) for the narration tests."""

from __future__ import annotations

import textwrap
from pathlib import Path

from scenes.catalog import SceneEntry

PACKAGE = "talkscenes"
LONG = ("A circle appears beside the square, round where the square has corners, and it stays "
        "while this sentence runs on long enough to need two caption cues.")

_TALK = f'''
from manim import Circle, Create, FadeIn, Scene, Square

from scenes.base import LessonSceneMixin


class Talk(LessonSceneMixin, Scene):
    """Reads [vectors]: says how many words there are."""

    def construct(self):
        words = len(self.lesson.words)
        self.play(Create(Square()), run_time=0.4, subcaption=f"{{words}} words in one square.")
        self.wait(0.2)
        self.play(FadeIn(Circle().shift([2, 0, 0])), run_time=0.4, subcaption="A circle.",
                  narration={LONG!r})
        self.wait(0.2)
'''


class _Alt(str):
    """An alt text that is also a function of the lesson (the catalogue takes either)."""

    def __call__(self, lesson: object) -> str:
        return str(self)


def entry() -> SceneEntry:
    return SceneEntry(slug="talk", module=f"{PACKAGE}.talk", class_name="Talk", title="Talk title",
                      step="Step 9 — Talk", alt=_Alt("A square, then a circle."), sections=("vectors",))


def write_package(root: Path) -> Path:
    package = root / PACKAGE
    package.mkdir(parents=True, exist_ok=True)
    (package / "__init__.py").write_text("")
    (package / "talk.py").write_text(textwrap.dedent(_TALK))
    return package
