"""The model's chain (token ids -> embeddings -> Q, K -> scores -> weights), the dot product's
terms and exercise 2's check, against plain numpy/scipy written out here."""

from __future__ import annotations

import math

import numpy as np
import pytest
import scipy.special

import la_core

TABLE = np.array([[0.9, 0.8, 0.1, 0.7], [0.9, 0.2, 0.1, 0.8], [0.1, 0.1, 0.9, 0.2]])
W_Q = np.array([[1.0, 0.0, 0.0, 0.0], [0.0, 1.0, 0.0, 0.0]])
W_K = np.array([[0.5, 0.0, 1.0, 0.0], [0.0, -1.0, 0.0, 2.0]])


def test_the_chain_of_the_lesson_by_hand() -> None:
    """ids (2, 0) pick queen and king; W_Q keeps the first two coordinates."""
    chain = la_core.model_chain(TABLE, [2, 0], W_Q, W_Q)
    np.testing.assert_array_equal(chain.X, [TABLE[2], TABLE[0]])
    np.testing.assert_allclose(chain.Q, [[0.1, 0.1], [0.9, 0.8]])
    np.testing.assert_allclose(chain.K, chain.Q)
    # 0.1·0.1 + 0.1·0.1 = 0.02; 0.1·0.9 + 0.1·0.8 = 0.17; 0.9² + 0.8² = 1.45
    np.testing.assert_allclose(chain.scores, [[0.02, 0.17], [0.17, 1.45]])


def test_the_chain_against_numpy_and_scipy() -> None:
    rng = np.random.default_rng(3)
    table, ids = rng.standard_normal((6, 4)), np.array([5, 1, 1, 3])
    chain = la_core.model_chain(table, ids, W_Q, W_K)
    x = table[ids]
    q, k = x @ W_Q.T, x @ W_K.T
    np.testing.assert_allclose(chain.Q, q)
    np.testing.assert_allclose(chain.K, k)
    np.testing.assert_allclose(chain.scores, q @ k.T)
    np.testing.assert_allclose(chain.weights, scipy.special.softmax(q @ k.T / math.sqrt(2), axis=1))
    np.testing.assert_allclose(chain.weights.sum(axis=1), 1.0)
    assert chain.X.shape == (4, 4) and chain.scores.shape == (4, 4)


def test_token_ids_are_positions_in_the_vocabulary() -> None:
    assert la_core.token_ids(["king", "queen", "apple"], ["apple", "king", "apple"]).tolist() == [2, 0, 2]


@pytest.mark.parametrize(("call", "words"), [
    (lambda: la_core.token_ids(["king"], ["queen"]), ["token_ids", "'queen'"]),
    (lambda: la_core.token_ids(["king"], []), ["token_ids", "no tokens"]),
    (lambda: la_core.model_chain(TABLE, [3], W_Q, W_Q), ["model_chain", "0 to 2"]),
    (lambda: la_core.model_chain(TABLE, [0.5], W_Q, W_Q), ["model_chain", "row numbers"]),
    (lambda: la_core.model_chain(TABLE, [0], W_Q[:, :3], W_Q), ["columns"]),
    (lambda: la_core.model_chain(TABLE, [0], W_Q, W_K[:1]), ["same length"]),
])
def test_bad_chains_say_what_is_wrong(call, words: list[str]) -> None:
    with pytest.raises(la_core.LinAlgInputError) as error:
        call()
    for word in words:
        assert word in str(error.value)


def test_dot_terms_are_the_products_and_their_sum() -> None:
    products, total = la_core.dot_terms([0.9, 0.8, 0.1, 0.7], [0.9, 0.2, 0.1, 0.8])
    np.testing.assert_allclose(products, [0.81, 0.16, 0.01, 0.56])
    assert total == pytest.approx(1.54)
    with pytest.raises(la_core.LinAlgInputError, match="different lengths"):
        la_core.dot_terms([1, 2], [1, 2, 3])


def test_loops_difference_is_the_largest_cell_gap_to_numpy() -> None:
    a, b = np.array([[0.1, 0.2, 0.3]]), np.array([[0.3], [0.2], [0.1]])
    loops = 0.0
    for t in range(3):
        loops += a[0, t] * b[t, 0]
    assert la_core.loops_difference(a, b) == abs(loops - float((a @ b)[0, 0]))
    assert la_core.loops_difference([[1, 2], [3, 4]], [[5, 6], [7, 8]]) == 0.0


def test_running_totals_end_on_the_cell() -> None:
    a, b = np.array([[1.0, 2.0, 3.0]]), np.array([[4.0], [5.0], [6.0]])
    (step,) = la_core.matmul_steps(a, b)
    assert step.running_totals.tolist() == [4.0, 14.0, 32.0]
