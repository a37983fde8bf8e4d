"""LoRA's words: the parameter counts, whether the factors save anything, the rank."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from la_core import Lesson, lora_factors, lora_parameter_count
from scenes.narrative import article
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
