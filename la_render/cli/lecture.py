"""`la-render lecture` (bring the lecture renders up to date, then cut them into one MP4) and
`la-render script` (the narration script): parse, then call."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from concurrent.futures import Executor
from typing import Any

from rich.console import Console

from la_render.cli.console import ConsoleUI
from la_render.cli.render import voice_from_args
from la_render.narration.choice import merge_warnings
from la_render.pipeline import jobs
from la_render.pipeline.inputs import (
    UsageError,
    check_out_dir,
    lesson_path,
    load_lesson,
    read_manifest,
    select,
)
from la_render.pipeline.lock import RenderLock
from la_render.pipeline.manifest import MANIFEST_NAME, manifest_path, save_manifest
from la_render.pipeline.presets import get_preset
from la_render.pipeline.run import RenderRequest, module_available, refresh_page, render_once


def cmd_lecture(args: argparse.Namespace, catalog: Sequence[Any], console: Console,
                executor: Executor | None) -> int:
    """Bring every scene's lecture MP4 and captions up to date (cached), then join the cut."""
    check_out_dir(args.out)
    if not module_available("la_render.lecture"):
        raise UsageError("la_render.lecture is not available in this install")
    voice = voice_from_args(args, "auto")
    if not args.no_render:
        code = render_once(_lecture_request(args, catalog, voice), catalog, ConsoleUI(console), executor)
        if code != 0:
            return code
    if args.no_render and not manifest_path(args.out).is_file():
        raise UsageError(f"--no-render: nothing rendered in {args.out} (no {MANIFEST_NAME}); "
                         "run `la-render lecture` without --no-render")
    with RenderLock(args.out, wait=args.wait):
        manifest = read_manifest(args.out)
        from la_render.common.ffmpeg import EncodeError
        from la_render.lecture.build import LectureError, build_lecture

        try:
            lesson = load_lesson(args.data)
            manifest["lecture"] = build_lecture(manifest, args.out, voice=voice, lesson=lesson,
                                               quiz=not args.no_quiz)
        except LectureError as exc:  # missing or unusable renders: bad input, nothing written
            raise UsageError(f"lecture: {exc}") from None
        except EncodeError as exc:  # ffmpeg failed on good input: a failed job
            print(f"la-render: lecture failed: {exc}", file=sys.stderr)
            return 1
        save_manifest(args.out, manifest)
        spoken = f" (narration: {voice.description})" if voice.narrated else " (silent)"
        console.print(f"lecture: {args.out / manifest['lecture'].get('path', 'lecture')}{spoken}")
        fallbacks = manifest["lecture"].get("narration", {}).get("card_fallbacks", [])
        if fallbacks:  # cards not recorded (or recorded for other words), one line like the scenes'
            from la_render.narration.narrator import fallback_warning

            (line,) = merge_warnings([fallback_warning("lecture", fallbacks, voice.fallback)])
            console.print(f"warning: {line}")
        if module_available("la_render.page"):
            refresh_page(manifest, args.out, ConsoleUI(console))
    return 0


def _lecture_request(args: argparse.Namespace, catalog: Sequence[Any], voice: Any) -> RenderRequest:
    """What `la-render render --quality lecture --format mp4,srt --no-page` would render."""
    preset = get_preset("lecture")
    lesson = load_lesson(args.data)
    read_manifest(args.out)  # a foreign or broken manifest is bad input: fail before the lock
    options = jobs.RunOptions(
        out_dir=args.out, lesson_path=lesson_path(args.data), sys_path=jobs.current_sys_path_extras(),
        voice=voice.spec, fallback_voice=voice.fallback, narration_key=voice.key,
    )
    return RenderRequest(select(catalog, []), lesson, preset, ("mp4", "srt"), options, args.jobs, args.wait,
                         figures=True, page=False, voice=voice)


def cmd_script(args: argparse.Namespace, catalog: Sequence[Any], console: Console) -> int:
    """Write the narration script (la_render.narration.script); --stamp marks new recordings' text."""
    from la_render.lecture.text import card_texts, quiz_texts
    from la_render.narration.script import run_script
    from la_render.narration.voices import VoiceError

    entries = select(catalog, args.slugs)
    lesson = load_lesson(args.data)
    check_out_dir(args.out)
    try:
        cards = [] if args.slugs else card_texts(entries, lesson)
        quiz = [] if args.slugs else quiz_texts(lesson)
        return run_script(entries, lesson, args.out, args.stamp, cards=cards, say=console.print, quiz=quiz,
                          lesson_file=lesson_path(args.data), jobs=args.jobs)
    except VoiceError as exc:
        raise UsageError(str(exc)) from None
