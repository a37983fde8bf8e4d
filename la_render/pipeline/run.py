"""One locked render run: plan, render what is stale, refresh the figures and the page.

Commands (la_render.cli) parse their arguments into a `RenderRequest` and call `render_once`; the
watcher calls it again after every change. Progress and results go through a `ui` (the CLI's
ConsoleUI: `say`, `progress`, `summary`), so this module prints nothing itself but errors.
"""

from __future__ import annotations

import hashlib
import importlib.util
import json
import os
import shutil
import sys
import time
from collections.abc import Sequence
from concurrent.futures import Executor
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from la_render.common.io import sha256_file
from la_render.formats import get_format
from la_render.formats.base import RENDER_TOOLS
from la_render.narration.choice import NO_VOICE, VoiceChoice, merge_warnings
from la_render.pipeline import cache, jobs
from la_render.pipeline.inputs import UsageError, read_manifest
from la_render.pipeline.lock import RenderLock
from la_render.pipeline.manifest import save_manifest


@dataclass
class RenderRequest:
    entries: list[Any]
    lesson: Any
    preset: Any
    formats: tuple[str, ...]
    options: jobs.RunOptions
    jobs: int
    wait: bool
    figures: bool
    page: bool
    voice: VoiceChoice = NO_VOICE


def plan_jobs(request: RenderRequest, catalog: Sequence[Any], manifest: dict[str, Any]) -> list[jobs.Job]:
    order = {entry.slug: index for index, entry in enumerate(catalog)}
    return jobs.plan(request.entries, preset=request.preset, formats=request.formats,
                     lesson=request.lesson, manifest=manifest, options=request.options, order=order)


def check_tools(formats: Sequence[str]) -> None:
    """Fail before rendering anything when a program a render or a format needs is missing."""
    chosen = [get_format(name) for name in formats]
    needed = {**RENDER_TOOLS, **{tool: package for fmt in chosen for tool, package in fmt.tools.items()}}
    missing = [tool for tool in needed if shutil.which(tool) is None]
    if missing:
        packages = " ".join(dict.fromkeys(needed[tool] for tool in missing))
        raise UsageError(
            f"{', '.join(missing)} not found on PATH: run `make setup`, or "
            f"`apt-get install --no-install-recommends {packages}`"
        )
    for fmt in chosen:
        problem = fmt.check()
        if problem:
            raise UsageError(problem)


def render_once(request: RenderRequest, catalog: Sequence[Any], ui: Any,
                executor: Executor | None = None) -> int:
    """One locked render run: plan, render the stale jobs, refresh figures and page; exit code."""
    out = request.options.out_dir
    started = time.perf_counter()
    with RenderLock(out, wait=request.wait):
        jobs.clear_temporaries(out)
        manifest = read_manifest(out)
        planned = plan_jobs(request, catalog, manifest)
        todo = [job for job in planned if job.needed]
        if todo:
            check_tools(request.formats)
            if request.voice.narrated:
                ui.say(f"narration: {request.voice.description}")
        with ui.progress(todo, manifest) as bars:
            report = jobs.run_jobs(planned, manifest=manifest, options=request.options, executor=executor,
                                   max_workers=request.jobs, on_progress=bars)
        extras_failed = _refresh_extras(request, manifest, ui, rendered=report.rendered > 0)
        save_needed = report.rendered > 0
        if save_needed:
            save_manifest(out, manifest)
    report.rows.sort(key=lambda row: (
        next((job.order for job in planned if job.slug == row.slug), 0), row.output))
    ui.summary(report.rows)
    for warning in merge_warnings(report.warnings):
        ui.say(f"warning: {warning}")
    for failure in report.failures:
        print(f"la-render: {failure.slug} ({failure.preset}) failed: {failure.error}", file=sys.stderr)
        if failure.detail and os.environ.get("LA_RENDER_TRACEBACK"):
            print(failure.detail, file=sys.stderr)
    ui.say(f"{report.rendered} rendered, {len(report.failures)} failed, "
                  f"{time.perf_counter() - started:.1f} s")
    return 1 if report.failures or extras_failed else 0




def module_available(name: str) -> bool:
    try:
        return importlib.util.find_spec(name) is not None
    except (ImportError, ValueError):
        return False


def _records_intact(records: dict[str, Any], out: Path) -> bool:
    for record in records.values():
        for output in record.get("outputs", {}).values():
            path = out / output.get("path", "")
            if not path.is_file() or sha256_file(path) != output.get("sha256"):
                return False
    return bool(records)


def refresh_figures(lesson: Any, manifest: dict[str, Any], out: Path, ui: Any,
                    force: bool = False) -> bool:
    """Redraw the figures when their inputs changed; True when they were redrawn."""
    key = cache.figures_key(lesson)
    keys = manifest.setdefault("refresh_keys", {})
    if not force and keys.get("figures") == key and _records_intact(manifest.get("figures", {}), out):
        return False
    from la_render.figures import render_figures

    manifest["figures"] = render_figures(lesson, out / "figures")
    keys["figures"] = key
    save_manifest(out, manifest)
    ui.say(f"figures: {len(manifest['figures'])} drawn into {out / 'figures'}")
    return True


def page_key(manifest: dict[str, Any]) -> str:
    content = {key: value for key, value in manifest.items() if key not in ("refresh_keys", "generator")}
    digest = hashlib.sha256(json.dumps(content, sort_keys=True).encode())
    digest.update(cache.page_code_digest().encode())
    return digest.hexdigest()


def refresh_page(manifest: dict[str, Any], out: Path, ui: Any, force: bool = False) -> bool:
    """Rebuild renders/index.html when the manifest or the page's code changed."""
    key = page_key(manifest)
    keys = manifest.setdefault("refresh_keys", {})
    if not force and keys.get("page") == key and (out / "index.html").is_file():
        return False
    from la_render.page.build import build_page

    path = build_page(manifest, out)
    keys["page"] = key
    save_manifest(out, manifest)
    ui.say(f"page: {path}")
    return True


def _refresh_extras(request: RenderRequest, manifest: dict[str, Any], ui: Any,
                    rendered: bool) -> bool:
    """Figures then page after a render, when those modules exist; True when one failed."""
    out = request.options.out_dir
    failed = False
    steps = []
    if request.figures and module_available("la_render.figures"):
        steps.append(("figures", lambda: refresh_figures(request.lesson, manifest, out, ui)))
    if request.page and module_available("la_render.page"):
        steps.append(("page", lambda: refresh_page(manifest, out, ui)))
    for name, step in steps:
        try:
            step()
        except Exception as exc:  # report and carry on: the scene outputs are already recorded
            print(f"la-render: {name} failed: {type(exc).__name__}: {exc}".splitlines()[0], file=sys.stderr)
            failed = True
    return failed
