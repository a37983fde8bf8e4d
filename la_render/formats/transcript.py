"""Transcripts: what is said, with each cue's time as a link into the video (#t= media fragment).

For readers who would rather read, and for search engines, which do not watch videos. A scene's
transcript comes from its narrated MP4's cues (the manifest records id, start and text); the
lecture's from its captions, under its chapter titles. Markdown files sit beside the videos and
the gallery page shows the same lines as HTML under each video.
"""

from __future__ import annotations

import html
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from la_render.common.timecode import clock

Line = tuple[float, str]  # (start in seconds, text)


def _anchor(video: str, seconds: float) -> str:
    return f"{video}#t={seconds:.2f}"


def scene_lines(record: dict[str, Any]) -> list[Line]:
    """A narrated MP4 record's cues as transcript lines ([] for a silent render)."""
    cues = (record or {}).get("narration", {}).get("cues", [])
    return [(float(cue["start"]), str(cue["text"])) for cue in cues if cue.get("text")]


def lecture_lines(cues: Sequence[tuple[float, float, str]], chapters: Sequence[dict[str, Any]]
                  ) -> list[tuple[float, str, str]]:
    """(start, text, chapter title or "") per caption cue, a chapter's title on its first cue."""
    starts = {round(float(c["start"]), 3): c["title"] for c in chapters}
    lines, pending = [], sorted(starts)
    for start, _, text in cues:
        title = ""
        while pending and pending[0] <= start + 1e-3:
            title = starts[pending.pop(0)]
        lines.append((round(start, 3), " ".join(text.split()), title))
    return lines


def markdown(title: str, video: str, lines: Sequence[tuple[float, str, str]]) -> str:
    """A Markdown transcript; `video` is the link target relative to the file."""
    out = [f"# {title}", "", f"Transcript of [{video}]({video}); each time opens the video there.", ""]
    for start, text, chapter in lines:
        if chapter:
            out += ["", f"## {chapter}", ""]
        out.append(f"- [{clock(start)}]({_anchor(video, start)}) {text}")
    return "\n".join(out) + "\n"


def write_scene_markdown(folder: Path, slug: str, record: dict[str, Any]) -> Path:
    """<slug>.md beside the narrated <slug>.mp4; its path."""
    lines = [(start, text, "") for start, text in scene_lines(record)]
    path = Path(folder) / f"{slug}.md"
    path.write_text(markdown(slug, f"{slug}.mp4", lines), encoding="utf-8", newline="\n")
    return path


def html_block(lines: Sequence[Line], video: str) -> str:
    """The transcript as a closed <details> for the gallery page ("" when there is nothing said)."""
    if not lines:
        return ""
    items = "".join(f'<li><a href="{html.escape(_anchor(video, start))}">{clock(start)}</a> '
                    f"{html.escape(text)}</li>" for start, text in lines)
    return f'<details class="transcript"><summary>Transcript</summary><ol>{items}</ol></details>'
