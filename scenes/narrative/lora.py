"""LoRA's words: the parameter counts, whether the factors save anything, the rank."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from la_core import Lesson, lora_factors, lora_parameter_count
from scenes.narrative import article
from scenes.narrative.speech import by, said
from scenes.style import percent


def lora_matrices(lesson: Lesson) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """(ΔW, B, A) for the lesson: ΔW = B @ A with B (d×r) and A (r×k) from la_core."""
    b, a = lora_factors(lesson.lora_d, lesson.lora_k, lesson.lora_r, lesson.lora_seed)
    return b @ a, b, a


def shown_layer_rank(lesson: Lesson) -> int:
    """The realistic-layer rank the scene quotes: the middle of the lesson's list."""
    return lesson.layer_ranks[len(lesson.layer_ranks) // 2]


@dataclass(frozen=True)
class LoraCounts:
    """Parameters of the small update and of the realistic layer, full against factored."""

    full: int
    factored: int
    layer_rank: int
    layer_full: int
    layer_factored: int

    @property
    def saves(self) -> bool:
        return self.factored < self.full

    @property
    def layer_percent(self) -> float:
        return 100 * self.layer_factored / self.layer_full

    @property
    def layer_share_text(self) -> str:
        """The factors' share of the layer's weights in percent, two decimals, never rounded to
        a claim it does not hold (0.003, not 0.00; 99.996, not 100.00)."""
        return percent(self.layer_factored / self.layer_full, 2)


def lora_counts(lesson: Lesson) -> LoraCounts:
    """la_core's parameter counts for the lesson's small ΔW and for its realistic layer."""
    full, factored = lora_parameter_count(lesson.lora_d, lesson.lora_k, lesson.lora_r)
    layer_rank = shown_layer_rank(lesson)
    layer_full, layer_factored = lora_parameter_count(lesson.layer_d, lesson.layer_k, layer_rank)
    return LoraCounts(full, factored, layer_rank, layer_full, layer_factored)


def counts_caption(counts: LoraCounts) -> str:
    if counts.saves:
        return f"Training B and A means {counts.factored} numbers instead of {counts.full}."
    return (f"Training B and A means {counts.factored} numbers, no fewer than ΔW's {counts.full}: "
            "at this r the factors save nothing.")


def layer_caption(lesson: Lesson, counts: LoraCounts) -> str:
    share = counts.layer_share_text
    size = f"{lesson.layer_d} × {lesson.layer_k}"
    if counts.layer_factored < counts.layer_full:
        return f"For a real {size} layer, rank-{counts.layer_rank} factors train {share}% of its weights."
    return f"For a {size} layer, rank-{counts.layer_rank} factors are {share}% of its weights: no saving."


def alt(lesson: Lesson) -> str:
    d, k, r = lesson.lora_d, lesson.lora_k, lesson.lora_r
    counts = lora_counts(lesson)
    cost = (f"training the factors means {counts.factored} numbers instead of {counts.full}" if counts.saves
            else f"the factors hold {counts.factored} numbers, no fewer than ΔW's {counts.full}")
    values = "value of ΔW is" if r == 1 else "values of ΔW are"
    return (
        f"{article(d).capitalize()} {d}×{k} weight update ΔW, drawn as a heatmap, equals B ({d}×{r}) "
        f"times A ({r}×{k}); {cost}. Only {r} singular {values} non-zero: its rank is {r}."
    )


# ---------------------------------------------------------------- narration (what the voice says)


def say_intro() -> str:
    return ("LoRA fine-tunes a huge model without learning a whole new weight matrix: it learns a "
            "low-rank update instead.")


def say_update(lesson: Lesson) -> str:
    d, k = lesson.lora_d, lesson.lora_k
    return (f"Here is a weight update: {article(d)} {by(d, k)} grid of numbers, one colour per "
            "number. Fine-tuning means learning an update like this and adding it to the frozen weights.")


def say_factors(lesson: Lesson) -> str:
    d, k, r = lesson.lora_d, lesson.lora_k, lesson.lora_r
    return (f"But this update is exactly B, {by(d, r)}, times A, {by(r, k)}. Two factors, multiplied "
            "together, make the whole grid.")


def say_cell() -> str:
    return ("Each cell of the update is a row of B dotted with a column of A: the same row-times-column rule "
            "as in matrix multiplication.")


def say_counts(lesson: Lesson, counts: LoraCounts) -> str:
    d, k, r = lesson.lora_d, lesson.lora_k, lesson.lora_r
    if counts.saves:
        return (f"So training B and A means learning {counts.factored} numbers instead of {counts.full}: "
                f"{r} times the sum of {d} and {k}, instead of {d} times {k}.")
    return (f"Training B and A means {counts.factored} numbers, no fewer than the update's {counts.full}: at "
            "this rank, the factors save nothing.")


def say_layer(lesson: Lesson, counts: LoraCounts) -> str:
    share = said(counts.layer_percent)
    size = by(lesson.layer_d, lesson.layer_k)
    if counts.layer_factored < counts.layer_full:
        return (f"For a real {size} layer, rank {counts.layer_rank} factors train only {share} percent of "
                "its weights. That is how LoRA fine-tunes a huge matrix with so few parameters.")
    return (f"For a {size} layer, rank {counts.layer_rank} factors are {share} percent of its weights: "
            "no saving.")


def say_look_inside() -> str:
    return "Why can two factors stand in for the whole update? Look inside the update."


def say_singular() -> str:
    return ("These bars are the update's singular values: one for each direction it could use, and "
            "how strongly it uses it.")


def say_nonzero(rank: int) -> str:
    verb = "is" if rank == 1 else "are"
    return f"Only {rank} of them {verb} not zero. Every other direction is simply unused."


def say_verdict(rank: int) -> str:
    return (f"The update has rank {rank}: everything it does fits through {rank} directions, and that is "
            "exactly what B and A hold. Low rank is why LoRA is cheap.")
