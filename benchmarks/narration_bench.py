"""narration_bench: what narration costs, how long it makes the lecture, and how fast each voice speaks.

In throw-away output folders (the working tree is not touched):

1. every scene rendered silent (`--voice none`) and narrated (`--voice VOICE`, cold speech cache)
   at one quality (default: preview, as render_bench; the speech does not depend on the size);
   the narration's own time (speaking the cues, building, normalising and muxing the sound) is
   what each narrated job records in the manifest, and its share of the narrated render is the
   figure with a target (<= 10%);
2. the lecture's length silent and narrated: the scenes' durations plus the cards (the cards'
   narrated lengths from la_render.lecture.audio, as the cut uses them);
3. words per minute of each engine over the whole script, from the cue windows (speech plus the
   gaps between a cue's caption pieces; a human narrator says about 150) and its real-time factor.

    .venv/bin/python -m benchmarks.narration_bench [--voice piper] [--engines piper,espeak-ng,flite]
        [--quality preview] [--jobs 1] [--scenes vectors,matmul] [--json PATH]
"""

from __future__ import annotations

import argparse
import io
import json
import os
import platform
import tempfile
import time
from pathlib import Path
from typing import Any

from rich.console import Console
from rich.table import Table

PROJECT_ROOT = Path(__file__).resolve().parent.parent
DEFAULT_JSON = PROJECT_ROOT / "benchmarks" / "results" / "narration_bench.json"
TARGET_SHARE = 0.10
HUMAN_WPM = 150


def _render(out: Path, quality: str, jobs: int, voice: str, scenes: list[str]
            ) -> tuple[float, dict[str, Any]]:
    from la_render.cli import main

    started = time.perf_counter()
    code = main(["render", *scenes, "--quality", quality, "--format", "mp4", "--out", str(out),
                 "--jobs", str(jobs), "--no-figures", "--no-page", "--voice", voice], stdout=io.StringIO())
    seconds = time.perf_counter() - started
    if code != 0:
        raise SystemExit(f"narration_bench: the {voice} render failed (exit {code})")
    return seconds, json.loads((out / "manifest.json").read_text(encoding="utf-8"))


def _scene_records(manifest: dict[str, Any], quality: str) -> dict[str, dict[str, Any]]:
    return {slug: scene["outputs"][f"{quality}/mp4"] for slug, scene in manifest["scenes"].items()}


def _card_lengths(voice: str, entries: list[Any], work: Path) -> tuple[float, float]:
    """(silent, narrated) seconds of the lecture's cards."""
    from la_render.lecture import build as lecture
    from la_render.lecture.audio import card_narrator, card_speech
    from la_render.lecture.text import card_texts
    from la_render.narration.choice import resolve_voice

    silent = lecture.TITLE_SECONDS + lecture.CARD_SECONDS * len(entries)
    narrator = card_narrator(resolve_voice(voice, voice), work)
    narrated = 0.0
    for index, (ident, text) in enumerate(card_texts(entries)):
        base = lecture.TITLE_SECONDS if index == 0 else lecture.CARD_SECONDS
        narrated += card_speech(narrator, ident, text, base, lecture.CARD_LEAD)[0]
    return silent, narrated


def _engine_rates(engines: list[str], cues: list[str], work: Path) -> dict[str, dict[str, float]]:
    """Words per minute (from the cue windows) and real-time factor of each engine, cold cache."""
    from la_render.narration import voices
    from la_render.narration.narrator import Narrator

    words = sum(len(text.split()) for text in cues)
    rates = {}
    for name in engines:
        if not voices.available(name):
            continue
        narrator = Narrator("bench", voices.engine(name), voices.SpeechCache(work / name))
        started = time.perf_counter()
        windows = sum(narrator.plan(f"bench.cue.{i}", text).length for i, text in enumerate(cues))
        spent = time.perf_counter() - started
        rates[name] = {"words": words, "seconds": round(windows, 2), "wpm": round(words / windows * 60, 1),
                       "synthesis_seconds": round(spent, 2), "real_time_factor": round(spent / windows, 3)}
    return rates


def run(args: argparse.Namespace) -> dict[str, Any]:
    from la_render.narration.script import scene_cues
    from la_render.pipeline.inputs import load_catalog

    catalog = [e for e in load_catalog() if not args.scenes or e.slug in args.scenes.split(",")]
    scenes = [e.slug for e in catalog]
    with tempfile.TemporaryDirectory(prefix="narration-bench-") as tmp:
        work = Path(tmp)
        silent_wall, silent = _render(work / "silent", args.quality, args.jobs, "none", scenes)
        narrated_wall, narrated = _render(work / "narrated", args.quality, args.jobs, args.voice, scenes)
        quiet, spoken = _scene_records(silent, args.quality), _scene_records(narrated, args.quality)
        narration_seconds = sum(r["narration"]["seconds"] for r in spoken.values())
        cards_silent, cards_narrated = _card_lengths(args.voice, catalog, work / "cards")
        from la_core import load_lesson

        lesson = load_lesson()
        cues = [cue["text"] for entry in catalog for cue in scene_cues(entry, lesson)]
        rates = _engine_rates(args.engines.split(","), cues, work / "rates")
    job_seconds = sum(spoken[s]["narration"]["seconds"] for s in spoken)
    return {
        "machine": {"python": platform.python_version(), "cpus": os.cpu_count()},
        "quality": args.quality, "jobs": args.jobs, "voice": args.voice, "scenes": scenes,
        "silent_render_seconds": round(silent_wall, 2), "narrated_render_seconds": round(narrated_wall, 2),
        "narration_seconds": round(job_seconds, 2),
        "narration_share": round(narration_seconds / narrated_wall, 4), "target_share": TARGET_SHARE,
        "lecture_seconds_silent": round(sum(r["duration"] for r in quiet.values()) + cards_silent, 2),
        "lecture_seconds_narrated": round(sum(r["duration"] for r in spoken.values()) + cards_narrated, 2),
        "per_scene": {s: {"silent": quiet[s]["duration"], "narrated": spoken[s]["duration"],
                          "narration_seconds": spoken[s]["narration"]["seconds"]} for s in scenes},
        "engines": rates, "human_wpm": HUMAN_WPM,
    }


def report(result: dict[str, Any], console: Console) -> None:
    table = Table(title=f"narration ({result['voice']}, {result['quality']}, --jobs {result['jobs']})")
    for column in ("measure", "value"):
        table.add_column(column)
    share = result["narration_share"]
    table.add_row("silent render, s", f"{result['silent_render_seconds']:.1f}")
    table.add_row("narrated render, s", f"{result['narrated_render_seconds']:.1f}")
    table.add_row("narration's own time, s", f"{result['narration_seconds']:.1f}")
    verdict = "meets" if share <= TARGET_SHARE else "misses"
    table.add_row("narration share (target <= 10%)", f"{share:.1%} ({verdict})")
    table.add_row("lecture length silent, s", f"{result['lecture_seconds_silent']:.1f}")
    table.add_row("lecture length narrated, s", f"{result['lecture_seconds_narrated']:.1f}")
    console.print(table)
    engines = Table(title=f"speech rate over the script (a human says about {HUMAN_WPM} wpm)")
    for column in ("engine", "words", "cue windows s", "wpm", "synthesis s", "x real time"):
        engines.add_column(column)
    for name, rate in result["engines"].items():
        engines.add_row(name, str(rate["words"]), f"{rate['seconds']:.1f}", f"{rate['wpm']:.0f}",
                        f"{rate['synthesis_seconds']:.1f}", f"{rate['real_time_factor']:.3f}")
    console.print(engines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--voice", default="auto",
                        help="the narrated render's voice (default: the best installed)")
    parser.add_argument("--engines", default="piper,espeak-ng,flite")
    parser.add_argument("--quality", default="preview")
    parser.add_argument("--jobs", type=int, default=1)
    parser.add_argument("--scenes", default="")
    parser.add_argument("--json", type=Path, default=DEFAULT_JSON)
    args = parser.parse_args()
    result = run(args)
    args.json.parent.mkdir(parents=True, exist_ok=True)
    args.json.write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")
    report(result, Console())


if __name__ == "__main__":
    main()
