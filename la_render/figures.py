"""The lesson's static figures: matplotlib PNG (2x DPI) and SVG, drawn from la_core's numbers.

Figures print and zoom where GIFs cannot. Every number drawn comes from `la_core`; the look
comes from `scenes/style.py`, so a word keeps its colour in scenes and figures alike. Output is
byte-identical for identical data (fixed SVG hash salt, no dates or software versions in the
files), and every file lands with `os.replace`, so a crash never leaves half a figure.

This is the only module of la-render that imports matplotlib; it never touches pyplot (no
global figure state), only `Figure` objects rendered by the Agg and SVG backends.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import struct
import tempfile
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import matplotlib
import numpy as np
from matplotlib.axes import Axes
from matplotlib.figure import Figure
from matplotlib.ticker import FuncFormatter

import la_core
from la_core import Lesson
from la_core.vectors import SIMILARITY_BAND
from la_render import cache
from la_render.figures_layer import alt_layer_map, draw_layer_map
from la_render.figures_more import (
    alt_condition_numbers,
    alt_search_ranking,
    draw_condition_numbers,
    draw_search_ranking,
)
from scenes import style
from scenes.narrative import listing
from scenes.narrative.pairs import pair as word_pair
from scenes.narrative.vectors import contrast_pairs

matplotlib.use("Agg")

#: Size of every figure in CSS pixels (inches at 100 dpi); the PNG is twice that for HiDPI screens.
FIGURE_INCHES = (8.0, 5.0)
BASE_DPI = 100
PNG_DPI = 2 * BASE_DPI
SVG_HASH_SALT = "la-render"

_PROJECT_ROOT = Path(__file__).resolve().parent.parent

_RC = {
    "font.family": "sans-serif",
    "font.sans-serif": [style.FONT],
    "font.size": 11,
    "axes.titlesize": 12,
    "figure.titlesize": 14,
    "text.color": style.FOREGROUND,
    "axes.labelcolor": style.FOREGROUND,
    "axes.edgecolor": style.MUTED,
    "axes.facecolor": style.PANEL,
    "figure.facecolor": style.BACKGROUND,
    "savefig.facecolor": style.BACKGROUND,
    "xtick.color": style.MUTED,
    "ytick.color": style.MUTED,
    "xtick.labelcolor": style.FOREGROUND,
    "ytick.labelcolor": style.FOREGROUND,
    "grid.color": style.GRID,
    "grid.linewidth": 0.8,
    "legend.facecolor": style.PANEL,
    "legend.edgecolor": style.GRID,
    "legend.labelcolor": style.FOREGROUND,
    "axes.unicode_minus": True,
    "svg.hashsalt": SVG_HASH_SALT,
    "svg.fonttype": "path",
    "image.interpolation": "nearest",
    "path.simplify": False,
}


@dataclass(frozen=True)
class FigureSpec:
    """One figure: its file stem, title (also drawn on it), alt text and how to draw it."""

    name: str
    title: str
    alt: Callable[[Lesson], str]
    draw: Callable[[Figure, Lesson], None]


# ---------------------------------------------------------------- small helpers


def _percent(share: float) -> str:
    return f"{100 * share:.0f}%"


def _small_percent(percent: float) -> str:
    """A share of weights as a reader takes it in: 0.049%, 6.2%, 150%."""
    return f"{percent:.2g}%" if percent < 10 else f"{percent:.0f}%"


def _style_axes(ax: Axes, grid: bool = True) -> None:
    ax.set_axisbelow(True)
    if grid:
        ax.grid(True)
    for side in ("top", "right"):
        ax.spines[side].set_visible(False)


def _annotate_cells(ax: Axes, values: np.ndarray, low: float, high: float) -> None:
    """Write each cell's value in the colour that reads best on it."""
    for (row, col), value in np.ndenumerate(values):
        colour = style.text_on(style.heat_color(float(value), low, high))
        ax.text(col, row, style.fmt(float(value)), ha="center", va="center", color=colour, fontsize=11)


def _heatmap(
    fig: Figure, ax: Axes, values: np.ndarray, rows: Iterable[str], cols: Iterable[str],
    low: float, high: float, gid: str, aspect: str = "equal",
) -> None:
    """An annotated viridis heatmap with labelled rows/columns and a colour bar.

    `aspect="auto"` lets cells stretch wide when there are many columns to label and annotate.
    """
    image = ax.imshow(values, cmap=style.HEATMAP_CMAP, vmin=low, vmax=high, aspect=aspect)
    image.set_gid(gid)
    ax.set_xticks(range(values.shape[1]), list(cols))
    ax.set_yticks(range(values.shape[0]), list(rows))
    ax.tick_params(length=0)
    ax.xaxis.tick_top()
    for spine in ax.spines.values():
        spine.set_visible(False)
    _annotate_cells(ax, values, low, high)
    bar = fig.colorbar(image, ax=ax, shrink=0.8, pad=0.03)
    bar.outline.set_edgecolor(style.GRID)
    bar.ax.yaxis.set_major_formatter(FuncFormatter(lambda v, _: style.fmt(v)))


# ---------------------------------------------------------------- 1. PCA map


#: Vertical distance (points) between the labels of nearly parallel arrows.
LABEL_SPACING = 20.0


def _label_offsets(coords: np.ndarray, close_degrees: float = 15.0) -> list[float]:
    """A vertical offset (points) per arrow label: 0 alone; nearly parallel arrows (each within
    `close_degrees` of the next) get their labels fanned out, the steepest arrow's on top, so
    two, three or more close words never print over each other."""
    angles = np.degrees(np.arctan2(coords[:, 1], coords[:, 0]))
    order = np.argsort(angles)
    offsets = [0.0] * len(angles)
    cluster: list[int] = []
    for index in [*order, None]:
        if index is not None and (not cluster or angles[index] - angles[cluster[-1]] < close_degrees):
            cluster.append(int(index))
            continue
        for rank, member in enumerate(cluster):  # lowest angle at the bottom
            offsets[member] = (rank - (len(cluster) - 1) / 2) * LABEL_SPACING if len(cluster) > 1 else 0.0
        cluster = [int(index)] if index is not None else []
    return offsets


def draw_pca_map(fig: Figure, lesson: Lesson) -> None:
    """Word vectors as arrows on their best-fitting 2-D plane through the origin."""
    names = lesson.word_names
    coords, share = la_core.pca_project(lesson.word_matrix, k=2, center=False)
    ax = fig.add_subplot()
    _style_axes(ax)
    colours = [style.word_color(name, names) for name in names]
    arrows = ax.quiver(
        np.zeros(len(names)), np.zeros(len(names)), coords[:, 0], coords[:, 1], color=colours,
        angles="xy", scale_units="xy", scale=1, width=0.006, headwidth=4, headlength=5, zorder=3,
    )
    arrows.set_gid("pca-arrows")
    for name, (x, y), colour, rise in zip(names, coords, colours, _label_offsets(coords), strict=True):
        ax.annotate(
            name, (x, y), xytext=(8 if x >= 0 else -8, rise), textcoords="offset points",
            ha="left" if x >= 0 else "right", va="center", color=colour, fontsize=13,
            fontweight="bold", gid=f"pca-label-{name}",
        )
    ax.axhline(0, color=style.MUTED, linewidth=0.8)
    ax.axvline(0, color=style.MUTED, linewidth=0.8)
    low = np.minimum(coords.min(axis=0), 0.0)
    high = np.maximum(coords.max(axis=0), 0.0)
    pad = 0.25 * float(np.max(high - low))
    ax.set_xlim(low[0] - pad, high[0] + 1.5 * pad)
    ax.set_ylim(low[1] - pad, high[1] + pad)
    ax.set_aspect("equal")
    ax.set_xlabel(f"direction 1 (keeps {_percent(share[0])})")
    ax.set_ylabel(f"direction 2 (keeps {_percent(share[1])})")
    ax.set_title(f"The plane through the origin that keeps {_percent(share.sum())} of their squared length")


def alt_pca_map(lesson: Lesson) -> str:
    """The map's words, the share it keeps, and (as the vectors scene reads them) the closest pair
    and the word least like it, each with its cosine and the lesson's reading."""
    names = lesson.word_names
    _, share = la_core.pca_project(lesson.word_matrix, k=2, center=False)
    (a, b), (_, c) = contrast_pairs(lesson)
    close, apart = word_pair(lesson, a, b), word_pair(lesson, a, c)
    closeness = ("point almost the same way" if close.reading == "similar"
                 else f"are the closest pair, yet {close.reading}")
    return (
        f"Arrows from the origin for the word vectors {listing(names)}, projected onto the 2-D "
        f"plane that keeps {_percent(share.sum())} of their squared length. {a} and {b} {closeness} "
        f"(cosine {style.fmt(close.cosine)}); {c} is the least like {a} (cosine "
        f"{style.fmt(apart.cosine)}, {apart.reading})."
    )


# ---------------------------------------------------------------- 2. cosine matrix


def draw_cosine_matrix(fig: Figure, lesson: Lesson) -> None:
    """Every pair's cosine similarity, on the full [-1, 1] scale."""
    names = lesson.word_names
    ax = fig.add_subplot()
    _heatmap(fig, ax, la_core.cosine_matrix(lesson.word_matrix), names, names, -1.0, 1.0, "cosine-image")
    ax.set_title("cos θ of every pair: 1 same direction, 0 perpendicular, −1 opposed", pad=12)


def alt_cosine_matrix(lesson: Lesson) -> str:
    names = lesson.word_names
    cosines = la_core.cosine_matrix(lesson.word_matrix)
    pairs = [
        f"{names[i]}–{names[j]} {style.fmt(float(cosines[i, j]))}"
        for i in range(len(names)) for j in range(i + 1, len(names))
    ]
    return (
        f"A {len(names)}×{len(names)} heatmap of the cosine similarity of every pair of word "
        f"vectors, with a colour bar from −1 to 1; the diagonal is 1. Pairs: {'; '.join(pairs)}."
    )


# ---------------------------------------------------------------- 3. cosine bands

_BAND_COLOURS = {"similar": style.POSITIVE, "unrelated": style.MUTED, "opposed": style.NEGATIVE}


def band_edges() -> dict[str, tuple[float, float]]:
    """The cosine range of each reading, named by la_core.similarity_reading."""
    ranges = ((SIMILARITY_BAND, 1.0), (-SIMILARITY_BAND, SIMILARITY_BAND), (-1.0, -SIMILARITY_BAND))
    return {la_core.similarity_reading(sum(edges) / 2): edges for edges in ranges}


def word_pairs(lesson: Lesson) -> list[tuple[str, str, float, float]]:
    """(a, b, angle in degrees, cosine) for every pair of word vectors."""
    names = lesson.word_names
    return [
        (a, b, la_core.angle_between(lesson.words[a], lesson.words[b], degrees=True),
         la_core.cosine_similarity(lesson.words[a], lesson.words[b]))
        for i, a in enumerate(names) for b in names[i + 1 :]
    ]


def _close_groups(pairs: list[tuple[str, str, float, float]], degrees: float = 10.0) -> list[list]:
    """Pairs sorted by angle and grouped when their points nearly coincide (one label per group)."""
    groups: list[list] = []
    for pair in sorted(pairs, key=lambda p: p[2]):
        if groups and pair[2] - groups[-1][-1][2] < degrees:
            groups[-1].append(pair)
        else:
            groups.append([pair])
    return groups


def _group_point(group: list[tuple[str, str, float, float]]) -> tuple[float, float]:
    """Where a group of nearly coinciding pairs sits on the curve: mean angle, mean cosine."""
    return float(np.mean([p[2] for p in group])), float(np.mean([p[3] for p in group]))


#: Up to this many word pairs are labelled on the curve; more are numbered there and listed beside it.
MAX_PAIR_LABELS = 6
#: Numbered points closer than this share one number range ("12–15"), so no two numbers touch
#: (a range label is about 12° of the axis wide).
NUMBERED_GROUP_DEGREES = 15.0


def _label_pairs_on_curve(ax: Axes, pairs: list[tuple[str, str, float, float]]) -> None:
    """Each group of nearly coinciding points gets one label listing its pairs."""
    for group in _close_groups(pairs):
        text = "\n".join(f"{a}·{b}: {angle:.0f}°, {style.fmt(cos)}" for a, b, angle, cos in group)
        point = _group_point(group)
        ax.annotate(text, point, xytext=(10, 6), textcoords="offset points", ha="left", va="bottom",
                    color=style.HIGHLIGHT, fontsize=10)


def _number_pairs_and_list_them(ax: Axes, listing: Axes, pairs: list[tuple[str, str, float, float]]) -> None:
    """Many pairs: a number by each group of points on the curve, and the pairs listed in order."""
    number = 0
    lines: list[tuple[str, str]] = []
    for group in _close_groups(pairs, NUMBERED_GROUP_DEGREES):
        first = number + 1
        for a, b, angle, cos in group:
            number += 1
            lines.append((f"{number:>2}  {a}·{b}  {angle:.0f}°  {style.fmt(cos)}",
                          _BAND_COLOURS[la_core.similarity_reading(cos)]))
        point = _group_point(group)
        ax.annotate(str(first) if number == first else f"{first}–{number}", point, xytext=(6, 6),
                    textcoords="offset points", ha="left", va="bottom", color=style.HIGHLIGHT, fontsize=9)
    listing.axis("off")
    size = min(10.0, 300.0 / len(lines))  # points: the list fits the figure's height
    for row, (text, colour) in enumerate(lines):
        listing.text(0.0, 1.0 - row / max(len(lines), 1), text, transform=listing.transAxes, ha="left",
                     va="top", fontsize=size, color=colour, family="monospace", gid=f"pair-{row + 1}")


def draw_cosine_bands(fig: Figure, lesson: Lesson) -> None:
    """cos θ against θ, the lesson's three readings as bands, and the word pairs on the curve."""
    pairs = word_pairs(lesson)
    many = len(pairs) > MAX_PAIR_LABELS
    ax, listing = fig.subplots(1, 2, width_ratios=[2.3, 1]) if many else (fig.add_subplot(), None)
    _style_axes(ax)
    for reading, (low, high) in band_edges().items():
        ax.axhspan(low, high, color=_BAND_COLOURS[reading], alpha=0.18, linewidth=0, gid=f"band-{reading}")
        ax.text(178, (low + high) / 2, reading, ha="right", va="center", color=_BAND_COLOURS[reading],
                fontsize=12, fontweight="bold")
    degrees = np.linspace(0.0, 180.0, 361)
    ax.plot(degrees, np.cos(np.radians(degrees)), color=style.FOREGROUND, linewidth=2, gid="cosine-curve")
    ax.scatter([p[2] for p in pairs], [p[3] for p in pairs], color=style.HIGHLIGHT, s=40, zorder=4,
               gid="word-pairs")
    if listing is None:
        _label_pairs_on_curve(ax, pairs)
    else:
        _number_pairs_and_list_them(ax, listing, pairs)
    ax.set_xlim(0, 180)
    ax.set_ylim(-1.05, 1.05)
    ax.set_xticks(range(0, 181, 30))
    ax.xaxis.set_major_formatter(FuncFormatter(lambda v, _: f"{v:.0f}°"))
    ticks = sorted({-1.0, 1.0, 0.0, SIMILARITY_BAND, -SIMILARITY_BAND}
                   | {v for v in (-0.5, 0.5) if abs(abs(v) - SIMILARITY_BAND) > 0.1})
    ax.set_yticks(ticks)
    ax.yaxis.set_major_formatter(FuncFormatter(lambda v, _: style.fmt(v)))
    ax.set_xlabel("angle θ between the two vectors")
    ax.set_ylabel("cos θ")
    ax.set_title(f"Reading a cosine: similar ≥ {style.fmt(SIMILARITY_BAND)}, "
                 f"opposed ≤ {style.fmt(-SIMILARITY_BAND)}, unrelated between")


def alt_cosine_bands(lesson: Lesson) -> str:
    pairs = "; ".join(
        f"{a}·{b} at {angle:.0f}° has cosine {style.fmt(cos)} ({la_core.similarity_reading(cos)})"
        for a, b, angle, cos in word_pairs(lesson)
    )
    return (
        "The curve cos θ falls from 1 at 0° through 0 at 90° to −1 at 180°. Shaded bands mark "
        f"similar (cosine at least {style.fmt(SIMILARITY_BAND)}), unrelated, and opposed "
        f"(at most {style.fmt(-SIMILARITY_BAND)}). The word pairs sit on the curve: {pairs}."
    )


# ---------------------------------------------------------------- 4. singular values


def full_rank_example(lesson: Lesson) -> np.ndarray:
    """lesson.V with the unreachable vector in place of the last (redundant) row."""
    matrix = np.array(lesson.V, dtype=float)
    matrix[-1] = lesson.unreachable
    return matrix


def singular_value_panels(lesson: Lesson) -> list[tuple[str, np.ndarray]]:
    """(panel title, matrix) for the lesson's V and its full-rank variant."""
    names = list(lesson.span_vectors)
    swapped = [*names[:-1], "unreachable"]
    return [(f"[{', '.join(names)}]", np.asarray(lesson.V, dtype=float)),
            (f"[{', '.join(swapped)}]", full_rank_example(lesson))]


def draw_singular_values(fig: Figure, lesson: Lesson) -> None:
    """Side by side bars of singular values; bars that count towards the rank are coloured."""
    panels = singular_value_panels(lesson)
    axes = fig.subplots(1, len(panels), sharey=True)
    top = max(float(la_core.singular_values(m).max()) for _, m in panels)
    for index, (ax, (label, matrix)) in enumerate(zip(axes, panels, strict=True)):
        _style_axes(ax)
        ax.grid(False, axis="x")
        values = la_core.singular_values(matrix)
        rank = la_core.matrix_rank(matrix)
        colours = [style.POSITIVE if i < rank else style.UNREACHABLE for i in range(len(values))]
        bars = ax.bar([f"σ{i + 1}" for i in range(len(values))], values, color=colours, width=0.6,
                      gid=f"singular-bars-{index}")
        for bar, value in zip(bars, values, strict=True):
            ax.text(bar.get_x() + bar.get_width() / 2, bar.get_height() + 0.03 * top, style.fmt(value),
                    ha="center", va="bottom", fontsize=11)
        if rank < len(values):
            ax.axvline(rank - 0.5, color=style.HIGHLIGHT, linestyle="--", linewidth=1.2)
            ax.text(rank - 0.45, 0.92 * top * 1.15, f"rank {rank}", color=style.HIGHLIGHT, fontsize=12,
                    ha="left", va="top")
        verdict = "full rank" if rank == min(matrix.shape) else f"rank {rank} of {min(matrix.shape)}"
        ax.set_title(f"{label}: {verdict}")
    axes[0].set_ylabel("singular value")
    axes[0].set_ylim(0, top * 1.15)
    fig.suptitle("Singular values: each non-zero one is a real direction")


def alt_singular_values(lesson: Lesson) -> str:
    parts = []
    for label, matrix in singular_value_panels(lesson):
        values = ", ".join(style.fmt(v) for v in la_core.singular_values(matrix))
        parts.append(f"{label} has singular values {values} and rank {la_core.matrix_rank(matrix)}")
    return "Two bar charts side by side. " + "; ".join(parts) + "."


# ---------------------------------------------------------------- 5. attention


#: Up to this many keys the two attention heatmaps sit side by side; more, and they are stacked.
SIDE_BY_SIDE_KEYS = 4


def draw_attention(fig: Figure, lesson: Lesson) -> None:
    """Raw scores and softmax weights, side by side, each on its own scale."""
    scores = la_core.attention_scores(lesson.Q, lesson.K)
    weights = la_core.attention_weights(lesson.Q, lesson.K)
    # Side by side for a few keys; more would squeeze the columns and their numbers, so then the
    # two are stacked and their cells stretch across the figure's width.
    many = len(lesson.key_tokens) > SIDE_BY_SIDE_KEYS
    left, right = fig.subplots(2, 1) if many else fig.subplots(1, 2)
    aspect = "auto" if many else "equal"
    _heatmap(fig, left, scores, lesson.query_tokens, lesson.key_tokens,
             float(scores.min()), float(scores.max()), "attention-scores", aspect)
    left.set_title("raw scores Q·Kᵀ", pad=12)
    _heatmap(fig, right, weights, lesson.query_tokens, lesson.key_tokens, 0.0, 1.0, "attention-weights",
             aspect)
    right.set_title(f"weights softmax(Q·Kᵀ / √{lesson.Q.shape[1]})\neach row sums to 1", pad=12)
    left.set_ylabel("query token")
    for ax in (left, right):
        ax.set_xlabel("key token")
    fig.suptitle("Attention: every query dotted with every key, then softmaxed per row")


def alt_attention(lesson: Lesson) -> str:
    scores = la_core.attention_scores(lesson.Q, lesson.K)
    weights = la_core.attention_weights(lesson.Q, lesson.K)
    rows = "; ".join(
        f"{token}: " + ", ".join(style.fmt(v) for v in row)
        for token, row in zip(lesson.query_tokens, weights, strict=True)
    )
    return (
        f"Two heatmaps with query tokens ({', '.join(lesson.query_tokens)}) down the side and key "
        f"tokens ({', '.join(lesson.key_tokens)}) across. Left: the raw scores Q·Kᵀ, from "
        f"{style.fmt(float(scores.min()))} to {style.fmt(float(scores.max()))}. Right: the softmax "
        f"weights of the scaled scores, each row summing to 1 ({rows})."
    )


# ---------------------------------------------------------------- 6. LoRA counts


def lora_counts(lesson: Lesson) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """(ranks, full counts, low-rank counts) for the lesson's realistic layer."""
    ranks = np.array(lesson.layer_ranks)
    counts = [la_core.lora_parameter_count(lesson.layer_d, lesson.layer_k, r) for r in lesson.layer_ranks]
    return ranks, np.array([c[0] for c in counts]), np.array([c[1] for c in counts])


def _count(value: float) -> str:
    for unit, size in (("M", 1e6), ("k", 1e3)):
        if value >= size:
            return f"{value / size:.3g}{unit}"
    return f"{value:.0f}"


def draw_lora_counts(fig: Figure, lesson: Lesson) -> None:
    """Trained parameters of a full update vs its LoRA factors, as the rank grows."""
    ranks, full, low = lora_counts(lesson)
    ax = fig.add_subplot()
    _style_axes(ax)
    ax.plot(ranks, full, color=style.NEGATIVE, linewidth=2, marker="s", markersize=5,
            label=f"full update d·k = {lesson.layer_d}·{lesson.layer_k}", gid="lora-full")
    ax.plot(ranks, low, color=style.POSITIVE, linewidth=2, marker="o", markersize=6,
            label="LoRA factors r(d + k)", gid="lora-low-rank")
    for r, count, whole in zip(ranks, low, full, strict=True):
        ax.annotate(f"{_count(count)}\n{100 * count / whole:.2g}%", (r, count), xytext=(0, -10),
                    textcoords="offset points", ha="center", va="top", fontsize=9, color=style.FOREGROUND)
    ax.set_xscale("log", base=2)
    ax.set_yscale("log")
    ax.set_xticks(ranks, [str(r) for r in ranks])
    ax.minorticks_off()
    ax.set_ylim(low.min() / 8, full.max() * 4)
    ax.yaxis.set_major_formatter(FuncFormatter(lambda v, _: _count(v)))
    ax.set_xlabel("rank r")
    ax.set_ylabel("parameters trained (log scale)")
    ax.annotate(f"{_count(full[-1])} at every r", (ranks[-1], full[-1]), xytext=(0, 8),
                textcoords="offset points", ha="right", va="bottom", fontsize=10, color=style.NEGATIVE)
    ax.legend(loc="lower right")
    ax.set_title(f"LoRA on a {lesson.layer_d}×{lesson.layer_k} layer: labels give r(d + k) "
                 "and its share of d·k")


def alt_lora_counts(lesson: Lesson) -> str:
    ranks, full, low = lora_counts(lesson)

    def at(i: int) -> str:
        return f"{low[i]:,} at r = {ranks[i]} ({_small_percent(100 * low[i] / full[i])})"

    span = at(0) if len(ranks) == 1 else f"from {at(0)} to {at(-1)}"
    return (
        f"A log-scale chart for a {lesson.layer_d}×{lesson.layer_k} layer: a full update trains "
        f"d·k = {full[0]:,} parameters at every rank, while LoRA's factors train r(d + k), {span}."
    )


# ---------------------------------------------------------------- the list

FIGURES: tuple[FigureSpec, ...] = (
    FigureSpec("pca_map", "Word vectors on a 2-D map", alt_pca_map, draw_pca_map),
    FigureSpec("cosine_matrix", "Cosine similarity of every pair", alt_cosine_matrix, draw_cosine_matrix),
    FigureSpec("cosine_bands", "Reading a cosine: similar, unrelated, opposed", alt_cosine_bands,
               draw_cosine_bands),
    FigureSpec("search_ranking", "Vector search: dot product vs cosine order", alt_search_ranking,
               draw_search_ranking),
    FigureSpec("singular_values", "Singular values and rank", alt_singular_values, draw_singular_values),
    FigureSpec("condition_numbers", "Condition numbers and the swing under a nudge", alt_condition_numbers,
               draw_condition_numbers),
    FigureSpec("layer_map", "A linear layer carries every word to the plane", alt_layer_map, draw_layer_map),
    FigureSpec("attention", "Attention scores and weights", alt_attention, draw_attention),
    FigureSpec("lora_counts", "Why LoRA is cheap: parameter counts", alt_lora_counts, draw_lora_counts),
)

_BY_NAME = {spec.name: spec for spec in FIGURES}


def figure_names() -> tuple[str, ...]:
    """All figure names in lesson order."""
    return tuple(spec.name for spec in FIGURES)


@contextmanager
def house_style() -> Iterator[None]:
    """matplotlib settings of the house style, restored afterwards."""
    with matplotlib.rc_context(_RC):
        yield


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
