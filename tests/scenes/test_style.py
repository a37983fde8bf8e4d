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



def test_percent_never_rounds_a_share_up_to_all_or_down_to_none() -> None:
    """Issue 17: 99.7 % of the squared length must not read "100"."""
    assert style.percent(0.997) == "99.7"
    assert style.percent(0.99996) == "99.996"
    assert style.percent(0.0002) == "0.02"
    assert style.percent(0.00003, 2) == "0.003"
    assert style.percent(1.0) == "100" and style.percent(0.0) == "0"
    assert style.percent(0.5) == "50" and style.percent(0.0078125, 2) == "0.78"


@given(st.floats(min_value=0.0, max_value=1.0), st.integers(min_value=0, max_value=2))
def test_percent_is_the_share_rounded_at_the_fewest_decimals_that_tell_the_truth(share: float,
                                                                                decimals: int) -> None:
    text = style.percent(share, decimals)
    shown = float(text)
    places = len(text.partition(".")[2])
    assert places >= decimals
    assert math.isclose(shown, 100 * share, abs_tol=0.5 * 10.0**-places + 1e-12)
    if abs(100 * share - 100) > 1e-6:
        assert shown != 100
    if 100 * share > 1e-6:
        assert shown != 0
