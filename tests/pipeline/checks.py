"""Independent checks of a renders/ folder: the manifest parses and matches the files on disk."""

from __future__ import annotations

import hashlib
import json
import time
from pathlib import Path
from typing import Any


def read_manifest(out: Path) -> dict[str, Any]:
    data = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
    assert data["schema_version"] == 1
    return data


def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def scene_outputs(manifest: dict[str, Any]) -> dict[str, dict[str, Any]]:
    """Every scene output record keyed by its path."""
    return {out["path"]: out for record in manifest["scenes"].values() for out in record["outputs"].values()}


def assert_consistent(out: Path) -> dict[str, Any]:
    """Every recorded file exists with its recorded size and hash, and every output file is recorded."""
    manifest = read_manifest(out)
    recorded = scene_outputs(manifest)
    for relative, record in recorded.items():
        path = out / relative
        assert path.is_file(), f"{relative} is in the manifest but not on disk"
        assert path.stat().st_size == record["bytes"], relative
        assert sha256(path) == record["sha256"], f"{relative} does not match its recorded hash"
    on_disk = {
        path.relative_to(out).as_posix()
        for path in out.rglob("*")
        if path.is_file() and path.relative_to(out).parts[0] not in (".tmp",)
        and path.name not in ("manifest.json", ".lock")
    }
    assert on_disk <= set(recorded), f"files under final names but not recorded: {on_disk - set(recorded)}"
    return manifest


def identities(out: Path) -> dict[str, tuple[int, int]]:
    """(inode, mtime_ns) of every output: os.replace of a re-render changes the inode."""
    return {
        path.relative_to(out).as_posix(): (path.stat().st_ino, path.stat().st_mtime_ns)
        for path in out.rglob("*")
        if path.is_file() and path.relative_to(out).parts[0] != ".tmp" and path.name != "manifest.json"
    }


def rerendered(before: dict[str, tuple[int, int]], after: dict[str, tuple[int, int]]) -> set[str]:
    """Slugs whose outputs were replaced between two snapshots."""
    return {Path(name).stem for name in after if before.get(name) != after[name]}


def wait_for(predicate, timeout: float, what: str) -> None:
    """Poll `predicate` until it holds; AssertionError naming `what` after `timeout` seconds."""
    deadline = time.monotonic() + timeout
    while not predicate():
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out waiting for {what}")
        time.sleep(0.05)
