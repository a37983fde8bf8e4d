"""`la-render watch`: re-render what an edit affects, by polling file modification times.

Polling (no new dependency) over scenes/, la_core/, the lesson file and the catalogue's scene
modules. A burst of saves is debounced into one render; the render itself is the ordinary
cached run, so only the scenes whose inputs changed are redone. A failing render (or a bad
lesson file mid-edit) prints its error and the watch goes on.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable, Sequence
from concurrent.futures import Executor
from pathlib import Path
from typing import Any

from la_render.pipeline import cache
from la_render.pipeline.inputs import UsageError, default_lesson_file, load_lesson
from la_render.pipeline.run import render_once

Snapshot = dict[str, tuple[int, int]]


def watched_files(roots: Iterable[Path], extra: Iterable[Path]) -> list[Path]:
    """Python files under `roots` plus the `extra` files (the lesson file, scene modules)."""
    files: set[Path] = set()
    for root in roots:
        if root.is_dir():
            files.update(p for p in root.rglob("*") if p.suffix in (".py", ".toml") and p.is_file())
    files.update(p for p in extra if p.is_file())
    return sorted(files)


def snapshot(files: Iterable[Path]) -> Snapshot:
    """(mtime_ns, size) per file; a vanished file simply drops out (which counts as a change)."""
    state: Snapshot = {}
    for path in files:
        try:
            stat = path.stat()
        except OSError:
            continue
        state[str(path)] = (stat.st_mtime_ns, stat.st_size)
    return state


def changed(before: Snapshot, after: Snapshot) -> list[str]:
    return sorted(name for name in before.keys() | after.keys() if before.get(name) != after.get(name))


def wait_for_change(
    list_files: Callable[[], list[Path]], before: Snapshot, *, interval: float, debounce: float,
    sleep: Callable[[float], None] = time.sleep, should_stop: Callable[[], bool] = lambda: False,
) -> tuple[Snapshot, list[str]] | None:
    """Poll until something changed and then stayed quiet for `debounce` seconds; None when stopped."""
    while not should_stop():
        sleep(interval)
        current = snapshot(list_files())
        if current == before:
            continue
        # Debounce: keep polling until a full quiet period passes with no further change.
        quiet_since = time.monotonic()
        while time.monotonic() - quiet_since < debounce:
            sleep(min(interval, debounce))
            latest = snapshot(list_files())
            if latest != current:
                current, quiet_since = latest, time.monotonic()
        return current, changed(before, current)
    return None


def _scene_files(catalog: Sequence[Any]) -> list[Path]:
    files = []
    for entry in catalog:
        try:
            files.extend(cache.local_sources(entry.module).values())
        except (ModuleNotFoundError, SyntaxError, OSError, ValueError):
            continue
    return files


def watch(request: Any, catalog: Sequence[Any], ui: Any, *, interval: float = 0.5,
          debounce: float = 0.6, executor: Executor | None = None,
          max_cycles: int | None = None, roots: Sequence[Path] | None = None,
          should_stop: Callable[[], bool] = lambda: False) -> int:
    """Render now, then after every debounced change; runs until Ctrl-C (or `max_cycles` renders).

    `roots` are the folders polled besides the lesson file and the catalogue's scene modules
    (default: scenes/ and la_core/).
    """
    given = request.options.lesson_path
    lesson_file = Path(given) if given else default_lesson_file()

    folders = [cache.SCENES_DIR, cache.LA_CORE_DIR] if roots is None else list(roots)

    def list_files() -> list[Path]:
        return watched_files(folders, [lesson_file, *_scene_files(catalog)])

    cycles = 0
    state = snapshot(list_files())
    render_now = True
    while True:
        if render_now:
            _render_cycle(request, catalog, ui, executor)
            cycles += 1
            if max_cycles is not None and cycles >= max_cycles:
                return 0
        ui.say(f"watching {len(state)} files (Ctrl-C to stop)")
        result = wait_for_change(list_files, state, interval=interval, debounce=debounce,
                                 should_stop=should_stop)
        if result is None:
            return 0
        state, names = result
        ui.say("changed: " + ", ".join(Path(name).name for name in names))
        cache.clear_caches()
        try:
            request.lesson = load_lesson(request.options.lesson_path)
        except UsageError as exc:  # a half-edited lesson file: wait for the next save
            ui.say(f"la-render: {exc}; fix it and save again")
            render_now = False
            continue
        render_now = True


def _render_cycle(request: Any, catalog: Sequence[Any], ui: Any, executor: Executor | None) -> int:
    try:
        code = render_once(request, catalog, ui, executor)
    except Exception as exc:  # keep watching whatever went wrong
        ui.say(f"la-render: render failed: {type(exc).__name__}: {exc}")
        return 1
    finally:
        request.options.force = False  # --force applies to the first render only
    if code:
        ui.say("la-render: some renders failed; still watching")
    return code
