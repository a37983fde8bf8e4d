"""Version probes for cache keys and voice identities: one way to ask a tool or a package."""

from __future__ import annotations

import functools
import importlib.metadata
import shutil
import subprocess


@functools.cache
def tool_version(*command: str) -> str:
    """The first line `command` (e.g. "ffmpeg", "-version") prints: "missing" when the tool is not
    on PATH, "unavailable" when it cannot run."""
    if shutil.which(command[0]) is None:
        return "missing"
    try:
        result = subprocess.run(list(command), capture_output=True, text=True, timeout=20, check=False)
    except (OSError, subprocess.SubprocessError):
        return "unavailable"
    text = (result.stdout or result.stderr).strip()
    return text.splitlines()[0] if text else ""


def dist_version(name: str) -> str:
    """An installed distribution's version ("missing" when it is not installed)."""
    try:
        return importlib.metadata.version(name)
    except importlib.metadata.PackageNotFoundError:
        return "missing"
