"""The lecture's cards and segments: a still card drawn with ffmpeg's drawtext and encoded exactly
like the scenes (so the cut joins by stream copy), and the Segment each piece of the cut is.
Shared by the cut (build.py) and the quiz (quiz.py)."""

from __future__ import annotations

import itertools
import math
import re
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


def _pixels(size: float, height: int) -> int:
    return max(8, round(size * height))


def _card_lines(lines: list[CardLine], width: int, height: int) -> list[tuple[str, float, str, float | None]]:
    """(text, size, colour, indent) lines, long ones wrapped to fit the width. The indent is None
    for a centred line; in a left-aligned block it is 0, or, for a wrapped choice's later lines,
    the width of its letter ("D   "), so they hang under the choice's words."""
    wrapped = []
    for text, size, colour, *block in lines:
        chars = max(10, int(width * 0.85 / (0.6 * size * height)))
        parts = textwrap.wrap(text, chars) or [""]
        if not (block and block[0]):
            wrapped += [(part, size, colour, None) for part in parts]
            continue
        label = re.match(r"\S+\s+", text)
        hang = _text_width(label.group(0), _pixels(size, height)) if label and len(parts) > 1 else 0.0
        wrapped += [(part, size, colour, 0.0 if n == 0 else hang) for n, part in enumerate(parts)]
    return wrapped


def _text_width(text: str, pixels: int) -> float:
    """How wide drawtext draws `text` in the card's font at `pixels` (both use FreeType)."""
    from PIL import ImageFont

    return ImageFont.truetype(str(FONT_FILE), pixels).getlength(text)


def _left_edges(lines: list[tuple[str, float, str, float | None]], width: int, height: int) -> list[str]:
    """drawtext's x for each line: centred, or, for a run of block lines, one left edge (plus the
    line's indent) that centres the run's widest line."""
    edges: list[str] = []
    index = 0
    while index < len(lines):
        if lines[index][3] is None:
            edges.append("(w-text_w)/2")
            index += 1
            continue
        end = index
        while end < len(lines) and lines[end][3] is not None:
            end += 1
        run = lines[index:end]
        widest = max(indent + _text_width(text, _pixels(size, height)) for text, size, _, indent in run)
        edges += [f"{(width - widest) / 2 + indent:.1f}" for _, _, _, indent in run]
        index = end
    return edges


def write_concat_list(paths: list[Path], listing: Path) -> Path:
    """An ffconcat file naming `paths` in order (absolute, single quotes escaped), for the concat
    demuxer: the card's stills and the lecture's segments are joined through it."""
    quoted = [str(path.resolve()).replace("'", "'\\''") for path in paths]
    listing.write_text("ffconcat version 1.0\n" + "".join(f"file '{q}'\n" for q in quoted), encoding="utf-8")
    return listing


def _countdown_text(number: int, height: int) -> str:
    """A drawtext filter drawing the countdown's `number` large at the bottom centre."""
    return (f"drawtext=fontfile='{_filter_path(FONT_FILE)}':text='{number}':"
            f"fontsize={_pixels(0.09, height)}:fontcolor=0x{style.HIGHLIGHT.lstrip('#')}:"
            f"x=(w-text_w)/2:y=h-{round(0.16 * height)}")


def frame_states(frames: int, fps: float, countdown: tuple[float, float] | None) -> list[int | None]:
    """What each frame shows besides the card: the whole seconds left while t is in the countdown
    window (start, end), else None."""
    if countdown is None:
        return [None] * frames
    start, end = countdown
    states: list[int | None] = []
    for n in range(frames):
        t = n / fps
        left = math.ceil(round(end - t, 6))
        states.append(left if start <= t <= end and left > 0 else None)
    return states


def still_pieces(states: list[int | None], fps: float) -> list[tuple[int | None, int]]:
    """(state, frames) pieces covering the frames in order: each run of one state cut into whole
    seconds and a remainder, so a long still is one second encoded once and repeated."""
    second = max(1, round(fps))
    pieces: list[tuple[int | None, int]] = []
    for state, run in itertools.groupby(states):
        whole, rest = divmod(len(list(run)), second)
        pieces += [(state, second)] * whole + ([(state, rest)] if rest else [])
    return pieces


def _card_filters(dest: Path, lines: list[CardLine], width: int, height: int, work: Path) -> list[str]:
    """The drawtext filters of the card's lines (their texts in files: no escaping to get wrong)."""
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
            f"expansion=none:fontsize={_pixels(size, height)}:fontcolor=0x{colour.lstrip('#')}:"
            f"x={edge}:y={top + (gap - size * height) / 2:.1f}"
        )
        top += gap
    return filters


def make_card(dest: Path, lines: list[CardLine], *, width: int, height: int, fps: float,
              seconds: float, work: Path, sar: str = "0",
              countdown: tuple[float, float] | None = None) -> None:
    """A still title card, encoded exactly like the scenes (lossless MOV -> encode_mp4); with
    `countdown` (start, end), the seconds left are drawn large at the bottom during that window.

    A card is a still, so each distinct picture is drawn and encoded for one second (and once for
    a remainder) and the card is those pieces joined by stream copy: a 30 s card costs about 2 s
    of encoding, not 30 (the lecture's cards and quiz took 18 of its 50 minutes encoded whole)."""
    filters = _card_filters(dest, lines, width, height, work)
    canvas = f"color=c=0x{style.BACKGROUND.lstrip('#')}:s={width}x{height}:r={fps:g}"
    encoded: dict[tuple[int | None, int], Path] = {}
    order = []
    for state, frames in still_pieces(frame_states(math.ceil(round(seconds * fps, 6)), fps, countdown), fps):
        if (state, frames) not in encoded:
            piece = work / f"{dest.stem}-still{len(encoded)}.mp4"
            drawn = ",".join([*filters, *([_countdown_text(state, height)] if state else []),
                              f"setsar={sar}", "format=rgb24"])
            lossless = piece.with_suffix(".mov")
            ffmpeg.run_ffmpeg("-f", "lavfi", "-i", canvas, "-vf", drawn, "-frames:v", str(frames), "-c:v",
                              "png", "-f", "mov", str(lossless), subject=dest, what="drawing the card")
            encode_mp4(lossless, piece)
            lossless.unlink()
            encoded[(state, frames)] = piece
        order.append(encoded[(state, frames)])
    listing = write_concat_list(order, work / f"{dest.stem}-stills.txt")
    ffmpeg.run_ffmpeg("-f", "concat", "-safe", "0", "-auto_convert", "0", "-i", str(listing),
                      "-map", "0:v:0", "-c:v", "copy", *ffmpeg.BITEXACT_OUTPUT, "-movflags", "+faststart",
                      "-f", "mp4", str(dest), subject=dest, what="joining the card's stills into")
    for piece in encoded.values():
        piece.unlink()
