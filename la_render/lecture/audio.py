"""The narrated lecture's sound: cards that speak, and one track on the cut's clock.

The video of the cut is joined by stream copy (la_render.lecture). Joining AAC streams the same
way would leave each scene's encoder priming (1024 samples) and frame rounding at every join:
gaps, clicks and a drift against the captions. So the sound is rebuilt instead: every scene's
audio is decoded and placed at the exact sample where its video starts (cut to its length), the
cards' speech where theirs do, and the whole is normalised and encoded once.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import numpy as np

from la_render.common.ffmpeg import FFPROBE, run_tool
from la_render.narration import audio as narration_audio
from la_render.narration import narrator as narration
from la_render.narration import voices
from la_render.pipeline.jobs import SPEECH_DIR_NAME
from scenes.base import SPEECH_PAUSE


def card_narrator(voice: Any, renders: Path) -> narration.Narrator | None:
    """The narrator for the cards (None when the lecture is silent)."""
    return narration.narrator_for("lecture", voice.spec, voice.fallback,
                                  str((Path(renders) / SPEECH_DIR_NAME).resolve()))


def card_speech(narrator: narration.Narrator, ident: str, text: str, seconds: float, lead: float
                ) -> tuple[float, tuple[tuple[float, float, str], ...], tuple[Any, ...]]:
    """(card length, its captions, its speech pieces): the card lasts until the words and a pause."""
    plan = narrator.plan(ident, text)
    length = max(seconds, lead + plan.length + SPEECH_PAUSE)
    placed = tuple((lead + piece.offset, piece) for piece in plan.pieces)
    captions = tuple((at, at + piece.window, narration.caption_lines(piece.text)) for at, piece in placed)
    return length, captions, placed


def _has_audio(path: Path) -> bool:
    done = run_tool([FFPROBE, "-v", "error", "-select_streams", "a", "-show_entries", "stream=index",
                     "-of", "csv=p=0", str(path)], path, "probing the sound of")
    return bool(done.stdout.strip())


def lecture_track(segments: list[Any], starts: list[float], total: float, work: Path
                  ) -> tuple[list[str], list[str], Path]:
    """Build and normalise the cut's sound; (ffmpeg input args, output args, its raw file)."""
    track = np.zeros(round(total * voices.RATE), dtype=np.float32)
    ends = [*starts[1:], total]
    for segment, start, end in zip(segments, starts, ends, strict=True):
        if segment.speech:
            pieces = [(start + at, piece) for at, piece in segment.speech]
            track += narration_audio.build_track(pieces, total)[: len(track)]
        elif segment.slug and _has_audio(segment.path):
            samples = voices.decode(segment.path)[: round((end - start) * voices.RATE)]
            begin = round(start * voices.RATE)
            track[begin : begin + len(samples)] += samples[: max(0, len(track) - begin)]
    raw = work / "lecture-sound.f32"
    narration_audio.normalise(track).astype("<f4").tofile(raw)
    inputs = ["-f", "f32le", "-ar", str(voices.RATE), "-ac", "1", "-i", str(raw)]
    return inputs, ["-map", "2:a:0", *narration_audio.aac_args()], raw
