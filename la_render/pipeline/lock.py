"""renders/.lock: one la-render run writes a renders/ folder at a time.

The lock file is created with O_EXCL and holds the holder's pid, command and process start time
(so a recycled pid is not mistaken for the holder). A lock whose holder is dead is stale and is
taken over; a live holder makes the second run fail with who holds it, or wait (--wait).
"""

from __future__ import annotations

import json
import os
import sys
import time
from pathlib import Path
from types import TracebackType

LOCK_NAME = ".lock"


class LockHeldError(RuntimeError):
    """Another live la-render run holds the lock; the message names its pid and command."""


def _process_start_time(pid: int) -> str | None:
    """The kernel's start time of `pid` (field 22 of /proc/PID/stat), None if unknown or gone."""
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return None
    return stat.rpartition(")")[2].split()[19]


def _is_alive(pid: int, start_time: str | None) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    if start_time is not None:
        current = _process_start_time(pid)
        if current is not None and current != start_time:
            return False  # the pid was recycled by an unrelated process
    state = Path(f"/proc/{pid}/stat")
    try:
        return state.read_text().rpartition(")")[2].split()[0] != "Z"  # a zombie holds nothing
    except OSError:
        return True


class RenderLock:
    """Context manager: hold `out_dir/.lock` for the duration of a run."""

    def __init__(self, out_dir: Path, *, command: str | None = None, wait: bool = False,
                 poll_seconds: float = 0.2) -> None:
        self.path = out_dir / LOCK_NAME
        self.command = command or " ".join(["la-render", *sys.argv[1:]])
        self.wait = wait
        self.poll_seconds = poll_seconds
        self.held = False

    def holder(self) -> dict[str, object] | None:
        """The recorded holder, or None when there is no (readable) lock file."""
        try:
            return json.loads(self.path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return None

    def _try_create(self) -> bool:
        payload = json.dumps({
            "pid": os.getpid(),
            "start_time": _process_start_time(os.getpid()),
            "command": self.command,
            "since": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()),
        }).encode()
        try:
            fd = os.open(self.path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o644)
        except FileExistsError:
            return False
        with os.fdopen(fd, "wb") as handle:
            handle.write(payload)
        return True

    def _remove_if_stale(self) -> bool:
        """Remove the lock if its holder is dead; True when it was removed (or already gone)."""
        holder = self.holder()
        if holder is None:
            # Unreadable: maybe being written right now. Treat it as stale only if it stays so.
            time.sleep(0.05)
            holder = self.holder()
            if holder is None:
                if not self.path.exists():
                    return True
                self.path.unlink(missing_ok=True)
                return True
        pid = holder.get("pid")
        if isinstance(pid, int) and _is_alive(pid, holder.get("start_time")):  # type: ignore[arg-type]
            return False
        # Rename first so two runs taking over the same stale lock cannot both delete a fresh one.
        grave = self.path.with_name(f"{LOCK_NAME}.stale.{os.getpid()}")
        try:
            os.replace(self.path, grave)
        except FileNotFoundError:
            return True
        try:
            if json.loads(grave.read_text(encoding="utf-8")) != holder:
                os.replace(grave, self.path)  # someone re-took it meanwhile: put theirs back
                return False
        except (OSError, ValueError):
            pass
        grave.unlink(missing_ok=True)
        return True

    def describe_holder(self) -> str:
        holder = self.holder() or {}
        return (
            f"{self.path} is held by pid {holder.get('pid', '?')} "
            f"({holder.get('command', 'unknown command')}, since {holder.get('since', '?')})"
        )

    def acquire(self) -> None:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        while True:
            if self._try_create():
                self.held = True
                return
            if self._remove_if_stale():
                continue
            if not self.wait:
                raise LockHeldError(self.describe_holder() + "; use --wait to wait for it")
            time.sleep(self.poll_seconds)

    def release(self) -> None:
        if not self.held:
            return
        holder = self.holder()
        if holder is not None and holder.get("pid") == os.getpid():
            self.path.unlink(missing_ok=True)
        self.held = False

    def __enter__(self) -> RenderLock:
        self.acquire()
        return self

    def __exit__(self, exc_type: type[BaseException] | None, exc: BaseException | None,
                 tb: TracebackType | None) -> None:
        self.release()
