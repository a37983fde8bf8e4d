"""The LoRA counts figure's labels: a count as a reader reads it, up to the largest layer allowed."""

from __future__ import annotations

import pytest

from la_core.lesson.checks import MAX_LAYER_SIDE
from la_render.figures.matrices import _count


@pytest.mark.parametrize(("value", "label"), [(512, "512"), (65_536, "65.5k"), (16_777_216, "16.8M"),
                                              (MAX_LAYER_SIDE**2, "4.29G")])
def test_counts_keep_three_figures_and_a_unit(value: int, label: str) -> None:
    assert _count(value) == label
