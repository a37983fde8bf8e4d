"""What narration must be, checked cue by cue: named beats, spoken sentences, more said than shown.

A cue's beat names what happens ("shadow", "turn"), never the animation that happens to run
("fadein", "updatefromalphafunc"): ids stay readable and survive a change of animation. Narration
is heard, so it carries no symbol a voice would read as a letter or skip, and over a scene the
voice says at least half again as many words as the captions show (captions are labels; the
narration explains).
"""

from __future__ import annotations

import inspect
import re
from collections.abc import Iterable, Sequence
from functools import cache
from typing import Any

import manim

#: Narration words per caption word over a scene, at least.
MIN_RATIO = 1.5
BEAT = re.compile(r"^[a-z][a-z0-9_]*$")
#: Characters a voice reads as letters, skips or stumbles on: maths and shape notation.
UNSPOKEN = re.compile(r"[·×√θαΔ≈→=<>%|^_\\{}\[\]()∞≤≥±…−]|\?\.")


@cache
def animation_names() -> frozenset[str]:
    """Every manim animation class name as the default beat would spell it ("fadein"), and the
    names the default falls back to."""
    names = {"animate", "beat", "wait"}
    for _, member in inspect.getmembers(manim, inspect.isclass):
        if issubclass(member, manim.Animation):
            names.add(re.sub(r"[^a-z0-9]+", "", member.__name__.lower()))
    return frozenset(names)


def beat_problems(cues: Sequence[Any]) -> list[str]:
    """Beats that are missing, unreadable or an animation class name; ids that repeat."""
    problems = []
    for cue in cues:
        if not BEAT.match(cue.beat):
            problems.append(f"beat {cue.beat!r} is not a readable name")
        if cue.beat.replace("_", "") in animation_names():
            problems.append(f"beat {cue.beat!r} ({cue.text[:40]!r}) is an animation class name")
    ids = [(cue.beat, cue.position) for cue in cues]
    if len(set(ids)) != len(ids):
        problems.append("two cues share an id")
    return problems


def words(texts: Iterable[str]) -> int:
    return sum(len(text.split()) for text in texts)


def ratio_problem(cues: Sequence[Any]) -> str | None:
    """None when the voice says at least MIN_RATIO times the captions' words over the scene."""
    said, shown = words(c.text for c in cues), words(c.caption for c in cues)
    if said < MIN_RATIO * shown:
        return f"narration says {said} words for {shown} caption words (< {MIN_RATIO}×)"
    return None


def spoken_problems(text: str) -> list[str]:
    """What a listener would stumble on in one narration text."""
    problems = []
    if found := UNSPOKEN.findall(text):
        problems.append(f"{text!r} has symbols a voice cannot say: {sorted(set(found))}")
    if not text[:1].isupper() and not text[:1].isdigit():
        problems.append(f"{text!r} does not start a sentence")
    if not text.rstrip().endswith((".", "?", "!")):
        problems.append(f"{text!r} does not end a sentence")
    return problems


def narration_problems(cues: Sequence[Any]) -> list[str]:
    """Every problem of a scene's narration (beats, spoken style, how much is said)."""
    problems = beat_problems(cues)
    for cue in cues:
        problems += [f"{cue.beat}.{cue.position}: {p}" for p in spoken_problems(cue.text)]
    if (ratio := ratio_problem(cues)) is not None:
        problems.append(ratio)
    return problems
