"""The lecture's cards and segments: a still card drawn with ffmpeg's drawtext and encoded exactly
like the scenes (so the cut joins by stream copy), and the Segment each piece of the cut is.
Shared by the cut (build.py) and the quiz (quiz.py)."""

from __future__ import annotations

import textwrap
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from la_render.common import ffmpeg
from la_render.formats.video import encode_mp4
from la_render.lecture.text import Cue
from scenes import style

FONT_FILE = Path("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf")


@dataclass(frozen=True)
class Segment:
    """One piece of the cut: a card or a scene clip, with its captions relative to its start."""

    path: Path
    title: str  # chapter title (cards) or "" (scene clips follow their card's chapter)
    captions: tuple[Cue, ...]
    slug: str | None = None
    speech: tuple[Any, ...] = ()  # (seconds from the segment's start, narration.Piece) of a card


def _filter_path(path: Path) -> str:
    """A path inside an ffmpeg filter argument (':' and '\\' and quotes escaped)."""
    return str(path).replace("\\", "\\\\").replace(":", "\\:").replace("'", "\\'")


#: A card line: (text, size as a share of the height, colour), and optionally True to align it
#: left with its neighbours that also say True (a quiz's lettered choices: the letters line up).
CardLine = tuple


def _card_lines(lines: list[CardLine], width: int, height: int) -> list[tuple[str, float, str, bool]]:
    """(text, size, colour, in a left-aligned block) lines, long ones wrapped to fit the width."""
    wrapped = []
    for text, size, colour, *block in lines:
        chars = max(10, int(width * 0.85 / (0.6 * size * height)))
        in_block = bool(block and block[0])
        wrapped += [(part, size, colour, in_block) for part in textwrap.wrap(text, chars) or [""]]
    return wrapped


def _text_width(text: str, pixels: int) -> float:
    """How wide drawtext draws `text` in the card's font at `pixels` (both use FreeType)."""
    from PIL import ImageFont

    return ImageFont.truetype(str(FONT_FILE), pixels).getlength(text)


def _left_edges(lines: list[tuple[str, float, str, bool]], width: int, height: int) -> list[str]:
    """drawtext's x for each line: centred, or, for a run of block lines, the left edge that centres
    the run's widest line."""
    edges: list[str] = []
    index = 0
    while index < len(lines):
        if not lines[index][3]:
            edges.append("(w-text_w)/2")
            index += 1
            continue
        end = index
        while end < len(lines) and lines[end][3]:
            end += 1
        widest = max(_text_width(text, max(8, round(size * height))) for text, size, _, _ in lines[index:end])
        edges += [f"{(width - widest) / 2:.1f}"] * (end - index)
        index = end
    return edges


def _countdown(window: tuple[float, float], height: int) -> str:
    """A drawtext filter counting down the whole seconds left in `window` (start, end), bottom centre."""
    start, end = window
    text = f"%{{eif\\:ceil({end:.3f}-t)\\:d}}"
    return (f"drawtext=fontfile='{_filter_path(FONT_FILE)}':text='{text}':"
            f"fontsize={max(8, round(0.09 * height))}:fontcolor=0x{style.HIGHLIGHT.lstrip('#')}:"
            f"x=(w-text_w)/2:y=h-{round(0.16 * height)}:enable='between(t,{start:.3f},{end:.3f})'")


def make_card(dest: Path, lines: list[CardLine], *, width: int, height: int, fps: float,
              seconds: float, work: Path, sar: str = "0",
              countdown: tuple[float, float] | None = None) -> None:
    """A still title card, encoded exactly like the scenes (lossless MOV -> encode_mp4); with
    `countdown` (start, end), the seconds left are drawn large at the bottom during that window."""
    lines = _card_lines(lines, width, height)
    gaps = [size * height * 1.35 for _, size, _, _ in lines]
    edges = _left_edges(lines, width, height)
    top = (height - sum(gaps)) / 2
    filters = []
    for index, ((text, size, colour, _), gap, edge) in enumerate(zip(lines, gaps, edges, strict=True)):
        text_file = work / f"{dest.stem}-line{index}.txt"
        text_file.write_text(text, encoding="utf-8")
        filters.append(
            f"drawtext=fontfile='{_filter_path(FONT_FILE)}':textfile='{_filter_path(text_file)}':"
            f"expansion=none:fontsize={max(8, round(size * height))}:fontcolor=0x{colour.lstrip('#')}:"
            f"x={edge}:y={top + (gap - size * height) / 2:.1f}"
        )
        top += gap
    if countdown is not None:
        filters.append(_countdown(countdown, height))
    lossless = work / f"{dest.stem}.mov"
    background = style.BACKGROUND.lstrip("#")
    canvas = f"color=c=0x{background}:s={width}x{height}:r={fps:g}:d={seconds:g}"
    drawn = ",".join([*filters, f"setsar={sar}", "format=rgb24"])
    ffmpeg.run_ffmpeg("-f", "lavfi", "-i", canvas, "-vf", drawn, "-c:v", "png", "-f", "mov", str(lossless),
                      subject=dest, what="drawing the card")
    encode_mp4(lossless, dest)
    lossless.unlink()
