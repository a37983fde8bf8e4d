"""The look shared by every scene and figure: palette, fonts, sizes and number formatting.

Colours are the Okabe–Ito colour-blind-safe set; each role keeps its colour everywhere (a word
vector is the same colour in every scene and figure, so are i-hat and j-hat). Heatmaps use the
colour-blind-safe sequential map `HEATMAP_CMAP` with a visible scale. This module imports
neither manim nor matplotlib, so figures and scenes can both use it cheaply.
"""

from __future__ import annotations

from collections.abc import Sequence

# Okabe–Ito (black is left out: it vanishes on the dark background).
ORANGE = "#E69F00"
SKY_BLUE = "#56B4E9"
BLUISH_GREEN = "#009E73"
YELLOW = "#F0E442"
BLUE = "#0072B2"
VERMILLION = "#D55E00"
REDDISH_PURPLE = "#CC79A7"

BACKGROUND = "#0F1217"
FOREGROUND = "#ECEFF4"
MUTED = "#9AA3AE"
GRID = "#3B4452"
PANEL = "#1B2029"

# Roles.
WORD_COLORS = (ORANGE, SKY_BLUE, BLUISH_GREEN, REDDISH_PURPLE, YELLOW, VERMILLION, BLUE)
I_HAT = VERMILLION
J_HAT = YELLOW
VECTOR_X = REDDISH_PURPLE
HIGHLIGHT = YELLOW
POSITIVE = "#A6E3A1"  # a pale tint, so "similar" never borrows a word vector's green
NEGATIVE = VERMILLION
DIFFERENT = "#B4BEFE"  # a pale lavender: "different" is neither similar's green nor a word's colour
#: The colour of each of la_core's similarity readings (scenes and the cosine_bands figure).
READING_COLORS = {"similar": POSITIVE, "different": DIFFERENT, "unrelated": MUTED, "opposed": NEGATIVE}
SPAN_COLORS = (VERMILLION, YELLOW, REDDISH_PURPLE)  # v1 lies on i-hat, v2 on j-hat
UNREACHABLE = MUTED
HEATMAP_CMAP = "viridis"

# Typography (manim Text font sizes; figures scale them down).
FONT = "DejaVu Sans"
TITLE_SIZE = 40
BODY_SIZE = 28
LABEL_SIZE = 24
SMALL_SIZE = 20
MATH_SIZE = 34
DECIMALS = 2
COSINE_DECIMALS = 3  # the lesson prints cosines to three decimals (0.900, 0.307)

# Keep everything this far (scene units) inside the frame edge.
FRAME_MARGIN = 0.25


def word_color(name: str, names: Sequence[str]) -> str:
    """A word vector's colour, fixed by its position in the lesson's word list."""
    return WORD_COLORS[list(names).index(name) % len(WORD_COLORS)]


def fmt(value: float, decimals: int = DECIMALS) -> str:
    """A number as the viewer reads it: fixed decimals, a true minus sign, never "-0.00"."""
    text = f"{value:.{decimals}f}"
    if float(text) == 0.0:
        text = f"{0.0:.{decimals}f}"
    return text.replace("-", "\u2212")


def percent(share: float, decimals: int = 0) -> str:
    """A share (0..1) in percent that never claims more or less than it is: 99.7 where 99.7 %
    would round to 100, 0.02 where 0.02 % would round to 0 (more decimals until it does not)."""
    value = 100 * share
    for places in range(decimals, 7):
        text = fmt(value, places)
        rounded = float(text.replace("\u2212", "-"))
        if (rounded == 100 and value != 100) or (rounded == 0 and value != 0):
            continue
        return text
    return fmt(value, decimals)  # within a millionth of a percent: float noise, not a claim


def tex_number(value: float, decimals: int = DECIMALS) -> str:
    """`fmt` for MathTex: an ASCII minus, which LaTeX math mode sets as a true minus sign."""
    return fmt(value, decimals).replace("\u2212", "-")


def heat_color(value: float, low: float, high: float) -> str:
    """Hex colour of `value` on the heatmap scale spanning [low, high]."""
    from matplotlib import colormaps  # lazy: only heatmaps pay for matplotlib

    t = 0.5 if high == low else min(max((value - low) / (high - low), 0.0), 1.0)
    r, g, b, _ = colormaps[HEATMAP_CMAP](t)
    return f"#{round(r * 255):02X}{round(g * 255):02X}{round(b * 255):02X}"


def text_on(hex_color: str) -> str:
    """Black or white, whichever reads better on a cell of `hex_color`."""
    r, g, b = (int(hex_color[i : i + 2], 16) / 255 for i in (1, 3, 5))
    luminance = 0.2126 * r + 0.7152 * g + 0.0722 * b
    return "#000000" if luminance > 0.45 else "#FFFFFF"
