"""Caption and chapter text of the lecture cut: read SRT/WebVTT, write chapters (WebVTT, ffmetadata).

Plain text in, plain text out (no ffmpeg), so the lecture's timing logic can be tested directly.
"""

from __future__ import annotations

import html
import re
from typing import Any

from la_render.common.timecode import timecode

Cue = tuple[float, float, str]


LESSON_TITLE = "Linear Algebra, Intuitively"
LESSON_SUBTITLE = "The whole lesson, step by step"
TITLE_TEXT = f"{LESSON_TITLE}. {LESSON_SUBTITLE}."


def card_text(step: str, title: str) -> str:
    """What a scene's card says: its step, and its title when the step does not contain it."""
    return step if not title or title in step else f"{step}. {title}"


def card_texts(entries: Any) -> list[tuple[str, str]]:
    """(cue id, text) of every card, title first (the narration script lists them)."""
    return [("lecture.title.1", TITLE_TEXT),
            *((f"lecture.{e.slug}.1", card_text(e.step or e.title or e.slug, e.title or ""))
              for e in entries)]


class LectureError(ValueError):
    """The lecture cannot be cut (nothing rendered, a scene's file missing...)."""

_TIME = re.compile(r"(?:(\d+):)?(\d{1,2}):(\d{2})[.,](\d{3})")


def _seconds(text: str) -> float:
    match = _TIME.fullmatch(text.strip())
    if not match:
        raise LectureError(f"not a caption timestamp: {text!r}")
    hours, minutes, secs, millis = match.groups()
    return int(hours or 0) * 3600 + int(minutes) * 60 + int(secs) + int(millis) / 1000


def parse_captions(text: str) -> list[Cue]:
    """Cues of a WebVTT or SRT file: (start, end, text), text lines joined with newlines.

    WebVTT escapes &, < and > as entities; they are read back as the characters.
    """
    is_vtt = text.lstrip("\ufeff").startswith("WEBVTT")
    cues: list[Cue] = []
    for block in re.split(r"\n\s*\n", text.replace("\r\n", "\n").strip()):
        lines = block.split("\n")
        timing = next((i for i, line in enumerate(lines) if "-->" in line), None)
        if timing is None:
            continue  # the WEBVTT header, NOTE and STYLE blocks
        start, end = lines[timing].split("-->")
        body = "\n".join(lines[timing + 1 :])
        cues.append((_seconds(start), _seconds(end.split()[0]), html.unescape(body) if is_vtt else body))
    return cues


def chapters_vtt(chapters: list[dict[str, Any]], total: float) -> str:
    blocks = ["WEBVTT\n"]
    for index, chapter in enumerate(chapters):
        end = chapters[index + 1]["start"] if index + 1 < len(chapters) else total
        timing = f"{timecode(chapter['start'])} --> {timecode(end)}"
        blocks.append(f"{index + 1}\n{timing}\n{html.escape(chapter['title'], quote=False)}\n")
    return "\n".join(blocks)


def _metadata_value(text: str) -> str:
    """ffmetadata escaping: '=', ';', '#', '\\' and newlines get a backslash."""
    return re.sub(r"([=;#\\\n])", r"\\\1", text)


def ffmetadata(chapters: list[dict[str, Any]], total: float) -> str:
    lines = [";FFMETADATA1"]
    for index, chapter in enumerate(chapters):
        end = chapters[index + 1]["start"] if index + 1 < len(chapters) else total
        lines += ["[CHAPTER]", "TIMEBASE=1/1000", f"START={round(chapter['start'] * 1000)}",
                  f"END={round(end * 1000)}", f"title={_metadata_value(chapter['title'])}"]
    return "\n".join(lines) + "\n"
