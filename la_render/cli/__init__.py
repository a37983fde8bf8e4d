"""The `la-render` command: list, render, watch, clean, figures, page, lecture, script.

Each command module parses, then calls the pipeline (la_render.pipeline) or a stage. Exit codes:
0 all good; 1 a job failed (the others still finished and were recorded); 2 bad usage or bad
input (unknown slug, unreadable lesson file, lock held): one line on stderr and nothing rendered
or touched. `list` and a no-op `render` never import manim.
"""

from __future__ import annotations

import argparse
import signal
import sys
import threading
from collections.abc import Iterator, Sequence
from concurrent.futures import Executor
from contextlib import contextmanager
from typing import Any

from rich.console import Console

from la_render.cli.console import make_console
from la_render.cli.lecture import cmd_lecture, cmd_script
from la_render.cli.manage import cmd_clean, cmd_figures, cmd_list, cmd_page
from la_render.cli.parser import build_parser
from la_render.cli.render import cmd_render, cmd_watch, executor_for
from la_render.pipeline import cache
from la_render.pipeline.inputs import UsageError, load_catalog
from la_render.pipeline.lock import LockHeldError


def main(argv: Sequence[str] | None = None, *, catalog: Sequence[Any] | None = None,
         executor: Executor | None = None, stdout: Any = None) -> int:
    """Entry point of `la-render`; `catalog` and `executor` can be injected (tests, clusters)."""
    console = make_console(stdout)
    cache.clear_caches()  # sources may have changed since an earlier call in this process
    with stop_on_signals():
        return _main(argv, catalog, executor, console)


class Stopped(KeyboardInterrupt):
    """SIGTERM or SIGHUP, handled as Ctrl-C is: workers stopped, temporaries removed, manifest
    valid, lock released; the exit code is 128 + the signal's number."""

    def __init__(self, signum: int) -> None:
        super().__init__(signal.Signals(signum).name)
        self.signum = signum


def _stop(signum: int, frame: Any) -> None:
    raise Stopped(signum)


@contextmanager
def stop_on_signals() -> Iterator[None]:
    """SIGTERM and SIGHUP raise `Stopped` while a command runs (in the main thread only: a
    command run from a test's thread keeps the process's handlers)."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    previous = {number: signal.signal(number, _stop) for number in (signal.SIGTERM, signal.SIGHUP)}
    try:
        yield
    finally:
        for number, handler in previous.items():
            signal.signal(number, handler)


def _main(argv: Sequence[str] | None, catalog: Sequence[Any] | None, executor: Executor | None,
          console: Console) -> int:
    try:
        args = build_parser().parse_args(list(sys.argv[1:] if argv is None else argv))
        scenes = tuple(catalog) if catalog is not None else None
        with executor_for(args, executor) as chosen:
            return _dispatch(args, scenes, console, chosen)
    except UsageError as exc:
        print(f"la-render: error: {exc}", file=sys.stderr)
        return 2
    except LockHeldError as exc:
        print(f"la-render: error: {exc}", file=sys.stderr)
        return 2
    except KeyboardInterrupt as exc:
        print("la-render: interrupted; finished outputs and the manifest are intact", file=sys.stderr)
        return 128 + (exc.signum if isinstance(exc, Stopped) else signal.SIGINT)


def _dispatch(args: argparse.Namespace, scenes: tuple[Any, ...] | None, console: Console,
              executor: Executor | None) -> int:
    if args.command in ("clean", "figures", "page"):
        return {"clean": cmd_clean, "figures": cmd_figures, "page": cmd_page}[args.command](args, console)
    catalog = scenes or load_catalog()
    if args.command == "list":
        return cmd_list(args, catalog, console)
    if args.command == "script":
        return cmd_script(args, catalog, console)
    commands = {"render": cmd_render, "watch": cmd_watch, "lecture": cmd_lecture}
    if args.command in commands:
        return commands[args.command](args, catalog, console, executor)
    raise UsageError(f"unknown command {args.command!r}")


if __name__ == "__main__":
    raise SystemExit(main())
