"""`la-render list`, `clean`, `figures` and `page`: parse, then call the pipeline."""

from __future__ import annotations

import argparse
from collections.abc import Sequence
from typing import Any

from rich.console import Console
from rich.table import Table

from la_render.cli.console import ConsoleUI
from la_render.cli.render import voice_from_args
from la_render.narration.choice import NO_VOICE
from la_render.pipeline import jobs
from la_render.pipeline.clean import clean
from la_render.pipeline.inputs import UsageError, check_out_dir, lesson_path, load_lesson, read_manifest
from la_render.pipeline.lock import RenderLock
from la_render.pipeline.presets import PRESETS
from la_render.pipeline.run import module_available, refresh_figures, refresh_page


def cmd_list(args: argparse.Namespace, catalog: Sequence[Any], console: Console) -> int:
    lesson = load_lesson(args.data)
    check_out_dir(args.out)
    manifest = read_manifest(args.out)
    presets = [PRESETS[name] for name in (args.quality or list(PRESETS))]
    table = Table(title=f"scenes ({args.out})")
    for column in ("slug", "title", "step", *[p.name for p in presets]):
        table.add_column(column)
    options = {preset.name: _list_options(args, preset.name) for preset in presets}
    for index, entry in enumerate(catalog):
        cells = []
        for preset in presets:
            (job,) = jobs.plan([entry], preset=preset, formats=preset.default_formats, lesson=lesson,
                               manifest=manifest, options=options[preset.name], order={entry.slug: index})
            cells.append(_list_cell(job))
        table.add_row(entry.slug, entry.title, entry.step, *cells)
    console.print(table)
    return 0


def _list_options(args: argparse.Namespace, preset: str) -> jobs.RunOptions:
    """What `render` would use at this preset by default, narration included (silent if no engine)."""
    try:
        voice = voice_from_args(args, "auto" if preset == "lecture" else "none")
    except UsageError:
        voice = NO_VOICE
    return jobs.RunOptions(out_dir=args.out, lesson_path=lesson_path(args.data), voice=voice.spec,
                           fallback_voice=voice.fallback, narration_key=voice.key)


def _list_cell(job: jobs.Job) -> str:
    if job.error:
        return f"error: {job.error}"
    lines = []
    for status in job.statuses:
        if status.state == jobs.UP_TO_DATE:
            lines.append(f"{status.fmt}: up to date")
        elif status.state == jobs.MISSING:
            lines.append(f"{status.fmt}: missing")
        else:
            lines.append(f"{status.fmt}: stale ({', '.join(status.reasons)})")
    return "\n".join(lines)


def cmd_clean(args: argparse.Namespace, console: Console) -> int:
    check_out_dir(args.out)
    if not args.out.is_dir():
        console.print(f"nothing to clean: {args.out} does not exist")
        return 0
    clean(args.out, read_manifest(args.out), dry_run=args.dry_run, wait=args.wait, say=console.print)
    return 0


def cmd_figures(args: argparse.Namespace, console: Console) -> int:
    lesson = load_lesson(args.data)
    check_out_dir(args.out)
    if not module_available("la_render.figures"):
        raise UsageError("la_render.figures is not available in this install")
    with RenderLock(args.out, wait=args.wait):
        manifest = read_manifest(args.out)
        refresh_figures(lesson, manifest, args.out, ConsoleUI(console), force=True)
        if module_available("la_render.page"):
            refresh_page(manifest, args.out, ConsoleUI(console))
    return 0


def cmd_page(args: argparse.Namespace, console: Console) -> int:
    check_out_dir(args.out)
    if not module_available("la_render.page"):
        raise UsageError("la_render.page is not available in this install")
    with RenderLock(args.out, wait=args.wait):
        manifest = read_manifest(args.out)
        refresh_page(manifest, args.out, ConsoleUI(console), force=True)
    return 0
