"""The dot product's opening: the lesson's pair as two columns, multiplied entry by entry and
summed, every term written out before the total (in the data's own decimals, from
`scenes.narrative.dot_product.terms`, la_core's `dot_terms`)."""

from __future__ import annotations

import numpy as np
from manim import (
    DOWN,
    LEFT,
    RIGHT,
    UP,
    DecimalMatrix,
    FadeIn,
    FadeOut,
    MathTex,
    TransformFromCopy,
    VGroup,
    Write,
)

from scenes import style
from scenes.base import label
from scenes.narrative import dot_product as narrative
from scenes.parts import math

WORK_TOP = 2.75  # the columns and the lines under them fit between this and WORK_BOTTOM
WORK_BOTTOM = -3.6
WORK_WIDTH = 13.2


def tex(text: str) -> str:
    """A number as `fmt` wrote it, for MathTex (ASCII minus)."""
    return text.replace("\u2212", "-")


def column(name: str, vector: np.ndarray, color: str, decimals: int) -> VGroup:
    """A word's heading over its entries as a column vector, in the word's colour."""
    entries = DecimalMatrix([[value] for value in vector], v_buff=0.6,
                            element_to_mobject_config={"num_decimal_places": decimals, "color": color})
    entries.scale(0.7)
    return VGroup(label(name, color=color).next_to(entries, UP, buff=0.2), entries)


def products_line(terms: narrative.Terms, color_a: str, color_b: str) -> MathTex:
    """'= x1 · y1 + x2 · y2 + …': part 1 + 4t is a's entry, 3 + 4t b's (t from 0)."""
    parts = ["="]
    for t, (x, y) in enumerate(terms.factors()):
        parts += (["+"] if t else []) + [tex(x), r"\cdot", tex(y)]
    line = MathTex(*parts, font_size=style.MATH_SIZE)
    for t in range(len(terms.products)):
        line[4 * t + 1].set_color(color_a)
        line[4 * t + 3].set_color(color_b)
    return line


def multiply_and_add(scene, vec_a: np.ndarray, vec_b: np.ndarray, intro_center: np.ndarray,
                     panel_center: np.ndarray) -> VGroup:
    """Columns, the products, their sum and the total; then the columns and the total move to
    `panel_center`. Returns (columns, times, equals, total) for the scene to fade later."""
    terms = narrative.terms(scene.lesson)
    a, b = scene.name_a, scene.name_b
    columns = VGroup(column(a, vec_a, scene.color_a, terms.entry_places),
                     column(b, vec_b, scene.color_b, terms.entry_places))
    times, equals = math(r"\cdot").scale(1.3), math("=")
    total = math(tex(style.fmt(terms.total, terms.product_places)), color=style.HIGHLIGHT)
    row = VGroup(columns[0], times, columns[1], equals, total).arrange(RIGHT, buff=0.3)
    products = products_line(terms, scene.color_a, scene.color_b)
    sums = MathTex("=", tex(terms.sums()), font_size=style.MATH_SIZE)
    result = MathTex("=", tex(style.fmt(terms.total, terms.product_places)), font_size=style.MATH_SIZE)
    result[1].set_color(style.HIGHLIGHT)
    lines = VGroup(products, sums, result).arrange(DOWN, aligned_edge=LEFT, buff=0.3)
    work = VGroup(row, lines).arrange(DOWN, buff=0.45)
    work.scale(min(1.0, WORK_WIDTH / work.width, (WORK_TOP - WORK_BOTTOM) / work.height))
    work.move_to([intro_center[0], (WORK_TOP + WORK_BOTTOM) / 2, 0])
    entries_a, entries_b = (c[1].get_entries() for c in columns)

    scene.play(FadeIn(columns), FadeIn(times), run_time=1.2, beat="pair",
               subcaption=f"{a} and {b}: two lists of {len(vec_a)} numbers.",
               narration=narrative.say_columns(scene.lesson))
    scene.play(*(TransformFromCopy(entries_a[t], products[4 * t + 1]) for t in range(len(vec_a))),
               *(TransformFromCopy(entries_b[t], products[4 * t + 3]) for t in range(len(vec_a))),
               *(FadeIn(products[k]) for k in range(len(products)) if k % 4 in (0, 2)),
               run_time=1.6, beat="multiply", subcaption=narrative.terms_caption(terms),
               narration=narrative.terms_narration(terms, a, b))
    scene.remove(*products.get_family())
    scene.add(products)  # the pieces animated one by one become one line again
    scene.play(Write(sums), run_time=1.0)
    scene.play(Write(result), run_time=0.6)
    scene.play(FadeIn(equals), TransformFromCopy(result[1], total), run_time=0.8, beat="total",
               subcaption="Multiply element by element, add it all up: one number.",
               narration=narrative.say_sum(scene.lesson))
    scene.wait(1.0)
    intro = VGroup(columns, times, equals, total)
    scene.play(FadeOut(lines), intro.animate.move_to(panel_center), run_time=0.8, beat="to_arrows",
               subcaption="Now draw the two vectors as arrows.",
               narration=narrative.say_to_arrows())
    return intro
