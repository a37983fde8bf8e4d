"""renders/manifest.json: what is on disk, with hashes and cache keys (schema 1, interfaces.md).

Written atomically (a temporary file under renders/.tmp/, fsync, os.replace), so a crash at any
moment leaves either the old or the new manifest, never half of one.
"""

from __future__ import annotations

import importlib.metadata
import json
from pathlib import Path
from typing import Any

from la_render.common.io import atomic_write_bytes

SCHEMA_VERSION = 1
MANIFEST_NAME = "manifest.json"
TMP_DIR_NAME = ".tmp"


def _package_version() -> str:
    try:
        return importlib.metadata.version("la-render")
    except importlib.metadata.PackageNotFoundError:
        return "0+unknown"


__version__ = _package_version()


class ManifestError(ValueError):
    """The manifest exists but cannot be used (not JSON, or another schema)."""


def empty_manifest() -> dict[str, Any]:
    return {
        "schema_version": SCHEMA_VERSION,
        "generator": f"la-render {__version__}",
        "scenes": {},
        "figures": {},
    }


def manifest_path(out_dir: Path) -> Path:
    return out_dir / MANIFEST_NAME


def load_manifest(out_dir: Path) -> dict[str, Any]:
    """The manifest under `out_dir`, or an empty one when there is none yet.

    An unreadable or foreign manifest raises ManifestError: rendering over it would silently
    drop the record of every output.
    """
    path = manifest_path(out_dir)
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        return empty_manifest()
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise ManifestError(f"{path}: not valid JSON ({exc}); remove it to start afresh") from None
    if not isinstance(data, dict) or data.get("schema_version") != SCHEMA_VERSION:
        found = data.get("schema_version") if isinstance(data, dict) else type(data).__name__
        raise ManifestError(
            f"{path}: schema_version: expected {SCHEMA_VERSION}, got {found!r}; remove it to start afresh"
        )
    data.setdefault("scenes", {})
    data.setdefault("figures", {})
    data["generator"] = f"la-render {__version__}"
    return data


def save_manifest(out_dir: Path, manifest: dict[str, Any]) -> None:
    """Rewrite the manifest atomically, with sorted keys so identical content gives identical bytes."""
    text = json.dumps(manifest, indent=2, sort_keys=True, ensure_ascii=False) + "\n"
    atomic_write_bytes(manifest_path(out_dir), text.encode("utf-8"), out_dir / TMP_DIR_NAME)


def scene_record(manifest: dict[str, Any], entry: Any, order: int, alt: str) -> dict[str, Any]:
    """The manifest record of a catalogue entry, created (or its descriptive fields refreshed);
    `alt` is the entry's alt text for the lesson data just rendered."""
    record = manifest["scenes"].setdefault(entry.slug, {"outputs": {}})
    record.update({"slug": entry.slug, "title": entry.title, "step": entry.step, "alt": alt, "order": order})
    record.setdefault("outputs", {})
    return record


def output_id(preset: str, ext: str) -> str:
    """The key of an output inside a scene record: "<preset>/<ext>" (e.g. "web/gif", "lecture/vtt")."""
    return f"{preset}/{ext}"


def recorded_paths(manifest: dict[str, Any]) -> set[str]:
    """Every file path (relative to renders/) the manifest lists, scenes, figures and lecture."""
    paths: set[str] = set()
    for record in manifest.get("scenes", {}).values():
        paths.update(out["path"] for out in record.get("outputs", {}).values() if "path" in out)
    for record in manifest.get("figures", {}).values():
        paths.update(out["path"] for out in record.get("outputs", {}).values() if "path" in out)
    lecture = manifest.get("lecture") or {}
    for value in lecture.values():  # "path", "srt", "vtt", "chapters_vtt": relative file paths
        if isinstance(value, str) and "/" in value and "://" not in value:
            paths.add(value)
        elif isinstance(value, dict) and isinstance(value.get("path"), str):
            paths.add(value["path"])
    page = manifest.get("page") or {}
    if isinstance(page.get("path"), str):
        paths.add(page["path"])
    return paths
