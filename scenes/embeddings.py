"""Step 1's table beyond words (and Step 2's recommenders): an image and a user become vectors.

A small greyscale grid unrolls row by row into one vector, and a near copy and a different
picture are compared with it by cosine. A user's preferences are dotted with every item, the
scores ranked and the top item recommended; a second user is compared with the first by cosine.
The scene ends on one line per row of the lesson's table. Every number comes from la_core
(`unroll`, `image_cosine`, `recommend`, `cosine_similarity`) through `scenes.narrative.embeddings`.
"""

from __future__ import annotations

import numpy as np
from manim import (
    DOWN,
    LEFT,
    RIGHT,
    UP,
    FadeIn,
    FadeOut,
    LaggedStart,
    Mobject,
    Scene,
    Square,
    SurroundingRectangle,
    TransformFromCopy,
    VGroup,
    VMobject,
    Write,
)

from scenes import catalog, style
from scenes.base import LessonSceneMixin, label
from scenes.narrative import embeddings as narrative

GRID_CELL = 0.6
STRIP_CELL = 0.75
GRID_AT = np.array([-4.6, 1.35, 0.0])  # the image's centre
SMALL_CELL = 0.36
COMPARE_AT = (np.array([0.6, 1.35, 0.0]), np.array([4.4, 1.35, 0.0]))  # near copy, other picture
STRIP_Y = -1.1  # the unrolled vector
STRIP_WIDTH = 13.2
TABLE_TOP = 2.5
TABLE_LEFT = -6.7
NAME_WIDTH = 2.9
COLUMN = 1.8
ROW = 0.62
FOOTER_Y = -3.2
LINES_TOP = 1.5
LINE_GAP = 1.1
TEXT_WIDTH = 13.2
TITLE = catalog.get("embeddings").title


def grid(values: np.ndarray, cell: float, decimals: int | None = None) -> VGroup:
    """Squares shaded by pixel value (0 black, 1 white), row by row; with `decimals`, each
    square shows its number."""
    squares = VGroup()
    rows, columns = values.shape
    for i in range(rows):
        for j in range(columns):
            shade = _grey(values[i, j])
            square = Square(side_length=cell, stroke_color=style.GRID, stroke_width=1.5)
            square.set_fill(shade, opacity=1).move_to([j * cell, -i * cell, 0])
            if decimals is not None:
                square.add(label(style.fmt(float(values[i, j]), decimals), style.SMALL_SIZE - 4,
                                 style.text_on(shade)).move_to(square))
            squares.add(square)
    return squares


def _grey(value: float) -> str:
    level = round(40 + 215 * float(value))  # 0 is a dark grey, so a black pixel still shows
    return f"#{level:02X}{level:02X}{level:02X}"


class Embeddings(LessonSceneMixin, Scene):
    """An image and a user as vectors: unroll and compare; dot with every item and recommend."""

    def construct(self) -> None:
        lesson, tale = self.lesson, narrative.story(self.lesson)
        data = lesson.embeddings
        heading = self.title(TITLE)
        self.play(Write(heading), run_time=1.2, subcaption=f"{TITLE}.", beat="title",
                  narration=narrative.say_title())
        image = grid(data.image, GRID_CELL, tale.decimals).move_to(GRID_AT)
        name = label("image", style.LABEL_SIZE, style.MUTED).next_to(image, UP, buff=0.15)
        strip = self._strip(data.image, tale.decimals)
        self.play(FadeIn(image), FadeIn(name), run_time=1.0)
        self.play(LaggedStart(*(TransformFromCopy(image[k], strip[k]) for k in range(len(strip))),
                              lag_ratio=0.12),
                  run_time=3.0, subcaption=narrative.unroll_caption(tale), beat="unroll",
                  narration=narrative.unroll_narration(tale))
        self.wait(0.8)

        pictures = []
        for values, at, title, cos in ((data.near, COMPARE_AT[0], "near copy", tale.near_cos),
                                       (data.other, COMPARE_AT[1], "other picture", tale.other_cos)):
            picture = grid(values, SMALL_CELL).move_to(at)
            lines = VGroup(label(title, style.LABEL_SIZE, style.MUTED),
                           label(narrative.image_line(cos), style.LABEL_SIZE, style.FOREGROUND))
            lines.arrange(DOWN, buff=0.1).next_to(picture, DOWN, buff=0.2)
            pictures.append(VGroup(picture, lines))
        self.play(*(FadeIn(p) for p in pictures), run_time=1.8, subcaption=narrative.compare_caption(tale),
                  beat="compare", narration=narrative.compare_narration(tale))
        self.wait(1.5)
        self.play(*(FadeOut(m) for m in (image, name, strip, *pictures)), run_time=0.8)

        table = self._table(tale, data)
        self.play(FadeIn(table["head"]), FadeIn(table["user"]), FadeIn(table["items"]), run_time=1.5,
                  subcaption=narrative.user_caption(tale), beat="user",
                  narration=narrative.say_user(tale))
        self.play(LaggedStart(*(FadeIn(s) for s in table["scores"]), lag_ratio=0.2),
                  FadeIn(table["score_head"]), run_time=1.8, subcaption=narrative.scores_caption(tale),
                  beat="scores", narration=narrative.say_scores(tale))
        slots = [row.get_y() for row in table["rows"]]
        moves = []
        for place, k in enumerate(int(k) for k in tale.mine.order):
            moves += [table[part][k].animate.set_y(slots[place]) for part in ("rows", "scores")]
            table["their_scores"][k].set_y(slots[place])  # not on screen yet
        self.play(*moves, run_time=1.2, subcaption="Ranked, highest score first.", beat="ranked",
                  narration=narrative.say_ranked(tale))
        top = tale.mine.top[0]
        best = SurroundingRectangle(VGroup(table["rows"][top], table["scores"][top]), color=style.HIGHLIGHT,
                                    buff=0.08)
        pick = label(narrative.recommended_line(tale), style.BODY_SIZE, style.HIGHLIGHT)
        pick.move_to([TABLE_LEFT, FOOTER_Y + 0.6, 0], aligned_edge=LEFT)
        self.play(FadeIn(best), Write(pick), run_time=1.2)
        self.wait(0.8)
        theirs = SurroundingRectangle(table["their_scores"][tale.theirs.top[0]], color=style.POSITIVE,
                                      buff=0.08)
        near_line = label(narrative.neighbour_line(tale), style.LABEL_SIZE, style.POSITIVE)
        near_line.scale(min(1.0, TEXT_WIDTH / near_line.width))
        near_line.move_to([TABLE_LEFT, FOOTER_Y, 0], aligned_edge=LEFT)
        self.play(FadeIn(table["neighbour"]), FadeIn(table["their_head"]),
                  LaggedStart(*(FadeIn(s) for s in table["their_scores"]), lag_ratio=0.2),
                  FadeIn(theirs), FadeIn(near_line), run_time=2.2,
                  subcaption=narrative.neighbour_caption(tale), beat="neighbour",
                  narration=narrative.neighbour_narration(tale))
        self.wait(1.5)

        everything = [m for m in self.mobjects if m is not heading and isinstance(m, VMobject)]
        lines = self._lines(tale)
        self.play(*(FadeOut(m) for m in everything),
                  LaggedStart(*(FadeIn(line) for line in lines), lag_ratio=0.3),
                  run_time=2.5, subcaption="The lesson's table: every row a vector.", beat="table",
                  narration=narrative.say_table())
        self.wait(2.5)

    def _strip(self, image: np.ndarray, decimals: int) -> VGroup:
        """The pixels in one row, in reading order, their numbers in the squares."""
        cells = grid(image.reshape(1, -1), STRIP_CELL, decimals)
        cells.arrange(RIGHT, buff=0.06)
        cells.scale(min(1.0, STRIP_WIDTH / cells.width)).move_to([0, STRIP_Y, 0])
        return cells

    def _cell(self, text: str, column: int, row: int, color: str = style.FOREGROUND,
              size: int = style.LABEL_SIZE) -> Mobject:
        x = TABLE_LEFT + NAME_WIDTH + column * COLUMN
        return label(text, size, color).move_to([x, TABLE_TOP - row * ROW, 0])

    def _table(self, tale: narrative.Story, data) -> dict:
        """Features across; the user, the second user and the items down; two score columns."""
        count = len(tale.features)

        def name(text: str, row: int, color: str) -> Mobject:
            return label(text, style.LABEL_SIZE, color).move_to([TABLE_LEFT, TABLE_TOP - row * ROW, 0],
                                                                aligned_edge=LEFT)

        def numbers(values: np.ndarray, row: int, color: str) -> VGroup:
            return VGroup(*(self._cell(style.fmt(float(v)), j, row, color) for j, v in enumerate(values)))

        head = VGroup(*(self._cell(feature, j, 0, style.MUTED, style.SMALL_SIZE)
                        for j, feature in enumerate(tale.features)))
        user = VGroup(name("user", 1, style.HIGHLIGHT), numbers(data.user, 1, style.HIGHLIGHT))
        neighbour = VGroup(name("second user", 2, style.POSITIVE), numbers(data.neighbour, 2, style.POSITIVE))
        rows, scores, theirs = [], [], []
        for k, item in enumerate(tale.items):
            row = 3 + k
            rows.append(VGroup(name(item, row, style.FOREGROUND),
                               numbers(data.items[item], row, style.FOREGROUND)))
            scores.append(self._cell(style.fmt(float(tale.mine.scores[k])), count, row, style.HIGHLIGHT))
            theirs.append(self._cell(style.fmt(float(tale.theirs.scores[k])), count + 1, row, style.POSITIVE))
        return {"head": head, "user": user, "neighbour": neighbour, "items": VGroup(*rows), "rows": rows,
                "scores": scores, "their_scores": theirs,
                "score_head": self._cell("user · item", count, 0, style.HIGHLIGHT, style.SMALL_SIZE),
                "their_head": self._cell("second · item", count + 1, 0, style.POSITIVE, style.SMALL_SIZE)}

    def _lines(self, tale: narrative.Story) -> list[Mobject]:
        """The lesson's table, one line per row (thing → what it becomes: what it is for), at one size."""
        head = label("Thing → becomes: so the model can…", style.LABEL_SIZE, style.MUTED)
        lines = [label(text, style.BODY_SIZE - 2, style.FOREGROUND) for text in narrative.table_lines(tale)]
        factor = min(1.0, TEXT_WIDTH / max(line.width for line in lines))
        head.move_to([TABLE_LEFT, LINES_TOP + LINE_GAP, 0], aligned_edge=LEFT)
        for k, line in enumerate(lines):
            line.scale(factor).move_to([TABLE_LEFT, LINES_TOP - k * LINE_GAP, 0], aligned_edge=LEFT)
        return [head, *lines]


__all__ = ["Embeddings"]
