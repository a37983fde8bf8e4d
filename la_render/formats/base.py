"""What a format is: a name, the files it writes, the tools it needs, and one `write` function
that turns the scene's lossless intermediate into those files (la_render.formats registers them).
"""

from __future__ import annotations

import shutil
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from la_render.common.ffmpeg import MediaInfo
from la_render.common.io import sha256_file

#: Scaler for the 640-wide animations (GIF and AVIF resample the frames alike; measured in
#: formats/gif.py: area averaging makes no ringing, so flat colours stay flat).
DOWNSCALER = "area"

#: Programs every render needs (manim's LaTeX and dvisvgm, ffmpeg), with their Debian packages.
RENDER_TOOLS = {"latex": "texlive-latex-base", "dvisvgm": "dvisvgm", "ffmpeg": "ffmpeg"}


@dataclass(frozen=True)
class OutputFile:
    """One finished file in the job's temporary folder, with what the manifest records."""

    fmt: str
    ext: str
    tmp_path: str
    bytes: int
    sha256: str
    info: dict[str, Any] = field(default_factory=dict)


@dataclass
class FormatJob:
    """What a format's `write` gets: the job's spec (slug, sizes, budget, voice), the lossless
    movie, the captions, the folder to write into and the narration (None when silent); it adds
    its files and warnings here."""

    spec: Any
    movie: Path
    captions: list[tuple[float, float, str]]
    out: Path
    spoken: Any = None
    files: list[OutputFile] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)

    def dest(self, ext: str) -> Path:
        return self.out / f"{self.spec.slug}.{ext}"

    def add(self, fmt: str, ext: str, path: Path, info: dict[str, Any]) -> None:
        self.files.append(OutputFile(fmt, ext, str(path), path.stat().st_size, sha256_file(path), info))


def media_info(info: MediaInfo) -> dict[str, Any]:
    """The manifest's fields for a moving picture."""
    return {"width": info.width, "height": info.height, "fps": info.fps,
            "frames": info.frames, "duration": info.duration}


@dataclass(frozen=True)
class Format:
    """One output format. `files`: the extensions it writes (srt writes a .vtt twin); `tools`:
    programs it needs beyond RENDER_TOOLS, with their Debian packages; `check`: a further check
    before rendering (None, or an error message)."""

    name: str
    files: tuple[str, ...]
    write: Callable[[FormatJob], None]
    tools: dict[str, str] = field(default_factory=dict)
    check: Callable[[], str | None] = lambda: None

    def missing(self) -> str | None:
        """Why this format cannot be written on this machine (None when it can)."""
        absent = [tool for tool in self.tools if shutil.which(tool) is None]
        if absent:
            return f"{', '.join(absent)} not found on PATH"
        return self.check()
