"""Tiny synthetic renders (GIF, MP4, WebM, PNG, VTT made with ffmpeg) and a manifest describing them.

The gallery page and the lecture cut are tested on these, so their tests need no manim render.
"""

from __future__ import annotations

import hashlib
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest

FFMPEG = shutil.which("ffmpeg")
needs_ffmpeg = pytest.mark.skipif(FFMPEG is None, reason="ffmpeg is not installed")

EVIL_TITLE = 'Rank <script>alert("title")</script> & "friends"'
EVIL_ALT = 'An "alt" with <img src=x onerror=alert(1)> & [brackets] in it'
EVIL_STEP = "Step 3 — a < b > c & d"


def ffmpeg(*args: str) -> None:
    subprocess.run([FFMPEG or "ffmpeg", "-v", "error", "-y", *args], check=True, timeout=60)


def make_clip(dest: Path, *, width: int = 64, height: int = 36, fps: int = 10, seconds: float = 1.0,
              pattern: str = "testsrc") -> Path:
    """A short clip in the container/codec its extension implies (mp4: H.264, webm: VP9, gif)."""
    dest.parent.mkdir(parents=True, exist_ok=True)
    source = ["-f", "lavfi", "-i", f"{pattern}=size={width}x{height}:rate={fps}:duration={seconds}"]
    if dest.suffix == ".mp4":
        codec = ["-c:v", "libx264", "-pix_fmt", "yuv420p", "-preset", "ultrafast", "-movflags", "+faststart"]
    elif dest.suffix == ".webm":
        codec = ["-c:v", "libvpx-vp9", "-b:v", "0", "-crf", "50", "-deadline", "realtime"]
    elif dest.suffix == ".gif":
        codec = []
    elif dest.suffix == ".png":
        codec = ["-frames:v", "1"]
    else:
        raise ValueError(dest)
    ffmpeg(*source, *codec, str(dest))
    return dest


def make_avif(dest: Path, *, width: int = 64, height: int = 36, seconds: float = 2.0) -> Path:
    """An animated AVIF made by la-render's own encoder from a lossless test pattern (it loops)."""
    from la_render.formats import avif

    lossless = dest.with_suffix(".lossless.mov")
    ffmpeg("-f", "lavfi", "-i", f"testsrc=size={width}x{height}:rate=25:duration={seconds}",
           "-c:v", "qtrle", "-pix_fmt", "rgb24", str(lossless))
    avif.encode_avif(lossless, dest, width=width, fps=12.5)
    lossless.unlink()
    return dest


def make_heavy_gif(dest: Path, *, width: int = 64, height: int = 36) -> Path:
    """A GIF of noise, over Lighthouse's 100 KiB "use video formats for animated content" line."""
    ffmpeg("-f", "lavfi", "-i", f"nullsrc=size={width * 4}x{height * 4}:rate=10:duration=1.2",
           "-vf", "geq=lum='random(1)*255':cb=128:cr=128,format=rgb24", str(dest))
    return dest


def write_vtt(dest: Path, cues: list[tuple[float, float, str]]) -> Path:
    def stamp(t: float) -> str:
        return f"{int(t // 3600):02d}:{int(t % 3600 // 60):02d}:{t % 60:06.3f}"

    lines = ["WEBVTT", ""]
    for start, end, text in cues:
        lines += [f"{stamp(start)} --> {stamp(end)}", text, ""]
    dest.parent.mkdir(parents=True, exist_ok=True)
    dest.write_text("\n".join(lines), encoding="utf-8")
    return dest


def record(renders: Path, path: Path, **extra: Any) -> dict[str, Any]:
    data = path.read_bytes()
    relative = path.relative_to(renders).as_posix()
    preset, ext = relative.split("/")[0], path.suffix[1:]
    return {"preset": preset, "format": ext, "path": relative, "bytes": len(data),
            "sha256": hashlib.sha256(data).hexdigest(), "cache_key": "test", **extra}


def build_renders(renders: Path, *, heavy_gif: bool = False) -> dict[str, Any]:
    """Media for three scenes (one GIF in budget, one over, one with hostile text) and a figure.

    `vectors` has an AVIF and a poster too; `heavy_gif` makes its GIF weigh over 100 KiB (the
    Lighthouse test checks that the browser fetches the AVIF instead).
    """
    size = {"width": 64, "height": 36}
    scenes: dict[str, Any] = {}

    # Listed out of lesson order on purpose: "order" decides.
    rank_out = {
        "web/gif": record(renders, make_clip(renders / "web/rank.gif", seconds=0.5), **size,
                          over_budget=True, gif={"colors": 64, "lossy": 80, "width": 64}),
        "web/webm": record(renders, make_clip(renders / "web/rank.webm"), **size),
        "web/mp4": record(renders, make_clip(renders / "web/rank.mp4"), **size),
        "web/png": record(renders, make_clip(renders / "web/rank.png"), **size),
        "web/vtt": record(renders, write_vtt(renders / "web/rank.vtt", [(0.0, 0.9, "Rank caption")])),
    }
    scenes["rank"] = {"slug": "rank", "title": EVIL_TITLE, "step": EVIL_STEP, "alt": EVIL_ALT,
                      "order": 2, "outputs": rank_out}

    vectors_gif = (make_heavy_gif(renders / "web/vectors.gif") if heavy_gif
                   else make_clip(renders / "web/vectors.gif", seconds=0.5))
    vectors_out = {
        "web/gif": record(renders, vectors_gif, **size, over_budget=False,
                          gif={"colors": 64, "lossy": None, "width": 64}),
        "web/avif": record(renders, make_avif(renders / "web/vectors.avif"), **size, over_budget=False,
                           avif={"crf": 26, "psnr": 50.0, "ssim": 0.999, "budget_kb": 200}),
        "web/mp4": record(renders, make_clip(renders / "web/vectors.mp4"), **size),
        "web/png": record(renders, make_clip(renders / "web/vectors.png"), **size),
        "lecture/mp4": record(renders, make_clip(renders / "lecture/vectors.mp4", width=96, height=54),
                              width=96, height=54),
        "lecture/png": record(renders, make_clip(renders / "lecture/vectors.png", width=96, height=54),
                              width=96, height=54),
        "lecture/vtt": record(renders, write_vtt(renders / "lecture/vectors.vtt",
                                                 [(0.0, 0.5, "Vectors are meaning")])),
    }
    scenes["vectors"] = {"slug": "vectors", "title": "Vectors are meaning", "step": "Step 1 — Vectors",
                         "alt": "Word vectors as arrows.", "order": 0, "outputs": vectors_out}

    dot_out = {
        "web/gif": record(renders, make_clip(renders / "web/dot_product.gif", seconds=0.5,
                                             pattern="smptebars"), **size, over_budget=False,
                          gif={"colors": 32, "lossy": None, "width": 64}),
    }
    scenes["dot_product"] = {"slug": "dot_product", "title": "The dot product is similarity",
                             "step": "Step 2 — Dot product", "alt": "Two arrows and a shadow.",
                             "order": 1, "outputs": dot_out}

    png = make_clip(renders / "figures/pca_map.png", width=160, height=100)
    svg = renders / "figures/pca_map.svg"
    svg.write_text('<svg xmlns="http://www.w3.org/2000/svg" width="80" height="50" viewBox="0 0 80 50">'
                   '<rect width="80" height="50" fill="#0F1217"/></svg>', encoding="utf-8")
    figure_outputs = {"png": {**record(renders, png), "width": 160, "height": 100},
                      "svg": {**record(renders, svg), "width": 80, "height": 50}}
    figures = {"pca_map": {"name": "pca_map", "title": "Word vectors <on> a map",
                           "alt": "Arrows & labels", "order": 0, "outputs": figure_outputs}}
    movie = make_clip(renders / "lecture/lesson.mp4", width=96, height=54, seconds=2.0)
    write_vtt(renders / "lecture/lesson.vtt", [(0.0, 1.0, "Lesson caption")])
    write_vtt(renders / "lecture/chapters.vtt", [(0.0, 1.0, "Title <card>"), (1.0, 2.0, EVIL_STEP)])
    lecture = {**record(renders, movie), "width": 96, "height": 54, "fps": 10.0, "duration": 2.0,
               "srt": "lecture/lesson.srt", "vtt": "lecture/lesson.vtt",
               "chapters_vtt": "lecture/chapters.vtt",
               "chapters": [{"start": 0.0, "title": "Title <card>"}, {"start": 1.0, "title": EVIL_STEP}]}
    return {"schema_version": 1, "generator": "la-render test", "scenes": scenes, "figures": figures,
            "lecture": lecture}
