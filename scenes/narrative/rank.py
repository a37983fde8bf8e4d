"""Step 3's words: which vectors are independent, how the redundant one is built, the diagnosis."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from la_core import Lesson, dependency, diagnose, matrix_rank
from la_core.rank import Diagnosis
from scenes.narrative import count_word, listing
from scenes.narrative.speech import said
from scenes.style import fmt

#: What each situation of la_core.diagnose means, in the words of the lesson's diagnosis table.
MEANING = {
    "full rank": "every feature (column) adds real information",
    "rank-deficient": "some features (columns) are combinations of others",
    "rank 1": "every column is a scaled copy of one vector",
    "ill-conditioned": "full on paper, shaky in practice",
}

#: How the column describes what the vectors span, by their rank (0: the fallback for all of 3-D).
SPAN_WORDS = {0: "they span all of space", 1: "they all lie on one line", 2: "they span a flat plane"}

#: Where the cube ends up, by the rank of A (-1: the fallback for full rank): A's outputs are mixes
#: of its columns, so it lands on what the vectors span.
LANDS_ON = {
    0: "the cube shrinks to a point",
    1: "the cube lands on their line",
    2: "the cube lands on their plane",
    -1: "the cube keeps all its depth",
}


def span_words(rank: int) -> str:
    """What the vectors span, by their rank (all of 3-D from rank 3 up)."""
    return SPAN_WORDS.get(rank, SPAN_WORDS[0])


def lands_on(rank: int) -> str:
    """Where the matrix with the vectors as columns puts the cube, by its rank."""
    return LANDS_ON.get(rank, LANDS_ON[-1])


@dataclass(frozen=True)
class Span:
    """The rank scene's story: which vectors come first, which one is redundant and how it is built."""

    names: tuple[str, ...]
    first: tuple[int, ...]  # shown first (all but the redundant one)
    first_independent: bool  # do the first ones point in different directions?
    redundant: int | None
    coefficients: tuple[float, ...]  # the redundant one = sum(c * other), others in order
    rank: int
    target_reachable: bool
    diagnosis: Diagnosis

    @property
    def lost(self) -> int:
        """How many singular values of V fall to zero."""
        return self.diagnosis.max_rank - self.rank


def span(lesson: Lesson) -> Span:
    """la_core's dependency, rank and diagnosis of the lesson's [independence] vectors."""
    names = tuple(lesson.span_vectors)
    vectors = np.vstack(list(lesson.span_vectors.values()))
    found = dependency(vectors)
    redundant = found[0] if found is not None else None
    first = tuple(i for i in range(len(names)) if i != redundant)
    rank = matrix_rank(vectors)
    with_target = matrix_rank(np.vstack([vectors, lesson.unreachable]))
    return Span(
        names=names, first=first, first_independent=matrix_rank(vectors[list(first)]) == len(first),
        redundant=redundant, coefficients=tuple(float(c) for c in found[1]) if found else (),
        rank=rank, target_reachable=with_target == rank, diagnosis=diagnose(lesson.V),
    )


def first_vectors_caption(story: Span) -> str:
    names = listing([story.names[i] for i in story.first])
    if story.first_independent:
        return f"{names} point in different directions"
    return f"{names} lie along one line"


def _falling(lost: int) -> str:
    return f"{count_word(lost)} singular {'value falls' if lost == 1 else 'values fall'} to zero"


def columns_note(story: Span) -> tuple[str, str, str]:
    """Which matrix acts on the cube, and why (three short lines beside it)."""
    names = ", ".join(story.names)
    return f"columns: {names}", "(A = V transposed)", f"A x mixes {names}"


def columns_caption(story: Span) -> str:
    """Why the cube is moved by the matrix with the vectors as columns."""
    where = {0: "the origin", 1: "the line they span", 2: "the plane they span"}.get(story.rank, "their span")
    terms = " + ".join(f"x{i + 1}·{name}" for i, name in enumerate(story.names))
    return (f"Put {listing(story.names)} side by side as the columns of A: A x = {terms} is a mix of "
            f"them, so A lands everything on {where}")


def squash_cube_caption(story: Span) -> str:
    if story.lost == 0:
        return "The cube is stretched and sheared but keeps depth: no singular value reaches zero"
    return f"The cube is squashed flat: {_falling(story.lost)}"


def dependency_text(story: Span) -> str:
    """'v3 = 2·v1 + 1·v2' (whole coefficients without decimals), or '' when independent."""
    if story.redundant is None:
        return ""
    whole = all(abs(c - round(c)) < 1e-9 for c in story.coefficients)
    others = [name for i, name in enumerate(story.names) if i != story.redundant]
    terms = [f"{round(c) if whole else fmt(c)}·{name}"
             for c, name in zip(story.coefficients, others, strict=True)]
    return f"{story.names[story.redundant]} = " + " + ".join(terms).replace("+ −", "− ").replace("+ -", "− ")


def alt(lesson: Lesson) -> str:
    story = span(lesson)
    target = "[" + ", ".join(f"{v:g}" for v in lesson.unreachable) + "]"
    plane = {1: "lie on one line", 2: "span a flat plane"}.get(story.rank, "span all of space")
    built = f"; {dependency_text(story)} adds no new direction" if story.redundant is not None else ""
    reach = "is reachable" if story.target_reachable else "is out of reach"
    situation = ("" if story.diagnosis.situation == "rank 1" else f", {story.diagnosis.situation}")
    cube = ("stretches a cube but keeps its depth" if story.lost == 0
            else f"squashes a cube flat onto what they span as {_falling(story.lost)}")
    return (
        f"In 3-D, {listing(story.names)} {plane}{built}, so the target {target} {reach}. The matrix A with "
        f"columns {listing(story.names)} {cube}: rank {story.rank} of "
        f"{story.diagnosis.max_rank}{situation}."
    )


# ---------------------------------------------------------------- narration (what the voice says)

#: What each diagnosis means for a model, as the lesson's table says it (spoken).
_MEANS = {
    "full rank": "every feature adds real information, and there is one best set of weights",
    "rank-deficient": "some features are combinations of others, so many weight settings fit the data "
                      "equally well",
    "rank 1": "every row is a scaled copy of one vector: a whole grid of numbers holding a single direction",
    "ill-conditioned": "nothing is exactly redundant, but some directions nearly are, so a little noise "
                       "swings the result a lot",
}
_SPAN = {1: "along one line", 2: "on one flat plane"}


def say_intro(story: Span) -> str:
    return (f"Here are {count_word(len(story.names))} vectors in "
            "three-dimensional space. The question that matters is not how many there are, but how many "
            "point in genuinely new directions.")


def say_first(story: Span) -> str:
    names = listing([story.names[i] for i in story.first])
    if story.first_independent:
        built = ("neither is a scaled copy of the other" if len(story.first) == 2
                 else "none of them can be built by scaling and adding the others")
        return f"Start with {names}. They point in different directions: {built}."
    return f"Start with {names}. They lie along one line: each is only a scaled copy of another."


def say_plane(story: Span) -> str:
    where = _SPAN.get(story.rank)
    if where is None:
        return "Scale them and add them, and together they can reach every point in space."
    return (f"Scale them and add them, and you can reach any point {where}, the shaded span, but nothing "
            "off it.")


def say_third(story: Span) -> str:
    return f"Now bring in {story.names[story.redundant]}. Does it point somewhere new?"


def _times(coefficient: float, name: str) -> str:
    whole = abs(coefficient - round(coefficient)) < 1e-9
    if whole and round(coefficient) == 1:
        return f"once along {name}"
    amount = str(round(coefficient)) if whole else said(coefficient)
    amount = amount.replace("-", "minus ").replace("\u2212", "minus ")
    return f"{amount} times along {name}"


def say_walk(story: Span) -> list[str]:
    """One sentence per tip-to-tail step: how far along which of the other vectors."""
    others = [name for i, name in enumerate(story.names) if i != story.redundant]
    steps = [_times(c, name) for c, name in zip(story.coefficients, others, strict=True)]
    return [f"Walk {step}, tip to tail." if n == 0 else f"Then {step}." for n, step in enumerate(steps)]


def say_combination(story: Span) -> str:
    others = [name for i, name in enumerate(story.names) if i != story.redundant]
    built = " plus ".join(_times(c, n).replace("once along ", "1 times ").replace(" along ", " ")
                          for c, n in zip(story.coefficients, others, strict=True))
    return (f"We land exactly on the tip of {story.names[story.redundant]}: it is {built}. It adds no new "
            f"direction: {count_word(len(story.names))} vectors, but nothing the others could not "
            "already reach.")


def say_target(story: Span) -> str:
    names = listing(list(story.names))
    if story.target_reachable:
        return (f"The dashed target is in their span: {names} can reach it, with the right amounts of "
                "each.")
    return (f"Now the dashed target. No mix of {names} reaches it: however you scale and add them, you "
            "never leave their span. Missing directions are places a model cannot go.")


def say_stack(story: Span) -> str:
    return (f"Now put {listing(list(story.names))} side by side as the columns of one matrix, A. A times "
            "any vector is a mix of its columns, so everything A makes lies where they span. A has the "
            "same rank as V, the matrix with them as rows.")


def say_cube() -> str:
    return ("Watch what A does to a cube. The bars are A's singular values: how much A stretches space "
            "in each of its main directions.")


def say_squash(story: Span) -> str:
    if story.lost == 0:
        return ("The cube is stretched and sheared, but it keeps its depth: no singular value reaches "
                "zero, so no direction is lost.")
    onto = {1: "the line", 2: "the plane"}.get(story.rank, "the space")
    return (f"The cube is squashed flat onto {onto} the vectors span: {_falling(story.lost)}. A "
            "direction A stretches by zero is a direction A throws away.")


def say_rank(story: Span) -> str:
    return (f"Count the singular values that are not zero: that is the rank, here rank {story.rank} of "
            f"{story.diagnosis.max_rank}. Every output of A lands in that many real directions.")


def say_diagnosis(story: Span) -> str:
    situation = story.diagnosis.situation
    return (f"In the lesson's diagnosis table, that is {situation}: {_MEANS[situation]}. Rank is also "
            "the idea behind LoRA, as we will see at the end.")
