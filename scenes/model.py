"""The problem and Step 6 as one chain: token ids -> embedding rows X -> Q, K -> scores -> weights.

Page 1: the input tokens as ids pick rows of the embedding table (the lesson's words, ids down
the side), giving X. Page 2: X times Wᵀ gives Q and K (the lesson's W as both W_Q and W_K, so
K = Q, as the lesson's `K = Q.copy()`), Q Kᵀ scores every token against every other, softmax
turns each row into weights. Shapes are written at every arrow. The end sorts the picture into
the model (downloaded: the table and the weights) and what is computed for this input. Every
number is la_core's `model_chain` (`scenes.narrative.model.chain`).
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
from manim import (
    DOWN,
    LEFT,
    RIGHT,
    UP,
    Arrow,
    BackgroundRectangle,
    FadeIn,
    FadeOut,
    GrowArrow,
    Mobject,
    RoundedRectangle,
    Scene,
    TransformFromCopy,
    VGroup,
    Write,
)

from scenes import catalog, style
from scenes.base import LessonSceneMixin, label
from scenes.narrative import model as narrative
from scenes.narrative import places
from scenes.parts import math, number_matrix, row_box

PAGE_WIDTH = 13.8
PAGE_ONE = (0.0, -0.2, 5.4)  # centre x, centre y, most height
#: Page 2: X · Wᵀ -> Q, K from PAGE_TWO_TOP down; scores -> weights up from PAGE_TWO_BOTTOM, under a
#: diagonal arrow from Q, K (ROWS_GAP for it); the rows share the height as their row counts do.
PAGE_TWO_TOP, PAGE_TWO_BOTTOM, ROWS_GAP = 2.85, -3.45, 1.0
ARROW_GAP = 1.5  # room for an arrow between two blocks
SHAPE_SIZE = style.MATH_SIZE - 6
PANELS = ((-4.6, -0.45, 4.4, 5.9), (2.35, -0.45, 9.0, 5.9))  # the sort: centre x, y, width, height
PANEL_PAD = 0.35
TOKEN_COLOR = style.HIGHLIGHT


def block(title: Mobject, values: np.ndarray, decimals: int, labels: Sequence[Mobject] = ()) -> VGroup:
    """A title over a bracketed matrix, optional labels left of its rows. Parts: title, matrix, labels."""
    matrix = number_matrix(values, decimals=decimals, font_size=style.MATH_SIZE - 4, h_buff=0.95, v_buff=0.58)
    side = VGroup(*(text.next_to(matrix, LEFT, buff=0.2).set_y(row.get_y())
                    for text, row in zip(labels, matrix.get_rows(), strict=bool(labels))))
    title.next_to(VGroup(matrix, side), UP, buff=0.2)
    return VGroup(title, matrix, side)


def shape_text(*lines: str) -> VGroup:
    """What an arrow computes and the shapes, one formula per line."""
    return VGroup(*(math(tex, size=SHAPE_SIZE) for tex in lines)).arrange(DOWN, buff=0.12)


def shape_arrow(start: np.ndarray, end: np.ndarray, text: VGroup, side: np.ndarray | None = UP) -> VGroup:
    """An arrow with its text beside it, or on it (side None: over a patch of background, for a
    slanted arrow whose sides are busy). Parts: arrow, text."""
    arrow = Arrow(start, end, buff=0.1, color=style.MUTED, stroke_width=4, max_tip_length_to_length_ratio=0.2)
    if side is None:
        text.move_to(arrow.get_center())
        patch = BackgroundRectangle(text, color=style.BACKGROUND, fill_opacity=1, buff=0.08)
        return VGroup(arrow, VGroup(patch, text))
    return VGroup(arrow, text.next_to(arrow.get_center(), side, buff=0.15))


def fit(group: Mobject, width: float, height: float, *also: Mobject) -> Mobject:
    """Shrink (never grow) to fit width × height; `also` (text laid out beside it) by as much."""
    factor = min(1.0, width / group.width, height / group.height)
    for other in also:
        other.scale(factor)
    return group.scale(factor)


def dims(array: np.ndarray) -> str:
    return r"(" + r"\times".join(str(n) for n in array.shape) + ")"


class ModelChainScene(LessonSceneMixin, Scene):
    """Ids pick rows of the table; a layer's Q and K; scores; weights; then what is the model."""

    def construct(self) -> None:
        lesson = self.lesson
        self.c = narrative.chain(lesson)
        names, tokens = lesson.word_names, lesson.query_tokens
        self.colors = {n: style.word_color(n, names) for n in names}
        heading = catalog.get("model").title
        self.play(Write(self.title(heading)), run_time=1.0, beat="title", subcaption=f"{heading}.",
                  narration=narrative.say_title())
        self.page_one(names, tokens)
        self.page_two(tokens)
        self.sort()

    # -- page 1: ids pick rows of the table ----------------------------------------
    def page_one(self, names: Sequence[str], tokens: Sequence[str]) -> None:
        c, colors = self.c, self.colors
        ids = block(label("ids", style.LABEL_SIZE, TOKEN_COLOR), c.ids[:, None], 0,
                    [label(t, style.LABEL_SIZE, colors[t]) for t in tokens])
        ids[1].set_color(TOKEN_COLOR)
        table = block(label("embedding table", style.LABEL_SIZE, style.FOREGROUND), c.table, places(c.table),
                      [VGroup(label(str(i), style.LABEL_SIZE, TOKEN_COLOR),
                              label(n, style.LABEL_SIZE, colors[n])).arrange(RIGHT, buff=0.2)
                       for i, n in enumerate(names)])
        x = block(math("X"), c.X, places(c.X), [label(t, style.LABEL_SIZE, colors[t]) for t in tokens])
        page = VGroup(ids, table, x).arrange(RIGHT, buff=ARROW_GAP)
        fit(page, PAGE_WIDTH, PAGE_ONE[2]).move_to([PAGE_ONE[0], PAGE_ONE[1], 0])
        for part in (ids, table, x):  # one baseline for the three titles
            part[0].set_y(max(p[0].get_y() for p in (ids, table, x)))
        to_table = shape_arrow(ids[1].get_right(), table[2].get_left(), shape_text(rf"({len(c.ids)})"))
        to_x = shape_arrow(table[1].get_right(), x[2].get_left(), shape_text(dims(c.X)))

        said = narrative.tokens_caption(self.lesson, c)
        self.play(FadeIn(ids), run_time=1.2, beat="tokens", subcaption=said,
                  narration=narrative.say_tokens(self.lesson, c))
        self.play(FadeIn(table), GrowArrow(to_table[0]), FadeIn(to_table[1]), run_time=1.2, beat="table",
                  subcaption=narrative.table_caption(c),
                  narration=narrative.say_table(c))
        frames = VGroup(*(row_box(table[1], int(i), colors[names[int(i)]], buff=0.06) for i in c.ids))
        self.play(FadeIn(frames), FadeIn(x[0]), FadeIn(x[2]), GrowArrow(to_x[0]), FadeIn(to_x[1]),
                  *(TransformFromCopy(table[1].get_rows()[int(i)], row)
                    for i, row in zip(c.ids, x[1].get_rows(), strict=True)),
                  run_time=1.8, beat="lookup", subcaption=narrative.lookup_caption(c),
                  narration=narrative.say_lookup(c))
        self.remove(*x[1].get_family())
        self.add(x[1])  # the copied rows become X's one matrix again
        self.play(FadeIn(x[1].get_brackets()), run_time=0.4)
        self.wait(1.0)
        self.ids, self.table, self.x = ids, table, x
        self.play(FadeOut(VGroup(ids, table, to_table, to_x, frames)), run_time=0.6)

    # -- page 2: the layer, the scores, the weights ----------------------------------
    def page_two(self, tokens: Sequence[str]) -> None:
        c, colors = self.c, self.colors
        token_labels = lambda: [label(t, style.LABEL_SIZE, colors[t]) for t in tokens]  # noqa: E731
        x = block(math("X"), c.X, places(c.X), token_labels())
        wt = block(math(r"W^\top"), c.W_q.T, places(c.W_q))
        q = block(math("Q"), c.Q, style.DECIMALS, token_labels())
        k = block(math("K"), c.K, style.DECIMALS)  # its rows are Q's tokens, labelled once
        layer = shape_text(r"X W^\top", dims(c.X) + dims(c.W_q.T), r"\to" + dims(c.Q))
        row_a = VGroup(x, math(r"\cdot"), wt, q, k).arrange(RIGHT, buff=0.3)
        VGroup(q, k).shift(RIGHT * (layer.width + 0.3))
        scores = block(math(r"\text{scores}"), c.scores, style.DECIMALS, token_labels())
        weights = block(math(r"\text{weights}"), c.weights, style.DECIMALS, token_labels())
        softmax = shape_text(rf"\text{{softmax}}(\text{{row}}/\sqrt{{{c.Q.shape[1]}}})", dims(c.weights))
        row_b = VGroup(scores, weights).arrange(RIGHT, buff=softmax.width + 0.8)
        room = PAGE_TWO_TOP - PAGE_TWO_BOTTOM - ROWS_GAP
        share = room / (row_a.height + row_b.height)  # both rows at one scale when it fits the width
        fit(row_a, PAGE_WIDTH, share * row_a.height, layer).move_to([0, PAGE_TWO_TOP, 0], aligned_edge=UP)
        fit(row_b, PAGE_WIDTH, share * row_b.height, softmax).move_to([0, PAGE_TWO_BOTTOM, 0],
                                                                        aligned_edge=DOWN)
        to_qk = shape_arrow(wt[1].get_right(), q[2].get_left(), layer, DOWN)
        to_scores = shape_arrow(VGroup(q, k).get_bottom(), scores[0].get_right() + RIGHT * 0.15,
                                shape_text(r"Q K^\top", dims(c.Q) + dims(c.K.T) + r"\to" + dims(c.scores)),
                                None)
        to_weights = shape_arrow(scores[1].get_right(), weights[2].get_left(), softmax, DOWN)
        self.play(FadeOut(self.x), FadeIn(x), run_time=0.5)  # a cross-fade costs a web GIF least
        self.play(FadeIn(row_a[1]), FadeIn(wt), run_time=1.0, beat="weights",
                  subcaption="The layer's weights: the lesson's W, as both W_Q and W_K.",
                  narration=narrative.say_weights())
        self.play(GrowArrow(to_qk[0]), FadeIn(to_qk[1]), FadeIn(q), FadeIn(k), run_time=1.6, beat="layer",
                  subcaption=narrative.layer_caption(c), narration=narrative.layer_narration(c))
        self.wait(1.0)
        self.play(GrowArrow(to_scores[0]), FadeIn(to_scores[1]), FadeIn(scores), run_time=1.6, beat="scores",
                  subcaption=narrative.scores_caption(c),
                  narration=narrative.say_scores(c))
        self.wait(1.0)
        self.play(GrowArrow(to_weights[0]), FadeIn(to_weights[1]), FadeIn(weights),
                  run_time=1.6, beat="softmax", subcaption=narrative.softmax_caption(c),
                  narration=narrative.say_softmax(c))
        self.wait(1.2)
        self.drawn = {"X": x, "Wt": wt, "Q": q, "K": k, "scores": scores, "weights": weights}
        self.arrows = VGroup(row_a[1], to_qk, to_scores, to_weights)

    # -- the sort ------------------------------------------------------------------
    def sort(self) -> None:
        c, d = self.c, self.drawn
        frames = []
        headings = ("the model: what you download", "computed for this input")
        colors = (style.HIGHLIGHT, style.SKY_BLUE)
        for (x, y, w, h), text, color in zip(PANELS, headings, colors, strict=True):
            box = RoundedRectangle(width=w, height=h, corner_radius=0.15, stroke_color=color, stroke_width=3)
            heading = label(text, style.BODY_SIZE - 2, color)
            heading.scale(min(1.0, (w - 2 * PANEL_PAD) / heading.width))
            heading.next_to(box.move_to([x, y, 0]).get_top(), DOWN, buff=0.2)
            frames.append(VGroup(box, heading))
        w_block = block(math("W"), c.W_q, places(c.W_q))
        model = VGroup(self.table.copy(), w_block).arrange(DOWN, buff=0.5)
        self.fit_panel(model, frames[0])
        computed = VGroup(VGroup(d["X"].copy(), d["Q"].copy(), d["K"].copy()).arrange(RIGHT, buff=0.5),
                          VGroup(d["scores"].copy(), d["weights"].copy()).arrange(RIGHT, buff=0.7)
                          ).arrange(DOWN, buff=0.5)
        self.fit_panel(computed, frames[1])
        # A cross-fade, not a move: a web GIF pays for every pixel that changes (moving every matrix
        # at once took the GIF under 45 dB at 500 KB).
        self.play(FadeOut(VGroup(self.arrows, *d.values())), run_time=0.4)
        self.play(FadeIn(frames[0]), FadeIn(frames[1]), FadeIn(model), FadeIn(computed),
                  run_time=0.6, beat="sort", subcaption=narrative.sort_caption(),
                  narration=narrative.say_sort())
        self.wait(2.5)

    @staticmethod
    def fit_panel(group: VGroup, frame: VGroup) -> None:
        """Scale `group` into the panel under its heading."""
        box, heading = frame
        room_h = heading.get_bottom()[1] - box.get_bottom()[1] - 2 * PANEL_PAD
        group.scale(min(1.0, (box.width - 2 * PANEL_PAD) / group.width, room_h / group.height))
        group.move_to([box.get_x(), box.get_bottom()[1] + PANEL_PAD + room_h / 2, 0])


__all__ = ["ModelChainScene"]
