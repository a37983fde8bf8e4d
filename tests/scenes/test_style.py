"""The number formats every scene and figure shares, against Python's own float parsing."""

from __future__ import annotations

import math

from hypothesis import given
from hypothesis import strategies as st

from scenes import style

finite = st.floats(min_value=-1e6, max_value=1e6, allow_nan=False)


@given(finite, st.integers(min_value=0, max_value=4))
def test_fmt_reads_back_as_the_rounded_value_with_a_true_minus(value: float, decimals: int) -> None:
    text = style.fmt(value, decimals)
    assert "-" not in text
    parsed = float(text.replace("\u2212", "-"))
    assert math.isclose(parsed, round(value, decimals), abs_tol=10.0**-decimals)
    assert len(text.partition(".")[2]) == decimals
    assert not text.startswith("\u2212") or parsed < 0  # never "−0.00"


@given(finite, st.integers(min_value=0, max_value=4))
def test_tex_number_is_fmt_with_an_ascii_minus(value: float, decimals: int) -> None:
    tex = style.tex_number(value, decimals)
    assert "\u2212" not in tex
    assert tex == style.fmt(value, decimals).replace("\u2212", "-")
    assert float(tex) == float(f"{float(tex):.{decimals}f}")


def test_small_negatives_do_not_show_a_minus_zero() -> None:
    assert style.fmt(-0.001) == "0.00" and style.tex_number(-0.004) == "0.00"
    assert style.fmt(-0.5, 1) == "\u22120.5" and style.tex_number(-0.5, 1) == "-0.5"

