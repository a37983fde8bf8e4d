"""Figures of matrices: singular values and rank, attention's scores and weights, LoRA's counts."""

from __future__ import annotations

import numpy as np
from matplotlib.figure import Figure
from matplotlib.ticker import FuncFormatter

import la_core
from la_core import Lesson
from la_render.figures.house import heatmap, small_percent, style_axes
from scenes import style


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
        style_axes(ax)
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


# ---- 5. attention


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
    heatmap(fig, left, scores, lesson.query_tokens, lesson.key_tokens,
             float(scores.min()), float(scores.max()), "attention-scores", aspect)
    left.set_title("raw scores Q·Kᵀ", pad=12)
    heatmap(fig, right, weights, lesson.query_tokens, lesson.key_tokens, 0.0, 1.0, "attention-weights",
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


# ---- 6. LoRA counts


def lora_counts(lesson: Lesson) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """(ranks, full counts, low-rank counts) for the lesson's realistic layer."""
    ranks = np.array(lesson.layer_ranks)
    counts = [la_core.lora_parameter_count(lesson.layer_d, lesson.layer_k, r) for r in lesson.layer_ranks]
    return ranks, np.array([c[0] for c in counts]), np.array([c[1] for c in counts])


def _count(value: float) -> str:
    for unit, size in (("T", 1e12), ("G", 1e9), ("M", 1e6), ("k", 1e3)):
        if value >= size:
            return f"{value / size:.3g}{unit}"
    return f"{value:.0f}"


def draw_lora_counts(fig: Figure, lesson: Lesson) -> None:
    """Trained parameters of a full update vs its LoRA factors, as the rank grows."""
    ranks, full, low = lora_counts(lesson)
    ax = fig.add_subplot()
    style_axes(ax)
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
        return f"{low[i]:,} at r = {ranks[i]} ({small_percent(100 * low[i] / full[i])})"

    span = at(0) if len(ranks) == 1 else f"from {at(0)} to {at(-1)}"
    return (
        f"A log-scale chart for a {lesson.layer_d}×{lesson.layer_k} layer: a full update trains "
        f"d·k = {full[0]:,} parameters at every rank, while LoRA's factors train r(d + k), {span}."
    )
