"""Figures of word vectors: the 2-D map, the cosine of every pair, and reading a cosine."""

from __future__ import annotations

import numpy as np
from matplotlib.axes import Axes
from matplotlib.figure import Figure
from matplotlib.ticker import FuncFormatter

import la_core
from la_core import Lesson
from la_core.vectors import READING_BANDS, SIMILAR_FROM, UNRELATED_WITHIN
from la_render.figures.house import heatmap, percent, style_axes
from scenes import style
from scenes.narrative import listing
from scenes.narrative.pairs import pair as word_pair
from scenes.narrative.vectors import apart_clause, contrast_pairs

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
    style_axes(ax)
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
    ax.set_xlabel(f"direction 1 (keeps {percent(share[0])})")
    ax.set_ylabel(f"direction 2 (keeps {percent(share[1])})")
    ax.set_title(f"The plane through the origin that keeps {percent(share.sum())} of their squared length")


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
        f"plane that keeps {percent(share.sum())} of their squared length. {a} and {b} {closeness} "
        f"(cosine {cos_text(close.cosine)}); {apart_clause(apart)}."
    )


# ---- 2. cosine matrix


def draw_cosine_matrix(fig: Figure, lesson: Lesson) -> None:
    """Every pair's cosine similarity, on the full [-1, 1] scale."""
    names = lesson.word_names
    ax = fig.add_subplot()
    heatmap(fig, ax, la_core.cosine_matrix(lesson.word_matrix), names, names, -1.0, 1.0, "cosine-image")
    ax.set_title("cos θ of every pair: 1 same direction, 0 perpendicular, −1 opposed", pad=12)


def alt_cosine_matrix(lesson: Lesson) -> str:
    names = lesson.word_names
    cosines = la_core.cosine_matrix(lesson.word_matrix)
    pairs = [
        f"{names[i]}–{names[j]} {cos_text(float(cosines[i, j]))}"
        for i in range(len(names)) for j in range(i + 1, len(names))
    ]
    return (
        f"A {len(names)}×{len(names)} heatmap of the cosine similarity of every pair of word "
        f"vectors, with a colour bar from −1 to 1; the diagonal is 1. Pairs: {'; '.join(pairs)}."
    )


# ---- 3. cosine bands

_BAND_COLOURS = style.READING_COLORS
#: What the title says of the bands: the words are the lesson's, the thresholds la-render's.
BANDS_TITLE = ("Reading a cosine: the lesson's words, la-render's thresholds\n"
               "similar ≥ {similar} · different {unrelated} to {similar} · unrelated within ±{unrelated}"
               " · opposed ≤ −{unrelated}")


def band_edges() -> dict[str, tuple[float, float]]:
    """The cosine range of each reading (la_core.READING_BANDS), from similar down to opposed."""
    return {name: (low, high) for name, low, high in reversed(READING_BANDS)}


def cos_text(value: float) -> str:
    """A cosine as the lesson prints it (three decimals)."""
    return style.fmt(value, style.COSINE_DECIMALS)


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
        text = "\n".join(f"{a}·{b}: {angle:.0f}°, {cos_text(cos)}" for a, b, angle, cos in group)
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
            lines.append((f"{number:>2}  {a}·{b}  {angle:.0f}°  {cos_text(cos)}",
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
    """cos θ against θ, the lesson's four readings as la-render's bands, and the word pairs on the curve."""
    pairs = word_pairs(lesson)
    many = len(pairs) > MAX_PAIR_LABELS
    ax, listing = fig.subplots(1, 2, width_ratios=[2.3, 1]) if many else (fig.add_subplot(), None)
    style_axes(ax)
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
    edges = {edge for _, low, high in READING_BANDS for edge in (low, high)}
    ticks = sorted(edges | {0.0} | {v for v in (-0.5, 0.5) if min(abs(v - e) for e in edges) > 0.1})
    ax.set_yticks(ticks)
    ax.yaxis.set_major_formatter(FuncFormatter(lambda v, _: style.fmt(v)))
    ax.set_xlabel("angle θ between the two vectors")
    ax.set_ylabel("cos θ")
    fig.suptitle(BANDS_TITLE.format(similar=style.fmt(SIMILAR_FROM), unrelated=style.fmt(UNRELATED_WITHIN)),
                 fontsize=11)


def alt_cosine_bands(lesson: Lesson) -> str:
    pairs = "; ".join(
        f"{a}·{b} at {angle:.0f}° has cosine {cos_text(cos)} ({la_core.similarity_reading(cos)})"
        for a, b, angle, cos in word_pairs(lesson)
    )
    return (
        "The curve cos θ falls from 1 at 0° through 0 at 90° to −1 at 180°. Shaded bands mark the "
        "lesson's four readings at la-render's thresholds: similar (cosine at least "
        f"{style.fmt(SIMILAR_FROM)}), different (low but positive), unrelated (within "
        f"{style.fmt(UNRELATED_WITHIN)} of 0) and opposed (at most {style.fmt(-UNRELATED_WITHIN)}). "
        f"The word pairs sit on the curve: {pairs}."
    )


# ---- 4. singular values
