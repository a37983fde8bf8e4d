"""The narration voice a command uses: `--voice` resolved to a spec the jobs get, its fallback,
the key part of narrated outputs, and a description for the console."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from la_render.narration import voices
from la_render.narration.narrator import FALLBACK_PREFIX
from la_render.narration.recordings import Recordings
from la_render.pipeline.cache import narration_code_digest


@dataclass(frozen=True)
class VoiceChoice:
    """A resolved --voice: the spec jobs get, the fallback engine, the key part, and its name."""

    spec: str  # "none", an engine spec, or "dir:/abs/path"
    fallback: str = ""
    key: str = ""
    description: str = "none (silent)"

    @property
    def narrated(self) -> bool:
        return self.spec != "none"


NO_VOICE = VoiceChoice("none")


def _key(identity: dict[str, Any]) -> str:
    digest = hashlib.sha256(json.dumps(identity, sort_keys=True).encode())
    digest.update(narration_code_digest().encode())
    return digest.hexdigest()


def _synthetic(spec: str) -> VoiceChoice:
    spec = voices.best_installed() if spec == "auto" else spec
    engine = voices.engine(spec)
    return VoiceChoice(spec, key=_key(engine.identity()), description=voices.describe(spec))


def resolve_voice(value: str | None, default: str, fallback: str | None = None) -> VoiceChoice:
    """The voice `--voice value` names (VoiceError with one line when it cannot narrate)."""
    value = value or default
    if value == "none":
        return VoiceChoice("none")
    if value == "auto" or value in voices.SYNTHETIC or value.startswith("piper:"):
        return _synthetic(value)
    if "/" not in value and not Path(value).exists():
        raise voices.VoiceError(f"unknown voice {value!r} (expected none, auto, piper, piper:PATH, "
                                "espeak-ng, flite or a folder of recordings)")
    recordings = Recordings(Path(value))
    recordings.validate()
    spare = _synthetic(fallback or "auto")
    folder = recordings.folder.resolve()
    key = _key({"recordings": recordings.digest(), "fallback": spare.key})
    return VoiceChoice(f"dir:{folder}", spare.spec, key,
                       f"recordings in {value} ({len(recordings.audio)} files; others: {spare.description})")


def merge_warnings(warnings: Sequence[str]) -> list[str]:
    """The jobs' warnings, with every recording fallback merged into ONE line naming the cues."""
    others = [w for w in warnings if not w.startswith(FALLBACK_PREFIX)]
    fallbacks = [w[len(FALLBACK_PREFIX):].split("|") for w in warnings if w.startswith(FALLBACK_PREFIX)]
    if not fallbacks:
        return others
    ids = [ident for _, _, listed in fallbacks for ident in listed.split(",") if ident]
    voice = fallbacks[0][0]
    line = (f"{len(ids)} cue(s) not recorded, or recorded for other words, spoken by {voice} instead: "
            f"{', '.join(ids)} (la-render script lists their text)")
    return [*others, line]
