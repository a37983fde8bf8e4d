"""The console every command prints to: one line per message, Rich tables and progress bars on
a terminal, plain text elsewhere; `ConsoleUI` is what the pipeline reports a render through."""

from __future__ import annotations

import sys
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from typing import Any

from rich.console import Console
from rich.progress import BarColumn, Progress, TaskID, TextColumn, TimeElapsedColumn
from rich.table import Table

from la_render.common.sizes import human_bytes
from la_render.pipeline import jobs


def make_console(stream: Any = None) -> Console:
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


def print_plan(planned: Sequence[jobs.Job], console: Console) -> None:
    table = Table(title="plan (dry run: nothing rendered)")
    for column in ("slug", "preset", "render", "reason"):
        table.add_column(column)
    for job in planned:
        table.add_row(job.slug, job.preset.name, ",".join(job.to_render) or "-", job.reason())
    console.print(table)


class ConsoleUI:
    """How a render run reports: lines, progress bars per job, the summary table."""

    def __init__(self, console: Console) -> None:
        self.console = console

    def say(self, text: str) -> None:
        self.console.print(text)

    @contextmanager
    def progress(self, todo: Sequence[jobs.Job], manifest: dict[str, Any]) -> Iterator[Any]:
        progress = _make_progress(self.console)
        bars = _Bars(progress, todo, manifest)
        with progress:
            yield bars

    def summary(self, rows: Sequence[jobs.OutcomeRow]) -> None:
        self.console.print(summary_table(rows))
