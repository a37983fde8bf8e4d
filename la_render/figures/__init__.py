"""The lesson's static figures: matplotlib PNG (2x DPI) and SVG, drawn from la_core's numbers.

Figures print and zoom where GIFs cannot. Every number drawn comes from `la_core`; the look
comes from `scenes/style.py`, so a word keeps its colour in scenes and figures alike. Output is
byte-identical for identical data (fixed SVG hash salt, no dates or software versions in the
files), and every file lands with `os.replace`, so a crash never leaves half a figure.

The figures package is the only part of la-render that imports matplotlib; it never touches
pyplot (no global figure state), only `Figure` objects rendered by the Agg and SVG backends.
One module per figure family (`words`, `matrices`, `layer`, `applications`), the house style in
`house`; this module registers every figure once (FIGURES, in lesson order) and writes them.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import struct
import tempfile
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from matplotlib.figure import Figure

from la_core import Lesson
from la_render.figures.applications import (
    alt_condition_numbers,
    alt_search_ranking,
    draw_condition_numbers,
    draw_search_ranking,
)
from la_render.figures.chain import alt_model_chain, alt_unit_circle, draw_model_chain, draw_unit_circle
from la_render.figures.house import BASE_DPI, FIGURE_INCHES, PNG_DPI, FigureSpec, house_style
from la_render.figures.layer import alt_layer_map, draw_layer_map
from la_render.figures.matrices import (
    alt_attention,
    alt_lora_counts,
    alt_singular_values,
    draw_attention,
    draw_lora_counts,
    draw_singular_values,
)
from la_render.figures.uses import alt_compression, alt_dedup, draw_compression, draw_dedup
from la_render.figures.words import (
    alt_cosine_bands,
    alt_cosine_matrix,
    alt_pca_map,
    draw_cosine_bands,
    draw_cosine_matrix,
    draw_pca_map,
)
from la_render.pipeline import cache

# ---------------------------------------------------------------- the list

FIGURES: tuple[FigureSpec, ...] = (
    FigureSpec("pca_map", "Word vectors on a 2-D map", alt_pca_map, draw_pca_map),
    FigureSpec("cosine_matrix", "Cosine similarity of every pair", alt_cosine_matrix, draw_cosine_matrix),
    FigureSpec("cosine_bands", "Reading a cosine: similar, different, unrelated, opposed", alt_cosine_bands,
               draw_cosine_bands),
    FigureSpec("unit_circle", "Normalized words: cosine is the dot product of unit vectors", alt_unit_circle,
               draw_unit_circle),
    FigureSpec("search_ranking", "Vector search: dot product vs cosine order", alt_search_ranking,
               draw_search_ranking),
    FigureSpec("dedup", "Dedup: near-duplicate documents by cosine", alt_dedup, draw_dedup),  # issue 18
    FigureSpec("singular_values", "Singular values and rank", alt_singular_values, draw_singular_values),
    FigureSpec("condition_numbers", "Condition numbers and the swing under a nudge", alt_condition_numbers,
               draw_condition_numbers),
    FigureSpec("layer_map", "A linear layer carries every word to the plane", alt_layer_map, draw_layer_map),
    FigureSpec("attention", "Attention scores and weights", alt_attention, draw_attention),
    FigureSpec("model_chain", "Inside the model: ids to attention", alt_model_chain, draw_model_chain),
    FigureSpec("lora_counts", "Why LoRA is cheap: parameter counts", alt_lora_counts, draw_lora_counts),
    FigureSpec("compression", "Compression: a matrix from its top singular values", alt_compression,
               draw_compression),  # issue 18
)

_BY_NAME = {spec.name: spec for spec in FIGURES}


def figure_names() -> tuple[str, ...]:
    """All figure names in lesson order."""
    return tuple(spec.name for spec in FIGURES)


def build_figure(name: str, lesson: Lesson) -> Figure:
    """The drawn (not yet saved) Figure; tests read the data back out of its artists."""
    spec = _BY_NAME[name]
    with house_style():
        fig = Figure(figsize=FIGURE_INCHES, dpi=BASE_DPI, layout="constrained")
        fig.get_layout_engine().set(w_pad=0.12, h_pad=0.12)  # inches kept clear at the frame edge
        spec.draw(fig, lesson)
        fig.canvas.draw()  # resolve layout while the house style is active
    return fig


# ---------------------------------------------------------------- writing files


def figures_cache_key(lesson: Lesson) -> str:
    """Content key of all figures (la_render.cache.figures_key, shared with the CLI's no-op check)."""
    return cache.figures_key(lesson)


def _png_size(path: Path) -> tuple[int, int]:
    """(width, height) from the PNG header."""
    with path.open("rb") as handle:
        header = handle.read(24)
    width, height = struct.unpack(">II", header[16:24])
    return int(width), int(height)


def _save(fig: Figure, spec: FigureSpec, lesson: Lesson, folder: Path) -> dict[str, Path]:
    """Write the PNG and SVG of one figure into `folder`."""
    png, svg = folder / f"{spec.name}.png", folder / f"{spec.name}.svg"
    with house_style():
        fig.savefig(png, format="png", dpi=PNG_DPI, metadata={"Software": None})
        fig.savefig(svg, format="svg", metadata={
            "Date": None, "Creator": "la-render", "Title": spec.title, "Description": spec.alt(lesson),
        })
    return {"png": png, "svg": svg}


def _output_entry(path: Path, relative: str, cache_key: str, size: tuple[int, int]) -> dict[str, Any]:
    data = path.read_bytes()
    return {"path": relative, "bytes": len(data), "sha256": hashlib.sha256(data).hexdigest(),
            "cache_key": cache_key, "width": size[0], "height": size[1]}


def render_figures(lesson: Lesson, out_dir: Path, names: Iterable[str] | None = None) -> dict[str, dict]:
    """Draw the figures into out_dir (renders/figures) and return their manifest entries.

    Paths in the entries are relative to out_dir's parent (renders/). PNG width/height are its
    pixels (2x); the SVG's are the CSS pixel size (1x) a page should show either at.
    Temporaries go under renders/.tmp/ and each file is moved into place with os.replace.
    """
    out_dir = Path(out_dir)
    chosen = figure_names() if names is None else tuple(names)
    unknown = [n for n in chosen if n not in _BY_NAME]
    if unknown:
        raise KeyError(f"unknown figure(s) {', '.join(unknown)} (known: {', '.join(figure_names())})")
    out_dir.mkdir(parents=True, exist_ok=True)
    tmp_root = out_dir.parent / ".tmp"
    tmp_root.mkdir(parents=True, exist_ok=True)
    cache_key = figures_cache_key(lesson)
    entries: dict[str, dict] = {}
    work = Path(tempfile.mkdtemp(prefix="figures-", dir=tmp_root))
    try:
        for spec in FIGURES:
            if spec.name not in chosen:
                continue
            written = _save(build_figure(spec.name, lesson), spec, lesson, work)
            png_size = _png_size(written["png"])
            css_size = (png_size[0] // 2, png_size[1] // 2)
            outputs = {}
            for fmt, temp in written.items():
                final = out_dir / temp.name
                relative = final.relative_to(out_dir.parent).as_posix()
                size = png_size if fmt == "png" else css_size
                outputs[fmt] = _output_entry(temp, relative, cache_key, size)
                os.replace(temp, final)
            entries[spec.name] = {"name": spec.name, "title": spec.title, "alt": spec.alt(lesson),
                                  "order": figure_names().index(spec.name), "outputs": outputs}
    finally:
        shutil.rmtree(work, ignore_errors=True)
    return entries
