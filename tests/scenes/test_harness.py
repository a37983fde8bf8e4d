"""The harness reads numbers off the screen as a viewer does; the scene tests rely on it."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from tests.scenes.harness import read_numbers


@given(st.integers(min_value=0, max_value=10**9), st.integers(min_value=0, max_value=10**9))
def test_grouped_thousands_are_one_number(first: int, second: int) -> None:
    text = f"A layer: {first:,} weights; LoRA: {second:,} (0.39%), at (1,2)"
    assert read_numbers(text) == [first, second, 0.39, 1, 2]


@given(st.floats(min_value=-1e4, max_value=1e4, allow_nan=False))
def test_signed_decimals_read_back(value: float) -> None:
    printed = f"{value:.2f}".replace("-", "\u2212")
    assert read_numbers(f"x = {printed}") == [float(f"{value:.2f}")]


def test_names_with_digits_are_not_numbers() -> None:
    assert read_numbers(r"v12 \sigma_{1} rank-8 x^2") == [1, 8]
