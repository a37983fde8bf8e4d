"""`--voice` for render and lecture, and `la-render script`: what cli.py wires in.

Everything here runs in the parent process before any job: a voice is resolved and checked up
front (unknown name, engine not installed, missing folder, unreadable recording: one line and
exit 2, nothing touched), and its cache key part is computed once for every job.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import tempfile
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from la_render import voices
from la_render.narration import FALLBACK_PREFIX, cue_id, write_text_atomic
from la_render.recordings import Recordings

#: Sources whose edits change narrated audio or timing (besides scenes/base.py, a shared file).
NARRATION_SOURCES = ("narration.py", "narration_audio.py", "voices.py", "recordings.py")
SCRIPT_INDEX = "script.json"
SCRIPT_DIR = "script"  # under renders/ by default; `la-render clean` leaves it alone


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


def add_voice_options(parser: argparse.ArgumentParser, default: str) -> None:
    parser.add_argument("--voice", metavar="VOICE", default=None,
                        help="narration: none, auto (the best installed), piper, piper:MODEL.onnx, "
                             f"espeak-ng, flite, or a folder of recordings (default: {default})")
    parser.add_argument("--fallback-voice", metavar="VOICE", default=None,
                        help="with a folder of recordings: the voice for cues not (or no longer) recorded "
                             "(default: the best installed)")


def _key(identity: dict[str, Any]) -> str:
    digest = hashlib.sha256(json.dumps(identity, sort_keys=True).encode())
    for name in NARRATION_SOURCES:
        digest.update((Path(__file__).parent / name).read_bytes())
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


# ---------------------------------------------------------------- la-render script


def scene_cues(entry: Any, lesson: Any) -> list[dict[str, Any]]:
    """Every cue of one scene, in order: the scene runs without frames (manim skips them)."""
    from manim import tempconfig

    with tempfile.TemporaryDirectory(prefix="la-script-") as media:
        settings = {"save_last_frame": True, "write_to_movie": False, "media_dir": media,
                    "tex_dir": str(Path(media) / "tex"), "text_dir": str(Path(media) / "text"),
                    "disable_caching": True, "verbosity": "ERROR", "progress_bar": "none",
                    "pixel_width": 320, "pixel_height": 180}
        with tempconfig(settings):
            scene = entry.load()(lesson=lesson)
            scene.render()
    return [{"id": cue_id(entry.slug, cue.beat, cue.position), "beat": cue.beat, "position": cue.position,
             "text": cue.text, "caption": cue.caption} for cue in scene.cues]


def card_cues(entries: Sequence[Any]) -> list[dict[str, Any]]:
    """The lecture's title cards, which the narrated lecture reads too."""
    from la_render.lecture import card_texts

    return [{"id": ident, "beat": "card", "position": 1, "text": text, "caption": text}
            for ident, text in card_texts(entries)]


def _scene_text(slug: str, title: str, cues: Sequence[dict[str, Any]]) -> str:
    lines = [f"# {slug}: {title}",
             "# Read each cue aloud; save it as <cue id>.wav in your recordings folder.", ""]
    for cue in cues:
        lines += [f"[{cue['id']}]", cue["text"], ""]
    return "\n".join(lines)


def write_script(entries: Sequence[Any], lesson: Any, out: Path, cards: bool) -> dict[str, Any]:
    """<slug>.txt per scene (lecture.txt for the cards) and script.json; the index written."""
    out.mkdir(parents=True, exist_ok=True)
    index: dict[str, Any] = {"schema_version": 1, "scenes": {}}
    for entry in entries:
        cues = scene_cues(entry, lesson)
        index["scenes"][entry.slug] = {"title": entry.title, "step": entry.step, "cues": cues}
        write_text_atomic(out / f"{entry.slug}.txt", _scene_text(entry.slug, entry.title, cues))
    if cards:
        cues = card_cues(entries)
        index["lecture"] = {"cues": cues}
        write_text_atomic(out / "lecture.txt", _scene_text("lecture", "title cards", cues))
    write_text_atomic(out / SCRIPT_INDEX, json.dumps(index, indent=2, ensure_ascii=False) + "\n")
    return index


def all_texts(index: dict[str, Any]) -> dict[str, str]:
    sections = [*index["scenes"].values(), *([index["lecture"]] if "lecture" in index else [])]
    return {cue["id"]: cue["text"] for section in sections for cue in section["cues"]}


def run_script(entries: Sequence[Any], lesson: Any, out: Path, stamp: Path | None, cards: bool,
               say: Callable[[str], Any]) -> int:
    """`la-render script`: write the script; with `stamp`, mark new recordings with their words."""
    recordings = Recordings(stamp) if stamp else None  # a missing folder fails before any work
    index = write_script(entries, lesson, out, cards=cards)
    count = sum(len(scene["cues"]) for scene in index["scenes"].values())
    say(f"script: {count} cues of {len(entries)} scene(s) in {out} (index: {SCRIPT_INDEX})")
    if recordings is not None:
        stamped = recordings.stamp(all_texts(index))
        say(f"stamped {len(stamped)} recording(s) in {stamp} with the words they say")
    return 0
