"""Figures of the normalize and model scenes: the words on the unit circle with Step 2's cosines,
and the model's chain (token ids -> X -> Q, K -> scores -> weights) as one picture."""

from __future__ import annotations

import numpy as np
from matplotlib.axes import Axes
from matplotlib.figure import Figure
from matplotlib.patches import Circle, ConnectionPatch

import la_core
from la_core import Lesson
from la_render.figures.house import annotate_cells, style_axes
from scenes import style
from scenes.narrative import listing
from scenes.narrative import model as model_narrative
from scenes.narrative import normalize as normalize_narrative

MAX_REACH = 2.0  # the unit circle keeps at least this share of the picture; longer words run off it
MODEL_COLOR, COMPUTED_COLOR = style.HIGHLIGHT, style.SKY_BLUE  # as the model scene's two panels


# ---------------------------------------------------------------- the unit circle


def _unit_angles(lesson: Lesson) -> list[tuple[str, float, float]]:
    """(word, signed angle from [dot_product].a in radians, true length): a along +x, b above, the
    contrast below, each at its true angle to a (la_core's angle_between)."""
    a = lesson.dot_a
    placed = [(a, 0.0, la_core.norm(lesson.words[a]))]
    for other, sign in ((lesson.dot_b, 1.0), (lesson.dot_contrast, -1.0)):
        angle = la_core.angle_between(lesson.words[a], lesson.words[other])
        placed.append((other, sign * angle, la_core.norm(lesson.words[other])))
    return placed


def draw_unit_circle(fig: Figure, lesson: Lesson) -> None:
    """Step 2's pairs as unit vectors: each word's arrow (faint, its true length) scaled onto the unit
    circle; with a along +x, each unit vector's shadow on a is its cosine with a."""
    names = lesson.word_names
    u = normalize_narrative.unit(lesson)
    cosines = {pair.b: pair for pair in u.pairs}
    ax = fig.add_subplot()
    style_axes(ax, grid=False)
    ax.add_patch(Circle((0, 0), 1.0, fill=False, edgecolor=style.MUTED, linewidth=1.5, gid="unit-circle"))
    reach = 1.0
    for word, angle, length in _unit_angles(lesson):
        colour = style.word_color(word, names)
        direction = np.array([np.cos(angle), np.sin(angle)])
        reach = max(reach, length)
        tip = length * direction
        ax.plot([0, tip[0]], [0, tip[1]], color=colour, alpha=0.4, linewidth=1.5, clip_on=True,
                gid=f"true-{word}")  # its true length, cut at the frame when very long
        ax.annotate("", xy=direction, xytext=(0, 0), gid=f"unit-{word}",
                    arrowprops={"arrowstyle": "-|>", "color": colour, "linewidth": 2.5, "mutation_scale": 18})
        ax.annotate(word, direction * 1.08, ha="left" if direction[0] >= 0 else "right",
                    va="bottom" if angle > 0 else "top", color=colour, fontsize=13, fontweight="bold")
        if word in cosines:
            pair = cosines[word]
            ax.plot([direction[0]] * 2, [direction[1], 0], linestyle="--", color=colour, linewidth=1)
            text = f"cos = {normalize_narrative.cos_text(pair.entry)}\n({pair.reading})"
            outward = 1 if direction[0] >= 0 else -1  # beside its dashed line, away from the origin
            ax.annotate(text, (direction[0], direction[1] / 2), xytext=(8 * outward, 0),
                        textcoords="offset points", ha="left" if outward > 0 else "right", va="center",
                        color=colour, fontsize=11, gid=f"cosine-{word}")
    ax.axhline(0, color=style.GRID, linewidth=0.8)
    ax.axvline(0, color=style.GRID, linewidth=0.8)
    limit = 1.15 * min(reach, MAX_REACH)
    ax.set_xlim(-limit, limit)
    ax.set_ylim(-limit * 0.95, limit * 0.95)
    ax.set_aspect("equal")
    ax.set_xticks([-1, 0, 1])
    ax.set_yticks([-1, 0, 1])
    ax.set_xlabel(f"along {lesson.dot_a}: a unit vector's shadow here is its cosine with {lesson.dot_a}")
    fig.suptitle("Normalized words on the unit circle: cosine is the dot product of unit vectors")


def alt_unit_circle(lesson: Lesson) -> str:
    first, second = normalize_narrative.unit(lesson).pairs
    cos = normalize_narrative.cos_text
    return (
        f"{lesson.dot_a} lies along the horizontal axis; {first.b} and {second.b} are drawn at their true "
        f"angles to it. Each word's arrow (faint, its true length) is scaled onto the unit circle; the "
        f"shadow of a unit vector on {lesson.dot_a}'s axis is its cosine: "
        f"{first.a}·{first.b} = {cos(first.entry)} ({first.reading}), "
        f"{second.a}·{second.b} = {cos(second.entry)} ({second.reading})."
    )


# ---------------------------------------------------------------- the model's chain


def _matrix(ax: Axes, values: np.ndarray, title: str, rows: list[str], gid: str, colour: str) -> None:
    """A small annotated heatmap on its own scale, framed in its group's colour."""
    low, high = float(values.min()), float(values.max())
    image = ax.imshow(values, cmap=style.HEATMAP_CMAP, vmin=low, vmax=high if high > low else low + 1,
                      aspect="auto")
    image.set_gid(gid)
    annotate_cells(ax, values, low, high if high > low else low + 1)
    for text in ax.texts:
        text.set_fontsize(8)
    ax.set_xticks([])
    ax.set_yticks(range(len(rows)), rows, fontsize=8)
    ax.tick_params(length=0)
    for spine in ax.spines.values():
        spine.set_edgecolor(colour)
        spine.set_linewidth(2)
    ax.set_title(title, fontsize=9, color=colour)


def _arrow(fig: Figure, start: Axes, end: Axes, text: str, vertical: bool = False) -> None:
    """An arrow between two panels, what it computes and the shapes beside it."""
    a, b = ((0.5, 0.0), (0.5, 1.16)) if vertical else ((1.0, 0.5), (0.0, 0.5))  # down to above the title
    link = ConnectionPatch(a, b, "axes fraction", "axes fraction", axesA=start, axesB=end, arrowstyle="-|>",
                           color=style.MUTED, linewidth=1.5, mutation_scale=14)
    fig.add_artist(link)
    (x0, y0), (x1, y1) = (fig.transFigure.inverted().transform(ax.transAxes.transform(p))
                          for ax, p in ((start, a), (end, b)))
    fig.text((x0 + x1) / 2 + (0.01 if vertical else 0), (y0 + y1) / 2 + (0 if vertical else 0.012), text,
             ha="left" if vertical else "center", va="center" if vertical else "bottom", fontsize=8,
             color=style.FOREGROUND)


def draw_model_chain(fig: Figure, lesson: Lesson) -> None:
    """Top row the model (the embedding table, the weights W), bottom row what is computed for this
    input (X, Q = K, the scores, the weights), shapes at every arrow; numbers from la_core's model_chain."""
    fig.set_layout_engine("none")  # panels placed by the grid; arrows and labels join them by position
    c = model_narrative.chain(lesson)
    names, tokens = list(lesson.word_names), list(lesson.query_tokens)
    shape = model_narrative.shape
    grid = fig.add_gridspec(2, 4, hspace=0.8, wspace=0.6, top=0.82, bottom=0.06, left=0.09, right=0.98)
    table, weights_ax = fig.add_subplot(grid[0, 0]), fig.add_subplot(grid[0, 1])
    x_ax, q_ax, s_ax, w_ax = (fig.add_subplot(grid[1, k]) for k in range(4))
    _matrix(table, c.table, f"embedding table ({shape(c.table)})", [f"{i} {n}" for i, n in enumerate(names)],
            "chain-table", MODEL_COLOR)
    _matrix(weights_ax, c.W_q, f"W = W_Q = W_K ({shape(c.W_q)})", [""] * c.W_q.shape[0], "chain-W",
            MODEL_COLOR)
    _matrix(x_ax, c.X, f"X ({shape(c.X)})", tokens, "chain-X", COMPUTED_COLOR)
    blank = [""] * len(tokens)  # rows are X's tokens, labelled once
    _matrix(q_ax, c.Q, f"Q = K ({shape(c.Q)})", blank, "chain-Q", COMPUTED_COLOR)
    _matrix(s_ax, c.scores, f"scores ({shape(c.scores)})", blank, "chain-scores", COMPUTED_COLOR)
    _matrix(w_ax, c.weights, f"weights ({shape(c.weights)})", blank, "chain-weights", COMPUTED_COLOR)
    ids = ", ".join(str(int(i)) for i in c.ids)
    _arrow(fig, table, x_ax, f"ids {ids}\npick rows", vertical=True)
    _arrow(fig, weights_ax, q_ax, f"× Wᵀ ({shape(c.W_q.T)})", vertical=True)
    _arrow(fig, x_ax, q_ax, "X Wᵀ")
    _arrow(fig, q_ax, s_ax, "Q Kᵀ")
    _arrow(fig, s_ax, w_ax, f"softmax\n(row / √{c.Q.shape[1]})")
    for text, colour, y in (("the model: what you download", MODEL_COLOR, 0.7),
                            ("computed for this input", COMPUTED_COLOR, 0.6)):
        fig.text(0.57, y, text, color=colour, fontsize=12, fontweight="bold", ha="left")
    fig.suptitle("Inside the model: token ids to attention weights")


def alt_model_chain(lesson: Lesson) -> str:
    c = model_narrative.chain(lesson)
    shape = model_narrative.shape
    return (
        f"Top row, the model (what you download): the {shape(c.table)} embedding table of "
        f"{listing(lesson.word_names)} and the weights W ({shape(c.W_q)}). Bottom row, computed for the "
        f"input "
        f"{listing(lesson.query_tokens)}: token ids {', '.join(str(int(i)) for i in c.ids)} pick rows of the "
        f"table, X ({shape(c.X)}); X Wᵀ gives Q = K ({shape(c.Q)}); Q Kᵀ the scores ({shape(c.scores)}); "
        f"softmax of each row the weights ({shape(c.weights)}). Each matrix is a heatmap with its numbers."
    )
