"""The figures' house style: sizes, matplotlib settings from scenes/style.py (a word keeps its
colour in scenes and figures alike), the figure record, and the small drawing helpers every
figure family shares."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass

import matplotlib
import numpy as np
from matplotlib.axes import Axes
from matplotlib.figure import Figure
from matplotlib.ticker import FuncFormatter

from la_core import Lesson
from scenes import style

matplotlib.use("Agg")

#: Size of every figure in CSS pixels (inches at 100 dpi); the PNG is twice that for HiDPI screens.
FIGURE_INCHES = (8.0, 5.0)
BASE_DPI = 100
PNG_DPI = 2 * BASE_DPI
SVG_HASH_SALT = "la-render"

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


def percent(share: float) -> str:
    """A share (0..1) in whole percent, with more decimals where whole ones would claim 100 % or
    0 % it does not hold (99.7%, not 100%)."""
    return f"{style.percent(share)}%"


def small_percent(percent: float) -> str:
    """A share of weights as a reader takes it in: 0.049%, 6.2%, 150%."""
    return f"{percent:.2g}%" if percent < 10 else f"{percent:.0f}%"


def style_axes(ax: Axes, grid: bool = True) -> None:
    ax.set_axisbelow(True)
    if grid:
        ax.grid(True)
    for side in ("top", "right"):
        ax.spines[side].set_visible(False)


def annotate_cells(ax: Axes, values: np.ndarray, low: float, high: float) -> None:
    """Write each cell's value in the colour that reads best on it."""
    for (row, col), value in np.ndenumerate(values):
        colour = style.text_on(style.heat_color(float(value), low, high))
        ax.text(col, row, style.fmt(float(value)), ha="center", va="center", color=colour, fontsize=11)


def heatmap(
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
    annotate_cells(ax, values, low, high)
    bar = fig.colorbar(image, ax=ax, shrink=0.8, pad=0.03)
    bar.outline.set_edgecolor(style.GRID)
    bar.ax.yaxis.set_major_formatter(FuncFormatter(lambda v, _: style.fmt(v)))


@contextmanager
def house_style() -> Iterator[None]:
    """matplotlib settings of the house style, restored afterwards."""
    with matplotlib.rc_context(_RC):
        yield
