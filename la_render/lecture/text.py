"""Caption and chapter text of the lecture cut: read SRT/WebVTT, write chapters (WebVTT, ffmetadata).

Plain text in, plain text out (no ffmpeg), so the lecture's timing logic can be tested directly.
"""

from __future__ import annotations

import html
import re
from collections.abc import Collection
from typing import Any

from la_render.common.timecode import timecode
from scenes.narrative import speech

Cue = tuple[float, float, str]


LESSON_TITLE = "Linear Algebra, Intuitively"
LESSON_SUBTITLE = "The whole lesson, step by step"
TITLE_TEXT = f"{LESSON_TITLE}. {LESSON_SUBTITLE}."


def _step_name(step: str) -> str:
    """"Step 3" of "Step 3 — Linear independence: ...", or the whole step when it has no number."""
    return step.split(" — ")[0] if step.startswith("Step ") else step


def card_text(step: str, title: str, shown: Collection[str] = ()) -> str:
    """A scene's card: one clean line. The lesson step ("Step 3 — Linear independence: how many
    directions are real?") on the first card of that step; the scene's title where the step is a
    section's name ("The concept", "Where each idea shows up — ...") or an earlier card already
    named that step (a second scene of Step 2, or Step 1's table after Step 2: said aloud,
    "Step 1. Vectors are meaning: the table, and Step 2's recommenders" is a reference, not a card)."""
    if title and (not re.match(r"Step \d+ — ", step) or _step_name(step) in shown):
        return title
    return step or title


def card_lines(entries: Any) -> list[str]:
    """Each entry's card line, in order (a step an earlier card named gives way to the title)."""
    lines: list[str] = []
    shown: set[str] = set()
    for entry in entries:
        step, title = entry.step or entry.title or entry.slug, entry.title or ""
        lines.append(card_text(step, title, shown))
        shown.add(_step_name(step))
    return lines


def spoken(line: str, bridge: str | None = None) -> str:
    """A card's line as the voice reads it (a full sentence, no symbols: scenes.narrative.speech's
    one table), then its bridge."""
    said = speech.spoken(re.sub(r"^(Step \d+) — ", r"\1. ", line).replace(" — ", ": "))
    if not said.endswith((".", "?", "!")):
        said += "."
    return f"{said} {bridge}" if bridge else said


def card_texts(entries: Any, lesson: Any = None) -> list[tuple[str, str]]:
    """(cue id, spoken text) of every card, title first (the narration script lists them); with a
    lesson, each scene's card also says the bridge into it (scenes.narrative.bridges)."""
    entries = list(entries)
    said = []
    for entry, line in zip(entries, card_lines(entries), strict=True):
        into = None
        if lesson is not None:
            from scenes.narrative.bridges import bridge

            into = bridge(entry.slug, lesson)
        said.append((f"lecture.{entry.slug}.1", spoken(line, into)))
    return [("lecture.title.1", TITLE_TEXT), *said]


def scene_cards(scenes: list[dict[str, Any]], lesson: Any = None) -> list[tuple[str, str]]:
    """(line shown, words said) of each manifest scene's card; with a lesson, the words end with
    the bridge into the scene."""
    from types import SimpleNamespace

    from scenes.narrative.bridges import bridge

    entries = [SimpleNamespace(slug=s["slug"], step=s.get("step") or "", title=s.get("title") or "")
               for s in scenes]
    return [(line, spoken(line, bridge(e.slug, lesson) if lesson is not None else None))
            for e, line in zip(entries, card_lines(entries), strict=True)]


def quiz_texts(lesson: Any) -> list[tuple[str, str]]:
    """(cue id, spoken text) of the quiz: its two introductions, each question and each answer."""
    from scenes.narrative.bridges import POST_QUIZ, PRE_QUIZ
    from scenes.narrative.quiz import post_lesson, pre_lesson

    said = [("quiz.intro.1", PRE_QUIZ)]
    for question in pre_lesson(lesson):
        said += [(question.id, question.spoken), (question.answer_id, question.answer_spoken)]
    said.append(("quiz.intro.2", POST_QUIZ))
    for question in post_lesson(lesson):
        said += [(question.id, question.spoken), (question.answer_id, question.answer_spoken)]
    return said


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
