"""What every lesson scene shares: its Lesson, the house style, and checkpoints for tests.

A scene takes an optional `Lesson` (default: the shipped lesson data), so
`manim -ql scenes/dot_product.py DotProduct` works and so does `DotProduct(lesson=edited)`.
After every `play` and `wait` the scene calls its checkpoint hooks with a label; the layout
audit and the numbers-on-screen tests attach there. Subcaptions are recorded as
(start, end, text) so the pipeline can write SRT/WebVTT without parsing manim's files.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, ClassVar

from manim import DL, UR, Mobject, Scene, Text, config

from la_core import Lesson, load_lesson
from scenes import style

Checkpoint = Callable[["LessonSceneMixin", str], None]


class LessonSceneMixin:
    """Mix into a manim Scene class (Scene, ThreeDScene, LinearTransformationScene)."""

    #: Hooks every instance calls after each play/wait; tests append to this list.
    checkpoint_hooks: ClassVar[list[Checkpoint]] = []

    def __init__(self, lesson: Lesson | None = None, **kwargs: Any) -> None:
        self.lesson = lesson if lesson is not None else load_lesson()
        self.captions: list[tuple[float, float, str]] = []
        self.moment = 0
        self._waiting = False
        super().__init__(**kwargs)
        self.camera.background_color = style.BACKGROUND

    # -- checkpoints -------------------------------------------------------------
    def play(self, *args: Any, subcaption: str | None = None, **kwargs: Any) -> None:
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
        start = self.time
        self._waiting = True
        try:
            super().wait(*args, **kwargs)
        finally:
            self._waiting = False
        self._hold_last_caption(start)
        self._checkpoint(f"wait {self.moment}")

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


__all__ = ["LessonSceneMixin", "Scene", "frame_size", "inside_frame", "label"]
