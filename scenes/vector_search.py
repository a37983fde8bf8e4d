"""Step 2's applications — vector search: the query dotted against every stored document.

The documents sit as rows under the query, column by column; each row's dot product with the
query fills a score column, the rows sort highest first and the top k are lit and returned.
Then the same ranking by cosine (each score divided by both lengths, `|d|` shown): a long
document can win on the dot product and lose on cosine. Every number comes from la_core
(`vector_search`, `norm`); the words from `scenes.narrative.vector_search`.
"""

from __future__ import annotations

import numpy as np
from manim import (
    LEFT,
    RIGHT,
    UP,
    Create,
    DecimalNumber,
    FadeIn,
    FadeOut,
    LaggedStart,
    MathTex,
    ReplacementTransform,
    Scene,
    SurroundingRectangle,
    VGroup,
    Write,
)

from scenes import catalog, style
from scenes.base import LessonSceneMixin, label
from scenes.narrative import places
from scenes.narrative import vector_search as narrative
from scenes.parts import ReadoutPanel, number_matrix, row_box

# Layout (scene units).
TABLE_LEFT = -6.6
TABLE_TOP = 2.75
TABLE_WIDTH = 9.0  # the widest the query, documents and score columns may be
ENTRY_SIZE = 30
H_BUFF = 0.95  # column spacing for entries like 0.80
CHAR_BUFF = 0.2  # more per extra character of the widest entry
ROW_GAP = 0.58
QUERY_GAP = 0.35  # between the query row and the documents
NAME_GAP = 0.3
COLUMN_STEP = 1.15  # between the score columns' centres
FIRST_COLUMN = 0.95  # from the documents' right edge to the first score column's centre
PANEL_RIGHT = 6.85
PANEL_WIDTH = 3.9
PANEL_TOP = 2.2
PANEL_ROW = 0.52
PANEL_PAD = 0.25
FOOTER_Y = (-2.7, -3.4)
FOOTER_WIDTH = 13.4
FRAME_BUFF = 0.08
SORT_OUT, SORT_IN, SORT_LAG = 0.5, 1.3, 0.25  # seconds out, seconds back in, overlap of the rows

TITLE = catalog.get("vector_search").title


def number(value: float, decimals: int = style.DECIMALS, color: str = style.FOREGROUND) -> DecimalNumber:
    return DecimalNumber(value, num_decimal_places=decimals, font_size=ENTRY_SIZE, color=color)


def dot_formula(query: np.ndarray, doc: np.ndarray, name: str, score: float) -> MathTex:
    """q · d written out entry by entry, as the first document's score is computed."""
    tex, count = style.tex_number, places(np.concatenate([query, doc]))
    terms = " + ".join(rf"({tex(a, count)})({tex(b, count)})" for a, b in zip(query, doc, strict=True))
    return MathTex(rf"q \cdot d_{{\text{{{name}}}}} = {terms} = {tex(score)}", font_size=style.MATH_SIZE,
                   color=style.FOREGROUND)


class VectorSearch(LessonSceneMixin, Scene):
    """Score every document against the query, sort, return the top k; then again by cosine."""

    def construct(self) -> None:
        lesson = self.lesson
        tale = narrative.story(lesson)
        docs, query, names = lesson.document_matrix, lesson.search_query, tale.names
        heading = self.title(TITLE)
        self.play(Write(heading), run_time=1.2, subcaption=f"{TITLE}.", beat="intro",
                  narration=narrative.say_intro())

        table = self._table(docs, query, names)
        self.play(FadeIn(table["query"]), FadeIn(table["docs"]), FadeIn(table["names"]),
                  FadeIn(table["query_name"]), run_time=1.5,
                  subcaption=narrative.intro_caption(lesson, tale), beat="documents",
                  narration=narrative.say_documents(lesson, tale))
        self.wait(0.8)
        self._score_by_dot(table, docs, query, tale)

        # Sort by the dot product: the highest first; then the top k are lit and returned.
        self._sort(table, tale.dot.order, narrative.sorted_caption(tale), "sort_by_dot",
                   narrative.say_sorted(tale))
        frame = self._top_frame(table, tale.dot.top, style.HIGHLIGHT)
        panel = self._panel(tale)
        rows = panel.rows
        self.play(Create(frame), FadeIn(panel.panel), FadeIn(rows[0][0]),
                  *(ReplacementTransform(table["names"][i].copy(), rows[1 + rank][0])
                    for rank, i in enumerate(tale.dot.top)),
                  run_time=1.8, subcaption=narrative.returned_caption(tale), beat="returned_by_dot",
                  narration=narrative.say_returned(tale))
        self.wait(1.2)

        # The same ranking by cosine: divide by both lengths.
        lengths, cosines = self._cosine_columns(table, tale)
        self.play(FadeIn(table["length_head"]), FadeIn(table["cos_head"]),
                  LaggedStart(*(FadeIn(n) for n in lengths), lag_ratio=0.1),
                  LaggedStart(*(FadeIn(n) for n in cosines), lag_ratio=0.1),
                  run_time=2.0, subcaption="Now cosine: each dot product divided by both lengths.",
                  beat="cosine", narration=narrative.say_cosine_columns())
        self.wait(1.0)
        self._sort(table, tale.cosine.order, "Sorted by cosine, highest first.", "sort_by_cosine",
                   narrative.say_cosine_sorted())
        cosine_frame = self._top_frame(table, tale.cosine.top, style.POSITIVE)
        self.play(ReplacementTransform(frame, cosine_frame), FadeIn(rows[0][1]),
                  *(ReplacementTransform(table["names"][i].copy(), rows[1 + rank][1])
                    for rank, i in enumerate(tale.cosine.top)),
                  run_time=1.8, subcaption=narrative.cosine_caption(tale), beat="returned_by_cosine",
                  narration=narrative.say_cosine_returned(tale))
        self.wait(1.0)

        verdict = label(narrative.verdict(tale), style.LABEL_SIZE, style.FOREGROUND)
        verdict.scale(min(1.0, FOOTER_WIDTH / verdict.width)).move_to([0, FOOTER_Y[0], 0])
        marks = [table["names"][i].animate.set_color(style.NEGATIVE) for i in tale.on_length]
        marks += [rows[1 + tale.dot.top.index(i)][0].animate.set_color(style.NEGATIVE)
                  for i in tale.on_length]
        self.play(Write(verdict), *marks, run_time=1.8, subcaption=narrative.verdict_caption(tale),
                  beat="verdict", narration=narrative.say_verdict(tale))
        self.wait(1.5)
        uses = label("RAG returns the top-scoring chunks; recommenders dot a user with every item",
                     style.LABEL_SIZE, style.MUTED)
        uses.scale(min(1.0, FOOTER_WIDTH / uses.width)).move_to([0, FOOTER_Y[1], 0])
        self.play(FadeIn(uses, shift=0.2 * UP), run_time=1.5,
                  subcaption="RAG retrieval returns the top-scoring chunks; recommenders dot a user "
                             "vector against every item vector.", beat="uses", narration=narrative.say_uses())
        self.wait(2.5)

    # -- building ----------------------------------------------------------------
    def _table(self, docs: np.ndarray, query: np.ndarray, names: tuple[str, ...]) -> dict:
        """The query row over the documents' rows, names on the left, score-column headings."""
        # Columns spaced for the widest entry ("−95.50" needs more room than "0.80").
        widest = max(len(style.fmt(float(v))) for v in (*docs.ravel(), *query))
        spacing = H_BUFF + CHAR_BUFF * max(0, widest - len(style.fmt(0.0)))
        matrix = number_matrix(docs, font_size=ENTRY_SIZE, h_buff=spacing, v_buff=ROW_GAP)
        query_row = number_matrix(query[None, :], font_size=ENTRY_SIZE, h_buff=spacing, v_buff=ROW_GAP)
        query_row.set_color(style.HIGHLIGHT).next_to(matrix, UP, buff=QUERY_GAP)
        for entry, column in zip(query_row.get_columns(), matrix.get_columns(), strict=True):
            entry.set_x(column.get_x())
        query_row.get_brackets()[0].set_x(matrix.get_brackets()[0].get_x())
        query_row.get_brackets()[1].set_x(matrix.get_brackets()[1].get_x())
        name_x = matrix.get_left()[0] - NAME_GAP
        doc_names = VGroup(*(
            label(name, style.LABEL_SIZE, style.FOREGROUND).move_to([name_x, row.get_y(), 0],
                                                                   aligned_edge=RIGHT)
            for name, row in zip(names, matrix.get_rows(), strict=True)
        ))
        query_name = label("query", style.LABEL_SIZE, style.HIGHLIGHT)
        query_name.move_to([name_x, query_row.get_y(), 0], aligned_edge=RIGHT)
        columns = [matrix.get_right()[0] + FIRST_COLUMN + n * COLUMN_STEP for n in range(3)]
        heads = {key: MathTex(tex, font_size=style.MATH_SIZE - 4, color=style.MUTED)
                 .move_to([x, query_row.get_y(), 0])
                 for key, tex, x in zip(("dot_head", "length_head", "cos_head"),
                                        (r"q \cdot d", r"|d|", r"\cos"), columns, strict=True)}
        everything = VGroup(matrix, query_row, doc_names, query_name, *heads.values())
        factor = min(1.0, TABLE_WIDTH / everything.width)
        everything.scale(factor)
        everything.move_to([TABLE_LEFT, TABLE_TOP, 0], aligned_edge=LEFT + UP)
        slots = [row.get_y() for row in matrix.get_rows()]
        rows = [VGroup(name, *row) for name, row in zip(doc_names, matrix.get_rows(), strict=True)]
        return {"docs": matrix, "query": query_row, "names": doc_names, "query_name": query_name,
                "columns": [head.get_x() for head in heads.values()], "slots": slots, "rows": rows,
                "factor": factor, **heads}

    def _at(self, table: dict, value: float, column: int, row: int, decimals: int = style.DECIMALS,
            color: str = style.FOREGROUND) -> DecimalNumber:
        """A score beside document `row`, in score column `column`, at the table's scale."""
        shown = number(value, decimals, color).scale(table["factor"])
        shown.move_to([table["columns"][column], table["rows"][row].get_y(), 0])
        table["rows"][row].add(shown)
        return shown

    def _score_by_dot(self, table: dict, docs: np.ndarray, query: np.ndarray, tale: narrative.Story) -> None:
        """Each document's row lit with the query's, its score appearing in the first column."""
        scores = [self._at(table, tale.dot.scores[i], 0, i) for i in range(len(tale.names))]
        first = dot_formula(query, docs[0], tale.names[0], float(tale.dot.scores[0]))
        first.scale(min(1.0, FOOTER_WIDTH / first.width)).move_to([0, FOOTER_Y[0], 0])
        query_box = SurroundingRectangle(table["query"].get_rows()[0], color=style.HIGHLIGHT, buff=FRAME_BUFF)
        box = row_box(table["docs"], 0, style.FOREGROUND, buff=FRAME_BUFF)
        self.play(FadeIn(table["dot_head"]), Create(query_box), Create(box), Write(first), FadeIn(scores[0]),
                  run_time=2.2, subcaption=narrative.first_score_caption(tale), beat="first_score",
                  narration=narrative.say_first_score(tale))
        self.wait(1.2)
        for i in range(1, len(scores)):
            self.play(box.animate.move_to(row_box(table["docs"], i, style.FOREGROUND, buff=FRAME_BUFF)),
                      FadeIn(scores[i]), run_time=0.5,
                      subcaption="Every other document the same way: one score each." if i == 1 else None,
                      beat="score_the_rest", narration=narrative.say_others() if i == 1 else None)
        self.wait(0.6)
        self.play(FadeOut(box), FadeOut(query_box), FadeOut(first), run_time=0.6)

    def _sort(self, table: dict, order: np.ndarray, caption: str, beat: str, narration: str) -> None:
        """The rows fade out and come back in rank order, the document ranked r in slot r (moving
        them in place would run rows through each other, unreadable mid-way)."""
        rows = table["rows"]
        self.play(*(row.animate.set_opacity(0) for row in rows), run_time=SORT_OUT, subcaption=caption,
                  beat=beat, narration=narration)
        for slot, i in enumerate(order):
            rows[int(i)].set_y(table["slots"][slot])
        self.play(LaggedStart(*(rows[int(i)].animate.set_opacity(1) for i in order), lag_ratio=SORT_LAG),
                  run_time=SORT_IN)
        self.wait(0.6)

    def _top_frame(self, table: dict, top: tuple[int, ...], color: str) -> SurroundingRectangle:
        return SurroundingRectangle(VGroup(*(table["rows"][i] for i in top)), color=color, buff=FRAME_BUFF)

    def _cosine_columns(self, table: dict, tale: narrative.Story) -> tuple[list, list]:
        count = len(tale.names)
        lengths = [self._at(table, tale.lengths[i], 1, i, color=style.MUTED) for i in range(count)]
        cosines = [self._at(table, tale.cosine.scores[i], 2, i, narrative.COSINE_DECIMALS)
                   for i in range(count)]
        return lengths, cosines

    def _panel(self, tale: narrative.Story) -> ReadoutPanel:
        """Returned, best first: by dot product on the left, by cosine on the right."""
        heads = (MathTex(r"\text{top }" + str(tale.k) + r"\text{ by } q \cdot d",
                         font_size=style.MATH_SIZE - 8, color=style.HIGHLIGHT),
                 MathTex(r"\text{by }\cos", font_size=style.MATH_SIZE - 8, color=style.POSITIVE))
        widest = (PANEL_WIDTH - 2 * PANEL_PAD) / 2 - 0.1
        pairs = [heads]
        for dot_index, cos_index in zip(tale.dot.top, tale.cosine.top, strict=True):
            pair = tuple(label(tale.names[i], style.LABEL_SIZE, style.FOREGROUND)
                         for i in (dot_index, cos_index))
            pairs.append(tuple(name.scale(min(1.0, widest / name.width)) for name in pair))
        for name in heads:
            name.scale(min(1.0, widest / name.width))
        height = PANEL_ROW * len(pairs) + 2 * PANEL_PAD
        center = np.array([PANEL_RIGHT - PANEL_WIDTH / 2, PANEL_TOP - height / 2, 0.0])
        panel = ReadoutPanel(pairs, center, (PANEL_WIDTH, height), pad=PANEL_PAD, gap=PANEL_ROW)
        panel.panel.set_z_index(-1)  # the names fly in over it
        return panel


__all__ = ["VectorSearch"]
