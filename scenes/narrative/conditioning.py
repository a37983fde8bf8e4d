"""Step 3's diagnosis table in words: each row's example solved with la_core, and what it shows
(one best w, two equally good ones and ridge's pick, the scaled columns, the swing and the calm)."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from la_core import (
    Lesson,
    diagnose,
    equally_good_weights,
    least_squares,
    nudged,
    residual,
    ridge_solve,
)
from la_core.rank import Diagnosis
from scenes.narrative import listing
from scenes.narrative.speech import said, said_all
from scenes.style import fmt

MAX_DECIMALS = 5
#: Ridge "calms" the swing when its weights move at most this share of the plain solve's move.
CALM_SHARE = 0.1


def decimals_of(matrix: np.ndarray) -> int:
    """Decimals that show every entry as written (2 at least, MAX_DECIMALS at most)."""
    for places in range(2, MAX_DECIMALS):
        if np.allclose(np.round(matrix, places), matrix, rtol=0, atol=1e-12):
            return places
    return MAX_DECIMALS


def condition_text(value: float) -> str:
    """A condition number as read on screen: ∞, 4.00, or 90,004 when it is large."""
    if not np.isfinite(value):
        return "∞"
    return f"{value:,.0f}" if value >= 1000 else fmt(value)


def amount(value: float) -> str:
    """A size as read: two decimals, or two significant digits when smaller than 0.01."""
    if value >= 0.01 or value == 0:
        return fmt(value)
    places = min(8, 1 - int(np.floor(np.log10(value))))
    return f"{value:.{places}f}"


def weights_text(w: np.ndarray) -> str:
    return "(" + ", ".join(fmt(float(v)) for v in w) + ")"


@dataclass(frozen=True)
class Swing:
    """The ill-conditioned example: plain and ridge weights before and after the nudge."""

    before: np.ndarray
    after: np.ndarray
    ridge_before: np.ndarray
    ridge_after: np.ndarray
    nudge: float  # |Δy|

    @property
    def moved(self) -> float:
        return float(np.linalg.norm(self.after - self.before))

    @property
    def ridge_moved(self) -> float:
        return float(np.linalg.norm(self.ridge_after - self.ridge_before))

    @property
    def calm(self) -> bool:
        return self.ridge_moved <= CALM_SHARE * self.moved


@dataclass(frozen=True)
class Table:
    """Every row of the table, solved: la_core's diagnoses and weights for the lesson's examples."""

    situations: tuple[str, ...]
    matrices: tuple[np.ndarray, ...]
    diagnoses: tuple[Diagnosis, ...]
    y: np.ndarray
    best: np.ndarray  # the full-rank example's one best w
    best_fit: float
    equal: tuple[np.ndarray, np.ndarray]  # two weights fitting the rank-deficient example
    equal_fits: tuple[float, float]
    ridge_pick: np.ndarray
    base_column: int  # the rank-1 example: the column every other is a multiple of
    multiples: tuple[float, ...]  # column j = multiples[j] × the base column
    swing: Swing
    share: float
    alpha: float


def table(lesson: Lesson) -> Table:
    situations = tuple(lesson.situation_matrices)
    matrices = tuple(np.asarray(m) for m in lesson.situation_matrices.values())
    by = dict(zip(situations, matrices, strict=True))
    y, alpha, share = lesson.fit_targets, lesson.ridge_alpha, lesson.nudge_share
    full, deficient, one, nearly = (by[s] for s in ("full rank", "rank-deficient", "rank 1",
                                                    "ill-conditioned"))
    best = least_squares(full, y)
    first, second = equally_good_weights(deficient, y)
    base = int(np.argmax(np.linalg.norm(one, axis=0) > 0))
    column = one[:, base]
    multiples = tuple(float(one[:, j] @ column / (column @ column)) for j in range(one.shape[1]))
    moved = nudged(nearly, y, share)
    swing = Swing(least_squares(nearly, y), least_squares(nearly, moved), ridge_solve(nearly, y, alpha),
                  ridge_solve(nearly, moved, alpha), float(np.linalg.norm(moved - y)))
    return Table(
        situations=situations, matrices=matrices, diagnoses=tuple(diagnose(m) for m in matrices), y=y,
        best=best, best_fit=residual(full, best, y), equal=(first, second),
        equal_fits=(residual(deficient, first, y), residual(deficient, second, y)),
        ridge_pick=ridge_solve(deficient, y, alpha), base_column=base, multiples=multiples, swing=swing,
        share=share, alpha=alpha,
    )


def percent(share: float) -> str:
    return f"{100 * share:g} %"


def alpha_text(alpha: float) -> str:
    return f"{alpha:g}"


def intro_caption() -> str:
    return "Step 3's table: what a matrix's rank says about the weights w that fit X w ≈ y."


def full_caption(t: Table) -> str:
    d = t.diagnoses[0]
    return (f"Full rank ({d.rank} of {d.max_rank}): one best set of weights, w = {weights_text(t.best)}.")


def deficient_caption(t: Table) -> str:
    d = t.diagnoses[1]
    fits = "both fit exactly" if max(t.equal_fits) < 0.005 else f"both miss y by {fmt(t.equal_fits[0])}"
    return (f"Rank-deficient ({d.rank} of {d.max_rank}): {weights_text(t.equal[0])} and "
            f"{weights_text(t.equal[1])} fit equally well; {fits}.")


def ridge_pick_caption(t: Table) -> str:
    pick = weights_text(t.ridge_pick)
    return f"Regularization picks one: ridge with α = {alpha_text(t.alpha)} gives {pick}."


def column_relations(t: Table) -> list[str]:
    """'column 2 = 2.00 × column 1' for every column but the base one."""
    base = t.base_column + 1
    return [f"column {j + 1} = {fmt(m)} × column {base}" for j, m in enumerate(t.multiples)
            if j != t.base_column]


def rank_one_caption(t: Table) -> str:
    return f"Rank 1: every column is a scaled copy of one: {listing(column_relations(t))}."


def ill_caption(t: Table) -> str:
    d = t.diagnoses[3]
    return (f"Almost rank-deficient: full rank on paper, but its condition number is "
            f"{condition_text(d.condition_number)}. Solved, w = {weights_text(t.swing.before)}.")


def nudge_caption(t: Table) -> str:
    return (f"Nudge y by {percent(t.share)} (a change of {amount(t.swing.nudge)}, along the direction X "
            f"stretches least): the weights swing by {fmt(t.swing.moved)}, to {weights_text(t.swing.after)}.")


def ridge_caption(t: Table) -> str:
    s = t.swing
    if s.calm:
        return (f"Same fix: regularize. Ridge with α = {alpha_text(t.alpha)} moves only "
                f"{amount(s.ridge_moved)} under the same nudge.")
    return (f"Ridge with α = {alpha_text(t.alpha)} still moves {amount(s.ridge_moved)} under the same "
            "nudge: a stronger α would calm it.")


def alt(lesson: Lesson) -> str:
    t = table(lesson)
    ranks = ", ".join(
        f"{s} (rank {d.rank} of {d.max_rank}, condition number {condition_text(d.condition_number)})"
        for s, d in zip(t.situations, t.diagnoses, strict=True))
    alpha, ridge_moved = alpha_text(t.alpha), amount(t.swing.ridge_moved)
    calm = (f"ridge regression with α = {alpha} moves only {ridge_moved}" if t.swing.calm
            else f"ridge regression with α = {alpha} still moves {ridge_moved}")
    return (
        f"Step 3's diagnosis table, one example matrix X per row: {ranks}. Full rank gives one best w, "
        f"{weights_text(t.best)}; rank-deficient lets {weights_text(t.equal[0])} and "
        f"{weights_text(t.equal[1])} fit equally well, and ridge picks {weights_text(t.ridge_pick)}; rank 1 "
        f"has {listing(column_relations(t))}; nudging y by {percent(t.share)} swings the ill-conditioned "
        f"solution from {weights_text(t.swing.before)} to {weights_text(t.swing.after)} (a move of "
        f"{fmt(t.swing.moved)}), while {calm}."
    )


# ---------------------------------------------------------------- narration (what the voice says)


def _spoken_percent(share: float) -> str:
    return f"{100 * share:g} percent"


def say_intro() -> str:
    return ("Rank is not just geometry. It decides whether training has one answer, many answers, or an "
            "answer that wobbles.")


def say_table() -> str:
    return ("Each row of this table is one situation from the lesson, with a small example matrix X. "
            "In each one we look for the weights w that make X times w match the targets y.")


def say_full(t: Table) -> str:
    d = t.diagnoses[0]
    return (f"Full rank, {d.rank} of {d.max_rank}: every column of X adds real information, so there is "
            f"exactly one best set of weights, {said_all(t.best)}, and training can find it.")


def say_deficient(t: Table) -> str:
    d = t.diagnoses[1]
    fits = ("both fit exactly" if max(t.equal_fits) < 0.005
            else f"both miss y by the same {said(t.equal_fits[0])}")
    return (f"Rank-deficient, {d.rank} of {d.max_rank}: one column is a mix of the others. Two quite "
            f"different weight settings fit equally well; {fits}. In fact infinitely many do, so the "
            "data alone cannot choose.")


def say_ridge_pick(t: Table) -> str:
    return (f"Regularization is how you pick one. Ridge regression, with a strength of "
            f"{alpha_text(t.alpha)}, prefers small "
            f"weights, and picks {said_all(t.ridge_pick)}.")


def say_rank_one(t: Table) -> str:
    base = t.base_column + 1
    relations = [f"column {j + 1} is {said(m)} times column {base}" for j, m in enumerate(t.multiples)
                 if j != t.base_column]
    return (f"Rank 1: every column is a scaled copy of one. Here {listing(relations)}. A whole grid of "
            "numbers, holding a single direction of information.")


def say_ill(t: Table) -> str:
    d = t.diagnoses[3]
    condition = condition_text(d.condition_number).replace("∞", "infinite")
    return (f"Almost rank-deficient: full rank on paper, but some directions are nearly redundant. Its "
            f"condition number, how much it can magnify a small error, is {condition}. Solved as it is, "
            f"the weights are {said_all(t.swing.before)}.")


def say_nudge(t: Table) -> str:
    return (f"Now nudge the targets y by just {_spoken_percent(t.share)}, a change of "
            f"{amount(t.swing.nudge)}, in the direction X stretches least. The weights swing by "
            f"{said(t.swing.moved)}, to {said_all(t.swing.after)}. Tiny noise in, a huge change out: that "
            "is what ill-conditioned means.")


def say_ridge(t: Table) -> str:
    s = t.swing
    if s.calm:
        return (f"Same fix: regularize. With ridge at a strength of {alpha_text(t.alpha)}, the same nudge "
                "moves the "
                f"weights only {amount(s.ridge_moved)}. A small preference for small weights makes the "
                "answer stable.")
    return (f"Ridge at a strength of {alpha_text(t.alpha)} still moves the weights {amount(s.ridge_moved)} "
            "under the same nudge; a stronger ridge would calm it.")
