"""The `la-render` command: list, render, watch, clean, figures, page, lecture.

Exit codes: 0 all good; 1 a job failed (the others still finished and were recorded); 2 bad
usage or bad input (unknown slug, unreadable lesson file, lock held): one line on stderr and
nothing rendered or touched. `list` and a no-op `render` never import manim.
"""

from __future__ import annotations

import argparse
import hashlib
import importlib
import importlib.metadata
import importlib.util
import json
import os
import shutil
import sys
import time
from collections.abc import Iterator, Sequence
from concurrent.futures import Executor
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any, NoReturn

from rich.console import Console
from rich.progress import BarColumn, Progress, TaskID, TextColumn, TimeElapsedColumn
from rich.table import Table

from la_render import cache, jobs
from la_render.lock import LockHeldError, RenderLock
from la_render.manifest import (
    MANIFEST_NAME,
    TMP_DIR_NAME,
    ManifestError,
    load_manifest,
    manifest_path,
    recorded_paths,
    save_manifest,
)
from la_render.narration_cli import (
    NO_VOICE,
    SCRIPT_DIR,
    VoiceChoice,
    add_voice_options,
    merge_warnings,
    resolve_voice,
)
from la_render.presets import DEFAULT_PRESET, FORMATS, PRESETS, get_preset, parse_formats
from la_render.sizes import human_bytes

CATALOG_ENV = "LA_RENDER_CATALOG"  # "module:ATTRIBUTE" of a catalogue to use instead of scenes.catalog
DEFAULT_OUT = Path("renders")
KEEP_ALWAYS = {"manifest.json", ".lock", "README.md", "index.html"}


class UsageError(Exception):
    """Bad usage or bad input: printed as one line, exit code 2."""


class _Parser(argparse.ArgumentParser):
    """argparse that reports a usage error as one line (and exit code 2), not usage + error."""

    def error(self, message: str) -> NoReturn:
        raise UsageError(message)


# --------------------------------------------------------------------------- arguments


def _positive_int(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected a whole number, got {text!r}") from None
    if value < 1:
        raise argparse.ArgumentTypeError(f"expected a number >= 1, got {value}")
    return value


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(prog="la-render", description="Render the lesson's scenes, figures and page.")
    sub = parser.add_subparsers(dest="command", required=True, parser_class=_Parser)

    def common(p: argparse.ArgumentParser) -> None:
        p.add_argument("--data", metavar="PATH", help="lesson file (default: the shipped one)")
        p.add_argument("--out", metavar="DIR", type=Path, default=DEFAULT_OUT,
                       help="output folder (default: renders/)")

    def dask_option(p: argparse.ArgumentParser) -> None:
        p.add_argument("--dask", metavar="ADDRESS",
                       help="run the jobs on a Dask cluster: a scheduler address (tcp://host:8786; it must "
                            "see --out at the same path) or 'local' for --jobs local worker processes")

    def rendering(p: argparse.ArgumentParser) -> None:
        common(p)
        p.add_argument("slugs", nargs="*", metavar="SLUG", help="scenes to render (default: all)")
        p.add_argument("--quality", default=DEFAULT_PRESET, choices=list(PRESETS),
                       help=f"quality preset (default: {DEFAULT_PRESET})")
        p.add_argument("--format", dest="formats", metavar="LIST",
                       help=f"comma list of {','.join(FORMATS)} (default: the preset's)")
        p.add_argument("--jobs", type=_positive_int, default=os.cpu_count() or 1,
                       help="parallel workers (default: number of cores)")
        p.add_argument("--force", action="store_true", help="re-render even when up to date")
        p.add_argument("--gif-budget", type=_positive_int, default=500, metavar="KB",
                       help="GIF size budget in KB (default: 500)")
        p.add_argument("--wait", action="store_true", help="wait for another run's lock instead of failing")
        p.add_argument("--no-figures", action="store_true", help="do not refresh the static figures")
        p.add_argument("--no-page", action="store_true", help="do not rebuild renders/index.html")
        add_voice_options(p, "none; auto for --quality lecture")
        dask_option(p)

    p_list = sub.add_parser("list", help="the catalogue and the state of every output")
    common(p_list)
    p_list.add_argument("--quality", action="append", choices=list(PRESETS),
                        help="only these presets (repeatable; default: all)")

    p_render = sub.add_parser("render", help="render what is stale")
    rendering(p_render)
    p_render.add_argument("--dry-run", action="store_true", help="print the plan and why; render nothing")

    p_watch = sub.add_parser("watch", help="re-render when a scene, la_core or the lesson file changes")
    rendering(p_watch)
    p_watch.add_argument("--interval", type=float, default=0.5, help="polling interval in seconds")
    p_watch.add_argument("--debounce", type=float, default=0.6, help="quiet time before rendering")

    p_clean = sub.add_parser("clean", help="remove outputs not in the manifest and stale temporaries")
    p_clean.add_argument("--out", metavar="DIR", type=Path, default=DEFAULT_OUT)
    p_clean.add_argument("--dry-run", action="store_true", help="list what would be removed")
    p_clean.add_argument("--wait", action="store_true")

    for name, text in (("figures", "draw the static figures"), ("page", "rebuild renders/index.html"),
                       ("lecture", "render what the lecture cut needs (lecture preset), then join it")):
        p = sub.add_parser(name, help=text)
        common(p)
        p.add_argument("--wait", action="store_true")
        if name == "lecture":
            p.add_argument("--jobs", type=_positive_int, default=os.cpu_count() or 1,
                           help="parallel workers for the scene renders (default: number of cores)")
            p.add_argument("--no-render", action="store_true",
                           help="only join: use the lecture renders already in the manifest")
            add_voice_options(p, "auto")
            dask_option(p)

    p_script = sub.add_parser("script", help="the narration script: a text file per scene and script.json")
    p_script.add_argument("slugs", nargs="*", metavar="SLUG",
                          help="scenes (default: all, plus the lecture cards)")
    p_script.add_argument("--data", metavar="PATH", help="lesson file (default: the shipped one)")
    p_script.add_argument("--out", metavar="DIR", type=Path, default=DEFAULT_OUT / SCRIPT_DIR,
                          help="where to write it (default: renders/script/)")
    p_script.add_argument("--stamp", metavar="DIR", type=Path,
                          help="recordings folder: write <cue id>.txt (today's text) by each new recording")
    return parser


# --------------------------------------------------------------------------- inputs


def load_catalog() -> tuple[Any, ...]:
    """The scene catalogue: scenes.catalog.CATALOG, or the one named by $LA_RENDER_CATALOG."""
    spec = os.environ.get(CATALOG_ENV)
    if not spec:
        from scenes.catalog import CATALOG

        return tuple(CATALOG)
    module, _, attribute = spec.partition(":")
    try:
        return tuple(getattr(importlib.import_module(module), attribute or "CATALOG"))
    except (ImportError, AttributeError) as exc:
        raise UsageError(f"${CATALOG_ENV}={spec}: cannot load the catalogue ({exc})") from None


def _select(catalog: Sequence[Any], slugs: Sequence[str]) -> list[Any]:
    by_slug = {entry.slug: entry for entry in catalog}
    unknown = [slug for slug in slugs if slug not in by_slug]
    if unknown:
        raise UsageError(
            f"unknown scene {', '.join(map(repr, unknown))} (known: {', '.join(by_slug)})"
        )
    wanted = set(slugs)
    return [entry for entry in catalog if not wanted or entry.slug in wanted]


def _load_lesson(path: str | None) -> Any:
    from la_core import LessonDataError, load_lesson
    from scenes.limits import check_lesson

    try:
        lesson = load_lesson(path)
        check_lesson(lesson)  # what a scene's picture cannot hold is refused before any job too
        return lesson
    except LessonDataError as exc:
        raise UsageError(f"bad lesson file: {exc}") from None


def _check_out_dir(out: Path) -> None:
    if out.exists() and not out.is_dir():
        raise UsageError(f"--out {out}: exists and is not a folder")


def _load_manifest(out: Path) -> dict[str, Any]:
    try:
        return load_manifest(out)
    except ManifestError as exc:
        raise UsageError(str(exc)) from None


def _lesson_path(data: str | None) -> str | None:
    return str(Path(data).resolve()) if data else None


def default_lesson_file() -> Path:
    from importlib import resources

    return Path(str(resources.files("la_core").joinpath("lesson.toml")))


# --------------------------------------------------------------------------- output


def _console(stream: Any = None) -> Console:
    stream = stream or sys.stdout
    # markup=False: messages carry lesson keys like "[vectors].king", which Rich would eat as tags.
    console = Console(file=stream, soft_wrap=True, markup=False)  # one line per message
    if not console.is_terminal:
        console = Console(file=stream, width=200, no_color=True, highlight=False, soft_wrap=True,
                          markup=False)
    return console


def summary_table(rows: Sequence[jobs.OutcomeRow]) -> Table:
    table = Table(title="la-render")
    for column in ("slug", "output", "status", "seconds", "size"):
        table.add_column(column, justify="right" if column in ("seconds", "size") else "left")
    for row in rows:
        status = row.status if not row.note else f"{row.status}: {row.note}"
        table.add_row(row.slug, row.output, status, f"{row.seconds:.1f}" if row.seconds else "-",
                      human_bytes(row.bytes) if row.bytes > 0 else "-")
    return table


def _expected_frames(job: jobs.Job, manifest: dict[str, Any]) -> int | None:
    """Frames of this scene at this preset from the last render (manim does not know in advance)."""
    outputs = manifest.get("scenes", {}).get(job.slug, {}).get("outputs", {})
    for ext in ("mp4", "webm", "gif"):
        record = outputs.get(f"{job.preset.name}/{ext}")
        if record and record.get("duration"):
            return max(1, round(float(record["duration"]) * job.preset.fps))
    return None


class _Bars:
    """A Rich bar per job: frames done of total (total from the last render, when known)."""

    def __init__(self, progress: Progress, todo: Sequence[jobs.Job], manifest: dict[str, Any]) -> None:
        self.progress = progress
        self.tasks: dict[tuple[str, str], TaskID] = {}
        for job in todo:
            total = _expected_frames(job, manifest)
            self.tasks[(job.slug, job.preset.name)] = progress.add_task(
                f"{job.slug} ({job.preset.name})", total=total, start=False, detail="queued")

    def __call__(self, job: jobs.Job, state: dict[str, Any] | None, result: Any) -> None:
        task = self.tasks.get((job.slug, job.preset.name))
        if task is None:
            return
        if result is not None and self.progress.disable:
            state_text = f"rendered in {result.seconds:.1f} s" if result.ok else f"failed: {result.error}"
            self.progress.console.print(f"{job.slug} ({job.preset.name}): {state_text}")
            return
        if result is not None:
            total = self.progress.tasks[self.tasks_index(task)].total or 1
            detail = "done" if result.ok else f"failed: {result.error}"
            self.progress.update(task, total=total, completed=total, detail=detail)
            self.progress.stop_task(task)
            return
        if state is None:
            return
        self.progress.start_task(task)
        frames = int(state.get("frames", 0) or 0)
        stage = str(state.get("stage", ""))
        total = self.progress.tasks[self.tasks_index(task)].total
        if total is not None and frames > total:
            self.progress.update(task, total=frames)
        detail = f"{frames} frames" + (f" of {int(total)}" if total else "")
        self.progress.update(task, completed=frames, detail=f"{stage}, {detail}")

    def tasks_index(self, task: TaskID) -> int:
        return [t.id for t in self.progress.tasks].index(task)


def _make_progress(console: Console) -> Progress:
    return Progress(
        TextColumn("{task.description}", markup=False), BarColumn(),
        TextColumn("{task.fields[detail]}", markup=False),
        TimeElapsedColumn(), console=console, disable=not console.is_terminal, transient=False,
    )


# --------------------------------------------------------------------------- render


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


def _request(args: argparse.Namespace, catalog: Sequence[Any]) -> RenderRequest:
    """Validate everything before anything is touched (bad input: UsageError, exit 2)."""
    entries = _select(catalog, args.slugs)
    preset = get_preset(args.quality)
    try:
        formats = parse_formats(args.formats, preset)
    except ValueError as exc:
        raise UsageError(str(exc)) from None
    lesson = _load_lesson(args.data)
    _check_out_dir(args.out)
    _load_manifest(args.out)  # a foreign or broken manifest is bad input: fail before taking the lock
    voice = _voice(args, "auto" if preset.name == "lecture" else "none")
    options = jobs.RunOptions(
        out_dir=args.out, lesson_path=_lesson_path(args.data), gif_budget_kb=args.gif_budget,
        force=args.force, sys_path=jobs.current_sys_path_extras(),
        voice=voice.spec, fallback_voice=voice.fallback, narration_key=voice.key,
    )
    return RenderRequest(entries, lesson, preset, formats, options, args.jobs, args.wait,
                         figures=not args.no_figures, page=not args.no_page, voice=voice)


def _voice(args: argparse.Namespace, default: str) -> VoiceChoice:
    """The resolved --voice (bad voice: UsageError, exit 2, before anything is touched)."""
    from la_render.voices import VoiceError

    try:
        return resolve_voice(getattr(args, "voice", None), default, getattr(args, "fallback_voice", None))
    except VoiceError as exc:
        raise UsageError(str(exc)) from None


def _plan(request: RenderRequest, catalog: Sequence[Any], manifest: dict[str, Any]) -> list[jobs.Job]:
    order = {entry.slug: index for index, entry in enumerate(catalog)}
    return jobs.plan(request.entries, preset=request.preset, formats=request.formats,
                     lesson=request.lesson, manifest=manifest, options=request.options, order=order)


def _print_plan(planned: Sequence[jobs.Job], console: Console) -> None:
    table = Table(title="plan (dry run: nothing rendered)")
    for column in ("slug", "preset", "render", "reason"):
        table.add_column(column)
    for job in planned:
        table.add_row(job.slug, job.preset.name, ",".join(job.to_render) or "-", job.reason())
    console.print(table)


#: Programs a render needs, with the Debian package that brings each.
RENDER_TOOLS = {"latex": "texlive-latex-base", "dvisvgm": "dvisvgm", "ffmpeg": "ffmpeg"}
GIF_TOOLS = {"gifsicle": "gifsicle"}


def check_tools(formats: Sequence[str]) -> None:
    """Fail before rendering anything when LaTeX, dvisvgm, ffmpeg (or gifsicle) is missing."""
    needed = {**RENDER_TOOLS, **(GIF_TOOLS if "gif" in formats else {})}
    missing = [tool for tool in needed if shutil.which(tool) is None]
    if missing:
        packages = " ".join(dict.fromkeys(needed[tool] for tool in missing))
        raise UsageError(
            f"{', '.join(missing)} not found on PATH: run `make setup`, or "
            f"`apt-get install --no-install-recommends {packages}`"
        )
    if "avif" in formats:
        from la_render import avif

        if not avif.encoder_available():
            raise UsageError(f"ffmpeg has no {avif.AVIF_ENCODER} encoder (needed for --format avif): "
                             "install Debian's ffmpeg, or leave avif out of --format")


def render_once(request: RenderRequest, catalog: Sequence[Any], console: Console,
                executor: Executor | None = None) -> int:
    """One locked render run: plan, render the stale jobs, refresh figures and page; exit code."""
    out = request.options.out_dir
    started = time.perf_counter()
    with RenderLock(out, wait=request.wait):
        jobs.clear_temporaries(out)
        manifest = _load_manifest(out)
        planned = _plan(request, catalog, manifest)
        todo = [job for job in planned if job.needed]
        if todo:
            check_tools(request.formats)
            if request.voice.narrated:
                console.print(f"narration: {request.voice.description}")
        progress = _make_progress(console)
        bars = _Bars(progress, todo, manifest)
        with progress:
            report = jobs.run_jobs(planned, manifest=manifest, options=request.options, executor=executor,
                                   max_workers=request.jobs, on_progress=bars)
        extras_failed = _refresh_extras(request, manifest, console, rendered=report.rendered > 0)
        save_needed = report.rendered > 0
        if save_needed:
            save_manifest(out, manifest)
    report.rows.sort(key=lambda row: (
        next((job.order for job in planned if job.slug == row.slug), 0), row.output))
    console.print(summary_table(report.rows))
    for warning in merge_warnings(report.warnings):
        console.print(f"warning: {warning}")
    for failure in report.failures:
        print(f"la-render: {failure.slug} ({failure.preset}) failed: {failure.error}", file=sys.stderr)
        if failure.detail and os.environ.get("LA_RENDER_TRACEBACK"):
            print(failure.detail, file=sys.stderr)
    console.print(f"{report.rendered} rendered, {len(report.failures)} failed, "
                  f"{time.perf_counter() - started:.1f} s")
    return 1 if report.failures or extras_failed else 0


# --------------------------------------------------------------------------- figures and page


def _module_available(name: str) -> bool:
    try:
        return importlib.util.find_spec(name) is not None
    except (ImportError, ValueError):
        return False


def _records_intact(records: dict[str, Any], out: Path) -> bool:
    for record in records.values():
        for output in record.get("outputs", {}).values():
            path = out / output.get("path", "")
            if not path.is_file() or cache.sha256_file(path) != output.get("sha256"):
                return False
    return bool(records)


def refresh_figures(lesson: Any, manifest: dict[str, Any], out: Path, console: Console,
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
    console.print(f"figures: {len(manifest['figures'])} drawn into {out / 'figures'}")
    return True


def _page_key(manifest: dict[str, Any]) -> str:
    content = {key: value for key, value in manifest.items() if key not in ("refresh_keys", "generator")}
    digest = hashlib.sha256(json.dumps(content, sort_keys=True).encode())
    page_source = cache.PROJECT_ROOT / "la_render" / "page.py"
    digest.update(page_source.read_bytes() if page_source.is_file() else b"-")
    return digest.hexdigest()


def refresh_page(manifest: dict[str, Any], out: Path, console: Console, force: bool = False) -> bool:
    key = _page_key(manifest)
    keys = manifest.setdefault("refresh_keys", {})
    if not force and keys.get("page") == key and (out / "index.html").is_file():
        return False
    from la_render.page import build_page

    path = build_page(manifest, out)
    keys["page"] = key
    save_manifest(out, manifest)
    console.print(f"page: {path}")
    return True


def _refresh_extras(request: RenderRequest, manifest: dict[str, Any], console: Console,
                    rendered: bool) -> bool:
    """Figures then page after a render, when those modules exist; True when one failed."""
    out = request.options.out_dir
    failed = False
    steps = []
    if request.figures and _module_available("la_render.figures"):
        steps.append(("figures", lambda: refresh_figures(request.lesson, manifest, out, console)))
    if request.page and _module_available("la_render.page"):
        steps.append(("page", lambda: refresh_page(manifest, out, console)))
    for name, step in steps:
        try:
            step()
        except Exception as exc:  # report and carry on: the scene outputs are already recorded
            print(f"la-render: {name} failed: {type(exc).__name__}: {exc}".splitlines()[0], file=sys.stderr)
            failed = True
    return failed


# --------------------------------------------------------------------------- commands


def cmd_render(args: argparse.Namespace, catalog: Sequence[Any], console: Console,
               executor: Executor | None) -> int:
    request = _request(args, catalog)
    if args.dry_run:
        manifest = _load_manifest(args.out)
        _print_plan(_plan(request, catalog, manifest), console)
        return 0
    return render_once(request, catalog, console, executor)


def cmd_list(args: argparse.Namespace, catalog: Sequence[Any], console: Console) -> int:
    lesson = _load_lesson(args.data)
    _check_out_dir(args.out)
    manifest = _load_manifest(args.out)
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
        voice = _voice(args, "auto" if preset == "lecture" else "none")
    except UsageError:
        voice = NO_VOICE
    return jobs.RunOptions(out_dir=args.out, lesson_path=_lesson_path(args.data), voice=voice.spec,
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
    _check_out_dir(args.out)
    out: Path = args.out
    if not out.is_dir():
        console.print(f"nothing to clean: {out} does not exist")
        return 0
    manifest = _load_manifest(out)
    with RenderLock(out, wait=args.wait):
        keep = recorded_paths(manifest)
        doomed = [path for path in sorted(out.rglob("*")) if _removable(path, out, keep)]
        tmp_root = out / TMP_DIR_NAME
        temporaries = sorted(tmp_root.iterdir()) if tmp_root.is_dir() else []
        for path in doomed:
            console.print(f"{'would remove' if args.dry_run else 'removed'} {path}")
            if not args.dry_run:
                path.unlink(missing_ok=True)
        for path in temporaries:
            console.print(f"{'would remove' if args.dry_run else 'removed'} temporary {path}")
        if not args.dry_run:
            jobs.clear_temporaries(out)
            _remove_empty_dirs(out)
    console.print(f"{len(doomed)} outputs and {len(temporaries)} temporaries "
                  f"{'to remove' if args.dry_run else 'removed'}")
    return 0


def _removable(path: Path, out: Path, keep: set[str]) -> bool:
    relative = path.relative_to(out)
    if relative.parts[0] in (TMP_DIR_NAME, jobs.SPEECH_DIR_NAME, SCRIPT_DIR):
        return False  # temporaries, the speech cache and the narration script
    if not path.is_file() and not path.is_symlink():
        return False
    if relative.as_posix() in keep or (len(relative.parts) == 1 and relative.name in KEEP_ALWAYS):
        return False
    return not relative.name.startswith(".lock")


def _remove_empty_dirs(out: Path) -> None:
    for folder in sorted((p for p in out.rglob("*") if p.is_dir()), key=lambda p: len(p.parts), reverse=True):
        if folder.name != TMP_DIR_NAME and not any(folder.iterdir()):
            folder.rmdir()


def cmd_figures(args: argparse.Namespace, console: Console) -> int:
    lesson = _load_lesson(args.data)
    _check_out_dir(args.out)
    if not _module_available("la_render.figures"):
        raise UsageError("la_render.figures is not available in this install")
    with RenderLock(args.out, wait=args.wait):
        manifest = _load_manifest(args.out)
        refresh_figures(lesson, manifest, args.out, console, force=True)
        if _module_available("la_render.page"):
            refresh_page(manifest, args.out, console)
    return 0


def cmd_page(args: argparse.Namespace, console: Console) -> int:
    _check_out_dir(args.out)
    if not _module_available("la_render.page"):
        raise UsageError("la_render.page is not available in this install")
    with RenderLock(args.out, wait=args.wait):
        manifest = _load_manifest(args.out)
        refresh_page(manifest, args.out, console, force=True)
    return 0


def cmd_lecture(args: argparse.Namespace, catalog: Sequence[Any], console: Console,
                executor: Executor | None) -> int:
    """Bring every scene's lecture MP4 and captions up to date (cached), then join the cut."""
    _check_out_dir(args.out)
    if not _module_available("la_render.lecture"):
        raise UsageError("la_render.lecture is not available in this install")
    voice = _voice(args, "auto")
    if not args.no_render:
        render_argv = ["render", "--quality", "lecture", "--format", "mp4,srt", "--out", str(args.out),
                       "--jobs", str(args.jobs), "--no-page"]
        render_argv += ["--data", str(args.data)] if args.data else []
        render_argv += ["--wait"] if args.wait else []
        render_argv += ["--voice", args.voice or "auto"]
        render_argv += ["--fallback-voice", args.fallback_voice] if args.fallback_voice else []
        code = render_once(_request(build_parser().parse_args(render_argv), catalog), catalog, console,
                           executor)
        if code != 0:
            return code
    if args.no_render and not manifest_path(args.out).is_file():
        raise UsageError(f"--no-render: nothing rendered in {args.out} (no {MANIFEST_NAME}); "
                         "run `la-render lecture` without --no-render")
    with RenderLock(args.out, wait=args.wait):
        manifest = _load_manifest(args.out)
        from la_render.encode import EncodeError
        from la_render.lecture import LectureError, build_lecture

        try:
            manifest["lecture"] = build_lecture(manifest, args.out, voice=voice)
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
            from la_render.narration import fallback_warning

            (line,) = merge_warnings([fallback_warning("lecture", fallbacks, voice.fallback)])
            console.print(f"warning: {line}")
        if _module_available("la_render.page"):
            refresh_page(manifest, args.out, console)
    return 0


def cmd_script(args: argparse.Namespace, catalog: Sequence[Any], console: Console) -> int:
    """Write the narration script (la_render.narration_cli); --stamp marks new recordings' text."""
    from la_render.narration_cli import run_script
    from la_render.voices import VoiceError

    entries = _select(catalog, args.slugs)
    lesson = _load_lesson(args.data)
    _check_out_dir(args.out)
    try:
        return run_script(entries, lesson, args.out, args.stamp, cards=not args.slugs, say=console.print)
    except VoiceError as exc:
        raise UsageError(str(exc)) from None


def main(argv: Sequence[str] | None = None, *, catalog: Sequence[Any] | None = None,
         executor: Executor | None = None, stdout: Any = None) -> int:
    """Entry point of `la-render`; `catalog` and `executor` can be injected (tests, clusters)."""
    console = _console(stdout)
    cache.clear_caches()  # sources may have changed since an earlier call in this process
    try:
        args = build_parser().parse_args(list(sys.argv[1:] if argv is None else argv))
        scenes = tuple(catalog) if catalog is not None else None
        with _executor_for(args, executor) as chosen:
            return _dispatch(args, scenes, console, chosen)
    except UsageError as exc:
        print(f"la-render: error: {exc}", file=sys.stderr)
        return 2
    except LockHeldError as exc:
        print(f"la-render: error: {exc}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print("la-render: interrupted; finished outputs and the manifest are intact", file=sys.stderr)
        return 130


def _dispatch(args: argparse.Namespace, scenes: tuple[Any, ...] | None, console: Console,
              executor: Executor | None) -> int:
    if args.command == "list":
        return cmd_list(args, scenes or load_catalog(), console)
    if args.command == "render":
        return cmd_render(args, scenes or load_catalog(), console, executor)
    if args.command == "watch":
        from la_render.watch import watch

        request = _request(args, scenes or load_catalog())
        return watch(request, scenes or load_catalog(), console, interval=args.interval,
                     debounce=args.debounce, executor=executor)
    if args.command == "clean":
        return cmd_clean(args, console)
    if args.command == "figures":
        return cmd_figures(args, console)
    if args.command == "page":
        return cmd_page(args, console)
    if args.command == "lecture":
        return cmd_lecture(args, scenes or load_catalog(), console, executor)
    if args.command == "script":
        return cmd_script(args, scenes or load_catalog(), console)
    raise UsageError(f"unknown command {args.command!r}")


@contextmanager
def _executor_for(args: argparse.Namespace, given: Executor | None) -> Iterator[Executor | None]:
    """The injected executor, else a Dask cluster's for --dask, else None (the local pool)."""
    address = getattr(args, "dask", None)
    if given is not None or not address or getattr(args, "dry_run", False):
        yield given
        return
    from la_render.cluster import ClusterError, dask_executor

    with ExitStack() as stack:
        try:
            executor = stack.enter_context(dask_executor(address, args.jobs))
        except ClusterError as exc:
            raise UsageError(str(exc)) from None
        yield executor

if __name__ == "__main__":
    raise SystemExit(main())
