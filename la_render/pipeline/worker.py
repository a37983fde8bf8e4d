"""What runs inside a worker process: render one scene once, encode every requested format.

Everything a job needs travels in a picklable `JobSpec`, and everything it made comes back in a
`JobResult`, so any `concurrent.futures.Executor` (a local process pool, or a cluster executor
such as Dask's `Client.get_executor()` on a shared filesystem) can run it. The worker writes
only inside its own temporary folder (`spec.tmp_dir`): manim's media, tex and text folders and
the encoded files. The parent moves finished files into place.

This module must stay cheap to import: manim and the encoder are imported inside `render_job`.
"""

from __future__ import annotations

import importlib
import json
import sys
import time
import traceback
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from la_render.common.io import atomic_write_text
from la_render.formats.base import FormatJob, OutputFile

PROGRESS_FILE = "progress.json"


@dataclass(frozen=True)
class JobSpec:
    """One scene at one preset, and which formats to write."""

    slug: str
    module: str
    class_name: str
    preset: str
    width: int
    height: int
    fps: int
    gif_width: int
    gif_fps: float
    formats: tuple[str, ...]
    tmp_dir: str
    lesson_path: str | None = None
    gif_budget_kb: int = 500
    sys_path: tuple[str, ...] = ()
    #: Narration (la_render.narration): "none", an engine spec, or "dir:PATH" (recordings) with
    #: `fallback_voice` for cues not recorded; speech is cached in `speech_dir`.
    voice: str = "none"
    fallback_voice: str = ""
    speech_dir: str = ""


@dataclass(frozen=True)
class JobResult:
    slug: str
    preset: str
    ok: bool
    seconds: float
    outputs: tuple[OutputFile, ...] = ()
    error: str = ""
    detail: str = ""
    warnings: tuple[str, ...] = ()


def write_progress(tmp_dir: Path, **values: Any) -> None:
    """Progress for the parent's bars, replaced atomically (the parent polls it)."""
    atomic_write_text(tmp_dir / PROGRESS_FILE, json.dumps(values), durable=False)


def read_progress(tmp_dir: Path) -> dict[str, Any]:
    try:
        return json.loads((tmp_dir / PROGRESS_FILE).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}


def _manim_config(spec: JobSpec, tmp: Path, lossless: dict[str, Any]) -> dict[str, Any]:
    """tempconfig keys: own media/tex/text folders, the preset's size and rate, quiet output."""
    config = {
        "media_dir": str(tmp / "media"),
        "tex_dir": str(tmp / "tex"),
        "text_dir": str(tmp / "text"),
        "pixel_width": spec.width,
        "pixel_height": spec.height,
        "frame_rate": spec.fps,
        "disable_caching": True,
        "progress_bar": "none",
        "verbosity": "ERROR",
        "write_to_movie": True,
        "save_last_frame": False,
        "preview": False,
        "dry_run": False,
    }
    config.update(lossless)
    return config


def _render_scene(spec: JobSpec, tmp: Path) -> tuple[Path, list[tuple[float, float, str]], Any]:
    """Render the scene into tmp/media as the lossless intermediate; (movie, captions, narration).

    With a voice the scene gets a narrator: each cue is spoken (speech cache first) as the scene
    reaches it, and the scene holds its picture until the words are over.
    """
    from manim import tempconfig

    from la_core import load_lesson
    from la_render.narration import narrator as narration
    from la_render.pipeline import intermediate

    narrator = narration.narrator_for(spec.slug, spec.voice, spec.fallback_voice, spec.speech_dir)

    lesson = load_lesson(spec.lesson_path)
    scene_class = getattr(importlib.import_module(spec.module), spec.class_name)
    hooks = _progress_hooks(scene_class)

    def report(scene: Any, label: str) -> None:
        seconds = float(getattr(scene.renderer, "time", 0.0))
        write_progress(tmp, stage="rendering", frames=round(seconds * spec.fps), label=label)

    if hooks is not None:
        hooks.append(report)
    try:
        with tempconfig(_manim_config(spec, tmp, intermediate.lossless_render_config())):
            scene = scene_class(lesson=lesson)
            scene.narrator = narrator
            scene.render()
    finally:
        if hooks is not None and report in hooks:
            hooks.remove(report)
    captions = [(float(s), float(e), str(t)) for s, e, t in getattr(scene, "captions", [])]
    spoken = None
    if narrator is not None:
        starts = [cue.start for cue in scene.cues]
        captions = narration.speech_captions(narrator.plans, starts)
        spoken = (narrator, starts)
    return intermediate.find_rendered_movie(tmp / "media", spec.class_name), captions, spoken


def _progress_hooks(scene_class: type) -> list[Any] | None:
    """The checkpoint hook list of LessonSceneMixin scenes (None for plain manim scenes)."""
    for klass in scene_class.__mro__:
        hooks = klass.__dict__.get("checkpoint_hooks")
        if isinstance(hooks, list):
            return hooks
    return None


def _encode(spec: JobSpec, movie: Path, captions: list[tuple[float, float, str]], out: Path,
            spoken: Any = None) -> tuple[list[OutputFile], list[str]]:
    """Write every requested format of `movie` into `out` (la_render.formats); (files, warnings)."""
    from la_render.formats import FORMAT_MODULES, get_format

    job = FormatJob(spec, movie, captions, out, spoken)
    frames = read_progress(out.parent).get("frames", 0)  # what the render reached
    for fmt in spec.formats:
        if fmt not in FORMAT_MODULES:
            raise ValueError(f"unknown format {fmt!r}")
        write_progress(out.parent, stage=f"encoding {fmt}", frames=frames)
        get_format(fmt).write(job)
    return job.files, job.warnings


def render_job(spec: JobSpec) -> JobResult:
    """Render one job; never raises for a scene's own failure (the result carries the error)."""
    started = time.perf_counter()
    tmp = Path(spec.tmp_dir)
    out = tmp / "out"
    try:
        for entry in reversed(spec.sys_path):
            if entry not in sys.path:
                sys.path.insert(0, entry)
        out.mkdir(parents=True, exist_ok=True)
        write_progress(tmp, stage="starting", frames=0)
        movie, captions, spoken = _render_scene(spec, tmp)
        files, warnings = _encode(spec, movie, captions, out, spoken)
        if spoken is not None and spoken[0].fallbacks:
            from la_render.narration.narrator import fallback_warning

            warnings.append(fallback_warning(spec.slug, spoken[0].fallbacks, spoken[0].voice.name))
    except Exception as exc:  # a broken scene must not take the other jobs down
        return JobResult(
            spec.slug, spec.preset, ok=False, seconds=time.perf_counter() - started,
            error=f"{type(exc).__name__}: {exc}".splitlines()[0][:300],
            detail="".join(traceback.format_exception(exc))[-4000:],
        )
    return JobResult(spec.slug, spec.preset, ok=True, seconds=time.perf_counter() - started,
                     outputs=tuple(files), warnings=tuple(warnings))
