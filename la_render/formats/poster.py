"""The PNG format: the scene's last frame as a poster (what the animation settles on)."""

from __future__ import annotations

from pathlib import Path

from la_render.common.ffmpeg import BITEXACT_OUTPUT, EncodeError, MediaInfo, probe, require_file, run_ffmpeg
from la_render.formats.base import Format, FormatJob


def extract_poster(source: Path, dest: Path) -> MediaInfo:
    """The last frame as an RGB PNG (what the animation settles on, so the best still)."""
    source = require_file(source)
    info = probe(source)
    run_ffmpeg("-i", str(source), "-map", "0:v:0", "-vf", f"select=eq(n\\,{info.frames - 1})",
            "-fps_mode", "passthrough", "-frames:v", "1", "-pix_fmt", "rgb24", *BITEXACT_OUTPUT,
            "-f", "image2", "-c:v", "png", str(dest), subject=source, what="extracting poster from")
    if not Path(dest).is_file():
        raise EncodeError(f"extracting poster from {source}: no frame {info.frames - 1} decoded")
    return MediaInfo(info.width, info.height, info.fps, 1, 0.0)


def write_png(job: FormatJob) -> None:
    dest = job.dest("png")
    info = extract_poster(job.movie, dest)
    job.add("png", "png", dest, {"width": info.width, "height": info.height})


FORMATS = {"png": Format("png", ("png",), write_png)}
