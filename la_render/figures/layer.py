"""The linear layer as a still: every word carried by y = W x + b from its numbers to the plane.

Kept beside `la_render/figures.py` (which registers it) so that module stays readable; it shares
its house style. The numbers are la_core's `linear_layer`, through `scenes.narrative.linear_layer`.
"""

from __future__ import annotations

import numpy as np
from matplotlib.figure import Figure

from la_core import Lesson
from scenes import style
from scenes.narrative import listing, vector_text
from scenes.narrative.linear_layer import layer


def draw_layer_map(fig: Figure, lesson: Lesson) -> None:
    """Arrows from the origin to each word's output y = W x + b, W written beside them."""
    step, names = layer(lesson), lesson.word_names
    coords = np.array([step.outputs[name] for name in names])
    ax = fig.add_subplot()
    ax.set_axisbelow(True)
    ax.grid(True)
    colours = [style.word_color(name, names) for name in names]
    zeros = np.zeros(len(names))
    arrows = ax.quiver(zeros, zeros, coords[:, 0], coords[:, 1], color=colours, angles="xy", scale_units="xy",
                       scale=1, width=0.006, headwidth=4, headlength=5, zorder=3)
    arrows.set_gid("layer-arrows")
    for name, (x, y), colour in zip(names, coords, colours, strict=True):
        ax.annotate(name, (x, y), xytext=(8 if x >= 0 else -8, 0), textcoords="offset points",
                    ha="left" if x >= 0 else "right", va="center", color=colour, fontsize=13,
                    fontweight="bold", gid=f"layer-label-{name}")
    ax.axhline(0, color=style.MUTED, linewidth=0.8)
    ax.axvline(0, color=style.MUTED, linewidth=0.8)
    low, high = np.minimum(coords.min(axis=0), 0.0), np.maximum(coords.max(axis=0), 0.0)
    pad = 0.25 * float(np.max(high - low))
    ax.set_xlim(low[0] - pad, high[0] + 1.5 * pad)
    ax.set_ylim(low[1] - pad, high[1] + pad)
    ax.set_aspect("equal")
    ax.set_xlabel("y₁ (row 1 of W · x + b₁)")
    ax.set_ylabel("y₂ (row 2 of W · x + b₂)")
    rows = "\n".join("[" + "  ".join(style.fmt(float(v)) for v in row) + "]" for row in lesson.W)
    bias = "\n".join(style.fmt(float(v)) for v in lesson.b)
    ax.text(0.02, 0.98, f"W =\n{rows}\n\nb = [{bias.replace(chr(10), '  ')}]", transform=ax.transAxes,
            va="top", ha="left", family="monospace", fontsize=10, gid="layer-w")
    rows_n, inputs = step.shape
    ax.set_title(f"y = W x + b: every word's {inputs} numbers become {rows_n}")


def alt_layer_map(lesson: Lesson) -> str:
    step, names = layer(lesson), lesson.word_names
    rows, inputs = step.shape
    landings = "; ".join(f"{name} at {vector_text(step.outputs[name])}" for name in names)
    bias = f" plus the bias {vector_text(lesson.b)}" if step.has_bias else ""
    return (f"Arrows in the plane for {listing(names)} after the linear layer y = W x + b, W a "
            f"{rows}×{inputs} matrix{bias}: {landings}.")
