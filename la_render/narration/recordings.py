"""The author's own narration: a folder with one audio file per cue id and the text it says.

`<cue id>.wav` (or .flac, .ogg, .mp3, .m4a, .opus) is the recording; `<cue id>.txt` beside it
is the text it was recorded for (`la-render script --stamp DIR` writes it for recordings that
have none). A cue whose recording is missing, or whose text has changed since (the lesson data
was edited), is spoken by the synthetic voice instead and named in one warning, so an outdated
sentence is never played silently. An unreadable recording is bad input, refused up front.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

import numpy as np

from la_render.narration import voices

AUDIO_SUFFIXES = (".wav", ".flac", ".ogg", ".mp3", ".m4a", ".opus")


def _same(a: str, b: str) -> bool:
    return " ".join(a.split()) == " ".join(b.split())


class Recordings:
    """One folder of recordings; `lookup` gives a cue's samples when its recording is current."""

    def __init__(self, folder: Path) -> None:
        self.folder = Path(folder)
        if not self.folder.is_dir():
            raise voices.VoiceError(f"--voice {folder}: no such folder of recordings "
                                    "(expected none, auto, piper, piper:PATH, espeak-ng, flite or a folder)")
        self.audio = {p.stem: p for p in sorted(self.folder.iterdir())
                      if p.suffix.lower() in AUDIO_SUFFIXES and p.is_file()}

    def recorded_text(self, ident: str) -> str | None:
        sidecar = self.folder / f"{ident}.txt"
        return sidecar.read_text(encoding="utf-8") if sidecar.is_file() else None

    def lookup(self, ident: str, text: str) -> np.ndarray | None:
        """The cue's speech, or None when it is not recorded or was recorded for other words."""
        path = self.audio.get(ident)
        recorded = self.recorded_text(ident)
        if path is None or recorded is None or not _same(recorded, text):
            return None
        return voices.trim(voices.decode(path))

    def validate(self) -> None:
        """Refuse (VoiceError, one line) a recording that does not decode or a text that is not UTF-8."""
        for ident, path in self.audio.items():
            if voices.decode(path).size == 0:
                raise voices.VoiceError(f"recording {path}: no audio in it")
            sidecar = self.folder / f"{ident}.txt"
            if sidecar.is_file():
                try:
                    sidecar.read_text(encoding="utf-8")
                except UnicodeDecodeError:
                    raise voices.VoiceError(f"recording text {sidecar}: not UTF-8") from None

    def digest(self) -> str:
        """sha256 over every recording and text file (part of the narrated outputs' cache key)."""
        digest = hashlib.sha256()
        for path in sorted(self.folder.iterdir()):
            if path.is_file() and (path.suffix.lower() in AUDIO_SUFFIXES or path.suffix == ".txt"):
                digest.update(path.name.encode() + b"\0" + path.read_bytes() + b"\0")
        return digest.hexdigest()

    def stamp(self, texts: dict[str, str]) -> list[str]:
        """Write `<id>.txt` with the current text for each recording that has none; the ids."""
        stamped = []
        for ident in sorted(self.audio):
            if ident in texts and self.recorded_text(ident) is None:
                (self.folder / f"{ident}.txt").write_text(texts[ident] + "\n", encoding="utf-8")
                stamped.append(ident)
        return stamped
