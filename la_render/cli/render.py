"""`la-render render` and `la-render watch`: arguments into a RenderRequest, then the pipeline."""

from __future__ import annotations

import argparse
from collections.abc import Iterator, Sequence
from concurrent.futures import Executor
from contextlib import ExitStack, contextmanager
from typing import Any

from rich.console import Console

from la_render.cli.console import ConsoleUI, print_plan
from la_render.narration.choice import VoiceChoice, resolve_voice
from la_render.pipeline import jobs
from la_render.pipeline.inputs import (
    UsageError,
    check_out_dir,
    lesson_path,
    load_lesson,
    read_manifest,
    select,
)
from la_render.pipeline.presets import get_preset, parse_formats
from la_render.pipeline.run import RenderRequest, plan_jobs, render_once


def request_from_args(args: argparse.Namespace, catalog: Sequence[Any]) -> RenderRequest:
    """Validate everything before anything is touched (bad input: UsageError, exit 2)."""
    entries = select(catalog, args.slugs)
    preset = get_preset(args.quality)
    try:
        formats = parse_formats(args.formats, preset)
    except ValueError as exc:
        raise UsageError(str(exc)) from None
    lesson = load_lesson(args.data)
    check_out_dir(args.out)
    read_manifest(args.out)  # a foreign or broken manifest is bad input: fail before taking the lock
    voice = voice_from_args(args, "auto" if preset.name == "lecture" else "none")
    options = jobs.RunOptions(
        out_dir=args.out, lesson_path=lesson_path(args.data), gif_budget_kb=args.gif_budget,
        force=args.force, sys_path=jobs.current_sys_path_extras(),
        voice=voice.spec, fallback_voice=voice.fallback, narration_key=voice.key,
    )
    return RenderRequest(entries, lesson, preset, formats, options, args.jobs, args.wait,
                         figures=not args.no_figures, page=not args.no_page, voice=voice)


def voice_from_args(args: argparse.Namespace, default: str) -> VoiceChoice:
    """The resolved --voice (bad voice: UsageError, exit 2, before anything is touched)."""
    from la_render.narration.voices import VoiceError

    try:
        return resolve_voice(getattr(args, "voice", None), default, getattr(args, "fallback_voice", None))
    except VoiceError as exc:
        raise UsageError(str(exc)) from None


def cmd_render(args: argparse.Namespace, catalog: Sequence[Any], console: Console,
               executor: Executor | None) -> int:
    request = request_from_args(args, catalog)
    if args.dry_run:
        manifest = read_manifest(args.out)
        print_plan(plan_jobs(request, catalog, manifest), console)
        return 0
    return render_once(request, catalog, ConsoleUI(console), executor)


def cmd_watch(args: argparse.Namespace, catalog: Sequence[Any], console: Console,
              executor: Executor | None) -> int:
    from la_render.pipeline.watch import watch

    request = request_from_args(args, catalog)
    return watch(request, catalog, ConsoleUI(console), interval=args.interval, debounce=args.debounce,
                 executor=executor)


@contextmanager
def executor_for(args: argparse.Namespace, given: Executor | None) -> Iterator[Executor | None]:
    """The injected executor, else a Dask cluster's for --dask, else None (the local pool)."""
    address = getattr(args, "dask", None)
    if given is not None or not address or getattr(args, "dry_run", False):
        yield given
        return
    from la_render.pipeline.cluster import ClusterError, dask_executor

    with ExitStack() as stack:
        try:
            executor = stack.enter_context(dask_executor(address, args.jobs))
        except ClusterError as exc:
            raise UsageError(str(exc)) from None
        try:
            yield executor
        except BaseException:  # stopped: close the cluster (its workers with it), then tidy up
            stack.close()
            clear_stopped_jobs(args.out)
            raise


def clear_stopped_jobs(out: Any) -> None:
    """Remove what a cluster's workers wrote into renders/.tmp/ before they were stopped (under
    the lock again; when another run holds it by now, that run clears them itself)."""
    from la_render.pipeline.lock import LockHeldError, RenderLock

    try:
        with RenderLock(out, wait=False):
            jobs.clear_temporaries(out)
    except LockHeldError:
        pass
