"""Step 3's diagnosis table, all four rows, each with an example X from [conditioning] and the
weights w that fit X w ≈ y, solved by la_core.

Full rank: one best w. Rank-deficient: two different w fit equally well, and ridge picks one.
Rank 1: every column a multiple of one. Ill-conditioned: solve, nudge y by about 1 % along the
direction X is weakest in, watch w swing; ridge regression barely moves. Ranks, condition
numbers and situations are `la_core.diagnose`'s; the words are `scenes.narrative.conditioning`'s.
"""

from __future__ import annotations

import numpy as np
from manim import (
    DOWN,
    LEFT,
    RIGHT,
    UP,
    Arrow,
    Create,
    FadeIn,
    FadeOut,
    MathTex,
    Matrix,
    Mobject,
    ReplacementTransform,
    Scene,
    SurroundingRectangle,
    Text,
    VGroup,
    Write,
)

from scenes import catalog, style
from scenes.base import LessonSceneMixin, label
from scenes.narrative import conditioning as narrative
from scenes.parts import column_box, number_matrix

# Layout (scene units).
TABLE_TOP = 2.6
TABLE_ROW = 0.5
COLUMNS_X = (-6.8, -2.75, -1.35, -0.3)  # situation (left), rank, κ (centres), meaning (left)
MEANING_WIDTH = 7.1
WORK_Y = -1.45  # centre line of the example and its weights
MATRIX_LEFT = -6.85
MATRIX_WIDTH = 3.6  # at most: a 4-column X with long entries is scaled into it
ENTRY_SIZE = 30
ENTRY_STEP = 0.2  # column spacing per character of the widest entry
MIN_ENTRY_CHARS = 5
WEIGHTS_X = (-1.6, 1.3, 4.2, 6.0)  # centres of up to four weight columns (the last, narrow)
WEIGHT_SIZE = 28
RIDGE_GAP = 0.5  # between the nudged weights and ridge's, and between ridge's two
RIGHT_EDGE = 6.85
WEIGHT_WIDTH = 2.1  # the widest a weight column may be (the columns sit about 2.9 apart)
CAPTION_GAP = 0.22
ARROW_GAP = 0.15
RELATION_GAP_X = 0.8  # from X's right bracket to the column relations
RELATION_GAP = 0.55
FRAME_BUFF = 0.06
SWAP_TIME = 0.8

TITLE = catalog.get("conditioning").title
#: The table's rows as the lesson words them (true for every lesson that loads: each example is
#: refused unless it is its row's situation). The last row's "tiny input noise, big output swings"
#: is said as the picture shows it: y (what the solve takes in) nudged, w (what it gives) swinging.
MEANINGS = {
    "full rank": "every feature adds information: one best set of weights",
    "rank-deficient": "many weights fit equally well; regularization picks one",
    "rank 1": "every column is a scaled copy of one vector",
    "ill-conditioned": "tiny nudge to y, big swing in w; same fix: regularize",
}
NAMES = {"full rank": "Full rank", "rank-deficient": "Rank-deficient", "rank 1": "Rank 1",
         "ill-conditioned": "Almost rank-deficient"}


def weight_column(w: np.ndarray, name: str, note: str | None = None, color: str = style.FOREGROUND,
                  words: bool = False) -> VGroup:
    """A weight vector as a column, its name above and an optional note (its fit) below; the name
    and note are set as TeX, or as plain text when `words` (α and words read best in the house font)."""
    column = number_matrix(w[:, None], font_size=WEIGHT_SIZE, v_buff=0.5).set_color(color)
    column.scale(min(1.0, WEIGHT_WIDTH / column.width))  # millions, when a nudge swings them far

    def setting(text: str, size: int, tint: str) -> Mobject:
        return label(text, size - 8, tint) if words else MathTex(text, font_size=size, color=tint)

    heading = setting(name, style.MATH_SIZE - 4, color).next_to(column, UP, buff=CAPTION_GAP)
    parts = [column, heading]
    if note is not None:
        parts.append(setting(note, style.MATH_SIZE - 10, style.MUTED).next_to(column, DOWN, buff=CAPTION_GAP))
    return VGroup(*parts)


def misfit(value: float) -> str:
    return rf"|Xw - y| = {style.tex_number(value)}"


class ConditioningScene(LessonSceneMixin, Scene):
    """The four rows of the rank table, lit in turn, each with its example solved."""

    def construct(self) -> None:
        lesson = self.lesson
        t = narrative.table(lesson)
        heading = self.title(TITLE)
        self.play(Write(heading), run_time=1.2, subcaption=f"{TITLE}.", beat="intro",
                  narration=narrative.say_intro())
        rows = self._table(t)
        self.play(FadeIn(rows), run_time=1.8, subcaption=narrative.intro_caption(), beat="table",
                  narration=narrative.say_table())
        self.wait(0.8)

        frame = SurroundingRectangle(rows[1], color=style.HIGHLIGHT, buff=FRAME_BUFF)
        work = self._example(t, 0)
        best = weight_column(t.best, "w", misfit(t.best_fit), style.HIGHLIGHT)
        best.move_to([WEIGHTS_X[0], WORK_Y, 0])
        self.play(Create(frame), FadeIn(work), FadeIn(best), run_time=2.0,
                  subcaption=narrative.full_caption(t), beat="full_rank", narration=narrative.say_full(t))
        self.wait(1.5)

        frame, work = self._next_row(rows, frame, work, t, 1)
        first, second = t.equal
        pair = VGroup(weight_column(first, "w", misfit(t.equal_fits[0])).move_to([WEIGHTS_X[0], WORK_Y, 0]),
                      weight_column(second, "w'", misfit(t.equal_fits[1])).move_to([WEIGHTS_X[1], WORK_Y, 0]))
        self.play(FadeOut(best), FadeIn(pair), run_time=1.6, subcaption=narrative.deficient_caption(t),
                  beat="rank_deficient", narration=narrative.say_deficient(t))
        self.wait(1.2)
        pick = weight_column(t.ridge_pick, "ridge", f"α = {narrative.alpha_text(t.alpha)}", style.POSITIVE,
                             words=True).move_to([WEIGHTS_X[2], WORK_Y, 0])
        self.play(FadeIn(pick, shift=0.2 * LEFT), run_time=1.4, subcaption=narrative.ridge_pick_caption(t),
                  beat="ridge_picks", narration=narrative.say_ridge_pick(t))
        self.wait(1.2)

        frame, work = self._next_row(rows, frame, work, t, 2, also=VGroup(pair, pick))
        relations = self._relations(t, work)
        self.play(FadeIn(relations[0]), FadeIn(relations[1]), run_time=1.8,
                  subcaption=narrative.rank_one_caption(t), beat="rank_one",
                  narration=narrative.say_rank_one(t))
        self.wait(1.5)

        frame, work = self._next_row(rows, frame, work, t, 3, also=relations)
        swing = t.swing
        before = weight_column(swing.before, "w", r"\text{solve } y").move_to([WEIGHTS_X[0], WORK_Y, 0])
        self.play(FadeIn(before), run_time=1.5, subcaption=narrative.ill_caption(t), beat="ill_conditioned",
                  narration=narrative.say_ill(t))
        self.wait(1.0)
        after = weight_column(swing.after, "w'", rf"y \text{{ nudged }} {narrative.percent(t.share)}".replace(
            "%", r"\%"), style.NEGATIVE).move_to([WEIGHTS_X[1], WORK_Y, 0])
        jump = Arrow(before[0].get_right(), after[0].get_left(), buff=ARROW_GAP, color=style.NEGATIVE)
        self.play(FadeIn(after), Create(jump), run_time=1.8, subcaption=narrative.nudge_caption(t),
                  beat="nudge",
                  narration=narrative.say_nudge(t))
        self.wait(1.5)
        calm = self._ridge(t, before, after)
        self.play(FadeIn(calm), run_time=1.8, subcaption=narrative.ridge_caption(t), beat="ridge_calms",
                  narration=narrative.say_ridge(t))
        self.wait(2.5)

    # -- the table ---------------------------------------------------------------
    def _table(self, t: narrative.Table) -> VGroup:
        """Header and four rows: situation, rank (of the most), condition number, what it means."""
        def cells(texts: tuple[str, str, str, str], color: str, size: int) -> VGroup:
            group = VGroup()
            for n, (text, x) in enumerate(zip(texts, COLUMNS_X, strict=True)):
                cell = Text(text, font=style.FONT, font_size=size, color=color)
                if n == 3:
                    cell.scale(min(1.0, MEANING_WIDTH / cell.width))
                edge = LEFT if n in (0, 3) else None
                if edge is not None:
                    cell.move_to([x, 0, 0], aligned_edge=edge)
                else:
                    cell.move_to([x, 0, 0])
                group.add(cell)
            return group

        header = cells(("situation", "rank", "condition", "what it means in ML"), style.MUTED,
                       style.SMALL_SIZE)
        table = VGroup(header.set_y(TABLE_TOP))
        for n, (situation, d) in enumerate(zip(t.situations, t.diagnoses, strict=True)):
            row = cells((NAMES[situation], f"{d.rank} of {d.max_rank}",
                         narrative.condition_text(d.condition_number), MEANINGS[situation]),
                        style.FOREGROUND, style.SMALL_SIZE)
            table.add(row.set_y(TABLE_TOP - (n + 1) * TABLE_ROW))
        return table

    def _example(self, t: narrative.Table, n: int) -> VGroup:
        """Row n's example X, its name above it."""
        values = t.matrices[n]
        # Each entry with the decimals it needs (2 at least): 2.0001 shows, 1.00 stays short.
        entries = [[style.tex_number(v, narrative.decimals_of(np.array([v]))) for v in row] for row in values]
        widest = max(len(e) for row in entries for e in row)
        matrix = Matrix(entries, element_to_mobject=MathTex,
                        element_to_mobject_config={"font_size": ENTRY_SIZE, "color": style.FOREGROUND},
                        h_buff=ENTRY_STEP * max(widest, MIN_ENTRY_CHARS), v_buff=0.55, bracket_h_buff=0.15)
        matrix.scale(min(1.0, MATRIX_WIDTH / matrix.width))
        matrix.move_to([MATRIX_LEFT, WORK_Y, 0], aligned_edge=LEFT)
        name = MathTex("X", font_size=style.MATH_SIZE, color=style.FOREGROUND).next_to(matrix, UP,
                                                                                       buff=CAPTION_GAP)
        return VGroup(matrix, name)

    def _next_row(self, rows: VGroup, frame: SurroundingRectangle, work: VGroup, t: narrative.Table, n: int,
                  also: VGroup | None = None) -> tuple[SurroundingRectangle, VGroup]:
        """Light row n and swap in its example (the previous row's weights leave)."""
        moved = SurroundingRectangle(rows[n + 1], color=style.HIGHLIGHT, buff=FRAME_BUFF)
        example = self._example(t, n)
        gone = [FadeOut(also)] if also is not None else []
        self.play(ReplacementTransform(frame, moved), FadeOut(work), FadeIn(example), *gone,
                  run_time=SWAP_TIME)
        return moved, example

    def _relations(self, t: narrative.Table, work: VGroup) -> VGroup:
        """The base column framed, and each other column written as a multiple of it."""
        matrix = work[0]
        base = column_box(matrix, t.base_column, style.HIGHLIGHT, buff=FRAME_BUFF)
        lines = VGroup(*(label(text, style.LABEL_SIZE, style.FOREGROUND)
                         for text in narrative.column_relations(t)))
        lines.arrange(DOWN, aligned_edge=LEFT, buff=RELATION_GAP - lines[0].height)
        lines.next_to(matrix, RIGHT, buff=RELATION_GAP_X)
        return VGroup(base, lines)

    def _ridge(self, t: narrative.Table, before: VGroup, after: VGroup) -> VGroup:
        """Ridge's weights for y and for the nudged y, with how far each solve moved."""
        swing = t.swing
        alpha = narrative.alpha_text(t.alpha)
        ridge = VGroup(
            weight_column(swing.ridge_before, f"ridge, α = {alpha}", "solve y", style.POSITIVE, words=True),
            weight_column(swing.ridge_after, "ridge", "nudged", style.POSITIVE, words=True),
        ).arrange(RIGHT, buff=RIDGE_GAP, aligned_edge=DOWN)
        room = RIGHT_EDGE - after.get_right()[0] - RIDGE_GAP
        ridge.scale(min(1.0, room / ridge.width)).next_to(after, RIGHT, buff=RIDGE_GAP).set_y(WORK_Y)
        moved = MathTex(rf"\text{{moved }} {style.tex_number(swing.moved)}", font_size=style.MATH_SIZE - 10,
                        color=style.NEGATIVE).next_to(VGroup(before, after), DOWN, buff=CAPTION_GAP)
        calm = MathTex(rf"\text{{moved }} {narrative.amount(swing.ridge_moved)}",
                       font_size=style.MATH_SIZE - 10,
                       color=style.POSITIVE).next_to(ridge, DOWN, buff=CAPTION_GAP)
        return VGroup(ridge, moved, calm)


__all__ = ["ConditioningScene"]
