"""Two stills for issue 11: the search ranking (dot product vs cosine, side by side) and the
condition-number story (the four examples of Step 3's table, then the swing under a nudge).

Kept beside `la_render/figures.py` (which registers them) so that module stays readable; they
share its house style. The numbers are la_core's, through `scenes.narrative.vector_search` and
`scenes.narrative.conditioning`, so the alt texts say what the scenes say.
"""

from __future__ import annotations

import numpy as np
from matplotlib.axes import Axes
from matplotlib.figure import Figure

from la_core import Lesson
from la_core.rank import ILL_CONDITIONED_ABOVE
from scenes import style
from scenes.narrative import conditioning as solve_words
from scenes.narrative import vector_search as search_words

#: An infinite condition number is drawn as a bar this many times the largest finite one (or the
#: threshold), hatched and labelled ∞.
INFINITE_BAR = 10.0


def _axes(ax: Axes) -> None:
    ax.set_axisbelow(True)
    ax.grid(True, axis="x")
    for side in ("top", "right"):
        ax.spines[side].set_visible(False)


# ---------------------------------------------------------------- search ranking


def draw_search_ranking(fig: Figure, lesson: Lesson) -> None:
    """Two horizontal bar charts, best first: the dot product's order and cosine's, the top k lit."""
    tale = search_words.story(lesson)
    axes = fig.subplots(1, 2)
    for ax, result, colour, title, decimals in (
        (axes[0], tale.dot, style.HIGHLIGHT, "by dot product q · d", style.DECIMALS),
        (axes[1], tale.cosine, style.POSITIVE, "by cosine", search_words.COSINE_DECIMALS),
    ):
        _axes(ax)
        order = list(result.order)
        values = [float(result.scores[i]) for i in order]
        colours = [colour if rank < tale.k else style.MUTED for rank in range(len(order))]
        for rank, i in enumerate(order):
            if i in tale.on_length and rank < tale.k:
                colours[rank] = style.NEGATIVE
        bars = ax.barh(range(len(order)), values, color=colours, height=0.6, gid=f"ranking-{result.measure}")
        ax.set_yticks(range(len(order)), [tale.names[i] for i in order])
        ax.invert_yaxis()
        ax.axvline(0, color=style.MUTED, linewidth=0.8)
        span = max(max(values), 0.0) - min(min(values), 0.0)
        for bar, value in zip(bars, values, strict=True):
            ax.text(value + (0.02 if value >= 0 else -0.02) * span, bar.get_y() + bar.get_height() / 2,
                    style.fmt(value, decimals), va="center", ha="left" if value >= 0 else "right",
                    fontsize=10)
        low, high = min(min(values), 0.0), max(max(values), 0.0)
        ax.set_xlim(low - 0.4 * span * (low < 0), high + 0.25 * span)  # room for the numbers
        ax.axhline(tale.k - 0.5, color=colour, linestyle="--", linewidth=1.2)
        ax.set_title(f"{title}: top {tale.k}")
    fig.suptitle(f"Vector search, ranked two ways\n{search_words.verdict(tale)}", fontsize=12)


def alt_search_ranking(lesson: Lesson) -> str:
    tale = search_words.story(lesson)

    def ranked(result, decimals: int) -> str:
        return ", ".join(f"{tale.names[i]} {style.fmt(float(result.scores[i]), decimals)}"
                         for i in result.order)

    return (
        f"Two bar charts of {len(tale.names)} stored documents scored against one query, best first, "
        f"the top {tale.k} lit. By dot product: {ranked(tale.dot, style.DECIMALS)}. By cosine: "
        f"{ranked(tale.cosine, search_words.COSINE_DECIMALS)}. "
        f"{search_words.verdict_caption(tale)}"
    )


# ---------------------------------------------------------------- condition numbers


def condition_bars(lesson: Lesson) -> tuple[list[str], np.ndarray, list[bool]]:
    """(situations, bar heights, infinite?) for the four examples; ∞ drawn as a tall bar."""
    t = solve_words.table(lesson)
    values = np.array([d.condition_number for d in t.diagnoses])
    finite = values[np.isfinite(values)]
    tall = INFINITE_BAR * max(float(finite.max(initial=1.0)), ILL_CONDITIONED_ABOVE)
    infinite = [not np.isfinite(v) for v in values]
    return list(t.situations), np.where(np.isfinite(values), values, tall), infinite


def draw_condition_numbers(fig: Figure, lesson: Lesson) -> None:
    """Left: each example's condition number (log scale) and the ill-conditioned threshold.
    Right: how far the weights move under the nudge, solved plainly and with ridge."""
    t = solve_words.table(lesson)
    left, right = fig.subplots(1, 2, width_ratios=(5, 3))
    situations, heights, infinite = condition_bars(lesson)
    _axes(left)
    left.grid(False, axis="x")
    left.grid(True, axis="y")
    colours = [style.NEGATIVE if s == "ill-conditioned" else style.MUTED if inf else style.POSITIVE
               for s, inf in zip(situations, infinite, strict=True)]
    bars = left.bar(range(len(situations)), heights, color=colours, width=0.6, gid="condition-bars",
                    hatch=None)
    for bar, inf, d in zip(bars, infinite, t.diagnoses, strict=True):
        if inf:
            bar.set_hatch("//")
        left.text(bar.get_x() + bar.get_width() / 2, bar.get_height() * 1.3,
                  solve_words.condition_text(d.condition_number), ha="center", va="bottom", fontsize=10)
    left.set_yscale("log")
    left.set_ylim(1, float(heights.max()) * 20)
    left.axhline(ILL_CONDITIONED_ABOVE, color=style.HIGHLIGHT, linestyle="--", linewidth=1.2)
    left.set_xlim(-0.5, len(situations) + 0.6)  # room right of the bars for the threshold's label
    threshold = f"ill-\nconditioned\nabove\n{ILL_CONDITIONED_ABOVE:,.0f}"
    left.text(len(situations) - 0.4, ILL_CONDITIONED_ABOVE, threshold, color=style.HIGHLIGHT, ha="left",
              va="center", fontsize=8)
    ticks = [f"{s.replace('-', '-' + chr(10))}\nrank {d.rank} of {d.max_rank}"
             for s, d in zip(situations, t.diagnoses, strict=True)]
    left.set_xticks(range(len(situations)), ticks, fontsize=8)
    left.set_ylabel("condition number (log scale)")
    left.set_title("The four rows of the rank table")

    s = t.swing
    _axes(right)
    right.grid(False, axis="x")
    right.grid(True, axis="y")
    moves = [s.nudge, s.moved, s.ridge_moved]
    labels = [f"y nudged\n{solve_words.percent(t.share)}", "w, plain\nsolve",
              f"w, ridge\nα = {solve_words.alpha_text(t.alpha)}"]
    moved = right.bar(range(3), moves, color=[style.MUTED, style.NEGATIVE, style.POSITIVE], width=0.6,
                      gid="swing-bars")
    for bar, value in zip(moved, moves, strict=True):
        right.text(bar.get_x() + bar.get_width() / 2, bar.get_height() * 1.3, solve_words.amount(value),
                   ha="center", va="bottom", fontsize=10)
    right.set_yscale("log")
    right.set_ylim(min(moves) / 5, max(moves) * 20)
    right.set_xticks(range(3), labels, fontsize=9)
    right.set_ylabel("how far it moves (log scale)")
    right.set_title("The ill-conditioned X, nudged")
    fig.suptitle("Condition number: how much a small nudge in y can move the weights")


def alt_condition_numbers(lesson: Lesson) -> str:
    t = solve_words.table(lesson)
    rows = "; ".join(f"{s}, rank {d.rank} of {d.max_rank}: {solve_words.condition_text(d.condition_number)}"
                     for s, d in zip(t.situations, t.diagnoses, strict=True))
    s = t.swing
    calm = "barely moves" if s.calm else "still moves"
    return (
        f"Two bar charts on log scales. Left: the condition numbers of the rank table's four examples "
        f"({rows}), against the ill-conditioned threshold {ILL_CONDITIONED_ABOVE:,.0f}. Right: nudging "
        f"y by {solve_words.percent(t.share)} (a change of {solve_words.amount(s.nudge)}) moves the "
        f"ill-conditioned example's weights by {style.fmt(s.moved)} when solved plainly; ridge regression "
        f"with α = {solve_words.alpha_text(t.alpha)} {calm}: {solve_words.amount(s.ridge_moved)}."
    )
