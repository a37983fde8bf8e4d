"""la_core.attention against scipy's softmax, the lesson's score matrix and a plain-Python attention."""

from __future__ import annotations

import math

import numpy as np
import pytest
import scipy.special
from hypothesis import given
from hypothesis import strategies as st
from hypothesis.extra.numpy import arrays

import la_core
from tests.core.strategies import finite_floats

KING = [0.9, 0.8, 0.1, 0.7]
QUEEN = [0.9, 0.2, 0.1, 0.8]
APPLE = [0.1, 0.1, 0.9, 0.2]
# Q @ K.T for Q = K = [king, queen, apple], each entry a 4-term dot product worked by hand.
LESSON_SCORES = [
    [1.95, 1.54, 0.40],
    [1.54, 1.50, 0.36],
    [0.40, 0.36, 0.87],
]


def hand_attention(Q: np.ndarray, K: np.ndarray, V: np.ndarray, causal: bool = False) -> np.ndarray:
    """Scaled dot-product attention with Python loops and math.exp: an independent reference."""
    d = len(Q[0])
    out = []
    for i, q in enumerate(Q):
        visible = [j for j in range(len(K)) if not causal or j <= i]
        scores = [math.fsum(a * b for a, b in zip(q, K[j], strict=True)) / math.sqrt(d) for j in visible]
        top = max(scores)
        exps = [math.exp(s - top) for s in scores]
        total = math.fsum(exps)
        out.append([math.fsum(e / total * V[j][c] for e, j in zip(exps, visible, strict=True))
                    for c in range(len(V[0]))])
    return np.array(out)


QKV = tuple[np.ndarray, np.ndarray, np.ndarray]


@st.composite
def qkv(draw: st.DrawFn) -> QKV:
    """Queries (n, d), keys (m, d) and values (m, e) of moderate size."""
    seed = draw(st.integers(0, 2**32 - 1))
    n, m, d, e = (draw(st.integers(1, 5)) for _ in range(4))
    scale = draw(st.sampled_from([0.1, 1.0, 10.0]))
    rng = np.random.default_rng(seed)
    return (scale * rng.standard_normal((n, d)), scale * rng.standard_normal((m, d)),
            rng.standard_normal((m, e)))


# ---------------------------------------------------------------- softmax


@given(arrays(np.float64, st.tuples(st.integers(1, 4), st.integers(1, 5)), elements=finite_floats()),
       st.sampled_from([0, 1, -1]))
def test_softmax_matches_scipy(x: np.ndarray, axis: int) -> None:
    np.testing.assert_allclose(la_core.softmax(x, axis=axis), scipy.special.softmax(x, axis=axis),
                               rtol=1e-12, atol=1e-300)


@given(arrays(np.float64, st.tuples(st.integers(1, 4), st.integers(1, 6)),
              elements=st.floats(-1e4, 1e4) | st.sampled_from([1e4, -1e4, 1e300, -1e300])))
def test_softmax_rows_sum_to_one_even_for_huge_inputs(x: np.ndarray) -> None:
    weights = la_core.softmax(x)
    assert np.all(np.isfinite(weights))
    assert np.all((weights >= 0) & (weights <= 1))
    np.testing.assert_allclose(weights.sum(axis=-1), 1.0, rtol=1e-12)


def test_softmax_of_1e4_does_not_overflow() -> None:
    np.testing.assert_allclose(la_core.softmax([1e4, 1e4]), [0.5, 0.5])
    np.testing.assert_allclose(la_core.softmax([1e4, 0.0, -1e4]), [1.0, 0.0, 0.0])


@given(arrays(np.float64, st.integers(1, 6), elements=finite_floats()), finite_floats())
def test_softmax_ignores_a_constant_shift(x: np.ndarray, shift: float) -> None:
    np.testing.assert_allclose(la_core.softmax(x + shift), la_core.softmax(x), rtol=1e-9, atol=1e-300)


def test_softmax_gives_masked_entries_zero_weight() -> None:
    np.testing.assert_allclose(la_core.softmax([0.0, -np.inf, math.log(3)]), [0.25, 0.0, 0.75])


def test_softmax_by_hand() -> None:
    e = math.e
    np.testing.assert_allclose(la_core.softmax([0.0, 1.0]), [1 / (1 + e), e / (1 + e)])
    high, low = e / (1 + e), 1 / (1 + e)
    np.testing.assert_allclose(la_core.softmax([[1.0, 1.0], [0.0, 0.0]], axis=0), [[high, high], [low, low]])
    np.testing.assert_allclose(la_core.softmax([[1.0, 1.0], [0.0, 0.0]], axis=1), [[0.5, 0.5], [0.5, 0.5]])


# ---------------------------------------------------------------- scores


def test_attention_scores_of_the_lesson() -> None:
    words = [KING, QUEEN, APPLE]
    scores = la_core.attention_scores(words, words)
    assert scores.shape == (3, 3)
    np.testing.assert_allclose(scores, LESSON_SCORES, atol=1e-12)
    np.testing.assert_allclose(la_core.attention_scores(words, words, scaled=True),
                               np.array(LESSON_SCORES) / 2.0, atol=1e-12)  # sqrt(d) = sqrt(4)


def test_exercise_3_scores_have_shape_5_by_5() -> None:
    Q, K = la_core.load_lesson().exercise_qk()
    assert Q.shape == K.shape == (5, 8)
    scores = la_core.attention_scores(Q, K)
    assert scores.shape == (5, 5)
    assert scores[1, 3] == pytest.approx(math.fsum(Q[1] * K[3]))


@given(qkv())
def test_attention_scores_match_numpy(problem: QKV) -> None:
    Q, K, _ = problem
    np.testing.assert_allclose(la_core.attention_scores(Q, K), Q @ K.T, rtol=1e-12, atol=1e-12)
    np.testing.assert_allclose(la_core.attention_scores(Q, K, scaled=True), Q @ K.T / np.sqrt(Q.shape[1]),
                               rtol=1e-12, atol=1e-12)


# ---------------------------------------------------------------- weights and attention


@given(qkv())
def test_attention_weights_are_scipy_softmax_of_scaled_scores(problem: QKV) -> None:
    Q, K, _ = problem
    weights = la_core.attention_weights(Q, K)
    expected = scipy.special.softmax(Q @ K.T / np.sqrt(Q.shape[1]), axis=1)
    np.testing.assert_allclose(weights, expected, rtol=1e-10, atol=1e-300)
    np.testing.assert_allclose(weights.sum(axis=1), 1.0, rtol=1e-12)


@given(qkv())
def test_causal_weights_are_zero_above_the_diagonal(problem: QKV) -> None:
    Q, K, _ = problem
    weights = la_core.attention_weights(Q, K, causal=True)
    rows, cols = np.indices(weights.shape)
    assert np.all(weights[cols > rows] == 0.0)
    np.testing.assert_allclose(weights.sum(axis=1), 1.0, rtol=1e-12)
    assert weights[0, 0] == 1.0, "the first token can only look at itself"


def test_causal_mask_is_lower_triangular() -> None:
    np.testing.assert_array_equal(la_core.causal_mask(3, 3), [[1, 0, 0], [1, 1, 0], [1, 1, 1]])
    np.testing.assert_array_equal(la_core.causal_mask(2, 4), np.tri(2, 4, dtype=bool))


@given(qkv(), st.booleans())
def test_attention_equals_a_hand_loop(problem: QKV, causal: bool) -> None:
    Q, K, V = problem
    np.testing.assert_allclose(la_core.attend(Q, K, V, causal=causal), hand_attention(Q, K, V, causal),
                               rtol=1e-9, atol=1e-12)


def test_attention_of_the_lesson_words_over_v1_v2_v3() -> None:
    """The lesson's tokens attending over v1, v2, v3: output rows are weighted averages of V's rows."""
    words = np.array([KING, QUEEN, APPLE])
    V = np.array([[1, 0, 0], [0, 1, 0], [2, 1, 0]], dtype=float)
    out = la_core.attend(words, words, V)
    np.testing.assert_allclose(out, hand_attention(words, words, V), rtol=1e-12)
    np.testing.assert_allclose(out[:, 2], 0.0)  # every average stays in the x-y plane of v1, v2, v3
