"""Two figures for "Where each idea shows up" (issue 18): rank powers compression, cosine powers
dedup. The numbers are la_core's (`low_rank_approx`, `compression_errors`, `cosine_matrix`,
`near_duplicate_groups`); the alt texts say what the figures draw, from the same numbers.

- compression: the lesson's near-copy image ([embeddings].near) rebuilt from its top r singular
  values, the pictures side by side, and the error falling as r grows.
- dedup: the cosine matrix of the [search] documents, near-duplicate groups (cosine at or above
  la_core's DEDUP_THRESHOLD) next to each other and boxed.
"""

from __future__ import annotations

import numpy as np
from matplotlib.figure import Figure
from matplotlib.patches import Rectangle

import la_core
from la_core import Lesson
from la_render.figures.house import heatmap, percent, style_axes
from scenes import style
from scenes.narrative import listing, plural

# ---- compression


def compression_matrix(lesson: Lesson) -> np.ndarray:
    return np.asarray(lesson.embeddings.near, dtype=float)


def draw_compression(fig: Figure, lesson: Lesson) -> None:
    """Top: the picture rebuilt from r = 1, 2, ... singular values, then the original; bottom:
    the relative error against r."""
    matrix = compression_matrix(lesson)
    errors = la_core.compression_errors(matrix)
    sides = len(errors) - 1
    grid = fig.add_gridspec(2, sides + 1, height_ratios=(1.1, 1.0))
    for r in range(1, sides + 2):
        ax = fig.add_subplot(grid[0, r - 1])
        values = matrix if r > sides else la_core.low_rank_approx(matrix, r)
        image = ax.imshow(values, cmap="gray", vmin=0.0, vmax=1.0, interpolation="nearest")
        image.set_gid("compression-original" if r > sides else f"compression-r{r}")
        ax.set_xticks([])
        ax.set_yticks([])
        ax.set_title("original" if r > sides else f"r = {r}: {percent(errors[r])} off", fontsize=11)
    ax = fig.add_subplot(grid[1, :])
    style_axes(ax)
    ranks = np.arange(sides + 1)
    ax.plot(ranks, errors, marker="o", color=style.HIGHLIGHT, gid="compression-errors")
    for r, error in zip(ranks, errors, strict=True):
        ax.annotate(percent(error), (r, error), textcoords="offset points", xytext=(0, 8), ha="center",
                    fontsize=10)
    ax.set_xticks(ranks)
    ax.set_xlabel("r: singular values kept")
    ax.set_ylabel("error |M − M_r| / |M|")
    ax.set_ylim(0, 1.2)
    rows, columns = matrix.shape
    fig.suptitle(f"Compression: the {rows}×{columns} near copy rebuilt from its top r singular values")


def alt_compression(lesson: Lesson) -> str:
    matrix = compression_matrix(lesson)
    errors = la_core.compression_errors(matrix)
    rows, columns = matrix.shape
    steps = ", ".join(f"r = {r} leaves {percent(e)}" for r, e in enumerate(errors[1:], start=1))
    exact = next((r for r, e in enumerate(errors) if e < 5e-3), None)
    ending = (f"; from r = {exact} the picture is rebuilt exactly: it holds {plural(exact, 'real direction')}"
              if exact is not None and exact < len(errors) - 1 else "")
    return (f"The lesson's {rows}×{columns} near-copy image rebuilt from its top r singular values, the "
            f"pictures side by side beside the original, and below them the relative error falling as r "
            f"grows: {steps}{ending}.")


# ---- dedup


def dedup_order(lesson: Lesson) -> tuple[list[int], list[list[int]]]:
    """Documents with each near-duplicate group together (groups first), and the groups."""
    groups = la_core.near_duplicate_groups(lesson.document_matrix)
    grouped = [i for group in groups for i in group]
    return grouped + [i for i in range(len(lesson.search_documents)) if i not in grouped], groups


def draw_dedup(fig: Figure, lesson: Lesson) -> None:
    order, groups = dedup_order(lesson)
    names = list(lesson.search_documents)
    cosines = la_core.cosine_matrix(lesson.document_matrix)[np.ix_(order, order)]
    ax = fig.add_subplot()
    shown = [names[i] for i in order]
    heatmap(fig, ax, cosines, shown, shown, -1.0, 1.0, "dedup-cosines")
    start = 0
    for k, group in enumerate(groups):
        ax.add_patch(Rectangle((start - 0.5, start - 0.5), len(group), len(group), fill=False,
                               edgecolor=style.VERMILLION, linewidth=4, gid=f"dedup-group-{k}"))
        start += len(group)
    ax.set_title(f"Dedup: documents with cosine ≥ {la_core.DEDUP_THRESHOLD:g} boxed as near-duplicates",
                 pad=12)


def alt_dedup(lesson: Lesson) -> str:
    order, groups = dedup_order(lesson)
    names = list(lesson.search_documents)
    cosines = la_core.cosine_matrix(lesson.document_matrix)
    threshold = f"{la_core.DEDUP_THRESHOLD:g}"
    head = (f"A heatmap of the cosine of every pair of the {len(names)} search documents "
            f"({listing(names)}), on a scale from −1 to 1")
    if not groups:
        best = max(((i, j) for i in range(len(names)) for j in range(i + 1, len(names))),
                   key=lambda p: cosines[p])
        closest = f"{names[best[0]]} and {names[best[1]]}, {style.fmt(float(cosines[best]))}"
        return (f"{head}. No pair reaches the near-duplicate threshold {threshold} (the closest, "
                f"{closest}): nothing to dedup.")
    described = []
    for group in groups:
        pairs = [f"{style.fmt(float(cosines[i, j]))}" for n, i in enumerate(group) for j in group[n + 1:]]
        described.append(f"{listing([names[i] for i in group])} (cosine {', '.join(pairs)})")
    alone = [names[i] for i in order if not any(i in g for g in groups)]
    rest = f"; {listing(alone)} {'has' if len(alone) == 1 else 'have'} no near-duplicate" if alone else ""
    return (f"{head}, each near-duplicate group (cosine at or above {threshold}) placed together and boxed: "
            f"{'; '.join(described)}{rest}.")
