"""Bad input raises la_core.LinAlgInputError (a ValueError) whose message names the operation and cause.

One test per class of bad input: wrong rank/shape, mismatched lengths, NaN, infinite entries,
empty input, a zero vector where a direction is needed, and a matmul inner-dimension mismatch.
The NaN/inf/empty classes sweep every public function that takes arrays.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import numpy as np
import pytest

import la_core

VEC = np.array([1.0, 2.0, 3.0])
MAT = np.array([[1.0, 2.0], [3.0, 4.0]])


@dataclass(frozen=True)
class Call:
    """A valid call of `function`; argument `poison` is the one replaced by bad input."""

    op: str  # the operation name the message must start with
    function: Callable[..., Any]
    args: tuple[Any, ...]
    poison: int = 0

    def with_arg(self, value: Any) -> Any:
        args = list(self.args)
        args[self.poison] = value
        return self.function(*args)


CALLS = [
    Call("norm", la_core.norm, (VEC,)),
    Call("normalize", la_core.normalize, (VEC,)),
    Call("normalize_rows", la_core.normalize_rows, (MAT,)),
    Call("dot", la_core.dot, (VEC, VEC), poison=1),
    Call("cosine_similarity", la_core.cosine_similarity, (VEC, VEC)),
    Call("normalize_rows", la_core.cosine_matrix, (MAT,)),
    Call("cosine_similarity", la_core.angle_between, (VEC, VEC), poison=1),
    Call("scalar_projection", la_core.scalar_projection, (VEC, VEC), poison=1),
    Call("vector_projection", la_core.vector_projection, (VEC, VEC)),
    Call("plane_coordinates", la_core.plane_coordinates, (VEC, VEC), poison=1),
    Call("pca_project", la_core.pca_project, (MAT,)),
    Call("linear_layer", la_core.linear_layer, (MAT, VEC[:2])),
    Call("linear_layer", la_core.linear_layer, (MAT, VEC[:2]), poison=1),
    Call("matmul_loops", la_core.matmul_loops, (MAT, MAT), poison=1),
    Call("matmul_steps", la_core.matmul_steps, (MAT, MAT)),
    Call("transform", la_core.transform, (MAT, MAT), poison=1),
    Call("basis_images", la_core.basis_images, (MAT,)),
    Call("area_scale", la_core.area_scale, (MAT,)),
    Call("singular_values", la_core.singular_values, (MAT,)),
    Call("rank", la_core.matrix_rank, (MAT,)),
    Call("is_independent", la_core.is_independent, (MAT,)),
    Call("dependency", la_core.dependency, (MAT,)),
    Call("span_basis", la_core.span_basis, (MAT,)),
    Call("null_space", la_core.null_space, (MAT,)),
    Call("condition_number", la_core.condition_number, (MAT,)),
    Call("diagnose", la_core.diagnose, (MAT,)),
    Call("low_rank_approx", la_core.low_rank_approx, (MAT, 1)),
    Call("attention_scores", la_core.attention_scores, (MAT, MAT)),
    Call("attention_scores", la_core.attention_weights, (MAT, MAT), poison=1),
    Call("attention", la_core.attend, (MAT, MAT, MAT), poison=2),
]
CALL_IDS = [f"{c.function.__name__}-arg{c.poison}" for c in CALLS]


def poisoned(array: np.ndarray, value: float) -> np.ndarray:
    """A copy of `array` with its first entry replaced."""
    bad = np.array(array, dtype=float)
    bad.flat[0] = value
    return bad


def raises_naming(*parts: str) -> Any:
    """pytest.raises for LinAlgInputError whose message contains every one of `parts`."""
    every_part = "".join(f"(?=.*{re.escape(part)})" for part in parts)
    return pytest.raises(la_core.LinAlgInputError, match="(?s)" + every_part)


def test_the_error_is_a_value_error_importable_from_la_core() -> None:
    assert issubclass(la_core.LinAlgInputError, ValueError)
    with pytest.raises(ValueError):
        la_core.dot([1, 2], [1, 2, 3])


@pytest.mark.parametrize("call", CALLS, ids=CALL_IDS)
def test_every_valid_call_in_the_sweep_succeeds(call: Call) -> None:
    """Guards the sweep: the errors below come from the poisoned argument, not a broken call."""
    call.with_arg(call.args[call.poison])


# ---------------------------------------------------------------- NaN, inf, empty: every function


@pytest.mark.parametrize("call", CALLS, ids=CALL_IDS)
def test_nan_entries_are_refused(call: Call) -> None:
    bad = poisoned(call.args[call.poison], np.nan)
    with raises_naming(f"{call.op}:", "NaN", str(bad.shape)):
        call.with_arg(bad)


@pytest.mark.parametrize("call", CALLS, ids=CALL_IDS)
def test_infinite_entries_are_refused(call: Call) -> None:
    bad = poisoned(call.args[call.poison], np.inf)
    with raises_naming(f"{call.op}:", "infinite", str(bad.shape)):
        call.with_arg(bad)


@pytest.mark.parametrize("call", CALLS, ids=CALL_IDS)
def test_empty_input_is_refused(call: Call) -> None:
    with raises_naming(f"{call.op}:", "empty"):
        call.with_arg(np.array([]))


def test_softmax_refuses_nan_plus_inf_and_empty_but_allows_minus_inf() -> None:
    with raises_naming("softmax:", "NaN", "(2,)"):
        la_core.softmax([np.nan, 1.0])
    with raises_naming("softmax:", "+inf", "(2,)"):
        la_core.softmax([np.inf, 1.0])
    with raises_naming("softmax:", "empty"):
        la_core.softmax([])
    with raises_naming("softmax:", "entirely -inf"):
        la_core.softmax([[0.0, 1.0], [-np.inf, -np.inf]])


# ---------------------------------------------------------------- wrong rank or shape


@pytest.mark.parametrize(
    ("call", "parts"),
    [
        (lambda: la_core.norm(MAT), ["norm:", "vector (1-D)", "(2, 2)"]),
        (lambda: la_core.normalize_rows(VEC), ["normalize_rows:", "matrix (2-D)", "(3,)"]),
        (lambda: la_core.matmul_loops(VEC, MAT), ["matmul_loops:", "matrix (2-D)", "(3,)"]),
        (lambda: la_core.area_scale(np.ones((2, 3))), ["area_scale:", "(2, 3)", "not square"]),
        (lambda: la_core.linear_layer(MAT, np.ones((2, 2, 2))), ["linear_layer:", "(2, 2, 2)"]),
        (lambda: la_core.attend(MAT, MAT, np.ones((3, 2))), ["attention:", "(3, 2)", "one row per key"]),
        (lambda: la_core.linear_layer(MAT, [1, 1], b=[1, 2, 3]), ["linear_layer:", "bias", "(3,)", "(2, 2)"]),
        (lambda: la_core.pca_project(MAT, k=3), ["pca_project:", "k=3", "(2, 2)"]),
        (lambda: la_core.low_rank_approx(MAT, 3), ["low_rank_approx:", "r=3", "(2, 2)"]),
        (lambda: la_core.lora_parameter_count(4, 3, 4), ["lora_parameter_count:", "r=4", "min(d, k) = 3"]),
        (lambda: la_core.lora_parameter_count(4, 3, 0), ["lora_parameter_count:", "r", "at least 1"]),
        (lambda: la_core.is_independent([[1, 2], [1, 2, 3]]), ["is_independent:", "different shapes"]),
        (lambda: la_core.result_shape((2, 3, 4), (4, 2)), ["matmul:", "(2, 3, 4)", "1-D or 2-D"]),
        (lambda: la_core.similarity_reading(1.5), ["similarity_reading:", "1.5", "[-1, 1]"]),
        (lambda: la_core.matrix_rank(MAT, tol=-1.0), ["rank:", "tol", "-1.0"]),
        (lambda: la_core.norm(["a", "b"]), ["norm:", "not an array of numbers"]),
    ],
    ids=lambda value: value[0] if isinstance(value, list) else "",
)
def test_wrong_rank_or_shape_is_refused(call: Callable[[], Any], parts: list[str]) -> None:
    with raises_naming(*parts):
        call()


# ---------------------------------------------------------------- mismatched lengths


@pytest.mark.parametrize(
    ("op", "function"),
    [
        ("dot", la_core.dot),
        ("cosine_similarity", la_core.cosine_similarity),
        ("scalar_projection", la_core.scalar_projection),
        ("vector_projection", la_core.vector_projection),
        ("plane_coordinates", la_core.plane_coordinates),
    ],
)
def test_vectors_of_different_lengths_are_refused(op: str, function: Callable[..., Any]) -> None:
    with raises_naming(f"{op}:", "different lengths", "(2,)", "(3,)"):
        function([1.0, 2.0], [1.0, 2.0, 3.0])


def test_mismatched_matrix_sides_are_refused() -> None:
    with raises_naming("linear_layer:", "(2, 4)", "(3,)", "4 columns", "3 entries"):
        la_core.linear_layer(np.ones((2, 4)), [1, 2, 3])
    with raises_naming("attention_scores:", "(2, 3)", "(2, 4)", "same length"):
        la_core.attention_scores(np.ones((2, 3)), np.ones((2, 4)))
    with raises_naming("transform:", "(2, 2)", "dimension 3"):
        la_core.transform(MAT, [[1, 2, 3]])


# ---------------------------------------------------------------- zero vector where a direction is needed


@pytest.mark.parametrize(
    ("op", "call"),
    [
        ("normalize", lambda z: la_core.normalize(z)),
        ("cosine_similarity", lambda z: la_core.cosine_similarity(VEC, z)),
        ("cosine_similarity", lambda z: la_core.angle_between(z, VEC)),
        ("scalar_projection", lambda z: la_core.scalar_projection(VEC, z)),
        ("vector_projection", lambda z: la_core.vector_projection(VEC, z)),
        ("plane_coordinates", lambda z: la_core.plane_coordinates(z, VEC)),
        ("plane_coordinates", lambda z: la_core.plane_coordinates(VEC, z)),
    ],
)
def test_zero_vector_has_no_direction(op: str, call: Callable[[np.ndarray], Any]) -> None:
    with raises_naming(f"{op}:", "zero vector", "no direction"):
        call(np.zeros(3))


def test_zero_row_has_no_direction_and_the_row_is_named() -> None:
    with raises_naming("normalize_rows:", "(3, 2)", "row 1", "zero vector"):
        la_core.normalize_rows([[1.0, 0.0], [0.0, 0.0], [0.0, 1.0]])


def test_data_without_spread_cannot_be_projected() -> None:
    with raises_naming("pca_project:", "(3, 2)", "no spread"):
        la_core.pca_project([[1.0, 2.0], [1.0, 2.0], [1.0, 2.0]])


# ---------------------------------------------------------------- matmul inner dimensions


@pytest.mark.parametrize("function", [la_core.matmul_loops, la_core.matmul_steps])
def test_matmul_inner_dimension_mismatch_has_the_exact_message(function: Callable[..., Any]) -> None:
    with pytest.raises(la_core.LinAlgInputError) as caught:
        function(np.ones((2, 3)), np.ones((4, 2)))
    assert str(caught.value) == "matmul: (2, 3) @ (4, 2): inner dimensions 3 and 4 differ"


def test_result_shape_inner_dimension_mismatch_has_the_exact_message() -> None:
    with pytest.raises(la_core.LinAlgInputError) as caught:
        la_core.result_shape((2, 3), (4, 2))
    assert str(caught.value) == "matmul: (2, 3) @ (4, 2): inner dimensions 3 and 4 differ"
    with raises_naming("matmul:", "(5, 8) @ (5, 8)", "8 and 5"):
        la_core.result_shape((5, 8), (5, 8))  # exercise 3 without the transpose
