"""`la-render clean`: remove outputs the manifest does not list, and stale temporaries."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from la_render.narration.script import SCRIPT_DIR
from la_render.pipeline import jobs
from la_render.pipeline.lock import RenderLock
from la_render.pipeline.manifest import TMP_DIR_NAME, recorded_paths

KEEP_ALWAYS = {"manifest.json", ".lock", "README.md", "index.html"}


def clean(out: Path, manifest: dict[str, Any], *, dry_run: bool, wait: bool,
          say: Callable[[str], Any]) -> None:
    """Remove (or, dry, list) what `manifest` does not record under `out`, and the temporaries."""
    with RenderLock(out, wait=wait):
        keep = recorded_paths(manifest)
        doomed = [path for path in sorted(out.rglob("*")) if _removable(path, out, keep)]
        tmp_root = out / TMP_DIR_NAME
        temporaries = sorted(tmp_root.iterdir()) if tmp_root.is_dir() else []
        for path in doomed:
            say(f"{'would remove' if dry_run else 'removed'} {path}")
            if not dry_run:
                path.unlink(missing_ok=True)
        for path in temporaries:
            say(f"{'would remove' if dry_run else 'removed'} temporary {path}")
        if not dry_run:
            jobs.clear_temporaries(out)
            _remove_empty_dirs(out)
    say(f"{len(doomed)} outputs and {len(temporaries)} temporaries {'to remove' if dry_run else 'removed'}")


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
