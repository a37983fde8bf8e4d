"""A tiny narrated fake scene package (one short scene, two cues) for the narration tests."""

from __future__ import annotations

import dataclasses
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


ALT = "A square, then a circle."


def alt(lesson: object) -> str:
    """The alt text, as a function of the lesson like the real scenes' (scenes.narrative)."""
    return ALT


def entry() -> SceneEntry:
    """The catalogue entry (alt given the way this SceneEntry takes it: a text or a module)."""
    names = {f.name for f in dataclasses.fields(SceneEntry)}
    extra = {"narrative": __name__} if "narrative" in names else {"alt": ALT}
    return SceneEntry(slug="talk", module=f"{PACKAGE}.talk", class_name="Talk", title="Talk title",
                      step="Step 9 — Talk", sections=("vectors",), **extra)


def write_package(root: Path) -> Path:
    package = root / PACKAGE
    package.mkdir(parents=True, exist_ok=True)
    (package / "__init__.py").write_text("")
    (package / "talk.py").write_text(textwrap.dedent(_TALK))
    return package
