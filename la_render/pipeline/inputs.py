"""What a command reads before it touches anything: the catalogue, the lesson, the output folder
and its manifest. Bad input raises `UsageError` (one line, exit 2) before any job starts."""

from __future__ import annotations

import importlib
import os
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from la_render.pipeline.manifest import ManifestError, load_manifest

CATALOG_ENV = "LA_RENDER_CATALOG"  # "module:ATTRIBUTE" of a catalogue to use instead of scenes.catalog


class UsageError(Exception):
    """Bad usage or bad input: printed as one line, exit code 2."""


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


def select(catalog: Sequence[Any], slugs: Sequence[str]) -> list[Any]:
    """The catalogue's entries named by `slugs` (all when none), in catalogue order."""
    by_slug = {entry.slug: entry for entry in catalog}
    unknown = [slug for slug in slugs if slug not in by_slug]
    if unknown:
        raise UsageError(
            f"unknown scene {', '.join(map(repr, unknown))} (known: {', '.join(by_slug)})"
        )
    wanted = set(slugs)
    return [entry for entry in catalog if not wanted or entry.slug in wanted]


def load_lesson(path: str | None) -> Any:
    """The validated lesson (default: the shipped one); a bad file is a UsageError. One warning line
    on stderr per section the file leaves out and borrows from the shipped lesson."""
    from la_core import LessonDataError, load_lesson
    from scenes.limits import check_lesson

    try:
        lesson = load_lesson(path)
        check_lesson(lesson)  # what a scene's picture cannot hold is refused before any job too
    except LessonDataError as exc:
        raise UsageError(f"bad lesson file: {exc}") from None
    for line in lesson.warnings:  # a section the file predates, borrowed from the shipped lesson
        print(f"warning: {line}", file=sys.stderr)
    return lesson


def check_out_dir(out: Path) -> None:
    if out.exists() and not out.is_dir():
        raise UsageError(f"--out {out}: exists and is not a folder")


def read_manifest(out: Path) -> dict[str, Any]:
    """The manifest of `out` (empty when none); a foreign or broken one is a UsageError."""
    try:
        return load_manifest(out)
    except ManifestError as exc:
        raise UsageError(str(exc)) from None


def lesson_path(data: str | None) -> str | None:
    return str(Path(data).resolve()) if data else None


def default_lesson_file() -> Path:
    from importlib import resources

    return Path(str(resources.files("la_core").joinpath("lesson.toml")))
