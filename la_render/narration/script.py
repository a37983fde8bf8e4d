"""`--voice` for render and lecture, and `la-render script`: what cli.py wires in.

Everything here runs in the parent process before any job: a voice is resolved and checked up
front (unknown name, engine not installed, missing folder, unreadable recording: one line and
exit 2, nothing touched), and its cache key part is computed once for every job.
"""

from __future__ import annotations

import json
import tempfile
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from la_render.common.io import atomic_write_text as write_text_atomic
from la_render.narration.narrator import cue_id
from la_render.narration.recordings import Recordings

SCRIPT_INDEX = "script.json"
SCRIPT_DIR = "script"  # under renders/ by default; `la-render clean` leaves it alone


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


def card_cues(cards: Sequence[tuple[str, str]]) -> list[dict[str, Any]]:
    """The lecture's title cards, (cue id, text) each, which the narrated lecture reads too."""
    return [{"id": ident, "beat": "card", "position": 1, "text": text, "caption": text}
            for ident, text in cards]


def _scene_text(slug: str, title: str, cues: Sequence[dict[str, Any]]) -> str:
    lines = [f"# {slug}: {title}",
             "# Read each cue aloud; save it as <cue id>.wav in your recordings folder.", ""]
    for cue in cues:
        lines += [f"[{cue['id']}]", cue["text"], ""]
    return "\n".join(lines)


def write_script(entries: Sequence[Any], lesson: Any, out: Path,
                 cards: Sequence[tuple[str, str]] = ()) -> dict[str, Any]:
    """<slug>.txt per scene (lecture.txt for the cards) and script.json; the index written."""
    out.mkdir(parents=True, exist_ok=True)
    index: dict[str, Any] = {"schema_version": 1, "scenes": {}}
    for entry in entries:
        cues = scene_cues(entry, lesson)
        index["scenes"][entry.slug] = {"title": entry.title, "step": entry.step, "cues": cues}
        write_text_atomic(out / f"{entry.slug}.txt", _scene_text(entry.slug, entry.title, cues))
    if cards:
        cues = card_cues(cards)
        index["lecture"] = {"cues": cues}
        write_text_atomic(out / "lecture.txt", _scene_text("lecture", "title cards", cues))
    write_text_atomic(out / SCRIPT_INDEX, json.dumps(index, indent=2, ensure_ascii=False) + "\n")
    return index


def all_texts(index: dict[str, Any]) -> dict[str, str]:
    sections = [*index["scenes"].values(), *([index["lecture"]] if "lecture" in index else [])]
    return {cue["id"]: cue["text"] for section in sections for cue in section["cues"]}


def run_script(entries: Sequence[Any], lesson: Any, out: Path, stamp: Path | None,
               cards: Sequence[tuple[str, str]], say: Callable[[str], Any]) -> int:
    """`la-render script`: write the script; with `stamp`, mark new recordings with their words."""
    recordings = Recordings(stamp) if stamp else None  # a missing folder fails before any work
    index = write_script(entries, lesson, out, cards=cards)
    count = sum(len(scene["cues"]) for scene in index["scenes"].values())
    say(f"script: {count} cues of {len(entries)} scene(s) in {out} (index: {SCRIPT_INDEX})")
    if recordings is not None:
        stamped = recordings.stamp(all_texts(index))
        say(f"stamped {len(stamped)} recording(s) in {stamp} with the words they say")
    return 0
