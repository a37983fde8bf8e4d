"""Plan which outputs are stale, run the jobs on an Executor, and move finished files into place.

A job is (scene, preset, formats). Planning compares each output's content key (la_render.cache)
with the manifest and checks the file on disk still has the recorded sha256; it never imports
manim. Running hands `JobSpec`s to any `concurrent.futures.Executor` (a local process pool by
default); as each job finishes the parent moves its files in with `os.replace` and rewrites the
manifest atomically, so an interruption at any point leaves every earlier output recorded and
valid.
"""

from __future__ import annotations

import os
import shutil
import sys
import time
import uuid
from collections.abc import Callable, Iterable, Sequence
from concurrent.futures import FIRST_COMPLETED, Executor, Future, wait
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from la_render.common.io import sha256_file
from la_render.formats import format_files
from la_render.pipeline import cache
from la_render.pipeline.manifest import TMP_DIR_NAME, output_id, save_manifest, scene_record
from la_render.pipeline.pool import default_executor, stop_workers
from la_render.pipeline.presets import Preset
from la_render.pipeline.worker import JobResult, JobSpec, read_progress, render_job

UP_TO_DATE = "up to date"
STALE = "stale"
MISSING = "missing"


@dataclass(frozen=True)
class OutputStatus:
    """Whether one format of one scene at one preset needs rendering, and why."""

    fmt: str
    state: str  # UP_TO_DATE, STALE or MISSING
    reasons: tuple[str, ...]
    key: str
    parts: dict[str, str]
    paths: tuple[str, ...]  # relative to renders/


@dataclass
class Job:
    """One scene at one preset: the statuses of all asked-for formats and the stale ones to render."""

    entry: Any  # scenes.catalog.SceneEntry (or a test's fake)
    order: int
    preset: Preset
    statuses: tuple[OutputStatus, ...]
    error: str = ""  # set when the job cannot even be planned (e.g. its module is missing)
    alt: str = ""  # the entry's alt text for the lesson being rendered (recorded in the manifest)

    @property
    def slug(self) -> str:
        return self.entry.slug

    @property
    def to_render(self) -> tuple[str, ...]:
        return tuple(s.fmt for s in self.statuses if s.state != UP_TO_DATE)

    @property
    def needed(self) -> bool:
        return bool(self.to_render) or bool(self.error)

    def reason(self) -> str:
        if self.error:
            return self.error
        reasons: list[str] = []
        for status in self.statuses:
            if status.state != UP_TO_DATE:
                for reason in status.reasons:
                    if reason not in reasons:
                        reasons.append(reason)
        return ", ".join(reasons) if reasons else UP_TO_DATE


@dataclass
class RunOptions:
    out_dir: Path
    lesson_path: str | None
    gif_budget_kb: int = 500
    force: bool = False
    sys_path: tuple[str, ...] = ()
    #: Narration: the resolved voice spec, its fallback for recordings, and the cache key part
    #: (la_render.narration_key); "none" keeps outputs silent and their keys as before.
    voice: str = "none"
    fallback_voice: str = ""
    narration_key: str = ""


@dataclass
class OutcomeRow:
    """A line of the summary table."""

    slug: str
    output: str
    status: str  # "rendered", "up to date", "failed"
    seconds: float = 0.0
    bytes: int = 0
    note: str = ""


@dataclass
class RunReport:
    rows: list[OutcomeRow] = field(default_factory=list)
    failures: list[JobResult] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    rendered: int = 0

    @property
    def failed(self) -> bool:
        return bool(self.failures)


# --------------------------------------------------------------------------- planning


def _status(
    manifest: dict[str, Any], out_dir: Path, entry: Any, preset: Preset, fmt: str,
    parts: cache.KeyParts, force: bool,
) -> OutputStatus:
    key = parts.key()
    paths = tuple(f"{preset.name}/{entry.slug}.{ext}" for ext in format_files(fmt))
    outputs = manifest.get("scenes", {}).get(entry.slug, {}).get("outputs", {})
    records = [outputs.get(output_id(preset.name, ext)) for ext in format_files(fmt)]
    if any(record is None for record in records):
        return OutputStatus(fmt, MISSING, ("missing",), key, parts.as_dict(), paths)
    reasons: list[str] = []
    if any(record.get("cache_key") != key for record in records):
        reasons = cache.changed_parts(records[0].get("key_parts"), parts) or ["settings"]
    for record, path in zip(records, paths, strict=True):
        file = out_dir / path
        if not file.is_file():
            reasons.append("file missing")
        elif file.stat().st_size != record.get("bytes") or sha256_file(file) != record.get("sha256"):
            reasons.append("file changed on disk")
    if force:
        reasons.append("forced")
    state = STALE if reasons else UP_TO_DATE
    return OutputStatus(fmt, state, tuple(dict.fromkeys(reasons)), key, parts.as_dict(), paths)


def plan(
    entries: Sequence[Any], *, preset: Preset, formats: Sequence[str], lesson: Any,
    manifest: dict[str, Any], options: RunOptions, order: dict[str, int] | None = None,
) -> list[Job]:
    """A Job per entry with each format's status; `lesson` gives the per-scene data digests."""
    jobs: list[Job] = []
    for index, entry in enumerate(entries):
        position = (order or {}).get(entry.slug, index)
        try:
            data = lesson.digest(tuple(entry.sections))
            statuses = tuple(
                _status(manifest, options.out_dir, entry, preset, fmt,
                        cache.output_key_parts(
                            module=entry.module, data_digest=data, preset=preset, fmt=fmt,
                            options=cache.format_options(fmt, gif_budget_kb=options.gif_budget_kb),
                            narration=options.narration_key if fmt in NARRATED_FORMATS else ""),
                        options.force)
                for fmt in formats
            )
        except (ModuleNotFoundError, SyntaxError, OSError) as exc:
            jobs.append(Job(entry, position, preset, (), error=f"cannot read the scene source: {exc}"))
            continue
        jobs.append(Job(entry, position, preset, statuses, alt=entry.alt(lesson)))
    return jobs


#: Formats a voice changes (the speech, its captions, or the held frames); the poster is the last
#: frame, the same with or without narration.
NARRATED_FORMATS = ("mp4", "srt", "gif", "avif", "webm")
SPEECH_DIR_NAME = ".speech"  # under --out: the speech cache (la_render.voices.SpeechCache)


# --------------------------------------------------------------------------- running

#: Seconds of animation assumed for a scene never rendered before, and how much dearer a 3-D
#: scene is per second (its surfaces are re-shaded every frame: scenes/rank.py took 40% of plain
#: manim's time for all seven scenes in benchmarks/render_bench.py).
UNKNOWN_DURATION = 30.0
THREE_D_COST = 4.0


def estimated_cost(job: Job, manifest: dict[str, Any]) -> float:
    """A job's expected cost: its last recorded duration (any preset), scaled by pixels per second."""
    outputs = manifest.get("scenes", {}).get(job.slug, {}).get("outputs", {})
    durations = [float(out["duration"]) for out in outputs.values() if out.get("duration")]
    seconds = max(durations) if durations else UNKNOWN_DURATION
    pixels_per_second = job.preset.width * job.preset.height * job.preset.fps
    return seconds * pixels_per_second * (THREE_D_COST if getattr(job.entry, "three_d", False) else 1.0)


def longest_first(todo: list[Job], manifest: dict[str, Any]) -> list[Job]:
    """Submit the dearest jobs first so the last one to finish is a short one (LPT scheduling)."""
    return sorted(todo, key=lambda job: -estimated_cost(job, manifest))


def clear_temporaries(out_dir: Path) -> list[Path]:
    """Remove everything under renders/.tmp (call only while holding the lock)."""
    tmp_root = out_dir / TMP_DIR_NAME
    removed: list[Path] = []
    if tmp_root.is_dir():
        for child in tmp_root.iterdir():
            if child.is_dir() and not child.is_symlink():
                shutil.rmtree(child, ignore_errors=True)
            else:
                child.unlink(missing_ok=True)
            removed.append(child)
    return removed


def job_spec(job: Job, options: RunOptions) -> JobSpec:
    tmp_dir = options.out_dir / TMP_DIR_NAME / f"{job.preset.name}-{job.slug}-{uuid.uuid4().hex[:8]}"
    tmp_dir.mkdir(parents=True, exist_ok=True)
    preset = job.preset
    return JobSpec(
        slug=job.slug, module=job.entry.module, class_name=job.entry.class_name, preset=preset.name,
        width=preset.width, height=preset.height, fps=preset.fps, gif_width=preset.gif_width,
        gif_fps=preset.gif_fps, formats=job.to_render, tmp_dir=str(tmp_dir.resolve()),
        lesson_path=options.lesson_path, gif_budget_kb=options.gif_budget_kb,
        sys_path=tuple(options.sys_path), voice=options.voice, fallback_voice=options.fallback_voice,
        speech_dir=str((options.out_dir / SPEECH_DIR_NAME).resolve()),
    )


def install_outputs(job: Job, result: JobResult, manifest: dict[str, Any], out_dir: Path) -> list[OutcomeRow]:
    """Move a finished job's files into place and record them (the caller saves the manifest)."""
    record = scene_record(manifest, job.entry, job.order, job.alt)
    status_by_fmt = {s.fmt: s for s in job.statuses}
    target_dir = out_dir / job.preset.name
    target_dir.mkdir(parents=True, exist_ok=True)
    rows: list[OutcomeRow] = []
    for output in result.outputs:
        status = status_by_fmt[output.fmt]
        relative = f"{job.preset.name}/{job.slug}.{output.ext}"
        os.replace(output.tmp_path, out_dir / relative)
        entry = {
            "preset": job.preset.name, "format": output.ext, "path": relative,
            "bytes": output.bytes, "sha256": output.sha256, "cache_key": status.key,
            "key_parts": status.parts, **output.info,
        }
        record["outputs"][output_id(job.preset.name, output.ext)] = entry
        rows.append(OutcomeRow(job.slug, relative, "rendered", result.seconds, output.bytes))
    return rows


def up_to_date_rows(job: Job, manifest: dict[str, Any]) -> list[OutcomeRow]:
    rows = []
    outputs = manifest.get("scenes", {}).get(job.slug, {}).get("outputs", {})
    for status in job.statuses:
        if status.state == UP_TO_DATE:
            for path in status.paths:
                ext = path.rpartition(".")[2]
                size = outputs.get(output_id(job.preset.name, ext), {}).get("bytes", 0)
                rows.append(OutcomeRow(job.slug, path, UP_TO_DATE, 0.0, size))
    return rows


ProgressCallback = Callable[[Job, dict[str, Any] | None, JobResult | None], None]


def run_jobs(
    jobs: Iterable[Job], *, manifest: dict[str, Any], options: RunOptions,
    executor: Executor | None = None, max_workers: int = 1,
    on_progress: ProgressCallback | None = None, poll_seconds: float = 0.25,
) -> RunReport:
    """Run the needed jobs, installing and recording each as it finishes; up-to-date ones are listed.

    `on_progress(job, progress, result)` is called while a job runs (progress dict from its
    worker) and once when it ends (result set). A failed job leaves its old outputs alone.
    """
    report = RunReport()
    all_jobs = list(jobs)
    todo = [job for job in all_jobs if job.needed]
    for job in all_jobs:
        report.rows.extend(up_to_date_rows(job, manifest))
    for job in todo:
        if job.error:
            failure = JobResult(job.slug, job.preset.name, ok=False, seconds=0.0, error=job.error)
            _record_failure(report, job, failure, on_progress)
    runnable = longest_first([job for job in todo if not job.error], manifest)
    if not runnable:
        return report
    own_executor = executor is None
    pool = executor or default_executor(max(1, min(max_workers, len(runnable))))
    futures: dict[Future[JobResult], tuple[Job, JobSpec]] = {}
    try:
        for job in runnable:
            spec = job_spec(job, options)
            futures[pool.submit(render_job, spec)] = (job, spec)
        pending = set(futures)
        while pending:
            done, pending = wait(pending, timeout=poll_seconds, return_when=FIRST_COMPLETED)
            for future in done:
                job, spec = futures[future]
                _finish(future, job, spec, manifest, options, report, on_progress)
            if on_progress is not None:
                for future in pending:
                    job, spec = futures[future]
                    on_progress(job, read_progress(Path(spec.tmp_dir)) if future.running() else None, None)
    except BaseException:  # Ctrl-C, SIGTERM or SIGHUP (see la_render.cli): stop, then tidy up
        for future in futures:
            future.cancel()
        if own_executor:
            stop_workers(pool)
        for _, spec in futures.values():
            shutil.rmtree(spec.tmp_dir, ignore_errors=True)
        raise
    finally:
        if own_executor:
            pool.shutdown(wait=True, cancel_futures=True)
    return report


def _finish(future: Future[JobResult], job: Job, spec: JobSpec, manifest: dict[str, Any],
            options: RunOptions, report: RunReport, on_progress: ProgressCallback | None) -> None:
    try:
        result = future.result()
    except Exception as exc:  # the worker process itself died (BrokenProcessPool, cancelled, ...)
        result = JobResult(job.slug, job.preset.name, ok=False, seconds=0.0,
                           error=f"worker failed: {type(exc).__name__}: {exc}".splitlines()[0])
    if result.ok:
        try:
            rows = install_outputs(job, result, manifest, options.out_dir)
        except OSError as exc:  # e.g. a full disk: what was moved is complete, the record stays old
            result = JobResult(job.slug, job.preset.name, ok=False, seconds=result.seconds,
                               error=f"installing outputs: {exc}")
    if result.ok:
        report.rows.extend(rows)
        save_manifest(options.out_dir, manifest)
        report.rendered += 1
        report.warnings.extend(result.warnings)
        if on_progress is not None:
            on_progress(job, None, result)
    else:
        _record_failure(report, job, result, on_progress)
    shutil.rmtree(spec.tmp_dir, ignore_errors=True)


def _record_failure(report: RunReport, job: Job, result: JobResult,
                    on_progress: ProgressCallback | None) -> None:
    report.failures.append(result)
    for fmt in job.to_render or ("*",):
        report.rows.append(OutcomeRow(job.slug, f"{job.preset.name}/{job.slug}.{fmt}", "failed",
                                      result.seconds, 0, result.error))
    if on_progress is not None:
        on_progress(job, None, result)


def current_sys_path_extras() -> tuple[str, ...]:
    """sys.path entries a worker needs that a fresh interpreter would not have (injected catalogs)."""
    return tuple(entry for entry in sys.path if entry and Path(entry).is_dir())


def timed(function: Callable[[], Any]) -> tuple[Any, float]:
    start = time.perf_counter()
    value = function()
    return value, time.perf_counter() - start
