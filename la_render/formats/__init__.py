"""Output formats: one module per format behind one small interface (`base.Format`), registered
once here. A format module defines `FORMATS = {name: Format(...)}`; its `write` encodes the
lossless intermediate into the format's files and records what the manifest keeps.

Registered by module *name* and imported on first use, so an output's cache key (which walks the
imports of the code an output comes from) holds its own format's module and not the others'.
Adding a format: a module with its `FORMATS`, and one line in FORMAT_MODULES.
"""

from __future__ import annotations

import importlib

from la_render.formats.base import Format

#: Every format, in the order summaries list them: name -> the module that writes it.
FORMAT_MODULES: dict[str, str] = {
    "gif": "la_render.formats.gif",
    "avif": "la_render.formats.avif",
    "mp4": "la_render.formats.video",
    "webm": "la_render.formats.video",
    "png": "la_render.formats.poster",
    "srt": "la_render.formats.captions",
}
FORMATS: tuple[str, ...] = tuple(FORMAT_MODULES)


def get_format(name: str) -> Format:
    """The registered format `name` (KeyError for an unknown one)."""
    return importlib.import_module(FORMAT_MODULES[name]).FORMATS[name]


def format_files(name: str) -> tuple[str, ...]:
    """The extensions format `name` writes."""
    return get_format(name).files
