"""The narration script and its timing: cue ids, caption cues cut to size, speech per cue.

A cue is one captioned play (scenes/base.py records it). Its id is `<slug>.<beat>.<position>`:
the beat is the play's `beat=` name or its first animation's class ("write", "fadein"), the
position counts the scene's beats of that name, so editing the lesson data changes a cue's
text but never its id. The text is the caption (or the play's `narration=`), computed from the
lesson data like every word on screen.

With a voice, each cue's text is cut into caption cues of at most two lines of 42 characters,
each cue is spoken on its own, and the pieces are laid end to end with a short gap; a piece's
caption window is its speech, stretched where needed so nobody has to read faster than 20
characters a second. The captions are therefore the speech windows themselves, not an estimate.
A recording (the author's voice) is cut into the same pieces at its quietest moments near the
proportional split points.
"""

from __future__ import annotations

import itertools
import textwrap
import time
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np

from la_render.narration import voices
from la_render.narration.recordings import Recordings

MAX_LINE = 42
MAX_LINES = 2
MAX_CPS = 20.0  # characters per second of reading, at most
PIECE_GAP = 0.12  # silence between the pieces of one cue (seconds)
_BREAK_AFTER = (",", ";", ":", ".", "!", "?", "—", "–")


def cue_id(slug: str, beat: str, position: int) -> str:
    """The stable id of a cue (also the file name of its recording, without extension)."""
    return f"{slug}.{beat}.{position}"


# ---------------------------------------------------------------- caption cues


def wrap(text: str) -> list[str]:
    return textwrap.wrap(text, MAX_LINE, break_long_words=True, break_on_hyphens=False)


def _fits(words: Sequence[str]) -> bool:
    return len(wrap(" ".join(words))) <= MAX_LINES


def split_caption(text: str) -> list[str]:
    """`text` as caption cues of at most MAX_LINES lines of MAX_LINE characters.

    A cue that must break prefers to end after punctuation, when that keeps it at least 40% full.
    """
    chunks: list[list[str]] = []
    current: list[str] = []
    for word in text.split():
        if _fits([*current, word]):
            current.append(word)
            continue
        least = 0.4 * len(current)
        breaks = [i for i, w in enumerate(current) if w.endswith(_BREAK_AFTER) and i + 1 >= least]
        cut = breaks[-1] if breaks else None
        if current and cut is not None and cut + 1 < len(current):
            chunks.append(current[: cut + 1])
            current = current[cut + 1 :]
        elif current:
            chunks.append(current)
            current = []
        current.append(word)
        while not _fits(current) and len(current) > 1:  # only when punctuation left a long tail
            chunks.append(current[:-1])
            current = current[-1:]
    if current:
        chunks.append(current)
    return [" ".join(chunk) for chunk in chunks]


def caption_lines(text: str) -> str:
    """A caption cue's text as its (at most two) display lines, balanced ("at\nonce." reads badly)."""
    lines = wrap(text)
    if len(lines) != 2:
        return "\n".join(lines)
    words = text.split()
    splits = [(" ".join(words[:i]), " ".join(words[i:])) for i in range(1, len(words))]
    fitting = [pair for pair in splits if max(map(len, pair)) <= MAX_LINE]
    return "\n".join(min(fitting, key=lambda pair: max(map(len, pair)))) if fitting else "\n".join(lines)


# ---------------------------------------------------------------- speech per cue


@dataclass(frozen=True)
class Piece:
    """One caption cue of a spoken cue: its text, its speech and where it sits in the cue."""

    text: str
    samples: np.ndarray
    offset: float  # seconds from the cue's start
    window: float  # seconds the caption stays up (>= the speech, >= len(text) / MAX_CPS)


@dataclass(frozen=True)
class CuePlan:
    id: str
    text: str
    pieces: tuple[Piece, ...]
    source: str  # "recording" or the synthetic engine's name

    @property
    def length(self) -> float:
        last = self.pieces[-1] if self.pieces else None
        return last.offset + last.window if last else 0.0


def layout(texts: Sequence[str], speech: Sequence[np.ndarray]) -> tuple[Piece, ...]:
    """Pieces end to end: each window is its speech, lengthened to the reading-rate limit."""
    pieces, offset = [], 0.0
    for text, samples in zip(texts, speech, strict=True):
        seconds = len(samples) / voices.RATE
        window = max(seconds, len(text) / MAX_CPS)
        pieces.append(Piece(text, samples, offset, window))
        offset += window + PIECE_GAP
    return tuple(pieces)


def cut_recording(samples: np.ndarray, texts: Sequence[str]) -> list[np.ndarray]:
    """A whole-cue recording cut into one slice per caption cue, at its quietest 40 ms nearby.

    The search looks within half a second of the character-proportional point; a recording too
    short for that is cut at the proportional point itself.
    """
    if len(texts) == 1:
        return [samples]
    frame = round(0.04 * voices.RATE)
    total = sum(len(t) for t in texts)
    cuts, done = [0], 0
    for text in texts[:-1]:
        done += len(text)
        guess = round(len(samples) * done / total)
        low = max(cuts[-1] + frame, guess - voices.RATE // 2)
        high = min(len(samples) - frame, guess + voices.RATE // 2)
        if high <= low:
            cuts.append(max(cuts[-1], min(guess, len(samples))))
            continue
        best = min(range(low, high, frame // 4),
                   key=lambda s: (float(np.mean(samples[s : s + frame] ** 2)), abs(s - guess)))
        cuts.append(best + frame // 2)
    cuts.append(len(samples))
    return [voices.trim(samples[a:b]) for a, b in itertools.pairwise(cuts)]


@dataclass
class Narrator:
    """What a worker hands the scene: speaks each cue (cache first) and returns its length."""

    slug: str
    voice: voices.Engine
    cache: voices.SpeechCache
    recordings: Recordings | None = None
    plans: list[CuePlan] = field(default_factory=list)
    fallbacks: list[str] = field(default_factory=list)
    seconds: float = 0.0  # wall time spent speaking (the benchmark's narration cost)

    def __call__(self, beat: str, position: int, text: str) -> float:
        return self.plan(cue_id(self.slug, beat, position), text).length

    def plan(self, ident: str, text: str) -> CuePlan:
        started = time.perf_counter()
        try:
            return self._plan(ident, text)
        finally:
            self.seconds += time.perf_counter() - started

    def _plan(self, ident: str, text: str) -> CuePlan:
        texts = split_caption(text) or [text]
        recorded = self.recordings.lookup(ident, text) if self.recordings else None
        if recorded is not None:
            plan = CuePlan(ident, text, layout(texts, cut_recording(recorded, texts)), "recording")
        else:
            if self.recordings is not None:
                self.fallbacks.append(ident)
            speech = [self.cache.speak(self.voice, piece).samples for piece in texts]
            plan = CuePlan(ident, text, layout(texts, speech), self.voice.name)
        self.plans.append(plan)
        return plan


def placed(plans: Sequence[CuePlan], starts: Sequence[float]) -> list[tuple[float, Piece]]:
    """(absolute start, piece) of every piece, given each cue's start in the scene."""
    return [(start + piece.offset, piece) for plan, start in zip(plans, starts, strict=True)
            for piece in plan.pieces]


def speech_captions(plans: Sequence[CuePlan], starts: Sequence[float]) -> list[tuple[float, float, str]]:
    """SRT/WebVTT cues from the speech windows (each at most two lines of MAX_LINE)."""
    return [(at, at + piece.window, caption_lines(piece.text)) for at, piece in placed(plans, starts)]


def timings(plans: Sequence[CuePlan], starts: Sequence[float]) -> list[dict[str, Any]]:
    """What the manifest records about a narrated render (ids, sources, windows)."""
    return [{"id": plan.id, "start": round(start, 3), "seconds": round(plan.length, 3), "source": plan.source,
             "text": plan.text} for plan, start in zip(plans, starts, strict=True)]


def narrator_for(slug: str, voice: str, fallback: str, speech_dir: str) -> Narrator | None:
    """The worker's narrator for a resolved voice spec ("none", an engine, or "dir:PATH")."""
    if voice == "none":
        return None
    recordings = None
    if voice.startswith("dir:"):
        recordings = Recordings(Path(voice[4:]))
        voice = fallback or voices.best_installed()
    return Narrator(slug, voices.engine(voice), voices.SpeechCache(Path(speech_dir)), recordings)


def fallback_warning(slug: str, ids: Sequence[str], voice: str) -> str:
    """The one line naming the cues a synthetic voice spoke instead of a recording."""
    return f"{FALLBACK_PREFIX}{voice}|{slug}|{','.join(ids)}"


FALLBACK_PREFIX = "narration-fallback|"
