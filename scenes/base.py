"""What every lesson scene shares: its Lesson, the house style, and checkpoints for tests.

A scene takes an optional `Lesson` (default: the shipped lesson data), so
`manim -ql scenes/dot_product.py DotProduct` works and so does `DotProduct(lesson=edited)`.
After every `play` and `wait` the scene calls its checkpoint hooks with a label; the layout
audit and the numbers-on-screen tests attach there. Subcaptions are recorded as
(start, end, text) so the pipeline can write SRT/WebVTT without parsing manim's files.

Narration (issue 12): every captioned play is a cue of the script, with the caption (or a
longer `narration=` text) as what is said, a beat name (`beat=`, else the first animation's
class name) and its position among the scene's beats of that name. When the worker sets
`narrator` (a callable returning the seconds a cue's speech needs), the picture waits for the
words: the animation keeps its run time and the hold after it (before the next cue, or at the
end of the scene) stretches to the speech plus a short pause.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, ClassVar

from manim import DL, UR, Mobject, Scene, Text, config

from la_core import Lesson, load_lesson
from scenes import style

Checkpoint = Callable[["LessonSceneMixin", str], None]
#: (beat, position, text) -> seconds the cue's speech (with its caption slots) lasts.
Narrator = Callable[[str, int, str], float]
#: Silence after a cue's speech before the next beat may start (seconds).
SPEECH_PAUSE = 0.4


@dataclass
class Cue:
    """One line of the narration script, where it starts and how long its speech runs."""

    beat: str
    position: int
    text: str  # what is said
    caption: str  # what the subcaption shows (the same unless narration= was given)
    start: float
    speech: float = 0.0


class LessonSceneMixin:
    """Mix into a manim Scene class (Scene, ThreeDScene, LinearTransformationScene)."""

    #: Hooks every instance calls after each play/wait; tests append to this list.
    checkpoint_hooks: ClassVar[list[Checkpoint]] = []

    def __init__(self, lesson: Lesson | None = None, **kwargs: Any) -> None:
        self.lesson = lesson if lesson is not None else load_lesson()
        self.captions: list[tuple[float, float, str]] = []
        self.cues: list[Cue] = []
        self.narrator: Narrator | None = None
        self.moment = 0
        #: Only collect the script's cues: plays and waits record their cue and run nothing, so the
        #: script is written without animating (no frames, no interpolation, no copies).
        self.collect_only = False
        self._waiting = False
        self._beat_until = 0.0  # the current beat lasts at least until this scene time
        super().__init__(**kwargs)
        self.camera.background_color = style.BACKGROUND

    # -- checkpoints -------------------------------------------------------------
    def play(self, *args: Any, subcaption: str | None = None, narration: str | None = None,
             beat: str | None = None, **kwargs: Any) -> None:
        """manim's play; a captioned play also starts a narration cue (see the module doc)."""
        if self.collect_only:
            if subcaption or narration:
                self._start_cue(args, subcaption or narration or "", narration, beat)
            return
        if (subcaption or narration) and not self._waiting:
            self._hold_for_speech()
            self._start_cue(args, subcaption or narration or "", narration, beat)
        start = self.time
        super().play(*args, subcaption=subcaption, **kwargs)
        if subcaption:
            self.captions.append((start, self.time, subcaption))
        else:  # a quick follow-up play (or a wait) keeps the caption before it on screen
            self._hold_last_caption(start)
        if not self._waiting:  # manim's wait() plays a Wait animation: one checkpoint, not two
            self._checkpoint(f"play {self.moment} ({subcaption or 'no caption'})")

    def wait(self, *args: Any, **kwargs: Any) -> None:
        """A pause; it keeps the caption of the play just before it on screen, to be read."""
        if self.collect_only:
            return
        start = self.time
        self._waiting = True
        try:
            super().wait(*args, **kwargs)
        finally:
            self._waiting = False
        self._hold_last_caption(start)
        self._checkpoint(f"wait {self.moment}")

    def tear_down(self) -> None:
        """The last beat, too, lasts until its speech and pause are over."""
        self._hold_for_speech()
        super().tear_down()

    def _start_cue(self, animations: tuple[Any, ...], caption: str, narration: str | None,
                   beat: str | None) -> None:
        name = beat or _beat_name(animations)
        position = 1 + sum(1 for cue in self.cues if cue.beat == name)
        cue = Cue(name, position, " ".join((narration or caption).split()), caption, self.time)
        if self.narrator is not None:
            cue.speech = float(self.narrator(name, position, cue.text))
            self._beat_until = cue.start + cue.speech + SPEECH_PAUSE
        self.cues.append(cue)

    def _hold_for_speech(self) -> None:
        """Hold the current frame until the running cue's speech and pause are over."""
        rate = float(config.frame_rate)
        frames = math.ceil((self._beat_until - self.time) * rate - 1e-6)
        if frames <= 0:
            return
        start = self.time
        self._waiting = True  # a hold is not a beat of its own: no checkpoint, no new cue
        try:
            super().wait(frames / rate + 1e-6)
        finally:
            self._waiting = False
        self._hold_last_caption(start)

    def _hold_last_caption(self, start: float) -> None:
        """Extend the last caption to now when it was still showing at `start`."""
        if self.captions and abs(self.captions[-1][1] - start) < 1e-6:
            begin, _, text = self.captions[-1]
            self.captions[-1] = (begin, self.time, text)

    def _checkpoint(self, label: str) -> None:
        self.moment += 1
        for hook in list(LessonSceneMixin.checkpoint_hooks):
            hook(self, label)

    # -- house style -------------------------------------------------------------
    def title(self, text: str) -> Text:
        """The scene's title, top left, in the house font."""
        heading = Text(text, font=style.FONT, font_size=style.TITLE_SIZE, color=style.FOREGROUND)
        return heading.to_corner(
            [-1, 1, 0], buff=style.FRAME_MARGIN + 0.15
        )


def _beat_name(animations: tuple[Any, ...]) -> str:
    """A beat's default name: its first animation's class, lower case ("write", "fadein")."""
    first = animations[0] if animations else None
    name = type(first).__name__ if first is not None else "beat"
    if name == "_AnimationBuilder":  # mobject.animate
        name = "animate"
    return re.sub(r"[^a-z0-9]+", "", name.lower()) or "beat"


def label(text: str, size: int = style.LABEL_SIZE, color: str = style.FOREGROUND) -> Text:
    """A plain text label in the house font."""
    return Text(text, font=style.FONT, font_size=size, color=color)


def frame_size() -> tuple[float, float]:
    """(width, height) of the frame in scene units."""
    return config.frame_width, config.frame_height


def inside_frame(mobject: Mobject, margin: float = style.FRAME_MARGIN) -> bool:
    """True when the mobject's bounding box keeps `margin` from every frame edge."""
    width, height = frame_size()
    low, high = mobject.get_corner(DL), mobject.get_corner(UR)
    return bool(
        low[0] >= -width / 2 + margin and high[0] <= width / 2 - margin
        and low[1] >= -height / 2 + margin and high[1] <= height / 2 - margin
    )


__all__ = [
    "SPEECH_PAUSE", "Cue", "LessonSceneMixin", "Narrator", "Scene", "frame_size", "inside_frame", "label",
]
