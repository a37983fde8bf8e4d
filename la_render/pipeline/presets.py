"""Quality presets and output formats (the table in DESIGN.md and interfaces.md).

Pure data: importing this module must stay cheap (no manim), because `la-render list` and the
no-op rebuild read it.
"""

from __future__ import annotations

from dataclasses import dataclass

from la_render.formats import FORMATS


@dataclass(frozen=True)
class Preset:
    """How big and how fast a job renders, and what it writes when --format is not given."""

    name: str
    width: int
    height: int
    fps: int
    default_formats: tuple[str, ...]
    gif_width: int
    gif_fps: float

    def settings(self) -> dict[str, object]:
        """The values that change the pixels (part of every output's cache key)."""
        return {
            "name": self.name,
            "width": self.width,
            "height": self.height,
            "fps": self.fps,
            "gif_width": self.gif_width,
            "gif_fps": self.gif_fps,
        }


PRESETS: dict[str, Preset] = {
    "preview": Preset("preview", 854, 480, 15, ("mp4", "png"), gif_width=640, gif_fps=12.5),
    # srt (with its .vtt twin) is cheap and gives the page's <video controls> its captions; the
    # AVIF (same size and rate as the GIF) is what the page's <picture> serves to modern browsers.
    "web": Preset("web", 1280, 720, 25, ("gif", "avif", "mp4", "png", "srt"), gif_width=640,
                  gif_fps=12.5),
    "lecture": Preset("lecture", 1920, 1080, 60, ("mp4", "srt", "png"), gif_width=640, gif_fps=12.5),
    "4k": Preset("4k", 3840, 2160, 60, ("mp4", "png"), gif_width=640, gif_fps=12.5),
}

DEFAULT_PRESET = "web"


def get_preset(name: str) -> Preset:
    """The preset called `name`; ValueError lists the known ones."""
    try:
        return PRESETS[name]
    except KeyError:
        raise ValueError(f"unknown quality {name!r} (expected one of: {', '.join(PRESETS)})") from None


def parse_formats(text: str | None, preset: Preset) -> tuple[str, ...]:
    """A comma list such as "gif,mp4" as a tuple in FORMATS order; None means the preset's default."""
    if text is None:
        return tuple(name for name in FORMATS if name in preset.default_formats)
    names = [part.strip().lower() for part in text.split(",") if part.strip()]
    if not names:
        raise ValueError(f"--format: expected a comma list of {','.join(FORMATS)}, got {text!r}")
    for name in names:
        if name not in FORMATS:
            raise ValueError(f"--format: unknown format {name!r} (expected some of: {','.join(FORMATS)})")
    return tuple(name for name in FORMATS if name in names)
