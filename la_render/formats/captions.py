"""The SRT format: SubRip captions for players, with a WebVTT copy for the page's `<track>`."""

from __future__ import annotations

from pathlib import Path

from la_render.common.timecode import timecode
from la_render.formats.base import Format, FormatJob


def _cue_text(text: str) -> str:
    """Caption text without blank lines (a blank line ends a cue in both formats)."""
    return "\n".join(line for line in text.strip().splitlines() if line.strip())


def write_captions(captions: list[tuple[float, float, str]], srt: Path, vtt: Path) -> None:
    """SubRip for players and a WebVTT copy for the page's `<track>` (browsers need VTT)."""
    cues = sorted((float(start), float(end), _cue_text(text)) for start, end, text in captions)
    srt_blocks = [
        f"{index}\n{timecode(start, ',')} --> {timecode(end, ',')}\n{text}\n"
        for index, (start, end, text) in enumerate(cues, start=1)
    ]
    vtt_blocks = [
        f"{timecode(start, '.')} --> {timecode(end, '.')}\n{text}\n" for start, end, text in cues
    ]
    Path(srt).write_text("\n".join(srt_blocks), encoding="utf-8", newline="\n")
    Path(vtt).write_text("\n".join(["WEBVTT\n", *vtt_blocks]), encoding="utf-8", newline="\n")


def write_srt(job: FormatJob) -> None:
    """SubRip and its WebVTT twin, both recorded under the srt format."""
    dest, vtt = job.dest("srt"), job.dest("vtt")
    write_captions(job.captions, dest, vtt)
    job.add("srt", "srt", dest, {})
    job.add("srt", "vtt", vtt, {})


FORMATS = {"srt": Format("srt", ("srt", "vtt"), write_srt)}
