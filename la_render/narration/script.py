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


def scene_cues(entry: Any, lesson: Any, work: Path) -> list[dict[str, Any]]:
    """Every cue of one scene, in order, collected without drawing (narration/collect.py); manim's
    text renders and the placeholder formulas go to `work`, a folder of this run's own."""
    from la_render.narration.collect import collect_cues

    cues = collect_cues(entry.load(), lesson, work)
    return [{"id": cue_id(entry.slug, cue.beat, cue.position), "beat": cue.beat, "position": cue.position,
             "text": cue.text, "caption": cue.caption} for cue in cues]


def _worker_cues(entries: Sequence[Any], lesson_file: str | None, extras: tuple[str, ...], work: str
                 ) -> list[list[dict[str, Any]]]:
    """scene_cues of some scenes in a worker process (a fresh interpreter: the catalogue's paths,
    the lesson file), in its own folder."""
    import sys

    from la_core import load_lesson

    sys.path.extend(p for p in extras if p not in sys.path)
    lesson = load_lesson(lesson_file)
    return [scene_cues(entry, lesson, Path(work)) for entry in entries]


def all_scene_cues(entries: Sequence[Any], lesson: Any, lesson_file: str | None = None,
                   jobs: int = 1) -> list[list[dict[str, Any]]]:
    """Each entry's cues, in order; with jobs > 1, scenes are collected in that many processes.
    Each process works in a temporary folder of its own, removed after: two scripts at once (or two
    test workers) never write one file, and with no LaTeX to compile a kept cache saved nothing
    (9.6 s warm, 9.4 s cold)."""
    with tempfile.TemporaryDirectory(prefix="la-render-script-") as work:
        if jobs <= 1 or len(entries) <= 1:
            return [scene_cues(entry, lesson, Path(work)) for entry in entries]
        import multiprocessing
        from concurrent.futures import ProcessPoolExecutor

        from la_render.pipeline.jobs import current_sys_path_extras

        extras = current_sys_path_extras()
        slots = min(jobs, len(entries))
        groups = [list(entries[slot::slots]) for slot in range(slots)]
        context = multiprocessing.get_context("spawn")
        with ProcessPoolExecutor(max_workers=slots, mp_context=context) as pool:
            futures = [pool.submit(_worker_cues, group, lesson_file, extras, str(Path(work) / f"slot{slot}"))
                       for slot, group in enumerate(groups)]
            done = [future.result() for future in futures]
    return [done[n % slots][n // slots] for n in range(len(entries))]


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
                 cards: Sequence[tuple[str, str]] = (), quiz: Sequence[tuple[str, str]] = (),
                 lesson_file: str | None = None, jobs: int = 1) -> dict[str, Any]:
    """<slug>.txt per scene (lecture.txt for the cards, quiz.txt for the quiz) and script.json."""
    out.mkdir(parents=True, exist_ok=True)
    index: dict[str, Any] = {"schema_version": 1, "scenes": {}}
    for entry, cues in zip(entries, all_scene_cues(entries, lesson, lesson_file, jobs), strict=True):
        index["scenes"][entry.slug] = {"title": entry.title, "step": entry.step, "cues": cues}
        write_text_atomic(out / f"{entry.slug}.txt", _scene_text(entry.slug, entry.title, cues))
    for name, listed, heading in (("lecture", cards, "title cards"), ("quiz", quiz, "the lesson's quiz")):
        if listed:
            cues = card_cues(listed)
            index[name] = {"cues": cues}
            write_text_atomic(out / f"{name}.txt", _scene_text(name, heading, cues))
    write_text_atomic(out / SCRIPT_INDEX, json.dumps(index, indent=2, ensure_ascii=False) + "\n")
    return index


def all_texts(index: dict[str, Any]) -> dict[str, str]:
    sections = [*index["scenes"].values(), *(index[name] for name in ("lecture", "quiz") if name in index)]
    return {cue["id"]: cue["text"] for section in sections for cue in section["cues"]}


def run_script(entries: Sequence[Any], lesson: Any, out: Path, stamp: Path | None,
               cards: Sequence[tuple[str, str]], say: Callable[[str], Any],
               quiz: Sequence[tuple[str, str]] = (), lesson_file: str | None = None, jobs: int = 1) -> int:
    """`la-render script`: write the script; with `stamp`, mark new recordings with their words."""
    recordings = Recordings(stamp) if stamp else None  # a missing folder fails before any work
    index = write_script(entries, lesson, out, cards=cards, quiz=quiz, lesson_file=lesson_file, jobs=jobs)
    count = sum(len(scene["cues"]) for scene in index["scenes"].values())
    say(f"script: {count} cues of {len(entries)} scene(s) in {out} (index: {SCRIPT_INDEX})")
    if recordings is not None:
        stamped = recordings.stamp(all_texts(index))
        say(f"stamped {len(stamped)} recording(s) in {stamp} with the words they say")
    return 0
